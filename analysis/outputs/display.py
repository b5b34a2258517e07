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


class TableWithNotes:
    """A displayed table followed by numbered notes (what :func:`show_with_notes` returns).

    ``styler`` is the table's ``Styler``; ``notes`` the long texts, note 1 first.  In a
    notebook it shows as the table and, below it, the numbered list (HTML-escaped)."""

    def __init__(self, styler, notes: list[str], title: str = "Notes"):
        self.styler, self.notes, self.title = styler, notes, title

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(str(n))}</li>" for n in self.notes)
        notes = f"<p><b>{html.escape(self.title)}</b></p><ol>{items}</ol>" if self.notes else ""
        return self.styler.to_html() + notes

    def to_html(self) -> str:
        return self._repr_html_()


def show_with_notes(frame: pd.DataFrame, note_column: str, columns: list[str] | None = None, *,
                    note_title: str | None = None, **show_options) -> TableWithNotes:
    """:func:`show` of ``frame`` with the long texts of ``note_column`` moved below the table.

    Each distinct text becomes a numbered note (in order of first appearance) and the cell
    keeps only its number, so a paragraph of caveats does not make every row hundreds of
    pixels tall.  ``columns``: the columns to show (``note_column`` is put last); the
    others are left out of the display (not of the data).  ``show_options`` go to :func:`show`.
    """
    texts = frame[note_column].fillna("").astype(str)
    numbers: dict[str, int] = {}
    for text in texts:
        if text and text not in numbers:
            numbers[text] = len(numbers) + 1
    shown = frame[[c for c in (columns or frame.columns) if c != note_column]].copy()
    shown[note_column] = [str(numbers[t]) if t else "" for t in texts]
    shown.attrs = {}
    styler = show(shown, **show_options)
    # a number is never broken across lines (text columns give way instead)
    numbers_only = [c for c in styler.data.columns if pd.api.types.is_numeric_dtype(styler.data[c])]
    styler = styler.set_properties(subset=numbers_only, **{"white-space": "nowrap"})
    return TableWithNotes(styler, list(numbers), note_title or f"{note_column} (by number)")


#: The columns of :func:`~analysis.compare.findings.key_findings` a reader needs in the table;
#: the caveats go below it (:func:`show_findings`), the adjusted p and counts stay in the data.
FINDINGS_SHOWN = ["story", "finding", "outlet_a", "outlet_b", "value_a", "value_b", "difference", "ci_low", "ci_high",
                  "p_value", "p_holm", "excludes_zero"]


def show_findings(findings: pd.DataFrame, **show_options) -> TableWithNotes:
    """The key findings as a notebook table that fits a laptop's output area: one row per
    finding (:data:`FINDINGS_SHOWN`, intervals in one cell), each caveat once, numbered, below."""
    options = {"max_columns": 12, "text_width": "16em", **show_options}
    return show_with_notes(findings, "caveat", FINDINGS_SHOWN, note_title="Caveats (the caveat column's numbers)",
                           **options)
