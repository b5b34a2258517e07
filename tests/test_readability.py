"""Readability battery against published and hand-computed values."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import analysis
import textstat

from analysis.measures import readability as r
from analysis.measures.bootstrap import percentile_interval, resampled_sums


def score(text: str, metric: str) -> float:
    return float(r.formulas(r.text_counts(text))[metric].iloc[0])


def test_cat_on_the_mat_matches_textstat_published_values():
    # textstat 0.7.13 documents FRE 116.145 and FKG -1.45 for this sentence.
    assert score("The cat sat on the mat.", "flesch_reading_ease") == pytest.approx(116.145)
    assert score("The cat sat on the mat.", "flesch_kincaid_grade") == pytest.approx(-1.45)


def test_hand_computed_two_sentence_passage():
    # 9 one-syllable words, 2 sentences, 26 letters, 28 non-space characters.
    counts = r.text_counts("The cat sat on the mat.")
    second = r.text_counts("The dog ate.")
    totals = {k: counts[k] + second[k] for k in counts}
    assert (totals["words"], totals["sentences"], totals["syllables"], totals["letters"], totals["chars"]) == (9, 2, 9, 26, 28)
    got = r.formulas(totals).iloc[0]
    assert got["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 4.5 - 84.6 * 1)        # 117.6675
    assert got["flesch_kincaid_grade"] == pytest.approx(0.39 * 4.5 + 11.8 - 15.59)             # -2.035
    assert got["coleman_liau_index"] == pytest.approx(0.058 * 2600 / 9 - 0.296 * 200 / 9 - 15.8)
    assert got["automated_readability_index"] == pytest.approx(4.71 * 28 / 9 + 0.5 * 4.5 - 21.43)
    assert got["words_per_sentence"] == 4.5 and got["syllables_per_word"] == 1.0


def test_polysyllables_and_smog_by_hand():
    # CMU: un-be-liev-a-ble (5), con-se-quen-ces (4), hap-pened (2), yes-ter-day (3).
    counts = r.text_counts("Unbelievable consequences happened yesterday.")
    assert (counts["words"], counts["syllables"], counts["polysyllables"]) == (4, 14, 3)
    got = r.formulas(counts).iloc[0]
    assert got["smog_index"] == pytest.approx(1.043 * math.sqrt(30 * 3 / 1) + 3.1291)  # 13.0239
    assert got["flesch_kincaid_grade"] == pytest.approx(0.39 * 4 + 11.8 * 3.5 - 15.59)  # 27.27


@pytest.mark.parametrize("text", [
    "The cat sat on the mat.",
    "Unbelievable consequences happened yesterday.",
    "Never have I been so ashamed of my country as on 24 February of this year.",
])
@pytest.mark.parametrize("metric, function", [
    ("flesch_reading_ease", textstat.flesch_reading_ease), ("flesch_kincaid_grade", textstat.flesch_kincaid_grade),
    ("gunning_fog", textstat.gunning_fog), ("smog_index", textstat.smog_index),
    ("coleman_liau_index", textstat.coleman_liau_index), ("automated_readability_index", textstat.automated_readability_index),
    ("dale_chall", textstat.dale_chall_readability_score),
])
def test_counts_reproduce_textstat_on_single_sentences(text, metric, function):
    # Where textstat counts the same sentences, the count-based formulas must agree with it.
    assert score(text, metric) == pytest.approx(function(text))


def test_empty_text_is_undefined_not_zero():
    got = r.formulas(r.text_counts("")).iloc[0]
    assert math.isnan(got["flesch_reading_ease"])


def test_mtld_by_hand():
    # forward: "a b a" drops the TTR to 2/3 <= 0.72 (factor 1), "b a b" again (factor 2),
    # "a b" leaves TTR 1.0 -> partial factor 0; 8 / 2 = 4 in both directions.
    assert r.mtld("a b a b a b a b".split()) == pytest.approx(4.0)
    assert r.mtld("a a".split()) == pytest.approx(2.0)  # one factor after the second token
    # one direction with a remainder: "a b c a" -> TTR 3/4 = 0.75, no factor; partial (1-0.75)/0.28
    assert r.mtld("a b c a".split()) == pytest.approx(4 / (0.25 / 0.28))
    assert math.isnan(r.mtld([]))


def test_type_token_ratio():
    assert r.type_token_ratio("a b a c".split()) == 0.75


def test_bootstrap_is_seeded_and_percentiles_are_right():
    values = np.arange(10.0)
    first = resampled_sums(values, "x", reps=50)
    assert np.array_equal(first, resampled_sums(values, "x", reps=50))
    assert not np.array_equal(first, resampled_sums(values, "y", reps=50))
    assert percentile_interval(np.arange(101.0), 0.9) == pytest.approx((5.0, 95.0))


def test_seed_readability_table(seed_corpus):
    table = r.readability_table(seed_corpus, reps=200)
    again = r.readability_table(seed_corpus, reps=200)
    assert table.equals(again)
    body = table[(table["scope"] == "body") & (table["metric"] == "flesch_reading_ease")]
    assert len(body) == 2
    assert (body["ci_low"] < body["value"]).all() and (body["value"] < body["ci_high"]).all()
    smog = table[(table["metric"] == "smog_index") & (table["scope"] == "body")]
    assert smog["flags"].str.contains("SMOG normed on 30").all()
    # body words = narration + mixed + quotation words, so scopes partition the body
    words = table.drop_duplicates(["article_id", "scope"]).set_index(["article_id", "scope"])["n_words"]
    per_sentence = r.sentence_readability(seed_corpus)
    for article_id in ("itv-000", "yahoo-004"):
        assert words[(article_id, "body")] == per_sentence.loc[per_sentence["article_id"] == article_id, "words"].sum()
        assert words[(article_id, "page")] > words[(article_id, "body")]


def test_differences_and_quote_effect(seed_corpus):
    diffs = analysis.readability_differences(seed_corpus, reps=200)
    row = diffs[(diffs["scope"] == "body") & (diffs["metric"] == "words_per_sentence")].iloc[0]
    assert row["difference"] == pytest.approx(row["value_a"] - row["value_b"])
    assert row["ci_low"] < row["difference"] < row["ci_high"]
    effect = r.quote_effect(r.readability_table(seed_corpus, reps=50))
    assert set(effect["article_id"]) == {"itv-000", "yahoo-004"}
    assert (effect["body_minus_narration"] == effect["body"] - effect["narration"]).all()
    assert effect["quotation_word_share"].between(0, 1).all()


def test_ari_counts_words_as_smith_and_senter_not_stand_alone_dashes():
    # "The cat sat on the mat — it was warm." 9 words (the dash is not one), 1 sentence,
    # 28 non-space characters (the dash included): ARI = 4.71 * 28/9 + 0.5 * 9 - 21.43 = -2.2767.
    text = "The cat sat on the mat — it was warm."
    assert score(text, "automated_readability_index") == pytest.approx(4.71 * 28 / 9 + 0.5 * 9 - 21.43)
    # textstat divides the 28 characters by 10 "words" (the dash counted): documented difference
    assert textstat.automated_readability_index(text) == pytest.approx(4.71 * 28 / 10 + 0.5 * 9 - 21.43)


def test_quote_effect_of_a_story_with_no_analysable_article_is_an_empty_table():
    from analysis.measures.readability import READABILITY_COLUMNS, quote_effect

    table = quote_effect(pd.DataFrame(columns=READABILITY_COLUMNS))
    assert table.empty and list(table.columns) == ["story", "article_id", "outlet", "metric", "body", "narration",
                                                   "reported", "quotation", "quotation_word_share",
                                                   "body_minus_narration"]


def test_the_formula_registry_by_hand():
    """Every formula of ``FORMULAS`` from one set of counts, worked out by hand: 2 sentences,
    20 words, 30 syllables, 3 polysyllables, 2 complex words, 4 difficult words, 90 letters,
    100 characters, so 10 words a sentence, 1.5 syllables a word, 20 difficult words per 100."""
    from analysis.measures import readability
    from analysis.outputs import plots

    counts = {"sentences": 2, "words": 20, "syllables": 30, "polysyllables": 3, "complex_words": 2,
              "difficult_words": 4, "letters": 90, "chars": 100}
    by_hand = {
        "flesch_reading_ease": 206.835 - 10.15 - 126.9,          # 1.015 x 10, 84.6 x 1.5
        "flesch_kincaid_grade": 3.9 + 17.7 - 15.59,              # 0.39 x 10, 11.8 x 1.5
        "gunning_fog": 0.4 * (10 + 10),                          # 100 x 2 / 20 complex
        "smog_index": 1.043 * 45 ** 0.5 + 3.1291,                # 30 x 3 / 2 polysyllables
        "coleman_liau_index": 0.058 * 450 - 0.296 * 10 - 15.8,   # 100 x 90 / 20 letters, 100 x 2 / 20 sentences
        "automated_readability_index": 4.71 * 5 + 5 - 21.43,     # 100 / 20 characters a word
        "dale_chall": 0.1579 * 20 + 0.0496 * 10 + 3.6365,        # over 5% difficult: the adjustment
        "words_per_sentence": 10, "syllables_per_word": 1.5, "polysyllable_share": 0.15,
        "difficult_word_share": 0.2,
    }
    values = {k: float(v[0]) for k, v in readability.formula_arrays({k: [v] for k, v in counts.items()}).items()}
    assert values == pytest.approx(by_hand)
    assert readability.FORMULA_METRICS == list(by_hand)
    # derived lists: the 100-word flag for the fitted formulas, the grade axis, the labels
    assert readability.FITTED_FORMULAS == list(by_hand)[:7]
    assert plots.GRADE_METRICS == ["flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
                                   "automated_readability_index"]
    assert plots.METRIC_LABELS["coleman_liau_index"] == "Coleman-Liau"
