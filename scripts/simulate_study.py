"""Are the study-level intervals honest?  Simulate many studies and count.

    python scripts/simulate_study.py                    # 1,000 studies per condition, 20 stories x 3 outlets
    python scripts/simulate_study.py --studies 4000 --workers 2 --no-permutation --methods all
    python scripts/simulate_study.py --studies 100 --json
    python scripts/simulate_study.py --shuffle-data-dir DATA --studies 300   # a real data folder, labels shuffled

Each simulated study has ``--stories`` stories covered by three outlets, with
the unbalanced shape of real coverage: an outlet has 1 (60%), 2 (30%) or 3
(10%) articles in a story and misses a story now and then (10%).  Article-level
values come from real sentences: the seed articles' sentences (their
readability counts and VADER compound scores) are pooled; each story draws its
own subset of them (60%) plus a story shift (between-story variation), and each
article is 10-25 sentences drawn from its story's subset (between-article
variation).  The article's Flesch-Kincaid grade and mean compound are then
computed from the drawn sentences exactly as the pipeline does, and its voice
metrics (:data:`analysis.measures.voices.VOICE_METRICS`: quoted words, reported
speech, sources and their kinds) by the pipeline's own
:func:`~analysis.measures.voices.voice_metrics` on the drawn sentences' voices,
resolved sources and quoted words (no outlet effect on them in either condition).

``--pool-data-dir`` draws the sentences from another data folder (e.g. a real corpus,
whose sources are more varied than the seed story's: the seed has no unnamed source, so
``unnamed_attribution_share`` is 0 in every simulated article drawn from it).

Conditions: no outlet effect (every outlet drawn alike), and a planted effect
(outlet A's articles +``--effect-grade`` grade and +``--effect-compound``).
Reported per condition, interval method, metric and comparison: the share of
studies whose 95% interval excludes zero (the false-positive rate with no
effect; with a Wilson 95% interval for that share), whose interval covers the
true difference (coverage, also with its Wilson interval), whose permutation
p < 0.05, and the mean interval width.  Every method of
:data:`analysis.compare.across_stories.INTERVALS` can be evaluated on the same
story-level differences of the same studies (``--methods``); the first one is
checked against ``outlet_differences`` itself whenever the permutation test runs.

Study ``i`` of condition ``c`` draws from ``numpy.random.default_rng([seed, c, i])``,
so the numbers do not depend on ``--workers``.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.compare.across_stories import (  # noqa: E402
    INTERVALS, REST, comparisons, outlet_differences, story_intervals, story_level_differences)
from analysis.measures.bootstrap import excludes_zero  # noqa: E402
from analysis.measures.readability import scope_readability, sentence_counts  # noqa: E402
from analysis.measures.sentiment import score_text  # noqa: E402
from analysis.measures.voices import VOICE_METRICS, voice_metrics  # noqa: E402

OUTLETS = ("A", "B", "C")
#: The two metrics an effect can be planted on, then the voice metrics (never given an effect).
METRICS = ("body_flesch_kincaid_grade", "body_mean_compound", *VOICE_METRICS)
Z95 = 1.959963984540054


class SentencePool(NamedTuple):
    """Every body sentence of a data folder: readability counts (n x len(COUNT_COLUMNS)), VADER
    compound, voice, resolved source and its kind, alphabetic words and quoted alphabetic words."""

    counts: np.ndarray
    compound: np.ndarray
    voices: np.ndarray
    sources: np.ndarray
    kinds: np.ndarray
    words: np.ndarray
    quoted: np.ndarray


def sentence_pool(data_dir=None) -> SentencePool:
    """The :class:`SentencePool` of every sentence of the data folder (default: the seed ``data/``)."""
    import analysis

    corpus = analysis.load_corpus(data_dir if data_dir is not None else ROOT / "data")
    sentences = corpus.sentences
    texts = sentences["text"].tolist()
    alpha = corpus.tokens[corpus.tokens["is_alpha"]]
    words = sentences["sentence_id"].map(alpha.groupby("sentence_id").size()).fillna(0).to_numpy(float)
    quoted = sentences["sentence_id"].map(alpha[alpha["quoted"]].groupby("sentence_id").size()).fillna(0).to_numpy(float)
    return SentencePool(sentence_counts(texts).astype(float), np.array([score_text(t)["compound"] for t in texts]),
                        sentences["voice"].to_numpy(object), sentences["source"].to_numpy(object),
                        sentences["source_kind"].to_numpy(object), words, quoted)


def simulate_metrics(rng: np.random.Generator, pool: SentencePool, n_stories: int,
                     effect: tuple[float, float] = (0.0, 0.0), story_sd: tuple[float, float] = (1.0, 0.1)) -> pd.DataFrame:
    """One simulated study's per-article table (story, outlet and :data:`METRICS`).

    The design is drawn article by article; the grades are computed in one
    vectorised call of the pipeline's formula on every article's summed counts."""
    counts, compound = pool.counts, pool.compound
    n = len(compound)
    stories, outlets, chosen_all, shifts, bumps = [], [], [], [], []
    for s in range(n_stories):
        subset = rng.choice(n, size=max(5, int(0.6 * n)), replace=False)
        shift = rng.normal(0, story_sd[0]), rng.normal(0, story_sd[1])
        for outlet in OUTLETS:
            if rng.random() < 0.1:
                continue
            k = rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1])
            for _ in range(k):
                chosen_all.append(subset[rng.integers(0, len(subset), size=int(rng.integers(10, 26)))])
                stories.append(f"s{s}")
                outlets.append(outlet)
                shifts.append(shift)
                bumps.append(effect if outlet == "A" else (0.0, 0.0))
    if not chosen_all:
        return pd.DataFrame(columns=["story", "outlet", *METRICS])
    totals = np.array([counts[c].sum(axis=0) for c in chosen_all])
    grade = scope_readability(totals)["flesch_kincaid_grade"]
    tone = np.array([compound[c].mean() for c in chosen_all])
    shifts, bumps = np.array(shifts), np.array(bumps)
    voices = pd.DataFrame([voice_metrics(pool.voices[c], pool.sources[c], pool.kinds[c], pool.quoted[c],
                                         int(pool.words[c].sum())) for c in chosen_all], columns=list(VOICE_METRICS))
    frame = pd.DataFrame({"story": stories, "outlet": outlets,
                          METRICS[0]: grade + shifts[:, 0] + bumps[:, 0],
                          METRICS[1]: tone + shifts[:, 1] + bumps[:, 1]})
    return pd.concat([frame, voices], axis=1)


def wilson(successes: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (Wilson 1927)."""
    if n == 0:
        return float("nan"), float("nan")
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def _true_difference(effect: tuple[float, float], k: int, a: str, b: str) -> float:
    planted = effect[k] if k < len(effect) else 0.0     # the voice metrics: no effect planted
    truth = planted if a == "A" else 0.0
    if b == "A":
        truth = -planted
    if b == REST and a != "A" and planted:
        truth = np.nan      # the rest includes A in some stories only: no single true value
    return truth


