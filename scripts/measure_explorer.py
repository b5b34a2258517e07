"""Measure the explorer at study size: page sizes, time, memory, and the page in headless Chromium.

    python scripts/measure_explorer.py 10000 --stories 1 2000 --folder /tmp/explorer-scale

For each number of stories, builds a synthetic study of N articles (5 outlets) from the seed
fixture's paragraphs (``tests/explorer_study.py``; the data folder is left alone), runs
``python -m analysis explore --all`` in a fresh process (wall time and peak resident memory of
that process), prints the page's size, and opens it in the system Chromium (Playwright, every
request that is not the file blocked) to report its opening time and every console error.
With ``--story`` it does the same for one story's page (``explore --story``) of each study with
more than one story (a one-story study's story page analyses the whole study).  Prints a
Markdown table.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def run_explore(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of ``python -m analysis explore ARGS`` in a fresh process."""
    code = ("import resource, sys, time; from analysis.outputs import cli; t = time.perf_counter(); "
            f"rc = cli.main({args!r}); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024); sys.exit(rc)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    wall, peak = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(peak)


def open_in_browser(page: Path) -> tuple[float, list[str]]:
    from browser import ARGS, browser_path
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path(), args=ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1366, "height": 900})
            errors: list[str] = []
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.route(lambda url: not url.startswith(("file:", "data:")), lambda route: route.abort())
            start = time.perf_counter()
            tab.goto(page.as_uri())
            tab.wait_for_function("window.explorerViews && Object.keys(window.explorerViews).length == 2",
                                  timeout=120_000, polling=50)
            return time.perf_counter() - start, errors
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="articles in the study")
    parser.add_argument("--stories", type=int, nargs="+", default=[1], help="numbers of stories to try")
    parser.add_argument("--story", action="store_true",
                        help="also one story's page (explore --story) of studies with more than one story")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/explorer-scale"))
    args = parser.parse_args()
    from explorer_study import build_study

    rows = []
    for n_stories in args.stories:
        data = args.folder / f"n{args.n}-s{n_stories}" / "data"
        if not (data / "manifest.csv").exists():
            build_study(args.n, data, n_stories=n_stories)
        first = "synthetic" if n_stories == 1 else "story-00000"
        runs = [("explore --all", ["--all"], "all-stories.html")]
        if args.story and n_stories > 1:
            runs.append((f"explore --story {first}", ["--story", first], f"{first}.html"))
        for label, extra, name in runs:
            out = data.parent / "out"
            wall, peak = run_explore(["explore", *extra, "--data-dir", str(data), "--out", str(out)])
            page = out / name
            opened, errors = open_in_browser(page)
            rows.append((args.n, n_stories, label, page.stat().st_size / 1e6, wall, peak, opened, len(errors)))
            print(f"{label} ({args.n:,} articles, {n_stories:,} stories): {errors[:3]}", file=sys.stderr)
    print("| articles | stories | command | page MB | wall s | peak MB | opens in s | console errors |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r[0]:,} | {r[1]:,} | `{r[2]}` | {r[3]:.2f} | {r[4]:.1f} | {r[5]:.0f} | {r[6]:.2f} | {r[7]} |")


if __name__ == "__main__":
    main()
