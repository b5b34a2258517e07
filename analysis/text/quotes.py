"""Find quoted material in page text, mark by mark.

Real page text mixes straight (" ') and curly (“ ” ‘ ’) marks, does not always
balance them, nests single quotes inside double ones, uses the same character
for apostrophes (didn't, Russia's) and quotes, and runs long quotations over
several paragraphs following the printers' convention: each paragraph opens
with a mark and only the last one closes.

:func:`find_quote_spans` scans paragraphs in reading order with a stack of open
marks.  Curly marks say which way they face; straight marks and ’ are decided by
what stands on each side (as CommonMark decides left/right-flanking
delimiters).  An apostrophe between two letters never opens or closes.  When a
paragraph ends with a double quote still open and the next paragraph opens with
a double mark, the quotation continues (same ``quote_id``); otherwise the open
quote is closed at the paragraph end and flagged ``closed=False``.  A double mark
of the other style (curly inside straight, or straight inside curly) nests when the
outer quotation still closes or runs on; one of the same style closes the one open.
An opening curly mark typed after text and before a space (``here,“ said``) closes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN, DOUBLE_CLOSE, SINGLE_OPEN, SINGLE_CLOSE = "“", "”", "‘", "’"
STRAIGHT_DOUBLE, STRAIGHT_SINGLE = '"', "'"
QUOTE_CHARS = frozenset('"“”„\'‘’‚«»')
#: Any one of :data:`QUOTE_CHARS`: the scan visits the marks only, not every character.
#: Two apostrophes ('') stand for a double mark in some archives; they are matched first.
_QUOTE_MARK = re.compile("''|[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")
TWO_APOSTROPHES = "''"
_OPENING_CONTEXT = set("([{—–-/“‘«„")
_CLOSING_CONTEXT = set(".,;:!?)]}—–-…”’»")
#: Two digits, perhaps a plural s, then no more word: after a single mark, a year or decade with its
#: century elided ('80s, ‘08), not a quotation ('‘2020 is our year,’' is one)
_ELIDED_YEAR = re.compile(r"\d\ds?(?!\w)")
#: A straight double mark right after a word and "=": the opening mark of a markup attribute's value
#: (id="8812"); prose spaces the sign ('jobs = "a better town"')
_ATTRIBUTE_VALUE = re.compile(r'[\w-]="')
#: Unbalanced-mark problems listed in full per article; the rest are counted in one line.
MAX_PROBLEMS = 10


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted stretch inside one paragraph (offsets relative to the paragraph text).

    ``start`` is the opening mark (or 0 for a continued quotation), ``end`` one past
    the closing mark (or the paragraph end).  ``depth`` 0 is a top-level quote,
    1 a quote nested in it.  ``closed`` says whether a closing mark ended it here;
    ``continues`` whether it carries on into the next paragraph.
    """

    paragraph: int
    start: int
    end: int
    quote_id: int
    kind: str
    depth: int
    closed: bool
    continues: bool


def _is_word_char(ch: str | None) -> bool:
    return ch is not None and (ch.isalnum())


def _classify_mark(text: str, i: int, single_open: bool) -> tuple[str, str] | None:
    """Return ``(kind, direction)`` for the mark at ``text[i]``, or None for an apostrophe.

    ``direction`` is "open", "close" or "either" (a straight mark with the same
    context on both sides, or an opening curly mark facing the wrong way after text: resolved
    by the caller from what is open).
    """
    ch = text[i]
    width = 2 if text.startswith(TWO_APOSTROPHES, i) else 1
    prev = text[i - 1] if i > 0 else None
    nxt = text[i + width] if i + width < len(text) else None
    left_space = prev is None or prev.isspace() or prev in _OPENING_CONTEXT
    right_space = nxt is None or nxt.isspace() or nxt in _CLOSING_CONTEXT or nxt in "\"'"
    if ch == DOUBLE_OPEN and right_space and not left_space and prev not in QUOTE_CHARS:
        return "double", "either"  # facing the wrong way where a closing mark belongs: 'here,“ said Roe'
    if ch in "“„«":
        return "double", "open"
    if ch in "”»":
        return "double", "close"
    if ch in "‘‚":
        if _ELIDED_YEAR.match(text, i + 1) and (prev is None or not prev.isalnum()):
            return None  # ‘08: an elided year (below)
        if ch == SINGLE_OPEN and _is_word_char(prev) and _is_word_char(nxt):
            return None  # Party‘s, don‘t: an apostrophe typed with the opening mark, as with ' and ’ below
        return "single", "open"
    if ch == STRAIGHT_DOUBLE or width == 2:
        if left_space and not right_space:
            return "double", "open"
        if right_space and not left_space:
            return "double", "close"
        return "double", "either"
    # ' and ’: apostrophe unless the context says quote.
    if _is_word_char(prev) and _is_word_char(nxt):
        return None  # didn't, Russia's
    if left_space and _is_word_char(nxt):
        if ch == SINGLE_CLOSE and nxt is not None and nxt.isdigit():
            return None  # ’90s
        if _ELIDED_YEAR.match(text, i + 1):
            return None  # '80s, ‘08: the century left out, typed with the wrong mark; quotes nothing
        return "single", "open"
    if not left_space and (right_space or nxt is None):
        # a closing single mark, or a plural possessive (diplomats' ...)
        return ("single", "close") if single_open else None
    return None


_STRAIGHT_DOUBLE_MARKS = ('"', TWO_APOSTROPHES)


