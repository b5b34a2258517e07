"""Readability of each outlet's text, by voice, with bootstrap intervals.

Counts come from textstat 0.7.13's own counting functions, applied sentence by
sentence (word, syllable and letter counts add up over sentences, so the totals
are exactly what textstat counts on the whole text), and sentences are the
package's own (Punkt with abbreviations; textstat's regex would split "U.K.").
The formulas, as textstat implements them (W words, S sentences, Sy
syllables, P words of 3+ syllables, C complex words (3+ syllables and not on the
Dale-Chall easy list), D words not on the Dale-Chall list, L letters, Ch
non-space characters):

* Flesch Reading Ease (Flesch 1948): 206.835 - 1.015 W/S - 84.6 Sy/W
* Flesch-Kincaid Grade (Kincaid et al. 1975): 0.39 W/S + 11.8 Sy/W - 15.59
* Gunning Fog (Gunning 1952): 0.4 (W/S + 100 C/W)
* SMOG (McLaughlin 1969): 1.043 sqrt(30 P/S) + 3.1291 (normed on 30 sentences)
* Coleman-Liau (Coleman & Liau 1975): 0.058 (100 L/W) - 0.296 (100 S/W) - 15.8
* ARI (Smith & Senter 1967): 4.71 Ch/W + 0.5 W/S - 21.43, W counting words as every
  other formula here does.  textstat's own ARI differs in one place: its characters-per-word
  term divides by a word count that includes stand-alone punctuation (``count_words(...,
  rm_punctuation=False)``), so a dash standing alone ("the mat — it was") counts as a word
  there and lowers its score (seed articles: 0.16 and 0.18 grade lower in textstat).  We
  follow Smith & Senter: a dash is not a word.
* Dale-Chall (Dale & Chall 1948): 0.1579 (100 D/W) + 0.0496 W/S, + 3.6365 if 100 D/W > 5
  (textstat counts proper names and inflected easy words as difficult)
* Linsear Write (first 100 words) and textstat's consensus grade: computed by
  textstat on the joined sentences, with its own sentence count; no interval.

Plain measures: words per sentence, syllables per word, share of polysyllabic
(P/W) and difficult (D/W) words, type-token ratio and MTLD (McCarthy & Jarvis
2010, threshold 0.72, mean of forward and backward passes).

A score is undefined (NaN) when its text has no word; textstat would say 0.
Scopes: ``body`` (all body sentences), ``narration``, ``reported`` and ``quotation`` (by
voice; ``mixed`` sentences count only in ``body``), ``page`` (every paragraph,
headline, captions and promos included).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable, NamedTuple

import numpy as np
import pandas as pd
import textstat
from textstat.backend import counts as ts_counts
from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

from .bootstrap import percentile_interval, resampled_sums
from ..config import BOOTSTRAP_REPS, CONFIDENCE
from ..text.corpus import Corpus
from ..text.resources import cmu_first_entries, cmu_phones, install_offline_textstat
from ..text.sentences import SCOPES as SENTENCE_SCOPES
from ..text.sentences import scope_mask, split_sentence_spans

LANG = "en_US"
COUNT_COLUMNS = ["sentences", "words", "syllables", "polysyllables", "complex_words", "difficult_words", "letters", "chars"]


@dataclass(frozen=True, slots=True)
class FormulaInputs:
    """Summed counts of texts (float arrays; ``words`` and ``sentences`` NaN where zero) and the
    ratios several formulas share, computed once: what each :class:`Formula` reads."""

    sentences: np.ndarray
    words: np.ndarray
    syllables: np.ndarray
    polysyllables: np.ndarray
    complex_words: np.ndarray
    difficult_words: np.ndarray
    letters: np.ndarray
    chars: np.ndarray
    wps: np.ndarray            # words per sentence
    spw: np.ndarray            # syllables per word
    difficult_pct: np.ndarray  # difficult words per 100 words (Dale-Chall's list)


class Formula(NamedTuple):
    """One readability measure computed from summed counts: the one place a measure is defined.

    ``name`` is its column (``body_<name>`` in the corpus metrics); ``compute`` maps
    :class:`FormulaInputs` to values; ``label`` names it in figures; ``grade`` puts it on the
    figures' US school-grade axis; ``fitted`` marks a formula fitted on passages of 100 words or
    more (flagged below :data:`MIN_WORDS`), as opposed to a plain ratio."""

    name: str
    compute: Callable[[FormulaInputs], np.ndarray]
    label: str = ""
    grade: bool = False
    fitted: bool = True


#: Every formula measure, in column order.  Adding one is one line here (counts it needs beyond
#: ``COUNT_COLUMNS`` aside): tables, corpus metrics, intervals and figures all read this list.
FORMULAS = (
    Formula("flesch_reading_ease", lambda c: 206.835 - 1.015 * c.wps - 84.6 * c.spw,  # Flesch 1948
            "Flesch Reading Ease"),
    Formula("flesch_kincaid_grade", lambda c: 0.39 * c.wps + 11.8 * c.spw - 15.59,  # Kincaid et al. 1975
            "Flesch-Kincaid Grade", grade=True),
    Formula("gunning_fog", lambda c: 0.4 * (c.wps + 100 * c.complex_words / c.words),  # Gunning 1952
            "Gunning Fog", grade=True),
    # McLaughlin 1969; SMOG does not divide by words: NaN by hand for a text without words, like the others
    Formula("smog_index", lambda c: np.where(np.isnan(c.words), np.nan,
                                             1.043 * np.sqrt(30 * c.polysyllables / c.sentences) + 3.1291),
            "SMOG", grade=True),
    Formula("coleman_liau_index",  # Coleman & Liau 1975
            lambda c: 0.058 * (100 * c.letters / c.words) - 0.296 * (100 * c.sentences / c.words) - 15.8,
            "Coleman-Liau", grade=True),
    Formula("automated_readability_index", lambda c: 4.71 * c.chars / c.words + 0.5 * c.wps - 21.43,  # Smith & Senter 1967
            "ARI", grade=True),
    Formula("dale_chall",  # Dale & Chall 1948, as revised (Chall & Dale 1995 raw score)
            lambda c: 0.1579 * c.difficult_pct + 0.0496 * c.wps + np.where(c.difficult_pct > 5, 3.6365, 0.0),
            "Dale-Chall"),
    Formula("words_per_sentence", lambda c: c.wps, "Words per sentence", fitted=False),
    Formula("syllables_per_word", lambda c: c.spw, fitted=False),
    Formula("polysyllable_share", lambda c: c.polysyllables / c.words, fitted=False),
    Formula("difficult_word_share", lambda c: c.difficult_pct / 100, fitted=False),
)
FORMULA_METRICS = [f.name for f in FORMULAS]
#: Formulas fitted on passages (flagged under MIN_WORDS words), by name.
FITTED_FORMULAS = [f.name for f in FORMULAS if f.fitted]
TEXTSTAT_ONLY_METRICS = ["linsear_write", "consensus_grade"]
DIVERSITY_METRICS = ["type_token_ratio", "mtld"]
METRICS = FORMULA_METRICS + TEXTSTAT_ONLY_METRICS + DIVERSITY_METRICS
#: The sentence scopes (text.sentences.SCOPES) plus ``page``: every paragraph, headline, captions and promos included.
SCOPES = SENTENCE_SCOPES + ("page",)
MTLD_THRESHOLD = 0.72
#: Below these sizes the formulas are used outside the range they were built for.
MIN_WORDS = 100
SMOG_MIN_SENTENCES = 30
MTLD_MIN_TOKENS = 100
READABILITY_COLUMNS = ["story", "article_id", "outlet", "scope", "metric", "value", "ci_low", "ci_high",
                       "n_sentences", "n_words", "flags"]


def text_counts(text: str) -> dict[str, int]:
    """textstat's counts for one sentence (``sentences`` is 1), one textstat call per count."""
    install_offline_textstat()
    return {
        "sentences": 1,
        "words": ts_counts.count_words(text),
        "syllables": ts_counts.count_syllables(text, LANG),
        "polysyllables": ts_counts.count_polysyllable_words(text, LANG),
        "complex_words": ts_counts.count_difficult_words(text, LANG, 3, False),
        "difficult_words": ts_counts.count_difficult_words(text, LANG, 0, False),
        "letters": ts_counts.count_letters(text),
        "chars": ts_counts.count_chars(text, True),
    }


