r"""A user's own page-furniture rules and line roles, kept beside the data (never in raw files).

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

Patterns users write (here and in ``framing.csv``, :mod:`analysis.measures.framing`) run on
Google's RE2 engine (:func:`compile_user_pattern`), whose time is linear in the text, so
no pattern can hang a study (``(a|aa)+$`` on a long line takes seconds, even hours, in
Python's backtracking ``re``).  They are written in Python's syntax and mean what they mean
there: ``\w``, ``\d``, ``\s`` (and ``\W``, ``\D``, ``\S`` outside brackets) are given
their Unicode meaning, ``\Z`` is RE2's ``\z``.  Lookbehinds that open a pattern, the way a
dictionary says "the surname alone" (``(?<!Mr )(?<!President )\bPutin\b``), are kept: RE2
finds each candidate and the lookbehind (fixed width, as Python requires) is checked on the
few characters before it.  What RE2 cannot run otherwise (backreferences such as ``\1``,
lookaheads and lookbehinds elsewhere in the pattern, atomic groups, possessive quantifiers)
is refused with a one-line error naming the file, the line and the pattern.  Two differences
remain, both at letters outside ASCII: ``\b``/``\B`` and ``\W``/``\S`` inside brackets
(e.g. ``[^\W\d_]``) follow RE2's ASCII rule (``\bcaf\b`` matches in "café"), and Unicode
characters newer than Python's Unicode tables may be classed differently.
"""
from __future__ import annotations

import csv
import functools
import re
from pathlib import Path, PurePosixPath
from typing import NamedTuple

import re2

from ..errors import InputDataError
from ..ingest.settings import find_setting
from .paragraphs import ROLES, RoleRule

CLEANING_SETTING = "cleaning.csv"
ROLES_SETTING = "roles.csv"
OVERRIDE_RULE = "override:roles.csv"

# Python's Unicode classes, spelt for RE2 (whose \w, \d and \s are ASCII only); the
# whitespace is every character Python's \s matches.
_WORD = r"\p{L}\p{N}_"
_DIGIT = r"\p{Nd}"
_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_OUTSIDE = {"w": f"[{_WORD}]", "W": f"[^{_WORD}]", "d": _DIGIT, "D": r"\P{Nd}", "s": f"[{_SPACE}]",
            "S": f"[^{_SPACE}]", "Z": r"\z"}
_INSIDE = {"w": _WORD, "d": _DIGIT, "D": r"\P{Nd}", "s": _SPACE}
#: RE2 keeps up to this much memory for one compiled pattern (its default, 8 MB, refuses
#: long alternations of names that a dictionary may well hold).
RE2_MAX_MEM = 64 << 20


class UserPattern:
    """A pattern a user wrote, compiled for RE2 (see the module docstring): ``search`` and
    ``findall`` as ``re.Pattern`` has them (with opening lookbehinds, ``findall`` gives whole
    matches); ``pattern`` and ``flags`` are the Python pattern's (what
    :mod:`analysis.text.prefilter` reads)."""

    __slots__ = ("pattern", "flags", "_engine", "_behind", "search", "findall")

    def __init__(self, pattern: str, flags: int, engine, behind: tuple = ()):
        self.pattern, self.flags, self._engine, self._behind = pattern, flags, engine, behind
        if behind:
            self.search, self.findall = self._search_behind, self._findall_behind
        else:
            self.search, self.findall = engine.search, engine.findall

    def _allowed(self, text: str, start: int) -> bool:
        """Whether every opening lookbehind holds at ``start`` (each looks at ``width`` characters)."""
        for negative, width, body in self._behind:
            seen = start >= width and body.fullmatch(text, start - width, start) is not None
            if seen == negative:
                return False
        return True

    def _candidates(self, text: str):
        position = 0
        while position <= len(text):
            match = self._engine.search(text, position)
            if match is None:
                return
            start, end = match.span()
            if self._allowed(text, start):
                yield match
                position = end if end > start else end + 1
            else:  # no match can start here: the next candidate starts further on
                position = start + 1

    def _search_behind(self, text: str):
        return next(self._candidates(text), None)

    def _findall_behind(self, text: str) -> list[str]:
        return [match.group(0) for match in self._candidates(text)]

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r})"

    def __reduce__(self):  # compiled again in a worker process (RE2 objects do not pickle)
        return _recompile, (self.pattern, self.flags)


def _recompile(pattern: str, flags: int) -> UserPattern:
    return compile_user_pattern(pattern, flags)


