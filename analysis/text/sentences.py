"""Split body paragraphs into sentences and say whose voice each one is.

Sentences come from Punkt (see :mod:`analysis.text.resources`), never across a
paragraph boundary, with one repair: a piece that starts with a lower-case
letter is joined to the one before (untrained Punkt splits '... weapons!” he
wrote.' after the exclamation mark).

Voice, from the share of the sentence's letters that lie inside quotation marks
(see :mod:`analysis.text.quotes`) and the main clause's attribution, if any
(:mod:`analysis.text.attribution`):

* ``narration``  - the outlet's own words: no attribution in the main clause and
  share <= ``NARRATION_MAX`` (0.2), perhaps with a scare-quoted phrase; also a bare tag
  before a colon ('Roe told reporters on Monday:'), which says who speaks but not what, and a
  sentence no one speaks in whose quoted stretches are a word or two each, terms, titles or scare
  quotes, however much of a short sentence they hold (``_scare_quotes``);
* ``reported``   - indirect speech: the main clause attributes a statement,
  belief or demand to a source ("X said (that) ...", "according to X", "...,
  X reported"), with quoted fragments up to ``REPORTED_MAX`` (0.35) of letters,
  unless what follows the tag is mostly quoted (``CONTENT_QUOTED``, 0.6 of its
  letters: 'After a long speech in the square on Monday, Roe said the vote was “a
  disgrace to all of us.”' is mixed);
* ``quotation``  - a direct quotation with at most a bare tag ("he said", "said
  Mr X, 52, in a statement"), or share >= ``QUOTATION_MIN`` (0.8);
* ``mixed``      - a substantial quotation plus words that say more than who spoke.

The speaker is the attribution as written, cleaned ("Mr Bondarev", "he", "the
diplomat"); a quotation with none takes the one its layout states (a lead-in
ending in a colon before it, a signature line after it); a sentence inside a
quotation that runs on without attribution inherits it from the quotation, and
an unattributed quotation right after a quoted one ('“X,” said A. “Y.”', or the
next paragraph) takes the previous speaker.  :mod:`analysis.text.sources` resolves speakers to canonical sources.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .attribution import (_NUMBER_WORDS, DETERMINERS, QUOTATION_SHARE, QUOTE_PLACEHOLDER, Attribution, Token,
                          _clean_name, _name_runs, _strip_dateline, _verbs_at, find_attribution, is_bare_tag,
                          speech_verbs, tokenize, transcript_label, voice_of_attributed)
from .quotes import QuoteSpan
from .patterns import sentence_openers
from .resources import SENTENCE_FINAL_ABBREVIATIONS, TITLES, US_STATES, punkt_spans, stop_words
from .sources import Resolved, is_first_name, resolve_sources

NARRATION_MAX = 0.2
QUOTATION_MIN = 0.8
REPORTED_MAX = 0.35  # indirect speech with quoted fragments up to this share stays reported

#: a run of letters: counting letters as the lengths of runs makes one match per word, not per letter
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _count_letters(text: str, start: int, end: int) -> int:
    """The letters (``[^\\W\\d_]``) of ``text[start:end]``."""
    return sum(map(len, _LETTER_RUN.findall(text, start, end)))

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
    (e.g. "Mr Bondarev", "he"); ``speaker_source`` is "sentence", "quotation" (inherited within
    a quotation), "paragraph" (an unattributed quotation after an attributed one in the same
    paragraph, narration perhaps between), "previous paragraph" (a quotation paragraph right
    after a quoted or reported one), "next sentence" (a quotation before its attribution in the
    same paragraph), "next paragraph" (a quotation paragraph before one that opens with its
    speaker going on: 'Roe continued, ...', 'Roe also said ...'), "lead-in" (a quotation after a
    sentence ending in a colon that names its speaker: 'Roe issued this statement:', or that names no one right after a quoted
    speaker: 'Roe said, “...”' then 'Transcript as follows:'), "signature" (a quotation before a
    paragraph signing it: '― Jane Roe'), "turn" (a sentence after a transcript label in its
    paragraph: 'ROE: We will not back down. The vote is ours.', a dialogue's turn after its
    speaker's name: 'Jane Roe: ...', or an interview's answer after 'A:'), "statement" (a partly quoted
    sentence, its subject's: 'Roe issued a statement, “...”', 'Roe thanked the council for
    “...”') or ""; ``source`` the canonical source in the article ("Boris Bondarev",
    "UN Watch", "unnamed"; "" for narration or when unresolved), ``source_kind`` person,
    organisation or unnamed, and ``speaker_resolution`` named, alias, pronoun, description or
    unresolved (:mod:`analysis.text.sources`); ``quote_ids`` are the ids of the quotations it
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
    r"^(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s)?[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3}\s([a-z]+)\b"
)
# starts only at the first mark of a run (lookbehind): a long run of ?! was tried from every position
_AFTER_QUOTED_END = re.compile(r"(?<![?!])[?!]++(?:''|[”\"’'])\s*+$")  # '' : two apostrophes as a double mark
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


def _is_speech_verb_form(word: str) -> bool:
    """Whether ``word`` is a one-word form of the speech-verb lexicon ("said", "responded")."""
    return any(len(verb.words) == 1 for verb in speech_verbs().get(word, ()))


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
    if not any(ch.isalnum() for ch in previous):
        return True  # '“… There is evidence': nor are the marks that take up a quotation again
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
        if speech and _is_speech_verb_form(speech.group(1)) and not _CLAUSE_AFTER_VERB.match(following, speech.end()):
            return True  # '“... for this?” Hollis said.', '“... now?” Roe responded.'
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
    one before, and a piece of punctuation only ('“…') the one after; a cut after a title
    ("Sen.", "“Mr."), initials ("J.D. Vance"), "No." before a number, an AP state
    after a comma or party tag ("Ga.", "(D-Calif.)") or a question or exclamation
    inside a quotation followed by its attribution ('?” Hollis said.') is undone; a
    sentence is cut after an ellipsis, or after "a.m."/"U.S." and the like, before a
    word that opens a sentence ("The", "It").
    """
    pieces: list[list[int]] = []
    for start, end in punkt_spans(text):
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