@functools.lru_cache(maxsize=1 << 15)
def _word_profile(word: str) -> tuple[int, bool, bool]:
    """(syllables, complex for Fog, difficult for Dale-Chall) of one word: textstat's
    ``count_syllables(word)``, ``is_difficult_word(word, 3)`` and ``is_difficult_word(word, 0)``.

    textstat caches only its last 128 words; a larger cache here keeps a
    corpus's vocabulary, and :func:`_syllables` gives the very same counts faster."""
    syllables = _syllables(word)
    if len(word.split()) != 1:
        return syllables, False, False
    lower = word.lower()
    if lower in _easy_words():
        return syllables, False, False
    lower_syllables = syllables if lower == word else _syllables(lower)
    return syllables, lower_syllables >= 3, lower_syllables >= 0


@functools.lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words

    return frozenset(get_lang_easy_words(LANG))


_NOT_A_PREFIX = object()


@functools.lru_cache(maxsize=1)
def _hyphenation():
    """textstat's pyphen dictionary as one table: each pattern's (offset, values), and None
    for every other prefix of a pattern; plus the longest pattern and pyphen's margins."""
    from textstat.backend.utils._get_pyphen import get_pyphen

    hyphenator = get_pyphen(LANG)
    patterns = hyphenator.hd.patterns
    table = {key[:k]: None for key in patterns for k in range(1, len(key))}
    table.update(patterns)
    return table, hyphenator.hd.maxlen, hyphenator.left, hyphenator.right


