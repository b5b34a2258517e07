"""One study, read once: the data folder, its manifest, stories, outlet order and settings.

>>> study = open_study("my-study/")          # doctest: +SKIP
>>> study.outlets, study.stories            # doctest: +SKIP

A command or notebook builds one :class:`Study` with :func:`open_study` and passes
its parts down (``outlets=study.outlets``, ``data_dir=study.data_dir``), as seaborn
takes ``hue_order``: nothing below re-derives them or keeps them as module state.

The outlet order is the data-folder setting ``outlets.csv`` (found with
:func:`analysis.ingest.settings.find_setting`): a CSV file with a column
``outlet``, one outlet per row, first row first.  Outlets of the manifest that
the file does not list follow in the order they first appear in the manifest;
without the file that is the whole order.  (First appearance rather than
alphabetical: a user who appends a story with new outlets leaves every earlier
outlet's position, sign and colour, and so every earlier figure, unchanged.)  Every
difference in the package is written "first minus second" in this order, and
figures give each outlet the colour of its position in it, so an outlet keeps its
sign and colour in every table and figure of every story.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..config import resolve_data_dir
from ..errors import InputDataError
from .manifest import read_manifest
from .settings import find_setting

OUTLETS_SETTING = "outlets.csv"


@dataclass(frozen=True, slots=True)
class Study:
    """A data folder as every command and notebook sees it, read once.

    ``data_dir``: the resolved data folder.  ``manifest``: :func:`read_manifest`'s
    table (every story; columns as documented there), read once.  ``stories``: its
    stories in manifest order.  ``outlets``: the outlet order (module docstring).
    ``outlets_setting``: the ``outlets.csv`` that gave the order, or None.
    """

    data_dir: Path
    manifest: pd.DataFrame
    stories: list[str]
    outlets: list[str]
    outlets_setting: Path | None


def open_study(data_dir=None) -> Study:
    """The :class:`Study` of ``data_dir`` (default: the project's data folder or ``$ANALYSIS_DATA_DIR``).

    Raises :class:`InputDataError` naming the file for a missing or bad manifest or a bad ``outlets.csv``.
    """
    root = resolve_data_dir(data_dir)
    manifest = read_manifest(root)
    setting = find_setting(OUTLETS_SETTING, root)
    outlets = outlet_order(manifest["outlet"], read_outlet_setting(setting) if setting is not None else [])
    return Study(root, manifest, list(dict.fromkeys(manifest["story"])), outlets, setting)


def read_outlet_setting(path: Path) -> list[str]:
    """The outlets listed in an ``outlets.csv`` file, in file order (duplicates refused)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "outlet" not in [f.strip() for f in reader.fieldnames]:
                raise InputDataError(path, "needs a column named 'outlet' (one outlet per row, in the order wanted)")
            rows = [{(k or "").strip(): (v or "") for k, v in row.items()} for row in reader]
    except UnicodeDecodeError as exc:
        raise InputDataError(path, f"is not UTF-8 text ({exc.reason})") from None
    listed = [row["outlet"].strip() for row in rows if row.get("outlet", "").strip()]
    seen: set[str] = set()
    for name in listed:
        if name in seen:
            raise InputDataError(path, f"lists outlet {name!r} twice")
        seen.add(name)
    return listed


def outlet_order(outlets: Iterable[str], declared: Iterable[str] = ()) -> list[str]:
    """Every ``declared`` outlet in its order, then the other ``outlets`` in order of first appearance.

    Outlets declared but absent from ``outlets`` are kept (a stable palette across
    data folders that share one ``outlets.csv``).
    """
    declared = list(declared)
    listed = set(declared)
    return declared + [o for o in dict.fromkeys(outlets) if o not in listed]


def study_outlets(data_dir=None, story: str | None = None, outlets: Iterable[str] | None = None) -> list[str]:
    """The data folder's outlet order: ``outlets.csv`` (the story's own, if ``story`` has one), then
    first appearance in ``outlets`` (default: every outlet of the manifest, all stories, so the
    order, and with it every sign and colour, is the same for every story).

    Prefer :func:`open_study` (``study.outlets``) when more than the order is needed: this reads the manifest.
    """
    if outlets is None:
        outlets = read_manifest(data_dir)["outlet"].tolist()
    path = find_setting(OUTLETS_SETTING, data_dir, story)
    return outlet_order(outlets, read_outlet_setting(path) if path is not None else [])
