"""The commands of ``python -m analysis``, one record each, in one registry list.

A command is a :class:`Command`: its name, its help line, a function adding its
options to its argparse parser, and ``run(study, args) -> exit code``, which calls
the package's public functions with the :class:`~analysis.ingest.study.Study`
(built once per run by :mod:`analysis.outputs.cli`) and prints what they return.
:data:`COMMANDS` lists them in ``--help`` order; :mod:`analysis.outputs.cli` makes
one subcommand of each, so adding a command is one run function and one line here.
A table command (one DataFrame printed in ``--format``) is one line of
:data:`TABLE_COMMANDS` instead: ``(name, help, function of a Corpus)``.
"""
from __future__ import annotations

import argparse
import inspect
import sys
import textwrap
from typing import Callable, NamedTuple

import pandas as pd

from ..compare import findings, within_story
from ..errors import InputDataError
from ..ingest.study import Study
from ..measures import framing, quote_alignment, readability, sentiment, sources, wording
from ..text.corpus import Corpus, load_corpus
from .tables import FORMATS, render, terminal_width

TableFunction = Callable[..., pd.DataFrame]


class Command(NamedTuple):
    """One subcommand: ``run(study, args)`` returns the exit code (``study`` is None unless ``in_study``)."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Study | None, argparse.Namespace], int]
    epilog: str = ""
    #: Shown under ``COMMAND --help``'s usage (table commands repeat their help line there).
    description: str | None = None
    #: Reads a data folder: takes ``--story``, ``--data-dir``, ``--strict`` and is given the Study.
    #: False for ``import``, which writes a data folder that need not exist yet.
    in_study: bool = True


#: ``(name, help, function)`` of every table command, in ``--help`` order.  The function is given the
#: story's Corpus and, if it takes ``outlets``, the study's outlet order (one sign for the whole data folder).
TABLE_COMMANDS: list[tuple[str, str, TableFunction]] = [
    ("findings", "headline differences between outlets, with intervals and caveats", findings.key_findings),
    ("articles", "one row per article with metadata and counts", lambda c: c.articles),
    ("paragraphs", "every paragraph with its role and the rule that gave it", lambda c: c.paragraphs),
    ("set-aside", "paragraphs set aside from the body, and why", lambda c: c.set_aside()),
    ("sentences", "every body sentence with its voice and speaker", lambda c: c.sentences),
    ("tokens", "every token of the body sentences", lambda c: c.tokens),
    ("quotes", "every quoted stretch of body text", lambda c: c.quotes),
    ("readability", "readability battery per article and voice, with bootstrap intervals", readability.readability_table),
    ("readability-diff", "difference between outlets in readability, with intervals", within_story.readability_differences),
    ("readability-quote-effect", "how much of each body score comes from quoted material",
     lambda c: readability.quote_effect(readability.readability_table(c))),
    ("readability-sentences", "counts and scores per sentence", readability.sentence_readability),
    ("readability-paragraphs", "scores per body paragraph", readability.readability_by_paragraph),
    ("sentiment", "sentence-level VADER aggregated per article and voice, with intervals", sentiment.sentiment_summary),
    ("sentiment-diff", "difference between outlets in sentiment, with intervals", within_story.sentiment_differences),
    ("sentiment-sentences", "VADER scores of every body sentence", sentiment.sentence_sentiment),
    ("sentiment-extremes", "most negative and most positive sentences of each outlet", sentiment.extreme_sentences),
    ("terms", "distinctive terms per outlet: log-odds z-scores and G2 keyness", wording.distinctive_terms),
    ("term-counts", "how often each word and two-word phrase occurs per article",
     lambda c: pd.concat([wording.term_counts(c, 1), wording.term_counts(c, 2)], ignore_index=True)),
    ("shared-vocabulary", "terms each outlet shares with the others or uses alone", wording.shared_vocabulary),
    ("framing", "framing dictionary counts per outlet and voice", framing.framing_counts),
    ("shared-quotes", "passages of one source quoted by several outlets", quote_alignment.shared_quotes),
    ("headlines", "headlines side by side", wording.compare_headlines),
    ("name-variants", "names spelt differently across outlets", wording.name_variants),
    ("sources", "who gets a voice: one row per article and source, with counts and quoted words",
     sources.sources_table),
    ("story-sources", "sources per outlet across a story: shared or exclusive, with weight", sources.story_sources),
    ("source-kinds", "share of each article's quoted words by kind of source", sources.source_kind_shares),
]


# ----------------------------------------------------------------------------------------- printing


def print_table(frame: pd.DataFrame, fmt: str = "table") -> None:
    sys.stdout.write(render(frame, fmt))


def note(text: str, fmt: str) -> None:
    """A note under a table: wrapped on stdout beside a readable table, on stderr beside machine formats."""
    if fmt == "table":
        print(wrapped("# ", text, terminal_width()))
    else:
        print(f"# {text}", file=sys.stderr)


def wrapped(label: str, text: str, width: int) -> str:
    return textwrap.fill(str(text), width=width, initial_indent=label, subsequent_indent=" " * len(label))


#: Articles of a metrics table (``metrics``, ``compare``) that could not be analysed, for the closing note.
TABLE_FAILURES: set[str] = set()


def note_failures(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a metrics table that were analysed; the others are counted for the closing note."""
    from ..measures.pipeline import failed_rows

    failed = failed_rows(table)
    TABLE_FAILURES.update(table.loc[failed, "article_id"].astype(str))
    return table[~failed].reset_index(drop=True)


