"""The corpus metrics as files: :func:`write_parts` writes the chunks of the table to Parquet or
CSV as they come (nothing half-written), :func:`read_metrics` reads such a file back with the
same dtypes as :func:`analysis.measures.runner.corpus_metrics`."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, NamedTuple

import pandas as pd

from ..errors import ANALYSIS_FAILED, InputDataError
from .pipeline import METRIC_COLUMNS, METRIC_DTYPES, metrics_frame, metrics_schema


class MetricsFile(NamedTuple):
    """What :func:`write_metrics` wrote: the file, its articles, those with an ``error:`` problem
    (a bad input file, ``errors="record"``) and those that could not be analysed."""

    path: Path
    n_articles: int
    n_errors: int
    n_failed: int = 0


def failed_rows(table: pd.DataFrame) -> pd.Series:
    """Which rows of a metrics table are articles that could not be analysed (a boolean Series)."""
    return table["problems"].str.startswith(ANALYSIS_FAILED)


#: Rows per Parquet row group of the metrics file (a few megabytes held at a time).
ROW_GROUP_ROWS = 10_000


def write_parts(parts: Iterable[pd.DataFrame], out) -> MetricsFile:
    """Write chunks of the corpus metrics to ``out`` (``.parquet`` or ``.csv``) as they come.

    Parquet: row groups of :data:`ROW_GROUP_ROWS` rows (the chunks that make them up),
    with the fixed :func:`metrics_schema`; CSV: one
    header, then the rows of each chunk appended.  The file is written under a temporary
    name beside ``out`` and moved into place only when every chunk is in, so a
    failed run leaves nothing half-written (and an earlier ``out`` untouched).
    """
    out = Path(out)
    kind = out.suffix.lower()
    if kind not in (".parquet", ".csv"):
        raise InputDataError(out, "output must end in .parquet or .csv")
    if not out.parent.is_dir():
        raise InputDataError(out, "output folder does not exist")
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    n_articles = n_errors = n_failed = 0
    writer = None
    try:
        if kind == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = metrics_schema()
            writer = pq.ParquetWriter(tmp, schema)
            # Chunks are gathered into row groups of ROW_GROUP_ROWS: the writer keeps every row
            # group's metadata until it closes (about 1.4 KB per chunk of 100 rows, 140 MB at a
            # million articles), so one row group per chunk made memory grow with the corpus.
            pending: list = []
            written = 0  # rows in earlier row groups
            for part in parts:
                pending.append(pa.Table.from_pandas(part, schema=schema, preserve_index=False))
                n_articles += len(part)
                n_errors += int(part["problems"].str.startswith("error: ").sum())
                n_failed += int(failed_rows(part).sum())
                if n_articles - written >= ROW_GROUP_ROWS:
                    writer.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)
                    pending, written = [], n_articles
            if pending:
                writer.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)
            if n_articles == 0:  # an empty file still has the columns
                writer.write_table(schema.empty_table())
            writer.close()
            writer = None
        else:
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                header = True
                for part in parts:
                    part.to_csv(handle, index=False, header=header, lineterminator="\n")
                    header = False
                    n_articles += len(part)
                    n_errors += int(part["problems"].str.startswith("error: ").sum())
                    n_failed += int(failed_rows(part).sum())
                if header:
                    metrics_frame([]).to_csv(handle, index=False, lineterminator="\n")
        os.replace(tmp, out)
    finally:
        if writer is not None:
            writer.close()
        tmp.unlink(missing_ok=True)
    return MetricsFile(out, n_articles, n_errors, n_failed)


def read_metrics(path) -> pd.DataFrame:
    """A file written by :func:`write_metrics` back as the :func:`corpus_metrics` table (same dtypes)."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path).astype(METRIC_DTYPES)
    strings = [c for c in METRIC_COLUMNS if METRIC_DTYPES[c] == "str"]
    # ids and problems stay strings ("" is an empty problem, not a missing value)
    frame = pd.read_csv(path, dtype={c: str for c in strings}, keep_default_na=False,
                        na_values={c: [""] for c in METRIC_COLUMNS if c not in strings})
    return frame.astype(METRIC_DTYPES)