class _Paragraph(NamedTuple):
    """A body paragraph as the sentence passes read it."""

    paragraph_id: str
    start: int  # offset of the paragraph in the article text
    text: str
    spans: list[QuoteSpan]  # its top-level quotations
    quoted_runs: list[tuple[int, int]]  # the stretches inside them (:func:`_quoted_runs`)


@dataclass
class _Draft:
    """A body sentence on its way to a :class:`Sentence`: measured and voiced by
    :func:`_draft_sentence`; ``speaker``, ``speaker_source`` and ``inherits`` are filled in
    by the speaker passes of :func:`sentence_records`."""

    paragraph_id: str
    position_in_paragraph: int
    start: int  # offsets in the article text
    end: int
    n_letters: int
    quoted_share: float
    voice: str
    attribution: Attribution | None  # the main clause's own, None for narration
    masked: str  # the sentence with each quoted stretch one placeholder
    quote_ids: list[int]  # the quotations it touches
    text: str
    speaker: str = ""
    speaker_source: str = ""
    inherits: int | None = None  # the position of the sentence whose speaker it takes
    lead_in: Attribution | None = None  # a bare tag before a colon ('Roe said:'), itself narration
    quoted: tuple[str, ...] = ()  # its quoted stretches, marks and all


def sentence_records(article_id: str, body: list[tuple[str, int, str]], spans: list[QuoteSpan], *,
                     sources: bool = True) -> list[Sentence]:
    """The rows of :func:`sentence_rows` as :class:`Sentence` records, from
    ``(paragraph_id, start, text)`` of each body paragraph.

    With ``sources=False`` the speakers are not resolved to sources (``source``,
    ``source_kind`` and ``speaker_resolution`` are left empty): for callers that use
    neither, such as the corpus metrics, it saves about a sixth of the work."""
    drafts = [draft for paragraph in _paragraphs(body, spans) for draft in _paragraph_drafts(paragraph)]
    for speaker_pass in _SPEAKER_PASSES:
        speaker_pass(drafts)
    resolved = resolve_sources([d.masked for d in drafts], [d.attribution for d in drafts],
                               [d.inherits for d in drafts]) if sources else [None] * len(drafts)
    return [_sentence(article_id, position, len(drafts), draft, found)
            for position, (draft, found) in enumerate(zip(drafts, resolved))]


# -- measuring each sentence ---------------------------------------------------------
def _paragraphs(body: list[tuple[str, int, str]], spans: list[QuoteSpan]) -> list[_Paragraph]:
    """Each body paragraph ``(paragraph_id, start, text)`` with its top-level quotations
    (nested ones, 'a ‘b’ c' inside “...”, lie inside them)."""
    spans_by_paragraph: dict[int, list[QuoteSpan]] = {}
    for span in spans:
        if span.depth == 0:
            spans_by_paragraph.setdefault(span.paragraph, []).append(span)
    paragraphs = []
    for p_index, (paragraph_id, paragraph_start, text) in enumerate(body):
        p_spans = spans_by_paragraph.get(p_index, [])
        paragraphs.append(_Paragraph(paragraph_id, paragraph_start, text, p_spans, _quoted_runs(p_spans, len(text))))
    return paragraphs


def _paragraph_drafts(paragraph: _Paragraph) -> list[_Draft]:
    """The paragraph's sentences (:func:`split_sentence_spans`), measured and voiced."""
    return [_draft_sentence(paragraph, k, start, end)
            for k, (start, end) in enumerate(split_sentence_spans(paragraph.text))]


def _draft_sentence(paragraph: _Paragraph, k: int, start: int, end: int) -> _Draft:
    """The ``k``-th sentence ``paragraph.text[start:end]``: its letters, the share of them
    quoted, the main clause's attribution read with the quotations masked ('“...,” he said'
    -> '<placeholder> he said') and the voice they give."""
    text = paragraph.text
    n_letters = _count_letters(text, start, end)
    quoted = _quoted_letters(text, paragraph.quoted_runs, start, end)
    share = quoted / n_letters if n_letters else 0.0
    masked = _mask_quotes(text, paragraph.quoted_runs, start, end) if quoted else text[start:end]
    # the tag's shape matters only to a partly quoted sentence (voice_of_attributed) and to a lead-in
    before_colon = share == 0 and masked.rstrip().endswith(":")
    attribution = find_attribution(masked, shape=0 < share < QUOTATION_SHARE or before_colon)
    bare_lead_in = before_colon and attribution is not None \
        and (attribution.extra_words == 0 or attribution.ends_before_colon) \
        and attribution.rule != "according"
    # 'Roe said in a statement.' after a quotation split off from it: the tag alone
    bare_lead_in = bare_lead_in or (share == 0 and attribution is not None and len(masked) < 300
                                    and is_bare_tag(masked, attribution))
    # 'Roe told reporters on Monday:' reports nothing itself: what follows is what was said
    voice = "narration" if bare_lead_in else voice_of(share, attribution)
    if voice == "reported" and share > 0 and _quoted_content(text, paragraph.quoted_runs, start, end, masked,
                                                              attribution):
        voice = "mixed"
    return _Draft(
        paragraph_id=paragraph.paragraph_id,
        position_in_paragraph=k,
        start=paragraph.start + start,
        end=paragraph.start + end,
        n_letters=n_letters,
        quoted_share=share,
        voice=voice,
        attribution=attribution if voice != "narration" else None,
        lead_in=attribution if bare_lead_in else None,
        masked=masked,
        quote_ids=[s.quote_id for s in paragraph.spans if s.start < end and s.end > start],
        text=text[start:end],
        quoted=tuple(text[max(start, a):min(end, b)] for a, b in paragraph.quoted_runs if a < end and b > start)
        if quoted else (),
    )


