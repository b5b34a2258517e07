"""A user's own page-furniture rules and line roles, kept beside the data (never in raw files).

Two settings, found with :func:`analysis.ingest.settings.find_setting` (the story's
folder first, then the data folder):

* ``cleaning.csv`` - columns ``role``, ``name``, ``pattern``: extra rules, tried before
  the built-in ones; a paragraph that ``pattern`` (a Python regular expression, found
  anywhere in the paragraph) matches gets ``role`` and the rule ``user:<name>``.  E.g.
  ``promo,station_promo,^Listen live on\\b``.
* ``roles.csv`` - columns ``file``, ``line``, ``role``: the role of one line of one raw
  file (``file`` as in the manifest, or its file name; ``line`` 1-based), recorded as
  ``override:roles.csv``; it wins over every rule.  E.g. ``raw/012.txt,7,body``.

Both show in ``set-aside`` like any other rule.  Bad rows raise
:class:`~analysis.errors.InputDataError` naming the file and the line.
"""
from __future__ import annotations

import csv
import functools
import re
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from ..errors import InputDataError
from ..ingest.settings import find_setting
from .paragraphs import ROLES, RoleRule

CLEANING_SETTING = "cleaning.csv"
ROLES_SETTING = "roles.csv"
OVERRIDE_RULE = "override:roles.csv"
# A group with a quantifier inside and after it, e.g. "(a+)+" or "(\w*\s?)*": such
# patterns can take exponential time on a long line.
_NESTED_QUANTIFIER = re.compile(r"\([^()]*[+*}][^()]*\)[+*{]")


class UserRules(NamedTuple):
    """Extra rules and per-line roles of one raw file."""

    rules: tuple[RoleRule, ...]
    overrides: dict[int, str]


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise InputDataError(path, f"missing column(s): {', '.join(missing)} (need {', '.join(columns)})")
            return [(line_no, {k: (v or "").strip() for k, v in row.items() if k}) for line_no, row in enumerate(reader, start=2)]
    except UnicodeDecodeError as exc:
        raise InputDataError(path, f"not UTF-8 (byte {exc.start})") from None


@functools.lru_cache(maxsize=64)
def _cleaning_rules(path: Path, mtime: float) -> tuple[RoleRule, ...]:
    rules = []
    for line_no, row in _read_csv(path, ("role", "name", "pattern")):
        role, name, pattern = row["role"], row["name"], row["pattern"]
        if role not in ROLES:
            raise InputDataError(path, f"line {line_no}: role {role!r} is not one of {', '.join(ROLES)}")
        if not name or not pattern:
            raise InputDataError(path, f"line {line_no}: empty name or pattern")
        if _NESTED_QUANTIFIER.search(pattern):
            raise InputDataError(path, f"line {line_no}: pattern {pattern!r} repeats a repeated group (can take exponential time); simplify it")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise InputDataError(path, f"line {line_no}: bad pattern {pattern!r}: {exc}") from None
        rules.append(RoleRule(role, f"user:{name}", compiled))
    return tuple(rules)


@functools.lru_cache(maxsize=64)
def _line_roles(path: Path, mtime: float) -> dict[str, dict[int, str]]:
    roles: dict[str, dict[int, str]] = {}
    for line_no, row in _read_csv(path, ("file", "line", "role")):
        if row["role"] not in ROLES:
            raise InputDataError(path, f"line {line_no}: role {row['role']!r} is not one of {', '.join(ROLES)}")
        if not row["line"].isdigit() or int(row["line"]) < 1:
            raise InputDataError(path, f"line {line_no}: line {row['line']!r} is not a line number (1, 2, ...)")
        if not row["file"]:
            raise InputDataError(path, f"line {line_no}: empty file")
        roles.setdefault(PurePosixPath(row["file"].replace("\\", "/")).as_posix(), {})[int(row["line"])] = row["role"]
    return roles


def _data_dir_of(record: dict) -> Path | None:
    """The data folder a manifest record was read from (its ``path`` less its ``file``)."""
    path, file = Path(record.get("path", "")), PurePosixPath(record.get("file", ""))
    parts = len(file.parts)
    if not parts or path.parts[-parts:] != file.parts:
        return None
    return path.parents[parts - 1]


def user_rules_for(record: dict, data_dir=None, *, memo: dict | None = None) -> UserRules:
    """The user's rules and line roles for one manifest record (see the module docstring).

    ``data_dir`` defaults to the folder the record was read from.  ``memo``, a dict
    the caller keeps over a batch of records, holds each data folder and story's
    settings once read, so a batch looks its settings files up once per story, not
    once per article.
    """
    data_dir = data_dir if data_dir is not None else _data_dir_of(record)
    if data_dir is None:
        return UserRules((), {})
    story = record.get("story") or None
    settings = memo.get((data_dir, story)) if memo is not None else None
    if settings is None:
        settings = _story_settings(data_dir, story)
        if memo is not None:
            memo[(data_dir, story)] = settings
    rules, table = settings
    overrides: dict[int, str] = {}
    if table:
        file = PurePosixPath(record.get("file", "")).as_posix()
        overrides = dict(table.get(file) or table.get(PurePosixPath(file).name) or {})
    return UserRules(rules, overrides)


def _story_settings(data_dir, story: str | None) -> tuple[tuple[RoleRule, ...], dict[str, dict[int, str]]]:
    """The cleaning rules and the line-roles table that apply to ``story``."""
    cleaning = find_setting(CLEANING_SETTING, data_dir, story)
    rules = _cleaning_rules(cleaning, cleaning.stat().st_mtime) if cleaning else ()
    roles_path = find_setting(ROLES_SETTING, data_dir, story)
    table = _line_roles(roles_path, roles_path.stat().st_mtime) if roles_path else {}
    return rules, table
