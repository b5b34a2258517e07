"""Benchmark: the corpus pipeline against a hand-written loop on the same number of processes.

    python scripts/benchmark.py --repeat 3                      # N = 1,000 and 10,000
    python scripts/benchmark.py --sizes 200 --repeat 1          # a quick look
    python scripts/benchmark.py --sizes 10000 100000 --methods stream   # flat memory
    python scripts/benchmark.py --corpus study/ --methods loop-N,pipeline   # your own articles

The corpus is built, with a fixed seed, from the paragraphs of the articles in the
data folder: each synthetic article has a headline and body paragraphs drawn at
random (with a caption or promo line now and then) up to about 580 words.  Every
sentence gets a made-up word of its own ("refbqzk"), so no cache keyed on repeated
text (or repeated words) can help either side.  ``--corpus FOLDER`` times a data folder
of real articles instead (its ``manifest.csv``, as ``python -m analysis import`` writes
it); ``--sizes`` is then ignored.

Methods (``--methods``; each run is a fresh Python process):

* ``loop-1``: the hand-written loop in one process (for reference): each article
  loaded with ``analysis.process_article``, each of textstat's count functions and
  the reference ``vaderSentiment`` analyzer called on every sentence, counts summed
  and the formulas applied.  Only for sizes up to ``--single-max``.
* ``loop-N``: the same loop on ``--workers`` spawned worker processes
  (``multiprocessing.Pool.imap`` over chunks of ``--chunk-size`` articles, the
  pipeline's chunking): what a user with that many cores would write.
* ``pipeline``: ``analysis.measures.pipeline.corpus_metrics`` on ``--workers``
  processes, the table returned in memory.
* ``stream``: ``write_metrics`` to a Parquet file (``python -m analysis metrics --out
  FILE.parquet``), chunk by chunk.
* ``dask`` (with ``--dask``): the Dask path on a ``LocalCluster`` of ``--workers`` processes.

What is measured, for each run:

* articles per second: articles / wall time of the work, from the data folder's path to
  the table (reading the manifest and starting the workers included; imports and
  interpreter start excluded);
* CPU milliseconds per article: user + system time of the process and of all its
  (reaped) children, from ``resource.getrusage(RUSAGE_SELF)`` and
  ``getrusage(RUSAGE_CHILDREN)`` inside the run's fresh process, counted from the
  start of the work (so worker imports count);
* peak memory (sum): the largest sum of resident set sizes over the run's process
  and all its descendants, sampled every 0.1 s with ``psutil`` (``/proc`` without
  it); and the largest single process's peak (``VmHWM`` in ``/proc/<pid>/status``).

With ``--repeat R`` the methods run interleaved R times (method A, B, C, A, B, C...)
and the medians are reported, so a change of load on a shared machine hits every
method alike.  Every method's table must equal the others' exactly (checked with
``pandas.testing.assert_frame_equal(check_exact=True)``), else the script stops.
The result is printed as a Markdown table.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORDS_PER_ARTICLE = 580
ALL_METHODS = ["loop-1", "loop-N", "pipeline", "stream", "dask"]


def unique_word(i: int) -> str:
    letters = []
    i += 26 ** 3
    while i:
        i, r = divmod(i, 26)
        letters.append(string.ascii_lowercase[r])
    return "ref" + "".join(letters)


def build_corpus(n: int, folder: Path, seed: int = 7, *, source: Path = ROOT / "data", n_stories: int = 1,
                 n_outlets: int = 5) -> Path:
    """Write ``n`` synthetic articles and their manifest into ``folder``; return it.

    Paragraphs are drawn, with a fixed seed, from the body paragraphs of the study in ``source``
    (a caption or promo line now and then), each sentence given a made-up word of its own so no
    two sentences are the same.  Article ``k`` belongs to story ``synthetic`` (one story) or
    ``story-<k % n_stories>``, and to outlet ``Outlet <k % n_outlets>``.  The tests pass their own
    fixture as ``source`` (never the user's ``data/``)."""
    import analysis

    corpus = analysis.load_corpus(source)
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
        story = "synthetic" if n_stories == 1 else f"story-{k % n_stories:05d}"
        lines.append(f"b{k:06d},{story},Outlet {k % n_outlets},raw/{name}")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# ---------------------------------------------------------------- the hand-written loop

_VADER = None


def hand_article(record: dict) -> dict:
    """What a user would write without the pipeline: one article's row of the metrics table."""
    global _VADER
    import numpy as np
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    import analysis
    from analysis.measures.pipeline import SCOPES
    from analysis.measures.readability import COUNT_COLUMNS, FORMULA_METRICS, formula_arrays
    from analysis.text.resources import install_offline_textstat

    install_offline_textstat()  # textstat with the packaged CMU dictionary, as the package counts (no download)

    if _VADER is None:
        _VADER = SentimentIntensityAnalyzer()
    tables = analysis.process_article(record)
    sentences = tables.sentences
    counts, compound = [], []
    for text in sentences["text"]:
        counts.append([1, textstat.lexicon_count(text), textstat.syllable_count(text),
                       textstat.polysyllabcount(text), textstat.difficult_words(text, 3, unique=False),
                       textstat.difficult_words(text, 0, unique=False), textstat.letter_count(text),
                       textstat.char_count(text)])
        compound.append(_VADER.polarity_scores(text)["compound"])
    counts = np.array(counts, dtype=float).reshape(-1, len(COUNT_COLUMNS))
    compound = np.array(compound)
    voice = sentences["voice"].to_numpy()
    row = dict(tables.article)
    masks = {scope: np.ones(len(voice), bool) if scope == "body" else voice == scope for scope in SCOPES}
    for scope in SCOPES:
        scores = formula_arrays(dict(zip(COUNT_COLUMNS, counts[masks[scope]].sum(axis=0))))
        for metric in FORMULA_METRICS:
            row[f"{scope}_{metric}"] = float(scores[metric])
        c = compound[masks[scope]]
        row[f"{scope}_mean_compound"] = float(c.mean()) if c.size else float("nan")
        row[f"{scope}_share_positive"] = float((c >= 0.05).mean()) if c.size else float("nan")
        row[f"{scope}_share_neutral"] = float(((c > -0.05) & (c < 0.05)).mean()) if c.size else float("nan")
        row[f"{scope}_share_negative"] = float((c <= -0.05).mean()) if c.size else float("nan")
    row.update(hand_voices(sentences, tables.tokens, row["n_words"]))
    return row


def hand_voices(sentences, tokens, n_words: int) -> dict:
    """Who gets a voice, written out with pandas on the article's sentences and tokens tables."""
    nan = float("nan")
    quoted = tokens[tokens["is_alpha"] & tokens["quoted"]].groupby("sentence_id").size()
    words = sentences["sentence_id"].map(quoted).fillna(0)
    said = sentences[(sentences["source"] != "") & (sentences["voice"] != "narration")]
    named = said[said["source_kind"].isin(["person", "organisation"])]
    by_source = words[named.index].groupby(named["source"]).sum()
    total = words.sum()
    return {"quoted_word_share": total / n_words if n_words else nan,
            "indirect_speech_share": (sentences["voice"] == "reported").mean() if len(sentences) else nan,
            "named_sources_per_1000_words": 1000 * named["source"].nunique() / n_words if n_words else nan,
            "n_sources": said["source"].nunique(),
            "unnamed_attribution_share": (said["source_kind"] == "unnamed").mean() if len(said) else nan,
            "organisation_attribution_share": (said["source_kind"] == "organisation").mean() if len(said) else nan,
            "top_source_quoted_share": (by_source.max() if len(by_source) else 0.0) / total if total else nan}


def hand_chunk(records: list[dict]) -> list[dict]:
    return [hand_article(r) for r in records]


def hand_table(rows):
    import pandas as pd

    from analysis.measures.pipeline import METRIC_COLUMNS, METRIC_DTYPES

    return pd.DataFrame(rows).reindex(columns=METRIC_COLUMNS).astype(METRIC_DTYPES)


# ---------------------------------------------------------------- one run, in a fresh process

def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_one(method: str, data_dir: Path, out: Path, workers: int, chunk_size: int) -> dict:
    """Run one method in this (fresh) process; save its table (or file) at ``out``."""
    import multiprocessing

    import analysis
    from analysis.measures import pipeline

    n_articles = len(analysis.read_manifest(data_dir))
    # every method starts from the data folder: the hand loops read the manifest inside
    # the timed work, as the pipeline does
    cpu0, start = _cpu_seconds(), time.perf_counter()
    records = analysis.read_manifest(data_dir).to_dict("records") if method.startswith("loop") else None
    if method == "loop-1":
        table = hand_table(hand_chunk(records))
    elif method == "loop-N":
        batches = list(pipeline.chunks(records, chunk_size))
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            rows = [row for part in pool.imap(hand_chunk, batches) for row in part]
        table = hand_table(rows)
    elif method == "pipeline":
        table = pipeline.corpus_metrics(data_dir, workers=workers, chunk_size=chunk_size, progress=False)
    elif method == "stream":
        table = None
        pipeline.write_metrics(out, data_dir, workers=workers, chunk_size=chunk_size, progress=False)
    else:
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            table = pipeline.dask_metrics(data_dir, client=client, npartitions=max(1, -(-n_articles // chunk_size)))
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu0
    if table is not None:
        table.to_pickle(out)
    return {"method": method, "articles": n_articles, "seconds": seconds, "cpu_seconds": cpu,
            "own_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "child_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


# ---------------------------------------------------------------- memory of a process tree

def _descendants(pid: int) -> list[int]:
    try:
        import psutil

        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except ImportError:
        found, todo = [], [pid]
        while todo:
            p = todo.pop()
            try:
                for task in os.listdir(f"/proc/{p}/task"):
                    kids = Path(f"/proc/{p}/task/{task}/children").read_text().split()
                    found += [int(k) for k in kids]
                    todo += [int(k) for k in kids]
            except OSError:
                pass
        return found
    except Exception:  # noqa: BLE001  (the process ended between two samples)
        return []


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and its descendants every ``interval`` s."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_sum_kb = 0
        self.peak_process_kb: dict[int, int] = {}
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            pids = [self.pid] + _descendants(self.pid)
            self.peak_sum_kb = max(self.peak_sum_kb, sum(_status_kb(p, "VmRSS") for p in pids))
            for p in pids:
                self.peak_process_kb[p] = max(self.peak_process_kb.get(p, 0), _status_kb(p, "VmHWM"))
            self.stop.wait(self.interval)


def measure(method: str, data_dir: Path, out: Path, workers: int, chunk_size: int) -> dict:
    cmd = [sys.executable, __file__, "--run", method, "--data", str(data_dir), "--out", str(out),
           "--workers", str(workers), "--chunk-size", str(chunk_size)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    monitor = TreeMemory(proc.pid)
    monitor.start()
    stdout, stderr = proc.communicate()
    monitor.stop.set()
    monitor.join()
    if proc.returncode:
        sys.exit(f"{method} failed:\n{stderr}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["peak_sum_mb"] = monitor.peak_sum_kb / 1024
    result["largest_process_mb"] = max(monitor.peak_process_kb.values(), default=0) / 1024
    return result


def read_table(method: str, out: Path):
    import pandas as pd

    from analysis.measures.pipeline import read_metrics

    return read_metrics(out) if method == "stream" else pd.read_pickle(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=1, help="interleaved runs per method; medians reported")
    parser.add_argument("--methods", default="loop-1,loop-N,pipeline,stream",
                        help=f"comma-separated, from {','.join(ALL_METHODS)}")
    parser.add_argument("--dask", action="store_true", help="add the Dask method")
    parser.add_argument("--single-max", type=int, default=1000, help="largest size for the one-process loop")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk-size", type=int, default=100)
    parser.add_argument("--corpus", type=Path,
                        help="time this data folder (its manifest.csv) instead of synthetic corpora")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run, Path(args.data), Path(args.out), args.workers, args.chunk_size)))
        return

    import pandas as pd

    import analysis

    methods = [m for m in args.methods.split(",") if m] + (["dask"] if args.dask else [])
    unknown = set(methods) - set(ALL_METHODS)
    if unknown:
        sys.exit(f"unknown methods: {', '.join(sorted(unknown))}")
    corpus_size = None
    if args.corpus is not None:
        if not (args.corpus / "manifest.csv").is_file():
            sys.exit(f"{args.corpus}: no manifest.csv (a data folder as `python -m analysis import` writes it)")
        try:
            corpus_size = len(analysis.read_manifest(args.corpus))
        except analysis.InputDataError as error:
            sys.exit(str(error))
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}; "
          f"workers {args.workers}, chunks of {args.chunk_size}, {args.repeat} interleaved run(s), medians",
          file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in [corpus_size] if corpus_size is not None else args.sizes:
            folder = args.corpus if corpus_size is not None else build_corpus(n, Path(tmp) / f"n{n}")
            todo = [m for m in methods if m != "loop-1" or n <= args.single_max]
            runs: dict[str, list[dict]] = {m: [] for m in todo}
            reference = None
            for rep in range(args.repeat):
                for method in todo:
                    out = Path(tmp) / f"{method}-{n}.{'parquet' if method == 'stream' else 'pkl'}"
                    runs[method].append(measure(method, folder, out, args.workers, args.chunk_size))
                    table = read_table(method, out)
                    out.unlink()
                    if reference is None:
                        reference = table
                    else:
                        pd.testing.assert_frame_equal(reference, table, check_exact=True)
                    r = runs[method][-1]
                    print(f"N={n} run {rep + 1} {method}: {r['seconds']:.1f} s, {r['cpu_seconds']:.1f} CPU s, "
                          f"peak {r['peak_sum_mb']:.0f} MB", file=sys.stderr)
            base = statistics.median(r["articles"] / r["seconds"] for r in runs["loop-N"]) if "loop-N" in runs else None
            for method in todo:
                rs = runs[method]
                rate = statistics.median(r["articles"] / r["seconds"] for r in rs)
                rows.append({
                    "articles": n, "method": method, "processes": 1 if method == "loop-1" else args.workers,
                    "articles/s": rate,
                    "CPU ms/article": statistics.median(1000 * r["cpu_seconds"] / r["articles"] for r in rs),
                    "peak MB (sum)": statistics.median(r["peak_sum_mb"] for r in rs),
                    "largest process MB": statistics.median(r["largest_process_mb"] for r in rs),
                    "vs loop-N": rate / base if base else float("nan"),
                })
            print(f"N={n}: every method's table equal (exact)", file=sys.stderr)
    header = list(rows[0])
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" ---: " if h not in ("method",) else " --- " for h in header) + "|")
    for row in rows:
        cells = [f"{row['articles']:,}", row["method"], str(row["processes"]), f"{row['articles/s']:.1f}",
                 f"{row['CPU ms/article']:.2f}", f"{row['peak MB (sum)']:.0f}", f"{row['largest process MB']:.0f}",
                 f"{row['vs loop-N']:.2f}x" if row['vs loop-N'] == row['vs loop-N'] else "–"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
