"""Differences between the articles of one story, with bootstrap intervals.

Every pair of articles of a story is compared, metric by metric, with a
percentile interval of the difference of independent sentence resamples
(:mod:`analysis.measures.bootstrap`).  Such an interval describes these two
articles (a different choice of sentences from the same writing), not the
outlets in general.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import BOOTSTRAP_REPS
from ..measures.bootstrap import excludes_zero, percentile_interval
from ..measures.readability import FORMULA_METRICS, readability_draws
from ..measures.sentiment import SUMMARY_METRICS, sentence_sentiment, sentiment_draws
from ..text.corpus import Corpus
from ..text.sentences import SCOPES


def readability_differences(corpus: Corpus, reps: int = BOOTSTRAP_REPS) -> pd.DataFrame:
    """Differences between every pair of articles of a story, with bootstrap intervals.

    Columns: ``story``, ``article_a``, ``outlet_a``, ``article_b``, ``outlet_b``,
    ``scope``, ``metric``, ``value_a``, ``value_b``, ``difference`` (a - b),
    ``ci_low``/``ci_high`` (percentile interval of the difference of independent
    resamples), ``excludes_zero`` (the interval does not contain 0).
    Formula metrics only: the others have no interval.
    """
    table, draws = readability_draws(corpus, reps, scopes=SCOPES)
    value = table.set_index(["article_id", "scope", "metric"])["value"]
    rows = []
    for story, a, b in corpus.pairs():
        for scope in SCOPES:
            da, db = draws[(a.article_id, scope)], draws[(b.article_id, scope)]
            for metric in FORMULA_METRICS:
                va, vb = value[(a.article_id, scope, metric)], value[(b.article_id, scope, metric)]
                low, high = (percentile_interval(da[metric].to_numpy() - db[metric].to_numpy())
                             if da is not None and db is not None else (np.nan, np.nan))
                rows.append({
                    "story": story, "article_a": a.article_id, "outlet_a": a.outlet,
                    "article_b": b.article_id, "outlet_b": b.outlet, "scope": scope, "metric": metric,
                    "value_a": va, "value_b": vb, "difference": va - vb, "ci_low": low, "ci_high": high,
                    "excludes_zero": excludes_zero(low, high),
                })
    return pd.DataFrame(rows)


def sentiment_differences(corpus: Corpus, reps: int = BOOTSTRAP_REPS) -> pd.DataFrame:
    """Differences between every pair of articles of a story, with bootstrap intervals.

    Columns: ``story``, ``article_a``, ``outlet_a``, ``article_b``, ``outlet_b``,
    ``scope``, ``metric``, ``value_a``, ``value_b``, ``difference`` (a - b),
    ``ci_low``/``ci_high``, ``excludes_zero``.
    """
    draws = sentiment_draws(sentence_sentiment(corpus), reps)
    empty = ({k: np.nan for k in SUMMARY_METRICS}, None, 0)
    rows = []
    for story, a, b in corpus.pairs():
        for scope in SCOPES:
            pa, ra, _ = draws.get((a.article_id, scope), empty)
            pb, rb, _ = draws.get((b.article_id, scope), empty)
            for metric in SUMMARY_METRICS:
                low, high = (percentile_interval(ra[metric] - rb[metric])
                             if ra is not None and rb is not None else (np.nan, np.nan))
                rows.append({"story": story, "article_a": a.article_id, "outlet_a": a.outlet,
                             "article_b": b.article_id, "outlet_b": b.outlet, "scope": scope,
                             "metric": metric, "value_a": pa[metric], "value_b": pb[metric],
                             "difference": pa[metric] - pb[metric], "ci_low": low, "ci_high": high,
                             "excludes_zero": excludes_zero(low, high)})
    return pd.DataFrame(rows)
