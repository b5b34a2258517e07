"""Turn the articles listed in the manifest into four tidy tables.

>>> corpus = load_corpus(story="bondarev-resignation")      # doctest: +SKIP
>>> corpus.articles, corpus.paragraphs, corpus.sentences, corpus.tokens  # doctest: +SKIP

Each article is processed on its own by :func:`process_article`, so the same
code serves two articles in a notebook and thousands streamed in chunks.

One article never sinks a study: an exception while analysing an article (a fault in
the analysis, met by some real text) is caught at the article's boundary
(:func:`analyse_or_record`), and the article is left out of the tables and listed in
``Corpus.failed`` with ``analysis failed: <ErrorType: message> in <module.function>`` in its
``problems``; ``summary`` and every command's closing note count it.  In strict mode
(:func:`analysis.config.strict_mode`: ``--strict``, and the test suite) the same failure
is an :class:`~analysis.errors.ArticleAnalysisError` instead.  Bad input files
(:class:`~analysis.errors.InputDataError`: a missing file, a wrong checksum, an empty
article) are not analysis failures: they stop the run with a one-line error naming the
file, as always, for the user to fix.
"""
from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field

from pathlib import Path

import pandas as pd

from ..config import resolve_data_dir, strict_mode
from ..errors import ArticleAnalysisError, InputDataError, analysis_failure
from ..ingest.duplicates import analysed_manifest
from ..ingest.rawtext import read_raw_text
from .article import COUNT_FIELDS, analyse_text, article_counts
from .paragraphs import PARAGRAPH_COLUMNS, author_from_bylines, published_from_dates
from .sentences import SENTENCE_COLUMNS
from .tokens import TOKEN_COLUMNS, token_rows
from .user_rules import user_rules_for

ARTICLE_COLUMNS = (
    ["article_id", "story", "outlet", "headline", "published", "url", "file", "sha256",
     "n_bytes", "extractor", "author", "language"]
    + COUNT_FIELDS
    + ["normalisations", "problems", "notes"]
)


@dataclass
class ArticleTables:
    """Everything computed for one article."""

    article: dict
    text: str
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    quotes: pd.DataFrame
    problems: list[str] = field(default_factory=list)


def process_article(record: dict, data_dir=None) -> ArticleTables:
    """Read one manifest record (a row of :func:`read_manifest`) and build its tables,
    with the user's own rules and line roles of ``data_dir`` (:mod:`analysis.text.user_rules`)."""
    raw = read_raw_text(record["path"], record.get("sha256", ""))
    user = user_rules_for(record, data_dir)
    doc = analyse_text(record["id"], raw.text, user_rules=user.rules, overrides=user.overrides)
    if not doc.measured:  # another language: its paragraphs are listed, its sentences measure nothing
        doc = dataclasses.replace(doc, sentences=[], spans=[])
    paragraphs = pd.DataFrame(doc.paragraphs, columns=PARAGRAPH_COLUMNS)
    body = pd.DataFrame(doc.body, columns=PARAGRAPH_COLUMNS)
    sentences = pd.DataFrame(doc.sentences, columns=SENTENCE_COLUMNS)

    quoted_chars: set[int] = set()
    starts = body["start"].tolist()
    for span in doc.spans:
        if span.depth == 0:
            quoted_chars.update(range(starts[span.paragraph] + span.start, starts[span.paragraph] + span.end))
    tokens = token_rows(doc.sentences, raw.text, quoted_chars)
    quotes = quote_rows(doc.article_id, body, doc.spans)

    article = {
        "article_id": doc.article_id,
        "story": record["story"],
        "outlet": record["outlet"],
        "headline": record.get("headline") or paragraphs["text"].iloc[0],
        "published": record.get("published") or raw.metadata.get("date", "") or published_from_dates(doc.dates),
        "url": record.get("url") or raw.metadata.get("url", ""),
        "file": record["file"],
        "sha256": raw.sha256,
        "n_bytes": raw.n_bytes,
        "extractor": raw.extractor,
        "author": record.get("author") or raw.metadata.get("author", "") or author_from_bylines(doc.bylines),
        "language": doc.language.language,
        **article_counts(doc)._asdict(),
        "normalisations": "; ".join(raw.normalisations),
        "problems": "; ".join(doc.problems),
        "notes": record.get("notes", ""),
    }
    return ArticleTables(article, raw.text, paragraphs, sentences, tokens, quotes, doc.problems)


#: Articles that could not be analysed in this process (article id -> problem), newest last:
#: what every command's closing note counts (:func:`analysis_failures`).
_FAILURES: dict[str, str] = {}


def analysis_failures() -> dict[str, str]:
    """Every article that could not be analysed in this process so far: ``{article_id: problem}``."""
    return dict(_FAILURES)


def forget_analysis_failures() -> None:
    """Start counting afresh (each command of the command line does)."""
    _FAILURES.clear()


def record_failure(record: dict, error: Exception) -> str:
    """The problem text for an article whose analysis raised ``error``, remembered for the closing
    note; in strict mode an :class:`~analysis.errors.ArticleAnalysisError` instead (chained)."""
    problem = analysis_failure(error)
    if strict_mode():
        raise ArticleAnalysisError(record.get("file") or record.get("path"), str(record.get("id", "")), problem) from error
    _FAILURES[str(record.get("id", ""))] = problem
    return problem