#: Of the letters after a reported sentence's tag, the share inside quotation marks from which
#: what was said is mostly quoted: 'Roe told voters that she “loves every one of you here.”'
#: (well over half: 'Roe said the plans amounted to “death by red tape”', about as much quoted as
#: not, stays reported)
CONTENT_QUOTED = 0.6


def _quoted_content(text: str, runs: list[tuple[int, int]], start: int, end: int, masked: str,
                    attribution: Attribution) -> bool:
    """Whether what follows the tag of the attributed sentence ``text[start:end]`` (``masked``
    with its quotations as placeholders) is mostly quoted: its share of quoted letters, low in
    the sentence as a whole when the tag is long ('In a speech to donors in Springfield on
    Monday, Roe said the vote was “a disgrace to the harbour.”'), is high in what was said."""
    if not attribution.tag:
        return False
    tokens = tokenize(masked)
    # the tag counts tokens after a dateline, which find_attribution strips first
    read = _strip_dateline(tokens)
    tag_end = max(e for _, e in attribution.tag)
    # a subject's tag ends before its verb group: what was said starts after the verb
    said_end = next((e for s, e, verb in _verbs_at(read)
                     if tag_end <= s < tag_end + 4 and verb.lemma == attribution.verb), tag_end)
    after = len(tokens) - len(read) + said_end
    letters = [_count_letters(text, max(start, a), min(end, b)) for a, b in runs if a < end and b > start]
    placeholders = [k for k, t in enumerate(tokens) if t.text == QUOTE_PLACEHOLDER]
    quoted = sum(n for k, n in zip(placeholders, letters) if k >= after)
    unquoted = sum(_count_letters(t.text, 0, len(t.text)) for t in tokens[after:] if t.text != QUOTE_PLACEHOLDER)
    return quoted + unquoted > 0 and quoted >= CONTENT_QUOTED * (quoted + unquoted)


def _quoted_letters(text: str, runs: list[tuple[int, int]], start: int, end: int) -> int:
    """How many letters of ``text[start:end]`` lie inside the quoted ``runs``: 2 in 'He
    said “no”.'."""
    return sum(_count_letters(text, max(start, a), min(end, b)) for a, b in runs if a < end and b > start)


# -- who speaks: passes over the article's sentences, in this order ------------------
def _own_speakers(drafts: list[_Draft]) -> None:
    """A sentence's speaker is its own attribution's ('Roe said X.' -> 'Roe')."""
    for draft in drafts:
        draft.speaker = draft.attribution.speaker if draft.attribution is not None else ""
        draft.speaker_source = "sentence" if draft.speaker else ""


def _speakers_by_layout(drafts: list[_Draft]) -> None:
    """A quotation with no attribution of its own takes the one its layout states: a
    lead-in sentence ending in a colon right before it ('Gov. Roe issued the following
    statement:' then '“...”'; 'POLLS TOO EARLY - Jane Roe:' then a quotation paragraph) or a
    bare tag ending in a full stop ('Roe said in a statement.' then '“...”'),
    or a signature paragraph right after it ('“...”' then '― Jane Roe, editor of The
    Review.').  The lead-in or signature is read as if it were written in the quotation's
    sentence (:func:`~analysis.text.attribution.find_attribution`); an "it" before a colon
    ('Wait, it gets better:') speaks for no one.  The rest of the quotation takes the speaker
    from the passes after this one."""
    for position, draft in enumerate(drafts):
        if draft.attribution is not None or draft.voice not in ("quotation", "mixed"):
            continue
        previous = drafts[position - 1] if position else None
        following = drafts[position + 1] if position + 1 < len(drafts) else None
        found, source = None, ""
        if previous is not None and previous.voice == "narration" and previous.text.rstrip().endswith(":"):
            found, source = find_attribution(f"{previous.masked.rstrip()} {QUOTE_PLACEHOLDER}"), "lead-in"
            if found is not None and found.kind == "pronoun" and found.speaker == "it":
                found = None
        elif previous is not None and previous.voice == "narration" and previous.lead_in is not None:
            found, source = previous.lead_in, "lead-in"  # 'Roe said in a statement.' then '“...”'
        if found is None and following is not None and following.voice == "narration" \
                and following.paragraph_id != draft.paragraph_id:
            found, source = find_attribution(f"{QUOTE_PLACEHOLDER} {following.masked.strip()}"), "signature"
            if found is not None and found.rule != "layout":
                found = None  # '“...”' then 'Roe said on Monday ...' is the next paragraph's own
        if found is not None:
            draft.attribution, draft.speaker, draft.speaker_source = found, found.speaker, source


