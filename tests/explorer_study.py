"""The 1,000-article synthetic study and its explorer page, built once per test session
(shared by the size test and the browser's opening-time test)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from analysis.config import PROJECT_ROOT

N_ARTICLES = 1000


def _build_corpus():
    spec = importlib.util.spec_from_file_location("benchmark", PROJECT_ROOT / "scripts" / "benchmark.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_corpus


def big_study_page(tmp_path_factory) -> Path:
    """Path of the explorer page of a 1,000-article synthetic study (5 outlets, one story)."""
    from analysis.outputs.explorer import write_explorers

    root = tmp_path_factory.getbasetemp() / "explorer-1000"
    page = root / "out" / "synthetic.html"
    if not page.exists():
        _build_corpus()(N_ARTICLES, root / "data")
        write_explorers(data_dir=root / "data", story="synthetic", out_dir=root / "out")
    return page
