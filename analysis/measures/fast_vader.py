"""VADER's ``polarity_scores``, bit for bit, at a fraction of the reference's cost.

``vaderSentiment`` 3.3.2 (Hutto & Gilbert 2014) lower-cases the whole sentence
again inside its negation and idiom checks, once per preceding word of every
lexicon word, so a 25-word sentence costs thousands of ``str.lower`` calls.
:func:`polarity_scores` follows the reference algorithm step by step, in the
same floating-point operation order (so every ``neg``, ``neu``, ``pos`` and
``compound`` is the same double), but:

* each whitespace token is stripped, lower-cased and classified once, and the
  result is kept in a bounded per-token cache;
* the lower-cased words of a sentence are computed once and shared by the
  negation, "least", "but" and idiom checks;
* only lexicon words are worked out (every other word keeps the reference's
  valence of int 0), and the capitals test over the whole sentence runs only
  when a word in capitals could use it;
* the idiom strings are built only when a word of some idiom is nearby (a
  joined string can only equal an idiom if each of its words does).

It uses the reference's own lexicon, emoji table and constants (imported from
``vaderSentiment``), so an update of the lexicon is picked up, and
``scripts/check_fast_paths.py`` / ``tests/test_fast_paths.py`` compare it with
the reference on >100,000 sentences.
"""
from __future__ import annotations

import functools
import math
import string

from vaderSentiment import vaderSentiment as ref

from ..text.resources import vader_analyzer

B_INCR, C_INCR, N_SCALAR = ref.B_INCR, ref.C_INCR, ref.N_SCALAR
BOOSTER_DICT = ref.BOOSTER_DICT
SPECIAL_CASES = ref.SPECIAL_CASES
NEGATE = frozenset(ref.NEGATE)
#: Every word of a multi-word special case or booster: the idiom strings are only built near one.
IDIOM_WORDS = frozenset(w for key in list(SPECIAL_CASES) + list(BOOSTER_DICT) if " " in key for w in key.split(" "))
#: Tokens remembered before the per-token cache is emptied (bounded memory on large corpora).
TOKEN_CACHE_LIMIT = 20_000
_PUNCTUATION = string.punctuation


class _Token:
    """One whitespace token, classified once: VADER's ``item`` (punctuation stripped
    unless that leaves 2 characters or fewer), its lower case and the flags every rule reads."""

    __slots__ = ("item", "lower", "is_upper", "is_booster", "in_lexicon", "valence", "negated", "scored")

    def __init__(self, token: str, lexicon: dict[str, float]):
        stripped = token.strip(_PUNCTUATION)
        item = token if len(stripped) <= 2 else stripped
        lower = item.lower()
        self.item = item
        self.lower = lower
        self.is_upper = item.isupper()
        self.is_booster = lower in BOOSTER_DICT
        self.in_lexicon = lower in lexicon
        self.valence = lexicon.get(lower)
        # ref.negated([lower]) lower-cases once more; kept for exactness
        again = lower.lower()
        self.negated = again in NEGATE or "n't" in again
        # only these can get a valence other than 0 (boosters are skipped before the lexicon)
        self.scored = self.in_lexicon and not self.is_booster


