"""Command line: ``python -m analysis <command> [--story S] [--data-dir D] [--csv]``.

Table commands print a DataFrame readably, or as CSV with ``--csv``; ``summary``
says what was loaded; ``metrics`` computes one row per article for a whole
corpus in parallel; ``figures`` rebuilds every figure; ``report`` executes the
notebooks and renders them to HTML.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Callable

import pandas as pd

from ..text.corpus import Corpus, load_corpus
from ..errors import InputDataError

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
    }


def print_table(frame: pd.DataFrame, as_csv: bool) -> None:
    if as_csv:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            print(frame.to_string(index=False))


def print_summary(corpus: Corpus) -> None:
    summary = corpus.summary()
    for row in summary.to_dict("records"):
        print(f"{row['article_id']}  {row['outlet']}")
        print(f"  headline:   {row['headline']}")
        roles = ", ".join(f"{k.removeprefix('paragraphs_')} {int(v)}" for k, v in row.items() if k.startswith("paragraphs_"))
        print(f"  paragraphs: {roles}")
        print(f"  sentences:  {row['n_sentences']} (narration {row['n_narration']}, mixed {row['n_mixed']}, quotation {row['n_quotation']})")
        print(f"  words:      {row['n_words']} ({row['quoted_share']:.0%} of letters inside quotation marks)")
    problems = corpus.articles[corpus.articles["problems"] != ""]
    for row in problems.itertuples():
        print(f"note: {row.article_id}: {row.problems}")


def build_parser(commands: dict) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Compare how outlets told the same story. Every command takes --story and --data-dir; "
                    "table commands also take --csv.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--story", help="the story to analyse (default: every article in the manifest)")
    common.add_argument("--data-dir", help="data folder holding manifest.csv (default: the project's data/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    sub.add_parser("summary", parents=[common], help="what was loaded: outlets, headlines, paragraphs by role, sentences by voice")
    for name, (help_text, _) in commands.items():
        p = sub.add_parser(name, parents=[common], help=help_text)
        p.add_argument("--csv", action="store_true", help="print CSV instead of a readable table")
    figures = sub.add_parser("figures", parents=[common], help="regenerate every figure into figures/")
    figures.add_argument("--out", help="output folder (default: figures/)")
    metrics = sub.add_parser("metrics", parents=[common],
                             help="per-article metrics for a whole corpus, in parallel chunks (one row per article)")
    metrics.add_argument("--csv", action="store_true", help="print CSV instead of a readable table")
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
    report = sub.add_parser("report", parents=[common], help="execute the notebooks and render them to HTML")
    report.add_argument("--out", help="output folder (default: reports/)")
    return parser


def _metrics(args) -> int:
    from ..measures.pipeline import run_metrics

    result = run_metrics(args.data_dir, args.story, out=args.out, workers=args.workers, chunk_size=args.chunk_size,
                         errors="record" if args.keep_going else "raise", progress=sys.stderr.isatty(),
                         dask=args.dask, scheduler=args.scheduler)
    if args.out:
        print(f"{result.path}: {result.n_articles} articles ({result.n_errors} recorded as errors)")
    else:
        print_table(result, args.csv)
    return 0


def main(argv: list[str] | None = None) -> int:
    commands = _table_commands()
    args = build_parser(commands).parse_args(argv)
    try:
        if args.command == "figures":
            from .figures import build_figures
            for path in build_figures(data_dir=args.data_dir, story=args.story, out_dir=args.out):
                print(path)
            return 0
        if args.command == "report":
            from .report import render_notebooks
            for path in render_notebooks(data_dir=args.data_dir, story=args.story, out_dir=args.out):
                print(path)
            return 0
        if args.command == "metrics":
            return _metrics(args)
        corpus = load_corpus(args.data_dir, args.story)
        if args.command == "summary":
            print_summary(corpus)
            return 0
        print_table(commands[args.command][1](corpus), args.csv)
        return 0
    except InputDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
