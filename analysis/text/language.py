"""The language of an article, so that English-only measures are never computed on other text.

Every measure of this package is defined for English: the readability formulas (Flesch,
Kincaid, Gunning, ... were fitted to English readers and count English syllables), VADER's
lexicon, the speech-verb lexicon that finds speakers, and the stop words.  On a Chinese
article they still return numbers (Flesch-Kincaid grade -3.4, VADER compound 0.000), and a
comparison of those numbers means nothing.  :func:`detect_language` says which language a
text is in; the tables leave English-only measures empty for other languages and say why.

Two steps, both offline and deterministic:

1. English news is recognised from its function words: when at least
   :data:`MIN_WORDS` words are read and at least :data:`ENGLISH_STOP_SHARE` of them are on
   the package's English stop list, the text is English (running English prose has 40-55%
   stop words; German, Spanish or French text, 0-15% of English stop words; Chinese or
   Japanese text has no English word at all).  This is what nearly every article of an
   English study takes, and it costs one regular-expression pass.
2. Otherwise the bundled ``py3langid`` model (a fork of Lui & Baldwin's 2012 ``langid.py``,
   97 languages, naive Bayes over byte n-grams, shipped inside the package: nothing is
   downloaded) classifies the first :data:`SAMPLE_CHARS` characters, with normalised
   probabilities.  Only a language named with probability at least :data:`MIN_CONFIDENCE`
   counts; below that (text that is no language, such as a list of names, codes or one word
   repeated) and for the model's ``zxx`` (no linguistic content) the language is ``und``.

A text with fewer than :data:`MIN_LETTERS` letters is ``und`` (undetermined) too: there is
nothing to say either way, and its measures are computed as usual.
"""
from __future__ import annotations

import functools
import itertools
import re
from typing import NamedTuple

from .resources import stop_words
from .tokens import normalise

#: The language every measure of the package is defined for.
MEASURED_LANGUAGE = "en"
#: Words read for the stop-word step, and the share of English stop words that settles it.
MIN_WORDS = 20
ENGLISH_STOP_SHARE = 0.25
#: Characters (from the start of the text) the model classifies when step 1 does not settle it.
SAMPLE_CHARS = 2_000
#: Below this many letters the language is undetermined.
MIN_LETTERS = 20
#: The model's probability below which its answer is not taken (German, Spanish and Chinese
#: news paragraphs get 0.88-1.00; "Go. Go. Go." gets 0.01).
MIN_CONFIDENCE = 0.5
#: Words and characters step 1 reads at most (the start of a long article is enough).
READ_CHARS = 3_000

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LETTER = re.compile(r"[^\W\d_]")


class LanguageGuess(NamedTuple):
    """``language``: ISO 639-1 code (``und`` when undetermined); ``confidence``: the share of
    English stop words (method ``stop words``) or the model's normalised probability
    (method ``langid``); ``method`` says which step decided."""

    language: str
    confidence: float
    method: str


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loaded only for a non-English-looking text

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text`` (see the module docstring for the two steps)."""
    head = text[:READ_CHARS]
    if sum(1 for _ in itertools.islice(_LETTER.finditer(head), MIN_LETTERS)) < MIN_LETTERS:
        return LanguageGuess("und", 0.0, "too short")
    words = [normalise(w) for w in _WORD.findall(head)]
    if len(words) >= MIN_WORDS:
        stops = stop_words()
        share = sum(w in stops for w in words) / len(words)
        if share >= ENGLISH_STOP_SHARE:
            return LanguageGuess(MEASURED_LANGUAGE, round(share, 3), "stop words")
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    if probability < MIN_CONFIDENCE or language == "zxx":
        return LanguageGuess("und", round(float(probability), 3), "langid")
    return LanguageGuess(str(language), round(float(probability), 3), "langid")


def is_measured(language: str) -> bool:
    """True when the package's measures hold for ``language`` (English, or undetermined)."""
    return language in (MEASURED_LANGUAGE, "und")


def not_measured_problem(guess: LanguageGuess) -> str:
    """The ``problems`` entry of an article whose English-only measures are left empty."""
    return (f"language {guess.language} ({guess.method} {guess.confidence:.2f}): readability, sentiment, "
            "voices and speakers are defined for English only and are left empty")
