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
