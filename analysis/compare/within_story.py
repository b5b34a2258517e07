"""Differences between the outlets of one story, with bootstrap intervals.

Outlets, not articles, are compared: every pair of outlets of a story, first
minus second in the data folder's outlet order
(:func:`analysis.compare.order.study_outlets`; by default the order of first appearance in the manifest).

* An outlet with one article: its sentences are resampled
  (:mod:`analysis.measures.bootstrap`); the interval describes these articles
  (a different choice of sentences from the same writing), not the outlets.
* An outlet with several articles in the story: its articles' sentences are
  pooled for the value, and the bootstrap is two-stage (a cluster bootstrap,
  Davison & Hinkley 1997, sec. 3.8): resample the outlet's articles with
  replacement, then each chosen article's sentences, so the interval also
  carries the article-to-article variation of that outlet on this story.

Both sides are resampled independently; the interval is the percentile
interval of the replicate differences, and ``p_value`` is the matching
two-sided bootstrap p-value (twice the smaller share of replicate
differences on either side of zero).  A story with one outlet gets one row
that says no comparison is possible.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from ..config import BOOTSTRAP_REPS
from ..measures.bootstrap import excludes_zero, rng_for
from ..measures.readability import (COUNT_COLUMNS, FORMULA_METRICS, article_positions, percentile_intervals, scope_draws,
                                    scope_readability, sentence_readability)
from ..measures.sentiment import NEGATIVE_MAX, POSITIVE_MIN, SUMMARY_METRICS, sentence_sentiment, sentiment_draws
from ..text.corpus import Corpus
from ..text.sentences import SCOPES, scope_mask
from .multiplicity import adjust
from .order import ordered_outlets

DIFFERENCE_COLUMNS = [
    "story", "outlet_a", "outlet_b", "article_a", "article_b", "n_articles_a", "n_articles_b",
    "n_sentences_a", "n_sentences_b", "scope", "metric", "value_a", "value_b", "difference", "ci_low", "ci_high",
    "excludes_zero", "p_value", "p_holm", "p_bh", "adjustment", "interval", "note", "caveat",
]
SENTENCE_BOOTSTRAP = "95% percentile bootstrap over sentences"
TWO_STAGE = "95% two-stage bootstrap: articles, then sentences"


class Side(NamedTuple):
    """One outlet of a story for one scope: its articles, pooled value, replicates and sentence count."""

    outlet: str
    article_ids: list[str]
    values: dict[str, float]
    draws: dict[str, np.ndarray] | None
    n_sentences: int


def two_stage_sums(per_article: list[np.ndarray], key: tuple[str, ...], reps: int = BOOTSTRAP_REPS) -> np.ndarray:
    """Column sums of pooled sentence rows under a two-stage bootstrap: ``reps x k``.

    ``per_article`` holds one ``n_i x k`` array of sentence rows per article.
    Each replicate draws as many articles as there are, with replacement, and
    for each drawn article a resample of its own sentences, and sums them.
    """
    m = len(per_article)
    width = per_article[0].shape[1]
    rng = rng_for("two-stage", *key)
    chosen = rng.integers(0, m, size=(reps, m))
    totals = np.zeros((reps, width))
    for slot in range(m):
        for j in range(m):
            rows = np.flatnonzero(chosen[:, slot] == j)
            n = len(per_article[j])
            if len(rows) and n:
                totals[rows] += per_article[j][rng.integers(0, n, size=(len(rows), n))].sum(axis=1)
    return totals


def _outlet_groups(corpus: Corpus, outlets: list[str] | None):
    order = ordered_outlets(corpus.articles["outlet"], outlets or [])
    for story, group in corpus.articles.groupby("story", sort=False):
        by_outlet = {o: group.loc[group["outlet"] == o, "article_id"].tolist() for o in order if o in set(group["outlet"])}
        yield story, by_outlet


def _sentiment_columns(compound: np.ndarray) -> np.ndarray:
    """Per-sentence rows whose sums give every summary metric: compound, positive, neutral, negative, 1."""
    return np.column_stack([compound, compound >= POSITIVE_MIN, (compound > NEGATIVE_MAX) & (compound < POSITIVE_MIN),
                            compound <= NEGATIVE_MAX, np.ones_like(compound)]).astype(float)


def _sentiment_from_sums(sums: np.ndarray) -> dict[str, np.ndarray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        n = sums[:, 4]
        return {"mean_compound": sums[:, 0] / n, "share_positive": sums[:, 1] / n,
                "share_neutral": sums[:, 2] / n, "share_negative": sums[:, 3] / n}


def _side_text(n_articles: int, n_sentences: int) -> str:
    return f"{n_articles} article{'s' if n_articles != 1 else ''}, {n_sentences} sentences"


def caveat_for(row) -> str:
    """What stands behind each side of a difference and what it generalises to."""
    text = (f"{row.outlet_a}: {_side_text(row.n_articles_a, row.n_sentences_a)}; "
            f"{row.outlet_b}: {_side_text(row.n_articles_b, row.n_sentences_b)}; ")
    if max(row.n_articles_a, row.n_articles_b) == 1:
        text += "one article per outlet: generalises to these two articles' sentences, not to the outlets"
    else:
        text += ("articles and sentences resampled: generalises to articles like these from these outlets "
                 "on this story, not to other stories")
    if min(row.n_sentences_a, row.n_sentences_b) < 10:
        text += "; fewer than 10 sentences on one side: the interval is rough"
    return text


def _bootstrap_p(differences: np.ndarray) -> float:
    """Two-sided bootstrap p-value: twice the smaller share of replicates on either side of 0."""
    d = np.asarray(differences, dtype=float)
    d = d[np.isfinite(d)]
    if not len(d):
        return float("nan")
    tail = min(np.sum(d <= 0), np.sum(d >= 0))
    return float(min(1.0, 2 * (tail + 1) / (len(d) + 1)))


def _difference_draws(sa: Side, sb: Side, metrics: list[str]):
    """Replicate differences a - b per metric and their percentile intervals ({} without draws)."""
    if sa.draws is None or sb.draws is None:
        return {}, {}
    differences = {m: np.asarray(sa.draws[m]) - np.asarray(sb.draws[m]) for m in metrics}
    return differences, percentile_intervals(differences, metrics)


def _pair_rows(story, sides_by_scope: dict[str, dict[str, Side]], metrics: list[str]) -> list[dict]:
    rows = []
    outlets = list(next(iter(sides_by_scope.values())))
    if len(outlets) < 2:
        only = outlets[0] if outlets else ""
        ids = next(iter(sides_by_scope.values()))[only].article_ids if outlets else []
        return [{"story": story, "outlet_a": only, "outlet_b": "", "article_a": ", ".join(ids), "article_b": "",
                 "n_articles_a": len(ids), "n_articles_b": 0,
                 "note": f"only one outlet ({only}) in this story: no comparison possible"}]
    for i, a in enumerate(outlets):
        for b in outlets[i + 1:]:
            for scope, sides in sides_by_scope.items():
                sa, sb = sides[a], sides[b]
                interval = TWO_STAGE if max(len(sa.article_ids), len(sb.article_ids)) > 1 else SENTENCE_BOOTSTRAP
                differences, intervals = _difference_draws(sa, sb, metrics)
                for metric in metrics:
                    va, vb = sa.values[metric], sb.values[metric]
                    low, high = intervals.get(metric, (float("nan"), float("nan")))
                    p = _bootstrap_p(differences[metric]) if differences else float("nan")
                    note = "no sentences on one side" if sa.n_sentences == 0 or sb.n_sentences == 0 else ""
                    rows.append({
                        "story": story, "outlet_a": a, "outlet_b": b, "article_a": ", ".join(sa.article_ids),
                        "article_b": ", ".join(sb.article_ids), "n_articles_a": len(sa.article_ids),
                        "n_articles_b": len(sb.article_ids), "n_sentences_a": sa.n_sentences,
                        "n_sentences_b": sb.n_sentences, "scope": scope, "metric": metric, "value_a": va,
                        "value_b": vb, "difference": va - vb, "ci_low": low, "ci_high": high,
                        "excludes_zero": excludes_zero(low, high), "p_value": p, "interval": interval, "note": note,
                    })
    return rows


def _finish(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)
    compared = frame["outlet_b"] != ""
    frame["caveat"] = [caveat_for(row) if ok else row.note
                       for ok, row in zip(compared, frame.itertuples(index=False))]
    return adjust(frame)


def readability_differences(corpus: Corpus, reps: int = BOOTSTRAP_REPS, outlets: list[str] | None = None) -> pd.DataFrame:
    """Differences between every pair of outlets of a story, with bootstrap intervals.

    Columns: ``story``, ``outlet_a``, ``outlet_b`` (a before b in the outlet
    order), ``article_a``, ``article_b`` (the articles behind each side),
    ``n_articles_a``, ``n_articles_b``, ``n_sentences_a``, ``n_sentences_b``,
    ``scope``, ``metric``, ``value_a``, ``value_b`` (on the outlet's pooled
    sentences), ``difference`` (a - b), ``ci_low``/``ci_high`` (percentile
    interval of the difference of independent resamples), ``excludes_zero``,
    ``p_value`` (bootstrap), ``p_holm``/``p_bh`` (adjusted over the table),
    ``adjustment``, ``interval`` (which bootstrap), ``note`` (e.g. a story
    with one outlet: one row saying no comparison is possible), ``caveat``
    (articles and sentences behind each side; what the difference generalises
    to); ``adjust`` also adds ``holm_below_alpha``.
    ``attrs["summary"]`` says how many exclusions chance alone would give.
    Formula metrics only: the others have no interval.
    """
    per_sentence = sentence_readability(corpus)
    counts, voices = per_sentence[COUNT_COLUMNS].to_numpy(), per_sentence["voice"].to_numpy()
    rows = article_positions(per_sentence)
    none = np.empty(0, dtype=np.int64)

    def sentence_counts_of(article_id, scope):
        mine = rows.get(article_id, none)
        return counts[mine[scope_mask(voices[mine], scope)]]

    def single(article_id, scope):
        chosen = sentence_counts_of(article_id, scope)
        point, replicates = scope_draws(chosen, article_id, scope, reps)  # the readability table's numbers
        return point, replicates, len(chosen)

    return _outlet_rows(corpus, outlets, FORMULA_METRICS, "readability", reps, single,
                        lambda article_id, scope: sentence_counts_of(article_id, scope).astype(float), scope_readability)


def sentiment_differences(corpus: Corpus, reps: int = BOOTSTRAP_REPS, outlets: list[str] | None = None) -> pd.DataFrame:
    """Differences between every pair of outlets of a story, with bootstrap intervals.

    Columns as :func:`readability_differences`, for the sentence-level VADER
    summaries (``mean_compound``, ``share_positive``, ``share_neutral``,
    ``share_negative``).
    """
    scored = sentence_sentiment(corpus)
    draws = sentiment_draws(scored, reps)
    empty = ({k: np.nan for k in SUMMARY_METRICS}, None, 0)
    compound, voices = scored["compound"].to_numpy(float), scored["voice"].to_numpy()
    rows = article_positions(scored)
    none = np.empty(0, dtype=np.int64)

    def compound_columns_of(article_id, scope):
        mine = rows.get(article_id, none)
        return _sentiment_columns(compound[mine[scope_mask(voices[mine], scope)]])

    return _outlet_rows(corpus, outlets, list(SUMMARY_METRICS), "sentiment", reps,
                        lambda article_id, scope: draws.get((article_id, scope), empty),
                        compound_columns_of, _sentiment_from_sums)


def _outlet_rows(corpus, outlets, metrics, family, reps, single, sentence_columns, from_sums) -> pd.DataFrame:
    """Rows of a differences table: per story, scope and outlet one :class:`Side`.

    An outlet with one article uses that article's point values and replicates
    (``single(article_id, scope)`` -> ``(point, replicates, n)``); with several,
    their per-sentence columns (``sentence_columns``) are pooled and resampled in
    two stages, articles then sentences, and ``from_sums`` turns summed columns
    into the metrics.
    """
    rows = []
    for story, by_outlet in _outlet_groups(corpus, outlets):
        sides_by_scope = {}
        for scope in SCOPES:
            sides = {}
            for outlet, ids in by_outlet.items():
                if len(ids) == 1:
                    point, replicates, n = single(ids[0], scope)
                    sides[outlet] = Side(outlet, ids, point, replicates, n)
                    continue
                parts = [sentence_columns(article_id, scope) for article_id in ids]
                pooled = np.vstack(parts)
                point = {m: float(v[0]) for m, v in from_sums(pooled.sum(axis=0)[None, :]).items()}
                replicates = (from_sums(two_stage_sums(parts, (story, outlet, scope, family), reps))
                              if len(pooled) else None)
                sides[outlet] = Side(outlet, ids, {m: point[m] for m in metrics}, replicates, len(pooled))
            sides_by_scope[scope] = sides
        rows += _pair_rows(story, sides_by_scope, metrics)
    return _finish(rows)
