"""Tables for people and for programs: terminal text that fits, CSV, JSON, Markdown.

:func:`render` turns any tidy table into one of :data:`FORMATS`:

* ``table``    - for a terminal of ``width`` columns (default: the terminal's,
  else 80).  A table whose columns fit is drawn with rich, long text wrapped
  inside its cell; a wider one is printed one record at a time as
  ``column  value`` lines, so no line is ever wider than ``width``.  Numbers
  are rounded to 4 significant digits for reading; machine formats keep full
  precision.
* ``csv``      - every column, full precision.  A text cell that begins with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return gets a ``'`` in front (OWASP's advice against
  spreadsheet formula injection: a spreadsheet would otherwise run ``=HYPERLINK(...)`` from
  an article's text); numbers, negative ones included, are written as numbers.
* ``json``     - a list of records (``pandas.read_json(..., orient="records")``
  reads it back), NaN as ``null``.
* ``markdown`` - a pipe table (tabulate), for notes and issues.
"""
from __future__ import annotations

import io
import math
import shutil

import numpy as np
import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "json", "markdown")
#: Narrowest useful column when a table is drawn as a grid; below that, records.
MIN_COLUMN_WIDTH = 8


def terminal_width(default: int = 80) -> int:
    """Width of the terminal (``COLUMNS`` honoured), else ``default``."""
    return shutil.get_terminal_size((default, 24)).columns


def readable_value(value) -> str:
    """A cell as a person reads it: rounded numbers, empty for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.4g}"
    return str(value)


def _console(width: int) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    # no colour, no terminal detection: the same bytes wherever the output goes
    return Console(file=buffer, width=width, color_system=None, force_terminal=False,
                   force_jupyter=False, soft_wrap=False, legacy_windows=False), buffer


def _grid_fits(frame: pd.DataFrame, width: int) -> bool:
    # each column needs its minimum plus 3 characters of border and padding
    return len(frame.columns) * (MIN_COLUMN_WIDTH + 3) + 1 <= width


def _text_table(frame: pd.DataFrame, width: int) -> str:
    console, buffer = _console(width)
    cells = frame.map(readable_value) if len(frame) else frame.astype(str)
    if _grid_fits(frame, width):
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
        for column in frame.columns:
            numeric = pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
            table.add_column(str(column), justify="right" if numeric else "left", overflow="fold",
                             min_width=min(MIN_COLUMN_WIDTH, max(len(str(column)), 1)))
        for row in cells.itertuples(index=False):
            table.add_row(*row)
        console.print(table)
    else:
        name_width = min(max(len(str(c)) for c in frame.columns), width // 3)
        for number, row in enumerate(cells.itertuples(index=False), start=1):
            console.rule(f"{number} of {len(frame)}", characters="-")
            record = Table(box=None, show_header=False, pad_edge=False, expand=False)
            record.add_column(width=name_width, overflow="fold", style=None)
            record.add_column(overflow="fold")
            for column, value in zip(frame.columns, row):
                record.add_row(str(column), value)
            console.print(record)
    if frame.empty:
        console.print(f"(no rows; columns: {', '.join(map(str, frame.columns))})")
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


#: How a text cell that a spreadsheet would read as a formula begins (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """``value`` with a ``'`` in front when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :func:`formula_safe` applied to its text columns (numeric columns unchanged)."""
    text = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    if not text:
        return frame
    safe = frame.copy()
    for column in text:
        safe[column] = frame[column].map(formula_safe)
    return safe


def render(frame: pd.DataFrame, fmt: str = "table", width: int | None = None) -> str:
    """``frame`` as text in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "csv":
        return csv_safe(frame).to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, double_precision=15) + "\n"
    if fmt == "markdown":
        return frame.to_markdown(index=False) + "\n"
    if fmt == "table":
        return _text_table(frame, width or terminal_width())
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
