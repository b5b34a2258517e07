"""Sentence-level sentiment with VADER, split by voice, with bootstrap intervals.

VADER (Hutto & Gilbert 2014) is scored with ``vaderSentiment``, its authors'
reference implementation and lexicon, not NLTK's copy: NLTK's port diverges on
some inputs (it keeps "no" as a negative word where the reference treats "no
<word>" as a negation, so "There is no good news." is -0.3412 in the reference
and +0.1779 in NLTK), and it needs a ``vader_lexicon`` download.

Compound scores saturate towards +/-1 on long texts, so sentences are scored
one by one and then aggregated; an article is never scored as one string.
A sentence is positive when compound >= 0.05, negative when <= -0.05, neutral
otherwise (the thresholds of Hutto & Gilbert's README).  Intervals are
percentile bootstraps over sentences (:mod:`analysis.measures.bootstrap`).
"""
from __future__ import annotations


import numpy as np
import pandas as pd

from .bootstrap import resample_chunks
from .fast_vader import fast_vader
from .readability import article_positions, percentile_intervals
from ..config import BOOTSTRAP_REPS
from ..text.corpus import Corpus
from ..text.sentences import SCOPES, scope_mask

POSITIVE_MIN = 0.05
NEGATIVE_MAX = -0.05
SUMMARY_METRICS = ("mean_compound", "share_positive", "share_neutral", "share_negative")
SENTENCE_SENTIMENT_COLUMNS = ["story", "article_id", "outlet", "sentence_id", "position", "relative_position",
                              "voice", "speaker", "neg", "neu", "pos", "compound", "label", "text"]