def study_records(frame: pd.DataFrame, study: int, effect: tuple[float, float], reps: int, permutations: int,
                  methods: tuple[str, ...], metrics=METRICS) -> list[dict]:
    """Every method's interval (and the permutation p) for every metric and comparison of one study."""
    diffs = story_level_differences(frame, list(metrics), outlets=list(OUTLETS))
    groups = {key: g["difference"].to_numpy() for key, g in
              diffs.groupby(["metric", "outlet_a", "outlet_b"], sort=False)}
    p_values = {}
    if permutations > 0:
        table = outlet_differences(frame, list(metrics), outlets=list(OUTLETS), mixed_model=False, reps=reps,
                                   permutations=permutations, interval=methods[0])
        for row in table.itertuples(index=False):
            p_values[(row.metric, row.outlet_a, row.outlet_b)] = (row.p_permutation, row.ci_low, row.ci_high)
    present = sorted(set(frame["outlet"]), key=OUTLETS.index)
    records = []
    for k, metric in enumerate(metrics):
        for comp in comparisons(list(OUTLETS), present):
            d = groups.get((metric, comp.first, comp.label_b), np.array([]))
            intervals = story_intervals(d, (metric, comp.kind, comp.first, *comp.second), reps, methods=methods)
            truth = _true_difference(effect, k, comp.first, comp.label_b)
            p, low0, high0 = p_values.get((metric, comp.first, comp.label_b), (np.nan, np.nan, np.nan))
            if permutations > 0 and np.isfinite(low0):
                # the simulation measures the package: its interval must be the one evaluated here
                assert (low0, high0) == intervals[methods[0]], (metric, comp)
            records += [_record(study, method, metric, comp, truth, low, high, p)
                        for method, (low, high) in intervals.items()]
    return records


