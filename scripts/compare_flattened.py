"""Compare per-outlet measures of the same articles with and without their line breaks.

    PYTHONPATH=. python scripts/compare_flattened.py LINEBROKEN_DIR FLAT_DIR [--workers N]
        [--threshold 0.10] [--format table|markdown|csv]

Both folders are data folders made by ``python -m analysis import`` from the same
articles: one with the text as published, one with each article flattened to one line
(``scripts/polnear_to_csv.py ... --flatten``, as scrapers that drop line breaks deliver
pages).  For example, on PolNeAR dev::

    python scripts/polnear_to_csv.py POLNEAR dev.csv --splits dev
    python scripts/polnear_to_csv.py POLNEAR dev-flat.csv --splits dev --flatten
    python -m analysis import dev.csv --into /tmp/lb --story dev
    python -m analysis import dev-flat.csv --into /tmp/flat --story dev
    python scripts/compare_flattened.py /tmp/lb /tmp/flat

Each folder's articles go through the package's metrics table
(:func:`analysis.measures.pipeline.corpus_metrics`, the table ``python -m analysis metrics``
prints), and per outlet:

* ``quoted_share`` - the mean of the articles' ``quoted_share`` (share of body words inside
  quotation marks);
* ``narration``, ``reported``, ``mixed``, ``quotation`` - the outlet's sentences of that voice
  over all its body sentences (``n_<voice>`` summed over ``n_sentences`` summed);
* ``fk_grade`` - the mean of the articles' ``body_flesch_kincaid_grade``.

The table gives each value with line breaks, flattened, and the relative difference
(flattened / line-broken - 1); differences beyond ``--threshold`` are marked with "!".  The
count of articles per outlet is printed for both folders
so a missing or failed article shows.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from analysis.measures.pipeline import corpus_metrics

VOICES = ("narration", "reported", "mixed", "quotation")
MEASURES = ("quoted_share",) + VOICES + ("fk_grade",)


def outlet_values(metrics: pd.DataFrame) -> pd.DataFrame:
    """Per outlet (index): ``n_articles`` and the :data:`MEASURES` (see the module docstring)."""
    ok = metrics[metrics["n_sentences"].fillna(0) > 0]
    groups = ok.groupby("outlet", sort=True)
    table = pd.DataFrame({"n_articles": groups.size(), "quoted_share": groups["quoted_share"].mean()})
    sentences = groups["n_sentences"].sum()
    for voice in VOICES:
        table[voice] = groups[f"n_{voice}"].sum() / sentences
    table["fk_grade"] = groups["body_flesch_kincaid_grade"].mean()
    return table


def comparison(linebroken: pd.DataFrame, flat: pd.DataFrame) -> pd.DataFrame:
    """Tidy rows ``outlet, measure, linebroken, flat, relative_difference`` for the outlets of both
    tables of :func:`outlet_values`."""
    rows = []
    for outlet in linebroken.index.intersection(flat.index):
        for measure in MEASURES:
            a, b = float(linebroken.at[outlet, measure]), float(flat.at[outlet, measure])
            rows.append({"outlet": outlet, "measure": measure, "linebroken": a, "flat": b,
                         "relative_difference": b / a - 1 if a else float("nan")})
    return pd.DataFrame(rows, columns=["outlet", "measure", "linebroken", "flat", "relative_difference"])


def _metrics(data_dir: Path, workers: int) -> pd.DataFrame:
    if not (data_dir / "manifest.csv").is_file():
        raise SystemExit(f"error: {data_dir}: no manifest.csv (make it with python -m analysis import)")
    return corpus_metrics(data_dir, workers=workers, progress=False)


def _wide(table: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """One row per outlet, for each measure 'line-broken -> flat (+x.x%)', marked '!' beyond threshold."""
    def cell(row) -> str:
        mark = " !" if abs(row.relative_difference) > threshold else ""
        return f"{row.linebroken:.3f} -> {row.flat:.3f} ({row.relative_difference:+.1%}){mark}"
    cells = table.assign(cell=[cell(r) for r in table.itertuples(index=False)])
    return cells.pivot(index="outlet", columns="measure", values="cell")[list(MEASURES)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("linebroken", type=Path, help="data folder of the articles with their line breaks")
    parser.add_argument("flat", type=Path, help="data folder of the same articles flattened to one line")
    parser.add_argument("--workers", type=int, default=1, help="metrics worker processes (default 1)")
    parser.add_argument("--threshold", type=float, default=0.10, help="relative difference to mark (default 0.10)")
    parser.add_argument("--format", choices=("table", "markdown", "csv"), default="table")
    args = parser.parse_args(argv)
    linebroken, flat = _metrics(args.linebroken, args.workers), _metrics(args.flat, args.workers)
    for name, metrics in (("line-broken", linebroken), ("flat", flat)):
        failed = metrics["problems"].fillna("").str.contains("analysis failed")
        if failed.any():
            print(f"note: {name}: {int(failed.sum())} article(s) failed and are left out", file=sys.stderr)
    by_outlet_lb, by_outlet_flat = outlet_values(linebroken), outlet_values(flat)
    counts = pd.DataFrame({"articles line-broken": by_outlet_lb["n_articles"], "articles flat": by_outlet_flat["n_articles"]})
    table = comparison(by_outlet_lb, by_outlet_flat)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False)
        return 0
    wide = counts.join(_wide(table, args.threshold))
    print(wide.to_markdown() if args.format == "markdown" else wide.to_string())
    beyond = table[table["relative_difference"].abs() > args.threshold]
    ranges = table.groupby("measure", sort=False)["relative_difference"].agg(["min", "max"])
    print()
    for measure, row in ranges.iterrows():
        print(f"{measure}: {row['min']:+.1%} to {row['max']:+.1%}")
    print(f"{len(beyond)} of {len(table)} per-outlet values differ by more than {args.threshold:.0%}"
          + (": " + ", ".join(f"{r.outlet} {r.measure} {r.relative_difference:+.1%}" for r in beyond.itertuples()) if len(beyond) else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
