"""How long the main job takes next to the bare import of its libraries.

    python scripts/benchmark_figures.py            # 7 interleaved runs of each, medians
    python scripts/benchmark_figures.py --runs 11 --data-dir DATA
    python scripts/benchmark_figures.py --per-story      # the study's figures and every story's

Runs, each in a fresh Python process and interleaved (floor, job, floor, job, ...)
so a change of load hits both alike:

* ``floor``: ``python -c "import pandas, matplotlib.pyplot, nltk, textstat"``, the
  libraries every figure needs, imported and nothing done;
* ``figures``: ``python -m analysis figures --out <a new temporary folder>`` for the
  data folder (the project's data/ by default): the study's figures, and with
  ``--per-story`` every figure of every story as well.

Wall time of each process (start to exit) is measured; the medians and the
ratio figures / floor are printed as a Markdown table.  The figures written are
compared with those of the first run (byte for byte) and the script stops if
any differs.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "import pandas, matplotlib.pyplot, nltk, textstat"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - start


def pngs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.png"))}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data-dir", help="data folder (default: the project's data/)")
    parser.add_argument("--per-story", action="store_true", help="pass --per-story (every story's figures too)")
    args = parser.parse_args(argv)
    job = [sys.executable, "-m", "analysis", "figures"] + (["--data-dir", args.data_dir] if args.data_dir else [])
    job += ["--per-story"] if args.per_story else []
    floor, figures, reference = [], [], None
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            floor.append(timed([sys.executable, "-c", FLOOR]))
            out = Path(tmp) / f"run{run}"
            figures.append(timed(job + ["--out", str(out)]))
            produced = pngs(out)
            if reference is None:
                reference = produced
            elif produced != reference:
                sys.exit(f"run {run + 1}: the figures differ from the first run's")
            print(f"run {run + 1}: floor {floor[-1]:.2f} s, figures {figures[-1]:.2f} s", file=sys.stderr)
    f, j = statistics.median(floor), statistics.median(figures)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}; "
          f"{args.runs} interleaved runs, medians; {len(reference)} figures, identical in every run", file=sys.stderr)
    print("| command | median wall s | vs floor |")
    print("| --- | ---: | ---: |")
    print(f"| `python -c \"{FLOOR}\"` (floor) | {f:.2f} | 1.00x |")
    print(f"| `python -m analysis figures{' --per-story' if args.per_story else ''}` | {j:.2f} | {j / f:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