def print_summary(corpus: Corpus) -> None:
    summary = corpus.summary()
    width = terminal_width()
    if len(corpus.failed):
        print(wrapped("", f"{len(corpus.articles)} articles analysed; {len(corpus.failed)} could not be analysed "
                          "and are left out of every table:", width))
        for row in corpus.failed.itertuples():
            print(wrapped("failed: ", f"{row.article_id} ({row.outlet}, {row.file}): {row.problems}", width))
    for row in summary.to_dict("records"):
        print(wrapped("", f"{row['article_id']}  {row['outlet']}", width))
        print(wrapped("  headline:   ", row["headline"], width))
        roles = ", ".join(f"{k.removeprefix('paragraphs_')} {int(v)}" for k, v in row.items() if k.startswith("paragraphs_"))
        print(wrapped("  paragraphs: ", roles, width))
        print(wrapped("  sentences:  ", f"{row['n_sentences']} (narration {row['n_narration']}, reported {row['n_reported']}, "
                                        f"mixed {row['n_mixed']}, quotation {row['n_quotation']})", width))
        print(wrapped("  words:      ", f"{row['n_words']} ({row['quoted_share']:.0%} of letters inside quotation marks)", width))
    problems = corpus.articles[corpus.articles["problems"] != ""]
    for row in problems.itertuples():
        print(wrapped("note: ", f"{row.article_id}: {row.problems}", width))
    changed = corpus.articles[corpus.articles["normalisations"] != ""]
    for row in changed.itertuples():  # the text was normalised before counting: say how
        print(wrapped("note: ", f"{row.article_id}: text normalised: {row.normalisations}", width))


# ----------------------------------------------------------------------------------------- options


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="table (fitted to the terminal; default), csv, json or markdown")
    parser.add_argument("--csv", dest="format", action="store_const", const="csv", help="short for --format csv")


def _no_options(parser: argparse.ArgumentParser) -> None:
    """A command with the common options only."""


def _out_option(default: str) -> Callable[[argparse.ArgumentParser], None]:
    def add(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--out", help=f"output folder (default: {default})")
    return add


# ----------------------------------------------------------------------------------------- table commands


def table_command(name: str, help_text: str, function: TableFunction) -> Command:
    """The :class:`Command` printing ``function(corpus)`` (a DataFrame) and, under it, its
    ``attrs["summary"]`` when it has one (how many intervals chance alone would exclude zero)."""
    takes_order = "outlets" in inspect.signature(function).parameters

    def run(study: Study, args) -> int:
        corpus = load_corpus(study.data_dir, args.story)
        frame = function(corpus, outlets=study.outlets) if takes_order else function(corpus)
        print_table(frame, args.format)
        if "summary" in frame.attrs:
            note(frame.attrs["summary"], args.format)
        return 0

    return Command(name, help_text, add_format, run, description=help_text,
                   epilog=f"example: python -m analysis {name} --story my-story --format csv > {name}.csv")


# ----------------------------------------------------------------------------------------- other commands


def _summary(study: Study, args) -> int:
    print_summary(load_corpus(study.data_dir, args.story))
    return 0


def _printed_paths(paths) -> int:
    for path in paths:
        print(path)
    return 0


def add_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="analyse every article again even when an earlier command left this study's analysis "
                             "in the cache (README: 'The study-pass cache'; ANALYSIS_CACHE_DIR=off turns it off for good)")


