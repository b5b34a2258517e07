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
"""
from __future__ import annotations

import argparse
import os
import sys
import textwrap
from typing import Callable

import pandas as pd

from ..config import STRICT_ENV
from ..text.corpus import Corpus, analysis_failures, forget_analysis_failures, load_corpus
from ..errors import ArticleAnalysisError, InputDataError
from .tables import FORMATS, render, terminal_width

TableCommand = Callable[[Corpus], pd.DataFrame]


def _table_commands() -> dict[str, tuple[str, TableCommand]]:
    from ..compare import findings, within_story
    from ..measures import framing, quote_alignment, readability, sentiment, wording
    return {
        "findings": ("headline differences between outlets, with intervals and caveats", findings.key_findings),
        "articles": ("one row per article with metadata and counts", lambda c: c.articles),
        "paragraphs": ("every paragraph with its role and the rule that gave it", lambda c: c.paragraphs),
        "set-aside": ("paragraphs set aside from the body, and why", lambda c: c.set_aside()),
        "sentences": ("every body sentence with its voice and speaker", lambda c: c.sentences),
        "tokens": ("every token of the body sentences", lambda c: c.tokens),
        "quotes": ("every quoted stretch of body text", lambda c: c.quotes),
        "readability": ("readability battery per article and voice, with bootstrap intervals", readability.readability_table),
        "readability-diff": ("difference between outlets in readability, with intervals", within_story.readability_differences),
        "readability-quote-effect": ("how much of each body score comes from quoted material",
                                     lambda c: readability.quote_effect(readability.readability_table(c))),
        "readability-sentences": ("counts and scores per sentence", readability.sentence_readability),
        "readability-paragraphs": ("scores per body paragraph", readability.readability_by_paragraph),
        "sentiment": ("sentence-level VADER aggregated per article and voice, with intervals", sentiment.sentiment_summary),
        "sentiment-diff": ("difference between outlets in sentiment, with intervals", within_story.sentiment_differences),
        "sentiment-sentences": ("VADER scores of every body sentence", sentiment.sentence_sentiment),
        "sentiment-extremes": ("most negative and most positive sentences of each outlet", sentiment.extreme_sentences),
        "terms": ("distinctive terms per outlet: log-odds z-scores and G2 keyness", wording.distinctive_terms),
        "term-counts": ("how often each word and two-word phrase occurs per article",
                        lambda c: pd.concat([wording.term_counts(c, 1), wording.term_counts(c, 2)], ignore_index=True)),
        "shared-vocabulary": ("terms each outlet shares with the others or uses alone", wording.shared_vocabulary),
        "framing": ("framing dictionary counts per outlet and voice", framing.framing_counts),
        "shared-quotes": ("passages of one source quoted by several outlets", quote_alignment.shared_quotes),
        "headlines": ("headlines side by side", wording.compare_headlines),
        "name-variants": ("names spelt differently across outlets", wording.name_variants),
        **_source_commands(),
    }


def _source_commands() -> dict[str, tuple[str, TableCommand]]:
    from ..measures import sources
    return {
        "sources": ("who gets a voice: one row per article and source, with counts and quoted words",
                    sources.sources_table),
        "story-sources": ("sources per outlet across a story: shared or exclusive, with weight", sources.story_sources),
        "source-kinds": ("share of each article's quoted words by kind of source", sources.source_kind_shares),
    }


def print_table(frame: pd.DataFrame, fmt: str = "table") -> None:
    sys.stdout.write(render(frame, fmt))


def _note(text: str, fmt: str) -> None:
    """A note under a table: wrapped on stdout beside a readable table, on stderr beside machine formats."""
    if fmt == "table":
        print(_wrapped("# ", text, terminal_width()))
    else:
        print(f"# {text}", file=sys.stderr)


def _wrapped(label: str, text: str, width: int) -> str:
    return textwrap.fill(str(text), width=width, initial_indent=label, subsequent_indent=" " * len(label))


#: Articles of a metrics table (``metrics``, ``compare``) that could not be analysed, for the closing note.
_TABLE_FAILURES: set[str] = set()


def _failed_ids() -> set[str]:
    return set(analysis_failures()) | _TABLE_FAILURES


def _note_failures(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a metrics table that were analysed; the others are counted for the closing note."""
    from ..measures.pipeline import failed_rows

    failed = failed_rows(table)
    _TABLE_FAILURES.update(table.loc[failed, "article_id"].astype(str))
    return table[~failed].reset_index(drop=True)


def closing_note(failed: set[str]) -> str:
    """``note: N article(s) could not be analysed (see summary)``, or "" when none failed."""
    if not failed:
        return ""
    n = len(failed)
    return f"note: {n} article{'s' if n != 1 else ''} could not be analysed (see summary)"


