"""Split body paragraphs into sentences and say whose voice each one is.

Sentences come from Punkt (see :mod:`analysis.text.resources`), never across a
paragraph boundary, with one repair: a piece that starts with a lower-case
letter is joined to the one before (untrained Punkt splits '... weapons!” he
wrote.' after the exclamation mark).

Voice, from the share of the sentence's letters that lie inside quotation marks
(see :mod:`analysis.text.quotes`):

* ``narration``  - share <= ``NARRATION_MAX`` (0.2): the outlet's own words,
  perhaps with a quoted phrase;
* ``quotation``  - share >= ``QUOTATION_MIN`` (0.8): someone else's words,
  perhaps with a short attribution ("he said");
* ``mixed``      - in between.

The speaker is read from the unquoted part of the sentence ("Mr Bondarev said",
"he wrote", '..." said Hillel Neuer', "Bondarev, who ..., wrote"); a sentence
inside a quotation that runs on without attribution inherits it from the
quotation, and an unattributed quotation right after an attributed one in the
same paragraph ('“X,” said A. “Y.”') takes the previous speaker.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from .quotes import QuoteSpan
from .resources import sentence_splitter

QUOTE_PLACEHOLDER = "\x00"  # stands for a quoted stretch when looking for the attribution
NARRATION_MAX = 0.2
QUOTATION_MIN = 0.8

SPEECH_VERBS = (
    r"(?:said|says|say|wrote|writes|added|adds|told|tells|tweeted|tweets|stated|explained|claimed|"
    r"replied|asked|suggested|insisted|warned|continued|concluded|argued|declared|posted|chuckled and said)"
)
_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Lord|Lady|President|Minister)\.?\s+)"
# A name starts at a word boundary and its words are possessive: otherwise a long run of
# capitals is tried from every position and every length (quadratic: 55 s for 40,000).
_NAME = r"(?<![\w'’.-])[A-Z][\w'’.-]*+(?:\s+[A-Z][\w'’-]*+){0,3}"
_SPEAKER = rf"(?:{_TITLE}?{_NAME}|[Hh]e|[Ss]he|[Tt]hey|[Tt]he\s+[a-z]+(?:\s+[a-z]+)?)"
SPEAKER_PATTERNS = (
    re.compile(rf"(?P<speaker>{_NAME}),\s+(?:who|which)\b[^,]*,\s+{SPEECH_VERBS}\b"),
    re.compile(rf"(?P<speaker>{_SPEAKER})\s+(?:had\s+|has\s+)?{SPEECH_VERBS}\b"),
    # inverted attribution only right after a quotation: '..." said Mr Reed'
    re.compile(rf"{QUOTE_PLACEHOLDER}[\s,]*{SPEECH_VERBS}\s+(?P<speaker>{_TITLE}?{_NAME}|the\s+[a-z]+)"),
)
_LETTER = re.compile(r"[^\W\d_]")

VOICES = ("narration", "mixed", "quotation")
#: The sets of sentences every measure is reported on: all body sentences and one per
#: pure voice (``mixed`` sentences count only in ``body``).
SCOPES = ("body", "narration", "quotation")


class Sentence(NamedTuple):
    """One body sentence, in reading order; the columns of ``Corpus.sentences``.

    ``sentence_id`` is ``<article_id>-s<NNN>``; ``position`` is 0-based in the
    article's body; ``relative_position`` 0 at the first sentence, 1 at the last;
    ``start``/``end`` are offsets in the article text; ``quoted_share`` is the
    share of letters inside quotation marks (0-1); ``speaker`` as written
    (e.g. "Mr Bondarev", "he"); ``speaker_source`` is "sentence", "quotation"
    (inherited within a quotation), "paragraph" (an unattributed quotation after
    an attributed one in the same paragraph) or ""; ``quote_ids`` are the ids of
    the quotations it touches (as in ``Corpus.quotes``), space separated.
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
    quote_ids: str
    text: str


SENTENCE_COLUMNS = list(Sentence._fields)


def scope_mask(voices, scope: str) -> np.ndarray:
    """Which sentences (given their voices) belong to ``scope`` (one of :data:`SCOPES`)."""
    voices = np.asarray(voices, dtype=object)
    if scope == "body":
        return np.ones(len(voices), dtype=bool)
    return voices == scope


