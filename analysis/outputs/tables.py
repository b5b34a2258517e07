"""Tables for people and for programs: terminal text that fits, CSV, JSON, Markdown.

:func:`render` turns any tidy table into one of :data:`FORMATS`:

* ``table``    - for a terminal of ``width`` columns (default: the terminal's,
  else 80).  A table whose columns fit is drawn with rich, long text wrapped
  inside its cell; a wider one is printed one record at a time as
  ``column  value`` lines, so no line is ever wider than ``width``.  Numbers
  are rounded to 4 significant digits for reading; machine formats keep full
  precision.  A table of more than :data:`MAX_ROWS` rows shows its first
  :data:`HEAD_ROWS` and last :data:`TAIL_ROWS` rows, a ``…`` where the others
  were, and a last line saying how many were left out and that ``--format csv``
  (json, markdown) gives every row.
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
#: A terminal table of more rows than this shows its first HEAD_ROWS and last TAIL_ROWS rows and
#: says how many it left out (drawing 12,000 rows took about a minute and fills no screen).
MAX_ROWS = 1000
HEAD_ROWS = 50
TAIL_ROWS = 10


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


def _grid(frame: pd.DataFrame, cells: pd.DataFrame, gap_after: int | None) -> Table:
    """One rich grid of ``cells`` (the readable values of ``frame``'s shown rows), with a row of
    ``…`` after row ``gap_after`` where rows were left out."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
        table.add_column(str(column), justify="right" if numeric else "left", overflow="fold",
                         min_width=min(MIN_COLUMN_WIDTH, max(len(str(column)), 1)))
    for k, row in enumerate(cells.itertuples(index=False)):
        if k == gap_after:
            table.add_row(*["…"] * len(frame.columns))
        table.add_row(*row)
    return table


def _records(console: Console, frame: pd.DataFrame, cells: pd.DataFrame, numbers: list[int], width: int) -> None:
    """The shown rows one record at a time (``column  value`` lines), each under its number."""
    name_width = min(max(len(str(c)) for c in frame.columns), width // 3)
    previous = 0
    for number, row in zip(numbers, cells.itertuples(index=False)):
        if number != previous + 1:
            console.print("…")
        previous = number
        console.rule(f"{number} of {len(frame)}", characters="-")
        record = Table(box=None, show_header=False, pad_edge=False, expand=False)
        record.add_column(width=name_width, overflow="fold", style=None)
        record.add_column(overflow="fold")
        for column, value in zip(frame.columns, row):
            record.add_row(str(column), value)
        console.print(record)


def head_and_tail(n_rows: int, max_rows: int = MAX_ROWS) -> tuple[int, int]:
    """How many first and last rows a terminal table of ``n_rows`` shows when it leaves some out
    (``(n_rows, 0)`` when it shows them all): :data:`HEAD_ROWS` and :data:`TAIL_ROWS`, fewer
    when ``max_rows`` is smaller than their sum."""
    if n_rows <= max_rows:
        return n_rows, 0
    max_rows = max(max_rows, 1)
    return min(HEAD_ROWS, max_rows - max_rows // 6), min(TAIL_ROWS, max_rows // 6)


def _text_table(frame: pd.DataFrame, width: int, max_rows: int = MAX_ROWS) -> str:
    console, buffer = _console(width)
    head, tail = head_and_tail(len(frame), max_rows)
    positions = list(range(head)) + list(range(len(frame) - tail, len(frame)))
    shown = frame.iloc[positions]
    # only the shown rows are formatted and laid out: the cost does not grow with the table
    cells = shown.map(readable_value) if len(shown) else shown.astype(str)
    left_out = len(frame) - len(shown)
    if _grid_fits(frame, width):
        console.print(_grid(frame, cells, head if left_out else None))
    else:
        _records(console, frame, cells, [p + 1 for p in positions], width)
    if left_out:
        console.print(f"({left_out:,} of {len(frame):,} rows left out: rows {head + 1:,} to "
                      f"{len(frame) - tail:,}; every row with --format csv, json or markdown)")
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


def render(frame: pd.DataFrame, fmt: str = "table", width: int | None = None, max_rows: int = MAX_ROWS) -> str:
    """``frame`` as text in format ``fmt`` (one of :data:`FORMATS`); ``max_rows`` (``table`` only):
    the most rows drawn whole (see the module docstring)."""
    if fmt == "csv":
        return csv_safe(frame).to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, double_precision=15) + "\n"
    if fmt == "markdown":
        return frame.to_markdown(index=False) + "\n"
    if fmt == "table":
        return _text_table(frame, width or terminal_width(), max_rows)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