def _record(study: int, method: str, metric: str, comp, truth: float, low: float, high: float, p: float) -> dict:
    """One interval's outcome: does it exclude zero, cover the truth; is the permutation p below 0.05."""
    return {"study": study, "interval": method, "metric": metric, "comparison": f"{comp.first} - {comp.label_b}",
            "truth": truth, "excludes_zero": excludes_zero(low, high),
            "covers": float(low <= truth <= high) if np.isfinite(truth) else np.nan,
            "p_below": p < 0.05 if np.isfinite(p) else np.nan, "width": high - low}


_POOL: SentencePool | None = None
#: The data folder whose sentences are pooled (None: the seed data/); set by ``--pool-data-dir``.
POOL_DATA_DIR = None


def _pool() -> SentencePool:
    global _POOL
    if _POOL is None:
        _POOL = sentence_pool(POOL_DATA_DIR)
    return _POOL


def _run_block(start: int, stop: int, n_stories: int, effect, seed: int, stream: int, reps: int,
               permutations: int, methods: tuple[str, ...], metrics: tuple[str, ...] = METRICS) -> list[dict]:
    warnings.simplefilter("ignore")
    pool = _pool()
    records = []
    for i in range(start, stop):
        rng = np.random.default_rng([seed, stream, i])
        frame = simulate_metrics(rng, pool, n_stories, effect)
        records += study_records(frame, i, effect, reps, permutations, methods, metrics)
    return records


def _blocks(total: int, workers: int) -> list[tuple[int, int]]:
    size = max(1, min(250, math.ceil(total / max(1, workers))))
    return [(lo, min(total, lo + size)) for lo in range(0, total, size)]


def run(studies: int, n_stories: int, effect: tuple[float, float], seed: int, reps: int, permutations: int,
        methods=("t", "expanded", "percentile"), workers: int = 1, stream: int | None = None,
        metrics: tuple[str, ...] = METRICS) -> pd.DataFrame:
    """Per study, method, metric (of :data:`METRICS`) and comparison: does the interval exclude zero,
    cover the truth; is the permutation p < 0.05.

    ``permutations=0`` skips the permutation test (``p_below`` NaN); ``stream`` (default: 0 with no
    effect, 1 with one) keeps the two conditions' studies independent."""
    methods = tuple(methods)
    stream = (0 if not any(effect) else 1) if stream is None else stream
    args = (n_stories, tuple(effect), seed, stream, reps, permutations, methods, tuple(metrics))
    blocks = _blocks(studies, workers)
    if workers <= 1:
        parts = [_run_block(lo, hi, *args) for lo, hi in blocks]
    else:
        _pool()  # loaded once here: forked workers inherit it instead of each loading the corpus
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_run_block, lo, hi, *args) for lo, hi in blocks]
            parts = [f.result() for f in futures]
    return pd.DataFrame([r for part in parts for r in part])