def _other_style(text: str, i: int, stack: list[tuple[str, int, int]], runs_on: bool) -> bool:
    """Whether the double mark opening at ``i`` is of the other style (straight or curly) than
    the innermost open double quotation, which it then nests in: a pasted statement in
    straight marks quoting a phrase in curly ones ('"... about “fair play” ..."'), or the
    other way round.  A mark of the same style opening again means the first was never closed;
    so does one right after it ('"“...' doubles the mark: nothing is quoted before the second)."""
    outer = next((start for kind, start, _ in reversed(stack) if kind == "double"), None)
    if outer is None or not text[outer:i].strip(" \"'“„«"):
        return False
    straight_outer = text.startswith(_STRAIGHT_DOUBLE_MARKS, outer)
    if text.startswith(_STRAIGHT_DOUBLE_MARKS, i) == straight_outer:
        return False
    # and only when the outer quotation opens the paragraph and runs on into the next
    # (``runs_on``), or its closing mark comes next with the nested quotations' own marks, a few
    # and paired, in between: '"We will win, Roe said. “We always do,” Doe said.' leaves the
    # straight quotation open, not holding Doe's; nor does a page flattened to one line hold
    # every quotation after an unclosed one
    if runs_on and not text[:outer].strip():
        return True
    close = text.find('"' if straight_outer else "”", i + 1)
    if close < 0:
        return False
    between = text[i:close]
    inner = between.count("“") + between.count("”") if straight_outer else between.count('"')
    return inner % 2 == 0 and inner <= 4 and (straight_outer or "“" not in between)


def find_quote_spans(paragraphs: list[str]) -> tuple[list[QuoteSpan], list[str]]:
    """Scan ``paragraphs`` (in reading order) and return ``(spans, problems)``.

    ``problems`` lists unbalanced marks in plain words (paragraph index and offset),
    so a user can see where the text itself is inconsistent: the first
    :data:`MAX_PROBLEMS` in full, then one line counting the rest.  Time is linear in
    the text length (the open quotes of each kind are counted, not searched).
    """
    spans: list[QuoteSpan] = []
    problems: list[str] = []
    next_id = 0
    carried_id: int | None = None  # quote continuing from the previous paragraph

    for p, text in enumerate(paragraphs):
        stack: list[tuple[str, int, int]] = []  # (kind, start, quote_id)
        # how many quotes of each kind are open: O(1) questions instead of scanning the stack,
        # so a paragraph of n marks costs O(n), not O(n^2)
        open_count = {"double": 0, "single": 0}

        def pop():
            k, s, q = stack.pop()
            open_count[k] -= 1
            return k, s, q

        next_text = paragraphs[p + 1] if p + 1 < len(paragraphs) else ""
        next_opens = next_text.lstrip()[:1] in ("“", '"', "„", "«") or next_text.lstrip().startswith(TWO_APOSTROPHES)
        lead = len(text) - len(text.lstrip())
        continuing = carried_id is not None and (text[lead:lead + 1] in ("“", '"', "„", "«")
                                                 or text.startswith(TWO_APOSTROPHES, lead))
        if carried_id is not None and not continuing:
            carried_id = None
        value_end = -1  # the closing mark of a markup attribute's value being skipped
        for found in _QUOTE_MARK.finditer(text):
            i = found.start()
            width = found.end() - i
            if i <= value_end:
                continue
            if i >= 2 and _ATTRIBUTE_VALUE.match(text, i - 2):
                # pasted markup ('<post id="8812" author="@roe">'): the marks round a value quote no one
                value_end = text.find('"', i + 1)
                continue
            mark = _classify_mark(text, i, open_count["single"] > 0)
            if mark is None:
                continue
            kind, direction = mark
            if direction == "either":
                direction = "close" if open_count[kind] else "open"
            if direction == "open":
                if kind == "double" and open_count["double"] and not _other_style(text, i, stack, next_opens):
                    # a second opening double mark of the same style while one is open (or one
                    # doubling it): close the innermost double quotation here, and what it holds
                    while stack:
                        k, s, q = pop()
                        spans.append(QuoteSpan(p, s, i, q, k, len(stack), False, False))
                        if k == "double":
                            break
                    problems.append(f"paragraph {p}, offset {i}: opening double mark while a double quote was open")
                if continuing and i == lead and kind == "double" and not stack:
                    stack.append((kind, i, carried_id))
                else:
                    stack.append((kind, i, next_id))
                    next_id += 1
                open_count[kind] += 1
                continuing = False
                continue
            # closing mark: close the innermost quote of this kind, and anything nested in it
            if not open_count[kind]:
                problems.append(f"paragraph {p}, offset {i}: closing {kind} mark with no open quote")
                continue
            while stack:
                k, s, q = pop()
                closed_here = k == kind
                if not closed_here:
                    problems.append(f"paragraph {p}, offset {s}: {k} quote not closed before its enclosing quote")
                spans.append(QuoteSpan(p, s, i + width if closed_here else i, q, k, len(stack), closed_here, False))
                if closed_here:
                    break
        # end of paragraph: open quotes end here; a double quote may continue
        carried_id = None
        while stack:
            k, s, q = pop()
            continues = k == "double" and not stack and next_opens
            if continues:
                carried_id = q
            else:
                problems.append(f"paragraph {p}, offset {s}: {k} quote not closed by the end of the paragraph")
            spans.append(QuoteSpan(p, s, len(text), q, k, len(stack), False, continues))
    spans.sort(key=lambda span: (span.paragraph, span.start, span.depth))
    return spans, summarise_problems(problems)


def summarise_problems(problems: list[str], keep: int = MAX_PROBLEMS) -> list[str]:
    """The first ``keep`` problems in full and one line counting the rest, so a page of
    40,000 stray marks gives a short note rather than megabytes of text."""
    if len(problems) <= keep:
        return problems
    return problems[:keep] + [f"... and {len(problems) - keep} more unbalanced quotation marks"]