class FastVader:
    """``polarity_scores`` equal to ``SentimentIntensityAnalyzer.polarity_scores``."""

    def __init__(self, analyzer: ref.SentimentIntensityAnalyzer | None = None):
        analyzer = analyzer or vader_analyzer()
        self.lexicon = analyzer.lexicon
        self.emojis = analyzer.emojis
        # the reference tests one character at a time, so only 1-character keys can match
        self.emoji_chars = frozenset(k for k in analyzer.emojis if len(k) == 1)
        self.ascii_free = not any(k.isascii() for k in self.emoji_chars)
        self._tokens: dict[str, _Token] = {}

    def _new_token(self, raw: str) -> _Token:
        cache = self._tokens
        if len(cache) >= TOKEN_CACHE_LIMIT:
            cache.clear()
        tok = cache[raw] = _Token(raw, self.lexicon)
        return tok

    def _replace_emojis(self, text: str) -> str:
        # verbatim from the reference
        text_no_emoji = ""
        prev_space = True
        for chr in text:
            if chr in self.emojis:
                description = self.emojis[chr]
                if not prev_space:
                    text_no_emoji += ' '
                text_no_emoji += description
                prev_space = False
            else:
                text_no_emoji += chr
                prev_space = chr == ' '
        return text_no_emoji

    def polarity_scores(self, text: str) -> dict[str, float]:
        # (no emoji key is ASCII, so ASCII text has none; checked in __init__)
        if not (self.ascii_free and text.isascii()) and not self.emoji_chars.isdisjoint(text):
            text = self._replace_emojis(text)
        text = text.strip()
        tokens = self._classified(text.split())
        n = len(tokens)
        lw = [t.lower for t in tokens]
        # Every word starts at the reference's int 0: boosters, "kind" before "of" and words
        # outside the lexicon keep it; only the other lexicon words are worked out.
        sentiments = [0] * n
        is_cap_diff = None  # the capitals test over the whole sentence, once a word in capitals could use it
        for i in [i for i, t in enumerate(tokens) if t.scored]:
            if i < n - 1 and tokens[i].lower == "kind" and lw[i + 1] == "of":
                continue
            if is_cap_diff is None and any(tokens[k].is_upper for k in range(max(0, i - 3), i + 1)):
                allcap = sum([t.is_upper for t in tokens])
                is_cap_diff = 0 < n - allcap < n
            sentiments[i] = _word_valence(tokens, lw, i, is_cap_diff)
        if "but" in lw:
            sentiments = _but_check(lw, sentiments)
        return _score_valence(sentiments, text)

    def _classified(self, words: list[str]) -> list[_Token]:
        """The :class:`_Token` of each word, from the cache or made now."""
        tokens = list(map(self._tokens.get, words))
        if None in tokens:
            new = self._new_token
            tokens = [tok or new(word) for tok, word in zip(tokens, words)]
        return tokens

    @staticmethod
    def _special_idioms(valence, lw, i):
        """The reference's ``_special_idioms_check`` (called with i > 2)."""
        window = lw[i - 3:i + 3]
        if IDIOM_WORDS.isdisjoint(window):
            return valence
        onezero = "{0} {1}".format(lw[i - 1], lw[i])
        twoonezero = "{0} {1} {2}".format(lw[i - 2], lw[i - 1], lw[i])
        twoone = "{0} {1}".format(lw[i - 2], lw[i - 1])
        threetwoone = "{0} {1} {2}".format(lw[i - 3], lw[i - 2], lw[i - 1])
        threetwo = "{0} {1}".format(lw[i - 3], lw[i - 2])
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in SPECIAL_CASES:
                valence = SPECIAL_CASES[seq]
                break
        if len(lw) - 1 > i:
            zeroone = "{0} {1}".format(lw[i], lw[i + 1])
            if zeroone in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroone]
        if len(lw) - 1 > i + 1:
            zeroonetwo = "{0} {1} {2}".format(lw[i], lw[i + 1], lw[i + 2])
            if zeroonetwo in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in BOOSTER_DICT:
                valence = valence + BOOSTER_DICT[n_gram]
        return valence


def _word_valence(tokens: list[_Token], lw: list[str], i: int, is_cap_diff: bool | None) -> float:
    """The reference's ``sentiment_valence`` of the lexicon word ``i`` (not a booster), in its
    order of operations: "no", capitals, the three preceding words (booster, negation, and
    idioms at the third), then "least"."""
    tok = tokens[i]
    valence = tok.valence
    if tok.lower == "no" and i != len(tokens) - 1 and tokens[i + 1].in_lexicon:
        valence = 0.0
    if (i > 0 and lw[i - 1] == "no") \
            or (i > 1 and lw[i - 2] == "no") \
            or (i > 2 and lw[i - 3] == "no" and lw[i - 1] in ("or", "nor")):
        valence = tok.valence * N_SCALAR
    if tok.is_upper and is_cap_diff:
        if valence > 0:
            valence += C_INCR
        else:
            valence -= C_INCR
    for start_i in range(0, 3):
        if i > start_i and not tokens[i - (start_i + 1)].in_lexicon:
            valence = valence + _scalar_inc_dec(tokens[i - (start_i + 1)], valence, is_cap_diff, start_i)
            valence = _negation_check(valence, tokens, lw, i, start_i)
            if start_i == 2:
                valence = FastVader._special_idioms(valence, lw, i)
    return _least_check(valence, tokens, lw, i)


