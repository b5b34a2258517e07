"""Sentences that exercise every rule of VADER and of textstat's counts, for comparing the
fast paths (:mod:`analysis.measures.fast_vader`, :func:`analysis.measures.readability.fast_counts`)
with the reference implementations.  Used by ``tests/test_fast_paths.py`` (a sample) and
``scripts/check_fast_paths.py`` (more than 100,000 sentences).  Deterministic for a seed.
"""
from __future__ import annotations

import random
from pathlib import Path

from vaderSentiment import vaderSentiment as ref

HELD_OUT = Path(__file__).with_name("fast_path_heldout.txt")

#: Words with a rule of their own in VADER (negations, "no ... or/nor", "least", "never so",
#: "without doubt", "kind of", "but", the idiom words), plus every booster and negation.
RULE_WORDS = sorted(set(
    "no or nor least at very never so this without doubt kind of sort but the shit bomb bad ass bus stop "
    "yeah right kiss death to die for beating heart just enough badass a n't isn't".split()
    + list(ref.BOOSTER_DICT) + list(ref.NEGATE)))
PUNCT_TAILS = ["", "", "", ",", ".", "!", "!!", "!!!!!", "?", "??", "???", "????", "?!", ";", ":", "...", "'", '"',
               ")", "”", "’s", "-"]
PUNCT_HEADS = ["", "", "", "", '"', "(", "“", "'", "-", "#"]
ODD = ["İstanbul", "STRASSE", "straße", "ǅemal", "ΣΊΣΥΦΟΣ", "naïve", "café", "über", "ﬁne", "x", "I", "A", "OK",
       ":)", ":(", ":D", ":-)", "<3", "</3", ":'(", "^_^", "=D", "(-:", "3.5%", "12,000", "2009", "--", "—", "…",
       "don't", "can't", "won't", "shouldn’t", "rock'n'roll", "e-mail", "U.S.", "Mr.", "'tis", "o'clock", "''s"]


def _lexicon_and_emojis():
    analyzer = ref.SentimentIntensityAnalyzer()
    lexicon = sorted(analyzer.lexicon)
    emojis = sorted(k for k in analyzer.emojis if len(k) == 1) + ["#️⃣", "👍🏽", "❤️"]
    return lexicon, emojis


def _shape(word: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.12:
        word = word.upper()
    elif r < 0.2:
        word = word.capitalize()
    if rng.random() < 0.25:
        word = rng.choice(PUNCT_HEADS) + word + rng.choice(PUNCT_TAILS)
    return word


def targeted_sentences(n: int, seed: int = 0) -> list[str]:
    """``n`` random sentences built from lexicon words, rule words, emoji, odd tokens,
    capitals and punctuation; short sentences (1-4 words) are frequent, so edge positions are."""
    rng = random.Random(seed)
    lexicon, emojis = _lexicon_and_emojis()
    plain = "the a of and to in said was is for on that with as by it he she they police council".split()
    out = []
    for _ in range(n):
        length = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 35])
        words = []
        for _ in range(length):
            r = rng.random()
            pool = lexicon if r < 0.35 else RULE_WORDS if r < 0.65 else plain if r < 0.85 else emojis if r < 0.93 else ODD
            words.append(_shape(rng.choice(pool), rng))
        if words and rng.random() < 0.1:   # every word in capitals (no caps differential)
            words = [w.upper() for w in words]
        sep = rng.choice([" "] * 8 + ["  ", "\t", "\n", " \u00a0", "\u2003"])
        text = sep.join(words)
        if rng.random() < 0.3:
            text = text + rng.choice(PUNCT_TAILS)
        if rng.random() < 0.05:
            text = rng.choice([" ", "\n", "  "]) + text + rng.choice([" ", "\n"])
        if rng.random() < 0.05 and emojis:   # emoji glued to a word
            text = text + rng.choice(emojis) + rng.choice(["", "x", " ", "!"])
        out.append(text)
    return out


def held_out_sentences() -> list[str]:
    return [line for line in HELD_OUT.read_text(encoding="utf-8").splitlines() if line.strip()]


def held_out_variants(n: int, seed: int = 1) -> list[str]:
    """The held-out sentences as written, then ``n`` variants of them: words turned to
    capitals, rule words, emoji or punctuation inserted, words dropped or swapped."""
    rng = random.Random(seed)
    base = held_out_sentences()
    _, emojis = _lexicon_and_emojis()
    out = list(base)
    while len(out) < n:
        words = rng.choice(base).split()
        for _ in range(rng.randint(1, 4)):
            op = rng.random()
            k = rng.randrange(len(words) + 1)
            if op < 0.25:
                words.insert(k, rng.choice(RULE_WORDS))
            elif op < 0.4 and words:
                j = rng.randrange(len(words))
                words[j] = words[j].upper()
            elif op < 0.5:
                words.insert(k, rng.choice(emojis))
            elif op < 0.6 and words:
                words.pop(rng.randrange(len(words)))
            elif op < 0.7 and len(words) > 1:
                i, j = rng.randrange(len(words)), rng.randrange(len(words))
                words[i], words[j] = words[j], words[i]
            elif op < 0.8 and words:
                j = rng.randrange(len(words))
                words[j] = words[j] + rng.choice(PUNCT_TAILS)
            else:
                words.insert(k, rng.choice(ODD))
        if rng.random() < 0.1:
            words = [w.upper() for w in words]
        out.append(" ".join(words))
    return out[:max(n, len(base))]
