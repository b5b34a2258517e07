"""Soak test: run every command and notebook of the package on one data folder and say how each fared.

    python scripts/soak.py DATA_DIR [--only CMD ...] [--skip CMD ...] [--timeout SECONDS] [--story S]

The data folder is copied into a temporary folder first and every command reads the copy
and writes its outputs (figures, reports, explorer pages, metrics file) beside it, so
``DATA_DIR`` is never written.  Each command runs in its own subprocess (``python -m analysis
...``, and ``load`` is ``analysis.load_corpus`` from Python); per command the table gives:

* ``exit``      - the exit code (``timeout`` when ``--timeout`` ran out);
* ``exceptions``- Python tracebacks in its stderr (their last lines are listed below the table,
  with any one-line ``error:`` message);
* ``warnings``  - Python warning lines (``...Warning: ...``) in its stderr;
* ``failed``    - articles that could not be analysed, from the command's closing note
  (``note: N article(s) could not be analysed``);
* ``seconds``   - wall time;
* ``peak MB``   - the peak resident memory of the command's whole process tree (sampled every
  0.2 s with psutil; without psutil, the largest single process's peak from
  ``getrusage(RUSAGE_CHILDREN)``).

The commands are those of ``python -m analysis --help`` (every table command, ``summary``,
``metrics``, ``compare``, ``figures``, ``sources``, ``story-sources``, ``duplicates``,
``group-stories``, ``explore --all``, ``report`` for one story) plus ``load`` and the six
notebooks (``notebook-00`` .. ``notebook-05``: a copy of each with its ``DATA_DIR`` set to the
folder, and ``STORY`` to the report's story for 00-04, executed with ``jupyter nbconvert
--execute``; the warnings and errors a cell prints count as the command's).  ``import`` is
left out: the data folder is already imported.  The exit code is 0 when every command exited 0
with no exception, warning or article failure, else 1.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
#: Commands of the CLI that the soak does not run as such: ``import`` (the folder is imported already)
NOT_RUN = {"import"}
TRACEBACK = "Traceback (most recent call last):"
WARNING_LINE = re.compile(r"\b\w*Warning: ")
FAILED_NOTE = re.compile(r"note: (\d+) articles? could not be analysed")


class Outcome(NamedTuple):
    command: str
    exit: str
    exceptions: list[str]   # the last lines of each traceback
    errors: list[str]       # one-line errors (``error: ...``)
    warnings: list[str]
    failed: int
    seconds: float
    peak_mb: float


def cli_commands() -> list[str]:
    """Every command of ``python -m analysis --help``, in its order."""
    sys.path.insert(0, str(REPO))
    from analysis.outputs.commands import COMMANDS

    return [command.name for command in COMMANDS if command.name not in NOT_RUN]


NOTEBOOKS = REPO / "notebooks"


def notebook_names() -> list[str]:
    """``notebook-00`` .. ``notebook-05``: one soak command per notebook, in order."""
    return [f"notebook-{path.name[:2]}" for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))]


def parameterised_notebook(name: str, data: Path, story: str, out: Path) -> Path:
    """A copy of the notebook ``name`` whose parameters cell reads ``data`` (and ``story``, for the
    per-story notebooks), written into ``out/notebooks/``."""
    number = name.split("-")[1]
    source = next(NOTEBOOKS.glob(f"{number}-*.ipynb"))
    notebook = json.loads(source.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "code" and "DATA_DIR = None" in text:
            text = text.replace("DATA_DIR = None", f"DATA_DIR = {str(data)!r}", 1)
            if number != "05":  # 05 compares every story; its STORY is not used
                text = text.replace("STORY = None", f"STORY = {story!r}", 1)
            cell["source"] = text
            break
    folder = out / "notebooks"
    folder.mkdir(exist_ok=True)
    path = folder / source.name
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def notebook_stderr(executed: Path) -> str:
    """What the cells of an executed notebook wrote to stderr, and their errors as tracebacks."""
    if not executed.is_file():
        return ""
    lines = []
    for cell in json.loads(executed.read_text(encoding="utf-8")).get("cells", []):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                lines.append("".join(output.get("text", "")))
            elif output.get("output_type") == "error":
                lines.append(f"{TRACEBACK}\n  File \"{executed.name}\"\n{output.get('ename')}: {output.get('evalue')}")
    return "\n".join(lines)


def largest_story(data_dir: Path) -> str:
    """The story with the most articles (the first such in the manifest)."""
    with (data_dir / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        stories = Counter(row.get("story", "") for row in csv.DictReader(handle))
    stories.pop("", None)
    return max(stories, key=stories.get) if stories else ""


def executed_notebook(notebook: Path) -> Path:
    return notebook.with_name(notebook.stem + ".executed.ipynb")


def command_line(name: str, data: Path, out: Path, story: str) -> list[str]:
    python = [sys.executable]
    common = ["--data-dir", str(data)]
    if name == "load":
        code = ("import sys, analysis; c = analysis.load_corpus(sys.argv[1]); "
                "print(len(c.articles), 'articles', len(c.sentences), 'sentences'); "
                "n = len(c.failed); "
                "n and print(f'note: {n} article{\"s\" if n != 1 else \"\"} could not be analysed', file=sys.stderr)")
        return python + ["-c", code, str(data)]
    if name.startswith("notebook-"):
        notebook = parameterised_notebook(name, data, story, out)
        jupyter = str(Path(sys.executable).with_name("jupyter"))
        return [jupyter, "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=-1",
                "--output", executed_notebook(notebook).name, str(notebook)]
    cli = python + ["-m", "analysis", name] + common
    if name == "figures":
        return cli + ["--out", str(out / "figures")]
    if name == "report":
        return cli + ["--story", story, "--out", str(out / "reports")]
    if name == "explore":
        return cli + ["--all", "--out", str(out / "explorer")]
    if name == "metrics":
        return cli + ["--out", str(out / "metrics.parquet")]
    if name in ("summary",):
        return cli
    return cli + ["--format", "csv"]


def _tree_rss(process) -> int:
    import psutil

    total = 0
    try:
        members = [process] + process.children(recursive=True)
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def run(name: str, argv: list[str], out: Path, timeout: float) -> Outcome:
    """Run one command, its stdout into ``out/<name>.out``, and read its stderr."""
    stdout_path, stderr_path = out / f"{name}.out", out / f"{name}.err"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
               COLUMNS="120")
    env.pop("OUTLET_COMPARE_STRICT", None)  # a user's run: failures recorded, not raised
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    peak = 0
    code = "timeout"
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        child = subprocess.Popen(argv, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, cwd=out, env=env,
                                 start_new_session=True)
        try:
            import psutil
            watched = psutil.Process(child.pid)
        except (ImportError, Exception):  # noqa: BLE001  (no psutil: rusage below)
            watched = None
        while True:
            try:
                code = str(child.wait(timeout=0.2))
                break
            except subprocess.TimeoutExpired:
                if watched is not None:
                    peak = max(peak, _tree_rss(watched))
                if time.monotonic() - start > timeout:
                    os.killpg(child.pid, 9)
                    child.wait()
                    code = "timeout"
                    break
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if not peak:  # kilobytes on Linux; a new maximum only if this child set one
        peak = max(after, before) * 1024 if after > before else after * 1024
    err = stderr_path.read_text(encoding="utf-8", errors="replace")
    if name.startswith("notebook-"):  # nbconvert's own stderr, then what the cells wrote
        executed = executed_notebook(Path(argv[-1]))
        err = "\n".join(line for line in err.splitlines() if not line.startswith("[NbConvertApp]"))
        err += "\n" + notebook_stderr(executed)
    return Outcome(name, code, tracebacks(err), error_lines(err), warning_lines(err), failed_articles(err), seconds,
                   peak / 2**20)


def tracebacks(stderr: str) -> list[str]:
    """Each traceback in ``stderr`` (a chain of them, "The above exception ...", counted once) as
    its innermost frame and its exception line."""
    found = []
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(TRACEBACK):
            end = i + 1
            while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
                end += 1
            frames = [l.strip() for l in lines[i + 1:end] if l.strip().startswith("File ")]
            last = lines[end].strip() if end < len(lines) else ""
            chained = any(l.startswith(("The above exception", "During handling of the above"))
                          for l in lines[max(0, i - 2):i])
            summary = " | ".join(filter(None, [frames[-1] if frames else "", last]))
            if chained and found:
                found[-1] = summary
            else:
                found.append(summary)
    return found


def error_lines(stderr: str) -> list[str]:
    """The package's one-line errors (``error: ...``)."""
    return [line.strip() for line in stderr.splitlines() if line.startswith("error: ")]