#: Words of a lead-in that introduces more of the same speaker's words: a transcript, an
#: excerpt, remarks in full ('Transcript as follows:', 'Partial transcript:', 'Her remarks:').
_MORE_OF_THE_SAME = frozenset({"transcript", "excerpt", "excerpts", "remarks", "follows"})


#: marks that open a quotation paragraph
_QUOTE_MARKS = "\"“„«"


def _opens_with_label(text: str) -> bool:
    """Whether a quotation opens with a transcript's speaker label ('"DOE: Mayor Roe, ...'), as the
    attribution's layout reader finds one: a dialogue follows, not more of one speaker."""
    found = find_attribution(text.lstrip(_QUOTE_MARKS + " "))
    return found is not None and found.rule == "layout"


def _anonymous_lead_in(text: str) -> bool:
    """A lead-in ending in a colon that names no one and introduces a transcript or remarks
    ('Transcript as follows:', 'Partial transcript:', 'His remarks, in full:'); not one that
    brings in someone else ('Her opponent's reply:', 'Others disagreed:', 'The crowd chanted:',
    'Here is the letter Roe sent:')."""
    words = _WORD.findall(text)
    lower = [w.lower() for w in words]
    return len(words) <= 6 and not any(w[0].isupper() for w in words[1:]) \
        and any(w in _MORE_OF_THE_SAME for w in lower) \
        and not any(w.endswith(("'s", "’s")) or w in {"others", "other", "opponent", "opponents"} for w in lower)


#: A question-and-answer interview's labels opening a paragraph: 'Q: ...', 'A. ...'.
_INTERVIEW_LABEL = re.compile(r"(Q|A|Question|Answer)[:.]\s")


def _interview_answers(drafts: list[_Draft]) -> None:
    """In a question-and-answer interview (two or more paragraphs opening 'Q:' and two or more
    opening 'A:'), each answer is the interviewee's words: the first person the article names
    before its first question, by full name ('Actress Jane Roe has ...' -> Jane Roe).  An answer
    paragraph's first sentence takes that speaker (a layout label, so the paragraph's other
    sentences follow it, :func:`_transcript_turns`); the questions stay the outlet's own words."""
    openers = [(k, _INTERVIEW_LABEL.match(d.text)) for k, d in enumerate(drafts) if d.position_in_paragraph == 0]
    labels = [(k, m.group(1)[0]) for k, m in openers if m]
    if sum(label == "Q" for _, label in labels) < 2 or sum(label == "A" for _, label in labels) < 2:
        return
    answers = [k for k, label in labels if label == "A"]
    if sum(_FIRST_PERSON.search(drafts[k].text) is not None for k in answers) * 2 < len(answers):
        return  # answers not in the first person: an explainer's questions and answers, not an interview
    first_question = min(k for k, label in labels if label == "Q")
    interviewee = _most_named_person(drafts[:first_question])
    if not interviewee:
        return
    answer = Attribution(interviewee, "name", "person", "answer", "layout")
    for k, label in labels:
        if label != "A" or drafts[k].quoted_share:
            continue
        for draft in drafts[k:]:
            if draft.paragraph_id != drafts[k].paragraph_id:
                break
            # the label's sentence, and the answer's own 'I said', 'we decided': the interviewee
            if draft is drafts[k] or (draft.attribution is not None and draft.attribution.speaker.lower() in {"i", "we"}
                                      and draft.quoted_share == 0):
                draft.attribution = answer
                draft.voice, draft.speaker, draft.speaker_source = "reported", interviewee, "sentence"


#: A word of the first person: an interview's answers are spoken by the interviewee.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|me|my|we|We|our|Our|My)\b")


def _most_named_person(drafts: list[_Draft]) -> str:
    """The person named in full in ``drafts`` whose surname comes up most often there (the first
    named, on a tie): 'Staff writer John Doe sat down with Jane Roe. Roe, 61, ...' -> Jane Roe."""
    names = [name for d in drafts for name in _person_names(d.masked)]
    if not names:
        return ""
    text = " ".join(d.masked for d in drafts)
    counts = {name: len(re.findall(rf"\b{re.escape(name.split()[-1])}\b", text)) for name in names}
    return max(names, key=lambda name: (counts[name], -names.index(name)))


def _person_names(text: str) -> list[str]:
    """The full names of people (two or more words) in ``text``, in order, titles and roles dropped."""
    tokens = tokenize(text)
    names = []
    for a, b in _name_runs(tokens):
        name, hint = _clean_name([t.text for t in tokens[a:b]], tokens[:a])
        words = name.split()
        if a == 0 and len(words) >= 3 and not is_first_name(words[0]):
            words = words[1:]  # a role capitalised as the sentence's first word: 'Actress Jane Roe'
        if hint == "person" and len(words) >= 2:
            names.append(" ".join(words))
    return names


def _dialogue_labels(drafts: list[_Draft]) -> dict[int, TranscriptLabel]:
    """The labels opening paragraphs (:func:`~analysis.text.attribution.transcript_label`) when
    they set down a dialogue, labels of two speakers at least (so a single 'WASHINGTON: ...'
    is never a speaker), by position; else none.  A label in a name's own capitals counts only
    as a full name with a known first name ('Jane Roe:') or its surname ('Roe:'), never a
    heading such as 'Bottom Line:'."""
    labels = {}
    for position, draft in enumerate(drafts):
        if draft.position_in_paragraph == 0 and ":" in draft.text:  # (no colon, no label: most sentences)
            label = transcript_label(draft.text.lstrip(_QUOTE_MARKS + " "))
            if label is not None:
                labels[position] = label
    full_names = {label.speaker for label in labels.values() if not label.capitals
                  and len(label.speaker.split()) >= 2 and is_first_name(label.speaker.split()[0])}
    surnames = {name.split()[-1] for name in full_names}
    labels = {position: label for position, label in labels.items()
              if label.capitals or label.speaker in full_names or label.speaker in surnames}
    people = {label.speaker.split()[-1].lower() for label in labels.values() if label.speaker}
    return labels if len(people) >= 2 else {}


