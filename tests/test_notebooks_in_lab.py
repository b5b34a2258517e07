"""In JupyterLab at 1366x900 (a laptop screen, file browser open), no table of any notebook is
wider than its output area, and notebook 00's rows stay a few lines tall (its findings' long
caveats are numbered notes below the table, not a paragraph in every row).

Each notebook is executed for the seed study (as ``python -m analysis report`` does), signed as
trusted and opened in a local JupyterLab in the system's headless Chromium, with every request
beyond this machine blocked; the widths and heights are read from the rendered page.
"""
from __future__ import annotations

import nbformat
import pytest
from nbformat.sign import NotebookNotary

from analysis.config import NOTEBOOKS_DIR
from analysis.outputs import report
from browser import LAB_WAIT_MS, jupyter_lab, open_page, require_browser
from conftest import SEED_DATA

SEED_STORY = "bondarev-resignation"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
#: Tallest table row allowed, in CSS pixels, per notebook: about five lines of text.  Notebook 00's
#: findings table had rows of 193 px on the seed story (the caveat paragraph in a cell), ~250 px
#: on larger stories.
ROW_HEIGHT_LIMITS = {"00-overview.ipynb": 120}

MEASURE = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => o.querySelector('table'))
    .map(o => { const t = o.querySelector('table');
                return {area: o.clientWidth, table: Math.ceil(t.getBoundingClientRect().width),
                        tallest_row: Math.max(0, ...[...t.querySelectorAll('tr')].map(r => r.getBoundingClientRect().height)),
                        head: t.innerText.slice(0, 50)}; })"""
FILE_BROWSER_WIDTH = "() => { const f = document.querySelector('#filebrowser'); return f ? f.getBoundingClientRect().width : 0; }"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    require_browser()
    root = tmp_path_factory.mktemp("lab")
    data = root / ".jupyter-data"
    data.mkdir()
    # render every cell at once (no windowing), so every table is on the page to be measured
    settings = root / ".lab-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}', encoding="utf-8")
    with jupyter_lab(root, {"JUPYTER_DATA_DIR": str(data), "JUPYTERLAB_SETTINGS_DIR": str(root / ".lab-settings")}) as server:
        yield server, root, data


def measure_in_lab(lab, path, screenshot) -> list[dict]:
    """Execute notebook ``path`` for the seed story, open it in the lab and measure its tables."""
    (base, token), root, data = lab
    executed = report.execute_notebook(path, SEED_STORY, SEED_DATA)
    NotebookNotary(data_dir=str(data)).sign(executed)
    nbformat.write(executed, root / path.name)
    with open_page(1366, 900) as (page, _):
        # a workspace of its own: the default one reopens the notebooks of earlier tests as tabs,
        # which hid this one's cells or took the focus from it
        page.goto(f"{base}/lab/workspaces/{path.stem}/tree/{path.name}?token={token}")
        # upper bounds for a hang, not time limits: on a busy machine the lab may take minutes
        page.wait_for_selector(".jp-Notebook .jp-Cell >> visible=true", timeout=LAB_WAIT_MS)
        page.wait_for_selector(".jp-OutputArea-output table >> visible=true", timeout=LAB_WAIT_MS)
        page.wait_for_timeout(500)
        assert page.evaluate(FILE_BROWSER_WIDTH) > 100, "the file browser is not open: the test measures with it open"
        tables = page.evaluate(MEASURE)
        page.screenshot(path=str(screenshot))
    return tables


@pytest.mark.parametrize("notebook", [p.name for p in NOTEBOOKS])
def test_no_table_is_wider_than_its_output_area(lab, notebook, tmp_path):
    tables = measure_in_lab(lab, NOTEBOOKS_DIR / notebook, tmp_path / f"{notebook}.png")
    assert tables, f"{notebook}: no table rendered"
    too_wide = {t["head"]: t for t in tables if t["table"] > t["area"]}
    assert not too_wide, f"{notebook}: tables wider than the output area: {list(too_wide.values())}"
    limit = ROW_HEIGHT_LIMITS.get(notebook)
    too_tall = [t for t in tables if limit is not None and t["tallest_row"] > limit]
    assert not too_tall, f"{notebook}: table rows taller than {limit} px: {too_tall}"
