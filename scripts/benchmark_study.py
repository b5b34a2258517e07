"""Time the whole study path on a synthetic corpus of N articles, step by step.

    python scripts/benchmark_study.py 1000                      # one size
    python scripts/benchmark_study.py --sizes 1000 10000        # and the growth exponent b
    python scripts/benchmark_study.py 1000 --scheduler tcp://10.0.0.5:8786

The corpus (written fresh in a temporary folder, never from ``data/``): articles of about
600 words in five outlets (``Outlet A`` .. ``Outlet E``), in stories of 4-12 articles; the
words are those of the tests' seed-study fixture (``tests/synthetic_news.py``), and each story
has its own invented names, written with capitals, so stories differ the way real events do
(who and where), and a fifth of the paragraphs are quotations attributed to one of them
(``"...," said Name Name.``).  Stories fall on days at ``--per-day`` articles a day (the span
of the study grows with N; at a fixed span the pairs to score within the date window grow
as N squared), each article within a day of its story's day.  One article in a hundred is a
wire copy (another outlet's republication with a new headline and one sentence added).

Each step runs as ``python -m analysis ...`` in its own process, in order, on one data folder:
import (no story column: every article ``unassigned``), duplicates ``--write``,
group-stories ``--write`` then ``--apply``, metrics ``--out`` (Parquet), compare,
the study pass (notebook 05's tables from one streamed pass over the articles, on two workers,
without the notebook), notebook 05 executed (its ``DATA_DIR`` set to the folder; its pass on
every CPU), explore ``--all`` and figures.  As a user's commands do, the steps share the
study-pass cache (:mod:`analysis.measures.study_cache`, here in the study's work folder):
``compare`` analyses the articles and keeps the pass, the study pass, notebook 05 and
``figures`` read it back; ``--no-cache`` makes every step analyse the articles itself.
For each: wall time, CPU time (user + system of the step's processes, from
``RUSAGE_CHILDREN``: every process the step waited for) and peak memory of the whole process
tree (the resident sizes of the step's process and all its descendants, summed, sampled
every 0.2 s with psutil; for a step killed at ``--timeout``, whose processes are never waited
for, the CPU sampled the same way).  A step that exits non-zero or passes ``--timeout`` is reported so
and the later steps still run.  With two or more sizes, the growth exponent
``b = log(cost(N2) / cost(N1)) / log(N2 / N1)`` of each step's wall time, CPU and peak
memory (b = 1: linear).

``--scheduler ADDRESS`` passes a Dask scheduler to the steps that take one (metrics); the
CPU and memory of that cluster's workers are not in the figures (they are not children).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from synthetic_news import _name, common_words  # noqa: E402

OUTLETS = [f"Outlet {c}" for c in "ABCDE"]
STEPS = ["import", "duplicates", "group-stories", "metrics", "compare", "study pass", "notebook 05", "explore --all",
         "figures"]

#: The "study pass" step: notebook 05's study tables without the notebook (one streamed pass over
#: the articles on two workers, then the outlet differences, wording and sources across stories).
STUDY_PASS = """
import sys

from analysis.compare import across_stories
from analysis.compare.order import study_outlets
from analysis.compare.study_sources import study_source_tables
from analysis.compare.wording_across import distinctive_terms_across, top_terms_by_outlet
from analysis.measures.study_cache import cached_study_pass

if __name__ == "__main__":
    data = sys.argv[1]
    outlets = study_outlets(data)
    study = cached_study_pass(data, workers=2, progress=True)
    across_stories.outlet_differences(study.metrics, outlets=outlets, cache=True)
    wording = distinctive_terms_across(study.terms, outlets=outlets)
    top_terms_by_outlet(wording, outlets=outlets)
    voices = study_source_tables(study, outlets)
    print(len(study.metrics), "articles;", len(wording), "wording rows;", len(voices.sources), "sources")
