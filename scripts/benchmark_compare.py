"""Time the across-stories comparison on a large per-article table (the metrics step excluded).

    python scripts/benchmark_compare.py                   # 10,000 articles, 3,000 stories, 3 outlets
    python scripts/benchmark_compare.py --articles 2000 --metrics all

The per-article table is built by resampling the rows of the synthetic study's
real per-article metrics (:mod:`analysis.compare.synthetic`) and relabelling
them into ``--stories`` stories of ``--outlets`` outlets at random (unbalanced:
outlets miss stories and some have several articles), so the values, their
spread and their missing cells (no quotation, ...) are those of real articles.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.compare.across_stories import outlet_differences  # noqa: E402
from analysis.compare.synthetic import write_synthetic_study  # noqa: E402
from analysis.measures.pipeline import corpus_metrics  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=3_000)
    parser.add_argument("--outlets", type=int, default=3)
    parser.add_argument("--metrics", default=None, help="'all' for every per-article column (default: compare's headline readability, tone and voice metrics)")
    parser.add_argument("--mixed", choices=["auto", "yes", "no"], default="auto")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        seed_table = corpus_metrics(write_synthetic_study(Path(folder) / "syn"), workers=1, progress=False)
    rng = np.random.default_rng(1)
    table = seed_table.iloc[rng.integers(0, len(seed_table), args.articles)].reset_index(drop=True)
    table["story"] = [f"story-{k}" for k in rng.integers(0, args.stories, args.articles)]
    table["outlet"] = [f"Outlet {k}" for k in rng.integers(0, args.outlets, args.articles)]
    start = time.perf_counter()
    result = outlet_differences(table, args.metrics, mixed_model={"auto": "auto", "yes": True, "no": False}[args.mixed])
    elapsed = time.perf_counter() - start
    print(f"{args.articles} articles, {table['story'].nunique()} stories, {args.outlets} outlets, "
          f"{result['metric'].nunique()} metrics, {len(result)} rows, mixed model {args.mixed}: "
          f"{elapsed:.1f} s")
    print(result.attrs["summary"])
    print("mixed_note:", result["mixed_note"].iloc[0] or "(fitted, no warning)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
