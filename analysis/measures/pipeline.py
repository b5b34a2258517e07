"""Per-article metrics for whole corpora: chunked, spread over worker processes.

:func:`article_metrics` computes one wide row per article: counts, the
readability formulas and the sentence-level sentiment aggregates for the body,
narration and quotation, with the same numbers as the single-article tables
(:func:`analysis.measures.readability.readability_table`,
:func:`analysis.measures.sentiment.sentiment_summary`) but without building
DataFrames, so it is cheap enough for tens of thousands of articles.
:func:`corpus_metrics` runs it over the manifest in chunks on a process pool,
keeping a bounded number of chunks in flight so memory does not grow with the
corpus; :func:`dask_metrics` does the same on a Dask cluster.

Intervals are not computed here: at corpus scale compare outlets across
articles (each article one observation), not sentences within one article.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from ..errors import InputDataError
from ..ingest.manifest import read_manifest
from ..ingest.rawtext import read_raw_text
from ..text.article import COUNT_FIELDS, INTEGER_COUNT_FIELDS, analyse_text, article_counts
from ..text.resources import trim_word_caches
from ..text.sentences import SCOPES, scope_mask
from ..text.user_rules import user_rules_for
from .readability import FORMULA_METRICS, scope_readability, sentence_counts
from .sentiment import SUMMARY_METRICS, compound_statistics, score_text

ID_COLUMNS = ["article_id", "story", "outlet", "problems"]
METRIC_COLUMNS = (ID_COLUMNS + COUNT_FIELDS
                  + [f"{scope}_{m}" for scope in SCOPES for m in FORMULA_METRICS]
                  + [f"{scope}_{m}" for scope in SCOPES for m in SUMMARY_METRICS])
METRIC_DTYPES = {c: "str" if c in ID_COLUMNS else "Int64" if c in INTEGER_COUNT_FIELDS else "float64" for c in METRIC_COLUMNS}


def article_metrics(record: dict) -> dict:
    """One row of :data:`METRIC_COLUMNS` for one manifest record.

    The counts are :func:`~analysis.text.article.article_counts`; ``<scope>_<metric>``
    columns hold :func:`~analysis.measures.readability.scope_readability` and
    :func:`~analysis.measures.sentiment.compound_statistics` of the body,
    narration, reported and quotation sentences (NaN where a scope has no sentence): the
    same functions, over the same sentence records, as the notebook tables.
    """
    raw = read_raw_text(record["path"], record.get("sha256", ""))
    user = user_rules_for(record)  # the user's cleaning.csv / roles.csv beside the data
    doc = analyse_text(record["id"], raw.text, user_rules=user.rules, overrides=user.overrides)
    counts = sentence_counts([s.text for s in doc.sentences])
    compound = np.array([score_text(s.text)["compound"] for s in doc.sentences], dtype=float)
    voices = [s.voice for s in doc.sentences]
    row = {"article_id": doc.article_id, "story": record["story"], "outlet": record["outlet"],
           "problems": "; ".join(doc.problems), **article_counts(doc)._asdict()}
    masks = [scope_mask(voices, scope) for scope in SCOPES]
    readability = scope_readability(np.vstack([counts[mask].sum(axis=0) for mask in masks]))
    for k, (scope, mask) in enumerate(zip(SCOPES, masks)):
        for metric in FORMULA_METRICS:
            row[f"{scope}_{metric}"] = float(readability[metric][k])
        for metric, value in compound_statistics(compound[mask]).items():
            row[f"{scope}_{metric}"] = float(value)
    return row


def _error_row(record: dict, error: Exception) -> dict:
    row = {c: float("nan") for c in METRIC_COLUMNS}
    row.update({"article_id": record["id"], "story": record["story"], "outlet": record["outlet"],
                "problems": f"error: {error}"})
    return row


def chunk_metrics(records: list[dict], errors: str = "raise") -> pd.DataFrame:
    """:func:`article_metrics` over a chunk, as a DataFrame (compact to send between
    processes and to keep); with ``errors="record"`` a bad article becomes a row whose
    ``problems`` says what went wrong instead of stopping the run."""
    rows = []
    for record in records:
        try:
            rows.append(article_metrics(record))
        except InputDataError as exc:
            if errors != "record":
                raise
            rows.append(_error_row(record, exc))
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


def corpus_metrics(data_dir=None, story: str | None = None, *, records: Iterable[dict] | None = None,
                   workers: int | None = None, chunk_size: int = 100, errors: str = "raise",
                   progress: bool = True) -> pd.DataFrame:
    """:func:`article_metrics` for every article of the manifest (or ``records``), in manifest order.

    ``workers`` processes (default: the number of CPUs; 1 runs in this process)
    each take ``chunk_size`` articles at a time; manifest rows become records one
    chunk at a time and at most two chunks per worker are in flight, so the
    working memory is bounded whatever the corpus size; only the result table
    itself (about 0.5 KB per article) grows with it.  Workers are spawned, not
    forked (safe from a notebook kernel).  Returns a DataFrame with
    :data:`METRIC_COLUMNS`.
    """
    if records is None:
        manifest = read_manifest(data_dir, story)
        total = len(manifest)
        # rows become dicts one chunk at a time, not all at once
        batches = (manifest.iloc[i:i + chunk_size].to_dict("records") for i in range(0, total, chunk_size))
    else:
        records = list(records)
        total = len(records)
        batches = chunks(records, chunk_size)
    workers = workers or os.cpu_count() or 1
    bar = _progress(total, progress)
    parts: list[pd.DataFrame] = []
    if workers == 1:
        for chunk in batches:
            parts.append(chunk_metrics(chunk, errors))
            bar.update(len(chunk))
    else:
        # spawned workers start clean: they do not inherit (and count again) this process's memory
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            pending: deque = deque()
            for chunk in batches:
                pending.append(pool.submit(chunk_metrics, chunk, errors))
                if len(pending) >= 2 * workers:
                    parts.append(pending.popleft().result())
                    bar.update(len(parts[-1]))
            while pending:
                parts.append(pending.popleft().result())
                bar.update(len(parts[-1]))
    bar.close()
    return pd.concat(parts, ignore_index=True) if parts else metrics_frame([])


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", disable=not enabled, mininterval=1.0)


def _partition_metrics(partition: pd.DataFrame) -> pd.DataFrame:
    return chunk_metrics(partition.to_dict("records"))


def dask_metrics(data_dir=None, story: str | None = None, *, records: list[dict] | None = None,
                 npartitions: int | None = None, client=None) -> pd.DataFrame:
    """The same table as :func:`corpus_metrics`, computed with Dask (``pip install -e ".[dask]"``).

    The manifest becomes a Dask DataFrame and each partition is processed by
    ``map_partitions`` with explicit ``meta``; analyzers and the offline NLP
    resources load once per worker process (on import of :mod:`analysis`).
    ``client`` is a ``distributed.Client`` (e.g. on a ``LocalCluster``); without
    one Dask's default scheduler runs it.
    """
    import dask.dataframe as dd

    manifest = pd.DataFrame(records) if records is not None else read_manifest(data_dir, story)
    npartitions = npartitions or max(1, min(len(manifest), 4 * (os.cpu_count() or 1)))
    frame = dd.from_pandas(manifest.reset_index(drop=True), npartitions=npartitions, sort=False)
    meta = metrics_frame([])
    result = frame.map_partitions(_partition_metrics, meta=meta)
    computed = client.compute(result).result() if client is not None else result.compute()
    return computed.reset_index(drop=True)