def for_re2(pattern: str) -> str:
    """``pattern`` (Python syntax) with the escapes whose meaning differs in RE2 spelt out."""
    out: list[str] = []
    i, inside, n = 0, False, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            escape = pattern[i + 1]
            table = _INSIDE if inside else _OUTSIDE
            out.append(table.get(escape, char + escape))
            i += 2
            continue
        if not inside and char == "[":
            inside = True
            out.append(char)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":  # a "]" first in a class is the character itself
                out.append("\\]")
                i += 1
            continue
        if inside and char == "]":
            inside = False
        out.append(char)
        i += 1
    return "".join(out)


def compile_user_pattern(pattern: str, flags: int = 0, *, path=None, line_no: int | None = None) -> UserPattern:
    """``pattern`` (Python syntax; ``flags`` ``re.IGNORECASE`` at most) compiled for RE2, linear in
    the text.  A pattern that is not a valid regular expression, or that RE2 cannot run
    (backreferences, lookarounds, ...), raises :class:`~analysis.errors.InputDataError` naming
    ``path``, ``line_no`` and the pattern."""
    where = f"line {line_no}: " if line_no is not None else ""
    shown = pattern if len(pattern) <= 200 else pattern[:197] + "..."
    try:
        re.compile(pattern, flags)
    except re.error as exc:
        raise InputDataError(path, f"{where}pattern {shown!r} is not a valid regular expression ({exc})") from None
    except (RecursionError, OverflowError) as exc:
        raise InputDataError(path, f"{where}pattern {shown!r} is too deeply nested or too large ({exc})") from None
    behind, core = _opening_lookbehinds(pattern, flags)
    options = re2.Options()
    options.case_sensitive = not flags & re.IGNORECASE
    options.max_mem = RE2_MAX_MEM
    options.log_errors = False
    try:
        engine = re2.compile(for_re2(core), options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "not supported"
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise InputDataError(path, f"{where}pattern {shown!r} cannot be run in linear time ({reason}): backreferences "
                                   "(\\1), lookarounds ((?=...), (?<!...)), atomic groups and possessive quantifiers "
                                   "are not supported in user patterns; rewrite it without them") from None
    return UserPattern(pattern, flags, engine, behind)


def _opening_lookbehinds(pattern: str, flags: int) -> tuple[tuple, str]:
    """The lookbehinds ``(?<!...)``/``(?<=...)`` that open ``pattern`` as ``(negative, width,
    compiled body)``, and the rest of the pattern; none when they do not govern the whole
    pattern (e.g. ``(?<!a)b|c``, whose lookbehind belongs to one branch)."""
    from re import _constants as constants, _parser as parser

    spans, i = [], 0
    while pattern.startswith(("(?<!", "(?<="), i):
        end = _closing_paren(pattern, i)
        if end is None:
            return (), pattern
        spans.append((pattern[i + 3] == "!", pattern[i + 4:end]))
        i = end + 1
    if not spans:
        return (), pattern
    tree = parser.parse(pattern, flags)
    heads = list(tree)[:len(spans)]
    if len(heads) < len(spans) or any(op not in (constants.ASSERT, constants.ASSERT_NOT) or av[0] != -1
                                      for op, av in heads):
        return (), pattern
    behind = []
    for negative, body in spans:
        compiled = re.compile(body, flags)
        low, high = parser.parse(body, flags).getwidth()
        if low != high:  # Python refuses these already; kept as a guard
            return (), pattern
        behind.append((negative, low, compiled))
    return tuple(behind), pattern[i:]


def _closing_paren(pattern: str, start: int) -> int | None:
    """The index of the ``)`` closing the group opened at ``start`` (escapes and classes skipped)."""
    depth, i, inside = 0, start, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if inside:
            if char == "]":
                inside = False
        elif char == "[":
            inside = True
            if pattern.startswith("]", i + 1) or pattern.startswith("^]", i + 1):
                i += 2 if pattern[i + 1] == "]" else 3
                continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


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
            rows = []
            for line_no, row in enumerate(reader, start=2):
                rows.append((line_no, {k: (v or "").strip() for k, v in row.items() if k}))
            return rows
    except UnicodeDecodeError as exc:
        raise InputDataError(path, f"not UTF-8 (byte {exc.start})") from None
    except csv.Error as exc:  # e.g. a cell longer than the csv module's limit (131,072 characters)
        raise InputDataError(path, f"line {reader.line_num + 1}: not a readable CSV row ({exc})") from None


@functools.lru_cache(maxsize=64)
def _cleaning_rules(path: Path, mtime: float) -> tuple[RoleRule, ...]:
    rules = []
    for line_no, row in _read_csv(path, ("role", "name", "pattern")):
        role, name, pattern = row["role"], row["name"], row["pattern"]
        if role not in ROLES:
            raise InputDataError(path, f"line {line_no}: role {role!r} is not one of {', '.join(ROLES)}")
        if not name or not pattern:
            raise InputDataError(path, f"line {line_no}: empty name or pattern")
        compiled = compile_user_pattern(pattern, path=path, line_no=line_no)
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