def print_summary(corpus: Corpus) -> None:
    summary = corpus.summary()
    width = terminal_width()
    if len(corpus.failed):
        print(_wrapped("", f"{len(corpus.articles)} articles analysed; {len(corpus.failed)} could not be analysed "
                           "and are left out of every table:", width))
        for row in corpus.failed.itertuples():
            print(_wrapped("failed: ", f"{row.article_id} ({row.outlet}, {row.file}): {row.problems}", width))
    for row in summary.to_dict("records"):
        print(_wrapped("", f"{row['article_id']}  {row['outlet']}", width))
        print(_wrapped("  headline:   ", row["headline"], width))
        roles = ", ".join(f"{k.removeprefix('paragraphs_')} {int(v)}" for k, v in row.items() if k.startswith("paragraphs_"))
        print(_wrapped("  paragraphs: ", roles, width))
        print(_wrapped("  sentences:  ", f"{row['n_sentences']} (narration {row['n_narration']}, reported {row['n_reported']}, "
                                         f"mixed {row['n_mixed']}, quotation {row['n_quotation']})", width))
        print(_wrapped("  words:      ", f"{row['n_words']} ({row['quoted_share']:.0%} of letters inside quotation marks)", width))
    problems = corpus.articles[corpus.articles["problems"] != ""]
    for row in problems.itertuples():
        print(_wrapped("note: ", f"{row.article_id}: {row.problems}", width))
    changed = corpus.articles[corpus.articles["normalisations"] != ""]
    for row in changed.itertuples():  # the text was normalised before counting: say how
        print(_wrapped("note: ", f"{row.article_id}: text normalised: {row.normalisations}", width))


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="table (fitted to the terminal; default), csv, json or markdown")
    parser.add_argument("--csv", dest="format", action="store_const", const="csv", help="short for --format csv")


def _compare(args) -> int:
    """``compare``: per-article metrics, then study-level outlet differences (summary line after the table)."""
    from ..compare.across_stories import outlet_differences, study_design
    from ..compare.order import study_outlets
    from ..measures.pipeline import corpus_metrics

    metrics = _note_failures(corpus_metrics(args.data_dir, args.story, workers=args.workers,
                                            progress=sys.stderr.isatty()))
    names = None if not args.metric else ("all" if args.metric == ["all"] else args.metric)
    unknown = [m for m in (args.metric or []) if m != "all" and m not in metrics.columns]
    if unknown:
        raise InputDataError(None, f"no such metric: {', '.join(unknown)} (see the columns of `python -m analysis metrics`)")
    table = outlet_differences(metrics, names, outlets=study_outlets(args.data_dir),
                               mixed_model={"auto": "auto", "yes": True, "no": False}[args.mixed],
                               interval=args.interval)
    print_table(table, args.format)
    _note(table.attrs["summary"], args.format)
    design = study_design(metrics)
    unused = design[design["used"] != "yes"]
    names = unused["story"].astype(str).tolist()
    listed = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
    _note(f"{len(design)} stories, {len(design) - len(unused)} with two or more outlets"
          + (f"; not comparable: {listed}" if len(unused) else ""), args.format)
    return 0


def _study_sources(args) -> int:
    """``study-sources``: each outlet's sources across the study's stories, or (``--overlap``) how much
    two outlets' sources overlap per story (Jaccard); one line per pair of outlets after the table."""
    from ..compare.order import study_outlets
    from ..compare.study_sources import study_source_tables

    tables = study_source_tables(load_corpus(args.data_dir, args.story), study_outlets(args.data_dir))
    print_table(tables.story_overlap if args.overlap else tables.sources, args.format)
    for row in tables.overlap.itertuples(index=False):
        interval = f" [{row.ci_low:.2f}, {row.ci_high:.2f}]" if pd.notna(row.ci_low) else ""
        _note(f"{row.outlet_a} and {row.outlet_b}: mean Jaccard of their sources {row.mean_jaccard:.2f}{interval} "
              f"over {row.n_stories} stories (95% t interval over stories){'; ' + row.note if row.note else ''}",
              args.format)
    return 0


