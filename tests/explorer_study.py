"""Synthetic studies for the explorer tests, built from the tests' own fixture (never from data/).

:func:`build_study` writes ``n`` articles with the benchmark's corpus builder
(``scripts/benchmark.py`` ``build_corpus``), drawing paragraphs from the seed study in
``tests/fixtures/seed-study``. :func:`big_study_page` is the 1,000-article study's explorer page,
built once per test session (shared by the size test and the browser's opening-time test).
"""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from analysis.config import PROJECT_ROOT
from conftest import SEED_DATA

N_ARTICLES = 1000


@functools.lru_cache(maxsize=1)
def _benchmark():
    spec = importlib.util.spec_from_file_location("benchmark", PROJECT_ROOT / "scripts" / "benchmark.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_study(n: int, folder: Path, *, n_stories: int = 1, n_outlets: int = 5, seed: int = 7) -> Path:
    """Write ``n`` synthetic articles and their manifest into ``folder``; return it.

    Article ``k`` belongs to story ``synthetic`` (one story) or ``story-<k % n_stories>``, and to
    outlet ``Outlet <k % n_outlets>``.  Text comes from the seed fixture only.
    """
    return _benchmark().build_corpus(n, folder, seed, source=SEED_DATA, n_stories=n_stories, n_outlets=n_outlets)


def big_study_page(tmp_path_factory) -> Path:
    """Path of the explorer page of a 1,000-article synthetic study (5 outlets, one story)."""
    from analysis.outputs.explorer import write_explorers

    root = tmp_path_factory.getbasetemp() / "explorer-1000"
    page = root / "out" / "synthetic.html"
    if not page.exists():
        build_study(N_ARTICLES, root / "data")
        write_explorers(data_dir=root / "data", story="synthetic", out_dir=root / "out")
    return page
