"""Per-article metrics for whole corpora: chunked, spread over worker processes.

:func:`article_metrics` computes one wide row per article: counts, the
readability formulas and the sentence-level sentiment aggregates for the body,
narration and quotation, with the same numbers as the single-article tables
(:func:`analysis.measures.readability.readability_table`,
:func:`analysis.measures.sentiment.sentiment_summary`) but without building
DataFrames, so it is cheap enough for tens of thousands of articles.
:func:`iter_metrics` runs it over the manifest in chunks on a process pool,
keeping a bounded number of chunks in flight, and yields each chunk's table in
manifest order; :func:`corpus_metrics` gathers them into one table and
:func:`write_metrics` streams them into a Parquet or CSV file, so its memory does
not grow with the corpus.  :func:`iter_dask_metrics` / :func:`dask_metrics` do the
same on a Dask cluster (a ``LocalCluster`` or an existing scheduler).

One article never sinks a run: an exception while analysing an article becomes that
article's row with empty numbers and ``analysis failed: <ErrorType: message> in
<module.function>`` in ``problems`` (an :class:`~analysis.errors.ArticleAnalysisError`
instead in strict mode, :func:`analysis.config.strict_mode`).  A bad input file
(:class:`~analysis.errors.InputDataError`) stops the run, or with ``errors="record"``
(``--keep-going``) becomes a row whose ``problems`` begins ``error:``.

Intervals are not computed here: at corpus scale compare outlets across
articles (each article one observation), not sentences within one article.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from contextlib import ExitStack
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import numpy as np
import pandas as pd

from ..errors import ANALYSIS_FAILED, InputDataError
from ..ingest.duplicates import analysed_manifest
from ..ingest.rawtext import read_raw_text
from ..text.article import COUNT_FIELDS, INTEGER_COUNT_FIELDS, analyse_text, article_counts
from ..text.corpus import record_failure
from ..text.resources import trim_word_caches
from ..text.sentences import SCOPES, scope_mask
from ..text.user_rules import UserRules, user_rules_for
from .readability import FORMULA_METRICS, scope_readability, sentence_counts
from .sentiment import SUMMARY_METRICS, compound_statistics, score_text
from .voices import INTEGER_VOICE_METRICS, VOICE_METRICS, article_voice_metrics

ID_COLUMNS = ["article_id", "story", "outlet", "problems"]
METRIC_COLUMNS = (ID_COLUMNS + COUNT_FIELDS
                  + [f"{scope}_{m}" for scope in SCOPES for m in FORMULA_METRICS]
                  + [f"{scope}_{m}" for scope in SCOPES for m in SUMMARY_METRICS]
                  + list(VOICE_METRICS)
                  + ["language"])
#: Columns of text (the ids, the problems and the article's language).
TEXT_COLUMNS = ID_COLUMNS + ["language"]
#: Every per-article number of the table (all but the text columns): what ``compare --metric all`` tests.
PER_ARTICLE_METRICS = [c for c in METRIC_COLUMNS if c not in TEXT_COLUMNS]
_INTEGER_COLUMNS = set(INTEGER_COUNT_FIELDS) | set(INTEGER_VOICE_METRICS)
METRIC_DTYPES = {c: "str" if c in TEXT_COLUMNS else "Int64" if c in _INTEGER_COLUMNS else "float64" for c in METRIC_COLUMNS}


def article_metrics(record: dict, user: UserRules | None = None) -> dict:
    """One row of :data:`METRIC_COLUMNS` for one manifest record.

    The counts are :func:`~analysis.text.article.article_counts`; ``<scope>_<metric>``
    columns hold :func:`~analysis.measures.readability.scope_readability` and
    :func:`~analysis.measures.sentiment.compound_statistics` of the body,
    narration, reported and quotation sentences (NaN where a scope has no sentence), and the
    :data:`~analysis.measures.voices.VOICE_METRICS` (who gets a voice): the
    same functions, over the same sentence records, as the notebook tables.
    ``user`` is the record's :func:`~analysis.text.user_rules.user_rules_for`, looked up
    when not given.
    """
    raw = read_raw_text(record["path"], record.get("sha256", ""))
    if user is None:
        user = user_rules_for(record)  # the user's cleaning.csv / roles.csv beside the data
    # speakers are resolved to sources for the voice metrics (about 1.8 ms an article; see the README)
    doc = analyse_text(record["id"], raw.text, user_rules=user.rules, overrides=user.overrides)
    counted = article_counts(doc)
    row = {"article_id": doc.article_id, "story": record["story"], "outlet": record["outlet"],
           "problems": "; ".join(doc.problems), **counted._asdict(), "language": doc.language.language}
    if not doc.measured:  # another language: English-only measures stay empty (NaN), problems says why
        return {**{c: float("nan") for c in METRIC_COLUMNS}, **row}
    counts = sentence_counts([s.text for s in doc.sentences])
    compound = np.array([score_text(s.text)["compound"] for s in doc.sentences], dtype=float)
    voices = [s.voice for s in doc.sentences]
    masks = [scope_mask(voices, scope) for scope in SCOPES]
    readability = scope_readability(np.vstack([counts[mask].sum(axis=0) for mask in masks]))
    for k, (scope, mask) in enumerate(zip(SCOPES, masks)):
        for metric in FORMULA_METRICS:
            row[f"{scope}_{metric}"] = float(readability[metric][k])
        for metric, value in compound_statistics(compound[mask]).items():
            row[f"{scope}_{metric}"] = float(value)
    row.update(article_voice_metrics(doc, counted.n_words))
    return row


def _error_row(record: dict, problem: str) -> dict:
    row = {c: float("nan") for c in METRIC_COLUMNS}
    row.update({"article_id": record["id"], "story": record["story"], "outlet": record["outlet"],
                "problems": problem, "language": ""})
    return row


def chunk_metrics(records: list[dict], errors: str = "raise") -> pd.DataFrame:
    """:func:`article_metrics` over a chunk, as a DataFrame (compact to send between
    processes and to keep).  An article whose analysis fails becomes a row with empty numbers
    and ``analysis failed: ...`` in ``problems`` (raised in strict mode); a bad input file
    (:class:`~analysis.errors.InputDataError`) stops the run, or with ``errors="record"``
    becomes a row whose ``problems`` is ``error: <file>: <problem>``."""
    rows = []
    settings: dict = {}  # looked up once per data folder and story in a chunk, not per article
    for record in records:
        try:
            rows.append(article_metrics(record, user_rules_for(record, memo=settings)))
        except InputDataError as exc:
            if errors != "record":
                raise
            rows.append(_error_row(record, f"error: {exc}"))
        except Exception as exc:  # noqa: BLE001  (one article's fault is recorded; the run goes on)
            rows.append(_error_row(record, record_failure(record, exc)))
    trim_word_caches()
    return metrics_frame(rows)


def metrics_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """Rows as a DataFrame with fixed dtypes: ids str, counts nullable Int64, the rest float64."""
    frame = pd.DataFrame(list(rows), columns=METRIC_COLUMNS)
    return frame.astype(METRIC_DTYPES)


def chunks(records: Iterable[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _batches(data_dir, story, records, chunk_size) -> tuple[int, Iterator[list[dict]]]:
    """The number of articles and their records, one chunk at a time."""
    if records is None:
        manifest = analysed_manifest(data_dir, story)
        # rows become dicts one chunk at a time, not all at once
        return len(manifest), (manifest.iloc[i:i + chunk_size].to_dict("records")
                               for i in range(0, len(manifest), chunk_size))
    records = list(records)
    return len(records), chunks(records, chunk_size)


def iter_metrics(data_dir=None, story: str | None = None, *, records: Iterable[dict] | None = None,
                 workers: int | None = None, chunk_size: int = 100, errors: str = "raise",
                 progress: bool = True) -> Iterator[pd.DataFrame]:
    """:func:`chunk_metrics` of each chunk of the manifest (or ``records``), in manifest order,
    each yielded as soon as it (and every chunk before it) is done.

    ``workers`` processes (default: the number of CPUs; 1 runs in this process)
    each take ``chunk_size`` articles at a time; manifest rows become records one
    chunk at a time and at most two chunks per worker are in flight, so the
    working memory is bounded whatever the corpus size.  Workers are spawned, not
    forked (safe from a notebook kernel).  With ``progress`` a bar on stderr shows
    articles done and articles per second.
    """
    workers = workers or os.cpu_count() or 1
    with ExitStack() as stack:
        pool = None
        if workers > 1:
            # spawned workers start clean: they do not inherit (and count again) this process's memory
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers, initializer=start_worker,
                                                           initargs=(os.getpid(),), mp_context=multiprocessing.get_context("spawn")))
            # the workers start (each imports the package, about 1.5 s) while the manifest is read
            for _ in range(workers):
                pool.submit(_ready)
        total, batches = _batches(data_dir, story, records, chunk_size)
        bar = _progress(total, progress)
        stack.callback(bar.close)
        if pool is None:
            for chunk in batches:
                part = chunk_metrics(chunk, errors)
                bar.update(len(part))
                yield part
        else:
            submitted = (pool.submit(chunk_metrics, chunk, errors) for chunk in batches)
            yield from _in_order(submitted, 2 * workers, bar)


def _ready() -> None:
    """Nothing: submitted once per worker so that the workers start at once."""


#: A headline, a caption and a paragraph with a quotation, its speaker and a word the CMU
#: dictionary lacks ("Wexcombe", counted by hyphenation): analysed once, it makes a worker
#: load every resource the metrics read lazily.
_WARM_UP_TEXT = ('A headline\n\nA view of the river (Photo: Agency)\n\n'
                 'The minister said: "It is a good day for Wexcombe." Readers agreed.\n')


def start_worker(parent: int | None = None) -> None:
    """Ready a worker process: load the resources, then freeze what is loaded.

    The modules and resources (several hundred thousand objects) live as long as
    the worker; :func:`gc.freeze` moves them out of the cyclic garbage collector's
    reach, so its passes over the objects each article creates do not walk them
    again (the use the ``gc`` documentation gives for freeze).
    """
    end_with_parent(parent)
    try:
        _warm_up()
    except Exception:  # noqa: BLE001  (only a head start: whatever failed fails again, per article, where it is reported)
        pass
    gc.freeze()


#: Seconds between a worker's checks that the process that started it is still alive.
PARENT_CHECK_SECONDS = 1.0


def end_with_parent(parent: int | None = None) -> None:
    """Make this worker process end when its parent does, even when the parent is killed
    (SIGKILL leaves no chance to shut a pool down): on Linux the kernel sends SIGKILL to it
    at the parent's death (``prctl(PR_SET_PDEATHSIG)``); everywhere, a daemon thread checks
    every :data:`PARENT_CHECK_SECONDS` that the parent is still there and ends the process
    when the worker has been handed to another (``os.getppid()`` changed).  ``parent`` is the
    parent's id as the parent knows it (default: the current parent)."""
    import signal
    import sys
    import threading
    import time

    parent = parent or os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_PDEATHSIG = 1
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the thread below does it
            pass
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _warm_up() -> None:
    doc = analyse_text("warm-up", _WARM_UP_TEXT, sources=False)
    sentence_counts([s.text for s in doc.sentences])
    for sentence in doc.sentences:
        score_text(sentence.text)