def warning_lines(stderr: str) -> list[str]:
    return [line.strip() for line in stderr.splitlines() if WARNING_LINE.search(line) and not line.startswith(" ")]


def failed_articles(stderr: str) -> int:
    return sum(int(m.group(1)) for m in FAILED_NOTE.finditer(stderr))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help="data folder holding manifest.csv (read only)")
    parser.add_argument("--only", nargs="+", metavar="CMD", help="run only these commands")
    parser.add_argument("--skip", nargs="+", metavar="CMD", default=[], help="leave these commands out")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per command (default 3600)")
    parser.add_argument("--story", help="story for `report` (default: the story with the most articles)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (outputs and stderr)")
    args = parser.parse_args(argv)
    if not (args.data_dir / "manifest.csv").is_file():
        print(f"error: {args.data_dir}: no manifest.csv", file=sys.stderr)
        return 2
    commands = ["load"] + cli_commands() + notebook_names()
    unknown = [c for c in (args.only or []) + args.skip if c not in commands]
    if unknown:
        print(f"error: unknown command(s): {', '.join(unknown)} (choose from {', '.join(commands)})", file=sys.stderr)
        return 2
    commands = [c for c in commands if (not args.only or c in args.only) and c not in args.skip]
    story = args.story or largest_story(args.data_dir)
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    data = work / "data"
    shutil.copytree(args.data_dir, data, symlinks=True)  # commands with --write/--apply write here, not DATA_DIR
    out = work / "out"
    out.mkdir()
    print(f"soak of {args.data_dir} (copied to {data}); report story: {story}; outputs in {out}", flush=True)
    outcomes = []
    for name in commands:
        outcome = run(name, command_line(name, data, out, story), out, args.timeout)
        outcomes.append(outcome)
        print(f"  {name}: exit {outcome.exit}, {len(outcome.exceptions)} exception(s), {len(outcome.warnings)} "
              f"warning(s), {outcome.failed} failed article(s), {outcome.seconds:.0f} s, {outcome.peak_mb:.0f} MB",
              flush=True)
    print()
    print(table(outcomes))
    details = [(o.command, kind, text) for o in outcomes
               for kind, texts in (("exception", o.exceptions), ("error", o.errors), ("warning", sorted(set(o.warnings))))
               for text in texts]
    if details:
        print("\ndetails:")
        for command, kind, text in details:
            print(f"- {command}: {kind}: {text}")
    if args.keep:
        print(f"\nkept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    clean = all(o.exit == "0" and not o.exceptions and not o.warnings and not o.failed for o in outcomes)
    return 0 if clean else 1


def table(outcomes: list[Outcome]) -> str:
    """A Markdown table, one row per command."""
    lines = ["| command | exit | exceptions | warnings | failed articles | seconds | peak MB |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for o in outcomes:
        lines.append(f"| {o.command} | {o.exit} | {len(o.exceptions)} | {len(o.warnings)} | {o.failed} | "
                     f"{o.seconds:.0f} | {o.peak_mb:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
