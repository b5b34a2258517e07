"""One article's text structure, as named records: the single source of every count.

:func:`analyse_text` turns an article's text into :class:`Paragraph` and
:class:`Sentence` records (roles, quotations, voices, speakers);
:func:`article_counts` counts them.  Both the notebook tables
(:func:`analysis.text.corpus.process_article`) and the corpus pipeline
(:func:`analysis.measures.pipeline.article_metrics`) are built on these two
functions, so a count or a voice is defined once.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple, get_type_hints

import numpy as np

from .language import LanguageGuess, detect_language, is_measured, not_measured_problem
from .paragraphs import Paragraph, RoleRule, article_structure
from .quotes import QuoteSpan, find_quote_spans
from .sentences import Sentence, sentence_records
from .tokens import TOKEN_PATTERN, word_and_stop

NO_BODY_SENTENCE = "no body sentence: every paragraph was set aside or the text has no sentence"


@dataclass(slots=True, frozen=True)
class ArticleText:
    """The structure of one article: every paragraph, the body sentences, the quotations."""

    article_id: str
    text: str
    paragraphs: list[Paragraph]
    body: list[Paragraph]
    sentences: list[Sentence]
    spans: list[QuoteSpan]
    problems: list[str]
    bylines: list[str]
    dates: list[str]
    #: the body text's language (:mod:`analysis.text.language`)
    language: LanguageGuess

    @property
    def measured(self) -> bool:
        """True when the package's English-only measures hold for this article's language."""
        return is_measured(self.language.language)


def analyse_text(article_id: str, text: str, *, user_rules: tuple[RoleRule, ...] = (),
                 overrides: dict[int, str] | None = None, sources: bool = True) -> ArticleText:
    """Paragraph roles, quotation spans and body sentences of one article's text.

    ``user_rules`` and ``overrides`` are a user's own furniture patterns and line roles
    (see :func:`analysis.text.paragraphs.article_structure`); ``sources=False``
    leaves the sentences' sources unresolved (see :func:`~analysis.text.sentences.sentence_records`)."""
    structure = article_structure(article_id, text, user_rules=user_rules, overrides=overrides)
    paragraphs = structure.paragraphs
    body = [p for p in paragraphs if p.role == "body"]
    spans, problems = find_quote_spans([p.text for p in body])
    problems = structure.problems + problems
    language = detect_language("\n".join(p.text for p in body))
    if not is_measured(language.language):
        problems = problems + [not_measured_problem(language)]
    sentences = sentence_records(article_id, [(p.paragraph_id, p.start, p.text) for p in body], spans,
                                 sources=sources)
    if not sentences:
        problems = problems + [NO_BODY_SENTENCE]
    return ArticleText(article_id, text, paragraphs, body, sentences, spans, problems,
                       structure.bylines, structure.dates, language)


class ArticleCounts(NamedTuple):
    """Per-article counts: columns of the articles table and of the corpus metrics alike."""

    n_paragraphs: int
    n_body_paragraphs: int
    n_set_aside: int
    n_sentences: int
    n_narration: int
    n_reported: int
    n_mixed: int
    n_quotation: int
    n_words: int
    n_stop_words: int
    quoted_share: float
    words_per_body_paragraph: float


COUNT_FIELDS = list(ArticleCounts._fields)
#: The whole-number counts (nullable integers in the corpus metrics table).
INTEGER_COUNT_FIELDS = [name for name, kind in get_type_hints(ArticleCounts).items() if kind is int]


def article_counts(doc: ArticleText) -> ArticleCounts:
    """Counts of one article.

    ``n_words`` counts alphabetic tokens of the body sentences (as the tokens
    table does) and ``n_stop_words`` those on the stop list; ``quoted_share``
    is the share of body letters inside quotation marks (0 without letters);
    ``words_per_body_paragraph`` is ``n_words`` over the body paragraphs (NaN
    without one).  In a language the measures do not hold for (``doc.measured`` false) only
    the paragraph counts are given; every count that rests on English sentences, words,
    stop words or voices is NaN.
    """
    if not doc.measured:
        return ArticleCounts(len(doc.paragraphs), len(doc.body), len(doc.paragraphs) - len(doc.body),
                             *[float("nan")] * (len(ArticleCounts._fields) - 3))
    n_words = n_stop = 0
    # each distinct token once (a token never spans the line break joining two sentences)
    for token, count in Counter(TOKEN_PATTERN.findall("\n".join(s.text for s in doc.sentences))).items():
        word, stop = word_and_stop(token)
        if word:
            n_words += count
            n_stop += count if stop else 0
    letters = np.array([s.n_letters for s in doc.sentences], dtype=float)
    quoted = np.array([s.quoted_share for s in doc.sentences], dtype=float) * letters
    voices = [s.voice for s in doc.sentences]
    return ArticleCounts(
        n_paragraphs=len(doc.paragraphs),
        n_body_paragraphs=len(doc.body),
        n_set_aside=len(doc.paragraphs) - len(doc.body),
        n_sentences=len(doc.sentences),
        n_narration=voices.count("narration"),
        n_reported=voices.count("reported"),
        n_mixed=voices.count("mixed"),
        n_quotation=voices.count("quotation"),
        n_words=n_words,
        n_stop_words=n_stop,
        quoted_share=float(quoted.sum() / letters.sum()) if letters.sum() else 0.0,
        words_per_body_paragraph=n_words / len(doc.body) if doc.body else float("nan"),
    )
