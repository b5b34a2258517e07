"""Benchmark: the hand-written loop against the package's pipeline, on a synthetic corpus.

    python scripts/benchmark.py                 # N = 1,000 and 10,000, plus the Dask path
    python scripts/benchmark.py --sizes 200 --no-dask

The corpus is built, with a fixed seed, from the paragraphs of the articles in
the data folder: each synthetic article has a headline, body paragraphs drawn
at random (with a caption or promo line now and then) up to about 580 words.
Every sentence gets a made-up word of its own ("refbqzk"), so no cache keyed on
repeated text can help either side.

(a) The hand-written loop: one process, article by article; load the article
    with ``analysis.process_article``, call each textstat count function and
    VADER on every sentence, sum and apply the formulas.
(b) The pipeline: ``analysis.measures.pipeline.corpus_metrics`` on all CPUs.
(c) The Dask path: ``analysis.measures.pipeline.dask_metrics`` on a LocalCluster with one
    worker process per CPU.

Each run happens in a fresh Python process, which reports its wall time and
peak memory (its own maximum resident set plus, for pools, the largest worker's
times the number of workers: an upper bound).  The tables of (a), (b) and (c)
must be equal.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_ARTICLE = 580


def unique_word(i: int) -> str:
    letters = []
    i += 26 ** 3
    while i:
        i, r = divmod(i, 26)
        letters.append(string.ascii_lowercase[r])
    return "ref" + "".join(letters)


def build_corpus(n: int, folder: Path, seed: int = 7) -> Path:
    """Write ``n`` synthetic articles and their manifest into ``folder``; return it."""
    import analysis

    corpus = analysis.load_corpus(ROOT / "data")
    body = corpus.paragraphs[corpus.paragraphs["role"] == "body"]["text"].tolist()
    other = corpus.paragraphs[~corpus.paragraphs["role"].isin(["body", "headline"])]["text"].tolist()
    headlines = corpus.articles["headline"].tolist()
    rng = random.Random(seed)
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    counter = 0
    lines = ["id,story,outlet,file"]
    for k in range(n):
        paragraphs, words = [], 0
        while words < WORDS_PER_ARTICLE:
            if other and rng.random() < 0.08:
                paragraphs.append(rng.choice(other))
                continue
            text = rng.choice(body)
            # a made-up word before every full stop makes each sentence unique
            pieces = text.split(". ")
            unique = []
            for piece in pieces:
                counter += 1
                unique.append(f"{piece} {unique_word(counter)}" if not piece.endswith(".") else
                              f"{piece[:-1]} {unique_word(counter)}.")
            paragraphs.append(". ".join(unique))
            words += len(text.split())
        name = f"a{k:06d}.txt"
        (raw / name).write_text(rng.choice(headlines) + "\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
        lines.append(f"b{k:06d},synthetic,Outlet {k % 5},raw/{name}")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def hand_loop(data_dir: Path):
    """What a user would write without the pipeline; returns the same table."""
    import numpy as np
    import pandas as pd
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    import analysis
    from analysis.measures.pipeline import METRIC_COLUMNS, METRIC_DTYPES, SCOPES
    from analysis.measures.readability import COUNT_COLUMNS, FORMULA_METRICS, formula_arrays

    vader = SentimentIntensityAnalyzer()
    rows = []
    for record in analysis.read_manifest(data_dir).to_dict("records"):
        tables = analysis.process_article(record)
        sentences = tables.sentences
        counts, compound = [], []
        for text in sentences["text"]:
            counts.append([1, textstat.lexicon_count(text), textstat.syllable_count(text),
                           textstat.polysyllabcount(text), textstat.difficult_words(text, 3, unique=False),
                           textstat.difficult_words(text, 0, unique=False), textstat.letter_count(text),
                           textstat.char_count(text)])
            compound.append(vader.polarity_scores(text)["compound"])
        counts = np.array(counts, dtype=float).reshape(-1, len(COUNT_COLUMNS))
        compound = np.array(compound)
        voice = sentences["voice"].to_numpy()
        row = {**tables.article, "n_stop_words": int(tables.tokens["is_alpha"].mul(tables.tokens["is_stop"]).sum())}
        row["n_paragraphs"], row["n_set_aside"] = len(tables.paragraphs), int((tables.paragraphs["role"] != "body").sum())
        masks = {"body": np.ones(len(voice), bool), "narration": voice == "narration", "quotation": voice == "quotation"}
        for scope in SCOPES:
            scores = formula_arrays(dict(zip(COUNT_COLUMNS, counts[masks[scope]].sum(axis=0))))
            for metric in FORMULA_METRICS:
                row[f"{scope}_{metric}"] = float(scores[metric])
            c = compound[masks[scope]]
            row[f"{scope}_mean_compound"] = float(c.mean()) if c.size else float("nan")
            row[f"{scope}_share_positive"] = float((c >= 0.05).mean()) if c.size else float("nan")
            row[f"{scope}_share_neutral"] = float(((c > -0.05) & (c < 0.05)).mean()) if c.size else float("nan")
            row[f"{scope}_share_negative"] = float((c <= -0.05).mean()) if c.size else float("nan")
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=METRIC_COLUMNS).astype(METRIC_DTYPES)


def run_one(method: str, data_dir: Path, out: Path) -> dict:
    """Run one method in this (fresh) process and save its table to ``out``."""
    start = time.perf_counter()
    workers = os.cpu_count() or 1
    if method == "hand":
        table = hand_loop(data_dir)
        workers = 1
    elif method == "pipeline":
        from analysis.measures.pipeline import corpus_metrics
        table = corpus_metrics(data_dir, progress=False)
    else:
        from distributed import Client, LocalCluster
        from analysis.measures.pipeline import dask_metrics
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            table = dask_metrics(data_dir, client=client)
            worker_rss = max(client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).values())
    seconds = time.perf_counter() - start
    table.to_pickle(out)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if method == "dask":
        children = worker_rss / 1024
    peak = own + (children * workers if method != "hand" else 0)
    return {"method": method, "articles": len(table), "seconds": seconds, "per_second": len(table) / seconds,
            "peak_mb": peak, "main_mb": own, "worker_mb": children if method != "hand" else 0.0}


def measure(method: str, data_dir: Path, out: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--run", method, "--data", str(data_dir), "--out", str(out)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--pipeline-only", action="store_true",
                        help="skip the hand loop (no equality check): to see memory at larger N")
    parser.add_argument("--dask-size", type=int, default=1000)
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run, Path(args.data), Path(args.out))))
        return

    import pandas as pd

    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = build_corpus(n, Path(tmp) / f"n{n}")
            methods = ["hand", "pipeline"] + (["dask"] if not args.no_dask and n == args.dask_size else [])
            if args.pipeline_only:
                methods = ["pipeline"]
            results, tables = {}, {}
            for method in methods:
                out = Path(tmp) / f"{method}-{n}.pkl"
                results[method] = measure(method, folder, out)
                tables[method] = pd.read_pickle(out)
            for method in methods[1:] if "hand" in methods else []:
                pd.testing.assert_frame_equal(tables["hand"], tables[method], check_exact=False, rtol=1e-12, atol=1e-12)
            for method in methods:
                r = results[method]
                print(f"N={n:>6}  {method:<8} {r['per_second']:8.1f} articles/s  {r['seconds']:8.1f} s  "
                      f"peak {r['peak_mb']:7.0f} MB (main {r['main_mb']:.0f} MB, largest worker {r['worker_mb']:.0f} MB)")
            if "hand" in results:
                print(f"N={n:>6}  speed-up pipeline / hand loop: "
                      f"{results['pipeline']['per_second'] / results['hand']['per_second']:.2f}x  (tables equal: yes)")


if __name__ == "__main__":
    main()
