"""One outlet order for a whole data folder, so every difference has one sign.

The order is declared in the data-folder setting ``outlets.csv`` (found with
:func:`analysis.ingest.settings.find_setting`): a CSV file with a column
``outlet``, one outlet per row, first row first.  Outlets of the manifest that
the file does not list follow in alphabetical order; without the file the order
is alphabetical.  Every difference in the package is written "first minus
second" in this order, and figures give each outlet the colour of its position
in it, so an outlet keeps its sign and colour in every table and figure of every
story.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

from ..errors import InputDataError
from ..ingest.manifest import read_manifest
from ..ingest.settings import find_setting

OUTLETS_SETTING = "outlets.csv"


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


def ordered_outlets(outlets: Iterable[str], declared: Iterable[str] = ()) -> list[str]:
    """``outlets`` (deduplicated) in the declared order first, then the rest alphabetically."""
    present = list(dict.fromkeys(str(o) for o in outlets))
    declared = [o for o in declared]
    first = [o for o in declared if o in present]
    rest = sorted(o for o in present if o not in set(declared))
    return first + rest


def study_outlets(data_dir=None, story: str | None = None, outlets: Iterable[str] | None = None) -> list[str]:
    """The data folder's outlet order: ``outlets.csv`` if present, else alphabetical.

    ``outlets`` defaults to every outlet of the manifest (all stories), so the
    order, and with it every sign and colour, is the same for every story.
    Outlets the setting lists but the manifest lacks are kept (a stable palette
    across data folders that share one ``outlets.csv``).
    """
    if outlets is None:
        outlets = read_manifest(data_dir)["outlet"].tolist()
    path = find_setting(OUTLETS_SETTING, data_dir, story)
    declared = read_outlet_setting(path) if path is not None else []
    present = list(dict.fromkeys(outlets))
    return declared + sorted(o for o in present if o not in set(declared))


def outlet_pairs(order: list[str], present: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs ``(first, second)`` of the outlets in ``present``, first earlier in ``order``."""
    here = [o for o in order if o in set(present)]
    return [(a, b) for i, a in enumerate(here) for b in here[i + 1:]]
