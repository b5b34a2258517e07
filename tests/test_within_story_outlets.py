"""Within a story, outlets (not articles) are compared; one-outlet stories say why nothing is compared."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

import analysis
from analysis.compare import within_story
from conftest import SEED_DATA


@pytest.fixture(scope="module")
def unbalanced(tmp_path_factory):
    data = tmp_path_factory.mktemp("unbalanced") / "data"
    shutil.copytree(SEED_DATA, data)
    with (data / "manifest.csv").open("a", encoding="utf-8") as handle:
        # story "s": Alpha has two articles, Beta one; story "lone": one outlet only
        handle.write("a1,s,Alpha,,,,raw/000_6966557157a2233c.txt,,\n")
        handle.write("a2,s,Alpha,,,,raw/004_c965ac35a58a2a04.txt,,\n")
        handle.write("b1,s,Beta,,,,raw/004_c965ac35a58a2a04.txt,,\n")
        handle.write("l1,lone,Alpha,,,,raw/000_6966557157a2233c.txt,,\n")
    return analysis.load_corpus(data, story=None)


def test_two_stage_bootstrap_resamples_articles_by_hand():
    # article 1: two sentences worth 1; article 2: two worth 3.  Sentences alone never vary the
    # sum (always 8); drawing articles gives 4, 8 or 12 with probabilities 1/4, 1/2, 1/4.
    sums = within_story.two_stage_sums([np.ones((2, 1)), 3 * np.ones((2, 1))], ("t",), reps=4000)[:, 0]
    shares = [np.mean(sums == v) for v in (4, 8, 12)]
    assert shares == pytest.approx([0.25, 0.5, 0.25], abs=0.03)


def test_outlets_not_articles_and_pooled_values(unbalanced):
    diffs = within_story.sentiment_differences(unbalanced, reps=200)
    s = diffs[diffs["story"] == "s"]
    assert set(zip(s["outlet_a"], s["outlet_b"])) == {("Alpha", "Beta")}     # no outlet against itself
    assert not (diffs["outlet_a"] == diffs["outlet_b"]).any()
    row = s[(s["scope"] == "body") & (s["metric"] == "mean_compound")].iloc[0]
    # expected from the reference VADER on Alpha's two articles' body sentences, pooled
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    texts = unbalanced.sentences.loc[unbalanced.sentences["article_id"].isin(["a1", "a2"]), "text"]
    reference = SentimentIntensityAnalyzer()
    assert row["value_a"] == pytest.approx(np.mean([reference.polarity_scores(t)["compound"] for t in texts]))
    assert (row["n_articles_a"], row["n_articles_b"]) == (2, 1)
    assert row["n_sentences_a"] == len(texts) > 0
    assert row["interval"].startswith("95% two-stage")
    assert row["ci_low"] <= row["difference"] <= row["ci_high"]


def test_one_outlet_story_gives_a_row_not_a_key_error(unbalanced):
    diffs = within_story.readability_differences(unbalanced, reps=100)
    lone = diffs[diffs["story"] == "lone"]
    assert len(lone) == 1 and lone["note"].iloc[0] == "only one outlet (Alpha) in this story: no comparison possible"
    findings = analysis.key_findings(unbalanced, reps=100)
    assert "no comparison possible" in findings.loc[findings["story"] == "lone", "caveat"].iloc[0]
    mine = findings[findings["story"] == "s"].iloc[0]
    assert mine["caveat"].startswith("Alpha: 2 articles,") and "articles and sentences resampled" in mine["caveat"]
    assert findings["p_holm"].dropna().ge(findings["p_value"].dropna()).all()
    assert "tests; if no outlet differed, chance alone would give about" in findings.attrs["summary"]


def test_seed_differences_keep_the_study_sign(seed_corpus):
    diffs = within_story.readability_differences(seed_corpus, reps=50, outlets=["Yahoo News UK"])
    assert set(diffs["outlet_a"]) == {"Yahoo News UK"}   # declared order decides which side comes first
