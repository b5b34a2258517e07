"""In JupyterLab at 1366x900 (a laptop screen, file browser open), no table of any notebook is
wider than its output area.

Each notebook is executed for the seed study (as ``python -m analysis report`` does), signed as
trusted and opened in a local JupyterLab in the system's headless Chromium, with every request
beyond this machine blocked; the widths are read from the rendered page.
"""
from __future__ import annotations

import nbformat
import pytest
from nbformat.sign import NotebookNotary

from analysis.config import NOTEBOOKS_DIR
from analysis.outputs import report
from browser import jupyter_lab, open_page, require_browser
from conftest import SEED_DATA

SEED_STORY = "bondarev-resignation"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))

MEASURE = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => o.querySelector('table'))
    .map(o => ({area: o.clientWidth, table: Math.ceil(o.querySelector('table').getBoundingClientRect().width),
                head: o.querySelector('table').innerText.slice(0, 50)}))"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    require_browser()
    root = tmp_path_factory.mktemp("lab")
    data = root / ".jupyter-data"
    data.mkdir()
    for path in NOTEBOOKS:
        executed = report.execute_notebook(path, SEED_STORY, SEED_DATA)
        NotebookNotary(data_dir=str(data)).sign(executed)
        nbformat.write(executed, root / path.name)
    # render every cell at once (no windowing), so every table is on the page to be measured
    settings = root / ".lab-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}', encoding="utf-8")
    with jupyter_lab(root, {"JUPYTER_DATA_DIR": str(data), "JUPYTERLAB_SETTINGS_DIR": str(root / ".lab-settings")}) as server:
        yield server


@pytest.mark.parametrize("notebook", [p.name for p in NOTEBOOKS])
def test_no_table_is_wider_than_its_output_area(lab, notebook, tmp_path):
    base, token = lab
    with open_page(1366, 900) as (page, _):
        page.goto(f"{base}/lab/tree/{notebook}?token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_selector(".jp-OutputArea-output table", timeout=60_000)
        page.wait_for_timeout(500)
        tables = page.evaluate(MEASURE)
        page.screenshot(path=str(tmp_path / f"{notebook}.png"))
    assert tables, f"{notebook}: no table rendered"
    too_wide = {t["head"]: t for t in tables if t["table"] > t["area"]}
    assert not too_wide, f"{notebook}: tables wider than the output area: {list(too_wide.values())}"