def _figures_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", help="output folder (default: figures/)")
    parser.add_argument("--per-story", action="store_true",
                        help="also draw every story's figures (default: the study-level figures only; "
                             "--story S draws that story's)")
    add_cache(parser)


def _figures(study: Study, args) -> int:
    from .figures import build_figures

    return _printed_paths(build_figures(data_dir=study.data_dir, story=args.story, out_dir=args.out, progress=True,
                                        per_story=args.per_story, cache=args.cache))


def _report(study: Study, args) -> int:
    from .report import render_notebooks

    # the option as given: None makes the notebooks' parameter cell say "the default folder"
    return _printed_paths(render_notebooks(data_dir=args.data_dir, story=args.story, out_dir=args.out, progress=True))


def _explore_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--all", action="store_true",
                        help="only the page for the whole data folder (at most 40 stories and 600 articles of it, "
                             "a seeded sample the page states)")
    parser.add_argument("--out", help="output folder (default: reports/explorer/)")


def _explore(study: Study, args) -> int:
    if args.all and args.story:
        print("error: give --story or --all, not both", file=sys.stderr)
        return 2
    from .explorer import write_explorers

    return _printed_paths(write_explorers(data_dir=study.data_dir, story=args.story, whole=args.all, out_dir=args.out))


def _metrics_options(parser: argparse.ArgumentParser) -> None:
    add_format(parser)
    parser.add_argument("--workers", type=int, help="worker processes (default: all CPUs)")
    parser.add_argument("--chunk-size", type=int, default=100, help="articles per chunk (default 100)")
    parser.add_argument("--keep-going", action="store_true",
                        help="record a bad article in the problems column instead of stopping")
    parser.add_argument("--out", help="write the table to this .parquet or .csv file chunk by chunk "
                                      "(memory stays flat however large the corpus) instead of printing it")
    parser.add_argument("--dask", action="store_true", help="compute on a Dask LocalCluster (--workers processes)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="compute on an existing Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                             "(its workers must see the data folder at the same path)")
    add_cache(parser)


def _metrics(study: Study, args) -> int:
    from ..measures.pipeline import run_metrics
    from ..measures.study_cache import cached_study_pass, write_study_metrics

    errors = "record" if args.keep_going else "raise"
    if args.dask or args.scheduler:
        result = run_metrics(study.data_dir, args.story, out=args.out, workers=args.workers, chunk_size=args.chunk_size,
                             errors=errors, progress=True, dask=args.dask, scheduler=args.scheduler)
    elif args.out:  # the study pass kept in the cache on the way, for the study's next command
        result = write_study_metrics(args.out, study.data_dir, args.story, workers=args.workers,
                                     chunk_size=args.chunk_size, errors=errors, cache=args.cache)
    else:
        result = cached_study_pass(study.data_dir, args.story, workers=args.workers, chunk_size=args.chunk_size,
                                   errors=errors, cache=args.cache).metrics
    if args.out:
        print(f"{result.path}: {result.n_articles} articles ({result.n_errors} recorded as errors"
              + (f", {result.n_failed} could not be analysed" if result.n_failed else "") + ")")
    else:
        note_failures(result)  # the rows stay in the table, empty, with their problem
        print_table(result, args.format)
    return 0