def shuffled_labels(metrics: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The table with outlet labels shuffled among the articles of each story (no outlet effect left)."""
    frame = metrics.copy()
    outlets = frame["outlet"].to_numpy().copy()
    for _, index in frame.groupby("story", sort=False).indices.items():
        outlets[index] = outlets[index][rng.permutation(len(index))]
    frame["outlet"] = outlets
    return frame


def run_shuffles(data_dir, shuffles: int, seed: int, reps: int, permutations: int,
                 methods=("t",)) -> pd.DataFrame:
    """``compare`` on a real data folder with outlet labels shuffled within stories, ``shuffles`` times."""
    from analysis.compare.across_stories import DEFAULT_METRICS
    from analysis.measures.pipeline import corpus_metrics

    metrics = corpus_metrics(data_dir, workers=1, progress=False)
    names = [m for m in DEFAULT_METRICS if m in metrics.columns]
    rng = np.random.default_rng(seed)
    records = []
    for i in range(shuffles):
        frame = shuffled_labels(metrics, rng)
        order = sorted(set(frame["outlet"]))
        diffs = story_level_differences(frame, names, outlets=order)
        groups = {key: g["difference"].to_numpy() for key, g in
                  diffs.groupby(["metric", "outlet_a", "outlet_b"], sort=False)}
        p_values = {}
        if permutations > 0:
            table = outlet_differences(frame, names, outlets=order, mixed_model=False, reps=reps,
                                       permutations=permutations, interval=methods[0])
            p_values = {(r.metric, r.outlet_a, r.outlet_b): r.p_permutation for r in table.itertuples(index=False)}
        for metric in names:
            for comp in comparisons(order, order):
                d = groups.get((metric, comp.first, comp.label_b))
                if d is None or len(d) < 2:
                    continue
                p = p_values.get((metric, comp.first, comp.label_b), np.nan)
                records += [_record(i, method, metric, comp, 0.0, low, high, p) for method, (low, high) in
                            story_intervals(d, (metric, comp.kind, comp.first, *comp.second), reps,
                                            methods=methods).items()]
    return pd.DataFrame(records)


def summarise(records: pd.DataFrame) -> pd.DataFrame:
    """Rates per interval method, metric and comparison, with Wilson 95% intervals for the two shares."""
    table = (records.groupby(["interval", "metric", "comparison", "truth"], sort=False, dropna=False)
             .agg(studies=("study", "nunique"), excludes=("excludes_zero", "sum"),
                  interval_excludes_zero=("excludes_zero", "mean"), n_cover=("covers", "count"),
                  covered=("covers", "sum"), coverage=("covers", "mean"),
                  permutation_p_below_05=("p_below", "mean"), mean_width=("width", "mean"))
             .reset_index())
    ez = [wilson(e, n) for e, n in zip(table["excludes"], table["studies"])]
    cov = [wilson(c, n) for c, n in zip(table["covered"], table["n_cover"])]
    table.insert(table.columns.get_loc("interval_excludes_zero") + 1, "excludes_low", [x[0] for x in ez])
    table.insert(table.columns.get_loc("excludes_low") + 1, "excludes_high", [x[1] for x in ez])
    table.insert(table.columns.get_loc("coverage") + 1, "coverage_low", [x[0] for x in cov])
    table.insert(table.columns.get_loc("coverage_low") + 1, "coverage_high", [x[1] for x in cov])
    return table.drop(columns=["excludes", "n_cover", "covered"])


def pooled_lines(records: pd.DataFrame) -> list[str]:
    """Per condition, method, metric and kind of comparison: the share of the tests without a true
    difference (truth 0) whose interval excludes zero."""
    lines = []
    null = records[records["truth"] == 0]
    if "condition" not in null.columns:
        null = null.assign(condition="")
    kind = null["comparison"].str.endswith(REST).map({True: "vs rest", False: "pairs"})
    for (condition, method, metric, kind), g in null.groupby(["condition", "interval", "metric", kind], sort=False):
        low, high = wilson(g["excludes_zero"].sum(), len(g))
        lines.append(f"{condition:20s} {method:12s} {metric:26s} {kind:8s} {len(g):6d} tests with truth 0: "
                     f"excludes zero {g['excludes_zero'].mean():.4f} (Wilson {low:.4f}-{high:.4f}; "
                     "rows of a study are correlated)")
    return lines


def _print(table: pd.DataFrame) -> None:
    with pd.option_context("display.width", 250, "display.max_columns", None, "display.precision", 3,
                           "display.max_rows", None):
        print(table.to_string(index=False))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=1000)
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--effect-grade", type=float, default=1.0)
    parser.add_argument("--effect-compound", type=float, default=0.1)
    parser.add_argument("--reps", type=int, default=2000)
    parser.add_argument("--permutations", type=int, default=2000)
    parser.add_argument("--no-permutation", action="store_true", help="skip the permutation test (intervals only)")
    parser.add_argument("--methods", default="t,expanded,percentile",
                        help=f"comma-separated interval methods, or 'all' ({', '.join(INTERVALS)}); "
                             "the first is checked against outlet_differences")
    parser.add_argument("--conditions", default="null,planted", help="null, planted or both (comma-separated)")
    parser.add_argument("--workers", type=int, default=1, help="processes (results do not depend on it)")
    parser.add_argument("--metrics", default="all", help="comma-separated, from " + ", ".join(METRICS) + " (default all)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", action="store_true", help="print the table as JSON records")
    parser.add_argument("--records", help="also write every per-study record to this CSV file")
    parser.add_argument("--shuffle-data-dir", help="instead: a real data folder, outlet labels shuffled within stories")
    parser.add_argument("--pool-data-dir", help="draw the simulated articles' sentences from this data folder "
                                                "(default: the seed data/)")
    args = parser.parse_args(argv)
    methods = tuple(INTERVALS) if args.methods == "all" else tuple(m.strip() for m in args.methods.split(","))
    unknown = [m for m in methods if m not in INTERVALS]
    if unknown:
        parser.error(f"unknown interval method: {', '.join(unknown)} (known: {', '.join(INTERVALS)})")
    permutations = 0 if args.no_permutation else args.permutations
    metrics = METRICS if args.metrics == "all" else tuple(m.strip() for m in args.metrics.split(","))
    if [m for m in metrics if m not in METRICS]:
        parser.error(f"unknown metric (known: {', '.join(METRICS)})")
    warnings.simplefilter("ignore")
    global POOL_DATA_DIR
    POOL_DATA_DIR = args.pool_data_dir
    start = time.perf_counter()
    if args.shuffle_data_dir:
        records = run_shuffles(args.shuffle_data_dir, args.studies, args.seed, args.reps, permutations, methods)
        table = summarise(records)
        table.insert(0, "condition", "labels shuffled within stories")
        _print(table)
        for method, g in records.groupby("interval", sort=False):
            low, high = wilson(g["excludes_zero"].sum(), len(g))
            print(f"\n{method}: all {len(g)} tests: interval excludes zero {g['excludes_zero'].mean():.4f} "
                  f"(Wilson {low:.4f}-{high:.4f}, tests within a shuffle are correlated), "
                  f"permutation p < 0.05 {g['p_below'].mean():.4f}")
        print(f"{args.studies} shuffles; {time.perf_counter() - start:.0f} s")
        if args.records:
            records.to_csv(args.records, index=False)
        return 0
    conditions = {"null": ("no outlet effect", (0.0, 0.0)),
                  "planted": ("planted effect on A", (args.effect_grade, args.effect_compound))}
    tables, all_records = [], []
    for key in args.conditions.split(","):
        name, effect = conditions[key.strip()]
        records = run(args.studies, args.stories, effect, args.seed, args.reps, permutations, methods,
                      workers=args.workers, metrics=metrics)
        records.insert(0, "condition", name)
        all_records.append(records)
        table = summarise(records.drop(columns="condition"))
        table.insert(0, "condition", name)
        tables.append(table)
    table = pd.concat(tables, ignore_index=True)
    records = pd.concat(all_records, ignore_index=True)
    elapsed = time.perf_counter() - start
    if args.records:
        records.to_csv(args.records, index=False)
    if args.json:
        print(table.to_json(orient="records"))
    else:
        _print(table)
        print()
        print("\n".join(pooled_lines(records)))
        print(f"\n{args.studies} studies per condition, {args.stories} stories x {len(OUTLETS)} outlets, "
              f"{args.workers} worker(s); {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
