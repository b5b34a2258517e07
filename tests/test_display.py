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


def _findings():
    # two outlets, three findings; two share a caveat; one caveat holds markup from a file
    caveat_a = "A: 1 article, 17 sentences; B: 1 article, 18 sentences"
    caveat_b = "A: 1 article, 2 sentences; <b>B</b>: 1 article, 2 sentences; fewer than 10 sentences"
    return pd.DataFrame({
        "story": ["s"] * 3, "finding": ["grade", "narration grade", "words per sentence"],
        "outlet_a": ["A"] * 3, "outlet_b": ["B"] * 3, "n_articles_a": [1] * 3, "n_articles_b": [1] * 3,
        "value_a": [13.2, 12.9, 21.7], "value_b": [11.7, 11.4, 26.1], "difference": [1.5, 1.5, -4.4],
        "ci_low": [-1.45, 0.109, -12.0], "ci_high": [4.62, 3.43, 3.04], "excludes_zero": [False, True, False],
        "p_value": [0.3, 0.001, 0.25], "p_holm": [1.0, 0.006, 1.0], "p_bh": [0.45, 0.003, 0.45],
        "adjustment": ["Holm over 3 tests"] * 3, "caveat": [caveat_a, caveat_b, caveat_a],
    })


def test_findings_show_one_row_per_finding_with_caveats_numbered_below():
    from analysis.outputs.display import show_findings

    shown = show_findings(_findings())
    table = shown.styler.data
    assert len(table) == 3 and table["finding"].tolist() == ["grade", "narration grade", "words per sentence"]
    # each distinct caveat once, in order of first appearance; the cell keeps its number
    assert table["caveat"].tolist() == ["1", "2", "1"]
    assert shown.notes == [_findings()["caveat"][0], _findings()["caveat"][1]]
    assert table["difference [95% interval]"].tolist() == ["1.5 [-1.45, 4.62]", "1.5 [0.109, 3.43]", "-4.4 [-12, 3.04]"]
    html = shown._repr_html_()
    assert html.index("<table") < html.index("<ol>") and html.count("<li>") == 2
    assert "&lt;b&gt;B&lt;/b&gt;" in html and "<b>B</b>" not in html  # a file's text is text, not markup
    assert "A: 1 article, 17 sentences" not in shown.styler.to_html()  # not in the table itself