def _dialogue_turns(drafts: list[_Draft]) -> None:
    """A dialogue set down as labelled paragraphs (:func:`_dialogue_labels`).  A paragraph
    with no attribution of its own opening with its speaker's label is a turn of that speaker
    ('Jane Roe: If I may ...', 'ROE: Well, ...'; reported when unquoted, and the rest of its
    paragraph with it, :func:`_transcript_turns`).  Inside quotation marks ('"DOE: If I may
    ...', as some archives print a transcript, one quotation running on over every turn), the
    quotation paragraphs after a turn with no label of their own are that speaker's too (a
    long answer), up to the next paragraph that is not quoted; a paragraph under a heading's
    label ('"VIDEO: ...') is no one's."""
    labels = _dialogue_labels(drafts)
    if not labels:
        return
    turn: int | None = None
    for position, draft in enumerate(drafts):
        quoted = draft.text[:1] in _QUOTE_MARKS
        if draft.position_in_paragraph == 0:
            label = labels.get(position)
            # a turn: a speaker's label on a paragraph with no attribution of its own (inside
            # quotation marks, one that holds quoted words)
            own = label is not None and bool(label.speaker) and draft.attribution is None \
                and (not quoted or draft.voice in ("quotation", "mixed"))
            if own:
                draft.attribution = Attribution(label.speaker, "name", "person", "", "layout", direct=True)
                draft.speaker, draft.speaker_source = label.speaker, "turn"
                if not quoted:
                    draft.voice = voice_of(draft.quoted_share, draft.attribution)
            elif label is not None and quoted:
                # a heading's label: no one's words (an attribution naming no one, resolved to none)
                draft.attribution = Attribution("", "name", "", "", "layout", direct=True)
            if label is not None and quoted:
                turn = position
                continue
            if not quoted:
                turn = None  # the quoted dialogue has ended
        if turn is not None and draft.attribution is None and draft.voice != "narration":
            draft.inherits, draft.speaker_source = turn, "turn" if drafts[turn].speaker else ""


def _transcript_turns(drafts: list[_Draft]) -> None:
    """The sentences after a transcript turn's label in its paragraph are the speaker's
    words too: 'ROE: We will not back down. The vote is ours.' makes both sentences Roe's
    (reported: spoken words set down without quotation marks)."""
    turn = None
    for position, draft in enumerate(drafts):
        if turn is not None and draft.attribution is not None and draft.paragraph_id == drafts[turn].paragraph_id \
                and draft.attribution.speaker.lower() in {"i", "we"} and draft.quoted_share == 0:
            # the turn's own 'I think', 'we decided': the labelled speaker's, as the rest of the turn
            draft.attribution, draft.speaker = None, ""
            draft.inherits, draft.speaker_source = turn, "turn"
        elif draft.attribution is not None:
            # a turn's label before unquoted words: its paragraph goes on with the same speaker
            unquoted_turn = draft.attribution.rule == "layout" and (
                draft.quoted_share == 0 or (draft.speaker_source == "turn" and draft.text[:1] not in _QUOTE_MARKS))
            turn = position if unquoted_turn else None
        elif turn is not None and draft.paragraph_id == drafts[turn].paragraph_id and draft.voice == "narration":
            draft.voice, draft.inherits, draft.speaker_source = "reported", turn, "turn"
        else:
            turn = None


def _block_quotations(drafts: list[_Draft]) -> None:
    """A paragraph of unquoted words right after a lead-in paragraph that ends in a bare tag
    and a colon ('The Example Review reports:', 'In a speech last July, Roe said:') is the
    speaker's words set as a block quotation without marks: all its sentences take the
    lead-in's speaker and its unquoted ones are reported; not when the paragraph opens with a
    quotation or has an attribution of its own, nor after a verb of belief or finding ('The
    poll also found that:'), nor for a paragraph of markup ('<tweet ...>')."""
    for position in range(1, len(drafts)):
        draft, previous = drafts[position], drafts[position - 1]
        lead_in = previous.lead_in
        if lead_in is None or draft.position_in_paragraph != 0 or previous.paragraph_id == draft.paragraph_id \
                or not previous.text.rstrip().endswith(":") or lead_in.rule in ("layout", "according") \
                or (lead_in.kind == "pronoun" and lead_in.speaker == "it") or _belief_verb(lead_in.verb):
            continue
        k = position
        while k < len(drafts) and drafts[k].paragraph_id == draft.paragraph_id \
                and drafts[k].attribution is None and drafts[k].text.lstrip()[:1] != "<":
            k += 1
        if k < len(drafts) and drafts[k].paragraph_id == draft.paragraph_id or draft.quoted_share > 0:
            continue  # the paragraph has an attribution of its own, or opens with a quotation: no block
        for block in drafts[position:k]:
            block.attribution, block.speaker, block.speaker_source = lead_in, lead_in.speaker, "lead-in"
            if block.voice == "narration":
                block.voice = "reported"


def _belief_verb(lemma: str) -> bool:
    """Whether a lexicon verb is one of belief or finding ("find", "believe"): speech only before "that"."""
    return lemma in _belief_lemmas()


