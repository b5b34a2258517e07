"""Figures are build outputs (committed ones must match), and every notebook runs top to bottom."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import nbformat
import pytest

from analysis.outputs import figures, report
from analysis.config import FIGURES_DIR, NOTEBOOKS_DIR, PROJECT_ROOT
from analysis.ingest.manifest import stories
from conftest import SEED_DATA, USER_DATA, seed_plus

NOTEBOOKS = report.notebook_paths()


def test_committed_figures_are_what_the_command_produces(tmp_path):
    # figures/ is built from the user's data/ (python -m analysis figures --per-story), so this one reads data/.
    written = figures.build_figures(data_dir=USER_DATA, out_dir=tmp_path, per_story=True)
    assert len(written) >= 10 and any(p.parent == tmp_path for p in written)    # the study's and the stories'
    assert {p.parent.name for p in written} - {tmp_path.name} == set(stories(USER_DATA))
    produced = {p.relative_to(tmp_path): p.read_bytes() for p in written}
    committed = {p.relative_to(FIGURES_DIR): p.read_bytes() for p in FIGURES_DIR.rglob("*.png")}
    assert sorted(produced) == sorted(committed), "figures/ is stale: run python -m analysis figures --per-story"
    stale = [str(name) for name in produced if produced[name] != committed[name]]
    assert not stale, f"stale figures (run python -m analysis figures --per-story): {stale}"


def test_figures_are_byte_identical_run_to_run(tmp_path):
    first = figures.build_figures(data_dir=SEED_DATA, out_dir=tmp_path / "a", per_story=True)
    second = figures.build_figures(data_dir=SEED_DATA, out_dir=tmp_path / "b", per_story=True)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert b"tIME" not in first[0].read_bytes()  # no PNG timestamp chunk


def test_figures_drawn_in_parallel_equal_those_drawn_one_by_one(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTLET_COMPARE_FIGURE_WORKERS", "1")
    alone = figures.build_figures(data_dir=SEED_DATA, out_dir=tmp_path / "one", per_story=True)
    monkeypatch.setenv("OUTLET_COMPARE_FIGURE_WORKERS", "2")
    assert figures.figure_workers() == 2
    parallel = figures.build_figures(data_dir=SEED_DATA, out_dir=tmp_path / "two", per_story=True)
    assert [p.name for p in alone] == [p.name for p in parallel]
    assert [p.read_bytes() for p in alone] == [p.read_bytes() for p in parallel]


def _job(name, group=None):
    def draw(ax):
        return ax
    if group:
        draw.group = group
    return draw, name


def test_figures_that_share_tables_are_drawn_together_longest_group_first():
    jobs = [_job("roles"), _job("grades", "readability"), _job("arc", "sentiment"), _job("page", "readability"),
            _job("framing"), _job("spread", "sentiment"), _job("lengths", "readability")]
    # by hand: the three readability figures, then the two sentiment ones, then each other
    # figure alone, in the order given
    assert [[path for _, path in group] for group in figures._groups(jobs, workers=2)] == [
        ["grades", "page", "lengths"], ["arc", "spread"], ["roles"], ["framing"]]


def test_a_group_longer_than_a_workers_share_is_cut_into_shares():
    # twelve figures on two workers: a share is six, so ten term figures make pieces of six and four
    jobs = [_job("roles")] + [_job(f"terms-{k}", "terms") for k in range(10)] + [_job("framing")]
    pieces = [[path for _, path in group] for group in figures._groups(jobs, workers=2)]
    assert pieces == [[f"terms-{k}" for k in range(6)], [f"terms-{k}" for k in range(6, 10)], ["roles"], ["framing"]]


def test_this_process_draws_one_workers_share_and_the_forks_the_rest():
    # groups of 3, 2, 1 and 1 figures on two workers, dealt largest first to the lighter bin
    # (ties to the first): by hand, 3 -> this process, 2 -> the fork, 1 -> the fork (2 < 3),
    # the last 1 -> this process (3 = 3)
    groups = [["a1", "a2", "a3"], ["b1", "b2"], ["c"], ["d"]]
    mine, theirs = figures._share_out(groups, 2)
    assert (mine, theirs) == ([["a1", "a2", "a3"], ["d"]], [["b1", "b2"], ["c"]])
    assert figures._share_out(groups, 1) == (groups, [])


def test_a_story_table_is_computed_once_in_the_process_that_draws_its_figures(tmp_path, monkeypatch):
    from analysis.measures import readability

    log = tmp_path / "calls.txt"
    real = readability.readability_table

    def logged(*args, **kwargs):
        with log.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)
    monkeypatch.setattr(readability, "readability_table", logged)
    monkeypatch.setenv("OUTLET_COMPARE_FIGURE_WORKERS", "2")
    written = figures.build_figures(data_dir=SEED_DATA, story="bondarev-resignation", out_dir=tmp_path / "out")
    calls = log.read_text().split()
    # three readability figures, one computation, in the process that draws them: the
    # readability group is the largest, so this process draws it (its fork draws the rest)
    assert sum("readability" in p.name for p in written) == 3
    assert calls == [str(os.getpid())]


def test_a_second_story_gets_its_figures_and_notebooks(tmp_path):
    data = seed_plus(tmp_path / "data", {
        "b1.txt": "Storm hits coast\n\nThe storm hit the coast on Tuesday. "
                  "\u201cIt was terrible,\u201d a resident said. Roads closed.",
        "b2.txt": "Coastal storm causes chaos\n\nA violent storm caused chaos. Officials said "
                  "\"the damage is serious\". Power returned later."},
        [{"id": "b1", "story": "storm", "outlet": "Daily One", "file": "raw/b1.txt"},
         {"id": "b2", "story": "storm", "outlet": "Weekly Two", "file": "raw/b2.txt"}])
    written = figures.build_figures(data_dir=data, story="storm", out_dir=tmp_path / "figs")
    assert {p.parent.name for p in written} == {"storm"}
    assert (tmp_path / "figs" / "storm" / "distinctive-terms-b2.png").exists()
    executed = report.execute_notebook(NOTEBOOKS_DIR / "00-overview.ipynb", "storm", data)
    text = json.dumps([c.get("outputs", []) for c in executed.cells])
    assert "Daily One" in text and "Weekly Two" in text


def test_notebooks_are_numbered_and_committed_without_outputs():
    assert [p.name[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(len(NOTEBOOKS))]
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        assert path.name in readme, f"{path.name} is not described in the README"
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{path.name} has committed outputs"
        tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{path.name} needs exactly one parameters cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path):
    executed = report.execute_notebook(path, "bondarev-resignation", SEED_DATA)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    # every cell that draws a figure shows it (importing the figures module would switch the
    # kernel to a non-interactive backend and the figures would silently vanish)
    for cell in executed.cells:
        if cell.cell_type == "code" and "plots.plot_" in cell.source and "if diffs is not None" not in cell.source:
            shown = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
            assert shown, f"{path.name}: no figure shown by {cell.source[:80]!r}"


def test_report_renders_html_without_touching_the_notebooks(tmp_path, monkeypatch):
    overview = NOTEBOOKS_DIR / "00-overview.ipynb"
    before = overview.read_bytes()
    monkeypatch.setattr(report, "notebook_paths", lambda: [overview])
    written = report.render_notebooks(data_dir=SEED_DATA, out_dir=tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == ["bondarev-resignation/00-overview.html"]
    html = written[0].read_text(encoding="utf-8")
    assert "Headline findings" in html and "Yahoo News UK" in html
    assert overview.read_bytes() == before


def test_notebook_execution_prints_no_warning(tmp_path):
    """Kernels run over local sockets: no 'running over TCP without encryption' warning (or any other)."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("DATA_DIR = None\nSTORY = None", metadata={"tags": ["parameters"]}),
                      nbformat.v4.new_code_cell("print(STORY)")]
    path = tmp_path / "00-tiny.ipynb"
    nbformat.write(notebook, path)
    code = ("import sys; from pathlib import Path; from analysis.outputs import report; "
            f"nb = report.execute_notebook(Path({str(path)!r}), 'a-story'); print(nb.cells[1].outputs[0]['text'], end='')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "a-story"
    assert result.stderr == "", result.stderr


@pytest.fixture(scope="module")
def two_articles_one_outlet(tmp_path_factory):
    """A story where one outlet ran two articles (common in real news, e.g. a live page and a report)."""
    return seed_plus(tmp_path_factory.mktemp("twice") / "data", {
        "c1.txt": "Flood closes bridge\n\nThe river flooded the old bridge on Monday. "
                  "\u201cWe have never seen it this high,\u201d the mayor said. Traffic was diverted.",
        "c2.txt": "Bridge stays shut\n\nThe bridge stays shut after the flood. Engineers said "
                  "\"the supports need checking\". A ferry runs instead.",
        "c3.txt": "River bursts its banks\n\nThe river burst its banks in the night. \u201cIt came fast,\u201d "
                  "said Jo Bloggs, a shopkeeper. Shops were flooded."},
        [{"id": "c1", "story": "flood", "outlet": "Daily One", "file": "raw/c1.txt"},
         {"id": "c2", "story": "flood", "outlet": "Daily One", "file": "raw/c2.txt"},
         {"id": "c3", "story": "flood", "outlet": "Weekly Two", "file": "raw/c3.txt"}])


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("05")], ids=lambda p: p.stem)
def test_story_notebooks_run_when_an_outlet_has_two_articles(path, two_articles_one_outlet):
    executed = report.execute_notebook(path, "flood", two_articles_one_outlet)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""
