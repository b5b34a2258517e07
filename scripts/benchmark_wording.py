"""Time and measure notebook 05's wording table (:func:`distinctive_terms_across`) at N articles.

    python scripts/benchmark_wording.py build 100000 /tmp/wording-100k   # synthetic term tallies, once
    python scripts/benchmark_wording.py run /tmp/wording-100k out.csv    # the table, CPU s and peak MB

``build`` writes the term tallies a study pass would keep (:class:`StudyTerms`, saved as the
study-pass cache saves them: the article keys, totals, vocabulary, pooled counts, usage and
the entries file), without analysing any text: articles of 600 tokens drawn from a
20,000-term Zipf vocabulary (about 300 distinct terms an article), five outlets
(``Outlet A`` .. ``Outlet E``), stories of 4-12 articles, outlets assigned as in
``scripts/benchmark_study.py`` (the first five articles of a story rotate through the outlets,
the rest at random).  ``run`` reads them back (:meth:`StudyTerms.from_saved`), computes the
table, writes it as CSV (and a pickle next to it, for ``assert_frame_equal``) and prints the
process's CPU time and peak resident memory (``ru_maxrss``).  ``--tracemalloc`` also prints
the peak of traced allocations (numpy's arrays included) and where it was reached.
``compare A.pkl B.pkl`` checks two tables with ``pd.testing.assert_frame_equal(check_exact=True)``
and their CSV files byte for byte.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

OUTLETS = [f"Outlet {c}" for c in "ABCDE"]


def build(n: int, folder: Path, vocabulary: int = 20_000, length: int = 600, seed: int = 28) -> None:
    from analysis.measures.study_pieces import ArticlePieces, StudyTerms

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    names = np.array([f"t{k:05d}" for k in range(vocabulary)], dtype=object)
    p = 1.0 / np.arange(1, vocabulary + 1)
    cumulative = np.cumsum(p / p.sum())
    terms = StudyTerms(1)
    written, story = 0, 0
    while written < n:
        size = min(int(rng.integers(4, 13)), n - written)
        for k in range(size):
            outlet = OUTLETS[(story + k) % len(OUTLETS)] if k < 5 else OUTLETS[int(rng.integers(0, 5))]
            drawn = np.minimum(np.searchsorted(cumulative, rng.random(length)), vocabulary - 1)
            codes, counts = np.unique(drawn, return_counts=True)
            terms.add(ArticlePieces(f"s{story:06d}-{k}", f"story {story:06d}", outlet,
                                    dict(zip(names[codes].tolist(), counts.tolist())), []))
            written += 1
        story += 1
    terms.articles.to_csv(folder / "articles.csv", index=False)
    terms.copy_entries(folder / "entries.bin")
    (folder / "tallies.json").write_text(json.dumps({
        "totals": list(map(int, terms._totals)), "vocabulary": terms.vocabulary,
        "pooled": list(map(int, terms.pooled_by_code)), "usage": list(map(int, terms.usage_by_code))}))
    print(f"{n:,} articles, {story:,} stories, {terms._n_entries:,} entries in {folder}")


def load(folder: Path):
    from analysis.measures.study_pieces import StudyTerms

    tallies = json.loads((folder / "tallies.json").read_text())
    articles = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
    return StudyTerms.from_saved(1, articles, tallies["totals"], tallies["vocabulary"], tallies["pooled"],
                                 tallies["usage"], folder / "entries.bin")


def run(folder: Path, out: Path, trace: bool) -> None:
    import analysis
    from analysis.compare.wording_across import distinctive_terms_across

    terms = load(folder)
    if trace:
        import tracemalloc
        tracemalloc.start(12)
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    table = distinctive_terms_across(terms, outlets=OUTLETS)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if trace:
        current, peak = tracemalloc.get_traced_memory()
        print(f"tracemalloc peak {peak / 2**20:,.0f} MB")
        tracemalloc.stop()
    table.to_csv(out, index=False)
    table.to_pickle(out.with_suffix(".pkl"))
    print(f"{analysis.__file__}\n{len(terms.articles):,} articles, {len(table):,} rows: wall {wall:.1f} s, "
          f"CPU {cpu:.1f} s, peak RSS {after.ru_maxrss / 1024:,.0f} MB")


def compare(a: Path, b: Path) -> None:
    pd.testing.assert_frame_equal(pd.read_pickle(a), pd.read_pickle(b), check_exact=True)
    same = a.with_suffix(".csv").read_bytes() == b.with_suffix(".csv").read_bytes()
    print("frames equal (check_exact); CSV bytes", "identical" if same else "DIFFER")
    if not same:
        raise SystemExit(1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("n", type=int)
    b.add_argument("folder", type=Path)
    r = sub.add_parser("run")
    r.add_argument("folder", type=Path)
    r.add_argument("out", type=Path)
    r.add_argument("--tracemalloc", action="store_true")
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.n, args.folder)
    elif args.command == "run":
        run(args.folder, args.out, args.tracemalloc)
    else:
        compare(args.a, args.b)
    return 0


if __name__ == "__main__":
    sys.exit(main())
