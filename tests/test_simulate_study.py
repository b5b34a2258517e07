"""A small version of scripts/simulate_study.py: the story-level intervals are honest (loose bounds)."""
from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pandas as pd
import pytest

from analysis.config import PROJECT_ROOT
from conftest import SEED_DATA


def _script():
    spec = importlib.util.spec_from_file_location("simulate_study", PROJECT_ROOT / "scripts" / "simulate_study.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["simulate_study"] = module      # so a process pool can pickle its functions by name
    spec.loader.exec_module(module)
    module.POOL_DATA_DIR = SEED_DATA  # the tests' own seed study, never the user's data/
    return module


def test_false_positive_rate_and_coverage_on_100_studies():
    sim = _script()
    two = sim.METRICS[:2]      # the metrics an effect is planted on
    null = sim.run(100, 20, (0.0, 0.0), seed=5, reps=500, permutations=500, methods=("t",), metrics=two)
    planted = sim.run(100, 20, (1.0, 0.1), seed=6, reps=500, permutations=500, methods=("t",), metrics=two)
    # 12 comparisons x 100 studies with no outlet effect: about 5% should exclude zero
    assert 0.015 <= null["excludes_zero"].mean() <= 0.10
    assert 0.01 <= null["p_below"].mean() <= 0.10
    covered = planted["covers"].dropna()
    assert len(covered) == 100 * 8 and 0.88 <= covered.mean() <= 0.99
    # and the planted difference is found more often than not
    hits = planted[(planted["comparison"] == "A - the rest")]
    assert np.mean(hits["excludes_zero"]) > 0.5


def test_wilson_interval_matches_statsmodels_and_a_textbook_value():
    from statsmodels.stats.proportion import proportion_confint

    sim = _script()
    for k, n in ((0, 10), (3, 40), (53, 1000), (1060, 20000)):
        assert sim.wilson(k, n) == pytest.approx(proportion_confint(k, n, alpha=0.05, method="wilson"), rel=1e-9)
    # Newcombe (1998), table I: 81 of 263 -> 0.2553 to 0.3662
    low, high = sim.wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_workers_do_not_change_the_numbers_and_methods_share_the_studies():
    sim = _script()
    one = sim.run(6, 20, (0.0, 0.0), seed=3, reps=200, permutations=0, methods=("expanded", "t"), workers=1)
    two = sim.run(6, 20, (0.0, 0.0), seed=3, reps=200, permutations=0, methods=("expanded", "t"), workers=2)
    assert set(one["metric"]) == set(sim.METRICS)
    pd.testing.assert_frame_equal(one, two)
    assert one["p_below"].isna().all()                      # permutation test skipped
    assert set(one["interval"]) == {"expanded", "t"} and len(one) == 2 * 6 * 6 * len(sim.METRICS)


def test_voice_metrics_are_simulated_with_the_pipelines_function():
    sim = _script()
    voice = sim.run(30, 20, (0.0, 0.0), seed=4, reps=200, permutations=0, methods=("t",),
                    metrics=("quoted_word_share",))
    assert len(voice) == 30 * 6 and (voice["truth"] == 0).all()
    # no effect planted: the interval excludes zero rarely (loose bound: 180 correlated tests)
    assert voice["excludes_zero"].mean() <= 0.12