"""


def write_corpus(path: Path, n: int, per_day: int = 100, seed: int = 28) -> int:
    """Write ``n`` articles as JSON lines (id, outlet, date, title, text); return the stories planted."""
    rng = np.random.default_rng(seed)
    common = np.array(common_words())
    n_wire = n // 100
    start = dt.date(2024, 1, 1)
    span = max(3, (n - n_wire) // per_day)
    written, story, originals = 0, 0, []
    with path.open("w", encoding="utf-8") as handle:
        while written < n - n_wire:
            names = np.array(sorted({_name(rng).capitalize() for _ in range(18)}))
            day = start + dt.timedelta(days=int(rng.integers(0, span)))
            size = min(int(rng.integers(4, 13)), n - n_wire - written)
            for k in range(size):
                paragraphs = []
                for _ in range(int(rng.integers(12, 20))):
                    sentences = []
                    for _ in range(int(rng.integers(1, 4))):
                        length = int(rng.integers(12, 23))
                        words = np.where(rng.random(length) < 0.3, rng.choice(names, size=length),
                                         rng.choice(common, size=length))
                        sentence = " ".join(words)
                        sentences.append(sentence[0].upper() + sentence[1:] + ".")  # names keep their capitals
                    text = " ".join(sentences)
                    if rng.random() < 0.2:
                        text = f"\u201c{text[:-1]},\u201d said {' '.join(rng.choice(names, size=2))}."
                    paragraphs.append(text)
                title = " ".join(rng.choice(names, size=2).tolist() + rng.choice(common, size=5).tolist())
                published = (day + dt.timedelta(days=int(rng.integers(-1, 2)))).isoformat()
                row = {"id": f"s{story:06d}-{k}", "outlet": OUTLETS[(story + k) % len(OUTLETS)] if k < 5
                       else str(rng.choice(OUTLETS)), "date": published, "title": title,
                       "text": "\n\n".join(paragraphs)}
                handle.write(json.dumps(row) + "\n")
                if rng.random() < 2 * n_wire / max(1, n - n_wire) or not originals:
                    originals.append(row)  # a candidate original for a wire copy
                written += 1
            story += 1
        for w in range(n_wire):
            copy = dict(originals[int(rng.integers(0, len(originals)))])
            copy["id"], copy["title"] = f"w{w:06d}", "Wire: " + copy["title"]
            copy["outlet"] = next(o for o in OUTLETS[::-1] if o != copy["outlet"])
            copy["text"] += "\n\n" + " ".join(rng.choice(common, size=14)).capitalize() + "."
            handle.write(json.dumps(copy) + "\n")
    return story


class Measure(NamedTuple):
    wall: float
    cpu: float
    peak_mb: float
    status: str


def _tree_rss(root, cpu_seen: dict[int, float]) -> int:
    """Summed resident memory of ``root`` and its descendants; their CPU so far into ``cpu_seen``."""
    import psutil

    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
            times = process.cpu_times()
            cpu_seen[process.pid] = times.user + times.system
        except psutil.Error:
            pass
    return total


def run_step(commands: list[list[str]], env: dict, timeout: float, log) -> Measure:
    """Run ``commands`` one after another; wall, CPU and summed process-tree peak memory."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start, peak, status = time.perf_counter(), 0, "ok"
    cpu_seen: dict[int, float] = {}  # a killed step's descendants are never waited for: sampled instead
    for command in commands:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
        root = psutil.Process(process.pid)
        done = threading.Event()

        def sample():
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss(root, cpu_seen))
                done.wait(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            code = process.wait(timeout=max(1.0, timeout - (time.perf_counter() - start)))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)  # the step's own process group (start_new_session)
            process.wait()
            code, status = None, f"timeout {timeout:.0f} s"
        done.set()
        sampler.join()
        if code is None:
            break
        if code != 0:
            status = f"exit {code}"
            break
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu = max(cpu, sum(cpu_seen.values()))
    return Measure(time.perf_counter() - start, cpu, peak / 2**20, status)