def split_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets in ``text`` (Punkt plus the lower-case repair)."""
    spans: list[list[int]] = []
    for start, end in sentence_splitter().span_tokenize(text):
        first = text[start:end].lstrip("\"'“”‘’ ([")[:1]
        if spans and first.islower():
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [(s, e) for s, e in spans]


def voice_of(quoted_share: float) -> str:
    if quoted_share <= NARRATION_MAX:
        return "narration"
    if quoted_share >= QUOTATION_MIN:
        return "quotation"
    return "mixed"


def find_speaker(unquoted: str) -> str:
    """The attributed speaker in the unquoted part of a sentence, or ``""``."""
    for pattern in SPEAKER_PATTERNS:
        match = pattern.search(unquoted)
        if match:
            return re.sub(r"\s+", " ", match.group("speaker")).strip()
    return ""


def _mask_quotes(text: str, inside: list[bool], start: int, end: int) -> str:
    """The sentence with each quoted stretch replaced by one placeholder character."""
    out = []
    for i in range(start, end):
        if not inside[i]:
            out.append(text[i])
        elif i == start or not inside[i - 1]:
            out.append(QUOTE_PLACEHOLDER)
    return "".join(out)


def sentence_records(article_id: str, body: list[tuple[str, int, str]], spans: list[QuoteSpan]) -> list[Sentence]:
    """The rows of :func:`sentence_rows` as :class:`Sentence` records, from
    ``(paragraph_id, start, text)`` of each body paragraph."""
    rows = []
    spans_by_paragraph: dict[int, list[QuoteSpan]] = {}
    for span in spans:
        if span.depth == 0:
            spans_by_paragraph.setdefault(span.paragraph, []).append(span)
    for p_index, (paragraph_id, paragraph_start, text) in enumerate(body):
        p_spans = spans_by_paragraph.get(p_index, [])
        inside = [False] * len(text)
        for span in p_spans:
            inside[span.start:span.end] = [True] * (span.end - span.start)
        for k, (start, end) in enumerate(split_sentence_spans(text)):
            letters = [i for i in range(start, end) if _LETTER.match(text[i])]
            quoted = sum(inside[i] for i in letters)
            share = quoted / len(letters) if letters else 0.0
            unquoted = _mask_quotes(text, inside, start, end) if quoted else ""
            rows.append({
                "article_id": article_id,
                "paragraph_id": paragraph_id,
                "position_in_paragraph": k,
                "start": paragraph_start + start,
                "end": paragraph_start + end,
                "n_letters": len(letters),
                "quoted_share": share,
                "voice": voice_of(share),
                "speaker": find_speaker(unquoted) if quoted else "",
                "quote_ids": [s.quote_id for s in p_spans if s.start < end and s.end > start],
                "text": text[start:end],
            })
    # A quotation's speaker is the first one attributed in any sentence it touches;
    # sentences of the quotation without their own attribution inherit it.
    speaker_of_quote: dict[int, str] = {}
    for row in rows:
        for quote_id in row["quote_ids"]:
            if row["speaker"]:
                speaker_of_quote.setdefault(quote_id, row["speaker"])
    n = len(rows)
    previous: dict | None = None
    for position, row in enumerate(rows):
        row["sentence_id"] = f"{article_id}-s{position:03d}"
        row["position"] = position
        row["relative_position"] = position / (n - 1) if n > 1 else 0.0
        row["speaker_source"] = "sentence" if row["speaker"] else ""
        if not row["speaker"]:
            inherited = [speaker_of_quote[q] for q in row["quote_ids"] if q in speaker_of_quote]
            if inherited:
                row["speaker"], row["speaker_source"] = inherited[0], "quotation"
            elif (row["voice"] == "quotation" and previous is not None and previous["speaker"]
                  and previous["paragraph_id"] == row["paragraph_id"] and previous["quote_ids"]):
                # '“X,” said A. “Y.”': an unattributed quotation continues the previous speaker
                row["speaker"], row["speaker_source"] = previous["speaker"], "paragraph"
        previous = row
    return [Sentence(**{**row, "quote_ids": " ".join(f"{article_id}-q{q:03d}" for q in row["quote_ids"])})
            for row in rows]
