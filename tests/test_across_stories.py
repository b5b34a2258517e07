"""Study-level outlet comparisons: values worked out by hand on tiny designed tables."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from conftest import SEED_DATA

from analysis.compare import across_stories as ac


def tiny() -> pd.DataFrame:
    # s1: A 1, 3 (mean 2), B 1          -> d = 1
    # s2: A 5, B 2, 4 (mean 3)           -> d = 2
    # s3: A 0, C 1     (no B)            -> A-only story for A vs B
    # s4: B 7          (one outlet)      -> not comparable at all
    rows = [("s1", "A", 1), ("s1", "A", 3), ("s1", "B", 1), ("s2", "A", 5), ("s2", "B", 2), ("s2", "B", 4),
            ("s3", "A", 0), ("s3", "C", 1), ("s4", "B", 7)]
    frame = pd.DataFrame(rows, columns=["story", "outlet", "body_x"])
    frame.insert(0, "article_id", [f"a{i}" for i in range(len(frame))])
    return frame


def row(table, a, b, metric="body_x"):
    hit = table[(table["metric"] == metric) & (table["outlet_a"] == a) & (table["outlet_b"] == b)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_pooled_difference_counts_and_unbalanced_design_by_hand():
    table = ac.outlet_differences(tiny(), ["body_x"], mixed_model=False)
    r = row(table, "A", "B")
    assert r["difference"] == pytest.approx(1.5)          # mean of d = 1 and d = 2
    assert (r["n_stories"], r["n_same_sign"], r["n_articles_a"], r["n_articles_b"]) == (2, 2, 3, 3)
    assert (r["n_stories_a_only"], r["n_stories_b_only"]) == (1, 1)   # s3 (A, C) and s4 (B alone)
    assert "one outlet cannot be compared: s4" in r["note"]
    assert "these 2 stories' coverage by A (3 articles) and B (3 articles)" in r["caveat"]
    # A against the rest: s1 d=1, s2 d=2, s3 d=0-1=-1 -> mean 2/3; two of three stories positive
    rest = row(table, "A", ac.REST)
    assert rest["difference"] == pytest.approx(2 / 3)
    assert (rest["n_stories"], rest["n_same_sign"]) == (3, 2)
    # B and C share no story: a row that says so, not a missing row
    bc = row(table, "B", "C")
    assert np.isnan(bc["difference"]) and "no story" in bc["note"] and bc["n_stories"] == 0


def test_default_interval_is_the_t_interval_of_the_story_differences_by_hand():
    # A - B: story differences 1 and 2 -> mean 1.5, sd 0.70711, se 0.5, t(1, .975) = 12.7062 -> 1.5 -/+ 6.3531
    r = row(ac.outlet_differences(tiny(), ["body_x"], mixed_model=False), "A", "B")
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((1.5 - 6.3531, 1.5 + 6.3531), abs=1e-4)
    assert r["interval"].startswith("95% t interval over stories") and not r["excludes_zero"]
    # A - the rest: 1, 2, -1 -> mean 2/3, sd 1.52753, se 0.88192, t(2, .975) = 4.30265 -> 2/3 -/+ 3.79459
    r = row(ac.outlet_differences(tiny(), ["body_x"], mixed_model=False), "A", ac.REST)
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((2 / 3 - 3.79459, 2 / 3 + 3.79459), abs=1e-4)
    # the story bootstrap stays selectable, and says so
    boot = row(ac.outlet_differences(tiny(), ["body_x"], mixed_model=False, interval="expanded"), "A", "B")
    assert boot["interval"].startswith("95% story bootstrap (expanded percentile")
    with pytest.raises(ValueError, match="unknown interval method"):
        ac.outlet_differences(tiny(), ["body_x"], mixed_model=False, interval="wald")


def test_permutation_p_value_enumerated_by_hand():
    # s1 values {1,3,1}, one B label: d1 = 1 (B on a 1, 4 of 6 permutations) or -2 (B on the 3).
    # s2 values {5,2,4}, one A label: d2 = 2, -2.5 or 0.5 (2 of 6 each).
    # T = (d1 + d2)/2; |T| >= 1.5 for (1, 2) [prob 2/9] and (-2, -2.5) [prob 1/9]: p = 1/3.
    table = ac.outlet_differences(tiny(), ["body_x"], mixed_model=False)
    r = row(table, "A", "B")
    assert r["permutations"] == "exact (36)"
    assert r["p_permutation"] == pytest.approx(1 / 3)


def test_p_value_is_the_t_test_the_interval_inverts_by_hand():
    # A - B: d = 1, 2 -> t = 1.5 / 0.5 = 3 on 1 df (Cauchy): p = 1 - 2 atan(3) / pi = 0.204833
    r = row(ac.outlet_differences(tiny(), ["body_x"], mixed_model=False), "A", "B")
    assert r["p_value"] == pytest.approx(1 - 2 * np.arctan(3) / np.pi, rel=1e-9)
    # p < 0.05 exactly when the t interval excludes zero (checked on both sides of the edge)
    for d in ([0.3, -1.2, 2.5, 0.8, 1.1], [1.0, 1.2, 0.9, 1.4, 1.1]):
        low, high = ac.story_intervals(np.array(d), ("k",), methods=("t",))["t"]
        assert (ac.t_test_p_value(np.array(d)) < 0.05) == (low > 0 or high < 0)
    assert np.isnan(ac.t_test_p_value(np.array([1.0])))


def test_holm_and_bh_against_a_worked_example():
    table = pd.DataFrame({"p_value": [0.01, 0.04, 0.03, 0.005], "excludes_zero": [True, False, False, True]})
    out = ac.adjust(table)
    # Holm: sorted 0.005*4, 0.01*3, 0.03*2, 0.04*1 = .02 .03 .06 .04 -> running max .02 .03 .06 .06
    assert out["p_holm"].tolist() == pytest.approx([0.03, 0.06, 0.06, 0.02])
    # BH: sorted p*m/i = .02 .02 .04 .04 -> running min from the top
    assert out["p_bh"].tolist() == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert "about 0.2 with p < 0.05" in out.attrs["summary"] and "4 tests" in out.attrs["summary"]


def test_expanded_percentile_level_for_twenty_stories():
    # sqrt(20/19) * t(19, .975) = 1.025978 * 2.093024 = 2.14740; 2 * (1 - Phi(2.14740)) = 0.03176
    assert ac.expanded_alpha(20) == pytest.approx(0.03176, abs=2e-4)


def test_studies_it_cannot_answer_are_refused_in_one_line():
    from analysis.errors import InputDataError

    frame = tiny()
    one_story = frame[frame["story"] == "s1"]
    with pytest.raises(InputDataError, match=r"^compare needs several stories; this study has 1 ") as caught:
        ac.outlet_differences(one_story, ["body_x"], mixed_model=False)
    assert "\n" not in str(caught.value)
    singletons = pd.DataFrame({"story": ["s1", "s2", "s3"], "outlet": ["A", "B", "A"], "body_x": [1.0, 2.0, 3.0]})
    assert ac.study_design(singletons)["used"].str.startswith("no: only one outlet").all()
    with pytest.raises(InputDataError, match=r"^no story has two outlets \(3 stories, one outlet each\)"):
        ac.outlet_differences(singletons, ["body_x"], mixed_model=False)
    # D only ever appears alone: absent from every shared story
    unshared = pd.concat([frame, pd.DataFrame({"story": ["s5"], "outlet": ["D"], "body_x": [2.0]})])
    with pytest.raises(InputDataError, match=r"^outlet D is in no story shared with another outlet"):
        ac.outlet_differences(unshared, ["body_x"], mixed_model=False)


def test_deterministic_on_ten_thousand_articles():
    """(Its speed is scripts/benchmark_compare.py's to measure: no test asserts a wall-clock time.)"""
    rng = np.random.default_rng(3)
    n, s = 10_000, 2_000
    story = rng.integers(0, s, n)
    frame = pd.DataFrame({"story": [f"s{x}" for x in story], "outlet": rng.choice(["A", "B", "C"], n)})
    frame["body_x"] = rng.normal(0, 1, s)[story] + rng.normal(0, 1, n)
    first = ac.outlet_differences(frame, ["body_x"], mixed_model=False)
    second = ac.outlet_differences(frame, ["body_x"], mixed_model=False)
    pd.testing.assert_frame_equal(first, second)
    # no true outlet effect here: nothing should survive Holm
    assert not first["holm_below_alpha"].any()


def test_mixed_model_recovers_a_planted_effect_and_reports_warnings_in_a_column():
    rng = np.random.default_rng(5)
    rows = []
    for s in range(30):
        base = rng.normal(0, 2)
        for outlet, shift in (("A", 1.0), ("B", 0.0)):
            for _ in range(2):
                rows.append((f"s{s}", outlet, base + shift + rng.normal(0, 0.5)))
    frame = pd.DataFrame(rows, columns=["story", "outlet", "body_x"])
    r = row(ac.outlet_differences(frame, ["body_x"]), "A", "B")
    assert r["mixed_difference"] == pytest.approx(r["difference"])   # balanced: both estimate the same contrast
    assert r["ci_low"] > 0 and r["mixed_ci_low"] > 0 and r["n_same_sign"] >= 25
    assert r["mixed_difference"] == pytest.approx(1.0, abs=0.25)     # the planted effect
    assert r["mixed_note"] == ""                                       # this fit converges: no warning


def test_synthetic_study_is_labelled_deterministic_and_runs_end_to_end(tmp_path):
    from analysis.compare.synthetic import write_synthetic_study
    from analysis.ingest.manifest import read_manifest
    from analysis.measures.pipeline import corpus_metrics

    first = write_synthetic_study(tmp_path / "a", source_dir=SEED_DATA)
    second = write_synthetic_study(tmp_path / "b", source_dir=SEED_DATA)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    manifest = read_manifest(first)
    assert manifest["outlet"].str.startswith("Synthetic").all() and manifest["story"].str.startswith("synthetic").all()
    metrics = corpus_metrics(first, workers=1, progress=False)
    design = ac.study_design(metrics)
    assert design["used"].str.startswith("no").sum() == 1            # the one-outlet story is listed
    table = ac.outlet_differences(metrics, ["body_words_per_sentence"], mixed_model=False)
    longform = row(table, "Synthetic Longform", ac.REST, "body_words_per_sentence")
    assert longform["difference"] > 0                                 # the planted harder prose
    assert "one outlet cannot be compared: synthetic-story-10" in longform["note"]


def test_holm_and_bh_agree_with_statsmodels():
    from statsmodels.stats.multitest import multipletests

    from analysis.compare.multiplicity import benjamini_hochberg, holm

    p = np.random.default_rng(0).uniform(0, 0.2, 50)
    assert holm(p) == pytest.approx(multipletests(p, method="holm")[1])
    assert benjamini_hochberg(p) == pytest.approx(multipletests(p, method="fdr_bh")[1])


def test_t_interval_matches_scipy_on_a_tiny_example():
    from scipy import stats

    d = np.array([0.3, -1.2, 2.5, 0.8, 1.1])
    low, high = ac.story_intervals(d, ("k",), methods=("t",))["t"]
    # by hand: mean 0.7, squared deviations .16 + 3.61 + 3.24 + .01 + .16 = 7.18, sd sqrt(7.18 / 4) = 1.33978,
    # se 0.59917, t(4, .975) = 2.776445 -> 0.7 -/+ 1.66355
    assert (low, high) == pytest.approx((0.7 - 1.66355, 0.7 + 1.66355), abs=1e-4)
    ref = stats.ttest_1samp(d, 0).confidence_interval(0.95)
    assert (low, high) == pytest.approx((ref.low, ref.high), rel=1e-12)


def test_bootstrap_t_against_a_loop_over_the_same_resamples():
    import statistics

    from analysis.measures.bootstrap import rng_for

    d = np.array([0.3, -1.2, 2.5, 0.8, 1.1, -0.4, 3.0])
    key, reps = ("k", "pair"), 400
    low, high = ac.story_intervals(d, key, reps=reps, methods=("bootstrap-t",))["bootstrap-t"]
    # the same resampled stories, studentized one by one with the standard library
    rows = rng_for("across-stories", *key).integers(0, len(d), size=(reps, len(d)))
    mean, se = statistics.fmean(d), statistics.stdev(d) / len(d) ** 0.5
    t_star = []
    for r in rows:
        sample = [float(d[i]) for i in r]
        s = statistics.stdev(sample)
        if s > 0:
            t_star.append((statistics.fmean(sample) - mean) / (s / len(d) ** 0.5))
    q_low, q_high = np.quantile(t_star, [0.025, 0.975])
    assert (low, high) == pytest.approx((mean - q_high * se, mean - q_low * se), rel=1e-9)
    # the interval holds the mean and is wider than the plain percentile one (t* has heavier tails than z)
    p_low, p_high = ac.story_intervals(d, key, reps=reps, methods=("percentile",))["percentile"]
    assert low < mean < high and high - low > p_high - p_low


def test_bca_agrees_with_scipy_bootstrap():
    from scipy import stats

    d = np.array([0.3, -1.2, 2.5, 0.8, 1.1, -0.4, 3.0, 0.2, 5.5, -0.9, 1.4, 0.6])
    low, high = ac.story_intervals(d, ("k",), reps=40_000, methods=("bca",))["bca"]
    ref = stats.bootstrap((d,), np.mean, n_resamples=40_000, method="BCa", confidence_level=0.95,
                          rng=np.random.default_rng(1)).confidence_interval
    # two independent Monte Carlo runs of the same interval: equal up to resampling noise
    assert low == pytest.approx(ref.low, abs=0.06) and high == pytest.approx(ref.high, abs=0.06)
    # and BCa differs from the percentile interval on this right-skewed sample: shifted up
    p_low, p_high = ac.story_intervals(d, ("k",), reps=40_000, methods=("percentile",))["percentile"]
    assert low > p_low and high > p_high


def test_interval_methods_share_resamples_and_reject_unknown_names():
    d = np.array([0.3, -1.2, 2.5, 0.8, 1.1])
    both = ac.story_intervals(d, ("k",), reps=500, methods=("expanded", "percentile"))
    # both are quantiles of the means of the same resampled stories, at their own tail shares
    from analysis.measures.bootstrap import rng_for

    means = d[rng_for("across-stories", "k").integers(0, len(d), size=(500, len(d)))].mean(axis=1)
    tail = ac.expanded_alpha(len(d))
    assert both["expanded"] == pytest.approx(tuple(np.quantile(means, [tail / 2, 1 - tail / 2])), rel=1e-12)
    assert both["percentile"] == pytest.approx(tuple(np.quantile(means, [0.025, 0.975])), rel=1e-12)
    assert np.isnan(ac.story_intervals(d[:1], ("k",), methods=("t",))["t"]).all()     # one story: no interval
    with pytest.raises(ValueError, match="unknown interval method"):
        ac.story_intervals(d, ("k",), methods=("wald",))


def test_story_level_differences_by_hand_and_their_mean_is_the_difference():
    table = ac.story_level_differences(tiny(), ["body_x"])
    ab = table[(table["outlet_a"] == "A") & (table["outlet_b"] == "B")]
    assert ab["story"].tolist() == ["s1", "s2"] and ab["difference"].tolist() == pytest.approx([1.0, 2.0])
    rest = table[(table["outlet_a"] == "A") & (table["outlet_b"] == ac.REST)]
    assert rest["difference"].tolist() == pytest.approx([1.0, 2.0, -1.0])
    skipped = ac.outlet_differences(tiny(), ["body_x"], mixed_model=False, permutations=0)
    assert row(skipped, "A", "B")["permutations"] == "not run" and np.isnan(row(skipped, "A", "B")["p_permutation"])
    assert np.isfinite(row(skipped, "A", "B")["p_value"])          # the t-test needs no permutation
    assert row(skipped, "A", "B")["difference"] == pytest.approx(ab["difference"].mean())
