"""Execute the notebooks top to bottom and render them to HTML: ``python -m analysis report``.

Each notebook runs in a fresh kernel (no hidden state), once per story, with its
``parameters`` cell replaced by the story and data folder asked for.  Output
goes to ``reports/<story>/<notebook>.html``; the notebooks in ``notebooks/``
are never modified.  As for figures, a story's pages are rendered into a hidden
folder and swapped in only when all of them succeeded, and an unknown story or
an unusable output folder fails before anything is created.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient

from ..config import NOTEBOOKS_DIR, REPORTS_DIR, resolve_data_dir
from ..errors import InputDataError
from ..ingest.manifest import read_manifest
from ..ingest.manifest import stories as manifest_stories
from ..progress import Progress
from .atomic import prepare_out_dir, remove_empty, staged_folder, write_file

TIMEOUT_SECONDS = 600


def notebook_paths() -> list[Path]:
    """The numbered notebooks, in reading order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def set_parameters(notebook, story: str, data_dir) -> None:
    """Replace the source of the cell tagged ``parameters``."""
    for cell in notebook.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            data = "None" if data_dir is None else repr(str(resolve_data_dir(data_dir)))
            cell.source = f"# Parameters (set by python -m analysis report)\nDATA_DIR = {data}\nSTORY = {story!r}"
            return
    raise ValueError("notebook has no cell tagged 'parameters'")


def execute_notebook(path: Path, story: str, data_dir=None):
    """Run one notebook in a fresh kernel and return the executed notebook.

    The kernel talks to this process over local sockets (IPC transport) in a
    temporary folder, not TCP: nothing listens on a network port, and the kernel
    has no reason to warn about unencrypted TCP traffic.
    """
    notebook = nbformat.read(path, as_version=4)
    set_parameters(notebook, story, data_dir)
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as sockets:
        manager = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel"))
        try:
            # cleanup_kc: nbclient shuts the kernel down and closes its client channels, as when it
            # owns the manager; open channels at exit can trip a zmq assertion on stderr.
            # shutdown_kernel="immediate": the outputs are in hand when the last cell is done, and
            # a kernel asked to shut down may still publish its "idle" status after closing the
            # socket it publishes on, which ipykernel 7.4 reports as a traceback on stderr
            # ("ZMQError: Socket operation on non-socket"; ipython/ipykernel#1518 fixed one path)
            NotebookClient(notebook, km=manager, timeout=TIMEOUT_SECONDS, shutdown_kernel="immediate",
                           resources={"metadata": {"path": str(path.parent)}}).execute(cleanup_kc=True)
        finally:
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)
    return notebook


def render_notebooks(data_dir=None, story: str | None = None, out_dir=None, progress: bool = False) -> list[Path]:
    """Execute every notebook for every story (or one) and write HTML; return the paths."""
    from nbconvert import HTMLExporter

    out = Path(out_dir) if out_dir is not None else REPORTS_DIR
    names = [story] if story else manifest_stories(data_dir)
    if story:
        read_manifest(data_dir, story)  # an unknown story fails here, before any folder is made
    exporter = HTMLExporter()
    created = prepare_out_dir(out)
    written = []
    bar = Progress(len(names) * len(notebook_paths()), desc="report", unit="notebooks", enabled=progress)
    try:
        for name in names:
            pages = []
            with staged_folder(out, name) as staged:
                for path in notebook_paths():
                    try:
                        body, _ = exporter.from_notebook_node(execute_notebook(path, name, data_dir))
                    except Exception as exc:  # a failing cell: name the notebook and the error in one line
                        last = str(exc).strip().splitlines()[-1:] or [type(exc).__name__]
                        raise InputDataError(path, f"notebook failed for story {name!r}: {last[0][:300]}") from None
                    write_file(staged, f"{path.stem}.html", body)
                    bar.update(1)
                    pages.append(out / name / f"{path.stem}.html")
            written += pages
    finally:
        bar.close()
        if created and not written:
            remove_empty(out)
    return written
