"""What the across-story tables need of each article, computed in the metrics pass, and their tallies.

The study tables (distinctive wording across stories, who gets a voice across stories) used to
load the whole data folder's sentences and tokens (:func:`analysis.text.corpus.load_corpus`,
about 0.3 MB an article).  Here the metrics pass, which already analyses each article once
(:func:`analysis.measures.pipeline.article_metrics`), also returns per article:

* its term counts (:func:`article_pieces`): the n-grams of each body sentence's alphabetic
  tokens, as :func:`analysis.measures.wording.term_counts` counts them;
* its source rows: one per canonical source its attributed sentences name, with the columns
  of :func:`analysis.measures.sources.sources_table` the study tables read (``story``,
  ``article_id``, ``outlet``, ``source``, ``source_kind``, ``n_sentences``, ``quoted_words``,
  ``first_position``).

:class:`StudyTerms` tallies term counts as the articles stream in: per term its pooled count
and the articles using it (memory bounded by the vocabulary), per article its total; the
article x term counts go to a temporary file and are read back once, for the chosen
vocabulary only (:meth:`StudyTerms.matrix`).  :class:`StudySources` keeps the source rows in
compact form (a few dozen bytes a row) and links each story's sources at the end, as
:func:`~analysis.measures.sources.sources_table` does.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..text.resources import stop_words
from ..text.tokens import is_alpha, normalise, tokenize
from .sources import link_story_sources
from .wording import ngrams_of

#: Columns of the source rows (the study tables' part of ``sources_table``) plus ``story_source``.
SOURCE_ROW_COLUMNS = ["story", "article_id", "outlet", "source", "story_source", "source_kind", "n_sentences",
                      "quoted_words", "first_position"]
ARTICLE_KEY_COLUMNS = ["article_id", "story", "outlet"]


class ArticlePieces(NamedTuple):
    """One analysed article's share of the study tables (an article that failed has none)."""

    article_id: str
    story: str
    outlet: str
    terms: dict        # term -> count (n-grams of one length)
    sources: list      # (source, source_kind, n_sentences, quoted_words, first_position), first appearance order


def _quoted_offsets(doc) -> set[int]:
    """Article-text offsets inside a top-level quotation (as the tokens table marks ``quoted``)."""
    starts = [p.start for p in doc.body]
    quoted: set[int] = set()
    for span in doc.spans:
        if span.depth == 0:
            quoted.update(range(starts[span.paragraph] + span.start, starts[span.paragraph] + span.end))
    return quoted


def article_pieces(doc, text: str, record: dict, ngram: int = 1) -> ArticlePieces:
    """The term counts and source rows of one analysed article (``doc`` from
    :func:`~analysis.text.article.analyse_text` of ``text``); an article in another language
    (not measured) has neither, as in the corpus tables."""
    if not doc.measured:
        return ArticlePieces(doc.article_id, record["story"], record["outlet"], {}, [])
    stops = stop_words()
    quoted = _quoted_offsets(doc)
    terms: Counter = Counter()
    sources: dict[str, list] = {}
    for sentence in doc.sentences:
        words, n_quoted = [], 0
        for start, _, token in tokenize(text[sentence.start:sentence.end]):
            lower = normalise(token)
            if is_alpha(lower):
                words.append(lower)
                n_quoted += (sentence.start + start) in quoted
        terms.update(ngrams_of(words, ngram, stops))
        if sentence.source != "" and sentence.voice != "narration":
            row = sources.setdefault(sentence.source, [sentence.source_kind, 0, 0, sentence.relative_position])
            row[1] += 1
            row[2] += n_quoted
            row[3] = min(row[3], sentence.relative_position)
    return ArticlePieces(doc.article_id, record["story"], record["outlet"], dict(terms),
                         [(name, kind, n, words, first) for name, (kind, n, words, first) in sources.items()])


