"""One article never sinks a study: an exception while analysing one article is recorded in
its ``problems``, counted in ``summary`` and in every command's closing note, and the article
is left out; the other articles' tables and figures are exactly what they would be without it.
``--strict`` (and the test suite's default) makes the same failure the one-line error."""
from __future__ import annotations

import csv
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.config import STRICT_ENV
from analysis.errors import ArticleAnalysisError, analysis_failure
from analysis.measures import pipeline
from analysis.outputs.cli import main
from analysis.text import corpus as corpus_module

from conftest import MANIFEST_FIELDS, seed_plus
from stderr_messages import messages

PLANTED = "bridge-yahoo"
SEED_STORY = "bondarev-resignation"

# invented text, shaped like short wire stories
HARBOUR_A = """Dock workers walk out at Wexcombe harbour

Dock workers at Wexcombe harbour walked out on Monday after talks over pay broke down.

"We have waited two years for an offer that keeps up with prices," said Mara Lindqvist, who speaks for the union.

The harbour authority said it regretted the strike and would return to talks on Thursday.
"""
HARBOUR_B = """Wexcombe harbour strike halts ferries

Ferries to the islands were cancelled on Monday as dock workers at Wexcombe harbour went on strike.

The union's spokeswoman, Mara Lindqvist, said members had "run out of patience" after two years.

Travellers were told to check with the ferry company before setting out.
"""
BRIDGE_A = """Old river bridge closed after inspection finds cracks

The old river bridge in Harlow Cross will stay closed for at least a month after engineers found cracks in two of its arches.

"Safety has to come first," the council's head of roads, Tomas Reyes, told reporters on Tuesday.

Buses will run on a diversion through the ring road.
"""
BRIDGE_B = """Cracks close Harlow Cross bridge

Engineers have closed the old river bridge in Harlow Cross after finding cracks in its arches.

Tomas Reyes, who runs the council's roads department, said the repairs would take "weeks, not days".
"""

ARTICLES = {"harbour-itv.txt": HARBOUR_A, "harbour-yahoo.txt": HARBOUR_B, "bridge-itv.txt": BRIDGE_A,
            "bridge-yahoo.txt": BRIDGE_B}
ROWS = [{"id": "harbour-itv", "story": "harbour-strike", "outlet": "ITV News", "file": "raw/harbour-itv.txt"},
        {"id": "harbour-yahoo", "story": "harbour-strike", "outlet": "Yahoo News UK", "file": "raw/harbour-yahoo.txt"},
        {"id": "bridge-itv", "story": "bridge-closure", "outlet": "ITV News", "file": "raw/bridge-itv.txt"},
        {"id": PLANTED, "story": "bridge-closure", "outlet": "Yahoo News UK", "file": "raw/bridge-yahoo.txt"}]


@pytest.fixture(scope="module")
def studies(tmp_path_factory):
    """The same study twice: with the article that will fail, and without it."""
    root = tmp_path_factory.mktemp("planted")
    with_it = seed_plus(root / "with", ARTICLES, ROWS)
    without = seed_plus(root / "without", {k: v for k, v in ARTICLES.items() if k != "bridge-yahoo.txt"},
                        [r for r in ROWS if r["id"] != PLANTED])
    return with_it, without


@pytest.fixture
def planted(monkeypatch):
    """The analysis raises for one article (in both the tables' and the pipeline's path), leniently."""
    monkeypatch.delenv(STRICT_ENV, raising=False)
    original = corpus_module.analyse_text

    def analyse_text(article_id, *args, **kwargs):
        if article_id == PLANTED:
            raise ZeroDivisionError("planted fault")
        return original(article_id, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "analyse_text", analyse_text)
    monkeypatch.setattr(pipeline, "analyse_text", analyse_text)


