"""The command line prints every table, as text or CSV, and reports bad input plainly."""
from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from analysis.outputs.cli import main
from conftest import SEED_DATA, write_study


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("command", ["articles", "paragraphs", "set-aside", "sentences", "tokens", "quotes", "metrics",
                                     "readability", "sentiment", "terms", "term-counts", "framing", "shared-quotes",
                                     "headlines", "name-variants", "findings"])
def test_table_commands_print_csv(capsys, command):
    code, out, _ = run(capsys, command, "--csv", "--data-dir", str(SEED_DATA))
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert len(frame) > 0


def test_summary(capsys):
    code, out, _ = run(capsys, "summary", "--data-dir", str(SEED_DATA), "--story", "bondarev-resignation")
    assert code == 0
    assert "ITV News" in out and "Yahoo News UK" in out
    # ITV hand labels (tests/eval/sources/articles/seed-itv.json): 2 narration, 5 reported, 5 mixed, 5 quotation
    assert "sentences:  17 (narration 2, reported 5, mixed 5, quotation 5)" in out


def test_readable_table(capsys):
    code, out, _ = run(capsys, "articles", "--data-dir", str(SEED_DATA))
    assert code == 0 and "itv-000" in out and "," not in out.splitlines()[0]


def test_bad_input_is_one_line_not_a_traceback(capsys, tmp_path):
    write_study(tmp_path, {"a.txt": b"\xff\xfe bad"})
    code, out, err = run(capsys, "summary", "--data-dir", str(tmp_path))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and "a.txt: not valid UTF-8" in err and "Traceback" not in err


def test_python_dash_m_entry_point():
    result = subprocess.run([sys.executable, "-m", "analysis", "headlines", "--csv", "--data-dir", str(SEED_DATA)],
                            capture_output=True, text=True, check=True)
    assert "never been so ashamed of my country" in result.stdout


TABLE_COMMANDS = ["articles", "paragraphs", "set-aside", "sentences", "quotes", "readability", "readability-diff",
                  "readability-quote-effect", "sentiment", "sentiment-extremes", "terms", "shared-vocabulary",
                  "framing", "shared-quotes", "headlines", "name-variants", "findings", "metrics"]


@pytest.mark.parametrize("command", TABLE_COMMANDS)
def test_tables_fit_an_80_column_terminal(capsys, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, command, "--data-dir", str(SEED_DATA))
    assert code == 0 and out
    widest = max(len(line) for line in out.splitlines())
    assert widest <= 80, f"{command}: a line of {widest} characters"


@pytest.mark.parametrize("command", ["articles", "findings", "readability"])
def test_json_round_trips_into_pandas(capsys, command):
    _, as_csv, _ = run(capsys, command, "--format", "csv", "--data-dir", str(SEED_DATA))
    _, as_json, _ = run(capsys, command, "--format", "json", "--data-dir", str(SEED_DATA))
    expected = pd.read_csv(io.StringIO(as_csv), keep_default_na=False, na_values=[""])
    got = pd.read_json(io.StringIO(as_json), orient="records", dtype=False)
    assert list(got.columns) == list(expected.columns) and len(got) == len(expected)
    assert expected.map(_plain).equals(got.map(_plain))


def _plain(value) -> str:
    """A cell compared across formats: numbers to 9 significant digits, missing as empty."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{float(value):.9g}"
    return str(value)


def test_markdown_is_a_pipe_table(capsys):
    code, out, _ = run(capsys, "headlines", "--format", "markdown", "--data-dir", str(SEED_DATA))
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("| story") and set(lines[1]) <= set("|:- ")
    assert len(lines) == 2 + 2  # header, rule, one row per article


def test_csv_cells_a_spreadsheet_would_run_are_quoted_and_numbers_stay_numbers():
    """OWASP's CSV injection advice: text starting =, +, -, @, tab or CR gets a leading '."""
    import csv as csv_module
    import io

    from analysis.outputs.tables import render

    frame = pd.DataFrame({
        "text": ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "plain", "a=b", ""],
        "value": [-1.5, 2.0, -3.0, 0.25, -0.0, 1e-9, -7.0, float("nan")],
        "count": [-1, 2, -3, 4, 5, 6, -7, 8],
    })
    text = render(frame, "csv")
    rows = list(csv_module.reader(io.StringIO(text, newline="")))
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tTab",
                                        "plain", "a=b", ""]
    # numbers are written as numbers, negative ones without a quote, and read back equal
    back = pd.read_csv(io.StringIO(text))
    assert back["value"].tolist()[:7] == [-1.5, 2.0, -3.0, 0.25, -0.0, 1e-9, -7.0]
    assert back["count"].tolist() == [-1, 2, -3, 4, 5, 6, -7, 8]
    assert frame["text"][0].startswith("=")  # the caller's frame is not changed
    assert render(pd.DataFrame({"text": ["\rCR"]}), "csv") == "text\n'\rCR\n"
