"""Per-article counts: one definition, the same in the articles table and the corpus metrics."""
from __future__ import annotations

import math

import analysis
from analysis.measures.pipeline import article_metrics
from conftest import write_study


def test_words_per_body_paragraph_by_hand(tmp_path):
    # body: "One two three." and "Four five. Six." -> 6 words over 2 body paragraphs = 3.0
    folder = write_study(tmp_path, {"a.txt": "A headline\nOne two three.\nFour five. Six.\n"})
    corpus = analysis.load_corpus(folder)
    row = corpus.articles.iloc[0]
    assert (row["n_body_paragraphs"], row["n_words"]) == (2, 6)
    assert row["words_per_body_paragraph"] == 3.0
    record = analysis.read_manifest(folder).to_dict("records")[0]
    assert article_metrics(record)["words_per_body_paragraph"] == 3.0


def test_words_per_body_paragraph_without_body_is_nan(tmp_path):
    folder = write_study(tmp_path, {"a.txt": "Only a headline\n"})
    value = analysis.load_corpus(folder).articles.iloc[0]["words_per_body_paragraph"]
    assert math.isnan(value)
