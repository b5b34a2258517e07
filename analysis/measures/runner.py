"""The corpus pipeline's runner: :func:`~analysis.measures.pipeline.chunk_metrics` over a whole
manifest, chunk by chunk, on a process pool or a Dask cluster.

:func:`iter_metrics` runs it over the manifest in chunks on a process pool,
keeping a bounded number of chunks in flight, and yields each chunk's table in
manifest order; :func:`corpus_metrics` gathers them into one table and
:func:`write_metrics` streams them into a Parquet or CSV file
(:func:`analysis.measures.metrics_files.write_parts`), so its memory does
not grow with the corpus.  :func:`iter_dask_metrics` / :func:`dask_metrics` do the
same on a Dask cluster (a ``LocalCluster`` or an existing scheduler).  Progress goes to
stderr through :mod:`analysis.progress` (a bar on a terminal, lines otherwise).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from contextlib import ExitStack
from functools import partial
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator, NamedTuple

import pandas as pd

from ..ingest.duplicates import analysed_manifest
from ..progress import Progress
from ..text.article import analyse_text
from .metrics_files import MetricsFile, write_parts
from .pipeline import chunk_metrics, chunk_study, metrics_frame
from .readability import sentence_counts
from .sentiment import score_text
from .study_pieces import StudySources, StudyTerms


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
    forked (safe from a notebook kernel).  With ``progress`` the articles done go to
    stderr (:class:`analysis.progress.Progress`).
    """
    return _iter_chunks(partial(chunk_metrics, errors=errors), data_dir, story, records, workers, chunk_size,
                        progress)


def iter_study(data_dir=None, story: str | None = None, *, records: Iterable[dict] | None = None,
               workers: int | None = None, chunk_size: int = 100, errors: str = "raise", progress: bool = True,
               ngram: int = 1) -> Iterator[tuple[pd.DataFrame, list]]:
    """As :func:`iter_metrics`, but each chunk is ``(metrics, pieces)``: the metrics table and,
    from the same analysis of each article, its
    :class:`~analysis.measures.study_pieces.ArticlePieces` (:func:`chunk_study`)."""
    return _iter_chunks(partial(chunk_study, errors=errors, ngram=ngram), data_dir, story, records, workers,
                        chunk_size, progress)


def _iter_chunks(task, data_dir, story, records, workers, chunk_size, progress) -> Iterator:
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
                part = task(chunk)
                bar.update(_n_rows(part))
                yield part
        else:
            submitted = (pool.submit(task, chunk) for chunk in batches)
            yield from _in_order(submitted, 2 * workers, bar)


def _n_rows(part) -> int:
    """Articles in a chunk's result (a metrics table, or a ``(metrics, pieces)`` pair)."""
    return len(part[0]) if isinstance(part, tuple) else len(part)


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
                bar.update(_n_rows(done))
                yield done
        while pending:
            done = pending.popleft().result()
            bar.update(_n_rows(done))
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


class StudyPass(NamedTuple):
    """What :func:`study_pass` gathers in one pass over the articles."""

    metrics: pd.DataFrame     # the corpus_metrics table
    terms: StudyTerms         # term counts of every analysed article
    sources: pd.DataFrame     # source rows (SOURCE_ROW_COLUMNS), story_source linked per story


def study_pass(data_dir=None, story: str | None = None, *, records: Iterable[dict] | None = None,
               workers: int | None = None, chunk_size: int = 100, errors: str = "raise", progress: bool = True,
               ngram: int = 1) -> StudyPass:
    """The metrics table and the across-story tables' inputs, from one streamed pass over the
    articles (:func:`iter_study`): each article is analysed once, and its sentences and tokens
    are never held beyond its chunk.  ``metrics`` is :func:`corpus_metrics`'s table; ``terms``
    tallies the ``ngram`` term counts (:class:`~analysis.measures.study_pieces.StudyTerms`);
    ``sources`` are the source rows (:class:`~analysis.measures.study_pieces.StudySources`)."""
    terms, sources, parts = StudyTerms(ngram), StudySources(), []
    for part, pieces in iter_study(data_dir, story, records=records, workers=workers, chunk_size=chunk_size,
                                   errors=errors, progress=progress, ngram=ngram):
        parts.append(part)
        for piece in pieces:
            terms.add(piece)
            sources.add(piece)
    metrics = pd.concat(parts, ignore_index=True) if parts else metrics_frame([])
    return StudyPass(metrics, terms, sources.table())


def write_metrics(out, data_dir=None, story: str | None = None, *, records: Iterable[dict] | None = None,
                  workers: int | None = None, chunk_size: int = 100, errors: str = "raise",
                  progress: bool = True) -> MetricsFile:
    """:func:`corpus_metrics`, written to ``out`` (``.parquet`` or ``.csv``) chunk by chunk
    (:func:`write_parts`), so memory does not grow with the corpus.  Returns a :class:`MetricsFile`."""
    return write_parts(iter_metrics(data_dir, story, records=records, workers=workers, chunk_size=chunk_size,
                                    errors=errors, progress=progress), out)


def _progress(total: int, enabled: bool) -> Progress:
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
                    bar.update(_n_rows(done))
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
