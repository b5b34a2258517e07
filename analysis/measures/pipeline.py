"""Per-article metrics: one wide row per article, the same numbers as the single-article tables.

:func:`article_metrics` computes one wide row per article: counts, the
readability formulas and the sentence-level sentiment aggregates for the body,
narration and quotation, with the same numbers as the single-article tables
(:func:`analysis.measures.readability.readability_table`,
:func:`analysis.measures.sentiment.sentiment_summary`) but without building
DataFrames, so it is cheap enough for tens of thousands of articles;
:func:`chunk_metrics` does it for a chunk of manifest records (what a worker runs) and
:func:`metrics_schema` is the table's fixed Arrow schema.

The rest of the corpus pipeline lives beside it, and its names stay importable from here:
:mod:`analysis.measures.runner` runs :func:`chunk_metrics` over the manifest on a process
pool or a Dask cluster (:func:`~analysis.measures.runner.iter_metrics`,
:func:`~analysis.measures.runner.corpus_metrics`, :func:`~analysis.measures.runner.write_metrics`,
:func:`~analysis.measures.runner.dask_metrics`, :func:`~analysis.measures.runner.run_metrics`),
and :mod:`analysis.measures.metrics_files` writes and reads the Parquet/CSV files
(:func:`~analysis.measures.metrics_files.write_parts`, :func:`~analysis.measures.metrics_files.read_metrics`).

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

from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import InputDataError
from ..ingest.rawtext import read_raw_text
from ..text.article import COUNT_FIELDS, INTEGER_COUNT_FIELDS, analyse_text, article_counts
from ..text.corpus import record_failure
from ..text.resources import trim_word_caches
from ..text.sentences import SCOPES, scope_mask
from ..text.user_rules import UserRules, user_rules_for
from .readability import FORMULA_METRICS, scope_readability, sentence_counts
from .study_pieces import article_pieces
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


def article_metrics(record: dict, user: UserRules | None = None, *, pieces: list | None = None,
                    ngram: int = 1) -> dict:
    """One row of :data:`METRIC_COLUMNS` for one manifest record.

    The counts are :func:`~analysis.text.article.article_counts`; ``<scope>_<metric>``
    columns hold :func:`~analysis.measures.readability.scope_readability` and
    :func:`~analysis.measures.sentiment.compound_statistics` of the body,
    narration, reported and quotation sentences (NaN where a scope has no sentence), and the
    :data:`~analysis.measures.voices.VOICE_METRICS` (who gets a voice): the
    same functions, over the same sentence records, as the notebook tables.
    ``user`` is the record's :func:`~analysis.text.user_rules.user_rules_for`, looked up
    when not given.  With a list as ``pieces``, the article's
    :class:`~analysis.measures.study_pieces.ArticlePieces` (its ``ngram`` term counts and
    source rows, for the across-story tables) is appended to it, from the same analysis.
    """
    raw = read_raw_text(record["path"], record.get("sha256", ""))
    if user is None:
        user = user_rules_for(record)  # the user's cleaning.csv / roles.csv beside the data
    # speakers are resolved to sources for the voice metrics (about 1.8 ms an article; see the README)
    doc = analyse_text(record["id"], raw.text, user_rules=user.rules, overrides=user.overrides)
    counted = article_counts(doc)
    # the article's pieces join ``pieces`` only once its row is complete (a failure has none)
    piece = article_pieces(doc, raw.text, record, ngram) if pieces is not None else None
    row = {"article_id": doc.article_id, "story": record["story"], "outlet": record["outlet"],
           "problems": "; ".join(doc.problems), **counted._asdict(), "language": doc.language.language}
    if not doc.measured:  # another language: English-only measures stay empty (NaN), problems says why
        if piece is not None:
            pieces.append(piece)
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
    if piece is not None:
        pieces.append(piece)
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
    return _chunk(records, errors, None)[0]


def chunk_study(records: list[dict], errors: str = "raise", ngram: int = 1) -> tuple[pd.DataFrame, list]:
    """:func:`chunk_metrics` and, from the same analysis of each article, the
    :class:`~analysis.measures.study_pieces.ArticlePieces` of every article that was analysed
    (one that failed, or a bad file recorded with ``errors="record"``, has none: it is not in
    the corpus tables either)."""
    return _chunk(records, errors, [], ngram)


def _chunk(records: list[dict], errors: str, pieces: list | None, ngram: int = 1) -> tuple[pd.DataFrame, list | None]:
    rows = []
    settings: dict = {}  # looked up once per data folder and story in a chunk, not per article
    for record in records:
        try:
            rows.append(article_metrics(record, user_rules_for(record, memo=settings), pieces=pieces, ngram=ngram))
        except InputDataError as exc:
            if errors != "record":
                raise
            rows.append(_error_row(record, f"error: {exc}"))
        except Exception as exc:  # noqa: BLE001  (one article's fault is recorded; the run goes on)
            rows.append(_error_row(record, record_failure(record, exc)))
    trim_word_caches()
    return metrics_frame(rows), pieces


def metrics_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """Rows as a DataFrame with fixed dtypes: ids str, counts nullable Int64, the rest float64."""
    frame = pd.DataFrame(list(rows), columns=METRIC_COLUMNS)
    return frame.astype(METRIC_DTYPES)


def metrics_schema():
    """The Arrow schema of the corpus metrics (from :data:`METRIC_DTYPES`), fixed whatever the chunk."""
    import pyarrow as pa

    kinds = {"str": pa.string(), "Int64": pa.int64(), "float64": pa.float64()}
    return pa.schema([(c, kinds[METRIC_DTYPES[c]]) for c in METRIC_COLUMNS])


#: Names of the runner and the writers, importable from here as before the split (looked up
#: on first use, so importing this module does not import them, and they may import it).
_MOVED = {
    "runner": ("chunks", "iter_metrics", "start_worker", "end_with_parent", "PARENT_CHECK_SECONDS",
               "corpus_metrics", "write_metrics", "iter_dask_metrics", "dask_metrics", "run_metrics",
               "iter_study", "study_pass", "StudyPass"),
    "metrics_files": ("MetricsFile", "failed_rows", "ROW_GROUP_ROWS", "write_parts", "read_metrics"),
}


def __getattr__(name: str):
    import importlib

    for module, names in _MOVED.items():
        if name in names:
            return getattr(importlib.import_module(f"{__package__}.{module}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