class StudyTerms:
    """Term counts of a study's articles, tallied as they stream in (:meth:`add`).

    Held in memory: the vocabulary (each term's pooled count and number of articles using it)
    and each article's total; the article x term counts are appended to a temporary file
    (12 bytes a nonzero count) and read back once by :meth:`matrix`.
    """

    def __init__(self, ngram: int = 1):
        self.ngram = ngram
        self._code: dict[str, int] = {}
        self._pooled: list[int] = []
        self._usage: list[int] = []
        self._totals: list[int] = []
        self._keys: list[tuple[str, str, str]] = []
        self._spill = tempfile.TemporaryFile(prefix="study-terms-")
        self._n_entries = 0

    def add(self, pieces: ArticlePieces) -> None:
        """Count one article (in the order the articles should keep)."""
        row = len(self._keys)
        self._keys.append((pieces.article_id, pieces.story, pieces.outlet))
        codes = np.empty(len(pieces.terms), dtype=np.int32)
        counts = np.empty(len(pieces.terms), dtype=np.int32)
        for k, (term, count) in enumerate(pieces.terms.items()):
            code = self._code.setdefault(term, len(self._code))
            if code == len(self._pooled):
                self._pooled.append(0)
                self._usage.append(0)
            self._pooled[code] += count
            self._usage[code] += 1
            codes[k], counts[k] = code, count
        self._totals.append(int(counts.sum()))
        block = np.empty((len(codes), 3), dtype=np.int32)
        block[:, 0], block[:, 1], block[:, 2] = row, codes, counts
        block.tofile(self._spill)
        self._n_entries += len(codes)

    @property
    def articles(self) -> pd.DataFrame:
        """The counted articles in order: ``article_id``, ``story``, ``outlet``."""
        return pd.DataFrame(self._keys, columns=ARTICLE_KEY_COLUMNS)

    @property
    def totals(self) -> np.ndarray:
        """Each article's number of terms (float, in article order)."""
        return np.asarray(self._totals, dtype=float)

    def _by_term(self, values: list[int]) -> pd.Series:
        terms = list(self._code)
        series = pd.Series(np.asarray(values, dtype=np.int64), index=pd.Index(terms, dtype=object), name=None)
        return series.sort_index()

    @property
    def pooled(self) -> pd.Series:
        """Each term's count over all articles, indexed by term (sorted), int64."""
        return self._by_term(self._pooled)

    @property
    def usage(self) -> pd.Series:
        """Each term's number of articles using it, indexed by term (sorted), int64."""
        return self._by_term(self._usage)

    def matrix(self, vocab: list[str], block_rows: int = 1_000_000, dtype=float) -> np.ndarray:
        """Article x ``vocab`` counts (float, or ``dtype``; articles in order), read back from the spill file."""
        out = np.zeros((len(self._keys), len(vocab)), dtype=dtype)
        column = np.full(len(self._code), -1, dtype=np.int64)
        for j, term in enumerate(vocab):
            column[self._code[term]] = j
        self._spill.seek(0)
        left = self._n_entries
        while left:
            block = np.fromfile(self._spill, dtype=np.int32, count=3 * min(left, block_rows)).reshape(-1, 3)
            left -= len(block)
            where = column[block[:, 1]]
            keep = where >= 0
            out[block[keep, 0], where[keep]] = block[keep, 2]
        return out

    @classmethod
    def from_saved(cls, ngram: int, articles: pd.DataFrame, totals: list[int], vocabulary: list[str],
                   pooled: list[int], usage: list[int], entries: Path) -> "StudyTerms":
        """The tallies written by :meth:`copy_entries` and the properties below (a cached study
        pass, :mod:`analysis.measures.study_cache`); the entries file is read, never written."""
        terms = cls.__new__(cls)
        terms.ngram = ngram
        terms._code = {term: code for code, term in enumerate(vocabulary)}
        terms._pooled, terms._usage, terms._totals = list(pooled), list(usage), list(totals)
        terms._keys = list(articles[ARTICLE_KEY_COLUMNS].itertuples(index=False, name=None))
        terms._spill = open(entries, "rb")
        terms._n_entries = os.path.getsize(entries) // 12
        return terms

    @property
    def vocabulary(self) -> list[str]:
        """The terms in the order they were first counted (their codes)."""
        return list(self._code)

    @property
    def pooled_by_code(self) -> list[int]:
        return list(self._pooled)

    @property
    def usage_by_code(self) -> list[int]:
        return list(self._usage)

    def copy_entries(self, path: Path) -> None:
        """Copy the article x term counts (``int32`` triples: article row, term code, count) to ``path``."""
        self._spill.flush()
        self._spill.seek(0)
        with open(path, "wb") as out:
            shutil.copyfileobj(self._spill, out)

    def close(self) -> None:
        self._spill.close()


class StudySources:
    """Source rows of a study's articles, gathered as they stream in (:meth:`add`); :meth:`table`
    links each story's sources and sorts the rows as :func:`~analysis.measures.sources.sources_table`."""

    def __init__(self):
        self._rows: list[tuple] = []
        self._strings: dict[str, str] = {}  # one copy of each repeated string (story, outlet, names)

    def _intern(self, value: str) -> str:
        return self._strings.setdefault(value, value)

    def add(self, pieces: ArticlePieces) -> None:
        story, outlet = self._intern(pieces.story), self._intern(pieces.outlet)
        for name, kind, n, words, first in pieces.sources:
            self._rows.append((story, pieces.article_id, outlet, self._intern(name), "", self._intern(kind), n,
                               words, first))

    def table(self) -> pd.DataFrame:
        """Columns :data:`SOURCE_ROW_COLUMNS`; ``story_source`` linked across each story's articles."""
        table = pd.DataFrame(self._rows, columns=SOURCE_ROW_COLUMNS)
        if len(table):
            table["story_source"] = link_story_sources(table)
            table = table.sort_values(["story", "article_id", "first_position"], kind="stable")
        return table.reset_index(drop=True)
