"""Cut a text exported without paragraph breaks into pieces (paragraphs or sentences).

Many scrapers (Media Cloud among them) give one long line per article: headline,
byline, date, captions, promos and body run on with single spaces.  Before roles are
given (:mod:`analysis.text.paragraphs`), such a line is cut:

* at sentence ends (:func:`analysis.text.sentences.split_sentence_spans`), except
  before a parenthesised credit that closes a caption ("... 2026. (AP Photo/X)");
* around page furniture that runs on inside the text: button rows ("Share Copy Link
  copied"), bylines ("By MARIA OKONKWO and DEREK SIMMS", a name before a date),
  date and reading-time stamps ("Updated 3:47 PM CDT, March 10, 2026", "4 min"),
  labelled and bare photo credits ("Credit: SWNS", "(Image: Getty)", "Getty
  Images/iStockphoto", "© University of Plymouth"), wire datelines ("ST. LOUIS (AP) —");
* before a capitalised function word that follows a word without punctuation and
  is itself followed by a lower-case word ("... citing ridership and repairs The
  transit agency said ..."): a lost line break.

Pieces keep their offsets, so ``text[start:end]`` gives each back.  Every pattern is
linear-time.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re

from .patterns import MONTH as _MONTH, WIDGET as _WIDGET, sentence_openers
from .quotes import find_quote_spans
from .sentences import split_sentence_spans

_DAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?"
_TZ = r"(?:GMT|BST|UTC|CET|EDT|EST|CDT|CST|MDT|MST|PDT|PST|ET|CT|PT|UK)"
_CLOCK = r"\d{1,2}[:.]\d{2}\s?(?:[AaPp]\.?[Mm]\.?)?(?:\s" + _TZ + r")?"
_DAY_DATE = (r"(?:" + _DAY + r",?\s)?(?:\d{1,2}(?:st|nd|rd|th)?\s" + _MONTH + r",?\s\d{4}|"
             + _MONTH + r"\.?\s\d{1,2},?\s\d{4})")
_KEYWORD = r"(?:Published|Updated|Last modified on|Last updated|First published on|First published|Posted)"
#: A date or time stamp of a page header: "Published: 09:14, 10 March 2026", "Updated 3:47 PM CDT,
#: March 10, 2026", "March 10, 2026 at 5:30 p.m. EDT", "Updated 2 hours ago", "4 min", "• 4h • 3 min read".
_DATE_STAMP = re.compile(
    r"(?P<kw>" + _KEYWORD + r"\s?:?\s?)?(?:"
    + _DAY_DATE + r"(?:,?\s(?:at\s)?" + _CLOCK + r")?"
    + r"|" + _CLOCK + r",?\s" + _DAY_DATE
    + r"|\d{1,3}\s(?:hours?|minutes?|mins?|days?)\sago"
    + r")"
    + r"|(?:•\s?\d{1,2}[hdm]\s?)?(?:•\s?)?\b\d{1,3}\smin(?:ute)?s?(?:\sread)?\b"
)
_WIDGET_RUN = re.compile(r"(?<!\S)" + _WIDGET + r"(?:\s" + _WIDGET + r"){0,6}(?=\s[A-Z“\"‘'(]|$)")
_BYLINE = re.compile(
    r"(?<!\S)(?:By|Story by|Edited by)\s(?!" + _DAY + r"\b|" + _MONTH + r"\b|Published|Updated)[A-Z][\w.'’-]*"
    r"(?:[\s,]{1,2}(?!" + _DAY + r"\b|" + _MONTH + r"\b|Published|Updated)(?:[A-Z][\w.'’-]*|and|&|for|of)){0,8}"
)
_ROLE_BYLINE = re.compile(
    r"(?<=[a-z] )[A-Z][\w'’-]+ [A-Z][\w'’-]+ (?=(?:[A-Z][a-z]+ ){0,2}(?:[Rr]eporter|[Cc]orrespondent|[Ee]ditor)\b)"
)
_DATELINE = re.compile(
    r"(?<!\S)[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.'’]+(?: [A-Z][A-Za-z.'’]+){0,2})?"
    r"(?:, " + _MONTH + r"\.? \d{1,2})? \([A-Z][\w .&-]{1,30}\) [-–—] "
)
_LABELS = re.compile(r"(?<!\S)(?:Credit|Credits|Pic|Picture|Photograph|Image source,|Image caption,)(?::|(?<=,))\s|©\s?")
_PAREN = re.compile(r"\([^()]{1,60}\)")
_SLASH_CREDIT = re.compile(r"(?<!\S)[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,3}/[\w'’.&-]+(?:/[\w'’.&-]+){0,3}(?!\S)")
_LINK_LEAD = re.compile(r"(?<!\S)(?:READ MORE|Read more|Related(?: video| article)?|Watch|Don't miss)\s?[:.]{1,3}\s"
                        r"|(?<!\S)(?:Our Standards:|Purchase Licensing Rights|Suggested Topics:|Related Topics|Explore more on these topics|"
                        r"Copyright\s|Read the original article|All rights reserved|(?:[A-Z][\w'’]+ ){1,3}is part of [A-Z])")
#: A links-list heading inside the text: cut before and after it.
_LIST_HEAD = re.compile(r"(?<!\S)(?:Read more(?: (?:on|from|about) (?:the )?\w+)?|More for you|More on this story|Most (?:viewed|read)|"
                        r"Related (?:articles?|content|stories)|RELATED ARTICLES|Don't miss\.{0,3})(?=\s[A-Z]|$)")
_CAPS_WORD = re.compile(r"(?:(?<=[a-z][a-z][a-z] )|(?<=, ))[A-Z]{4,}[!?]?(?=\s[A-Z])")
_TOPIC_HEAD = re.compile(r"(?<!\S)(?:Suggested Topics:|Related Topics|Explore more on these topics|More about|MORE ABOUT|Filed under:)(?=\s[A-Z]|$)")
#: A credit after a slash, as some pages print it under a caption: '... in Hackney / PA A murder ...'
_SLASH_LABEL = re.compile(r"(?<=\s)/ (?=[A-Z])")
_CAPS_RUN_END = re.compile(r"(?<!\S)[A-Z]{2,20}(?:\s[A-Z]{2,20}){2,8}(?=\s[A-Z][a-z])")
_TOKEN = re.compile(r"\S+")
_CREDIT_IN_PAREN = re.compile(r"/|\b(?:Photo|Image|Picture|Pic|Getty|Reuters|AP|AFP|PA|EPA|Shutterstock|Alamy|iStock|via|Credit|Office|Police|stock image)\b")
#: An agency photo description: 'GENEVA, SWITZERLAND - MAY 03: Flags ...'
_CAPS_PHOTO_DATELINE = re.compile(r"(?<!\S)[A-Z]{3,}(?:,? [A-Z]{2,}){0,3} [-–—] [A-Z]{3,}[\s,]{0,2}\d{1,2}\b")
#: An opening quotation right after a word without punctuation: a lost line break
#: ('... poised to join alliance "I studied to be ...').
_QUOTE_AFTER_WORD = re.compile(r"(?<=[a-z] )[\"“](?=[A-Z][a-z]*(?:['’][a-z]+)? [a-z]+ [a-z]+)")
_PREPOSITIONS = frozenset("on in at since from until by of to and before after for during".split())


@functools.lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Capitalised function words, "I" apart (it may end a fragment)."""
    return sentence_openers() - {"I"}


