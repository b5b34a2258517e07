"""Tokens: what the wording analysis counts.

A token is an acronym or a run of initials with stops (``F.B.I.``, ``U.S.``,
``J.D.``: one word, not three letters and three full stops), a run of letters or
digits, possibly joined by internal apostrophes or hyphens (``don't``,
``Russia's``, ``e-bikes``), or a single punctuation character.  A single initial
inside a sentence ("J." of "Donald J. Trump") is one token with its stop, a word
that the wording measures do not take as a term (:func:`is_initial`); a letter
alone ("the letter Z") is a word and a term like any other.  ``lower`` folds case and curly apostrophes (’ -> '), so "Don’t" and
"don't" count as one term.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable

import pandas as pd

from .resources import stop_words

#: an acronym or initials with stops ("F.B.I.", "U.S.", "J.D."), an initial inside a sentence
#: ("J." of "Donald J. Trump"), then words, then punctuation
TOKEN_PATTERN = re.compile(r"(?:[^\W\d_]\.){2,}(?![^\W_])|[^\W\d_]\.(?=\s+[^\W\d_])|[^\W_]+(?:['’\-][^\W_]+)*|[^\w\s]")
TOKEN_COLUMNS = [
    "article_id", "sentence_id", "token_index", "start", "end", "token", "lower",
    "is_alpha", "is_stop", "quoted", "voice",
]
TOKEN_DTYPES = {"token_index": "int64", "start": "int64", "end": "int64", "is_alpha": bool, "is_stop": bool, "quoted": bool}


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` for each token of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_PATTERN.finditer(text)]


def normalise(token: str) -> str:
    return token.lower().replace("’", "'")


def is_initial(lower: str) -> bool:
    """True for a single initial with its stop ("j.")."""
    return len(lower) == 2 and lower[1] == "." and lower[0].isalpha()


def is_alpha(lower: str) -> bool:
    """True for words made of letters (internal apostrophes and hyphens, and the stops of
    an acronym, "f.b.i.", allowed)."""
    return lower.replace("'", "").replace("-", "").replace(".", "").isalpha()


@functools.lru_cache(maxsize=65536)
def word_and_stop(token: str) -> tuple[bool, bool]:
    """Whether a token (as written) is a word (:func:`is_alpha` of its :func:`normalise` form) and
    a stop word; memoised, as the counts ask it of every token of every article."""
    lower = normalise(token)
    return is_alpha(lower), lower in stop_words()


def token_rows(sentences: Iterable, article_text: str, quoted_chars: set[int]) -> pd.DataFrame:
    """One row per token of each sentence in ``sentences`` (:class:`~analysis.text.sentences.Sentence`
    records or a sentences table's ``itertuples()``).

    ``quoted_chars`` holds the article-text offsets that lie inside quotation
    marks.  Columns: ``article_id``; ``sentence_id``; ``token_index`` (0-based in
    the sentence); ``start``/``end`` (offsets in the article text); ``token`` (as
    written); ``lower``; ``is_alpha``; ``is_stop``; ``quoted`` (the token lies
    inside quotation marks); ``voice`` (the voice of its sentence).
    """
    stops = stop_words()
    rows = []
    for sentence in sentences:
        for k, (start, end, token) in enumerate(tokenize(article_text[sentence.start:sentence.end])):
            lower = normalise(token)
            rows.append((sentence.article_id, sentence.sentence_id, k, sentence.start + start,
                         sentence.start + end, token, lower, is_alpha(lower), lower in stops,
                         (sentence.start + start) in quoted_chars, sentence.voice))
    # fixed dtypes even without a row: an empty object column used as a mask would select columns
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS).astype(TOKEN_DTYPES)
