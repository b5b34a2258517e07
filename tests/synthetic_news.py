"""A synthetic news corpus with known stories and planted wire copies (deterministic).

Words come from distinct seed-like texts: the common vocabulary is every word of the seed
study's two articles (tests/fixtures/seed-study/raw), and each story gets its own invented
names and places (syllables drawn from a seeded generator), so stories differ the way real
events do: in who, where and what, not in the everyday words around them.

Each story has a date; its articles (by different outlets) fall within a day of it, and
stories share dates, so only the text can separate them.  Each article is written
independently: sentences of 10-18 words, about 70% common words and 30% the story's own.
A wire copy is a planted near-duplicate: another outlet's republication of an article with
a new headline, two words changed and one sentence added.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import NamedTuple

import numpy as np

SEED_RAW = Path(__file__).resolve().parent / "fixtures" / "seed-study" / "raw"
SYLLABLES = ["ka", "lo", "mir", "ven", "tas", "dor", "eli", "qu", "ran", "sol", "bek", "tur", "zan", "mo", "phi",
             "gri", "nev", "ost", "ula", "pek", "shi", "vor", "lam", "dre"]


class SyntheticArticle(NamedTuple):
    id: str
    story: str
    outlet: str
    published: str
    headline: str
    text: str
    wire_of: str  # the id this article copies, "" for an original


def common_words() -> list[str]:
    words = []
    for path in sorted(SEED_RAW.glob("*.txt")):
        words += re.findall(r"[a-z]{3,}", path.read_text(encoding="utf-8").lower())
    return sorted(set(words))


def _name(rng) -> str:
    return "".join(rng.choice(SYLLABLES, size=rng.integers(2, 4)))


def make_corpus(n_stories: int = 40, articles_per_story: tuple[int, int] = (3, 8), n_wire: int = 20,
                n_outlets: int = 12, seed: int = 7, shared_names: int = 0) -> list[SyntheticArticle]:
    """The corpus (see the module docstring); ids are ``s<story>-<n>`` and ``w<k>`` for wire copies.

    ``shared_names`` > 0 makes it harder: stories fall into five topics, and that many of each
    story's 18 names come from its topic's pool of 30, shared with the topic's other stories
    (the same minister or city in several events)."""
    rng = np.random.default_rng(seed)
    common = common_words()
    outlets = [f"Outlet {chr(65 + i)}" for i in range(n_outlets)]
    start = dt.date(2023, 1, 1)
    topics = [sorted({_name(rng) for _ in range(30)}) for _ in range(5)]
    articles: list[SyntheticArticle] = []
    for s in range(n_stories):
        own = sorted({_name(rng) for _ in range(18 - shared_names)}
                     | set(rng.choice(topics[s % 5], size=shared_names, replace=False).tolist()))
        day = start + dt.timedelta(days=int(rng.integers(0, max(3, n_stories // 4))))
        count = int(rng.integers(articles_per_story[0], articles_per_story[1] + 1))
        chosen = rng.choice(outlets, size=min(count, len(outlets)), replace=False)
        for n, outlet in enumerate(chosen):
            lengths = rng.integers(10, 19, size=int(rng.integers(8, 14)))
            total = int(lengths.sum())
            words = np.where(rng.random(total) < 0.3, rng.choice(own, size=total), rng.choice(common, size=total))
            ends = np.cumsum(lengths)
            sentences = [" ".join(words[end - length:end]).capitalize() + "." for end, length in zip(ends, lengths)]
            headline = " ".join(rng.choice(own, size=2).tolist() + rng.choice(common, size=4).tolist()).capitalize()
            published = (day + dt.timedelta(days=int(rng.integers(-1, 2)))).isoformat()
            articles.append(SyntheticArticle(f"s{s:03d}-{n}", f"story-{s:03d}", str(outlet), published, headline,
                                             "\n\n".join(sentences), ""))
    originals = list(articles)
    for k, index in enumerate(rng.choice(len(originals), size=n_wire, replace=False)):
        original = originals[int(index)]
        words = original.text.split(" ")
        for position in rng.choice(len(words), size=2, replace=False):
            words[int(position)] = str(rng.choice(common))
        extra = " ".join(rng.choice(common, size=12)).capitalize() + "."
        outlet = next(o for o in outlets[::-1] if o != original.outlet)
        articles.append(SyntheticArticle(f"w{k:03d}", original.story, outlet, original.published,
                                         "Wire: " + original.headline, " ".join(words) + "\n\n" + extra, original.id))
    return articles


def pairwise_f1(truth: list[str], predicted: list[str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a grouping: a pair counts when both put it in one group."""
    from collections import Counter
    from math import comb

    together_truth = sum(comb(c, 2) for c in Counter(truth).values())
    together_pred = sum(comb(c, 2) for c in Counter(predicted).values())
    together_both = sum(comb(c, 2) for c in Counter(zip(truth, predicted)).values())
    precision = together_both / together_pred if together_pred else 1.0
    recall = together_both / together_truth if together_truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
