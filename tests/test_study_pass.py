"""One streamed pass for the across-story tables: the metrics, term counts and source rows of each
article from one analysis, tallied with memory bounded by the vocabulary, giving the same tables as
the loaded corpus."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.compare.order import study_outlets
from analysis.compare.study_sources import study_source_tables
from analysis.compare.wording_across import distinctive_terms_across, top_terms_by_outlet
from analysis.measures.pipeline import corpus_metrics, study_pass
from analysis.measures.study_pieces import ArticlePieces, StudyTerms
from conftest import SEED_DATA, write_study


def test_terms_tallied_by_hand(tmp_path):
    texts = {"a1.txt": "H\n\nApples. Apples. Pears.\n", "b1.txt": "H\n\nPears. Plums.\n",
             "a2.txt": "H\n\nApples. Plums.\n", "b2.txt": "H\n\nApples. Pears. Plums. Pears.\n"}
    rows = [{"id": n[:2], "story": f"s{n[1]}", "outlet": n[0].upper(), "file": f"raw/{n}"} for n in texts]
    data = write_study(tmp_path / "d", texts, rows)
    study = study_pass(data, workers=1, progress=False)
    terms = study.terms
    assert terms.articles["article_id"].tolist() == ["a1", "b1", "a2", "b2"]
    # apples: 2 + 0 + 1 + 1 = 4 in 3 articles; pears 1 + 1 + 0 + 2 = 4 in 3; plums 0 + 1 + 1 + 1 = 3 in 3
    assert terms.pooled.to_dict() == {"apples": 4, "pears": 4, "plums": 3}
    assert terms.usage.to_dict() == {"apples": 3, "pears": 3, "plums": 3}
    assert terms.totals.tolist() == [3, 2, 2, 4]
    assert terms.matrix(["pears", "apples"]).tolist() == [[1, 2], [1, 0], [0, 1], [2, 1]]
    # the by-hand numbers of test_wording_across, now from the tallies
    table = distinctive_terms_across(terms, min_articles=3)
    apples = table[(table["outlet"] == "A") & (table["term"] == "apples")].iloc[0]
    assert apples["rate_difference"] == pytest.approx((2000 / 3 + 250) / 2)
    assert apples["p_value"] == pytest.approx(0.5)


def test_matrix_is_read_back_in_blocks():
    terms = StudyTerms()
    for k in range(5):
        terms.add(ArticlePieces(f"a{k}", "s", "O", {"x": k + 1, f"only{k}": 1}, []))
    # each article wrote two entries; blocks of three entries cut across articles
    assert terms.matrix(["x"], block_rows=3)[:, 0].tolist() == [1, 2, 3, 4, 5]
    assert terms.matrix(["only3", "x"], block_rows=1).tolist() == [[0, 1], [0, 2], [0, 3], [1, 4], [0, 5]]
    terms.close()


def test_source_rows_by_hand(tmp_path):
    text = ('Harbour plan\n\n'
            'The council met on Monday. "We will rebuild the pier," said Mayor Ann Quill.\n\n'
            '"The tide waits for nobody," Quill said.\n')
    data = write_study(tmp_path / "d", {"a.txt": text})
    sources = study_pass(data, workers=1, progress=False).sources
    corpus = analysis.load_corpus(data)
    sentences = corpus.sentences
    named = sentences[(sentences["source"] != "") & (sentences["voice"] != "narration")]
    assert len(named) == 2 and named["source"].nunique() == 1       # both quotations are Ann Quill's
    row = sources.iloc[0]
    assert len(sources) == 1 and row["source"] == named["source"].iloc[0]
    # two attributed sentences; quoted words: "We will rebuild the pier" (5) + "The tide waits for nobody" (5)
    assert (row["n_sentences"], row["quoted_words"]) == (2, 10)
    assert row["first_position"] == pytest.approx(0.5)                # the second of three sentences


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from analysis.compare.synthetic import write_synthetic_study

    return write_synthetic_study(tmp_path_factory.mktemp("syn") / "data", source_dir=SEED_DATA)


@pytest.mark.parametrize("workers", [1, 2])
def test_streamed_tables_equal_the_loaded_corpus_ones(synthetic, workers):
    outlets = study_outlets(synthetic)
    study = study_pass(synthetic, workers=workers, chunk_size=7, progress=False)
    pd.testing.assert_frame_equal(study.metrics, corpus_metrics(synthetic, workers=1, progress=False))
    corpus = analysis.load_corpus(synthetic)
    streamed = distinctive_terms_across(study.terms, outlets=outlets)
    assert len(streamed) > 100
    pd.testing.assert_frame_equal(streamed, distinctive_terms_across(corpus, outlets=outlets), check_exact=True)
    for mine, loaded in zip(study_source_tables(study, outlets), study_source_tables(corpus, outlets)):
        pd.testing.assert_frame_equal(mine, loaded, check_exact=True)


def test_top_terms_show_every_outlet_side_by_side():
    table = pd.DataFrame({
        "outlet": ["A", "A", "A", "B", "B", "C"], "term": ["x", "y", "z", "x", "w", "x"],
        "rate_difference": [2.0, 5.0, -1.0, 3.0, 3.0, -2.0], "p_value": [0.1, 0.1, 0.01, 0.2, 0.05, 0.01],
        "agreement": ["both", "neither", "both", "pooled z only", "neither", "both"]})
    wide = top_terms_by_outlet(table, k=5, outlets=["A", "B", "C"])
    assert list(wide.columns) == ["rank", "A", "B", "C"]
    # A: z is used less (left out); x and y tie on p, the larger difference first
    assert wide["A"].tolist() == ["y +5", "x +2*"]
    assert wide["B"].tolist() == ["w +3", "x +3°"]
    assert wide["C"].tolist() == ["(none)", ""]
