"""A long terminal table shows its head and tail and says what it left out; a short one is whole."""
from __future__ import annotations

import pandas as pd

from analysis.outputs import tables
from analysis.outputs.tables import render


def _frame(n: int) -> pd.DataFrame:
    return pd.DataFrame({"row_name": [f"row-{i:05d}" for i in range(1, n + 1)], "value": [i / 4 for i in range(1, n + 1)]})


def _names(text: str) -> list[str]:
    return [w for line in text.splitlines() for w in line.split() if w.startswith("row-")]


def test_a_table_of_max_rows_is_drawn_whole():
    out = render(_frame(tables.MAX_ROWS), "table", width=80)
    assert _names(out) == [f"row-{i:05d}" for i in range(1, tables.MAX_ROWS + 1)]
    assert "left out" not in out


def test_a_longer_table_shows_head_and_tail_and_counts_the_rest():
    n = tables.MAX_ROWS + 1
    out = render(_frame(n), "table", width=80)
    want = [f"row-{i:05d}" for i in range(1, tables.HEAD_ROWS + 1)]
    want += [f"row-{i:05d}" for i in range(n - tables.TAIL_ROWS + 1, n + 1)]
    assert _names(out) == want
    left_out = n - tables.HEAD_ROWS - tables.TAIL_ROWS
    assert f"({left_out:,} of {n:,} rows left out: rows {tables.HEAD_ROWS + 1} to {n - tables.TAIL_ROWS:,};" in out
    assert "--format csv" in " ".join(out.split())
    # the last row's value, rounded for reading (n / 4)
    assert f"{n / 4:.4g}" in out.splitlines()[-3]


def test_records_keep_their_numbers_when_rows_are_left_out():
    wide = pd.DataFrame({f"column_{k}": [f"r{i}" for i in range(30)] for k in range(12)})
    out = render(wide, "table", width=60, max_rows=10)
    rules = [line.strip("- ") for line in out.splitlines() if line.startswith("---")]
    # 9 first and 1 last of 30 records (max_rows 10: five sixths head, one sixth tail)
    assert rules == [f"{i} of 30" for i in range(1, 10)] + ["30 of 30"]
    assert "(20 of 30 rows left out: rows 10 to 29;" in out
    assert max(len(line) for line in out.splitlines()) <= 60


def test_small_max_rows_in_a_grid():
    out = render(_frame(100), "table", width=80, max_rows=20)
    # max_rows 20: the first 17 and the last 3
    assert _names(out) == [f"row-{i:05d}" for i in list(range(1, 18)) + [98, 99, 100]]
    assert "(80 of 100 rows left out: rows 18 to 97;" in out


def test_csv_keeps_every_row():
    assert render(_frame(tables.MAX_ROWS + 5), "csv").count("\n") == tables.MAX_ROWS + 6
