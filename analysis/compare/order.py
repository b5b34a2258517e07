"""One outlet order for a whole data folder, so every difference has one sign.

The order itself (``outlets.csv``, then first appearance in the manifest) is
read at the ingest stage, with the rest of the study: see
:mod:`analysis.ingest.study` (``open_study(data_dir).outlets``).  This module
keeps the names earlier callers and notebooks import (:func:`study_outlets`,
:func:`read_outlet_setting`, :data:`OUTLETS_SETTING`) and adds what comparisons
need on top of an order: the outlets present in a table in that order, and
their pairs, "first minus second".
"""
from __future__ import annotations

from typing import Iterable

from ..ingest.study import OUTLETS_SETTING, read_outlet_setting, study_outlets

__all__ = ["OUTLETS_SETTING", "outlet_pairs", "ordered_outlets", "read_outlet_setting", "study_outlets"]


def ordered_outlets(outlets: Iterable[str], declared: Iterable[str] = ()) -> list[str]:
    """``outlets`` (deduplicated) in the declared order first, then the rest in the order given."""
    present = list(dict.fromkeys(str(o) for o in outlets))
    declared = [o for o in declared]
    first = [o for o in declared if o in present]
    rest = [o for o in present if o not in set(declared)]
    return first + rest


def outlet_pairs(order: list[str], present: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs ``(first, second)`` of the outlets in ``present``, first earlier in ``order``."""
    here = [o for o in order if o in set(present)]
    return [(a, b) for i, a in enumerate(here) for b in here[i + 1:]]
