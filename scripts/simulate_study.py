"""Are the study-level intervals honest?  Simulate many studies and count.

    python scripts/simulate_study.py                    # 1,000 studies per condition, 20 stories x 3 outlets
    python scripts/simulate_study.py --studies 100 --json
    python scripts/simulate_study.py --shuffle-data-dir DATA --studies 200   # a real data folder, labels shuffled

Each simulated study has ``--stories`` stories covered by three outlets, with
the unbalanced shape of real coverage: an outlet has 1 (60%), 2 (30%) or 3
(10%) articles in a story and misses a story now and then (10%).  Article-level
values come from real sentences: the seed articles' body sentences (their
readability counts and VADER compound scores) are pooled; each story draws its
own subset of them (60%) plus a story shift (between-story variation), and each
article is 10-25 sentences drawn from its story's subset (between-article
variation).  The article's Flesch-Kincaid grade and mean compound are then
computed from the drawn sentences exactly as the pipeline does.

Conditions: no outlet effect (every outlet drawn alike), and a planted effect
(outlet A's articles +``--effect-grade`` grade and +``--effect-compound``).
Reported per condition, comparison and metric: the share of studies whose 95%
interval excludes zero (false-positive rate with no effect), whose interval
covers the true difference (coverage), whose permutation p < 0.05, and the
mean interval width, for the expanded-percentile interval the package uses and
for the plain percentile interval (to show why it is not used).
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.compare.across_stories import REST, outlet_differences  # noqa: E402
from analysis.measures.readability import scope_readability, sentence_counts  # noqa: E402
from analysis.measures.sentiment import score_text  # noqa: E402

OUTLETS = ("A", "B", "C")
METRICS = ("body_flesch_kincaid_grade", "body_mean_compound")


def sentence_pool(data_dir=None) -> tuple[np.ndarray, np.ndarray]:
    """Readability counts (n x len(COUNT_COLUMNS)) and compound scores of every body sentence of the data folder."""
    import analysis

    corpus = analysis.load_corpus(data_dir if data_dir is not None else ROOT / "data")
    texts = corpus.sentences["text"].tolist()
    return sentence_counts(texts).astype(float), np.array([score_text(t)["compound"] for t in texts])


def simulate_metrics(rng: np.random.Generator, counts: np.ndarray, compound: np.ndarray, n_stories: int,
                     effect: tuple[float, float] = (0.0, 0.0), story_sd: tuple[float, float] = (1.0, 0.1)) -> pd.DataFrame:
    """One simulated study's per-article table (story, outlet and the two metrics)."""
    n = len(compound)
    rows = []
    for s in range(n_stories):
        subset = rng.choice(n, size=max(5, int(0.6 * n)), replace=False)
        shift = rng.normal(0, story_sd[0]), rng.normal(0, story_sd[1])
        for outlet in OUTLETS:
            if rng.random() < 0.1:
                continue
            k = rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1])
            for _ in range(k):
                chosen = subset[rng.integers(0, len(subset), size=int(rng.integers(10, 26)))]
                grade = scope_readability(counts[chosen].sum(axis=0))["flesch_kincaid_grade"][0]
                tone = compound[chosen].mean()
                bump = effect if outlet == "A" else (0.0, 0.0)
                rows.append((f"s{s}", outlet, grade + shift[0] + bump[0], tone + shift[1] + bump[1]))
    return pd.DataFrame(rows, columns=["story", "outlet", *METRICS])


def run(studies: int, n_stories: int, effect: tuple[float, float], seed: int, reps: int, permutations: int,
        methods=("expanded", "percentile")):
    """Per study, method and comparison: does the interval exclude zero, cover the truth; is p < 0.05."""
    counts, compound = sentence_pool()
    rng = np.random.default_rng(seed)
    records = []
    for i in range(studies):
        frame = simulate_metrics(rng, counts, compound, n_stories, effect)
        for method in methods:
            table = outlet_differences(frame, list(METRICS), mixed_model=False, reps=reps,
                                       permutations=permutations, interval=method)
            for row in table.itertuples(index=False):
                k = METRICS.index(row.metric)
                truth = effect[k] if row.outlet_a == "A" else 0.0
                if row.outlet_b == "A":
                    truth = -effect[k]
                if row.outlet_b == REST and row.outlet_a != "A" and effect[k]:
                    truth = np.nan      # the rest includes A in some stories only: no single true value
                records.append({"study": i, "interval": method, "metric": row.metric,
                                "comparison": f"{row.outlet_a} - {row.outlet_b}", "truth": truth,
                                "excludes_zero": row.excludes_zero,
                                "covers": float(row.ci_low <= truth <= row.ci_high) if np.isfinite(truth) else np.nan,
                                "p_below": row.p_value < 0.05, "width": row.ci_high - row.ci_low})
    return pd.DataFrame(records)


