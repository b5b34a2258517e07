"""Paths and fixed settings in one place.

The package is meant to be installed in editable mode from its repository
(``pip install -e .``), so ``PROJECT_ROOT`` is the repository with ``data/``,
``figures/`` and ``notebooks/`` beside ``analysis/``.

Every path the package reads or writes is derived here.  The data folder can be
moved with the ``ANALYSIS_DATA_DIR`` environment variable or the ``data_dir``
argument that every loader accepts, so a notebook or script can point at
another study without code changes.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ANALYSIS_DATA_DIR", PROJECT_ROOT / "data"))
MANIFEST_NAME = "manifest.csv"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
FRAMING_DICTIONARY = "framing.csv"

#: Seed shared by every bootstrap so that results are identical run to run.
BOOTSTRAP_SEED = 20220523
#: Default number of bootstrap resamples.
BOOTSTRAP_REPS = 2000
#: Confidence level of every interval the package reports.
CONFIDENCE = 0.95


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """Return the data folder to use: the argument, else ``DATA_DIR``."""
    return Path(data_dir).resolve() if data_dir is not None else DATA_DIR.resolve()


#: Set to 1 (the ``--strict`` option sets it; the test suite sets it in ``tests/conftest.py``) to
#: make an article that cannot be analysed an error that stops the run, instead of a failure
#: recorded in its ``problems`` while the study goes on.
STRICT_ENV = "OUTLET_COMPARE_STRICT"


def strict_mode() -> bool:
    """Whether an analysis failure stops the run (:data:`STRICT_ENV` set to anything but "", "0")."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")