def analyse_or_record(record: dict, data_dir=None) -> "ArticleTables | dict":
    """:func:`process_article`, or, when analysing the article raises anything but an
    :class:`~analysis.errors.InputDataError`, the article's row of ``articles`` with empty
    counts and the failure in ``problems`` (:func:`record_failure`)."""
    try:
        return process_article(record, data_dir)
    except InputDataError:
        raise
    except Exception as exc:  # noqa: BLE001  (one article's fault is recorded; the study goes on)
        problem = record_failure(record, exc)
        row = {c: None for c in ARTICLE_COLUMNS}
        row.update({"article_id": record["id"], "story": record.get("story", ""), "outlet": record.get("outlet", ""),
                    "headline": record.get("headline", ""), "published": record.get("published", ""),
                    "url": record.get("url", ""), "file": record.get("file", ""), "sha256": record.get("sha256", ""),
                    "normalisations": "", "problems": problem, "notes": record.get("notes", "")})
        return row


QUOTE_COLUMNS = ["article_id", "quote_id", "paragraph_id", "start", "end", "kind", "depth", "closed", "continues", "text"]


def quote_rows(article_id: str, body: pd.DataFrame, spans) -> pd.DataFrame:
    """One row per quoted stretch of a body paragraph (a quotation over three
    paragraphs gives three rows with one ``quote_id``); offsets are in the article text."""
    ids, starts, texts = body["paragraph_id"].tolist(), body["start"].tolist(), body["text"].tolist()
    rows = [(article_id, f"{article_id}-q{s.quote_id:03d}", ids[s.paragraph], starts[s.paragraph] + s.start,
             starts[s.paragraph] + s.end, s.kind, s.depth, s.closed, s.continues, texts[s.paragraph][s.start:s.end])
            for s in spans]
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


@dataclass
class Corpus:
    """The four tables for a set of articles.

    * ``articles``   - one row per article (columns: ``ARTICLE_COLUMNS``; ``problems``
      lists unbalanced quotation marks and other oddities found in the text);
    * ``paragraphs`` - one row per paragraph with its role (:mod:`analysis.text.paragraphs`);
    * ``sentences``  - one row per body sentence with its voice (:mod:`analysis.text.sentences`);
    * ``tokens``     - one row per token of the body sentences (:mod:`analysis.text.tokens`);
    * ``quotes``     - one row per quoted stretch of body text (:func:`quote_rows`);
    * ``failed``     - one row per article that could not be analysed (see the module docstring).

    Every table carries ``article_id``; ``paragraphs``, ``sentences`` and
    ``tokens`` also carry ``outlet`` and ``story`` so they can be grouped directly.
    """

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    quotes: pd.DataFrame
    texts: dict[str, str]
    #: the data folder the corpus was read from (its settings, e.g. framing.csv, are looked up there)
    data_dir: Path | None = None
    #: articles that could not be analysed, left out of every other table (columns: ``ARTICLE_COLUMNS``,
    #: counts empty, ``problems`` saying what failed and where)
    failed: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ARTICLE_COLUMNS))

    def set_aside(self) -> pd.DataFrame:
        """Paragraphs that are not body text, with the role and the rule that set them aside."""
        kept = self.paragraphs[self.paragraphs["role"] != "body"]
        return kept[["article_id", "outlet", "paragraph_id", "line", "role", "rule", "text"]].reset_index(drop=True)

    def pairs(self):
        """``(story, a, b)`` for every pair of articles of the same story (rows of ``articles``)."""
        for story, group in self.articles.groupby("story", sort=False):
            for a, b in itertools.combinations(group.itertuples(index=False), 2):
                yield story, a, b

    def summary(self) -> pd.DataFrame:
        """One row per article: outlet, headline, paragraphs by role, sentences by voice, words."""
        roles = pd.crosstab(self.paragraphs["article_id"], self.paragraphs["role"])
        roles.columns = [f"paragraphs_{c}" for c in roles.columns]
        base = self.articles.set_index("article_id")[
            ["outlet", "headline", "n_sentences", "n_narration", "n_reported", "n_mixed", "n_quotation", "n_words",
             "quoted_share"]
        ]
        return base.join(roles).fillna(0).reset_index()


def _with_outlet(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    lookup = articles.set_index("article_id")[["story", "outlet"]]
    merged = frame.join(lookup, on="article_id")
    columns = ["article_id", "story", "outlet"] + [c for c in frame.columns if c != "article_id"]
    return merged[columns]


def load_corpus(data_dir=None, story: str | None = None) -> Corpus:
    """Load every article of the manifest (or of one ``story``) into a :class:`Corpus`
    (an article that cannot be analysed goes to ``Corpus.failed``: see the module docstring)."""
    manifest = analysed_manifest(data_dir, story)  # near-duplicates the user marked "exclude" left out
    results, failed = [], []
    for record in manifest.to_dict("records"):
        outcome = analyse_or_record(record, data_dir)
        (results if isinstance(outcome, ArticleTables) else failed).append(outcome)
    articles = pd.DataFrame([r.article for r in results], columns=ARTICLE_COLUMNS)
    paragraphs = pd.concat([r.paragraphs for r in results], ignore_index=True) if results else pd.DataFrame(columns=PARAGRAPH_COLUMNS)
    sentences = pd.concat([r.sentences for r in results], ignore_index=True) if results else pd.DataFrame(columns=SENTENCE_COLUMNS)
    # typed even when no article was analysed (a story whose every article failed)
    tokens = pd.concat([r.tokens for r in results], ignore_index=True) if results else token_rows([], "", set())
    quotes = pd.concat([r.quotes for r in results], ignore_index=True) if results else pd.DataFrame(columns=QUOTE_COLUMNS)
    return Corpus(
        articles=articles,
        paragraphs=_with_outlet(paragraphs, articles),
        sentences=_with_outlet(sentences, articles),
        tokens=_with_outlet(tokens, articles),
        quotes=_with_outlet(quotes, articles),
        texts={r.article["article_id"]: r.text for r in results},
        data_dir=resolve_data_dir(data_dir),
        failed=pd.DataFrame(failed, columns=ARTICLE_COLUMNS),
    )
