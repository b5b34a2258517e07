"""The study benchmark's bad input: a one-line error and exit 2, never a traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "benchmark_study.py"


def test_a_missing_workdir_is_a_one_line_error(tmp_path):
    missing = tmp_path / "no-such-folder"
    done = subprocess.run([sys.executable, str(SCRIPT), "10", "--workdir", str(missing)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith(f"--workdir {missing}: no such folder")
    assert not missing.exists()  # nothing half-made
