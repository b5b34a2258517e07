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


#: At most this many drawn indices are held at once (a chunk of replicates), so a text of
#: 50,000 sentences needs megabytes, not the gigabytes of one ``reps x n`` matrix.
MAX_CELLS = 1 << 21


def resample_indices(n: int, *key: str, reps: int = BOOTSTRAP_REPS) -> np.ndarray:
    """``reps x n`` row indices drawn with replacement (empty when ``n`` is 0)."""
    if n == 0:
        return np.empty((reps, 0), dtype=np.int64)
    return rng_for(*key).integers(0, n, size=(reps, n))


def resample_chunks(n: int, *key: str, reps: int = BOOTSTRAP_REPS):
    """The rows of :func:`resample_indices`, in consecutive chunks of at most ``MAX_CELLS`` indices.

    Drawing ``a`` rows and then ``b`` rows from one generator gives the same indices as
    drawing ``a + b`` at once (numpy's bounded integers keep no state between calls), so
    every replicate is the one :func:`resample_indices` would give.
    """
    if n == 0:
        yield np.empty((reps, 0), dtype=np.int64)
        return
    rng = rng_for(*key)
    step = max(1, MAX_CELLS // n)
    for start in range(0, reps, step):
        yield rng.integers(0, n, size=(min(step, reps - start), n))


def resampled_sums(values: np.ndarray, *key: str, reps: int = BOOTSTRAP_REPS) -> np.ndarray:
    """Column sums of ``values`` (``n x k``) over each resample: an array ``reps x k``."""
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        values = values[:, None]
    n = len(values)
    # Whole-number values (sentence counts) are summed as (times drawn) x value, a matrix
    # product: exact in floating point whatever the order, so the same sums as gathering
    # every drawn row, several times faster on long texts.
    whole = n > 0 and bool(np.all(np.abs(values) < 2 ** 40) and np.all(values == np.round(values)))
    parts = []
    for index in resample_chunks(n, *key, reps=reps):
        if whole:
            rows = len(index)
            times = np.bincount((index + (np.arange(rows) * n)[:, None]).ravel(), minlength=rows * n)
            parts.append(times.reshape(rows, n).astype(float) @ values)
        else:
            parts.append(values[index].sum(axis=1))
    return np.vstack(parts)


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