@functools.lru_cache(maxsize=1)
def _belief_lemmas() -> frozenset[str]:
    """The lemmas of the lexicon's forms that need "that" (read once, not once a lead-in)."""
    return frozenset(verb.lemma for forms in speech_verbs().values() for verb in forms if verb.needs_that)


def _speakers_from_before(drafts: list[_Draft]) -> None:
    """A sentence without a speaker of its own takes the speaker of its quotation (the
    first sentence the quotation touches that names one: '“We had no choice. We acted,”
    Roe said.' gives the first sentence Roe), else, when it is a quotation, the speaker
    of the sentence before ('“X,” said A. “Y.”', 'A said:' then a quotation paragraph)."""
    origins = _quote_origins(drafts)
    for position, draft in enumerate(drafts):
        if draft.speaker or draft.attribution is not None or draft.voice == "narration" or draft.inherits is not None:
            continue
        inherited = [origins[q] for q in draft.quote_ids if q in origins]
        previous = drafts[position - 1] if position else None
        if inherited:
            draft.inherits = inherited[0]
            draft.speaker_source = "quotation"
        elif _continues_previous(draft, previous):
            # an unattributed quotation continues the previous speaker
            draft.inherits = position - 1 if previous.inherits is None else previous.inherits
            draft.speaker_source = "paragraph" if previous.paragraph_id == draft.paragraph_id else "previous paragraph"
        elif draft.voice == "quotation" and position >= 2 and previous.voice == "narration" \
                and previous.text.rstrip().endswith(":") and _anonymous_lead_in(previous.text) \
                and not _opens_with_label(draft.text) and _continues_previous(draft, drafts[position - 2]):
            # 'Roe said, “...”' then 'Transcript as follows:' then the transcript: a lead-in that
            # names no one introduces more of the speaker just quoted
            before = drafts[position - 2]
            draft.inherits = position - 2 if before.inherits is None else before.inherits
            draft.speaker_source = "lead-in"
        if draft.inherits is not None:
            for quote_id in draft.quote_ids:  # the rest of its quotation speaks with it
                origins.setdefault(quote_id, draft.inherits)


def _quote_origins(drafts: list[_Draft]) -> dict[int, int]:
    """For each quotation, the position of the first sentence it touches that has an
    attribution: in '“We had no choice. We acted,” Roe said.' sentence 1."""
    origins: dict[int, int] = {}
    for position, draft in enumerate(drafts):
        for quote_id in draft.quote_ids:
            if draft.attribution is not None:
                origins.setdefault(quote_id, position)
    return origins


def _continues_previous(draft: _Draft, previous: _Draft | None) -> bool:
    """Whether a quotation without a speaker goes on from the sentence before, which is
    attributed or has itself taken a speaker, and is not narration: '“X,” said A. “Y.”',
    'A said X. “Y.”', and a quotation paragraph right after a quoted or reported one."""
    if previous is None or previous.voice == "narration" or (previous.attribution is None and previous.inherits is None):
        return False
    # a partly quoted sentence goes on only inside its paragraph: 'Roe said X. Y “kind of misspoke.”'
    return draft.voice == "quotation" or (draft.voice == "mixed" and previous.paragraph_id == draft.paragraph_id)


def _speakers_from_after(drafts: list[_Draft]) -> None:
    """A quotation still without a speaker takes the next sentence's in the same paragraph
    ('“X.” Roe said Y.'), or, when it is wholly quoted, the next paragraph's when that one opens
    with its speaker carrying on (a quotation paragraph, then 'Roe continued, ...', 'Roe also
    said ...': :func:`_goes_on`); from the last sentence back, so a run of quotations before one
    attribution all take it."""
    for position in range(len(drafts) - 2, -1, -1):
        draft, following = drafts[position], drafts[position + 1]
        if draft.speaker or draft.attribution is not None or draft.voice not in ("quotation", "mixed") \
                or draft.inherits is not None:
            continue
        same = following.paragraph_id == draft.paragraph_id
        lead_in = following.lead_in
        if lead_in is not None and (same or _opens_with_speaker(following, lead_in)):
            # '“X.” Roe went on:' then '“Y.”': the bare tag before the colon speaks for both
            draft.attribution, draft.speaker = lead_in, lead_in.speaker
            draft.speaker_source = "next sentence" if same else "next paragraph"
            continue
        source = position + 1 if following.attribution is not None else following.inherits if same else None
        # a statement's subject speaks for its own clause only (its tag is read, not written)
        if source is None or drafts[source].attribution is None or drafts[source].speaker_source == "statement":
            continue
        if same or (draft.voice == "quotation" and _opens_with_speaker(following, drafts[source].attribution)
                    and _goes_on(following)):
            draft.inherits = source
            draft.speaker_source = "next sentence" if same else "next paragraph"


#: Speech verbs that carry on what was said before: 'Roe continued, ...', 'she added'.
_GOING_ON_VERBS = frozenset({"continue", "add"})


def _goes_on(sentence: _Draft) -> bool:
    """Whether a paragraph opening with its speaker carries on the quotation before it rather than
    bringing in what that speaker says next: 'She continued, ...', 'Roe added that ...', 'Roe also
    said ...' (on PolNeAR train, a quotation paragraph took the next paragraph's speaker rightly
    8 times in 35 before; most were a new speaker's own words: 'John Doe says ...' after Jane Roe's)."""
    attribution = sentence.attribution
    if attribution is None:
        return False
    if attribution.verb in _GOING_ON_VERBS:
        return True
    verb_start = attribution.tag[0][1] if attribution.tag else 0
    return "also" in [t.lower for t in tokenize(sentence.masked)[:verb_start + 1]]


