"""Measure the importer, near-duplicate finder and story grouping.

``python scripts/benchmark_import.py [--rows 1000000] [--dedup-articles 100000] [--stories 200]``

1. Parquet import: writes a ``--rows``-row Parquet table (news-please columns, short
   articles, 10,000-row row groups), imports it into an empty data folder in a child
   process, and reports wall time and the child's peak resident memory (``ru_maxrss``).
2. Synthetic corpus with planted stories and wire copies (tests/synthetic_news.py, ``--stories``
   stories): pairwise precision, recall and F1 of :func:`group_texts`, and planted wire
   copies found / false pairs of :func:`near_duplicate_pairs`.
3. Near-duplicates at scale: :func:`near_duplicate_pairs` on ``--dedup-articles`` synthetic
   texts held in memory (wall time, pairs found vs planted).
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def write_parquet(path: Path, rows: int, batch: int = 10_000) -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(1)
    words = np.array("the council said bridge river closed repairs engineers traffic ferry week town market "
                     "people minister report police school pupils meals cost million year plan".split())
    schema = pa.schema([("title", pa.string()), ("maintext", pa.string()), ("date_publish", pa.string()),
                        ("source_domain", pa.string()), ("url", pa.string())])
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, rows, batch):
            n = min(batch, rows - start)
            picks = rng.integers(0, len(words), size=(n, 40))
            texts = [" ".join(words[row]) + "." for row in picks]
            ids = range(start, start + n)
            writer.write_table(pa.table({
                "title": [f"Headline {i}" for i in ids], "maintext": texts,
                "date_publish": [f"2023-{1 + i % 12:02d}-{1 + i % 28:02d} 10:00:00" for i in ids],
                "source_domain": [f"outlet{i % 50}.example" for i in ids],
                "url": [f"https://outlet{i % 50}.example/a/{i}" for i in ids]}, schema=schema), row_group_size=batch)


def parquet_import(rows: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="import-bench-"))
    try:
        source = work / "big.parquet"
        t0 = time.perf_counter()
        write_parquet(source, rows)
        print(f"parquet: wrote {rows:,} rows ({source.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "analysis", "import", str(source), "--into", str(work / "data")],
                       check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                       stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with (work / "data" / "manifest.csv").open(encoding="utf-8") as handle:
            lines = sum(1 for _ in handle) - 1
        print(f"parquet import: {lines:,} manifest rows in {elapsed:.0f} s ({rows / elapsed:,.0f} rows/s); "
              f"peak memory of the import process {peak_mb:,.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def synthetic(stories: int, wire: int, shared_names: int = 0) -> None:
    from analysis.ingest.duplicates import near_duplicate_pairs
    from analysis.ingest.stories import group_texts
    from synthetic_news import make_corpus, pairwise_f1

    print(f"synthetic corpus, {shared_names} of 18 names per story shared within its topic:")
    corpus = make_corpus(n_stories=stories, n_wire=wire, shared_names=shared_names)
    texts = [f"{a.headline}\n\n{a.text}" for a in corpus]
    t0 = time.perf_counter()
    found = group_texts(texts, [a.published for a in corpus])
    labels, confidence = found.labels, found.confidence
    elapsed = time.perf_counter() - t0
    p, r, f1 = pairwise_f1([a.story for a in corpus], [str(x) for x in labels])
    print(f"stories: {len(corpus)} articles, {stories} planted stories -> {len(set(labels))} groups; "
          f"pairwise precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f}; median confidence "
          f"{sorted(confidence)[len(confidence) // 2]:.2f}; {elapsed:.1f} s")
    pairs = near_duplicate_pairs({a.id: t for a, t in zip(corpus, texts)})
    planted = {(a.wire_of, a.id) for a in corpus if a.wire_of}
    found = {(a, b) for a, b, _ in pairs}
    print(f"duplicates: {len(planted)} planted wire copies, {len(found & planted)} found, "
          f"{len(found - planted)} false pairs above the threshold; lowest planted Jaccard "
          f"{min(j for a, b, j in pairs if (a, b) in planted):.3f}")


def dedup_scale(n: int) -> None:
    from analysis.ingest.duplicates import near_duplicate_pairs
    from synthetic_news import make_corpus

    wire = max(1, n // 100)
    stories = max(1, (n - wire) // 6)  # 4-8 articles each: about n articles in all, wire copies included
    corpus = make_corpus(n_stories=stories, n_wire=wire, articles_per_story=(4, 8))
    texts = {a.id: f"{a.headline}\n\n{a.text}" for a in corpus}
    t0 = time.perf_counter()
    pairs = near_duplicate_pairs(texts)
    elapsed = time.perf_counter() - t0
    planted = {(a.wire_of, a.id) for a in corpus if a.wire_of and a.wire_of in texts}
    found = {(a, b) for a, b, _ in pairs}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"duplicates at scale: {len(texts):,} articles in {elapsed:.0f} s; {len(found & planted)}/{len(planted)} "
          f"planted copies found, {len(found - planted)} other pairs; peak memory of this process {peak_mb:,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dedup-articles", type=int, default=100_000)
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--wire", type=int, default=100)
    parser.add_argument("--skip", nargs="*", default=[], choices=["parquet", "synthetic", "scale"])
    args = parser.parse_args()
    if "synthetic" not in args.skip:
        for shared in (0, 6, 12):
            synthetic(args.stories, args.wire, shared)
    if "scale" not in args.skip:
        dedup_scale(args.dedup_articles)
    if "parquet" not in args.skip:
        parquet_import(args.rows)


if __name__ == "__main__":
    main()
