"""Tables a person can read in a notebook: one formatting helper for every displayed table.

>>> show(analysis.key_findings(corpus))       # doctest: +SKIP

:func:`tidy_for_reading` turns a tidy table into what a reader needs:

* columns with the same value on every row (``story`` in a one-story table)
  are dropped and named once in the caption;
* a ``value``/``difference`` column with ``ci_low``/``ci_high`` becomes one
  text column ``"1.2 [0.4, 2.0]"``;
* numbers are rounded to ``digits`` significant digits.

:func:`show` returns a pandas ``Styler`` over that table: text left-aligned
and wrapped within a maximum width (long quotations stay readable, not cut at
120 characters), numbers right-aligned, no index.  Tables wider than
``max_columns`` columns are shown transposed (one column per row of the
original), so nothing overflows a laptop screen.

Every string of the table (cells, column names, the caption) is HTML-escaped:
headlines, quotations and outlet names come from the user's files, and a
rendered report is shared, so ``<img src=x onerror=...>`` in an article must
show as text, never run.
"""
from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd

#: Columns that hold a point value and, beside them, ``ci_low``/``ci_high``.
POINT_COLUMNS = ("value", "difference", "estimate")


def _round(value, digits: int):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if not math.isfinite(value):
        return value
    return float(f"{value:.{digits}g}")


def _interval(point, low, high, digits: int) -> str:
    def fmt(v):
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.{digits}g}"
    if fmt(low) == "" or fmt(high) == "":
        return fmt(point)
    return f"{fmt(point)} [{fmt(low)}, {fmt(high)}]"


def tidy_for_reading(frame: pd.DataFrame, digits: int = 3) -> tuple[pd.DataFrame, dict[str, object]]:
    """The table to display and the constant columns dropped from it (name -> value)."""
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    # a meaningful index (a crosstab's rows, a pivot's keys) becomes columns; a plain one is dropped
    plain = frame.index.names == [None] and pd.api.types.is_integer_dtype(frame.index)
    table = frame.reset_index(drop=plain).copy()
    table.columns = [" / ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in table.columns]
    constant = {}
    if len(table) > 1:
        for column in list(table.columns):
            values = table[column]
            if values.nunique(dropna=False) == 1 and not pd.api.types.is_numeric_dtype(values):
                constant[column] = values.iloc[0]
                table = table.drop(columns=column)
    point = next((c for c in POINT_COLUMNS if c in table.columns), None)
    if point and {"ci_low", "ci_high"} <= set(table.columns):
        table[point] = [_interval(p, lo, hi, digits)
                        for p, lo, hi in zip(table[point], table["ci_low"], table["ci_high"])]
        table = table.drop(columns=["ci_low", "ci_high"]).rename(columns={point: f"{point} [95% interval]"})
    for column in table.columns:
        if pd.api.types.is_float_dtype(table[column]):
            table[column] = table[column].map(lambda v: _round(v, digits))
    return table, constant


def show(frame: pd.DataFrame, *, digits: int = 3, max_columns: int = 8, text_width: str = "32em",
         caption: str | None = None):
    """A ``Styler`` of ``frame`` that fits a notebook's output area (see the module docstring)."""
    table, constant = tidy_for_reading(frame, digits)
    notes = [caption] if caption else []
    filled = {k: v for k, v in constant.items() if str(v) != ""}
    if filled:
        notes.append("; ".join(f"{k}: {v}" for k, v in filled.items()))
    if len(filled) < len(constant):
        notes.append("empty on every row: " + ", ".join(k for k in constant if k not in filled))
    if len(table.columns) > max_columns and len(table) <= max_columns:
        table = table.T
        table.columns = [str(c) for c in table.columns]
        table = table.reset_index(names="")
    # escape="html": a data string is text, not markup (the report is shared; see the module docstring)
    styler = table.style.hide(axis="index").format(na_rep="", precision=digits, escape="html")
    styler = styler.format_index(escape="html", axis=1)
    text_columns = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
    styler = styler.set_properties(subset=text_columns, **{
        "text-align": "left", "white-space": "normal", "max-width": text_width, "overflow-wrap": "anywhere"})
    # headers and numbers may wrap too, so a table never needs more than its output area
    styler = styler.set_table_styles([
        {"selector": "", "props": [("max-width", "100%")]},
        {"selector": "th", "props": [("text-align", "left"), ("white-space", "normal"), ("overflow-wrap", "anywhere")]},
        {"selector": "td", "props": [("white-space", "normal"), ("overflow-wrap", "anywhere")]},
        {"selector": "caption", "props": [("caption-side", "top"), ("text-align", "left")]},
    ])
    if notes:
        styler = styler.set_caption(html.escape(" · ".join(str(n) for n in notes)))
    return styler