def _credit_end(segment: str, start: int) -> int:
    """End of a credit run starting at ``start`` (after its label): capitalised words and
    connectors, less a last capitalised word that opens the next sentence ('SWNS One said')."""
    tokens = [(m.start(), m.end(), m.group()) for m in itertools.islice(_TOKEN.finditer(segment, start), 9)]
    end = start
    for k, (s, e, tok) in enumerate(tokens):
        if tok[0].isupper() or tok in ("of", "and", "&", "for", "via") or tok.startswith("@"):
            nxt = tokens[k + 1][2] if k + 1 < len(tokens) else ""
            if k > 0 and nxt[:1].islower() and nxt not in ("of", "and", "for", "via"):
                break
            end = e
            if tok[-1] in ".,;:)!?":
                break
        else:
            break
    return end


#: A quotation longer than this is not kept in one piece (a stray mark may pair with one far on).
MAX_QUOTATION_PIECE = 2000


def _quotation_spans(segment: str, furniture_cuts: list[int]) -> list[tuple[int, int]]:
    """``(start, end)`` of each top-level double quotation of ``segment`` (at most
    :data:`MAX_QUOTATION_PIECE` long) closed by its own mark, or closed by the opening
    mark of the next when no furniture (``furniture_cuts``, sorted) lies between: a
    quotation run over several paragraphs opens each with a mark and closes only the
    last, and a caption between two of them ('... policy. Russian invasion of
    Ukraine. (PA) "I studied ...') ends it."""
    spans, _problems = find_quote_spans([segment])
    kept = []
    for q in spans:
        if q.depth or q.kind != "double" or q.end - q.start > MAX_QUOTATION_PIECE or q.end >= len(segment):
            continue
        k = bisect.bisect_right(furniture_cuts, q.start)
        if q.closed or k == len(furniture_cuts) or furniture_cuts[k] >= q.end:
            kept.append((q.start, q.end))
    return kept