def _in_order(submitted: Iterator, window: int, bar) -> Iterator[pd.DataFrame]:
    """Results of ``submitted`` futures (process-pool or Dask), in order, with at most
    ``window`` in flight: the next is submitted only as an earlier one is taken, so
    memory stays bounded.  Stopped early (an error, or the consumer closed us), the
    queued ones are cancelled rather than waited for."""
    pending: deque = deque()
    try:
        for future in submitted:
            pending.append(future)
            if len(pending) >= window:
                done = pending.popleft().result()
                bar.update(len(done))
                yield done
        while pending:
            done = pending.popleft().result()
            bar.update(len(done))
            yield done
    except BaseException:
        for future in pending:
            future.cancel()
        raise


def corpus_metrics(data_dir=None, story: str | None = None, *, records: Iterable[dict] | None = None,
                   workers: int | None = None, chunk_size: int = 100, errors: str = "raise",
                   progress: bool = True) -> pd.DataFrame:
    """:func:`article_metrics` for every article of the manifest (or ``records``), in manifest order,
    as one DataFrame with :data:`METRIC_COLUMNS` (computed as :func:`iter_metrics` says).

    The table is held in memory (about 0.5 KB per article); for very large corpora
    write it chunk by chunk with :func:`write_metrics` instead.
    """
    parts = list(iter_metrics(data_dir, story, records=records, workers=workers, chunk_size=chunk_size,
                              errors=errors, progress=progress))
    return pd.concat(parts, ignore_index=True) if parts else metrics_frame([])


