"""Settings of a study, kept beside its data, never in code.

A setting is a file looked up by name, most specific first:

1. ``<data_dir>/stories/<story>/<name>``  - for one story only;
2. ``<data_dir>/<name>``                   - the data folder's default;
3. none: the caller uses its documented generic default.

Known names: ``framing.csv`` (framing dictionary), ``cleaning.csv`` (extra
page-furniture rules), ``roles.csv`` (per-line role overrides), ``outlets.csv``
(outlet order).  Analysing a second story therefore never changes the first
story's settings.
"""
from __future__ import annotations

from pathlib import Path

from ..config import resolve_data_dir
from .manifest import name_problem

STORIES_FOLDER = "stories"


def setting_paths(name: str, data_dir=None, story: str | None = None) -> list[Path]:
    """Where setting ``name`` is looked for, most specific first."""
    root = resolve_data_dir(data_dir)
    paths = []
    if story and name_problem("story", story) is None:  # the manifest's own rule for a safe story name
        paths.append(root / STORIES_FOLDER / story / name)
    paths.append(root / name)
    return paths


def find_setting(name: str, data_dir=None, story: str | None = None) -> Path | None:
    """The file that holds setting ``name`` for ``story`` (see the module docstring), or None."""
    for path in setting_paths(name, data_dir, story):
        if path.is_file():
            return path
    return None
