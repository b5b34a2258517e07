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
3. stories are star clusters of the links (:func:`star_clusters`): the most linked article
   not yet linked to a centre becomes a centre, and every other linked article joins the
   centre it is most similar to.  Every member is linked to its story's centre, so unrelated
   articles are not chained into one story through a bridge (connected components did: a
   looser threshold made one story of 54 unrelated real articles);
4. ``method`` is ``grouped`` for an article in a story of two or more, ``single`` for one
   alone; ``centre`` is the id of its story's centre;
5. ``confidence`` of a ``grouped`` article is its cosine similarity to the centre (the
   centre's own: its highest cosine to a member), a similarity, not a probability; how often
   a link at that similarity is the same event was measured by reading pairs (below).  For a
   ``single`` article it is one minus its highest cosine to any article in its window (how
   clearly it stands alone: in the reading below, a closest article at 0.27-0.30, confidence
   0.70-0.73, was the same event three times in four; review those first);
6. a story's name is its earliest date and its three heaviest content words (stop words of
   the package's English list never; a word written with a capital inside sentences, a name,
   before a common word): ``2023-03-14-harbour-bridge-bearings``.

:func:`write_story_groups` writes ``stories.csv`` (``id``, ``story``, ``confidence``,
``method``, ``centre``) beside the manifest for review: edit the ``story`` column, then
:func:`apply_story_groups` copies it into the manifest's story column (the raw files never
change; only ``id`` and ``story`` are read, so a file of the older four columns still applies).
Read by hand on real articles (PolNeAR train+dev: 924 US election articles of 2015-2016,
7 publishers; headline and first paragraph of both articles, "same event" = the same news
development, a statement and the replies to it within days included): of the 26 pairs put in
one story, 22 were the same event (precision 0.85, Wilson 95% [0.67, 0.94]); by cosine, 10 of
10 at 0.45 or more, 12 of 15 at 0.30-0.45.  Below the threshold, 19 of the 25 closest
unlinked pairs (0.27-0.30) were the same event, 8 of 20 drawn at 0.20-0.27 and 1 of 25 drawn
from all the other pairs within the window, so the default finds few of the same-event pairs
(recall about 0.06, 95% [0.01, 0.21]): long articles on one big event (a primary night) often
share less than 0.3.  ``--threshold 0.27`` would add pairs that were right three times in four.
Measured on a synthetic corpus with planted stories (``tests/synthetic_news.py``, 200 stories):
pairwise F1 1.00, and 0.997 when two thirds of each story's names are shared with other
stories of its topic (connected components: 0.80); see ``scripts/benchmark_import.py``.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Iterator, NamedTuple

import numpy as np
import pandas as pd

from ..config import resolve_data_dir
from ..errors import InputDataError
from ..files import write_text_atomic
from ..progress import progress as progress_lines
from .manifest import MANIFEST_HEADER, UNASSIGNED_STORY, manifest_path, read_manifest
from .rawtext import read_raw_text

STORIES_FILE = "stories.csv"
STORY_COLUMNS = ["id", "story", "confidence", "method", "centre"]
UNASSIGNED = UNASSIGNED_STORY
_WORD = re.compile(r"[^\W\d_]{3,}")
_RUN = re.compile(r"\w+")
_LEADING_WORD = re.compile(r"[^\W\d_]{3,}")
_PUNCTUATION_THEN_SPACE = re.compile(r"[.!?\"\u201c\u201d:]\s")


def words_and_openings(text: str) -> Iterator[tuple[str, bool]]:
    """Each word of three or more letters (the leading letters of a run of word characters) and
    whether a sentence or a line opens right before it (the text's start, a line break, or one of
    ``. ! ? " “ ” :`` followed by a space in the non-word characters before it).

    One pass over the runs of word characters: linear in the text (a single pattern with an
    optional opening group before each word backtracked quadratically over long runs of
    punctuation or line breaks)."""
    previous_end = 0
    for run in _RUN.finditer(text):
        word = _LEADING_WORD.match(run.group())
        if word:
            gap = text[previous_end:run.start()]
            yield word.group(), (previous_end == 0 or "\n" in gap
                                 or _PUNCTUATION_THEN_SPACE.search(gap) is not None)
        previous_end = run.end()


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """The package's English stop words (the same list as :func:`analysis.text.resources.stop_words`)."""
    from stop_words import get_stop_words

    return frozenset(get_stop_words("en"))