def _pyphen_count(word: str) -> int:
    """``len(Pyphen(lang).positions(word))``: pyphen's algorithm (Liang's patterns, odd
    values mark a hyphenation point) step by step, except that a substring is only
    extended while some pattern starts with it, which skips most dictionary look-ups."""
    table, maxlen, left, right = _hyphenation()
    pointed = f".{word.lower()}."
    size = len(pointed)
    references = [0] * (size + 1)
    for i in range(size - 1):
        for j in range(i + 1, min(i + maxlen, size) + 1):
            pattern = table.get(pointed[i:j], _NOT_A_PREFIX)
            if pattern is None:
                continue
            if pattern is _NOT_A_PREFIX:
                break
            offset, values = pattern
            span = slice(i + offset, i + offset + len(values))
            references[span] = map(max, values, references[span])
    # points are i - 1 for odd references[i]; pyphen keeps left <= point <= len(word) - right
    return sum(1 for reference in references[left + 1:max(0, len(word) - right + 2)] if reference % 2)


def _syllables(text: str) -> int:
    """textstat 0.7.13's ``count_syllables(text, "en_US")`` (CMU dictionary, else pyphen), step by step."""
    if not text:
        return 0
    entries = cmu_first_entries()  # cmu_dict[word][0], read without building every list
    count = 0
    for word in _PUNCTUATION_BUT_APOSTROPHE.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).lower().split():
        entry = entries.get(word)
        if entry is None:
            count += _pyphen_count(word) + 1
        else:
            count += sum(1 for p in cmu_phones(entry) if p[-1].isdigit())
    return count


# textstat 0.7.13's own patterns (list_words, count_letters, count_chars), compiled once:
# the same regular expressions on the same text, without its per-call cache and re lookups.
_NONCONTRACTION_APOSTROPHE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION_BUT_APOSTROPHE = re.compile(r"[^\w\s\']")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s")


