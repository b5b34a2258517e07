"""Property-based tests (Hypothesis) of the loader and the metrics on arbitrary text.

Invariants, for any bytes or text a user might save as an article:
* loading either works or raises :class:`InputDataError` (never another exception);
* offsets hold: every paragraph, sentence, token and quotation is the slice of the
  article's (normalised) text it says it is, quotations lie inside their paragraph,
  and the paragraphs hold every non-blank character of the text, in order;
* the notebook tables (``load_corpus``, ``readability_table``, ``sentiment_summary``)
  and the corpus pipeline (``article_metrics``) give the same counts and scores.
"""
from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis import InputDataError
from analysis.measures.pipeline import article_metrics
from analysis.measures.readability import DIVERSITY_METRICS, FORMULA_METRICS, TEXTSTAT_ONLY_METRICS
from analysis.measures.sentiment import SUMMARY_METRICS
from analysis.text.article import COUNT_FIELDS
from analysis.text.sentences import SCOPES

#: Readability metrics the per-article pipeline does not compute (no interval, whole-text textstat)
PIPELINE_LEAVES_OUT = set(TEXTSTAT_ONLY_METRICS) | set(DIVERSITY_METRICS)
from conftest import write_study

FRAGMENTS = ["The", "minister", "said", "Mr", "Reed", "A", "war", "good", " ", " ", "  ", ".", ",", "!", "?", "\n",
             "\n\n", '"', "“", "”", "‘", "’", "'", "(", ")", "(PA)", "Credit: AP", "Read more:", "—", "U.K.",
             "123", "e\u0301", "\u00ad", "\u200b", "\u2028", "\r\n", "\r", "\u0085", "\t", "\u00a0", "_", "/",
             "don't", "Russia's", "é", "ß", "日本", "😀", "<p>", "&amp;"]
texts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=120).map("".join),
    st.text(max_size=300),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load(data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        write_study(Path(folder), {"a.txt": data})
        try:
            return analysis.load_corpus(folder)
        except InputDataError:
            return None


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_load_or_give_a_clear_error(data):
    _load(data)  # anything but InputDataError fails the test


@SETTINGS
@given(texts)
def test_offsets_point_into_the_text(text):
    corpus = _load(("Headline\n\n" + text).encode("utf-8"))
    assert corpus is not None  # the headline alone makes it loadable
    article = corpus.texts["a"]
    for row in corpus.paragraphs.itertuples():
        assert article[row.start:row.end] == row.text
    # paragraphs hold every non-blank character of the text, in order
    assert "".join("".join(corpus.paragraphs["text"]).split()) == "".join(article.split())
    for row in corpus.sentences.itertuples():
        assert article[row.start:row.end] == row.text
    for row in corpus.tokens.itertuples():
        assert article[row.start:row.end] == row.token
    paragraphs = corpus.paragraphs.set_index("paragraph_id")
    for row in corpus.quotes.itertuples():
        assert article[row.start:row.end] == row.text
        p = paragraphs.loc[row.paragraph_id]
        assert p.start <= row.start <= row.end <= p.end


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    a, b = float(a), float(b)
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_tables_and_pipeline_agree(text):
    with tempfile.TemporaryDirectory() as folder:
        write_study(Path(folder), {"a.txt": ("Headline\n\n" + text).encode("utf-8")})
        corpus = analysis.load_corpus(folder)
        record = analysis.read_manifest(folder).to_dict("records")[0]
        row = article_metrics(record)
    article = corpus.articles.iloc[0]
    for field in COUNT_FIELDS:
        assert _close(article[field], row[field]), field
    assert article["problems"] == row["problems"]
    read = analysis.readability_table(corpus, reps=5)
    compared = 0
    for r in read[read["scope"] != "page"].itertuples():
        key = f"{r.scope}_{r.metric}"
        if r.metric in PIPELINE_LEAVES_OUT:
            assert key not in row, key
            continue
        assert _close(r.value, row[key]), key
        compared += 1
    assert compared == len(SCOPES) * len(FORMULA_METRICS)
    senti = analysis.sentiment_summary(corpus, reps=5)
    assert len(senti) == len(SCOPES) * len(SUMMARY_METRICS)
    for r in senti.itertuples():
        assert _close(r.value, row[f"{r.scope}_{r.metric}"]), (r.scope, r.metric)