def _compare_options(parser: argparse.ArgumentParser) -> None:
    from ..compare.across_stories import DEFAULT_INTERVAL, INTERVALS

    parser.add_argument("--metric", nargs="+", help="metric columns of the metrics table, or 'all' (every "
                                                    "per-article number; default: headline readability, tone "
                                                    "and voice metrics)")
    add_format(parser)
    parser.add_argument("--workers", type=int, help="worker processes for the metrics step (default: all CPUs)")
    parser.add_argument("--mixed", choices=["auto", "yes", "no"], default="auto",
                        help="mixed-model second opinion: auto (default: skipped above 500 stories or 5,000 articles), yes, no")
    parser.add_argument("--interval", choices=list(INTERVALS), default=DEFAULT_INTERVAL,
                        help=f"how the 95%% interval over stories is made (default: {DEFAULT_INTERVAL}; the others "
                             "are story bootstraps, kept for comparison: see the README's honesty check)")
    add_cache(parser)


def _compare(study: Study, args) -> int:
    """``compare``: per-article metrics, then study-level outlet differences (summary line after the table)."""
    from ..compare.across_stories import outlet_differences, study_design
    from ..measures.study_cache import cached_study_pass

    passed = cached_study_pass(study.data_dir, args.story, workers=args.workers, progress=True, cache=args.cache)
    metrics = note_failures(passed.metrics)
    names = None if not args.metric else ("all" if args.metric == ["all"] else args.metric)
    unknown = [m for m in (args.metric or []) if m != "all" and m not in metrics.columns]
    if unknown:
        raise InputDataError(None, f"no such metric: {', '.join(unknown)} (see the columns of `python -m analysis metrics`)")
    table = outlet_differences(metrics, names, outlets=study.outlets,
                               mixed_model={"auto": "auto", "yes": True, "no": False}[args.mixed],
                               interval=args.interval, cache=args.cache)
    print_table(table, args.format)
    note(table.attrs["summary"], args.format)
    design = study_design(metrics)
    unused = design[design["used"] != "yes"]
    names = unused["story"].astype(str).tolist()
    listed = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
    note(f"{len(design)} stories, {len(design) - len(unused)} with two or more outlets"
         + (f"; not comparable: {listed}" if len(unused) else ""), args.format)
    return 0


def _study_sources_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--overlap", action="store_true",
                        help="print the per-story overlap of each pair of outlets instead of the sources")
    add_format(parser)
    add_cache(parser)


def _study_sources(study: Study, args) -> int:
    """``study-sources``: each outlet's sources across the study's stories, or (``--overlap``) how much
    two outlets' sources overlap per story (Jaccard); one line per pair of outlets after the table."""
    from ..compare.study_sources import study_source_tables

    from ..measures.study_cache import cached_study_pass

    passed = cached_study_pass(study.data_dir, args.story, progress=True, cache=args.cache)
    tables = study_source_tables(passed, study.outlets)
    print_table(tables.story_overlap if args.overlap else tables.sources, args.format)
    for row in tables.overlap.itertuples(index=False):
        interval = f" [{row.ci_low:.2f}, {row.ci_high:.2f}]" if pd.notna(row.ci_low) else ""
        note(f"{row.outlet_a} and {row.outlet_b}: mean Jaccard of their sources {row.mean_jaccard:.2f}{interval} "
             f"over {row.n_stories} stories (95% t interval over stories){'; ' + row.note if row.note else ''}",
             args.format)
    return 0


IMPORT_FIELDS = ("text", "headline", "outlet", "date", "url", "id", "author")


def _import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="files or folders to import")
    parser.add_argument("--into", required=True, metavar="DATA_DIR", help="data folder to write (created if missing)")
    parser.add_argument("--story", help="column holding each article's story, or one story name for all")
    parser.add_argument("--keep-going", action="store_true", help="skip (and list) rows that cannot be used")
    for field in IMPORT_FIELDS:
        parser.add_argument(f"--{field}-column", help=f"source column holding the {field} (default: detected)")


def _import(study: None, args) -> int:
    from ..ingest.importers import import_sources
    from ..ingest.importers.common import closing_line

    columns = {f: getattr(args, f"{f}_column") for f in IMPORT_FIELDS}
    report = import_sources(args.sources, args.into, story=args.story, keep_going=args.keep_going,
                            columns=columns, progress=True)
    for problem in report.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    print(closing_line(report, args.into))
    return 0