def fast_counts(text: str) -> tuple[int, ...]:
    """The same counts as :func:`text_counts`, in ``COUNT_COLUMNS`` order, in one pass over
    the words of ``text`` (as textstat's ``list_words`` lists them)."""
    words = _PUNCTUATION_BUT_APOSTROPHE.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()
    syllables = polysyllables = complex_words = difficult = 0
    for word in words:
        n, is_complex, is_difficult = _word_profile(word)
        syllables += n
        if n >= 3:
            polysyllables += 1
        if is_complex:
            complex_words += 1
        if is_difficult:
            difficult += 1
    no_space = _SPACE.sub("", text)
    return (1, len(words), syllables, polysyllables, complex_words, difficult,
            len(_PUNCTUATION.sub("", no_space)), len(no_space))


def sentence_counts(texts: list[str]) -> np.ndarray:
    """:func:`fast_counts` of each sentence: an integer array, one row per sentence,
    one column per ``COUNT_COLUMNS`` entry."""
    return np.array([fast_counts(t) for t in texts], dtype=np.int64).reshape(-1, len(COUNT_COLUMNS))


def scope_readability(totals: np.ndarray) -> dict[str, np.ndarray]:
    """``FORMULA_METRICS`` of each row of summed sentence counts (one row per scope or
    replicate, columns ``COUNT_COLUMNS``): the one definition behind every readability
    value, per article in the tables and per article in the corpus pipeline."""
    totals = np.atleast_2d(totals)
    return formula_arrays({k: totals[:, i] for i, k in enumerate(COUNT_COLUMNS)})