def shuffled_labels(metrics: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The table with outlet labels shuffled among the articles of each story (no outlet effect left)."""
    frame = metrics.copy()
    outlets = frame["outlet"].to_numpy().copy()
    for _, index in frame.groupby("story", sort=False).indices.items():
        outlets[index] = outlets[index][rng.permutation(len(index))]
    frame["outlet"] = outlets
    return frame


def run_shuffles(data_dir, shuffles: int, seed: int, reps: int, permutations: int) -> pd.DataFrame:
    """``compare`` on a real data folder with outlet labels shuffled within stories, ``shuffles`` times."""
    from analysis.compare.across_stories import DEFAULT_METRICS
    from analysis.measures.pipeline import corpus_metrics

    metrics = corpus_metrics(data_dir, workers=1, progress=False)
    rng = np.random.default_rng(seed)
    records = []
    for i in range(shuffles):
        table = outlet_differences(shuffled_labels(metrics, rng), DEFAULT_METRICS, mixed_model=False, reps=reps,
                                   permutations=permutations)
        for row in table.itertuples(index=False):
            records.append({"study": i, "interval": "expanded", "metric": row.metric,
                            "comparison": f"{row.outlet_a} - {row.outlet_b}", "truth": 0.0,
                            "excludes_zero": row.excludes_zero, "covers": float(not row.excludes_zero),
                            "p_below": row.p_value < 0.05, "width": row.ci_high - row.ci_low})
    return pd.DataFrame(records)


def summarise(records: pd.DataFrame) -> pd.DataFrame:
    """Rates per interval method, metric and comparison."""
    return (records.groupby(["interval", "metric", "comparison", "truth"], sort=False, dropna=False)
            .agg(studies=("study", "nunique"), interval_excludes_zero=("excludes_zero", "mean"),
                 coverage=("covers", "mean"), permutation_p_below_05=("p_below", "mean"),
                 mean_width=("width", "mean"))
            .reset_index())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=1000)
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--effect-grade", type=float, default=1.0)
    parser.add_argument("--effect-compound", type=float, default=0.1)
    parser.add_argument("--reps", type=int, default=2000)
    parser.add_argument("--permutations", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", action="store_true", help="print the table as JSON records")
    parser.add_argument("--shuffle-data-dir", help="instead: a real data folder, outlet labels shuffled within stories")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    start = time.perf_counter()
    tables = []
    if args.shuffle_data_dir:
        records = run_shuffles(args.shuffle_data_dir, args.studies, args.seed, args.reps, args.permutations)
        table = summarise(records)
        table.insert(0, "condition", "labels shuffled within stories")
        with pd.option_context("display.width", 200, "display.max_columns", None, "display.precision", 3):
            print(table.to_string(index=False))
        print(f"\nall {len(records)} tests: interval excludes zero {records['excludes_zero'].mean():.3f}, "
              f"permutation p < 0.05 {records['p_below'].mean():.3f}; {args.studies} shuffles; "
              f"{time.perf_counter() - start:.0f} s")
        return 0
    for name, effect in (("no outlet effect", (0.0, 0.0)), ("planted effect on A", (args.effect_grade, args.effect_compound))):
        table = summarise(run(args.studies, args.stories, effect, args.seed, args.reps, args.permutations))
        table.insert(0, "condition", name)
        tables.append(table)
    table = pd.concat(tables, ignore_index=True)
    elapsed = time.perf_counter() - start
    if args.json:
        print(table.to_json(orient="records"))
    else:
        with pd.option_context("display.width", 200, "display.max_columns", None, "display.precision", 3):
            print(table.to_string(index=False))
        print(f"\n{args.studies} studies per condition, {args.stories} stories x {len(OUTLETS)} outlets; {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
