"""Per-article metrics for whole corpora: chunked, spread over worker processes.

:func:`article_metrics` computes one wide row per article: counts, the
readability formulas and the sentence-level sentiment aggregates for the body,
narration and quotation, with the same numbers as the single-article tables
(:func:`analysis.readability.readability_table`,
:func:`analysis.sentiment.sentiment_summary`) but without building
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

from .errors import InputDataError
from .manifest import read_manifest
from .paragraphs import paragraph_records
from .quotes import find_quote_spans
from .rawtext import read_raw_text
from .readability import COUNT_COLUMNS, FORMULA_METRICS, fast_counts, formula_arrays
from .resources import stop_words, trim_word_caches, vader_analyzer
from .sentences import sentence_records
from .sentiment import SUMMARY_METRICS, compound_statistics
from .tokens import TOKEN_PATTERN, is_alpha, normalise

SCOPES = ("body", "narration", "quotation")
ID_COLUMNS = ["article_id", "story", "outlet", "problems"]
COUNT_FIELDS = ["n_paragraphs", "n_set_aside", "n_sentences", "n_narration", "n_mixed", "n_quotation",
                "n_words", "n_stop_words", "quoted_share"]
INTEGER_FIELDS = [c for c in COUNT_FIELDS if c != "quoted_share"]
METRIC_COLUMNS = (ID_COLUMNS + COUNT_FIELDS
                  + [f"{scope}_{m}" for scope in SCOPES for m in FORMULA_METRICS]
                  + [f"{scope}_{m}" for scope in SCOPES for m in SUMMARY_METRICS])
METRIC_DTYPES = {c: "str" if c in ID_COLUMNS else "Int64" if c in INTEGER_FIELDS else "float64" for c in METRIC_COLUMNS}


def article_metrics(record: dict) -> dict:
    """One row of :data:`METRIC_COLUMNS` for one manifest record.

    ``<scope>_<metric>`` columns hold the readability formulas and sentiment
    aggregates of the body, narration and quotation sentences (NaN where a scope
    has no sentence).  ``n_words`` counts alphabetic tokens as the token table does.
    """
    raw = read_raw_text(record["path"], record.get("sha256", ""))
    article_id = record["id"]
    paragraphs = paragraph_records(article_id, raw.text)
    body = [(p[1], p[4], p[9]) for p in paragraphs if p[6] == "body"]
    spans, problems = find_quote_spans([text for _, _, text in body])
    sentences = sentence_records(article_id, body, spans)
    analyzer = vader_analyzer()
    stops = stop_words()

    counts = np.array([fast_counts(s["text"]) for s in sentences], dtype=float).reshape(-1, len(COUNT_COLUMNS))
    compound = np.array([analyzer.polarity_scores(s["text"])["compound"] for s in sentences], dtype=float)
    voices = np.array([s["voice"] for s in sentences])
    letters = np.array([s["n_letters"] for s in sentences], dtype=float)
    shares = np.array([s["quoted_share"] for s in sentences], dtype=float)
    n_words = n_stop = 0
    for s in sentences:
        for token in TOKEN_PATTERN.findall(s["text"]):
            lower = normalise(token)
            if is_alpha(lower):
                n_words += 1
                n_stop += lower in stops
    if not sentences:
        problems = problems + ["no body sentence: every paragraph was set aside or the text has no sentence"]

    masks = {"body": np.ones(len(sentences), dtype=bool), "narration": voices == "narration",
             "quotation": voices == "quotation"}
    totals = np.vstack([counts[masks[scope]].sum(axis=0) for scope in SCOPES])
    scores = formula_arrays({k: totals[:, i] for i, k in enumerate(COUNT_COLUMNS)})
    row = {
        "article_id": article_id, "story": record["story"], "outlet": record["outlet"],
        "problems": "; ".join(problems),
        "n_paragraphs": len(paragraphs), "n_set_aside": sum(p[6] != "body" for p in paragraphs),
        "n_sentences": len(sentences), "n_narration": int(masks["narration"].sum()),
        "n_mixed": int((voices == "mixed").sum()), "n_quotation": int(masks["quotation"].sum()),
        "n_words": n_words, "n_stop_words": n_stop,
        "quoted_share": float((shares * letters).sum() / letters.sum()) if letters.sum() else 0.0,
    }
    for k, scope in enumerate(SCOPES):
        for metric in FORMULA_METRICS:
            row[f"{scope}_{metric}"] = float(scores[metric][k])
        chosen = compound[masks[scope]]
        for metric, value in compound_statistics(chosen).items():
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
