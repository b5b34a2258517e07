"""Near-duplicate articles: wire copy and republished pieces, found and flagged.

Method (Broder 1997, "resemblance"): each text becomes the set of its word 5-shingles
(five consecutive lower-cased words); two texts are near-identical when the Jaccard
similarity of their sets is at least ``threshold`` (default 0.7: seven in ten five-word
runs shared; an agency story republished with a new headline, a changed intro or a
trimmed ending scores 0.75-1.0, while independent reports of one event, even quoting the
same sentence, score below 0.2).  Candidate pairs come from MinHash signatures (128
permutations) in a locality-sensitive hash index (datasketch's ``MinHashLSH``) built
with a lower threshold (``threshold - 0.2``) for recall; every candidate's exact Jaccard is
then computed from the shingle sets and only pairs at or above ``threshold`` are kept.  No
all-pairs comparison: 100,000 articles take minutes, not days.

Memory stays bounded: articles are read one at a time and only each one's LSH band keys are
kept (25 x 8 bytes), not its shingle set or signature; candidate pairs are those sharing a
band key, and a candidate's shingles are computed again from its text (read again from its
file), with the most recent :data:`SHINGLE_CACHE` sets kept.

Acting on it: :func:`write_duplicate_flags` writes ``duplicates.csv`` beside the manifest
(columns ``id``, ``duplicate_of``, ``jaccard``, ``action``): in each group of near-identical
articles the earliest (then first in the manifest) is the original; every other member is
marked ``exclude``.  Edit ``action`` to ``keep`` to keep one; decisions already in the file
are kept when it is written again.  :func:`analysis.load_corpus` leaves ``exclude`` rows
out, so every table, figure and outlet comparison runs without the copies (a copy would
otherwise count as two outlets agreeing).  The raw files and the manifest are unchanged.
"""
from __future__ import annotations

import csv
import re
import zlib
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import resolve_data_dir
from ..errors import InputDataError
from ..files import write_text_atomic
from ..progress import progress as progress_lines
from .manifest import read_manifest
from .rawtext import read_raw_text

DUPLICATES_FILE = "duplicates.csv"
DUPLICATE_COLUMNS = ["id_a", "id_b", "story_a", "story_b", "outlet_a", "outlet_b", "jaccard"]
FLAG_COLUMNS = ["id", "duplicate_of", "jaccard", "action"]
ACTIONS = ("keep", "exclude")
SHINGLE = 5
NUM_PERM = 128
_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFF)
#: Shingle sets of this many recent candidate articles are kept (an original with many copies is read once).
SHINGLE_CACHE = 256


def shingle_hashes(text: str, k: int = SHINGLE, cache: dict | None = None) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word ``k``-shingles of ``text`` (CRC-32 per word, mixed)."""
    cache = {} if cache is None else cache
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter((cache.setdefault(w, zlib.crc32(w.encode("utf-8"))) for w in words), dtype=np.uint64,
                      count=len(words))
    if len(ids) < k:  # a very short text is one shingle
        ids = np.concatenate([ids, np.zeros(k - len(ids), dtype=np.uint64)])
    combined = np.zeros(len(ids) - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(k):  # polynomial rolling mix, modulo 2**64, then 32 bits kept
            combined = combined * np.uint64(1_000_003) + ids[offset:len(ids) - k + 1 + offset]
    return np.unique((combined ^ (combined >> np.uint64(32))) & _MASK)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    if not len(a) and not len(b):
        return 1.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def _minhash(hashes: np.ndarray):
    from datasketch import LeanMinHash, MinHash

    sketch = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)
    sketch.update_batch(hashes.tolist())
    return LeanMinHash(sketch)


def _band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per LSH band: the band's ``rows`` MinHash values mixed (equal bands, equal keys)."""
    band = hashvalues[:bands * rows].reshape(bands, rows).astype(np.uint64)
    key = np.zeros(bands, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(rows):
            key = (key ^ band[:, column]) * np.uint64(0x100000001B3) + np.uint64(column + 1)
    return key


def _candidate_pairs(keys: np.ndarray) -> np.ndarray:
    """``(i, j)`` rows, i < j, of texts sharing at least one band key (each pair once, sorted)."""
    n = keys.shape[0]
    found = []
    for band in keys.T:
        order = np.argsort(band, kind="stable")
        ordered = band[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        sizes = np.diff(np.r_[starts, n])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1]):
            members = np.sort(order[start:start + size])
            i, j = np.triu_indices(size, k=1)
            found.append(members[i] * np.int64(n) + members[j])
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.column_stack([codes // n, codes % n])


def near_duplicate_pairs(texts: Mapping[str, str], threshold: float = 0.7,
                         progress: bool = False) -> list[tuple[str, str, float]]:
    """``(id_a, id_b, jaccard)`` for every pair of texts at or above ``threshold`` (see the module docstring).

    ``texts`` may read each text when it is looked up (e.g. :class:`_ArticleTexts`): it is
    iterated once to sketch every text, and looked up again only for candidate pairs.  The
    banding (``b`` bands of ``r`` rows) is datasketch's ``MinHashLSH`` choice for the lower
    threshold; each band is held as one 64-bit key, 8 bytes a band an article, where
    datasketch's index holds about 8 KB an article.  With ``progress`` the texts sketched and
    the candidate pairs checked are counted on stderr (:mod:`analysis.progress`).
    """
    from datasketch import MinHashLSH

    cache: dict[str, int] = {}
    recent: OrderedDict[str, np.ndarray] = OrderedDict()

    def shingles_of(key: str) -> np.ndarray:
        if key in recent:
            recent.move_to_end(key)
        else:
            recent[key] = shingle_hashes(texts[key], cache=cache)
            if len(recent) > SHINGLE_CACHE:
                recent.popitem(last=False)
        return recent[key]

    banding = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM)
    ids = list(texts)
    keys = np.empty((len(ids), banding.b), dtype=np.uint64)
    for row, key in enumerate(progress_lines(ids, desc="duplicates: sketching", unit="articles", enabled=progress)):
        keys[row] = _band_keys(_minhash(shingles_of(key)).hashvalues, banding.b, banding.r)
    pairs = []
    candidates = _candidate_pairs(keys).tolist()
    for a, b in progress_lines(candidates, desc="duplicates: checking candidate pairs", unit="pairs",
                               enabled=progress and len(candidates) > 0):
        similarity = jaccard(shingles_of(ids[a]), shingles_of(ids[b]))
        if similarity >= threshold:
            pairs.append((ids[a], ids[b], similarity))
    return pairs


class _ArticleTexts(Mapping):
    """The manifest's article texts, read from their files when looked up (none held)."""

    def __init__(self, manifest: pd.DataFrame):
        self._rows = {row.id: (row.path, row.sha256) for row in manifest.itertuples(index=False)}

    def __getitem__(self, key: str) -> str:
        return read_raw_text(*self._rows[key]).text

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def near_duplicates(data_dir=None, threshold: float = 0.7, manifest: pd.DataFrame | None = None,
                    progress: bool = False) -> pd.DataFrame:
    """Pairs of articles whose texts are near-identical.

    Columns: ``id_a``, ``id_b`` (``a`` first in the manifest), ``story_a``, ``story_b``,
    ``outlet_a``, ``outlet_b``, ``jaccard`` (exact, of word 5-shingles, >= ``threshold``).
    Reads every article listed in the manifest (duplicates.csv does not hide any here),
    one at a time.
    """
    manifest = read_manifest(data_dir) if manifest is None else manifest
    meta = manifest.set_index("id")
    rows = [(a, b, meta.at[a, "story"], meta.at[b, "story"], meta.at[a, "outlet"], meta.at[b, "outlet"], round(j, 4))
            for a, b, j in near_duplicate_pairs(_ArticleTexts(manifest), threshold, progress)]
    return pd.DataFrame(rows, columns=DUPLICATE_COLUMNS)


def read_duplicate_flags(data_dir=None) -> pd.DataFrame:
    """The ``duplicates.csv`` of a data folder (columns ``FLAG_COLUMNS``; empty when there is none)."""
    path = resolve_data_dir(data_dir) / DUPLICATES_FILE
    if not path.is_file():
        return pd.DataFrame(columns=FLAG_COLUMNS)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not {"id", "action"} <= set(reader.fieldnames or []):
            raise InputDataError(path, "needs the columns id and action (keep or exclude)")
        rows = []
        for line_no, row in enumerate(reader, start=2):
            action = (row.get("action") or "").strip().lower()
            if action not in ACTIONS:
                raise InputDataError(path, f"line {line_no}: action {row.get('action')!r} is not keep or exclude")
            rows.append({c: (row.get(c) or "").strip() for c in FLAG_COLUMNS} | {"action": action})
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)


