"""Split body paragraphs into sentences and say whose voice each one is.

Sentences come from Punkt (see :mod:`analysis.text.resources`), never across a
paragraph boundary, with one repair: a piece that starts with a lower-case
letter is joined to the one before (untrained Punkt splits '... weapons!” he
wrote.' after the exclamation mark).

Voice, from the share of the sentence's letters that lie inside quotation marks
(see :mod:`analysis.text.quotes`) and the main clause's attribution, if any
(:mod:`analysis.text.attribution`):

* ``narration``  - the outlet's own words: no attribution in the main clause and
  share <= ``NARRATION_MAX`` (0.2), perhaps with a scare-quoted phrase;
* ``reported``   - indirect speech: the main clause attributes a statement,
  belief or demand to a source ("X said (that) ...", "according to X", "...,
  X reported"), with quoted fragments up to ``REPORTED_MAX`` (0.35) of letters;
* ``quotation``  - a direct quotation with at most a bare tag ("he said", "said
  Mr X, 52, in a statement"), or share >= ``QUOTATION_MIN`` (0.8);
* ``mixed``      - a substantial quotation plus words that say more than who spoke.

The speaker is the attribution as written, cleaned ("Mr Bondarev", "he", "the
diplomat"); a sentence inside a quotation that runs on without attribution
inherits it from the quotation, and an unattributed quotation right after a
quoted one ('“X,” said A. “Y.”', or the next paragraph) takes the previous
speaker.  :mod:`analysis.text.sources` resolves speakers to canonical sources.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from .attribution import (DETERMINERS, QUOTATION_SHARE, QUOTE_PLACEHOLDER, Attribution, find_attribution, speech_verbs,
                          voice_of_attributed)
from .quotes import QuoteSpan
from .patterns import sentence_openers
from .resources import SENTENCE_FINAL_ABBREVIATIONS, TITLES, US_STATES, sentence_splitter, stop_words
from .sources import resolve_sources
NARRATION_MAX = 0.2
QUOTATION_MIN = 0.8
REPORTED_MAX = 0.35  # indirect speech with quoted fragments up to this share stays reported

_LETTER = re.compile(r"[^\W\d_]")

VOICES = ("narration", "reported", "mixed", "quotation")
#: The sets of sentences every measure is reported on: all body sentences and one per
#: pure voice (``mixed`` sentences count only in ``body``).
SCOPES = ("body", "narration", "reported", "quotation")


class Sentence(NamedTuple):
    """One body sentence, in reading order; the columns of ``Corpus.sentences``.

    ``sentence_id`` is ``<article_id>-s<NNN>``; ``position`` is 0-based in the
    article's body; ``relative_position`` 0 at the first sentence, 1 at the last;
    ``start``/``end`` are offsets in the article text; ``quoted_share`` is the
    share of letters inside quotation marks (0-1); ``speaker`` as written
    (e.g. "Mr Bondarev", "he"); ``speaker_source`` is "sentence", "quotation"
    (inherited within a quotation), "paragraph" (an unattributed quotation after
    an attributed one in the same paragraph), "previous paragraph" (a quotation
    paragraph right after a quoted or reported one), "next sentence" (a quotation
    before its attribution in the same paragraph), "next paragraph" (a quotation
    paragraph before one that opens with its speaker: 'Roe said ...') or ""; ``source`` the canonical source in
    the article ("Boris Bondarev", "UN Watch", "unnamed"; "" for narration or when
    unresolved), ``source_kind`` person, organisation or unnamed, and
    ``speaker_resolution`` named, alias, pronoun, description or unresolved
    (:mod:`analysis.text.sources`); ``quote_ids`` are the ids of the quotations it
    touches (as in ``Corpus.quotes``), space separated.
    """

    article_id: str
    sentence_id: str
    paragraph_id: str
    position: int
    position_in_paragraph: int
    relative_position: float
    start: int
    end: int
    n_letters: int
    quoted_share: float
    voice: str
    speaker: str
    speaker_source: str
    source: str
    source_kind: str
    speaker_resolution: str
    quote_ids: str
    text: str


SENTENCE_COLUMNS = list(Sentence._fields)


def scope_mask(voices, scope: str) -> np.ndarray:
    """Which sentences (given their voices) belong to ``scope`` (one of :data:`SCOPES`)."""
    voices = np.asarray(voices, dtype=object)
    if scope == "body":
        return np.ones(len(voices), dtype=bool)
    return voices == scope


_OPENERS = "\"'“”‘’ (["
_LAST_TOKEN = re.compile(r"(\S+)\s*$")
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
_SPEECH_AFTER = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s)?[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3}\s"
    r"(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|replied|recalled|insisted|warned|joked|tweeted)\b"
)
# starts only at the first mark of a run (lookbehind): a long run of ?! was tried from every position
_AFTER_QUOTED_END = re.compile(r"(?<![?!])[?!]++[”\"’']\s*+$")
_SPACE_AFTER_STOP = re.compile(r"(?<=[.…])\s+")
_ELLIPSIS_BREAK = re.compile(r"(?:(?<=[^.]\.\.\.)|(?<=…)) (?=[A-Z])")
#: A parenthesised state or party-and-state tag closing a piece: '(Ga.)', '(D-N.Y.)', '(I-Vt.)'.
_STATE_TAG_END = re.compile(r"\((?:[A-Z]-)?([A-Z][A-Za-z.]{0,5})\.\)$")
#: What never opens a sentence: a closing bracket or a clause's punctuation ('(Calif.|), who').
_CLOSING_START = re.compile(r"^[)\]},;:]")
#: Closing quotation marks Punkt may leave at the start of the next piece ('... plan!|” he').
_LEADING_CLOSERS = re.compile(r"[”»]+")
#: A dash after a state tag carries the sentence on: '(R-Fla.) — and ...'.
_DASH_START = re.compile(r"^[-–—―]")
#: What after the tag's verb starts a clause of its own: '“... a year?” Roe says there ...' is
#: two sentences, '“... a year?” Roe says.' / 'Roe said in a statement.' one.
_CLAUSE_AFTER_VERB = re.compile(r"\s(?:that|there|he|she|it|they|we|I|you)\b")
#: A word, a colon, then a quotation opened with a capital: a lead-in ('... as follows: “...').
_LEAD_IN_COLON = re.compile(r"(?<=[^\W\d_])[^\w\s]{0,2}:[ \t]+(?=[“\"][A-Z])")
#: The mark that closes each opening double mark.
_CLOSING_MARK = {"“": "”", '"': '"'}


_sentence_openers = sentence_openers  # the shared list (:mod:`analysis.text.patterns`)


def _abbreviation(token: str) -> str:
    """A token's abbreviation form as in :data:`~analysis.text.resources.ABBREVIATIONS`
    ('“Mr.' -> 'mr', '(D-Calif.)' -> 'calif', 'U.S.' -> 'u.s'), or '' if it has no final stop."""
    token = token.lstrip(_OPENERS)
    if not token.endswith("."):
        return ""
    return token[:-1].rsplit("-", 1)[-1].lower()


def _resplit(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a Punkt sentence again after an ellipsis, or after an abbreviation that ends a
    sentence ('a.m.', 'U.S.'), when the next word opens a new sentence, or after a
    lower-case 'no.' before a capital ('voted no. Rep. Roe ...')."""
    openers = _sentence_openers()
    cuts = []
    # Both cuts need a full stop or an ellipsis right before the space, so only those
    # spaces are looked at (the lookbehind sees before ``start``, as the ellipsis test does).
    for m in _SPACE_AFTER_STOP.finditer(text, start, end):
        space, after_space = m.start(), m.end()
        # windows, not the whole sentence: linear time on a very long "sentence"
        before = text[max(start, space - 60):space]
        after = text[after_space:min(end, after_space + 60)]
        word = after.split(None, 1)[0] if after else ""
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        if _ELLIPSIS_BREAK.match(text, space) and after_space - space == 1 and word[:1].isupper():
            cuts.append((space, after_space))
        elif _abbreviation(last) in SENTENCE_FINAL_ABBREVIATIONS and word.strip(_OPENERS) in openers:
            cuts.append((space, after_space))
        elif last.lstrip(_OPENERS) == "no." and word.lstrip(_OPENERS)[:1].isupper():
            cuts.append((space, after_space))  # 'she said no. Rep. Roe ...': 'No. 10' is written capitalised
    starts = [start] + [b for _a, b in cuts]
    ends = [a for a, _b in cuts] + [end]
    return list(zip(starts, ends))