def _notebook(work: Path, data: Path) -> Path:
    """A copy of notebook 05 whose parameters cell reads ``data`` and whose pass runs on two workers."""
    notebook = json.loads((ROOT / "notebooks" / "05-across-stories.ipynb").read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "DATA_DIR = None" in source:
            cell["source"] = source.replace("DATA_DIR = None", f"DATA_DIR = {str(data)!r}")
    path = work / "05-across-stories.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def _study_pass_script(work: Path) -> Path:
    path = work / "study_pass.py"
    path.write_text(STUDY_PASS, encoding="utf-8")
    return path


def study_steps(work: Path, data: Path, scheduler: str | None) -> dict[str, list[list[str]]]:
    py = [sys.executable, "-m", "analysis"]
    metrics = py + ["metrics", "--data-dir", str(data), "--out", str(work / "metrics.parquet")]
    metrics += ["--scheduler", scheduler] if scheduler else ["--workers", "2"]
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    return {
        "import": [py + ["import", str(work / "corpus.jsonl"), "--into", str(data)]],
        "duplicates": [py + ["duplicates", "--data-dir", str(data), "--write", "--csv"]],
        "group-stories": [py + ["group-stories", "--data-dir", str(data), "--write", "--csv"],
                          py + ["group-stories", "--data-dir", str(data), "--apply"]],
        "metrics": [metrics],
        "compare": [py + ["compare", "--data-dir", str(data), "--csv", "--workers", "2"]],
        "study pass": [[sys.executable, str(_study_pass_script(work)), str(data)]],
        "notebook 05": [[jupyter, "nbconvert", "--to", "notebook", "--execute", "--output",
                         str(work / "05-executed.ipynb"), "--ExecutePreprocessor.timeout=-1",
                         str(_notebook(work, data))]],
        "explore --all": [py + ["explore", "--data-dir", str(data), "--all", "--out", str(work / "explorer")]],
        "figures": [py + ["figures", "--data-dir", str(data), "--out", str(work / "figures")]],
    }


def benchmark(n: int, args) -> dict[str, Measure]:
    work = Path(tempfile.mkdtemp(prefix=f"study-bench-{n}-", dir=args.workdir))
    data = work / "data"
    try:
        t0 = time.perf_counter()
        stories = write_corpus(work / "corpus.jsonl", n, args.per_day)
        print(f"\n{n:,} articles ({stories:,} planted stories, {n // 100} wire copies) written in "
              f"{time.perf_counter() - t0:.0f} s to {work}", flush=True)
        # the study-pass cache in the study's work folder (a user's ~/.cache is left alone), or off
        cache = "off" if args.no_cache else str(work / "cache")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg", "ANALYSIS_CACHE_DIR": cache}
        results = {}
        with (work / "steps.log").open("w", encoding="utf-8") as log:
            for name, commands in study_steps(work, data, args.scheduler).items():
                if args.steps and name not in args.steps:
                    continue
                results[name] = run_step(commands, env, args.timeout, log)
                m = results[name]
                print(f"  {name:<14} wall {m.wall:8.1f} s  CPU {m.cpu:8.1f} s  peak {m.peak_mb:8,.0f} MB  {m.status}",
                      flush=True)
        if args.keep:
            print(f"kept {work}")
        return results
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def growth(small: float, large: float, n_small: int, n_large: int) -> str:
    if small <= 0 or large <= 0:
        return "-"
    return f"{math.log(large / small) / math.log(n_large / n_small):.2f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", help="articles (or give --sizes)")
    parser.add_argument("--sizes", type=int, nargs="+", help="several sizes, e.g. 1000 10000 (growth exponent b)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler for the steps that take one (metrics)")
    parser.add_argument("--per-day", type=int, default=100, help="articles a day (default 100)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds a step may take (default 1800)")
    parser.add_argument("--steps", nargs="+", choices=STEPS, help="only these steps (import always runs first)")
    parser.add_argument("--workdir", help="folder for the temporary study (default: the system's temp)")
    parser.add_argument("--keep", action="store_true", help="keep the study folder")
    parser.add_argument("--no-cache", action="store_true",
                        help="every step analyses the articles itself (default: the study-pass cache is on, "
                             "in the study's work folder, as a user's commands have it)")
    parser.add_argument("--json", help="also write the measurements to this JSON file")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([args.n] if args.n else None)
    if not sizes:
        parser.error("give N or --sizes")
    if args.steps and "import" not in args.steps:
        args.steps = ["import", *args.steps]
    if args.workdir and not Path(args.workdir).is_dir():
        parser.error(f"--workdir {args.workdir}: no such folder")  # one line and exit 2, not a traceback
    measured = {n: benchmark(n, args) for n in sizes}
    print("\n| step | " + " | ".join(f"N = {n:,}: wall s / CPU s / peak MB" for n in sizes)
          + "".join(f" | b {a:,}->{b:,} (wall / CPU / memory)" for a, b in zip(sizes, sizes[1:])) + " |")
    print("|---" * (1 + len(sizes) + len(sizes) - 1) + "|")
    for step in measured[sizes[0]]:
        cells = []
        for n in sizes:
            m = measured[n].get(step)
            cells.append("-" if m is None else f"{m.wall:,.1f} / {m.cpu:,.1f} / {m.peak_mb:,.0f}"
                         + ("" if m.status == "ok" else f" ({m.status})"))
        for a, b in zip(sizes, sizes[1:]):
            ma, mb = measured[a].get(step), measured[b].get(step)
            if ma is None or mb is None or ma.status != "ok" or mb.status != "ok":
                cells.append("-")
            else:
                cells.append(" / ".join(growth(getattr(ma, f), getattr(mb, f), a, b)
                                        for f in ("wall", "cpu", "peak_mb")))
        print(f"| {step} | " + " | ".join(cells) + " |")
    if args.json:
        Path(args.json).write_text(json.dumps({str(n): {s: m._asdict() for s, m in r.items()}
                                               for n, r in measured.items()}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
