"""Who gets a voice in one article: per-article measures of quotation and attribution.

One definition (:func:`voice_metrics`) used by both paths: the corpus pipeline
(:func:`analysis.measures.pipeline.article_metrics`, from an
:class:`~analysis.text.article.ArticleText` through :func:`article_voice_metrics`)
and the notebook table :func:`voice_table` (from a :class:`~analysis.text.corpus.Corpus`).

Every measure is over the article's body sentences; a sentence is *attributed*
when it has a resolved source and is not narration (as in
:func:`analysis.measures.sources.sources_table`); a *quoted word* is an
alphabetic token that starts inside a top-level quotation (the tokens table's
``quoted``); body words are ``n_words`` of the article counts.

* ``quoted_word_share``: quoted words / body words (NaN without a body word);
* ``indirect_speech_share``: reported-speech sentences / body sentences (NaN without a sentence);
* ``named_sources_per_1000_words``: distinct named sources (people and
  organisations, not ``unnamed``) per 1,000 body words (NaN without a body word);
* ``n_sources``: distinct sources of attributed sentences (every unnamed one together counts once, as in
  the sources table);
* ``unnamed_attribution_share``, ``organisation_attribution_share``: attributed sentences whose
  source is unnamed / an organisation, over all attributed sentences (NaN without one);
* ``top_source_quoted_share``: the quoted words in the sentences of the named source with the
  most of them, over all quoted words of the body (0 when no named source is quoted, NaN
  without a quoted word): how much one voice dominates the quotations.

The names start with no scope of :data:`analysis.text.sentences.SCOPES`, so no
``<scope>_<metric>`` parser can mistake them.
"""
from __future__ import annotations

import bisect
from typing import Sequence

import numpy as np
import pandas as pd

from ..text.article import ArticleText
from ..text.corpus import Corpus
from ..text.tokens import TOKEN_PATTERN, word_and_stop

VOICE_METRICS = ("quoted_word_share", "indirect_speech_share", "named_sources_per_1000_words", "n_sources",
                 "unnamed_attribution_share", "organisation_attribution_share", "top_source_quoted_share")
#: Whole-number voice metrics (nullable integers in the corpus metrics table).
INTEGER_VOICE_METRICS = ("n_sources",)
VOICE_TABLE_COLUMNS = ["story", "article_id", "outlet", *VOICE_METRICS]
NAMED_KINDS = ("person", "organisation")


def voice_metrics(voices: Sequence[str], sources: Sequence[str], kinds: Sequence[str],
                  quoted_words: Sequence[int], n_words: int) -> dict[str, float]:
    """The :data:`VOICE_METRICS` of one article from its body sentences, in order:
    their ``voices``, resolved ``sources`` ("" when none) and ``kinds`` (person,
    organisation, unnamed), and the ``quoted_words`` of each; ``n_words`` body words."""
    voices = np.asarray(voices, dtype=object)
    sources = np.asarray(sources, dtype=object)
    kinds = np.asarray(kinds, dtype=object)
    quoted = np.asarray(quoted_words, dtype=float)
    nan = float("nan")
    attributed = (sources != "") & (voices != "narration")
    named = attributed & np.isin(kinds, NAMED_KINDS)
    n_attributed = int(attributed.sum())
    total_quoted = float(quoted.sum())
    by_source: dict[str, float] = {}
    for source, words in zip(sources[named], quoted[named]):
        by_source[source] = by_source.get(source, 0.0) + words
    n_named = len(set(sources[named]))
    return {
        "quoted_word_share": total_quoted / n_words if n_words else nan,
        "indirect_speech_share": float(np.mean(voices == "reported")) if len(voices) else nan,
        "named_sources_per_1000_words": 1000.0 * n_named / n_words if n_words else nan,
        "n_sources": len(set(sources[attributed])),
        "unnamed_attribution_share": float(np.sum(kinds[attributed] == "unnamed")) / n_attributed if n_attributed else nan,
        "organisation_attribution_share": (float(np.sum(kinds[attributed] == "organisation")) / n_attributed
                                           if n_attributed else nan),
        "top_source_quoted_share": (max(by_source.values(), default=0.0) / total_quoted) if total_quoted else nan,
    }


def quoted_word_counts(doc: ArticleText) -> list[int]:
    """Per body sentence of ``doc``, its alphabetic tokens that start inside a top-level quotation
    (the count of the tokens table's ``quoted`` and ``is_alpha`` rows of that sentence)."""
    intervals = sorted((doc.body[s.paragraph].start + s.start, doc.body[s.paragraph].start + s.end)
                       for s in doc.spans if s.depth == 0)
    merged: list[list[int]] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [m[0] for m in merged]
    ends = [m[1] for m in merged]
    counts = []
    for sentence in doc.sentences:
        n = 0
        k = bisect.bisect_right(ends, sentence.start)  # the first quotation ending after the sentence starts
        last = bisect.bisect_left(starts, sentence.end)  # quotations k .. last - 1 overlap the sentence
        # only a sentence that overlaps a quotation can hold a quoted token: the others are not read
        if k < last:
            # no token holds a space and the pattern looks at nothing before a match, so a scan
            # from the last space before the first quotation finds the sentence's own tokens
            begin = max(sentence.start, doc.text.rfind(" ", sentence.start, starts[k]))
            for match in TOKEN_PATTERN.finditer(doc.text, begin, sentence.end):
                position = match.start()
                while k < last and ends[k] <= position:
                    k += 1
                if k == last:
                    break
                if position >= starts[k] and word_and_stop(match.group())[0]:
                    n += 1
        counts.append(n)
    return counts


def article_voice_metrics(doc: ArticleText, n_words: int) -> dict[str, float]:
    """:func:`voice_metrics` of one analysed article (``n_words``: its body words, as counted by
    :func:`~analysis.text.article.article_counts`).  Its sources must be resolved
    (``analyse_text(..., sources=True)``, the default)."""
    return voice_metrics([s.voice for s in doc.sentences], [s.source for s in doc.sentences],
                         [s.source_kind for s in doc.sentences], quoted_word_counts(doc), n_words)


def voice_table(corpus: Corpus) -> pd.DataFrame:
    """One row per article: ``story``, ``article_id``, ``outlet`` and the :data:`VOICE_METRICS`
    (see the module docstring), from the corpus's sentences and tokens tables."""
    tokens = corpus.tokens
    quoted = tokens[tokens["is_alpha"] & tokens["quoted"]].groupby("sentence_id").size()
    sentences = corpus.sentences
    rows = []
    for article in corpus.articles.itertuples(index=False):
        mine = sentences[sentences["article_id"] == article.article_id]
        words = mine["sentence_id"].map(quoted).fillna(0).to_numpy()
        rows.append({"story": article.story, "article_id": article.article_id, "outlet": article.outlet,
                     **voice_metrics(mine["voice"].to_numpy(), mine["source"].to_numpy(),
                                     mine["source_kind"].to_numpy(), words, int(article.n_words))})
    return pd.DataFrame(rows, columns=VOICE_TABLE_COLUMNS)