def metrics_schema():
    """The Arrow schema of the corpus metrics (from :data:`METRIC_DTYPES`), fixed whatever the chunk."""
    import pyarrow as pa

    kinds = {"str": pa.string(), "Int64": pa.int64(), "float64": pa.float64()}
    return pa.schema([(c, kinds[METRIC_DTYPES[c]]) for c in METRIC_COLUMNS])


class MetricsFile(NamedTuple):
    """What :func:`write_metrics` wrote: the file, its articles, those with an ``error:`` problem
    (a bad input file, ``errors="record"``) and those that could not be analysed."""

    path: Path
    n_articles: int
    n_errors: int
    n_failed: int = 0


def failed_rows(table: pd.DataFrame) -> pd.Series:
    """Which rows of a metrics table are articles that could not be analysed (a boolean Series)."""
    return table["problems"].str.startswith(ANALYSIS_FAILED)


#: Rows per Parquet row group of the metrics file (a few megabytes held at a time).
ROW_GROUP_ROWS = 10_000


def write_parts(parts: Iterable[pd.DataFrame], out) -> MetricsFile:
    """Write chunks of the corpus metrics to ``out`` (``.parquet`` or ``.csv``) as they come.

    Parquet: row groups of :data:`ROW_GROUP_ROWS` rows (the chunks that make them up),
    with the fixed :func:`metrics_schema`; CSV: one
    header, then the rows of each chunk appended.  The file is written under a temporary
    name beside ``out`` and moved into place only when every chunk is in, so a
    failed run leaves nothing half-written (and an earlier ``out`` untouched).
    """
    out = Path(out)
    kind = out.suffix.lower()
    if kind not in (".parquet", ".csv"):
        raise InputDataError(out, "output must end in .parquet or .csv")
    if not out.parent.is_dir():
        raise InputDataError(out, "output folder does not exist")
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    n_articles = n_errors = n_failed = 0
    writer = None
    try:
        if kind == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = metrics_schema()
            writer = pq.ParquetWriter(tmp, schema)
            # Chunks are gathered into row groups of ROW_GROUP_ROWS: the writer keeps every row
            # group's metadata until it closes (about 1.4 KB per chunk of 100 rows, 140 MB at a
            # million articles), so one row group per chunk made memory grow with the corpus.
            pending: list = []
            written = 0  # rows in earlier row groups
            for part in parts:
                pending.append(pa.Table.from_pandas(part, schema=schema, preserve_index=False))
                n_articles += len(part)
                n_errors += int(part["problems"].str.startswith("error: ").sum())
                n_failed += int(failed_rows(part).sum())
                if n_articles - written >= ROW_GROUP_ROWS:
                    writer.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)
                    pending, written = [], n_articles
            if pending:
                writer.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)
            if n_articles == 0:  # an empty file still has the columns
                writer.write_table(schema.empty_table())
            writer.close()
            writer = None
        else:
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                header = True
                for part in parts:
                    part.to_csv(handle, index=False, header=header, lineterminator="\n")
                    header = False
                    n_articles += len(part)
                    n_errors += int(part["problems"].str.startswith("error: ").sum())
                    n_failed += int(failed_rows(part).sum())
                if header:
                    metrics_frame([]).to_csv(handle, index=False, lineterminator="\n")
        os.replace(tmp, out)
    finally:
        if writer is not None:
            writer.close()
        tmp.unlink(missing_ok=True)
    return MetricsFile(out, n_articles, n_errors, n_failed)


