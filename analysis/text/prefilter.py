"""Skip a regular expression that cannot match: the literal text it requires.

Page-furniture rules (:mod:`analysis.text.paragraphs`) are tried on every line of
every article, and most lines are reporting that no rule matches.  Most rules
cannot match without some literal text ("newsletter", "©", "Reuters"); a plain
substring test (``in``, in C) rules them out far faster than the regex engine,
which tries the pattern at every position.

:func:`required_literals` reads a pattern's parse tree (:mod:`re._parser`, the
parser of the ``re`` module itself) and returns strings of which at least one
must occur in any text the pattern matches: a run of literal characters, a
branch's alternatives (each must require something), the body of a repetition
of at least once, a group, a lookahead or lookbehind.  It returns ``None`` when
it cannot tell, and the pattern is then always tried.  Case-insensitive
literals are compared with :func:`fold`, which maps every character to the one
lower-case letter the ``re`` module matches it with ("K" Kelvin sign, dotless
"ı", long "ſ", dotted "İ" included), so the test never rules out a match: it is
a necessary condition only, and the pattern decides.
"""
from __future__ import annotations

import re

try:  # the parser of Python's own re module (re._parser since 3.11)
    from re import _constants as _C
    from re import _parser as _PARSER
except ImportError:  # pragma: no cover - another Python: no prefilter, every pattern is tried
    _C = _PARSER = None

#: Characters ``re.IGNORECASE`` matches with an ASCII letter that ``str.lower`` does
#: not map to it (and "İ", whose ``lower()`` is two characters).
_FOLD = str.maketrans({"ı": "i", "ſ": "s", "İ": "i"})

#: ``(text, case_insensitive)`` pairs: at least one text occurs (folded when marked).
Requirement = frozenset


def fold(text: str) -> str:
    """``text`` as case-insensitive literals are compared: one character for one."""
    if "ı" in text or "ſ" in text or "İ" in text:
        return text.translate(_FOLD).lower()
    return text.lower()


def required_literals(pattern: re.Pattern) -> Requirement | None:
    """Literal strings of which one must occur in any text ``pattern`` matches, or None."""
    if _PARSER is None or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = _PARSER.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001  (an unknown construct: no prefilter)
        return None
    if len(tree) and tree[0] == (_C.AT, _C.AT_BEGINNING) and not pattern.flags & re.MULTILINE \
            or len(tree) and tree[0] == (_C.AT, _C.AT_BEGINNING_STRING):
        return None  # anchored at the start: the engine tries one position, faster than any test
    required = _sequence(tree, bool(pattern.flags & re.IGNORECASE))
    if required is None:
        return None
    # a literal holding another of the same kind adds nothing: "sign up here" needs "sign up"
    return frozenset(item for item in required
                     if not any(other != item and other[1] == item[1] and other[0] in item[0] for other in required))


def could_match(required: Requirement | None, text: str, folded: str) -> bool:
    """False only when ``text`` (``folded`` = ``fold(text)``) lacks every required literal."""
    if required is None:
        return True
    for literal, ignore_case in required:  # a plain loop: this runs for every rule on every line
        if literal in (folded if ignore_case else text):
            return True
    return False


def _selectivity(required: Requirement) -> tuple[int, int]:
    # the shortest alternative decides how often the test passes by chance
    return min(len(text) for text, _ in required), -len(required)


def _sequence(items, ignore_case: bool) -> Requirement | None:
    best: Requirement | None = None
    run: list[str] = []

    def consider(required: Requirement | None) -> None:
        nonlocal best
        if required and (best is None or _selectivity(required) > _selectivity(best)):
            best = required

    def end_run() -> None:
        if run:
            consider(frozenset({("".join(run), ignore_case)}))
            run.clear()

    for op, argument in items:
        if op is _C.LITERAL:
            char = chr(argument)
            if ignore_case and not char.isascii() and char.lower() != char.upper():
                end_run()  # a cased non-ASCII letter: its case-insensitive matches are not folded here
                continue
            run.append(fold(char) if ignore_case else char)
            continue
        end_run()
        if op is _C.SUBPATTERN:
            _group, add_flags, del_flags, body = argument
            inner = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            consider(_sequence(body, inner))
        elif op is _C.BRANCH:
            alternatives = [_sequence(branch, ignore_case) for branch in argument[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            low, _high, body = argument
            if low >= 1:
                consider(_sequence(body, ignore_case))
        elif op is _C.ATOMIC_GROUP:
            consider(_sequence(argument, ignore_case))
        elif op is _C.ASSERT:  # lookahead or lookbehind: its text is in the string too
            consider(_sequence(argument[1], ignore_case))
        # anything else (classes, anchors, negative lookarounds, back references) requires nothing
    end_run()
    return best