def _inside_quotation(cut: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``cut`` lies strictly inside one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_left(spans, (cut,)) - 1
    return k >= 0 and spans[k][0] < cut < spans[k][1]


def split_promo_tail(text: str, start: int, end: int) -> int | None:
    """Where reporting resumes inside a promo piece of a run-on text, or None: after a
    run of three or more capitalised words, a capitalised word followed by a lower-case
    one ('... to find out What You Need To Know Asked if he planned ...')."""
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    for k in range(3, len(tokens) - 1):
        if all(t[:1].isupper() and t.isalpha() for _s, t in tokens[k - 3:k + 1]) and tokens[k + 1][1][:1].islower():
            return tokens[k][0]
    return None


def _sentence_cuts(segment: str) -> set[int]:
    """Sentence starts, less a credit in brackets right after a caption's full stop
    (it stays with the caption: '... in Geneva. (Getty Images) A diplomat ...')."""
    cuts = set()
    for s, _e in split_sentence_spans(segment):
        paren = _PAREN.match(segment, s)
        if paren and (paren.end() == len(segment) or segment[paren.end():paren.end() + 2][1:2].isupper()
                      or segment[paren.end():paren.end() + 2] in (" (", " \"", " “", " ‘")):
            continue
        cuts.add(s)
    return cuts


#: Furniture found by one pattern: cut at its start, its end, or both.
_SIMPLE_CUTS: tuple[tuple[re.Pattern, bool, bool], ...] = (
    # (pattern, cut at start, cut at end)
    (_WIDGET_RUN, True, True),
    (_BYLINE, True, True),
    (_ROLE_BYLINE, True, False),
    (_DATELINE, True, False),
    (_LINK_LEAD, True, False),
    (_LIST_HEAD, True, True),
    (_CAPS_PHOTO_DATELINE, True, False),
    (_QUOTE_AFTER_WORD, True, False),
    (_TOPIC_HEAD, True, True),
    (_CAPS_WORD, True, False),
    (_CAPS_RUN_END, False, True),
)


def _pattern_cuts(segment: str) -> set[int]:
    """Cuts around the furniture of :data:`_SIMPLE_CUTS`, and around a credit after a slash."""
    cuts = set()
    for pattern, at_start, at_end in _SIMPLE_CUTS:
        for m in pattern.finditer(segment):
            if at_start:
                cuts.add(m.start())
            if at_end:
                cuts.add(m.end())
    for m in _SLASH_LABEL.finditer(segment):
        cuts.add(m.start())
        cuts.add(_credit_end(segment, m.end()))
    return cuts


def _date_stamp_cuts(segment: str) -> set[int]:
    """Cuts around a date or time stamp, and before the name in front of it (the byline)."""
    cuts = set()
    for m in _DATE_STAMP.finditer(segment):
        window = max(0, m.start() - 120)
        before = segment[window:m.start()].rstrip()  # a window: linear time
        after = segment[m.end():m.end() + 2]
        prev_word = before.rsplit(" ", 1)[-1].lower() if before else ""
        if not m.group("kw") and (before.endswith((",", "(")) or prev_word in _PREPOSITIONS
                                  or after[:1] in ".,;:)" or after[1:2].islower()):
            continue
        cuts.update((m.start(), m.end()))
        words = [(w.start(), w.group()) for w in _TOKEN.finditer(before)][-3:]
        if len(words) == 3 and all(w.isupper() and w.isalpha() for _s, w in words[1:]) and not words[0][1].isupper():
            cuts.add(window + words[1][0])  # a name in capitals before the date: '... Plains DANA WHITEHORSE Tue, ...'
            # or a newsroom in capitals after the name: '... Saturday Jo Bloggs USA TODAY Updated ...'
            before = before[:words[1][0]].rstrip()
        # a bare name right before a dated stamp is the byline: '... tripled Jack Thorne Published:'
        words = [(w.start(), w.group()) for w in _TOKEN.finditer(before)][-4:]
        names = [(s, w) for s, w in words[-2:] if w[:1].isupper() and w.isalpha()]
        if len(names) == 2 and len(words) >= 3 and words[-3][1][-1:].islower():
            cuts.add(window + names[0][0])
    return cuts


def _label_cuts(segment: str) -> set[int]:
    """Cuts around a labelled credit ('Credit: SWNS', '© University of Plymouth') and a footer."""
    cuts = set()
    for m in _LABELS.finditer(segment):
        if m.group().startswith("©") and segment[m.end():m.end() + 1].isdigit():
            cuts.add(m.start())  # '© 2026 The Agency. All rights reserved.': a footer
            continue
        if not m.group().startswith("©") or segment[max(0, m.start() - 20):m.start()].rstrip().endswith(("reading", "Continue", ".")):
            cuts.add(m.start())
        if not m.group().startswith("Image caption"):  # a caption runs to its sentence's end
            cuts.add(_credit_end(segment, m.end()))
    return cuts


def _bracket_credit_cuts(segment: str) -> set[int]:
    """Cuts after a credit in brackets ('(Getty Images) A diplomat'), before a labelled one
    ('(Image: Getty)'), and around a bare slash credit outside brackets ('Getty Images/iStockphoto')."""
    cuts = set()
    for m in _PAREN.finditer(segment):
        nxt = segment[m.end():m.end() + 2]
        credit_like = _CREDIT_IN_PAREN.search(m.group()) or segment[max(0, m.start() - 5):m.start()].rstrip().endswith((".", "!", "?", "’", "'"))
        if credit_like and (nxt[1:2].isupper() or nxt[1:2] in "\"“‘(") and nxt[:1] == " ":
            cuts.add(m.end())
        if re.match(r"\((?:Image|Photo|Picture|Pic|Credit)s?:", m.group()) and not segment[max(0, m.start() - 5):m.start()].rstrip().endswith((".", "!", "?")):
            cuts.add(m.start())
    paren_spans = [m.span() for m in _PAREN.finditer(segment)]
    paren_starts = [a for a, _b in paren_spans]
    for m in _SLASH_CREDIT.finditer(segment):
        k = bisect.bisect_right(paren_starts, m.start()) - 1
        if k >= 0 and paren_spans[k][0] < m.start() < paren_spans[k][1]:
            continue  # inside brackets: '(AP Photo/Jo Bloggs)'
        cuts.add(m.start())
        if segment[m.end():m.end() + 2][1:2].isupper():
            cuts.add(m.end())
    return cuts


def _lost_break_cuts(segment: str) -> set[int]:
    """A lost line break: a capitalised function word after a word without punctuation,
    before a lower-case word or a number ('and repairs The transit agency said')."""
    cuts = set()
    words = list(_TOKEN.finditer(segment))
    function_words = _function_words()
    for k in range(1, len(words) - 1):
        word, prev, nxt = words[k].group(), words[k - 1].group(), words[k + 1].group()
        ends_open = prev[-1:].isalnum() or (prev[-1:] in "'’\"”)" and prev[-2:-1].isalnum())
        if word in function_words and ends_open and (nxt[:1].islower() or nxt[:1].isdigit()):
            cuts.add(words[k].start())
    return cuts


#: The furniture passes, each ``segment -> cuts``; the cuts are a set, so their order does not matter.
FURNITURE_PASSES = (_pattern_cuts, _date_stamp_cuts, _label_cuts, _bracket_credit_cuts, _lost_break_cuts)


def _unprotected(segment: str, cuts: set[int]) -> list[int]:
    """``cuts``, sorted, less those inside a byline, a date stamp or brackets."""
    protected = [m.span() for m in _BYLINE.finditer(segment)] + [m.span() for m in _PAREN.finditer(segment)]
    protected += [m.span() for m in _DATE_STAMP.finditer(segment) if m.group("kw") or ":" in m.group() or "." in m.group()]
    inside = set()
    for a, b in protected:
        inside.update(c for c in cuts if a < c < b)
    return sorted(c for c in cuts if 0 < c < len(segment) and c not in inside)


def _pieces(segment: str, start: int, cuts: list[int]) -> list[tuple[int, int]]:
    """The stripped pieces between ``cuts`` (offsets plus ``start``); punctuation alone
    ('|', '•') joins the piece before."""
    pieces: list[tuple[int, int]] = []
    bounds = [0] + cuts + [len(segment)]
    for a, b in zip(bounds, bounds[1:]):
        piece = segment[a:b]
        stripped = piece.strip()
        if not stripped or not any(ch.isalnum() for ch in stripped) and pieces:
            if stripped and pieces:
                s0, _e0 = pieces[-1]
                pieces[-1] = (s0, start + a + len(piece.rstrip()))
            continue
        lead = len(piece) - len(piece.lstrip())
        pieces.append((start + a + lead, start + a + lead + len(stripped)))
    return pieces


def split_run_on(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` offsets (in ``text``) of the pieces of ``text[start:end]``."""
    segment = text[start:end]
    cuts: set[int] = set()
    for furniture_pass in FURNITURE_PASSES:
        cuts |= furniture_pass(segment)
    # a quotation of several sentences stays one piece, as it was one paragraph: quotation
    # marks are read per piece (:mod:`analysis.text.quotes`)
    quotations = _quotation_spans(segment, sorted(cuts))
    cuts |= {c for c in _sentence_cuts(segment) if not _inside_quotation(c, quotations)}
    return _pieces(segment, start, _unprotected(segment, cuts))
