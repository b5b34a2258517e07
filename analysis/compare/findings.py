"""The headline findings of a study, computed from the tables (nothing written by hand).

Each finding states a difference between two outlets with its 95% bootstrap
interval, and whether that interval excludes zero.  With one article per outlet,
an interval that excludes zero says the difference is larger than the
sentence-to-sentence variation within these two articles, not that the outlets
differ in general.
"""
from __future__ import annotations

import pandas as pd

from ..config import BOOTSTRAP_REPS
from ..text.corpus import Corpus
from . import within_story

FINDING_COLUMNS = ["story", "finding", "outlet_a", "outlet_b", "value_a", "value_b", "difference",
                   "ci_low", "ci_high", "excludes_zero", "caveat"]

_CHOSEN = [
    ("readability", "body", "flesch_kincaid_grade", "Flesch-Kincaid grade of the body text"),
    ("readability", "narration", "flesch_kincaid_grade", "Flesch-Kincaid grade of the outlet's own narration"),
    ("readability", "body", "words_per_sentence", "words per sentence in the body"),
    ("sentiment", "body", "mean_compound", "mean VADER compound per body sentence"),
    ("sentiment", "narration", "mean_compound", "mean VADER compound of the outlet's own narration"),
    ("sentiment", "quotation", "mean_compound", "mean VADER compound of quoted sentences"),
]


def key_findings(corpus: Corpus, reps: int = BOOTSTRAP_REPS) -> pd.DataFrame:
    """A short table of differences between outlets, with intervals and caveats.

    Columns: ``story``, ``finding``, ``outlet_a``, ``outlet_b``, ``value_a``,
    ``value_b``, ``difference`` (a - b), ``ci_low``, ``ci_high``,
    ``excludes_zero``, ``caveat``.
    """
    tables = {"readability": within_story.readability_differences(corpus, reps),
              "sentiment": within_story.sentiment_differences(corpus, reps)}
    sizes = corpus.articles.set_index("article_id")
    rows = []
    for source, scope, metric, text in _CHOSEN:
        table = tables[source]
        for row in table[(table["scope"] == scope) & (table["metric"] == metric)].itertuples(index=False):
            column = {"body": "n_sentences", "narration": "n_narration", "reported": "n_reported",
                      "quotation": "n_quotation"}[scope]
            n_a, n_b = int(sizes.loc[row.article_a, column]), int(sizes.loc[row.article_b, column])
            caveat = f"{n_a} vs {n_b} sentences; one article per outlet"
            if min(n_a, n_b) < 10:
                caveat += "; fewer than 10 sentences on one side: the interval is rough"
            rows.append({"story": row.story, "finding": text, "outlet_a": row.outlet_a, "outlet_b": row.outlet_b,
                         "value_a": row.value_a, "value_b": row.value_b, "difference": row.difference,
                         "ci_low": row.ci_low, "ci_high": row.ci_high, "excludes_zero": row.excludes_zero,
                         "caveat": caveat})
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)