def run_cli(argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


TABLES = ["articles", "paragraphs", "sentences", "tokens", "quotes", "readability", "sentiment", "terms",
          "framing", "sources", "story-sources", "headlines", "findings", "readability-diff"]


@pytest.mark.parametrize("command", TABLES)
def test_other_articles_tables_are_byte_identical(studies, planted, command):
    with_it, without = studies
    code, planted_out, planted_err = run_cli([command, "--data-dir", str(with_it), "--format", "csv"])
    assert code == 0
    reference_code, reference_out, reference_err = run_cli([command, "--data-dir", str(without), "--format", "csv"])
    assert reference_code == 0 and "could not be analysed" not in reference_err
    assert planted_out == reference_out
    assert PLANTED not in planted_out
    assert "note: 1 article could not be analysed (see summary)" in planted_err


def test_summary_names_the_article_the_error_and_where(studies, planted):
    code, out, err = run_cli(["summary", "--data-dir", str(studies[0])])
    assert code == 0
    assert "could not be analysed" in out and PLANTED in out
    line = " ".join(out.split())
    # the place is the innermost frame of the package (the planted fault is raised from the test's own code)
    assert (f"{PLANTED} (Yahoo News UK, raw/bridge-yahoo.txt): analysis failed: ZeroDivisionError: planted fault "
            "in analysis.text.corpus.process_article") in line
    assert line.startswith("5 articles analysed; 1 could not be analysed")
    assert "note: 1 article could not be analysed" in err


def test_failed_table_of_the_corpus(studies, planted):
    corpus = analysis.load_corpus(studies[0])
    assert PLANTED not in corpus.articles["article_id"].tolist()
    assert corpus.failed["article_id"].tolist() == [PLANTED]
    assert corpus.failed["problems"][0].startswith("analysis failed: ZeroDivisionError: planted fault in ")
    assert corpus.failed["n_sentences"].isna().all()
    for table in (corpus.paragraphs, corpus.sentences, corpus.tokens, corpus.quotes):
        assert PLANTED not in set(table["article_id"])


def test_other_stories_figures_are_byte_identical(studies, planted, tmp_path):
    with_it, without = studies
    assert run_cli(["figures", "--data-dir", str(with_it), "--story", SEED_STORY, "--out", str(tmp_path / "a")])[0] == 0
    assert run_cli(["figures", "--data-dir", str(without), "--story", SEED_STORY, "--out", str(tmp_path / "b")])[0] == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_metrics_records_the_failure_and_keeps_the_other_rows(studies, planted):
    """(Worker processes: tests/test_streaming.py, with a fault that needs no monkeypatch.)"""
    with_it, without = studies
    workers = 1
    table = pipeline.corpus_metrics(with_it, workers=workers, progress=False)
    reference = pipeline.corpus_metrics(without, workers=workers, progress=False)
    failed = pipeline.failed_rows(table)
    assert table.loc[failed, "article_id"].tolist() == [PLANTED]
    assert table.loc[failed, "problems"].iloc[0].startswith("analysis failed: ZeroDivisionError: planted fault in ")
    assert table.loc[failed, "n_sentences"].isna().all()
    pd.testing.assert_frame_equal(table[~failed].reset_index(drop=True), reference, check_exact=True)


def test_compare_leaves_the_failed_article_out(studies, planted):
    with_it, without = studies
    code, out, err = run_cli(["compare", "--data-dir", str(with_it), "--workers", "1", "--format", "csv"])
    assert code == 0 and "note: 1 article could not be analysed" in err
    assert out == run_cli(["compare", "--data-dir", str(without), "--workers", "1", "--format", "csv"])[1]


def test_strict_makes_it_the_one_line_error(studies, planted):
    code, out, err = run_cli(["--strict", "articles", "--data-dir", str(studies[0])])
    assert code == 2 and out == ""
    assert err.startswith("error: raw/bridge-yahoo.txt: article bridge-yahoo: analysis failed: ZeroDivisionError")
    assert len(err.strip().splitlines()) == 1



def test_strict_metrics_writes_nothing(studies, planted, tmp_path):
    out = tmp_path / "m.parquet"
    code, printed, err = run_cli(["--strict", "metrics", "--data-dir", str(studies[0]), "--workers", "1",
                                  "--out", str(out)])
    assert code == 2 and printed == "" and list(tmp_path.iterdir()) == []
    assert messages(err) == ["error: raw/bridge-yahoo.txt: article bridge-yahoo: analysis failed: ZeroDivisionError: "
                             "planted fault in analysis.measures.pipeline.article_metrics (strict mode)"]


def test_strict_by_default_in_the_suite(studies, planted, monkeypatch):
    monkeypatch.setenv(STRICT_ENV, "1")
    with pytest.raises(ArticleAnalysisError, match="bridge-yahoo"):
        analysis.load_corpus(studies[0])


def test_a_bad_input_file_is_still_the_one_line_error(studies, planted, tmp_path):
    """A missing raw file is the user's to fix: the one-line error, not a recorded failure."""
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(studies[1], broken)
    (broken / "raw" / "harbour-itv.txt").unlink()
    code, out, err = run_cli(["articles", "--data-dir", str(broken)])
    assert code == 2 and "harbour-itv.txt" in err and "could not be analysed" not in err


def test_failure_text_names_error_and_place():
    def inner():
        return {}["missing"]

    try:
        inner()
    except KeyError as exc:
        text = analysis_failure(exc)
    # no frame of the package: the innermost frame
    assert text.startswith("analysis failed: KeyError: 'missing' in ") and text.endswith("test_article_failure.inner")


def test_a_story_whose_every_article_fails_does_not_stop_figures(studies, monkeypatch, tmp_path):
    """Nothing to draw for that story; every other story's figures are drawn."""
    monkeypatch.delenv(STRICT_ENV, raising=False)
    original = corpus_module.analyse_text

    def analyse_text(article_id, *args, **kwargs):
        if article_id.startswith("bridge-"):
            raise ZeroDivisionError("planted fault")
        return original(article_id, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "analyse_text", analyse_text)
    code, out, err = run_cli(["figures", "--data-dir", str(studies[0]), "--out", str(tmp_path / "f"), "--per-story"])
    assert code == 0 and "note: 2 articles could not be analysed (see summary)" in err
    assert sorted(p.name for p in (tmp_path / "f").iterdir() if p.is_dir()) == [SEED_STORY, "harbour-strike"]