def _opens_with_speaker(sentence: _Draft, attribution: Attribution) -> bool:
    """Whether ``sentence`` opens its paragraph with its speaker as the subject of the
    attribution ``attribution`` (its own): 'Roe said ...', 'He added ...'."""
    return bool(sentence.position_in_paragraph == 0 and attribution.rule == "subject" and attribution.tag[:1]
                and attribution.tag[0][0] == 0)


#: First words of a phrase of time or place before a sentence's subject ('Earlier this week, Roe ...');
#: narrower on purpose than attribution's adverbial starts: "while", "as", "by", "with" open a
#: clause or phrase whose own subject or object would be read as the speaker.
_PHRASE_OPENERS = frozenset({"in", "on", "at", "after", "before", "during", "earlier", "later", "then", "finally",
                             "immediately", "last", "this", "since", "meanwhile", "also", "instead", "yesterday",
                             "today", "tonight", "now", "once", "still", "likewise", "similarly"})


#: The most words (numbers too) in each quoted stretch of a sentence with no one speaking that leave
#: it narration.
SCARE_QUOTE_WORDS = 2
_ANY_WORD = re.compile(r"\w+(?:['’.,-]\w+)*")
#: Words that give quoted words as someone's, though no speech verb: 'the phrase “...”', 'dubbed “...”'.
_NAMING_WORDS = frozenset({"phrase", "phrases", "word", "words", "term", "terms", "termed", "label", "labeled",
                           "labelled", "dubbed", "nicknamed", "chant", "chanted", "chanting"})
#: What closes a quoted stretch that is a cry or a question: 'Some chanted “USA!”' is someone's.
_CRY_END = re.compile(r"[!?][\s\"'“”‘’]*$")
#: A quoted stretch followed by its author: a headline or title cited with its byline
#: ('—"Harbour to close in June," by The Review's Jane Roe:'), however long.
_CITED = re.compile(QUOTE_PLACEHOLDER + r"\s+by\s+(?:the\s+|The\s+)?[A-Z]")


def _scare_quotes(drafts: list[_Draft]) -> None:
    """A partly quoted sentence still with no speaker, of its own or from its quotation or the
    sentence before, whose quoted stretches are each a word or two and whose unquoted words hold
    no speech verb is the outlet's own: a term, a title or a scare quote ('The town spent $5,000 on
    “survey work” and “donor lists”', 'In ''Example Review,'' Doe ...'), narration however much of
    a short sentence the marks hold (on PolNeAR train such sentences were speech about one time in
    five, and then mostly after a verb such as "called", which this leaves alone).  A headline cited
    with its author ('—"Harbour to close in June," by The Review's Jane Roe:') counts as a title
    whatever its length.  Left alone too: words named as someone's ('the phrase “...”', 'dubbed
    “...”') and a cry or question ('“USA!”').  Read before the subject's statement and the next
    sentence's speaker: both would give the words a speaker on the sentence's shape alone."""
    verbs = speech_verbs()
    for draft in drafts:
        if draft.voice != "mixed" or draft.speaker or draft.attribution is not None or draft.inherits is not None \
                or not draft.quoted:
            continue
        cited = [bool(_CITED.match(draft.masked, m.start()))
                 for m in re.finditer(QUOTE_PLACEHOLDER, draft.masked)]
        if len(cited) != len(draft.quoted):
            continue  # cannot pair the stretches with their places: leave the sentence as it was
        if any(not is_cited and (len(_ANY_WORD.findall(q)) > SCARE_QUOTE_WORDS or _CRY_END.search(q))
               for q, is_cited in zip(draft.quoted, cited)):
            continue
        if any(token.lower in verbs or token.lower in _NAMING_WORDS for token in tokenize(draft.masked)):
            continue
        draft.voice = "narration"


def _speakers_of_statements(drafts: list[_Draft]) -> None:
    """A partly quoted sentence still without a speaker of its own or from its quotation is
    its subject's statement when the subject is a name or a personal pronoun right before
    the clause's verb, perhaps after a phrase of time or place: 'Immediately after the vote,
    Roe issued a statement, “...”', 'Roe thanked the council for “...”' (the subject read as
    in 'Roe said “...”'; the voice stays as the sentence's share of quoted words made it).
    Before the speakers of the sentences around are borrowed: the words quoted in a clause
    are its subject's more often than the next paragraph's speaker's."""
    for draft in drafts:
        if draft.speaker or draft.attribution is not None or draft.inherits is not None or draft.voice != "mixed":
            continue
        subject = _statement_subject(tokenize(draft.masked))
        found = find_attribution(f"{subject} said {QUOTE_PLACEHOLDER}.") if subject else None
        if found is not None and (found.kind == "name" or found.speaker.lower() in ("he", "she", "i")):
            draft.attribution, draft.speaker, draft.speaker_source = found, found.speaker, "statement"


#: Words opening a clause whose subject is seldom the speaker: 'As Springfield prepares for what
#: Roe called “...”'.  Not "while": 'While Roe calls the plan “...”, Doe ...' quotes Roe.
_CLAUSE_OPENERS = frozenset({"as", "when", "whenever", "if", "although", "though", "because", "unless", "until",
                             "whether", "where"})
