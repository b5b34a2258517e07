"""Passages that several outlets quote from the same source, aligned word by word.

Each quotation (a ``quote_id`` of ``Corpus.quotes``, joined over its paragraphs)
is reduced to lower-case words, quote marks and punctuation dropped.  Two
quotations from different outlets of a story share a passage when
:class:`difflib.SequenceMatcher` finds runs of at least ``MIN_RUN`` words in
common adding up to ``MIN_SHARED`` words or more within one stretch (runs no
more than ``MAX_GAP`` words apart on both sides), so small edits ("Never have I
been so ashamed" / "never been so ashamed") do not split a passage.  The
differences inside the aligned stretch are listed as ``a -> b`` edits.
"""
from __future__ import annotations

import difflib
import re

import pandas as pd

from ..text.corpus import Corpus

MIN_WORDS = 3
MIN_RUN = 2
MIN_SHARED = 3
MAX_GAP = 4
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

SHARED_QUOTE_COLUMNS = ["story", "article_id", "outlet", "quote_id", "passage", "n_words", "status",
                        "other_article", "other_outlet", "other_quote_id", "shared_text", "other_text",
                        "shared_words", "similarity", "differences"]


def words_of(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def quotations(corpus: Corpus) -> pd.DataFrame:
    """One row per top-level quotation: ``story``, ``article_id``, ``outlet``, ``quote_id``, ``text``, ``words``."""
    q = corpus.quotes[corpus.quotes["depth"] == 0]
    rows = []
    for (story, article_id, outlet, quote_id), group in q.groupby(["story", "article_id", "outlet", "quote_id"], sort=False):
        text = " ".join(group["text"])
        rows.append((story, article_id, outlet, quote_id, text, words_of(text)))
    return pd.DataFrame(rows, columns=["story", "article_id", "outlet", "quote_id", "text", "words"])


def align(a: list[str], b: list[str]):
    """Best shared stretch of ``a`` and ``b``: ``(shared_words, (i1, i2), (j1, j2), edits)`` or None."""
    every = [m for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]
    best = max(_clusters([m for m in every if m.size >= MIN_RUN]), key=_size, default=None)
    if not best or _size(best) < MIN_SHARED:
        return None
    _add_single_words(best, [m for m in every if m.size < MIN_RUN])
    i1, i2 = best[0].a, best[-1].a + best[-1].size
    j1, j2 = best[0].b, best[-1].b + best[-1].size
    return _size(best), (i1, i2), (j1, j2), _edits(a[i1:i2], b[j1:j2])


def _size(cluster) -> int:
    """Words matched in a cluster of matching blocks."""
    return sum(m.size for m in cluster)


def _close(before, after) -> bool:
    """Whether matching block ``after`` follows ``before`` within ``MAX_GAP`` words on both sides."""
    return after.a - (before.a + before.size) <= MAX_GAP and 0 <= after.b - (before.b + before.size) <= MAX_GAP


def _clusters(blocks) -> list[list]:
    """Runs of matching blocks, each close to the one before (see :func:`_close`)."""
    clusters: list[list] = []
    for m in blocks:
        if clusters and _close(clusters[-1][-1], m):
            clusters[-1].append(m)
        else:
            clusters.append([m])
    return clusters


def _add_single_words(best: list, short: list) -> None:
    """Single-word matches right next to the stretch belong to it ("never [have I] been so ashamed")."""
    for m in reversed([m for m in short if m.a < best[0].a]):
        if _close(m, best[0]):
            best.insert(0, m)
    for m in [m for m in short if m.a > best[-1].a]:
        if _close(best[-1], m):
            best.append(m)


def _edits(a: list[str], b: list[str]) -> list[str]:
    """The differences between two aligned stretches, as ``words -> words`` ("(nothing)" for none)."""
    return [f"{' '.join(a[x1:x2]) or '(nothing)'} -> {' '.join(b[y1:y2]) or '(nothing)'}"
            for tag, x1, x2, y1, y2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            if tag != "equal"]


def shared_quotes(corpus: Corpus) -> pd.DataFrame:
    """For each outlet's quotations: which passages other outlets also quoted, and how.

    One row per (quotation, matching quotation of another outlet); a quotation no
    other outlet used gets one row with ``status`` "only this outlet".  Columns:
    ``story``, ``article_id``, ``outlet``, ``quote_id``, ``passage`` (the
    quotation), ``n_words``, ``status`` ("shared" / "only this outlet" /
    "too short to match", under ``MIN_WORDS`` words), ``other_article``,
    ``other_outlet``, ``other_quote_id``, ``shared_text`` (the aligned stretch as
    this outlet has it), ``other_text`` (as the other has it), ``shared_words``,
    ``similarity`` (difflib ratio of the two stretches), ``differences`` ("; "
    between edits, empty when identical).
    """
    quotes = quotations(corpus)
    rows = []
    for row in quotes.itertuples(index=False):
        base = {"story": row.story, "article_id": row.article_id, "outlet": row.outlet, "quote_id": row.quote_id,
                "passage": row.text, "n_words": len(row.words)}
        if len(row.words) < MIN_WORDS:
            rows.append({**base, "status": "too short to match"})
            continue
        others = quotes[(quotes["story"] == row.story) & (quotes["outlet"] != row.outlet)]
        matched = False
        for other in others.itertuples(index=False):
            if len(other.words) < MIN_WORDS:
                continue
            found = align(row.words, other.words)
            if found is None:
                continue
            shared, (i1, i2), (j1, j2), edits = found
            matched = True
            rows.append({**base, "status": "shared", "other_article": other.article_id, "other_outlet": other.outlet,
                         "other_quote_id": other.quote_id, "shared_text": " ".join(row.words[i1:i2]),
                         "other_text": " ".join(other.words[j1:j2]), "shared_words": shared,
                         "similarity": difflib.SequenceMatcher(None, row.words[i1:i2], other.words[j1:j2], autojunk=False).ratio(),
                         "differences": "; ".join(edits)})
        if not matched:
            rows.append({**base, "status": "only this outlet"})
    return pd.DataFrame(rows, columns=SHARED_QUOTE_COLUMNS)