def _joins(previous: str, following: str) -> bool:
    """Whether a Punkt cut between two pieces is wrong and the pieces are one sentence."""
    first = following.lstrip(_OPENERS)[:1]
    if first.islower():
        return True  # '... weapons!” he wrote.'
    if _CLOSING_START.match(following):
        return True  # 'Sen. Jane Roe (Calif.' / '), who ...': no sentence opens with a closing bracket
    if _DASH_START.match(following) and previous.rstrip()[-1:] in "”\"":
        return True  # '“... a fiasco.” ― Jo Bloggs': the quotation's signature
    if not any(ch.isalnum() for ch in following):
        return True  # 'Wow !!!': punctuation alone is never a sentence
    previous = previous[-80:]
    following = following[:200]
    match = _LAST_TOKEN.search(previous)
    last = match.group(1) if match else ""
    abbreviation = _abbreviation(last)
    next_word = following.split(None, 1)[0].strip(_OPENERS) if following.strip() else ""
    if abbreviation in TITLES:
        return True  # '“Mr.' / 'Trump is wrong'
    if abbreviation == "no" and next_word[:1].isdigit():
        return True  # 'No. 10'
    opens_sentence = next_word in _sentence_openers()
    if _INITIALS.match(last.lstrip(_OPENERS)) and first.isupper() and not opens_sentence:
        return True  # 'T.J. Reardon', 'D.C. Council'
    if abbreviation in US_STATES and re.search(r"(?:,\s|-)\S+$", previous) and not opens_sentence:
        return True  # 'Rome, Ga. Officials' is rare; '(D-Calif.) Sen.' is not a break
    tag = _STATE_TAG_END.search(previous)
    if tag and tag.group(1).lower() in US_STATES and (not opens_sentence or _DASH_START.match(following)):
        return True  # 'Maricopa County (Ariz.) Sheriff Jo Roe', 'Sen. Jo Roe (R-Fla.) — and ...'
    if _AFTER_QUOTED_END.search(previous):
        speech = _SPEECH_AFTER.match(following)
        if speech and not _CLAUSE_AFTER_VERB.match(following, speech.end()):
            return True  # '“... for this?” Hollis said.'
    return False