def formula_arrays(totals: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """:data:`FORMULAS` from arrays of summed counts (keys: ``COUNT_COLUMNS``); NaN without words."""
    get = {k: np.asarray(totals[k], dtype=float) for k in COUNT_COLUMNS}
    with np.errstate(divide="ignore", invalid="ignore"):
        W = np.where(get["words"] > 0, get["words"], np.nan)
        S = np.where(get["sentences"] > 0, get["sentences"], np.nan)
        wps = W / S
        spw = get["syllables"] / W
        difficult_pct = 100 * get["difficult_words"] / W
        inputs = FormulaInputs(S, W, get["syllables"], get["polysyllables"], get["complex_words"],
                               get["difficult_words"], get["letters"], get["chars"], wps, spw, difficult_pct)
        return {formula.name: formula.compute(inputs) for formula in FORMULAS}


def formulas(totals: pd.DataFrame | dict) -> pd.DataFrame:
    """Formula metrics from summed counts (one row per row of ``totals``), vectorised."""
    t = pd.DataFrame(totals if isinstance(totals, pd.DataFrame) else [totals])
    return pd.DataFrame(formula_arrays({k: t[k].to_numpy() for k in COUNT_COLUMNS}), index=t.index)


def mtld(tokens: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """Measure of Textual Lexical Diversity (McCarthy & Jarvis 2010), bidirectional.

    Each pass counts factors: a factor ends when the running type-token ratio
    falls to ``threshold`` or below; the leftover counts as the fraction
    (1 - TTR) / (1 - threshold).  MTLD is tokens / factors, averaged over the
    forward and backward passes; NaN when no factor forms.
    """
    def one_pass(seq):
        factors, types, count = 0.0, set(), 0
        ttr = 1.0
        for token in seq:
            count += 1
            types.add(token)
            ttr = len(types) / count
            if ttr <= threshold:
                factors += 1
                types, count, ttr = set(), 0, 1.0
        if count:
            factors += (1 - ttr) / (1 - threshold)
        return len(seq) / factors if factors else float("nan")
    if not tokens:
        return float("nan")
    return (one_pass(tokens) + one_pass(tokens[::-1])) / 2


def type_token_ratio(tokens: list[str]) -> float:
    return len(set(tokens)) / len(tokens) if tokens else float("nan")


def sentence_readability(corpus: Corpus) -> pd.DataFrame:
    """One row per body sentence with its counts and formula scores.

    Columns: ``story``, ``article_id``, ``outlet``, ``sentence_id``, ``position``,
    ``voice``, the count columns (``COUNT_COLUMNS``) and the formula metrics
    (``FORMULA_METRICS``, on the single sentence).
    """
    s = corpus.sentences
    counts = pd.DataFrame(sentence_counts(s["text"].tolist()), columns=COUNT_COLUMNS, index=s.index)
    base = s[["story", "article_id", "outlet", "sentence_id", "position", "voice"]]
    return pd.concat([base, counts, formulas(counts)], axis=1)


def page_sentences(corpus: Corpus) -> pd.DataFrame:
    """Sentences of every paragraph (headline, captions and promos too): article_id, text."""
    rows = []
    for p in corpus.paragraphs.itertuples(index=False):
        rows += [(p.article_id, p.text[a:b]) for a, b in split_sentence_spans(p.text)]
    return pd.DataFrame(rows, columns=["article_id", "text"])


def _flags(metric: str, value: float, n_sentences: int, n_words: int, n_tokens: int) -> str:
    flags = []
    if n_sentences == 0:
        return "no sentences"
    if n_words == 0 and metric not in DIVERSITY_METRICS:
        return "no words"  # e.g. a sentence that is only a quotation mark: every formula is undefined
    if metric in FITTED_FORMULAS + TEXTSTAT_ONLY_METRICS and n_words < MIN_WORDS:
        flags.append(f"under {MIN_WORDS} words")
    if metric == "smog_index" and n_sentences < SMOG_MIN_SENTENCES:
        flags.append(f"SMOG normed on {SMOG_MIN_SENTENCES}+ sentences, this text has {n_sentences}")
    if metric == "flesch_reading_ease" and np.isfinite(value) and not 0 <= value <= 100:
        flags.append("outside Flesch's 0-100 scale")
    if metric in TEXTSTAT_ONLY_METRICS:
        flags.append("textstat on the joined text (its own sentence count); no interval")
    if metric == "linsear_write":
        flags.append("first 100 words only")
    if metric in DIVERSITY_METRICS:
        flags.append("no interval: resampling sentences repeats words")
        if n_tokens < MTLD_MIN_TOKENS:
            flags.append(f"under {MTLD_MIN_TOKENS} tokens")
    if metric == "type_token_ratio":
        flags.append("falls with length: compare MTLD")
    return "; ".join(flags)


def percentile_intervals(draws: dict[str, np.ndarray], metrics) -> dict[str, tuple[float, float]]:
    """:func:`~analysis.measures.bootstrap.percentile_interval` of each metric's replicates, the
    all-finite ones in one ``np.quantile`` call over a ``metrics x reps`` matrix (the same order
    statistics and interpolation, row by row, as one call per metric)."""
    out = {}
    finite = [m for m in metrics if np.isfinite(draws[m]).all() and len(draws[m])]
    if finite:
        alpha = (1 - CONFIDENCE) / 2
        bounds = np.quantile(np.vstack([np.asarray(draws[m], dtype=float) for m in finite]), [alpha, 1 - alpha], axis=1)
        out = {m: (float(bounds[0, i]), float(bounds[1, i])) for i, m in enumerate(finite)}
    for m in metrics:
        if m not in out:  # NaN replicates are dropped first (e.g. a resample without words)
            out[m] = percentile_interval(draws[m])
    return out


def article_positions(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Row positions of each article in ``frame`` (one pass, not one filter per article)."""
    if frame.empty:
        return {}
    return {k: np.asarray(v) for k, v in frame.groupby("article_id", sort=False).indices.items()}


def scope_draws(counts: np.ndarray, article_id: str, scope: str, reps: int = BOOTSTRAP_REPS):
    """Point values and bootstrap replicates of ``FORMULA_METRICS`` for one article's sentences
    of one scope (``counts``: :func:`sentence_counts` rows): ``(point, replicates)``, point a
    dict of floats, replicates a dict of ``reps`` arrays (None without sentences).  The stream
    of each (article, scope) is :func:`~analysis.measures.bootstrap.resampled_sums`'s."""
    point = {k: float(v[0]) for k, v in scope_readability(counts.sum(axis=0)).items()}
    if not len(counts):
        return point, None
    return point, scope_readability(resampled_sums(counts, article_id, scope, reps=reps))


class ArticleReadability(NamedTuple):
    """What the readability tables need of one article: its sentence counts, voices and texts
    (body sentences, in order), its alpha tokens and their sentences, its page sentences."""

    counts: np.ndarray
    voices: np.ndarray
    texts: list
    sentence_ids: np.ndarray
    token_sentences: np.ndarray
    token_words: np.ndarray
    page_counts: np.ndarray | None
    page_texts: list


def _article_inputs(corpus: Corpus, per_sentence: pd.DataFrame, with_page: bool):
    """One :class:`ArticleReadability` per article id: the corpus's tables cut by article once."""
    counts = per_sentence[COUNT_COLUMNS].to_numpy()
    voices = per_sentence["voice"].to_numpy()
    texts = corpus.sentences["text"].to_numpy()
    sentence_ids = per_sentence["sentence_id"].to_numpy()
    alpha = corpus.tokens[corpus.tokens["is_alpha"]]
    token_sentences, token_words = alpha["sentence_id"].to_numpy(), alpha["lower"].to_numpy()
    sentence_rows, token_rows = article_positions(per_sentence), article_positions(alpha)
    page_rows, page_counts, page_texts = {}, None, None
    if with_page:  # every paragraph's sentences: only the page scope needs them
        page = page_sentences(corpus)
        page_counts, page_texts, page_rows = sentence_counts(page["text"].tolist()), page["text"].to_numpy(), article_positions(page)
    none = np.empty(0, dtype=np.int64)
    out = {}
    for article_id in corpus.articles["article_id"]:
        rows, tokens, prows = sentence_rows.get(article_id, none), token_rows.get(article_id, none), page_rows.get(article_id, none)
        out[article_id] = ArticleReadability(
            counts[rows], voices[rows], texts[rows].tolist(), sentence_ids[rows], token_sentences[tokens],
            token_words[tokens], page_counts[prows] if with_page else None, page_texts[prows].tolist() if with_page else [])
    return out


def _article_scope_rows(article, scope, counts, texts, words, reps):
    """Rows of :func:`readability_table` for one article and scope, plus replicate draws."""
    n_sentences = len(counts)
    n_words = int(counts[:, COUNT_COLUMNS.index("words")].sum())
    point, draws = scope_draws(counts, article.article_id, scope, reps)
    intervals = percentile_intervals(draws, FORMULA_METRICS) if draws is not None else {}
    joined = " ".join(texts)
    has_words = n_sentences and n_words > 0  # textstat says -1 or 1 for a text without words
    install_offline_textstat()
    point.update({
        "linsear_write": float(textstat.linsear_write_formula(joined)) if has_words else np.nan,
        "consensus_grade": float(textstat.text_standard(joined, float_output=True)) if has_words else np.nan,
        "type_token_ratio": float(type_token_ratio(words)),
        "mtld": float(mtld(words)),
    })
    rows = []
    for metric in METRICS:
        value = point[metric]
        low, high = intervals.get(metric, (np.nan, np.nan))
        rows.append({
            "story": article.story, "article_id": article.article_id, "outlet": article.outlet,
            "scope": scope, "metric": metric, "value": value, "ci_low": low, "ci_high": high,
            "n_sentences": n_sentences, "n_words": n_words,
            "flags": _flags(metric, value, n_sentences, n_words, len(words)),
        })
    return rows, draws


def readability_draws(corpus: Corpus, reps: int = BOOTSTRAP_REPS, scopes=SCOPES,
                      per_sentence: pd.DataFrame | None = None):
    """The readability table and, per ``(article_id, scope)``, the bootstrap replicates of
    the formula metrics (a dict metric -> array of ``reps`` values; None without sentences).

    ``per_sentence`` is :func:`sentence_readability` of the corpus when the caller
    already has it (it is computed otherwise).  The corpus's tables are cut by article once
    (:func:`_article_inputs`), then each article is measured from numpy arrays with the
    pipeline's own functions (:func:`sentence_counts`, :func:`scope_readability`)."""
    if per_sentence is None:
        per_sentence = sentence_readability(corpus)
    inputs = _article_inputs(corpus, per_sentence, "page" in scopes)
    rows, draws = [], {}
    for article in corpus.articles.itertuples(index=False):
        mine = inputs[article.article_id]
        for scope in scopes:
            if scope == "page":
                counts, texts = mine.page_counts, mine.page_texts
                words = [w for t in texts for w in textstat_words(t)]
            else:
                chosen = scope_mask(mine.voices, scope)
                counts, texts = mine.counts[chosen], [t for t, keep in zip(mine.texts, chosen) if keep]
                # a hash lookup: np.isin on object arrays compares every token with every sentence id
                in_scope = pd.Index(mine.token_sentences).isin(mine.sentence_ids[chosen])
                words = mine.token_words[in_scope].tolist()
            new_rows, draw = _article_scope_rows(article, scope, counts, texts, words, reps)
            rows += new_rows
            draws[(article.article_id, scope)] = draw
    return pd.DataFrame(rows, columns=READABILITY_COLUMNS), draws


def textstat_words(text: str) -> list[str]:
    """Lower-cased words as textstat lists them (for page-scope diversity)."""
    return [w.replace("’", "'") for w in textstat.backend.selections.list_words(text, lowercase=True)]


def readability_table(corpus: Corpus, reps: int = BOOTSTRAP_REPS,
                      per_sentence: pd.DataFrame | None = None) -> pd.DataFrame:
    """The readability battery per article and scope, tidy (one row per metric).

    Columns: ``story``, ``article_id``, ``outlet``, ``scope`` (body, narration,
    reported, quotation, page), ``metric``, ``value``, ``ci_low``/``ci_high`` (95%
    percentile bootstrap over sentences, see :mod:`analysis.measures.bootstrap`; NaN where
    no interval is defined), ``n_sentences``, ``n_words``, ``flags`` (where a
    formula is used outside its valid range, or how the value was computed).
    ``per_sentence``: :func:`sentence_readability`, if already computed.
    """
    return readability_draws(corpus, reps, per_sentence=per_sentence)[0]


def quote_effect(readability: pd.DataFrame) -> pd.DataFrame:
    """How much of each body score comes from quoted material.

    From a :func:`readability_table`: one row per article and formula metric with
    ``body``, ``narration``, ``reported`` and ``quotation`` values, ``quotation_word_share``
    (share of body words in quotation sentences) and ``body_minus_narration``
    (how far including reported, quoted and mixed sentences moves the body score).
    """
    formula = readability[readability["metric"].isin(FORMULA_METRICS)]
    # every scope is a column even where no article has a sentence in it (or none was analysed)
    wide = formula.pivot(index=["story", "article_id", "outlet", "metric"], columns="scope", values="value")
    wide = wide.reindex(columns=list(SENTENCE_SCOPES))
    order = {m: i for i, m in enumerate(FORMULA_METRICS)}
    wide = wide.reset_index().sort_values(["article_id", "metric"], key=lambda c: c.map(order) if c.name == "metric" else c)
    wide.columns.name = None
    words = (readability.drop_duplicates(["article_id", "scope"]).pivot(index="article_id", columns="scope", values="n_words")
             .reindex(columns=list(SENTENCE_SCOPES)))
    wide["quotation_word_share"] = wide["article_id"].map(words["quotation"] / words["body"])
    wide["body_minus_narration"] = wide["body"] - wide["narration"]
    return wide[["story", "article_id", "outlet", "metric", "body", "narration", "reported", "quotation",
                 "quotation_word_share", "body_minus_narration"]].reset_index(drop=True)


def readability_by_paragraph(corpus: Corpus) -> pd.DataFrame:
    """Formula scores per body paragraph (point values; paragraphs are too short for intervals).

    Columns: ``story``, ``article_id``, ``outlet``, ``paragraph_id``, the count
    columns and ``FORMULA_METRICS``.
    """
    per_sentence = sentence_readability(corpus)
    per_sentence["paragraph_id"] = corpus.sentences["paragraph_id"].to_numpy()
    totals = per_sentence.groupby(["story", "article_id", "outlet", "paragraph_id"], sort=False)[COUNT_COLUMNS].sum()
    return pd.concat([totals.reset_index(), formulas(totals.reset_index())], axis=1)