#: Words that count ('Thirteen years earlier, ...'): the counts the attribution rules know, and the rest.
_COUNT_WORDS = _NUMBER_WORDS | frozenset({"one", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                                          "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                          "eighty", "ninety", "billions"})
#: Past forms of common verbs that do not end in -ed ('Roe wrote a column, “...”').
_IRREGULAR_PAST = frozenset({"made", "gave", "took", "sent", "wrote", "put", "went", "had", "kept", "began", "spoke",
                             "struck", "hit", "left", "brought", "held", "set", "led", "got", "came", "ran", "read",
                             "thought", "felt", "saw", "knew", "found", "won", "lost", "paid", "meant", "sought",
                             "taught", "fought", "built", "stood", "heard", "chose", "drew", "threw", "became",
                             "broke", "spent", "sang", "swore", "told"})


def _statement_subject(tokens: list[Token]) -> str:
    """The words of a name (or "he", "she", "I") that open the main clause of ``tokens``, right
    before a verb (a past form or one in -s: 'Roe issued', 'Roe tells'), or "" ('Former
    Obama speechwriter ...', 'Each election cycle, ...', 'They passed out bottles that ...')."""
    start = 0
    if tokens and tokens[0].lower in _PHRASE_OPENERS:
        comma = next((k for k, t in enumerate(tokens[:16]) if t.text == ","), None)
        if comma is None:
            return ""
        start = comma + 1
    if start + 1 >= len(tokens):
        return ""
    if tokens[start].lower in ("he", "she"):  # lower case after a phrase; "I" and a capital are read as a run
        return tokens[start].text if _past_or_present_verb(tokens[start + 1].text) else ""
    run = next(((a, b) for a, b in _name_runs(tokens) if a == start), None)
    verb = run[1] if run is not None else len(tokens)
    if verb < len(tokens) and tokens[verb].text == "(":  # a party and state tag: 'Roe (D-Minn.) called'
        verb = next((k + 1 for k in range(verb + 1, min(verb + 6, len(tokens))) if tokens[k].text == ")"), verb)
    if run is None or verb >= len(tokens) or not _past_or_present_verb(tokens[verb].text):
        return ""
    if tokens[start].lower in _CLAUSE_OPENERS or (run[1] - run[0] == 1 and tokens[start].lower in _COUNT_WORDS):
        return ""  # 'As Springfield prepares for ...', 'Thirteen years ...': the capital is the sentence's
    return " ".join(t.text for t in tokens[run[0]:run[1]])


def _past_or_present_verb(word: str) -> bool:
    return word.islower() and (word.endswith(("ed", "s")) or word in _IRREGULAR_PAST)


def _speakers_across_narration(drafts: list[_Draft]) -> None:
    """A quotation still without a speaker, after narration in its paragraph, takes the
    speaker of the paragraph's sentence before that narration: in '“Those are small towns,”
    Roe said. They lie far from the city. “It is a tough area.”' the last sentence is Roe's
    (a paragraph of news gives the floor to one speaker at a time)."""
    for position, draft in enumerate(drafts):
        if draft.speaker or draft.attribution is not None or draft.inherits is not None or draft.voice != "quotation":
            continue
        k = position - 1
        while k >= 0 and drafts[k].paragraph_id == draft.paragraph_id and drafts[k].voice == "narration" \
                and drafts[k].lead_in is None:
            k -= 1
        if k < 0 or k == position - 1 or drafts[k].paragraph_id != draft.paragraph_id:
            continue  # no narration between (the passes before decided), or none of the paragraph's speakers
        origin = k if drafts[k].attribution is not None else drafts[k].inherits
        if origin is not None and drafts[origin].attribution is not None:
            draft.inherits, draft.speaker_source = origin, "paragraph"


def _inherited_speakers(drafts: list[_Draft]) -> None:
    """A sentence that takes another's speaker is given it as written: the quotation
    '“Y.”' after 'Roe said X.' has the speaker 'Roe'."""
    for draft in drafts:
        if draft.inherits is not None:
            draft.speaker = drafts[draft.inherits].attribution.speaker


#: the speaker passes, in order: each reads what the ones before it wrote
_SPEAKER_PASSES = (_own_speakers, _interview_answers, _dialogue_turns, _transcript_turns, _speakers_by_layout,
                   _block_quotations, _speakers_from_before, _scare_quotes, _speakers_of_statements,
                   _speakers_from_after, _speakers_across_narration, _inherited_speakers)


# -- the records -----------------------------------------------------------------------
def _sentence(article_id: str, position: int, n: int, draft: _Draft, found: Resolved | None) -> Sentence:
    """The record of the sentence at ``position`` of ``n`` in the article, with its
    resolved source (``found``, or None when sources are not resolved); a quoted or
    reported sentence whose speaker found no source is "unresolved"."""
    if found is None:
        source = source_kind = resolution = ""
    else:
        source, source_kind = found.source, found.source_kind
        resolution = found.resolution or ("unresolved" if draft.voice != "narration" and not found.source else "")
    return Sentence(
        article_id=article_id,
        sentence_id=f"{article_id}-s{position:03d}",
        paragraph_id=draft.paragraph_id,
        position=position,
        position_in_paragraph=draft.position_in_paragraph,
        relative_position=position / (n - 1) if n > 1 else 0.0,
        start=draft.start,
        end=draft.end,
        n_letters=draft.n_letters,
        quoted_share=draft.quoted_share,
        voice=draft.voice,
        speaker=draft.speaker,
        speaker_source=draft.speaker_source,
        source=source,
        source_kind=source_kind,
        speaker_resolution=resolution,
        quote_ids=" ".join(f"{article_id}-q{q:03d}" for q in draft.quote_ids),
        text=draft.text,
    )