def _scalar_inc_dec(prev: _Token, valence: float, is_cap_diff: bool | None, start_i: int) -> float:
    """The reference's ``scalar_inc_dec`` of the word ``start_i + 1`` places back, damped with distance."""
    s = 0.0
    if prev.is_booster:
        s = BOOSTER_DICT[prev.lower]
        if valence < 0:
            s *= -1
        if prev.is_upper and is_cap_diff:
            if valence > 0:
                s += C_INCR
            else:
                s -= C_INCR
    if start_i == 1 and s != 0:
        s = s * 0.95
    if start_i == 2 and s != 0:
        s = s * 0.9
    return s


def _negation_check(valence: float, tokens: list[_Token], lw: list[str], i: int, start_i: int) -> float:
    """The reference's ``_negation_check`` for the word ``start_i + 1`` places back."""
    if start_i == 0:
        if tokens[i - 1].negated:
            valence = valence * N_SCALAR
    elif start_i == 1:
        if lw[i - 2] == "never" and (lw[i - 1] == "so" or lw[i - 1] == "this"):
            valence = valence * 1.25
        elif lw[i - 2] == "without" and lw[i - 1] == "doubt":
            valence = valence
        elif tokens[i - 2].negated:
            valence = valence * N_SCALAR
    else:
        if lw[i - 3] == "never" and (lw[i - 2] == "so" or lw[i - 2] == "this") or \
                (lw[i - 1] == "so" or lw[i - 1] == "this"):
            valence = valence * 1.25
        elif lw[i - 3] == "without" and (lw[i - 2] == "doubt" or lw[i - 1] == "doubt"):
            valence = valence
        elif tokens[i - 3].negated:
            valence = valence * N_SCALAR
    return valence


def _least_check(valence: float, tokens: list[_Token], lw: list[str], i: int) -> float:
    """The reference's ``_least_check``."""
    if i > 1 and not tokens[i - 1].in_lexicon and lw[i - 1] == "least":
        if lw[i - 2] != "at" and lw[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and not tokens[i - 1].in_lexicon and lw[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence


def _but_check(lw, sentiments):
    """The reference's ``_but_check``, verbatim (including its first-equal-value ``index``)."""
    bi = lw.index('but')
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 0.5)
        elif si > bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 1.5)
    return sentiments


def _score_valence(sentiments, text):
    """The reference's ``score_valence`` with its punctuation emphasis, verbatim."""
    if sentiments:
        sum_s = float(sum(sentiments))
        ep_count = text.count("!")
        if ep_count > 4:
            ep_count = 4
        ep_amplifier = ep_count * 0.292
        qm_count = text.count("?")
        qm_amplifier = 0
        if qm_count > 1:
            if qm_count <= 3:
                qm_amplifier = qm_count * 0.18
            else:
                qm_amplifier = 0.96
        punct_emph_amplifier = ep_amplifier + qm_amplifier
        if sum_s > 0:
            sum_s += punct_emph_amplifier
        elif sum_s < 0:
            sum_s -= punct_emph_amplifier
        norm_score = sum_s / math.sqrt((sum_s * sum_s) + 15)
        if norm_score < -1.0:
            compound = -1.0
        elif norm_score > 1.0:
            compound = 1.0
        else:
            compound = norm_score
        pos_sum = 0.0
        neg_sum = 0.0
        # zeros only count as neutral: the sums see the other scores in the same order
        scores = [x for x in sentiments if x != 0]
        neu_count = len(sentiments) - len(scores)
        for sentiment_score in scores:
            if sentiment_score > 0:
                pos_sum += (float(sentiment_score) + 1)
            if sentiment_score < 0:
                neg_sum += (float(sentiment_score) - 1)
        if pos_sum > math.fabs(neg_sum):
            pos_sum += punct_emph_amplifier
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= punct_emph_amplifier
        total = pos_sum + math.fabs(neg_sum) + neu_count
        pos = math.fabs(pos_sum / total)
        neg = math.fabs(neg_sum / total)
        neu = math.fabs(neu_count / total)
    else:
        compound = 0.0
        pos = 0.0
        neg = 0.0
        neu = 0.0
    return {"neg": round(neg, 3), "neu": round(neu, 3), "pos": round(pos, 3), "compound": round(compound, 4)}


@functools.lru_cache(maxsize=1)
def fast_vader() -> FastVader:
    return FastVader()


def polarity_scores(text: str) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos``, ``compound`` of ``text``, equal to the reference's."""
    return fast_vader().polarity_scores(text)
