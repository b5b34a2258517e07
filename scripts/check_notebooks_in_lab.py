"""Notebooks 00 and 05 on a study of your own, in JupyterLab at 1366x900 with the file browser open.

    python scripts/check_notebooks_in_lab.py DATA_DIR --story STORY [--out FOLDER]

Executes notebook 00 for ``STORY`` and notebook 05 for the whole study (the study-pass cache is
used as by any command: run ``metrics --out`` or ``compare`` first on a large study), opens each
in a local JupyterLab in the system's headless Chromium (every request beyond this machine
blocked; see ``tests/browser.py``) and prints, per table, its width against its output area and
its tallest row; for notebook 05, the wording table's headers (every outlet should be one) and
the story x outlet grid's size.  Screenshots go to ``--out``: the whole window at each table and
at the top of the grid, where the outlet names should be readable.  Exit status 1 when a table is
wider than its output area or an outlet is missing from the wording table.

The tests check the same on the tests' small studies (``tests/test_notebooks_in_lab.py``,
``tests/test_notebook05_layout.py``); this script is for a study too large for the suite.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import jupyter_lab, open_page  # noqa: E402

from analysis.compare.order import study_outlets  # noqa: E402
from analysis.config import NOTEBOOKS_DIR  # noqa: E402
from analysis.outputs import report  # noqa: E402

SHOWN = ".jp-OutputArea-output"
TABLES = """() => [...document.querySelectorAll('SHOWN')]
    .filter(o => o.querySelector('table'))
    .map(o => { const t = o.querySelector('table');
                return {area: o.clientWidth, table: Math.ceil(t.getBoundingClientRect().width),
                        tallest_row: Math.ceil(Math.max(0, ...[...t.querySelectorAll('tr')]
                                                        .map(r => r.getBoundingClientRect().height))),
                        caption: t.caption ? t.caption.innerText : '',
                        headers: [...t.querySelectorAll('thead th')].map(th => th.innerText.trim()),
                        head: t.innerText.slice(0, 40).replace(/\\s+/g, ' ')}; })""".replace("SHOWN", SHOWN)
IMAGES = """() => [...document.querySelectorAll('SHOWN img')]
    .map((img, k) => ({k, natural: [img.naturalWidth, img.naturalHeight],
                       shown: [Math.round(img.getBoundingClientRect().width), Math.round(img.getBoundingClientRect().height)]}))""".replace("SHOWN", SHOWN)
WORDING_CAPTION = "Terms each outlet uses more"


def measure(base: str, token: str, name: str, out: Path, grid: bool) -> tuple[list[dict], list[dict]]:
    with open_page(1366, 900) as (page, _):
        # a workspace of its own: the lab does not restore the other notebook in a hidden tab
        page.goto(f"{base}/lab/workspaces/{Path(name).stem}/tree/{name}?token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_selector(".jp-OutputArea-output table", timeout=120_000)
        if not page.is_visible(".jp-FileBrowser"):  # open, as on a user's screen
            page.keyboard.press("Control+Shift+F")
            page.wait_for_selector(".jp-FileBrowser", state="visible", timeout=10_000)
        page.wait_for_timeout(1500)
        tables, images = page.evaluate(TABLES), page.evaluate(IMAGES)
        for k, handle in enumerate(page.query_selector_all(f"{SHOWN} table")):
            handle.evaluate("t => t.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(200)
            page.screenshot(path=str(out / f"{Path(name).stem}-table-{k + 1}.png"))
        if grid and images:
            tallest = max(images, key=lambda i: i["natural"][1])
            handle = page.query_selector_all(f"{SHOWN} img")[tallest["k"]]
            handle.evaluate("img => img.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / f"{Path(name).stem}-grid-top.png"))
    return tables, images


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--story", required=True, help="the story notebook 00 shows")
    parser.add_argument("--out", default=None, help="folder for the screenshots (default: a new temporary one)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds a notebook cell may take")
    args = parser.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="lab-check-"))
    out.mkdir(parents=True, exist_ok=True)
    outlets = study_outlets(args.data_dir)
    report.TIMEOUT_SECONDS = args.timeout  # read by execute_notebook at each call; a large study's pass is slow
    failed = False
    with tempfile.TemporaryDirectory(prefix="lab-") as folder:
        root = Path(folder)
        jupyter_data = root / ".jupyter-data"
        jupyter_data.mkdir()
        settings = root / ".lab-settings" / "@jupyterlab" / "notebook-extension"
        settings.mkdir(parents=True)
        # every cell rendered at once (no windowing), so every table is on the page to be measured
        (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}', encoding="utf-8")
        names = []
        for path, story in ((NOTEBOOKS_DIR / "00-overview.ipynb", args.story),
                            (NOTEBOOKS_DIR / "05-across-stories.ipynb", None)):
            print(f"executing {path.name} ...", file=sys.stderr, flush=True)
            executed = report.execute_notebook(path, story, args.data_dir)
            NotebookNotary(data_dir=str(jupyter_data)).sign(executed)
            nbformat.write(executed, root / path.name)
            names.append(path.name)
        with jupyter_lab(root, {"JUPYTER_DATA_DIR": str(jupyter_data),
                                "JUPYTERLAB_SETTINGS_DIR": str(root / ".lab-settings")}) as (base, token):
            for name in names:
                tables, images = measure(base, token, name, out, grid=name.startswith("05"))
                print(f"\n{name}: {len(tables)} tables, {len(images)} figures")
                for t in tables:
                    fits = "fits" if t["table"] <= t["area"] else "WIDER THAN ITS AREA"
                    print(f"  table {t['table']:>5} px in {t['area']:>5} px ({fits}), tallest row "
                          f"{t['tallest_row']:>4} px: {t['caption'][:40] or t['head']}")
                    failed |= t["table"] > t["area"]
                    if t["caption"].startswith(WORDING_CAPTION):
                        missing = [o for o in outlets if o not in t["headers"]]
                        print(f"  wording table columns: {t['headers']}; outlets missing: {missing or 'none'}")
                        failed |= bool(missing)
                for i in images:
                    print(f"  figure {i['k'] + 1}: {i['natural'][0]} x {i['natural'][1]} px, "
                          f"shown {i['shown'][0]} x {i['shown'][1]} px")
    print(f"\nscreenshots in {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
