"""Growth checks that a busy machine cannot fail: no test asserts a wall-clock time.

Work is measured as the CPU time of this process (:func:`time.process_time`), which does
not count the time other processes hold the CPU, and only ever compared with other work
measured the same way, in the same process, interleaved and repeated (the minimum of each
is kept), so a slow or loaded machine scales both sides alike.  Absolute speed is the
benchmarks' business (``scripts/benchmark*.py``).
"""
from __future__ import annotations

import time
from typing import Callable


def cpu_seconds(work: Callable[[], object]) -> float:
    """The CPU time of one call of ``work``."""
    start = time.process_time()
    work()
    return time.process_time() - start


def least_cpu_seconds(*works: Callable[[], object], repeats: int = 3) -> list[float]:
    """The least CPU time of each of ``works`` over ``repeats`` rounds, the works interleaved in
    each round (so a spell of contention, or of frequency scaling, touches them all)."""
    best = [float("inf")] * len(works)
    for _ in range(repeats):
        for k, work in enumerate(works):
            best[k] = min(best[k], cpu_seconds(work))
    return best


def grows_linearly(small: Callable[[], object], large: Callable[[], object], factor: float, *,
                   slack: float = 2.5, floor: float = 0.05, repeats: int = 3) -> tuple[bool, float, float]:
    """Whether ``large`` (``factor`` times the input of ``small``) costs at most ``slack * factor``
    times ``small``'s CPU time, plus ``floor`` CPU seconds for timer granularity; with both times."""
    t_small, t_large = least_cpu_seconds(small, large, repeats=repeats)
    return t_large <= slack * factor * t_small + floor, t_small, t_large