def _duplicates_options(parser: argparse.ArgumentParser) -> None:
    add_format(parser)
    parser.add_argument("--threshold", type=float, default=0.7, help="Jaccard of word 5-shingles (default 0.7)")
    parser.add_argument("--write", action="store_true", help="write duplicates.csv (keep / exclude) beside the manifest")


def _duplicates(study: Study, args) -> int:
    from ..ingest import duplicates

    pairs = duplicates.near_duplicates(study.data_dir, args.threshold, study.manifest)
    print_table(pairs, args.format)
    if args.write:
        print(f"wrote {duplicates.write_duplicate_flags(study.data_dir, pairs)}", file=sys.stderr)
    return 0


def _group_stories_options(parser: argparse.ArgumentParser) -> None:
    add_format(parser)
    parser.add_argument("--window-days", type=int, default=3,
                        help="publication dates at most this far apart (default 3)")
    parser.add_argument("--threshold", type=float, default=0.3,
                        help="TF-IDF cosine similarity linking an article to its story's centre (default 0.3; "
                             "lower finds more of each event and joins more unrelated pairs)")
    parser.add_argument("--write", action="store_true", help="write stories.csv beside the manifest for review")
    parser.add_argument("--apply", action="store_true", help="copy the reviewed stories.csv into the manifest")


def _group_stories(study: Study, args) -> int:
    from ..ingest import stories

    if args.apply:
        print(f"{stories.apply_story_groups(study.data_dir)} manifest row(s) changed", file=sys.stderr)
        return 0
    table = stories.group_stories(study.data_dir, args.window_days, args.threshold)
    print_table(table, args.format)
    if args.write:
        print(f"wrote {stories.write_story_groups(study.data_dir, table=table)}", file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------------------- the registry


#: Every command, in ``--help`` order: the one list :mod:`analysis.outputs.cli` builds its subcommands from.
COMMANDS: list[Command] = [
    Command("summary", "what was loaded: outlets, headlines, paragraphs by role, sentences by voice",
            _no_options, _summary, "example: python -m analysis summary --data-dir my-study/"),
    *(table_command(name, help_text, function) for name, help_text, function in TABLE_COMMANDS),
    Command("figures", "regenerate every figure into figures/", _figures_options, _figures,
            "example: python -m analysis figures --story my-story --out /tmp/figs"),
    Command("metrics", "per-article metrics for a whole corpus, in parallel chunks (one row per article)",
            _metrics_options, _metrics,
            "example: python -m analysis metrics --data-dir big-study/ --workers 2 --format csv > metrics.csv"),
    Command("compare", "outlet differences across stories: t interval and t-test over stories, permutation "
                       "test, mixed model, Holm/BH", _compare_options, _compare,
            "example: python -m analysis compare --data-dir my-study/ --metric all --format csv"),
    Command("study-sources", "who gets a voice across stories: each outlet's sources, shared or exclusive, "
                             "and the overlap of two outlets' sources per story (Jaccard)",
            _study_sources_options, _study_sources,
            "example: python -m analysis study-sources --data-dir my-study/ --overlap --csv"),
    Command("report", "execute the notebooks and render them to HTML", _out_option("reports/"), _report,
            "example: python -m analysis report --story my-story --out reports/"),
    Command("explore", "write the interactive, offline explorer: one HTML page per story and one for the "
                       "data folder", _explore_options, _explore),
    Command("import", "import tables, news-please JSON, saved pages, WARC or Nexis Uni files "
                      "into a data folder (raw files + manifest rows)", _import_options, _import,
            "example: python -m analysis import scrape.csv --into study/ --story story", in_study=False),
    Command("duplicates", "pairs of near-identical articles (wire copy); --write flags them in duplicates.csv",
            _duplicates_options, _duplicates),
    Command("group-stories", "group unassigned articles into stories (method grouped or single, with the "
                             "story's centre); --write stories.csv, --apply it to the manifest",
            _group_stories_options, _group_stories),
]