def excluded_ids(data_dir=None) -> set[str]:
    """Ids marked ``exclude`` in the data folder's ``duplicates.csv``."""
    flags = read_duplicate_flags(data_dir)
    return set(flags.loc[flags["action"] == "exclude", "id"])


def write_duplicate_flags(data_dir=None, pairs: pd.DataFrame | None = None, threshold: float = 0.7,
                          progress: bool = False) -> Path:
    """Write ``duplicates.csv`` (see the module docstring); return its path."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    root = resolve_data_dir(data_dir)
    manifest = read_manifest(root)
    pairs = near_duplicates(root, threshold, manifest, progress) if pairs is None else pairs
    position = {key: i for i, key in enumerate(manifest["id"])}
    previous = read_duplicate_flags(root).set_index("id")["action"].to_dict()
    rows = []
    if len(pairs):
        a = pairs["id_a"].map(position).to_numpy()
        b = pairs["id_b"].map(position).to_numpy()
        graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(len(position), len(position)))
        _, labels = connected_components(graph, directed=False)
        similarity = {}
        for row in pairs.itertuples(index=False):
            similarity[(row.id_a, row.id_b)] = similarity[(row.id_b, row.id_a)] = row.jaccard
        members = sorted(set(pairs["id_a"]) | set(pairs["id_b"]), key=position.get)
        groups: dict[int, list[str]] = {}
        for key in members:
            groups.setdefault(labels[position[key]], []).append(key)
        dates = manifest.set_index("id")["published"]
        for group in groups.values():
            # the original: the earliest dated article, then the first in the manifest
            original = min(group, key=lambda k: (dates[k] == "", dates[k], position[k]))
            for key in group:
                best = max(similarity.get((key, other), 0.0) for other in group if other != key)
                action = "keep" if key == original else "exclude"
                rows.append({"id": key, "duplicate_of": "" if key == original else original,
                             "jaccard": similarity.get((key, original), best), "action": previous.get(key, action)})
    path = root / DUPLICATES_FILE
    return write_text_atomic(path, pd.DataFrame(rows, columns=FLAG_COLUMNS).to_csv(index=False, lineterminator="\n"))


def analysed_manifest(data_dir=None, story: str | None = None) -> pd.DataFrame:
    """The manifest rows the analysis uses: every article but near-duplicates the user
    marked ``exclude`` (:mod:`analysis.ingest.duplicates`), so tables, figures and comparisons leave them out alike."""
    manifest = read_manifest(data_dir, story)
    excluded = excluded_ids(data_dir)
    if excluded:
        manifest = manifest[~manifest["id"].isin(excluded)].reset_index(drop=True)
    return manifest
