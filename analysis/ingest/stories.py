"""Which articles report the same event: the story column, or a grouping to review.

When the data carries a story (a column at import, ``--story``), that is used as it is.
Articles imported without one have the story ``unassigned``; :func:`group_stories` groups
them:

1. every article becomes a TF-IDF vector of its words (lower-cased, three letters or
   more; sublinear term frequency ``1 + log tf``, smoothed idf ``log((1 + n) / (1 + df)) + 1``,
   unit length), so rare, event-specific words (names, places) weigh most;
2. two articles are linked when they were published within ``window_days`` of each other
   (undated articles are compared with every article) and the cosine similarity of their
   vectors is at least ``threshold`` (default 0.3: the seed study's two reports of one event
   score 0.46 and two short reports of one event in the import fixtures 0.36, while articles
   of different stories there score at most 0.18);
3. a story is a connected component of the links; its name is its earliest date and its
   three heaviest words (``2023-03-14-bridge-harbour-bearings``);
4. ``confidence`` of an article: the mean cosine similarity to the other articles of its
   story (how tightly it belongs); for an article alone in its story, one minus its
   highest similarity to any article in its window (how clearly it stands alone).

:func:`write_story_groups` writes ``stories.csv`` (``id``, ``story``, ``confidence``,
``method``) beside the manifest for review: edit the ``story`` column, then
:func:`apply_story_groups` copies it into the manifest's story column (the raw files never
change).  Measured on a synthetic corpus with planted stories: see
``scripts/benchmark_import.py`` and ``tests/test_duplicates_and_stories.py``.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import resolve_data_dir
from ..errors import InputDataError
from ..files import write_text_atomic
from .manifest import MANIFEST_HEADER, UNASSIGNED_STORY, manifest_path, read_manifest
from .rawtext import read_raw_text

STORIES_FILE = "stories.csv"
STORY_COLUMNS = ["id", "story", "confidence", "method"]
UNASSIGNED = UNASSIGNED_STORY
_WORD = re.compile(r"[^\W\d_]{3,}")


def tfidf_matrix(texts: list[str]):
    """``(matrix, vocabulary)``: unit-length sublinear TF-IDF rows (scipy CSR), one per text."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    indptr, indices, counts = [0], [], []
    for text in texts:
        tally: dict[int, int] = {}
        for word in _WORD.findall(text.lower()):
            index = vocabulary.setdefault(word, len(vocabulary))
            tally[index] = tally.get(index, 0) + 1
        indices.extend(tally)
        counts.extend(tally.values())
        indptr.append(len(indices))
    matrix = csr_matrix((np.asarray(counts, dtype=float), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                        shape=(len(texts), len(vocabulary)))
    matrix.data = 1.0 + np.log(matrix.data)
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = matrix.multiply(1.0 / norms[:, None]).tocsr()
    return matrix, vocabulary


def _day(value: str) -> int | None:
    try:
        return dt.date.fromisoformat(value).toordinal() if value else None
    except ValueError:
        return None


#: At most about this many article pairs are scored at once (a chunk of rows against its window).
MAX_PAIRS = 2_000_000


def similarity_links(matrix, days: list[int | None], window_days: int, threshold: float):
    """``(links, best)``: ``links`` are ``(i, j, cosine)`` with i < j for articles within the
    window whose cosine >= threshold; ``best[i]`` is article i's highest cosine to any article
    in its window (0 when none shares a word).

    Dated articles are sorted by day; a chunk of them is multiplied (sparse x sparse) with
    the articles from its first day to ``window_days`` after its last, so every pair within
    the window is scored once and at most about :data:`MAX_PAIRS` pairs are held at a time:
    memory does not grow with the number of articles a day.  Undated articles are scored
    against every article, in chunks the same way.
    """
    n = matrix.shape[0]
    day = np.array([-1 if d is None else d for d in days], dtype=np.int64)
    dated = np.flatnonzero(day >= 0)
    dated = dated[np.argsort(day[dated], kind="stable")]
    undated = np.flatnonzero(day < 0)
    best = np.zeros(n)
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    sorted_days = day[dated]
    position = 0
    while position < len(dated):
        reach = int(np.searchsorted(sorted_days, sorted_days[position] + window_days, side="right"))
        size = max(1, min(len(dated) - position, MAX_PAIRS // max(1, reach - position)))
        reach = int(np.searchsorted(sorted_days, sorted_days[position + size - 1] + window_days, side="right"))
        rows, others = dated[position:position + size], dated[position:reach]
        # a pair is scored once (from the earlier position in the day order to the later one),
        # and only within the window of the row's own day (the chunk reaches its last row's)
        _score(matrix, rows, others,
               lambda a, b, at=position: (b > a) & (sorted_days[at + b] - sorted_days[at + a] <= window_days),
               threshold, best, found)
        position += size
    # undated x everything: a dated partner always, an undated one once (the later in undated order)
    undated_rank = np.full(n, -1, dtype=np.int64)
    undated_rank[undated] = np.arange(len(undated))
    step = max(1, MAX_PAIRS // max(1, n))
    for lo in range(0, len(undated), step):
        _score(matrix, undated[lo:lo + step], np.arange(n),
               lambda a, b, lo=lo: (undated_rank[b] < 0) | (undated_rank[b] > lo + a), threshold, best, found)
    if not found:
        return [], best
    i, j, value = (np.concatenate(parts) for parts in zip(*found))
    low, high = np.minimum(i, j), np.maximum(i, j)
    order = np.lexsort((high, low))
    return [(int(a), int(b), float(v)) for a, b, v in zip(low[order], high[order], value[order])], best


def _score(matrix, rows, others, keep, threshold, best, found):
    """Cosines of ``rows`` x ``others`` (sparse); pairs passing ``keep(a, b)`` update ``best``
    (both ends) and, at or above ``threshold``, go into ``found``."""
    product = (matrix[rows] @ matrix[others].T).tocoo()
    a, b, value = product.row, product.col, product.data
    chosen = keep(a, b)
    a, b, value = a[chosen], b[chosen], value[chosen]
    i, j = rows[a], others[b]
    np.maximum.at(best, i, value)
    np.maximum.at(best, j, value)
    strong = value >= threshold
    found.append((i[strong], j[strong], value[strong]))


def group_texts(texts: list[str], dates: list[str], window_days: int = 3, threshold: float = 0.3):
    """``(labels, confidence, names)`` for texts with ISO dates (see the module docstring)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    matrix, vocabulary = tfidf_matrix(texts)
    days = [_day(d) for d in dates]
    links, best = similarity_links(matrix, days, window_days, threshold)
    n = len(texts)
    if links:
        i, j, _ = zip(*links)
        graph = coo_matrix((np.ones(len(i)), (np.array(i), np.array(j))), shape=(n, n))
    else:
        graph = coo_matrix((n, n))
    _, labels = connected_components(graph, directed=False)
    # confidence: mean cosine to the other members; alone: 1 - best similarity in the window
    confidence = np.empty(n)
    words = {v: k for k, v in vocabulary.items()}
    names: dict[int, str] = {}
    for label in dict.fromkeys(labels.tolist()):
        members = np.flatnonzero(labels == label)
        if len(members) == 1:
            confidence[members] = 1.0 - min(1.0, best[members[0]])
        else:
            block = (matrix[members] @ matrix[members].T).toarray()
            confidence[members] = (block.sum(axis=1) - 1.0) / (len(members) - 1)
        centroid = np.asarray(matrix[members].sum(axis=0)).ravel()
        top = sorted(np.argsort(-centroid, kind="stable")[:3].tolist(), key=lambda k: (-centroid[k], words[k]))
        first = min((dates[m] for m in members if days[m] is not None), default="")
        names[label] = "-".join(([first] if first else []) + [words[k] for k in top if centroid[k] > 0]) or "story"
    return labels, np.round(confidence, 4), names


def group_stories(data_dir=None, window_days: int = 3, threshold: float = 0.3) -> pd.DataFrame:
    """One row per article: ``id``, ``story``, ``confidence``, ``method``.

    ``method`` is ``column`` for an article whose story came with the data (kept, confidence
    1.0) and ``grouped`` for an ``unassigned`` article grouped as in the module docstring.
    """
    manifest = read_manifest(data_dir)
    rows = {r.id: (r.story, 1.0, "column") for r in manifest.itertuples(index=False) if r.story != UNASSIGNED}
    todo = manifest[manifest["story"] == UNASSIGNED]
    if len(todo):
        texts = [read_raw_text(r.path, r.sha256).text for r in todo.itertuples(index=False)]
        labels, confidence, names = group_texts(texts, todo["published"].tolist(), window_days, threshold)
        taken = set(manifest["story"])
        unique: dict[int, str] = {}
        for label, name in names.items():
            candidate, k = name, 2
            while candidate in taken:
                candidate, k = f"{name}-{k}", k + 1
            taken.add(candidate)
            unique[label] = candidate
        for key, label, value in zip(todo["id"], labels, confidence):
            rows[key] = (unique[label], float(value), "grouped")
    return pd.DataFrame([(k, *rows[k]) for k in manifest["id"]], columns=STORY_COLUMNS)


def write_story_groups(data_dir=None, window_days: int = 3, threshold: float = 0.3,
                       table: pd.DataFrame | None = None) -> Path:
    """Write ``stories.csv`` for review (``table`` from :func:`group_stories`, else computed); return its path."""
    root = resolve_data_dir(data_dir)
    table = group_stories(root, window_days, threshold) if table is None else table
    return write_text_atomic(root / STORIES_FILE, table.to_csv(index=False, lineterminator="\n"))


def apply_story_groups(data_dir=None) -> int:
    """Copy the (reviewed) ``stories.csv`` into the manifest's story column; return rows changed."""
    from .importers.common import slugify

    root = resolve_data_dir(data_dir)
    source = root / STORIES_FILE
    if not source.is_file():
        raise InputDataError(source, "no stories.csv; write it first (python -m analysis group-stories)")
    with source.open(encoding="utf-8-sig", newline="") as handle:
        chosen = {}
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            story = slugify(row.get("story") or "")
            if not row.get("id") or not story:
                raise InputDataError(source, f"line {line_no}: id and story are required")
            chosen[row["id"]] = story
    path = manifest_path(root)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or MANIFEST_HEADER
        rows = list(reader)
    changed = 0
    for row in rows:
        if row["id"] in chosen and row["story"] != chosen[row["id"]]:
            row["story"] = chosen[row["id"]]
            changed += 1
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_text_atomic(path, text.getvalue())
    return changed


__all__ = ["apply_story_groups", "group_stories", "group_texts", "tfidf_matrix", "write_story_groups"]
