"""Seeded, deterministic bootstrap over sentences.

Method: the nonparametric bootstrap (Efron & Tibshirani 1993).  Each article's
sentences are resampled with replacement ``reps`` times; a statistic computed on
each resample gives its sampling distribution, and the interval is the
percentile interval at :data:`analysis.config.CONFIDENCE`.  For a difference
between two articles, the two are resampled independently and the interval is
taken over the replicate differences.  The random stream of each (article,
scope) comes from a fixed seed plus a checksum of its name, so results do not
depend on the order of articles or on other analyses run before.

Two articles of some twenty sentences are a tiny sample: the intervals say how
much a score would move with a different choice of sentences from the same
writing, not how two outlets differ in general.
"""
from __future__ import annotations

import zlib

import numpy as np

from ..config import BOOTSTRAP_REPS, BOOTSTRAP_SEED, CONFIDENCE


def rng_for(*key: str, seed: int = BOOTSTRAP_SEED) -> np.random.Generator:
    """A generator seeded by ``seed`` and the names in ``key`` (stable across runs and machines)."""
    return np.random.default_rng([seed, *(zlib.crc32(part.encode("utf-8")) for part in key)])


def resample_indices(n: int, *key: str, reps: int = BOOTSTRAP_REPS) -> np.ndarray:
    """``reps x n`` row indices drawn with replacement (empty when ``n`` is 0)."""
    if n == 0:
        return np.empty((reps, 0), dtype=np.int64)
    return rng_for(*key).integers(0, n, size=(reps, n))


def resampled_sums(values: np.ndarray, *key: str, reps: int = BOOTSTRAP_REPS) -> np.ndarray:
    """Column sums of ``values`` (``n x k``) over each resample: an array ``reps x k``."""
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        values = values[:, None]
    index = resample_indices(len(values), *key, reps=reps)
    return values[index].sum(axis=1)


def excludes_zero(low: float, high: float) -> bool:
    """True when a finite interval lies wholly above or below zero."""
    return bool(np.isfinite(low) and np.isfinite(high) and (low > 0 or high < 0))


def percentile_interval(samples: np.ndarray, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Percentile interval of ``samples``, ignoring NaN; (nan, nan) if none is finite."""
    samples = np.asarray(samples, dtype=float)
    samples = samples[np.isfinite(samples)]
    if samples.size == 0:
        return float("nan"), float("nan")
    alpha = (1 - confidence) / 2
    low, high = np.quantile(samples, [alpha, 1 - alpha])
    return float(low), float(high)