def _lead_in_end(text: str, start: int, end: int) -> int | None:
    """Where a block quotation opens in the sentence ``text[start:end]``, or None.

    A lead-in ending in a colon, with no speaker of its own, that opens a quotation
    running on past the sentence ('Sanders made the following comment: “For young people
    ... 33 percent.', 'Partial transcript as follows: "WALLACE: ...') is a sentence of its
    own, whether a line break follows the colon or not: pages set such a quotation as a
    block below its lead-in about as often as in the same paragraph, and the units must
    not depend on it.  A lead-in that names its speaker ('He told reporters: "We had no
    choice. ...') stays with the quotation, as does a quotation closed inside the sentence
    ('The sign read: “Closed.”').
    """
    match = _LEAD_IN_COLON.search(text, start, end)
    if match is None:
        return None
    mark = match.end()
    if _CLOSING_MARK[text[mark]] in text[mark + 1:end]:
        return None  # closed in the sentence
    lead_in = text[start:match.start() + 1]
    if lead_in.count("“") > lead_in.count("”") or lead_in.count('"') % 2:
        return None  # inside another quotation: '"... read you the question: “As you know, ...'
    return None if _names_speaker(lead_in) else mark


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _names_speaker(lead_in: str) -> bool:
    """Whether a lead-in ending in a colon attributes what follows: the attribution finder
    reads it ('He told reporters:'), or one of its last four words is a speech verb not
    used as a noun after a determiner ('A spokesperson said:', but not 'From the report:',
    'made the following comment:')."""
    if find_attribution(lead_in) is not None:
        return True
    words = [w.lower() for w in _WORD.findall(lead_in[-80:])][-4:]
    verbs = speech_verbs()
    return any(w in verbs and (k == 0 or words[k - 1] not in DETERMINERS | {"following"}) for k, w in enumerate(words))


