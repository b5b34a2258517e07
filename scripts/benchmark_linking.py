"""Time and memory of linking a study's sources (``cluster_names`` on all rows as one list).

    python scripts/benchmark_linking.py --sizes 10000 100000     # articles; b between sizes
    python scripts/benchmark_linking.py 1000 --check             # and compare with the definition

The rows are built the way ``scripts/benchmark_study.py`` writes its corpus: stories of 4-12
articles, each story with its own 18 invented names (``_name`` of ``tests/synthetic_news.py``,
capitalised; surnames repeat across stories, as only 14,400 names can be drawn), and in each
article ``--per-article`` distinct sources of kind person drawn from the story's names: "Name Name"
(two of the names, as in the benchmark's ``said Name Name``) or, one time in four, a bare
"Name".  Each row weighs 1-5 sentences; as :func:`analysis.measures.sources.link_story_sources`
does for a study (``analysis.compare.study_sources``: every row as one story), the rows are
sorted by weight (heaviest first) and name before they are linked.

Each size runs in a fresh process (the sizes do not share a heap): the wall and CPU time of
``cluster_names`` and the process's peak resident size (rows included), then, unless
``--no-trace``, in a second call the peak of the memory it allocates (tracemalloc, which slows
it; the timed call runs without it) and the time of ``link_story_sources`` on the same rows.
With two or more sizes, the growth exponent ``b = log(cost(N2) / cost(N1)) / log(N2 / N1)`` in
rows (b = 1: linear).  ``--limit-gb`` caps the address
space of each size's process (a quadratic linker is stopped by a MemoryError, not the machine).
Which ``analysis`` is measured is the one on the path (``PYTHONPATH``), so an older checkout can be
timed with this script.
"""
from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "tests"))

from synthetic_news import _name  # noqa: E402


def rows(n_articles: int, per_article: int = 10, seed: int = 28) -> tuple[list[str], list[int]]:
    """The sources and weights of the rows of a study of ``n_articles`` (see the module docstring)."""
    rng = np.random.default_rng(seed)
    sources: list[str] = []
    weights: list[int] = []
    written = 0
    while written < n_articles:
        names = sorted({_name(rng).capitalize() for _ in range(18)})
        for _ in range(min(int(rng.integers(4, 13)), n_articles - written)):
            article: set[str] = set()
            while len(article) < per_article:
                first, last = rng.choice(names, size=2)
                article.add(str(last) if rng.random() < 0.25 else f"{first} {last}")
            for source in sorted(article):
                sources.append(source)
                weights.append(int(rng.integers(1, 6)))
            written += 1
    return sources, weights


def sorted_rows(sources: list[str], weights: list[int]) -> list[str]:
    """The rows in the order :func:`link_story_sources` links them (weight descending, then name)."""
    return [s for _, s in sorted(zip((-w for w in weights), sources))]


def measure(n_articles: int, per_article: int, check: bool, trace: bool = True) -> dict:
    from analysis.measures.sources import cluster_names, link_story_sources
    import pandas as pd

    sources, weights = rows(n_articles, per_article)
    ordered = sorted_rows(sources, weights)
    wall, cpu = time.perf_counter(), time.process_time()
    clusters = cluster_names(ordered, "person")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    result = {"articles": n_articles, "rows": len(sources), "distinct": len(set(sources)),
              "clusters": max(clusters) + 1, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
              "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if trace:
        tracemalloc.start()
        again = cluster_names(ordered, "person")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert again == clusters
        table = pd.DataFrame({"story": "", "source_kind": "person", "source": sources, "n_sentences": weights})
        link = time.perf_counter()
        link_story_sources(table)
        result["traced_peak_mb"] = round(peak / 2**20, 1)
        result["link_story_sources_s"] = round(time.perf_counter() - link, 2)
    if check:
        sys.path.append(str(ROOT / "tests"))
        from test_source_linking import _reference
        result["equals_definition"] = _reference(ordered, "person") == clusters
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("articles", nargs="*", type=int)
    parser.add_argument("--sizes", nargs="+", type=int, default=[])
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--check", action="store_true", help="compare with the definition (slow: small sizes)")
    parser.add_argument("--no-trace", action="store_true",
                        help="only the timed call and the peak resident size (for a slow linker)")
    parser.add_argument("--limit-gb", type=float, default=0, help="cap each size's address space (GB)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a size, in this process
    args = parser.parse_args()
    if args.one is not None:
        if args.limit_gb:
            limit = int(args.limit_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        print(json.dumps(measure(args.one, args.per_article, args.check, not args.no_trace)))
        return
    results = []
    for n in args.articles + args.sizes:
        command = [sys.executable, __file__, "--one", str(n), "--per-article", str(args.per_article),
                   "--limit-gb", str(args.limit_gb)] + (["--check"] if args.check else []) \
            + (["--no-trace"] if args.no_trace else [])
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            print(f"{n} articles: failed ({done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    for small, large in zip(results, results[1:]):
        ratio = math.log(large["rows"] / small["rows"])
        growth = {key: round(math.log(large[key] / small[key]) / ratio, 2)
                  for key in ("wall_s", "cpu_s", "max_rss_mb", "traced_peak_mb", "link_story_sources_s")
                  if small.get(key) and large.get(key)}
        print(f"b from {small['articles']} to {large['articles']} articles (in rows): {growth}")


if __name__ == "__main__":
    main()
