"""The pipeline benchmark on a data folder of one's own (``--corpus``): both methods run on its
articles and their tables agree; a folder without a manifest is a one-line error."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "benchmark.py"


def test_a_folder_without_a_manifest_is_a_one_line_error(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "--corpus", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"{tmp_path}: no manifest.csv (a data folder as `python -m analysis import` writes it)"]


def test_a_manifest_without_its_columns_is_a_one_line_error(tmp_path):
    (tmp_path / "manifest.csv").write_text("id,story\n1,a\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCRIPT), "--corpus", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(tmp_path / "manifest.csv")) and "outlet" in lines[0]


def test_the_corpus_articles_are_timed_by_both_methods():
    folder = ROOT / "tests" / "fixtures" / "seed-study"
    done = subprocess.run([sys.executable, str(SCRIPT), "--corpus", str(folder), "--methods", "loop-N,pipeline",
                           "--workers", "1"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "every method's table equal (exact)" in done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| 2 |")]
    # the seed study's two articles, once per method
    assert [row.split("|")[2].strip() for row in rows] == ["loop-N", "pipeline"]
