"""Notebook 05 on a study of seven outlets, in JupyterLab at 1366x900 with the file browser open
(headless Chromium): no table wider than its output area, and every outlet visible in the wording
table (one column per outlet, not ``head(20)`` of one).

The study is the synthetic one written from the tests' seed fixture, its articles spread over
seven invented outlets with long names (the widest headers a table of outlets side by side gets).
"""
from __future__ import annotations

import csv

import nbformat
import pytest
from nbformat.sign import NotebookNotary

from analysis.config import NOTEBOOKS_DIR
from analysis.outputs import report
from browser import LAB_WAIT_MS, jupyter_lab, open_page, require_browser
from conftest import SEED_DATA

NOTEBOOK = NOTEBOOKS_DIR / "05-across-stories.ipynb"
OUTLETS = ["The Northern Evening Chronicle", "Harbourside Daily Record", "Valley Wire Service",
           "Midland Weekly Observer", "Coastline Morning Post", "Riverside Gazette Online", "Upland Courier"]
WORDING_CAPTION = "Terms each outlet uses more"

MEASURE = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => o.querySelector('table'))
    .map(o => {
        const table = o.querySelector('table');
        return {area: o.clientWidth, table: Math.ceil(table.getBoundingClientRect().width),
                caption: table.caption ? table.caption.innerText : '',
                head: table.innerText.slice(0, 50),
                headers: [...table.querySelectorAll('thead th')].map(th => th.innerText.trim()),
                rows: table.querySelectorAll('tbody tr').length};
    })"""


def _seven_outlet_study(folder):
    from analysis.compare.synthetic import write_synthetic_study

    data = write_synthetic_study(folder, source_dir=SEED_DATA)
    manifest = data / "manifest.csv"
    with manifest.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for i, row in enumerate(rows):  # consecutive articles of a story get different outlets (a story has < 7)
        row["outlet"] = OUTLETS[i % len(OUTLETS)]
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return data


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    require_browser()
    root = tmp_path_factory.mktemp("lab05")
    study = _seven_outlet_study(tmp_path_factory.mktemp("study05") / "data")
    jupyter_data = root / ".jupyter-data"
    jupyter_data.mkdir()
    executed = report.execute_notebook(NOTEBOOK, None, study)
    NotebookNotary(data_dir=str(jupyter_data)).sign(executed)
    nbformat.write(executed, root / NOTEBOOK.name)
    settings = root / ".lab-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}', encoding="utf-8")
    with jupyter_lab(root, {"JUPYTER_DATA_DIR": str(jupyter_data),
                            "JUPYTERLAB_SETTINGS_DIR": str(root / ".lab-settings")}) as server:
        yield server


def test_tables_fit_and_every_outlet_is_in_the_wording_table(lab, tmp_path):
    base, token = lab
    with open_page(1366, 900) as (page, _):
        page.goto(f"{base}/lab/tree/{NOTEBOOK.name}?token={token}")
        # upper bounds for a hang, not time limits: on a busy machine the lab may take minutes
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=LAB_WAIT_MS)
        page.wait_for_selector(".jp-OutputArea-output table", timeout=LAB_WAIT_MS)
        if not page.is_visible(".jp-FileBrowser"):  # the file browser open, as on a user's screen
            page.keyboard.press("Control+Shift+F")
            page.wait_for_selector(".jp-FileBrowser", state="visible", timeout=10_000)
        page.wait_for_timeout(1000)
        browser_width = page.evaluate("() => document.querySelector('.jp-FileBrowser').getBoundingClientRect().width")
        tables = page.evaluate(MEASURE)
        page.screenshot(path=str(tmp_path / "05.png"))
    assert browser_width > 150, "the file browser is not open"
    assert len(tables) >= 4, tables
    too_wide = [t for t in tables if t["table"] > t["area"]]
    assert not too_wide, f"tables wider than the output area: {too_wide}"
    wording = [t for t in tables if t["caption"].startswith(WORDING_CAPTION)]
    assert len(wording) == 1, [t["caption"] for t in tables]
    assert wording[0]["headers"] == ["rank", *OUTLETS]
    assert wording[0]["rows"] >= 1
