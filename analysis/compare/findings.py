"""The headline findings of a study, computed from the tables (nothing written by hand).

Each finding states a difference between two outlets of a story (first minus
second in the data folder's outlet order) with its 95% bootstrap interval, a
bootstrap p-value and the p-value adjusted by Holm over the findings listed
(Benjamini-Hochberg too).  With one article per outlet, an interval that
excludes zero says the difference is larger than the sentence-to-sentence
variation within these two articles, not that the outlets differ in general;
with several articles per outlet, the articles are resampled too (a two-stage
bootstrap), and the interval speaks for articles like these of that outlet on
this story.  ``attrs["summary"]`` says how many exclusions of zero chance alone
would give.
"""
from __future__ import annotations

import pandas as pd

from ..config import BOOTSTRAP_REPS
from ..text.corpus import Corpus
from . import within_story
from .multiplicity import adjust

FINDING_COLUMNS = ["story", "finding", "outlet_a", "outlet_b", "n_articles_a", "n_articles_b", "value_a", "value_b",
                   "difference", "ci_low", "ci_high", "excludes_zero", "p_value", "p_holm", "p_bh", "adjustment",
                   "caveat"]

_CHOSEN = [
    ("readability", "body", "flesch_kincaid_grade", "Flesch-Kincaid grade of the body text"),
    ("readability", "narration", "flesch_kincaid_grade", "Flesch-Kincaid grade of the outlet's own narration"),
    ("readability", "body", "words_per_sentence", "words per sentence in the body"),
    ("sentiment", "body", "mean_compound", "mean VADER compound per body sentence"),
    ("sentiment", "narration", "mean_compound", "mean VADER compound of the outlet's own narration"),
    ("sentiment", "quotation", "mean_compound", "mean VADER compound of quoted sentences"),
]


def key_findings(corpus: Corpus, reps: int = BOOTSTRAP_REPS, outlets: list[str] | None = None) -> pd.DataFrame:
    """A short table of differences between outlets, with intervals, adjusted p-values and caveats.

    Columns: ``story``, ``finding``, ``outlet_a``, ``outlet_b`` (a before b in
    the outlet order), ``n_articles_a``, ``n_articles_b``, ``value_a``,
    ``value_b``, ``difference`` (a - b), ``ci_low``, ``ci_high``,
    ``excludes_zero``, ``p_value`` (bootstrap), ``p_holm``, ``p_bh`` (adjusted
    over the findings listed), ``adjustment``, ``holm_below_alpha``, ``caveat`` (sentences and
    articles behind each side; what it generalises to).  A story with one
    outlet gives one row saying no comparison is possible.
    ``attrs["summary"]`` says how many exclusions chance alone would give.
    """
    tables = {"readability": within_story.readability_differences(corpus, reps, outlets),
              "sentiment": within_story.sentiment_differences(corpus, reps, outlets)}
    rows = []
    for source, scope, metric, text in _CHOSEN:
        table = tables[source]
        for row in table[(table["scope"] == scope) & (table["metric"] == metric)].itertuples(index=False):
            rows.append({"story": row.story, "finding": text, "outlet_a": row.outlet_a, "outlet_b": row.outlet_b,
                         "n_articles_a": row.n_articles_a, "n_articles_b": row.n_articles_b,
                         "value_a": row.value_a, "value_b": row.value_b, "difference": row.difference,
                         "ci_low": row.ci_low, "ci_high": row.ci_high, "excludes_zero": row.excludes_zero,
                         "p_value": row.p_value, "caveat": row.caveat})
    lonely = tables["readability"]
    for row in lonely[lonely["outlet_b"] == ""].itertuples(index=False):
        rows.append({"story": row.story, "finding": "no comparison", "outlet_a": row.outlet_a, "outlet_b": "",
                     "n_articles_a": row.n_articles_a, "n_articles_b": 0, "excludes_zero": False,
                     "caveat": row.note})
    return adjust(pd.DataFrame(rows, columns=FINDING_COLUMNS))