def split_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets in ``text``.

    Punkt (with :data:`~analysis.text.resources.ABBREVIATIONS`), then repairs for news
    text: a piece starting in lower case, or made of punctuation only ("!!"), joins the
    one before; a cut after a title
    ("Sen.", "“Mr."), initials ("J.D. Vance"), "No." before a number, an AP state
    after a comma or party tag ("Ga.", "(D-Calif.)") or a question or exclamation
    inside a quotation followed by its attribution ('?” Hollis said.') is undone; a
    sentence is cut after an ellipsis, or after "a.m."/"U.S." and the like, before a
    word that opens a sentence ("The", "It").
    """
    pieces: list[list[int]] = []
    for start, end in sentence_splitter().span_tokenize(text):
        for s, e in _resplit(text, start, end):
            closers = _LEADING_CLOSERS.match(text, s, e) if pieces else None
            if closers:  # the closing marks end the sentence before: '... Hispanics!|”Former ...'
                pieces[-1][1] = s = closers.end()
                s += len(text[s:e]) - len(text[s:e].lstrip())
                if s >= e:
                    continue
            if pieces and _joins(text[pieces[-1][0]:pieces[-1][1]], text[s:e]):
                pieces[-1][1] = e
            else:
                pieces.append([s, e])
    spans = []
    for s, e in pieces:
        mark = _lead_in_end(text, s, e)
        if mark is None:
            spans.append((s, e))
        else:  # 'Sanders made the following comment:' | '“For young people ...'
            spans += [(s, len(text[:mark].rstrip())), (mark, e)]
    return spans


def voice_of(quoted_share: float, attribution: Attribution | None = None) -> str:
    """Voice from the quoted share of letters and, when the main clause attributes
    the sentence to a source, the shape of the attribution
    (:func:`analysis.text.attribution.voice_of_attributed`)."""
    if attribution is not None:
        return voice_of_attributed(quoted_share, attribution, REPORTED_MAX)
    if quoted_share <= NARRATION_MAX:
        return "narration"
    if quoted_share >= QUOTATION_MIN:
        return "quotation"
    return "mixed"


def _mask_quotes(text: str, runs: list[tuple[int, int]], start: int, end: int) -> str:
    """The sentence ``text[start:end]`` with each quoted stretch (``runs``, from
    :func:`_quoted_runs`) replaced by one placeholder character."""
    pieces, at = [], start
    for a, b in runs:
        if b <= start or a >= end:
            continue
        pieces += [text[at:max(a, start)], QUOTE_PLACEHOLDER]
        at = min(b, end)
    pieces.append(text[at:end])
    return "".join(pieces)


def _quoted_runs(spans: list[QuoteSpan], length: int) -> list[tuple[int, int]]:
    """The stretches of a paragraph of ``length`` characters inside the quotation ``spans``:
    their union, as sorted disjoint ``(start, end)`` pairs."""
    runs: list[list[int]] = []
    for start, end in sorted((max(0, s.start), min(length, s.end)) for s in spans):
        if start >= end:
            continue
        if runs and start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    return [(start, end) for start, end in runs]


def sentence_records(article_id: str, body: list[tuple[str, int, str]], spans: list[QuoteSpan], *,
                     sources: bool = True) -> list[Sentence]:
    """The rows of :func:`sentence_rows` as :class:`Sentence` records, from
    ``(paragraph_id, start, text)`` of each body paragraph.

    With ``sources=False`` the speakers are not resolved to sources (``source``,
    ``source_kind`` and ``speaker_resolution`` are left empty): for callers that use
    neither, such as the corpus metrics, it saves about a sixth of the work."""
    rows = []
    spans_by_paragraph: dict[int, list[QuoteSpan]] = {}
    for span in spans:
        if span.depth == 0:
            spans_by_paragraph.setdefault(span.paragraph, []).append(span)
    for p_index, (paragraph_id, paragraph_start, text) in enumerate(body):
        p_spans = spans_by_paragraph.get(p_index, [])
        quoted_runs = _quoted_runs(p_spans, len(text))
        for k, (start, end) in enumerate(split_sentence_spans(text)):
            n_letters = len(_LETTER.findall(text, start, end))
            quoted = sum(len(_LETTER.findall(text, max(start, a), min(end, b)))
                         for a, b in quoted_runs if a < end and b > start)
            share = quoted / n_letters if n_letters else 0.0
            masked = _mask_quotes(text, quoted_runs, start, end) if quoted else text[start:end]
            # the tag's shape matters only to a partly quoted sentence (voice_of_attributed)
            attribution = find_attribution(masked, shape=0 < share < QUOTATION_SHARE)
            voice = voice_of(share, attribution)
            rows.append({
                "article_id": article_id,
                "paragraph_id": paragraph_id,
                "position_in_paragraph": k,
                "start": paragraph_start + start,
                "end": paragraph_start + end,
                "n_letters": n_letters,
                "quoted_share": share,
                "voice": voice,
                "attribution": attribution if voice != "narration" else None,
                "masked": masked,
                "quote_ids": [s.quote_id for s in p_spans if s.start < end and s.end > start],
                "text": text[start:end],
            })
    # A quotation's speaker is the first one attributed in any sentence it touches;
    # sentences of the quotation without their own attribution inherit it.
    origin_of_quote: dict[int, int] = {}
    for position, row in enumerate(rows):
        for quote_id in row["quote_ids"]:
            if row["attribution"] is not None:
                origin_of_quote.setdefault(quote_id, position)
    n = len(rows)
    inherits: list[int | None] = [None] * n
    for position, row in enumerate(rows):
        row["sentence_id"] = f"{article_id}-s{position:03d}"
        row["position"] = position
        row["relative_position"] = position / (n - 1) if n > 1 else 0.0
        row["speaker"] = row["attribution"].speaker if row["attribution"] is not None else ""
        row["speaker_source"] = "sentence" if row["speaker"] else ""
        if row["speaker"] or row["voice"] == "narration":
            continue
        inherited = [origin_of_quote[q] for q in row["quote_ids"] if q in origin_of_quote]
        previous = rows[position - 1] if position else None
        if inherited:
            inherits[position] = inherited[0]
            row["speaker_source"] = "quotation"
        elif (row["voice"] == "quotation" and previous is not None
              and (previous["attribution"] is not None or inherits[position - 1] is not None)
              and previous["voice"] != "narration"):
            # '“X,” said A. “Y.”', 'A said X. “Y.”', 'A said:' then a quotation paragraph, a
            # quotation paragraph right after a quoted or reported one: an unattributed
            # quotation continues the previous speaker
            inherits[position] = position - 1 if inherits[position - 1] is None else inherits[position - 1]
            same = previous["paragraph_id"] == row["paragraph_id"]
            row["speaker_source"] = "paragraph" if same else "previous paragraph"
    # a quotation before its attribution: '"X." Roe said Y.' and a quotation paragraph
    # followed by one that opens with its speaker ('Roe said ...', 'He added ...')
    for position in range(n - 2, -1, -1):
        row, following = rows[position], rows[position + 1]
        if row["speaker"] or row["voice"] not in ("quotation", "mixed") or inherits[position] is not None:
            continue
        same = following["paragraph_id"] == row["paragraph_id"]
        source = position + 1 if following["attribution"] is not None else inherits[position + 1] if same else None
        if source is None or rows[source]["attribution"] is None:
            continue
        opens = not same and following["position_in_paragraph"] == 0 \
            and rows[source]["attribution"].rule == "subject" and rows[source]["attribution"].tag[:1] \
            and rows[source]["attribution"].tag[0][0] == 0
        if same or opens:
            inherits[position] = source
            row["speaker_source"] = "next sentence" if same else "next paragraph"
    for position, row in enumerate(rows):
        if inherits[position] is not None:
            row["speaker"] = rows[inherits[position]]["attribution"].speaker
    resolved = resolve_sources([row["masked"] for row in rows], [row["attribution"] for row in rows], inherits) \
        if sources else [None] * len(rows)
    records = []
    for row, found in zip(rows, resolved):
        row.pop("attribution"), row.pop("masked")
        if found is None:
            row.update(source="", source_kind="", speaker_resolution="")
        else:
            resolution = found.resolution or ("unresolved" if row["voice"] != "narration" and not found.source else "")
            row.update(source=found.source, source_kind=found.source_kind, speaker_resolution=resolution)
        row["quote_ids"] = " ".join(f"{article_id}-q{q:03d}" for q in row["quote_ids"])
        records.append(Sentence(**row))
    return records
