"""The notebook table helper: readable values, nothing lost without saying so."""
from __future__ import annotations

import math

import pandas as pd

from analysis.outputs.display import show, tidy_for_reading


def _frame():
    return pd.DataFrame({
        "story": ["s", "s"], "outlet": ["A", "B"], "notes": ["", ""],
        "value": [1.23456, 2.0], "ci_low": [0.5, math.nan], "ci_high": [2.04999, math.nan],
        "n_sentences": [10, 3], "text": ["x" * 400, "short"],
    })


def test_constant_columns_leave_the_grid_and_enter_the_caption():
    table, constant = tidy_for_reading(_frame())
    assert constant == {"story": "s", "notes": ""}
    assert "story" not in table.columns and "outlet" in table.columns
    caption = show(_frame()).caption
    assert "story: s" in caption and "empty on every row: notes" in caption


def test_interval_in_one_cell_rounded_to_three_digits():
    table, _ = tidy_for_reading(_frame())
    # 1.23456 -> 1.23, 0.5 -> 0.5, 2.04999 -> 2.05; no interval -> the value alone
    assert table["value [95% interval]"].tolist() == ["1.23 [0.5, 2.05]", "2"]
    assert table["n_sentences"].tolist() == [10, 3]


def test_long_text_kept_whole_and_wrapped():
    html = show(_frame()).to_html()
    assert "x" * 400 in html  # not cut at 120 characters
    assert "white-space: normal" in html and "text-align: left" in html


def test_wide_short_tables_are_transposed():
    wide = pd.DataFrame([{f"c{i}": i for i in range(20)}, {f"c{i}": 2 * i for i in range(20)}])
    styler = show(wide, max_columns=8)
    assert styler.data.shape == (20, 3)  # one row per original column, plus the names column
