"""A small version of scripts/simulate_study.py: the story-level intervals are honest (loose bounds)."""
from __future__ import annotations

import importlib.util

import numpy as np

from analysis.config import PROJECT_ROOT


def _script():
    spec = importlib.util.spec_from_file_location("simulate_study", PROJECT_ROOT / "scripts" / "simulate_study.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_false_positive_rate_and_coverage_on_100_studies():
    sim = _script()
    null = sim.run(100, 20, (0.0, 0.0), seed=5, reps=500, permutations=500, methods=("expanded",))
    planted = sim.run(100, 20, (1.0, 0.1), seed=6, reps=500, permutations=500, methods=("expanded",))
    # 12 comparisons x 100 studies with no outlet effect: about 5% should exclude zero
    assert 0.015 <= null["excludes_zero"].mean() <= 0.10
    assert 0.01 <= null["p_below"].mean() <= 0.10
    covered = planted["covers"].dropna()
    assert len(covered) == 100 * 8 and 0.88 <= covered.mean() <= 0.99
    # and the planted difference is found more often than not
    hits = planted[(planted["comparison"] == "A - the rest")]
    assert np.mean(hits["excludes_zero"]) > 0.5
