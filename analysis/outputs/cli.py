"""Command line: ``python -m analysis <command> [--story S] [--data-dir D] [--format F]``.

Table commands print a DataFrame readably, fitted to the terminal, or as CSV,
JSON or Markdown with ``--format`` (``--csv`` is short for ``--format csv``); ``summary``
says what was loaded; ``metrics`` computes one row per article for a whole
corpus in parallel; ``compare`` compares outlets across stories; ``figures`` rebuilds every
figure; ``report`` executes the notebooks and renders them to HTML; ``explore`` writes the
interactive offline explorer.

An article that cannot be analysed (an exception in the analysis, not a bad input file) is
left out of the tables and named in ``summary``; every command then ends with a note on
stderr, ``note: N article(s) could not be analysed (see summary)``.  ``--strict`` (or the
environment variable ``OUTLET_COMPARE_STRICT=1``) makes such an article the one-line error
instead (exit 2).  A bad input file is always that error.

The commands themselves are records in :data:`analysis.outputs.commands.COMMANDS`; this
module makes one argparse subcommand of each (dispatched with ``set_defaults(run=...)``),
opens the :class:`~analysis.ingest.study.Study` once and handles errors, strict mode and
the closing note.
"""
from __future__ import annotations

import argparse
import os
import sys

from ..config import STRICT_ENV
from ..errors import ArticleAnalysisError, InputDataError
from ..ingest.study import open_study
from ..text.corpus import analysis_failures, forget_analysis_failures
from .commands import COMMANDS, TABLE_FAILURES, Command, print_summary, print_table  # noqa: F401  (public names)


def closing_note(failed: set[str]) -> str:
    """``note: N article(s) could not be analysed (see summary)``, or "" when none failed."""
    if not failed:
        return ""
    n = len(failed)
    return f"note: {n} article{'s' if n != 1 else ''} could not be analysed (see summary)"


def build_parser(commands: list[Command] = COMMANDS) -> argparse.ArgumentParser:
    """The parser of ``python -m analysis``: one subcommand per record of ``commands``, each
    dispatching with ``set_defaults(run=record.run)``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Compare how outlets told the same story. Every command takes --story and\n"
                    "--data-dir; table commands also take --format (table, csv, json, markdown).",
        epilog="examples:\n"
               "  python -m analysis summary                      what was loaded\n"
               "  python -m analysis findings --story my-story    headline differences\n"
               "  python -m analysis readability --format csv > readability.csv\n"
               "  python -m analysis figures --out figures/       every figure of every story\n"
               "  python -m analysis COMMAND --help               one command's options",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    strict_help = ("stop with an error when an article cannot be analysed (default: leave it out, "
                   "name it in summary and go on; also set by OUTLET_COMPARE_STRICT=1)")
    parser.add_argument("--strict", action="store_true", help=strict_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--strict", action="store_true", default=argparse.SUPPRESS, help=strict_help)
    common.add_argument("--story", help="the story to analyse (default: every article in the manifest)")
    common.add_argument("--data-dir", help="data folder holding manifest.csv (default: the project's data/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    for command in commands:
        p = sub.add_parser(command.name, parents=[common] if command.in_study else [], help=command.help,
                           description=command.description, epilog=command.epilog or None)
        command.add_arguments(p)
        p.set_defaults(run=command.run, in_study=command.in_study)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = os.environ.get(STRICT_ENV)
    if args.strict:  # in the environment, so that worker processes started from here are strict too
        os.environ[STRICT_ENV] = "1"
    forget_analysis_failures()
    TABLE_FAILURES.clear()
    try:
        code = _run(args)
    finally:
        if args.strict:
            if previous is None:
                os.environ.pop(STRICT_ENV, None)
            else:
                os.environ[STRICT_ENV] = previous
    note = closing_note(set(analysis_failures()) | TABLE_FAILURES) if code == 0 else ""
    if note:
        print(note, file=sys.stderr)
    return code


def _run(args) -> int:
    """The command's run, given the study it reads (opened once, here); errors become one line."""
    try:
        return args.run(open_study(args.data_dir) if args.in_study else None, args)
    except (InputDataError, ArticleAnalysisError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # outputs are swapped in whole, so the previous ones are intact
        print("error: interrupted; outputs written before this run are unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