def tfidf_matrix(texts: list[str], progress: bool = False):
    """``(matrix, vocabulary)``: unit-length sublinear TF-IDF rows (scipy CSR), one per text
    (with ``progress``, the texts read are counted on stderr)."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    indptr, indices, counts = [0], [], []
    for text in progress_lines(texts, desc="group-stories: reading", unit="articles", enabled=progress):
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
        # ``size`` rows are scored against themselves and the window after them: at most
        # size * (size + window) pairs, so size solves size**2 + window * size = MAX_PAIRS
        window = reach - position
        size = int((-window + math.sqrt(window * window + 4 * MAX_PAIRS)) // 2)
        size = max(1, min(len(dated) - position, size))
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


class Grouping(NamedTuple):
    """What :func:`group_texts` found, one entry per text (``names`` per label)."""

    labels: np.ndarray       # story label of each text
    confidence: np.ndarray   # see the module docstring
    status: list[str]        # "grouped" (a story of two or more articles) or "single"
    centre: np.ndarray       # index of the text's story centre (itself for a centre or a single)
    names: dict[int, str]    # label -> story name


def star_clusters(n: int, links: list[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray]:
    """``(centre, similarity)``: each article's centre and its cosine to it (Aslam et al.'s star clusters).

    Articles are taken by the sum of their links' cosines (most central first, then by
    position); one not yet linked to a centre becomes a centre, and every other article joins
    the centre it is most similar to among those it is linked to.  So every member of a story
    is linked (cosine >= threshold) to its centre: two unrelated articles are never joined
    through a third that resembles both, as connected components would.
    """
    weight = np.zeros(n)
    neighbours: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, value in links:
        weight[i] += value
        weight[j] += value
        neighbours[i][j] = neighbours[j][i] = value
    is_centre = np.zeros(n, dtype=bool)
    covered = np.zeros(n, dtype=bool)
    for i in np.lexsort((np.arange(n), -weight)):
        if not covered[i]:
            is_centre[i] = covered[i] = True
            covered[list(neighbours[i])] = True
    centre, similarity = np.arange(n), np.zeros(n)
    for i in np.flatnonzero(~is_centre):
        # the most similar linked centre; ties go to the earlier article
        centre[i], similarity[i] = max(((c, v) for c, v in neighbours[i].items() if is_centre[c]),
                                       key=lambda item: (item[1], -item[0]))
    return centre, similarity


def _title_case(line: str) -> bool:
    words = _WORD.findall(line)
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _capitalised_share(texts: list[str]) -> dict[str, float]:
    """Lower-cased word -> share of its uses written with a capital inside a sentence (names)."""
    capital: dict[str, int] = {}
    total: dict[str, int] = {}
    for text in texts:
        # headlines in title case capitalise every word: only lines in sentence case count
        text = "\n".join(line for line in text.splitlines() if not _title_case(line))
        for word, opens in words_and_openings(text):
            key = word.lower()
            total[key] = total.get(key, 0) + 1
            if word[0].isupper() and not opens:
                capital[key] = capital.get(key, 0) + 1
    return {w: capital.get(w, 0) / k for w, k in total.items()}


def story_name(terms: np.ndarray, weights: np.ndarray, words: dict[int, str], texts: list[str],
               first_date: str) -> str:
    """``DATE-word-word-word``: the story's three heaviest content words, names first.

    ``terms`` are the vocabulary indices of the story's words (ascending) and ``weights``
    their summed TF-IDF weights.  Stop words (the package's English list) are never used;
    among the rest, a word written with a capital inside sentences in most of its uses (a
    name: a person, a place, an organisation) comes before a common word, each group by its
    weight in the story.
    """
    stops = _stop_words()
    capitalised = _capitalised_share(texts)
    heaviest = np.argsort(-weights, kind="stable")[:200]
    ranked = [(words[int(terms[k])], float(weights[k])) for k in heaviest.tolist()
              if weights[k] > 0 and words[int(terms[k])] not in stops]
    ranked.sort(key=lambda item: (capitalised.get(item[0], 0.0) < 0.5, -item[1], item[0]))
    return "-".join(([first_date] if first_date else []) + [word for word, _ in ranked[:3]]) or "story"


def group_texts(texts: Sequence[str], dates: list[str], window_days: int = 3, threshold: float = 0.3,
                progress: bool = False) -> Grouping:
    """Stories among texts with ISO dates (see the module docstring).

    ``texts`` is read twice, in order for the vectors and once more by story for the names,
    so it may read each text when it is looked up rather than hold them all.  With ``progress``
    both passes are counted on stderr.
    """
    matrix, vocabulary = tfidf_matrix(texts, progress)
    days = [_day(d) for d in dates]
    links, best = similarity_links(matrix, days, window_days, threshold)
    n = len(dates)
    centre, similarity = star_clusters(n, links)
    _, labels = np.unique(centre, return_inverse=True)
    sizes = np.bincount(labels, minlength=labels.max() + 1 if n else 0)
    status = ["grouped" if sizes[label] > 1 else "single" for label in labels]
    confidence = np.where(sizes[labels] > 1, similarity, 1.0 - np.minimum(1.0, best))
    member = centre != np.arange(n)
    closest = np.full(n, -np.inf)  # a centre: its highest cosine to a member of its story
    np.maximum.at(closest, centre[member], similarity[member])
    confidence = np.where(np.isfinite(closest), closest, confidence)
    words = {v: k for k, v in vocabulary.items()}
    order = np.argsort(labels, kind="stable")  # each story's members, ascending, in one pass
    bounds = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1], True]) if n else np.zeros(1, int)
    members_of = {int(labels[order[a]]): order[a:b] for a, b in zip(bounds[:-1], bounds[1:])}
    names: dict[int, str] = {}
    unique_labels = list(dict.fromkeys(labels.tolist()))
    for label in progress_lines(unique_labels, desc="group-stories: naming", unit="stories", enabled=progress):
        members = members_of[label]
        rows = matrix[members]
        terms, where = np.unique(rows.indices, return_inverse=True)
        weights = np.bincount(where, weights=rows.data, minlength=len(terms))
        first = min((dates[m] for m in members if days[m] is not None), default="")
        names[label] = story_name(terms, weights, words, [texts[m] for m in members], first)
    return Grouping(labels, np.round(confidence, 4), status, centre, names)


class _ArticleTexts(Sequence):
    """Texts of manifest rows, read from their files when looked up (none held)."""

    def __init__(self, rows: pd.DataFrame):
        self._files = list(zip(rows["path"], rows["sha256"]))

    def __getitem__(self, index):
        return read_raw_text(*self._files[index]).text

    def __len__(self) -> int:
        return len(self._files)


def group_stories(data_dir=None, window_days: int = 3, threshold: float = 0.3, progress: bool = False) -> pd.DataFrame:
    """One row per article: ``id``, ``story``, ``confidence``, ``method``, ``centre``.

    ``method`` is ``column`` for an article whose story came with the data (kept, confidence
    1.0, no centre), and for an ``unassigned`` article grouped as in the module docstring
    ``grouped`` (in a story of two or more articles; ``centre`` is the id of the story's
    centre) or ``single`` (alone; ``centre`` is its own id).
    """
    manifest = read_manifest(data_dir)
    rows = {r.id: (r.story, 1.0, "column", "") for r in manifest.itertuples(index=False) if r.story != UNASSIGNED}
    todo = manifest[manifest["story"] == UNASSIGNED]
    if len(todo):
        found = group_texts(_ArticleTexts(todo), todo["published"].tolist(), window_days, threshold, progress)
        taken = set(manifest["story"])
        unique: dict[int, str] = {}
        for label, name in found.names.items():
            candidate, k = name, 2
            while candidate in taken:
                candidate, k = f"{name}-{k}", k + 1
            taken.add(candidate)
            unique[label] = candidate
        ids = todo["id"].tolist()
        for key, label, value, status, centre in zip(ids, found.labels, found.confidence, found.status, found.centre):
            rows[key] = (unique[label], float(value), status, ids[centre])
    return pd.DataFrame([(k, *rows[k]) for k in manifest["id"]], columns=STORY_COLUMNS)


def write_story_groups(data_dir=None, window_days: int = 3, threshold: float = 0.3,
                       table: pd.DataFrame | None = None, progress: bool = False) -> Path:
    """Write ``stories.csv`` for review (``table`` from :func:`group_stories`, else computed); return its path."""
    root = resolve_data_dir(data_dir)
    table = group_stories(root, window_days, threshold, progress) if table is None else table
    return write_text_atomic(root / STORIES_FILE, table.to_csv(index=False, lineterminator="\n"))


def apply_story_groups(data_dir=None) -> int:
    """Copy the (reviewed) ``stories.csv`` into the manifest's story column; return rows changed."""
    from .importers.common import slugify

    root = resolve_data_dir(data_dir)
    source = root / STORIES_FILE
    if not source.is_file():
        raise InputDataError(source, "no stories.csv; write it first (python -m analysis group-stories --write), review it, then --apply")
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


__all__ = ["Grouping", "apply_story_groups", "group_stories", "group_texts", "star_clusters", "story_name",
           "tfidf_matrix", "write_story_groups"]
