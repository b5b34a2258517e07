"""Multiplicity control for tables that list many differences.

Holm (1979) controls the family-wise error rate; Benjamini & Hochberg (1995)
the false discovery rate; both over every row of one table that has a
p-value (the step-down and step-up formulas as in statsmodels
``multipletests``, written out here: that function runs a full garbage
collection on every call, which dominates small tables).  Every such table also says how many
"significant" rows chance alone would give if nothing differed: alpha times
the number of tests.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import CONFIDENCE

ALPHA = 1 - CONFIDENCE


def holm(p: np.ndarray) -> np.ndarray:
    """Holm's step-down adjusted p-values: running max of (m - i) p_(i), capped at 1."""
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="stable")
    m = len(p)
    adjusted = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out = np.empty(m)
    out[order] = adjusted
    return out


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg step-up adjusted p-values: running min from the top of m p_(i) / i, capped at 1."""
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="stable")
    m = len(p)
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    out = np.empty(m)
    out[order] = adjusted
    return out


def adjust(table: pd.DataFrame, p_column: str = "p_value", alpha: float = ALPHA) -> pd.DataFrame:
    """Add ``p_holm``, ``p_bh``, ``adjustment``, ``holm_below_alpha`` over the rows with a p-value,
    and ``attrs["summary"]`` (how many tests; how many exclusions chance alone would give)."""
    table = table.copy()
    p = table[p_column].to_numpy(float)
    ok = np.isfinite(p)
    m = int(ok.sum())
    table["p_holm"] = np.nan
    table["p_bh"] = np.nan
    if m:
        table.loc[ok, "p_holm"] = holm(p[ok])
        table.loc[ok, "p_bh"] = benjamini_hochberg(p[ok])
    table["adjustment"] = f"Holm (family-wise) and Benjamini-Hochberg (false discovery rate) over {m} tests"
    table["holm_below_alpha"] = table["p_holm"] < alpha
    table.attrs["summary"] = summary_line(table, alpha)
    return table


def summary_line(table: pd.DataFrame, alpha: float = ALPHA) -> str:
    """One sentence: tests made, exclusions expected by chance, exclusions seen, survivors of Holm and BH."""
    p = table["p_value"].to_numpy(float)
    m = int(np.isfinite(p).sum())
    raw = int(np.sum(p < alpha))
    excl = int(table["excludes_zero"].fillna(False).astype(bool).sum()) if "excludes_zero" in table else 0
    holm = int(np.sum(table["p_holm"].to_numpy(float) < alpha))
    bh = int(np.sum(table["p_bh"].to_numpy(float) < alpha))
    return (f"{m} tests; if no outlet differed, chance alone would give about {alpha * m:.1f} with p < {alpha:g} "
            f"(and about as many intervals excluding zero); seen: {raw} with p < {alpha:g}, {excl} intervals "
            f"excluding zero, {holm} after Holm, {bh} after Benjamini-Hochberg")