def score_text(text: str) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos`` and ``compound`` for one sentence: the reference's
    numbers to the last bit, computed by :mod:`analysis.measures.fast_vader`."""
    return fast_vader().polarity_scores(text)


def label(compound: float) -> str:
    if compound >= POSITIVE_MIN:
        return "positive"
    if compound <= NEGATIVE_MAX:
        return "negative"
    return "neutral"


def sentence_sentiment(corpus: Corpus) -> pd.DataFrame:
    """One row per body sentence with its VADER scores.

    Columns: ``story``, ``article_id``, ``outlet``, ``sentence_id``, ``position``,
    ``relative_position`` (0 first sentence, 1 last), ``voice``, ``speaker``,
    ``neg``, ``neu``, ``pos``, ``compound``, ``label`` (positive, neutral,
    negative), ``text``.
    """
    s = corpus.sentences
    scores = pd.DataFrame([score_text(t) for t in s["text"]], columns=["neg", "neu", "pos", "compound"], index=s.index)
    frame = pd.concat([s[["story", "article_id", "outlet", "sentence_id", "position", "relative_position",
                          "voice", "speaker", "text"]], scores], axis=1)
    frame["label"] = [label(c) for c in frame["compound"]]
    return frame[SENTENCE_SENTIMENT_COLUMNS]


def compound_statistics(compound: np.ndarray) -> dict[str, np.ndarray]:
    """``SUMMARY_METRICS`` over the last axis of ``compound`` (works on replicates too);
    NaN when there is no sentence."""
    if compound.shape[-1] == 0:
        return {m: np.full(compound.shape[:-1], np.nan) for m in SUMMARY_METRICS}
    with np.errstate(invalid="ignore"):
        return {
            "mean_compound": compound.mean(axis=-1),
            "share_positive": (compound >= POSITIVE_MIN).mean(axis=-1),
            "share_neutral": ((compound > NEGATIVE_MAX) & (compound < POSITIVE_MIN)).mean(axis=-1),
            "share_negative": (compound <= NEGATIVE_MAX).mean(axis=-1),
        }


def sentiment_draws(scored: pd.DataFrame, reps: int = BOOTSTRAP_REPS):
    """Per ``(article_id, scope)`` of :func:`sentence_sentiment` rows: point values,
    bootstrap replicates of ``SUMMARY_METRICS`` (None without sentences) and the sentence count."""
    out = {}
    all_compound, voices = scored["compound"].to_numpy(float), scored["voice"].to_numpy()
    for article_id, rows in article_positions(scored).items():  # numpy per article, no per-group frames
        for scope in SCOPES:
            compound = all_compound[rows[scope_mask(voices[rows], scope)]]
            if len(compound):
                point = {k: float(v) for k, v in compound_statistics(compound).items()}
                parts = [compound_statistics(compound[index])
                         for index in resample_chunks(len(compound), article_id, scope, "sentiment", reps=reps)]
                reps_ = {k: np.concatenate([part[k] for part in parts]) for k in SUMMARY_METRICS}
            else:
                point = {k: float("nan") for k in SUMMARY_METRICS}
                reps_ = None
            out[(article_id, scope)] = (point, reps_, len(compound))
    return out


def sentiment_summary(corpus: Corpus, reps: int = BOOTSTRAP_REPS, scored: pd.DataFrame | None = None) -> pd.DataFrame:
    """Aggregates per article and scope (body, narration, reported, quotation), tidy.

    Columns: ``story``, ``article_id``, ``outlet``, ``scope``, ``metric``
    (mean_compound, share_positive, share_neutral, share_negative), ``value``,
    ``ci_low``/``ci_high`` (95% percentile bootstrap over sentences),
    ``n_sentences``, ``flags`` ("no sentences", "fewer than 10 sentences").
    ``scored``: :func:`sentence_sentiment` of the corpus, if already computed.
    """
    draws = sentiment_draws(sentence_sentiment(corpus) if scored is None else scored, reps)
    rows = []
    for article in corpus.articles.itertuples(index=False):
        for scope in SCOPES:
            point, replicates, n = draws.get((article.article_id, scope), ({k: np.nan for k in SUMMARY_METRICS}, None, 0))
            intervals = percentile_intervals(replicates, SUMMARY_METRICS) if replicates is not None else {}
            for metric in SUMMARY_METRICS:
                low, high = intervals.get(metric, (np.nan, np.nan))
                flags = "no sentences" if n == 0 else ("fewer than 10 sentences" if n < 10 else "")
                rows.append({"story": article.story, "article_id": article.article_id, "outlet": article.outlet,
                             "scope": scope, "metric": metric, "value": point[metric], "ci_low": low,
                             "ci_high": high, "n_sentences": n, "flags": flags})
    return pd.DataFrame(rows)


def sentiment_arc(scored: pd.DataFrame, window: int = 3) -> pd.DataFrame:
    """Sentence scores in reading order with a centred rolling mean per article.

    Takes :func:`sentence_sentiment`; returns it with ``rolling_compound`` (mean
    compound over ``window`` neighbouring sentences, fewer at the ends).
    """
    frame = scored.copy()
    frame["rolling_compound"] = frame.groupby("article_id", sort=False)["compound"].transform(
        lambda c: c.rolling(window, center=True, min_periods=1).mean())
    return frame


def extreme_sentences(corpus: Corpus, n: int = 3) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences of each article.

    Columns: ``story``, ``article_id``, ``outlet``, ``end`` (most negative or most
    positive), ``rank`` (1 = most extreme), ``compound``, ``voice``, ``speaker``,
    ``sentence_id``, ``text``.  Ties keep reading order.
    """
    scored = sentence_sentiment(corpus)
    parts = []
    for _, group in scored.groupby("article_id", sort=False):
        for end, ascending in (("most negative", True), ("most positive", False)):
            top = group.sort_values("compound", ascending=ascending, kind="stable").head(n).copy()
            top = top[top["compound"] < 0] if ascending else top[top["compound"] > 0]
            top["end"] = end
            top["rank"] = range(1, len(top) + 1)
            parts.append(top)
    columns = ["story", "article_id", "outlet", "end", "rank", "compound", "voice", "speaker", "sentence_id", "text"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)
