"""VADER against its published examples, and the reason for the reference implementation."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

import analysis

from analysis.measures import sentiment as s


@pytest.mark.parametrize("text, compound", [
    ("VADER is smart, handsome, and funny.", 0.8316),
    ("VADER is not smart, handsome, nor funny.", -0.7424),
])
def test_published_examples(text, compound):
    assert s.score_text(text)["compound"] == compound


def test_published_example_with_proportions():
    assert s.score_text("The book was good.") == {"neg": 0.0, "neu": 0.508, "pos": 0.492, "compound": 0.4404}


def test_no_before_a_sentiment_word_negates_it_by_hand():
    # Reference VADER: "no" before a lexicon word scores 0 and negates it: good 1.9 * -0.74 = -1.406;
    # compound = x / sqrt(x^2 + 15).
    x = 1.9 * -0.74
    assert s.score_text("There is no good news.")["compound"] == pytest.approx(round(x / math.sqrt(x * x + 15), 4))


def test_nltk_copy_differs_on_that_case():
    import vaderSentiment
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

    nltk_vader = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    nltk_vader.lexicon_file = (Path(vaderSentiment.__file__).parent / "vader_lexicon.txt").read_text(encoding="utf-8")
    nltk_vader.lexicon = nltk_vader.make_lex_dict()
    nltk_vader.constants = VaderConstants()
    # same lexicon, same published example ...
    assert nltk_vader.polarity_scores("The book was good.")["compound"] == 0.4404
    # ... but NLTK keeps "no" as a negative word and does not negate "good"
    assert nltk_vader.polarity_scores("There is no good news.")["compound"] > 0
    assert s.score_text("There is no good news.")["compound"] < 0


def test_labels_use_the_usual_thresholds():
    assert [s.label(c) for c in (0.05, 0.0499, -0.0499, -0.05)] == ["positive", "neutral", "neutral", "negative"]


def test_seed_summary_by_voice(seed_corpus):
    summary = s.sentiment_summary(seed_corpus, reps=300)
    assert summary.equals(s.sentiment_summary(seed_corpus, reps=300))
    scored = s.sentence_sentiment(seed_corpus)
    for (article_id, scope), group in summary.groupby(["article_id", "scope"]):
        chosen = scored[scored["article_id"] == article_id]
        if scope != "body":
            chosen = chosen[chosen["voice"] == scope]
        mean = group.set_index("metric").loc["mean_compound"]
        assert mean["value"] == pytest.approx(chosen["compound"].mean())
        assert mean["n_sentences"] == len(chosen)
        shares = group.set_index("metric")["value"]
        assert shares["share_positive"] + shares["share_neutral"] + shares["share_negative"] == pytest.approx(1)
    both = summary[summary["scope"].isin(["narration", "quotation"]) & (summary["metric"] == "mean_compound")]
    assert len(both) == 4 and both["value"].notna().all()


def test_differences_and_extremes(seed_corpus):
    diffs = analysis.sentiment_differences(seed_corpus, reps=300)
    row = diffs[(diffs["scope"] == "body") & (diffs["metric"] == "mean_compound")].iloc[0]
    assert row["ci_low"] <= row["difference"] <= row["ci_high"]
    extremes = s.extreme_sentences(seed_corpus, n=2)
    negative = extremes[(extremes["article_id"] == "yahoo-004") & (extremes["end"] == "most negative")]
    scored = s.sentence_sentiment(seed_corpus)
    assert negative["compound"].iloc[0] == scored.loc[scored["article_id"] == "yahoo-004", "compound"].min()
    arc = s.sentiment_arc(scored, window=3)
    first = arc[arc["article_id"] == "itv-000"].iloc[:2]["compound"].mean()
    assert arc[arc["article_id"] == "itv-000"]["rolling_compound"].iloc[0] == pytest.approx(first)