def build_parser(commands: dict) -> argparse.ArgumentParser:
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
    sub.add_parser("summary", parents=[common], help="what was loaded: outlets, headlines, paragraphs by role, sentences by voice",
                   epilog="example: python -m analysis summary --data-dir my-study/")
    for name, (help_text, _) in commands.items():
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text,
                           epilog=f"example: python -m analysis {name} --story my-story --format csv > {name}.csv")
        _add_format(p)
    figures = sub.add_parser("figures", parents=[common], help="regenerate every figure into figures/",
                             epilog="example: python -m analysis figures --story my-story --out /tmp/figs")
    figures.add_argument("--out", help="output folder (default: figures/)")
    metrics = sub.add_parser("metrics", parents=[common],
                             help="per-article metrics for a whole corpus, in parallel chunks (one row per article)",
                             epilog="example: python -m analysis metrics --data-dir big-study/ --workers 2 --format csv > metrics.csv")
    _add_format(metrics)
    metrics.add_argument("--workers", type=int, help="worker processes (default: all CPUs)")
    metrics.add_argument("--chunk-size", type=int, default=100, help="articles per chunk (default 100)")
    metrics.add_argument("--keep-going", action="store_true",
                         help="record a bad article in the problems column instead of stopping")
    metrics.add_argument("--out", help="write the table to this .parquet or .csv file chunk by chunk "
                                       "(memory stays flat however large the corpus) instead of printing it")
    metrics.add_argument("--dask", action="store_true", help="compute on a Dask LocalCluster (--workers processes)")
    metrics.add_argument("--scheduler", metavar="ADDRESS",
                         help="compute on an existing Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                              "(its workers must see the data folder at the same path)")
    compare = sub.add_parser("compare", parents=[common],
                             help="outlet differences across stories: t interval and t-test over stories, permutation test, mixed model, Holm/BH",
                             epilog="example: python -m analysis compare --data-dir my-study/ --metric all --format csv")
    compare.add_argument("--metric", nargs="+", help="metric columns of the metrics table, or 'all' (every "
                                                     "per-article number; default: headline readability, tone "
                                                     "and voice metrics)")
    _add_format(compare)
    compare.add_argument("--workers", type=int, help="worker processes for the metrics step (default: all CPUs)")
    compare.add_argument("--mixed", choices=["auto", "yes", "no"], default="auto",
                         help="mixed-model second opinion: auto (default: skipped above 500 stories or 5,000 articles), yes, no")
    from ..compare.across_stories import DEFAULT_INTERVAL, INTERVALS

    compare.add_argument("--interval", choices=list(INTERVALS), default=DEFAULT_INTERVAL,
                         help=f"how the 95%% interval over stories is made (default: {DEFAULT_INTERVAL}; the others "
                              "are story bootstraps, kept for comparison: see the README's honesty check)")
    sources = sub.add_parser("study-sources", parents=[common],
                             help="who gets a voice across stories: each outlet's sources, shared or exclusive, "
                                  "and the overlap of two outlets' sources per story (Jaccard)",
                             epilog="example: python -m analysis study-sources --data-dir my-study/ --overlap --csv")
    sources.add_argument("--overlap", action="store_true",
                         help="print the per-story overlap of each pair of outlets instead of the sources")
    _add_format(sources)
    report = sub.add_parser("report", parents=[common], help="execute the notebooks and render them to HTML",
                            epilog="example: python -m analysis report --story my-story --out reports/")
    report.add_argument("--out", help="output folder (default: reports/)")
    explore = sub.add_parser("explore", parents=[common],
                             help="write the interactive, offline explorer: one HTML page per story and one for the data folder")
    explore.add_argument("--all", action="store_true",
                         help="only the page for the whole data folder (at most 40 stories and 600 articles of it, "
                              "a seeded sample the page states)")
    explore.add_argument("--out", help="output folder (default: reports/explorer/)")
    _add_import_commands(sub, common)
    return parser


def _add_import_commands(sub, common) -> None:
    """``import`` (researcher's files -> raw files + manifest rows), ``duplicates``, ``group-stories``."""
    imp = sub.add_parser("import", help="import tables, news-please JSON, saved pages, WARC or Nexis Uni files "
                                        "into a data folder (raw files + manifest rows)")
    imp.epilog = "example: python -m analysis import scrape.csv --into study/ --story story"
    imp.add_argument("sources", nargs="+", metavar="SOURCE", help="files or folders to import")
    imp.add_argument("--into", required=True, metavar="DATA_DIR", help="data folder to write (created if missing)")
    imp.add_argument("--story", help="column holding each article's story, or one story name for all")
    imp.add_argument("--keep-going", action="store_true", help="skip (and list) rows that cannot be used")
    for field in ("text", "headline", "outlet", "date", "url", "id", "author"):
        imp.add_argument(f"--{field}-column", help=f"source column holding the {field} (default: detected)")
    dup = sub.add_parser("duplicates", parents=[common],
                         help="pairs of near-identical articles (wire copy); --write flags them in duplicates.csv")
    _add_format(dup)
    dup.add_argument("--threshold", type=float, default=0.7, help="Jaccard of word 5-shingles (default 0.7)")
    dup.add_argument("--write", action="store_true", help="write duplicates.csv (keep / exclude) beside the manifest")
    grp = sub.add_parser("group-stories", parents=[common],
                         help="group unassigned articles into stories (method grouped or single, with the "
                              "story's centre); --write stories.csv, --apply it to the manifest")
    _add_format(grp)
    grp.add_argument("--window-days", type=int, default=3, help="publication dates at most this far apart (default 3)")
    grp.add_argument("--threshold", type=float, default=0.3,
                     help="TF-IDF cosine similarity linking an article to its story's centre (default 0.3; "
                          "lower finds more of each event and joins more unrelated pairs)")
    grp.add_argument("--write", action="store_true", help="write stories.csv beside the manifest for review")
    grp.add_argument("--apply", action="store_true", help="copy the reviewed stories.csv into the manifest")


def _metrics(args) -> int:
    from ..measures.pipeline import run_metrics

    result = run_metrics(args.data_dir, args.story, out=args.out, workers=args.workers, chunk_size=args.chunk_size,
                         errors="record" if args.keep_going else "raise", progress=sys.stderr.isatty(),
                         dask=args.dask, scheduler=args.scheduler)
    if args.out:
        print(f"{result.path}: {result.n_articles} articles ({result.n_errors} recorded as errors"
              + (f", {result.n_failed} could not be analysed" if result.n_failed else "") + ")")
    else:
        _note_failures(result)  # the rows stay in the table, empty, with their problem
        print_table(result, args.format)
    return 0


def main(argv: list[str] | None = None) -> int:
    commands = _table_commands()
    args = build_parser(commands).parse_args(argv)
    previous = os.environ.get(STRICT_ENV)
    if args.strict:  # in the environment, so that worker processes started from here are strict too
        os.environ[STRICT_ENV] = "1"
    forget_analysis_failures()
    _TABLE_FAILURES.clear()
    try:
        code = _run(args, commands)
    finally:
        if args.strict:
            if previous is None:
                os.environ.pop(STRICT_ENV, None)
            else:
                os.environ[STRICT_ENV] = previous
    note = closing_note(_failed_ids()) if code == 0 else ""
    if note:
        print(note, file=sys.stderr)
    return code


def _run(args, commands) -> int:
    try:
        if args.command == "figures":
            from .figures import build_figures
            for path in build_figures(data_dir=args.data_dir, story=args.story, out_dir=args.out,
                                      progress=sys.stderr.isatty()):
                print(path)
            return 0
        if args.command == "report":
            from .report import render_notebooks
            for path in render_notebooks(data_dir=args.data_dir, story=args.story, out_dir=args.out,
                                         progress=sys.stderr.isatty()):
                print(path)
            return 0
        if args.command == "explore":
            if args.all and args.story:
                print("error: give --story or --all, not both", file=sys.stderr)
                return 2
            from .explorer import write_explorers
            for path in write_explorers(data_dir=args.data_dir, story=args.story, whole=args.all, out_dir=args.out):
                print(path)
            return 0
        if args.command == "import":
            return _run_import(args)
        if args.command in ("duplicates", "group-stories"):
            return _run_grouping(args)
        if args.command == "metrics":
            return _metrics(args)
        if args.command == "compare":
            return _compare(args)
        if args.command == "study-sources":
            return _study_sources(args)
        corpus = load_corpus(args.data_dir, args.story)
        if args.command in ("findings", "readability-diff", "sentiment-diff"):
            # one sign for the whole data folder: first minus second in its outlet order
            from ..compare.order import study_outlets
            frame = commands[args.command][1](corpus, outlets=study_outlets(args.data_dir))
            print_table(frame, args.format)
            _note(frame.attrs["summary"], args.format)
            return 0
        if args.command == "summary":
            print_summary(corpus)
            return 0
        print_table(commands[args.command][1](corpus), args.format)
        return 0
    except (InputDataError, ArticleAnalysisError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # outputs are swapped in whole, so the previous ones are intact
        print("error: interrupted; outputs written before this run are unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run_import(args) -> int:
    from ..ingest.importers import import_sources
    from ..ingest.importers.common import closing_line
    columns = {f: getattr(args, f"{f}_column") for f in ("text", "headline", "outlet", "date", "url", "id", "author")}
    report = import_sources(args.sources, args.into, story=args.story, keep_going=args.keep_going,
                            columns=columns, progress=True)
    for problem in report.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    print(closing_line(report, args.into))
    return 0


def _run_grouping(args) -> int:
    from ..ingest import duplicates, stories
    if args.command == "duplicates":
        pairs = duplicates.near_duplicates(args.data_dir, args.threshold)
        print_table(pairs, args.format)
        if args.write:
            print(f"wrote {duplicates.write_duplicate_flags(args.data_dir, pairs)}", file=sys.stderr)
        return 0
    if args.apply:
        print(f"{stories.apply_story_groups(args.data_dir)} manifest row(s) changed", file=sys.stderr)
        return 0
    table = stories.group_stories(args.data_dir, args.window_days, args.threshold)
    print_table(table, args.format)
    if args.write:
        print(f"wrote {stories.write_story_groups(args.data_dir, table=table)}", file=sys.stderr)
    return 0