def read_metrics(path) -> pd.DataFrame:
    """A file written by :func:`write_metrics` back as the :func:`corpus_metrics` table (same dtypes)."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path).astype(METRIC_DTYPES)
    strings = [c for c in METRIC_COLUMNS if METRIC_DTYPES[c] == "str"]
    # ids and problems stay strings ("" is an empty problem, not a missing value)
    frame = pd.read_csv(path, dtype={c: str for c in strings}, keep_default_na=False,
                        na_values={c: [""] for c in METRIC_COLUMNS if c not in strings})
    return frame.astype(METRIC_DTYPES)


def write_metrics(out, data_dir=None, story: str | None = None, *, records: Iterable[dict] | None = None,
                  workers: int | None = None, chunk_size: int = 100, errors: str = "raise",
                  progress: bool = True) -> MetricsFile:
    """:func:`corpus_metrics`, written to ``out`` (``.parquet`` or ``.csv``) chunk by chunk
    (:func:`write_parts`), so memory does not grow with the corpus.  Returns a :class:`MetricsFile`."""
    return write_parts(iter_metrics(data_dir, story, records=records, workers=workers, chunk_size=chunk_size,
                                    errors=errors, progress=progress), out)


def _progress(total: int, enabled: bool):
    from ..progress import Progress  # a bar on a terminal, lines otherwise

    return Progress(total, desc="metrics", unit="articles", enabled=enabled)


def _partition_metrics(partition: pd.DataFrame, errors: str = "raise") -> pd.DataFrame:
    return chunk_metrics(partition.to_dict("records"), errors)


def iter_dask_metrics(data_dir=None, story: str | None = None, *, records: list[dict] | None = None,
                      npartitions: int | None = None, client=None, errors: str = "raise",
                      progress: bool = False) -> Iterator[pd.DataFrame]:
    """:func:`chunk_metrics` of each partition of the manifest, computed with Dask, yielded in
    manifest order; at most two partitions per worker are in flight (results wait on the
    workers, not here), so memory stays bounded as with :func:`iter_metrics`.

    ``client`` is a ``distributed.Client``: on a ``LocalCluster`` or on an existing
    scheduler (``Client("tcp://host:8786")``, whose workers must see the data folder
    at the same path); without one Dask's default scheduler runs it.  Analyzers and
    the offline NLP resources load once per worker process.
    """
    import dask
    import dask.dataframe as dd

    manifest = pd.DataFrame(records) if records is not None else analysed_manifest(data_dir, story)
    npartitions = npartitions or max(1, min(len(manifest), 4 * (os.cpu_count() or 1)))
    frame = dd.from_pandas(manifest.reset_index(drop=True), npartitions=npartitions, sort=False)
    parts = frame.map_partitions(_partition_metrics, errors, meta=metrics_frame([])).to_delayed()
    window = 2 * (len(client.nthreads()) if client is not None else (os.cpu_count() or 1))
    bar = _progress(len(manifest), progress)
    try:
        if client is not None:
            yield from _in_order((client.compute(part) for part in parts), window, bar)
        else:
            for i in range(0, len(parts), window):
                for done in dask.compute(*parts[i:i + window]):
                    bar.update(len(done))
                    yield done
    finally:
        bar.close()


def dask_metrics(data_dir=None, story: str | None = None, *, records: list[dict] | None = None,
                 npartitions: int | None = None, client=None, errors: str = "raise", out=None):
    """The same table as :func:`corpus_metrics`, computed with Dask (``pip install -e ".[dask]"``)
    partition by partition (:func:`iter_dask_metrics`); with ``out`` it is written there as
    :func:`write_metrics` writes it and a :class:`MetricsFile` is returned instead."""
    parts = iter_dask_metrics(data_dir, story, records=records, npartitions=npartitions, client=client,
                              errors=errors)
    if out is not None:
        return write_parts(parts, out)
    parts = list(parts)
    return pd.concat(parts, ignore_index=True) if parts else metrics_frame([])


def run_metrics(data_dir=None, story: str | None = None, *, out=None, workers: int | None = None,
                chunk_size: int = 100, errors: str = "raise", progress: bool = True, dask: bool = False,
                scheduler: str | None = None):
    """What ``python -m analysis metrics`` runs: the corpus metrics on a process pool, on a
    Dask ``LocalCluster`` (``dask``, ``workers`` processes) or on an existing Dask scheduler
    (``scheduler``, e.g. ``"tcp://10.0.0.5:8786"``); written to ``out`` chunk by chunk
    (a :class:`MetricsFile` is returned) or returned as one DataFrame."""
    if not (dask or scheduler):
        kwargs = dict(workers=workers, chunk_size=chunk_size, errors=errors, progress=progress)
        return (write_metrics(out, data_dir, story, **kwargs) if out is not None
                else corpus_metrics(data_dir, story, **kwargs))
    from distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            manifest = analysed_manifest(data_dir, story)
            parts = iter_dask_metrics(records=manifest.to_dict("records"), client=client, errors=errors,
                                      npartitions=max(1, -(-len(manifest) // chunk_size)), progress=progress)
            if out is not None:
                return write_parts(parts, out)
            parts = list(parts)
            return pd.concat(parts, ignore_index=True) if parts else metrics_frame([])
    finally:
        if cluster is not None:
            cluster.close()
