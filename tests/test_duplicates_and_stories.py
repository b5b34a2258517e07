"""Near-duplicates and story grouping, on hand examples and a synthetic corpus with planted truth."""
from __future__ import annotations

import csv
import json

import pytest

import analysis
from analysis.errors import InputDataError
from analysis.ingest import duplicates, stories
from analysis.ingest.importers import import_sources
from analysis.outputs import cli
from conftest import write_study
from synthetic_news import make_corpus, pairwise_f1


def test_jaccard_of_word_shingles_by_hand():
    a = duplicates.shingle_hashes("a b c d e f")   # shingles: abcde, bcdef
    b = duplicates.shingle_hashes("A b c d e g")   # abcde, bcdeg (case folded)
    assert len(a) == 2 and duplicates.jaccard(a, b) == pytest.approx(1 / 3)
    assert duplicates.jaccard(a, a) == 1.0


def test_lsh_candidates_share_a_band_by_hand():
    import numpy as np
    # texts 0 and 1 share band 0, 1 and 2 band 1, 0 and 3 and 4 band 2; nothing else is shared
    keys = np.array([[1, 2, 7], [1, 3, 8], [4, 3, 9], [5, 6, 7], [10, 11, 7]], dtype=np.uint64)
    assert duplicates._candidate_pairs(keys).tolist() == [[0, 1], [0, 3], [0, 4], [1, 2], [3, 4]]
    values = np.arange(10, dtype=np.uint64)
    values[5:] = values[:5]  # two bands of five rows with the same values: the same key
    band = duplicates._band_keys(values, 2, 5)
    assert band[0] == band[1] and duplicates._band_keys(values[::-1].copy(), 2, 5)[0] != band[0]


def test_pairwise_f1_by_hand():
    # truth pairs {(0,1)}; predicted pairs {(0,1),(0,2),(1,2)}: precision 1/3, recall 1, F1 0.5
    assert pairwise_f1(["a", "a", "b"], ["x", "x", "x"]) == pytest.approx((1 / 3, 1.0, 0.5))


@pytest.fixture(scope="module")
def synthetic_study(tmp_path_factory):
    corpus = make_corpus(shared_names=6)  # a third of each story's names shared with other stories of its topic
    folder = tmp_path_factory.mktemp("synthetic")
    source = folder / "synthetic.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for a in corpus:
            handle.write(json.dumps({"id": a.id, "outlet": a.outlet, "date": a.published, "title": a.headline,
                                     "text": a.text}) + "\n")
    import_sources([source], folder / "data")  # no story column: every article "unassigned"
    return corpus, folder / "data"


def test_planted_wire_copies_are_all_found_and_nothing_else(synthetic_study):
    corpus, data = synthetic_study
    pairs = duplicates.near_duplicates(data)
    found = {(a.removeprefix("synthetic-"), b.removeprefix("synthetic-")) for a, b in zip(pairs["id_a"], pairs["id_b"])}
    planted = {(a.wire_of, a.id) for a in corpus if a.wire_of}
    assert len(planted) == 20
    assert found == planted
    assert (pairs["jaccard"] >= 0.7).all()


def test_story_grouping_recovers_planted_stories(synthetic_study):
    corpus, data = synthetic_study
    table = stories.group_stories(data)
    assert (table["method"] == "grouped").all()  # every planted story has three or more articles
    truth = {f"synthetic-{a.id}": a.story for a in corpus}
    precision, recall, f1 = pairwise_f1([truth[i] for i in table["id"]], table["story"].tolist())
    assert f1 >= 0.95, (precision, recall, f1)
    assert table["confidence"].between(0.3, 1).all()  # a grouped article's cosine to its centre
    assert set(table["centre"]) <= set(table["id"])
    assert all(c.isalnum() or c in "-_." for name in table["story"] for c in name)


def test_shared_names_do_not_chain_stories_together():
    # two thirds of each story's names are shared with other stories of its topic: connected
    # components chained stories of one topic together (pairwise precision 0.67 on 200 stories)
    corpus = make_corpus(n_stories=60, n_wire=0, shared_names=12)
    found = stories.group_texts([f"{a.headline}\n\n{a.text}" for a in corpus], [a.published for a in corpus])
    precision, recall, f1 = pairwise_f1([a.story for a in corpus], found.labels.tolist())
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_star_clusters_by_hand():
    # a path 0-1-2-3-4 (cosines .5 .4 .45 .6) and a lone 5.  Link sums: 0 .5, 1 .9, 2 .85, 3 1.05, 4 .6:
    # 3 is the first centre (takes 2 and 4), then 1 (takes 0); 2 is linked to both centres and
    # joins the nearer, 3 (.45 > .4).  Connected components would make one story of 0-4.
    links = [(0, 1, 0.5), (1, 2, 0.4), (2, 3, 0.45), (3, 4, 0.6)]
    centre, similarity = stories.star_clusters(6, links)
    assert centre.tolist() == [1, 1, 3, 3, 3, 5]
    assert similarity.tolist() == [0.5, 0.0, 0.45, 0.0, 0.6, 0.0]


def test_story_name_uses_names_not_stop_words():
    import numpy as np

    texts = ["The council in Dremoor said that the Kelt bridge will close, and the ferry will run.",
             "In Dremoor the bridge over the Kelt closes; the council and the ferry company agree."]
    matrix, vocabulary = stories.tfidf_matrix(texts)
    words = {v: k for k, v in vocabulary.items()}
    weights = matrix.sum(axis=0).A1
    name = stories.story_name(np.arange(len(weights)), weights, words, texts, "2023-05-01")
    # 'the', 'and', 'that' weigh in the vectors but are stop words; Dremoor and Kelt are written
    # with a capital inside sentences, so they come first, before the heaviest common word
    # ('will': twice in one text, so heavier than words both texts share once)
    assert name == "2023-05-01-dremoor-kelt-will"
    from stop_words import get_stop_words
    texts = ["The and that the and that. The and that the a an.", "The and that the and."]
    matrix, vocabulary = stories.tfidf_matrix(texts)
    assert set(vocabulary) <= set(get_stop_words("en"))
    weights = matrix.sum(axis=0).A1
    words = {v: k for k, v in vocabulary.items()}
    assert stories.story_name(np.arange(len(weights)), weights, words, texts, "") == "story"
    assert name.startswith("2023-05-01-")


def test_flags_exclude_copies_from_the_corpus_and_keep_user_decisions(tmp_path):
    text = "Storm hits coast\n\n" + " ".join(f"word{i}" for i in range(60))
    data = write_study(tmp_path / "d", {"a.txt": text, "b.txt": text + " extra", "c.txt": "Other\n\nSomething else."},
                       rows=[{"id": "a", "story": "s", "outlet": "One", "file": "raw/a.txt", "published": "2023-01-02"},
                             {"id": "b", "story": "s", "outlet": "Two", "file": "raw/b.txt", "published": "2023-01-01"},
                             {"id": "c", "story": "s", "outlet": "Three", "file": "raw/c.txt"}])
    pairs = analysis.near_duplicates(data)
    assert pairs[["id_a", "id_b"]].values.tolist() == [["a", "b"]]
    path = analysis.write_duplicate_flags(data)
    flags = list(csv.DictReader(path.open(encoding="utf-8")))
    # b was published first: it is the original, a the copy
    assert [(f["id"], f["duplicate_of"], f["action"]) for f in flags] == [("a", "b", "exclude"), ("b", "", "keep")]
    assert analysis.load_corpus(data).articles["article_id"].tolist() == ["b", "c"]
    from analysis.measures.pipeline import corpus_metrics
    assert corpus_metrics(data, workers=1, progress=False)["article_id"].tolist() == ["b", "c"]
    path.write_text(path.read_text(encoding="utf-8").replace("exclude", "keep"), encoding="utf-8")
    analysis.write_duplicate_flags(data)
    assert analysis.load_corpus(data).articles["article_id"].tolist() == ["a", "b", "c"]
    path.write_text("id,action\na,drop\n", encoding="utf-8")
    with pytest.raises(InputDataError, match=r"duplicates\.csv: line 2: action 'drop' is not keep or exclude"):
        analysis.load_corpus(data)


def test_story_column_is_kept_and_reviewed_groups_are_applied(tmp_path, capsys):
    texts = {"a.txt": "Zorvan bridge closes\n\nThe Zorvan bridge over the Kelt river closed for Zorvan repairs.",
             "b.txt": "Kelt river bridge shut\n\nZorvan bridge on the Kelt shut; Zorvan engineers at work.",
             "c.txt": "Meals for pupils\n\nFree school meals for every pupil in Dremoor from autumn.",
             "d.txt": "Known story\n\nA story that came with its name."}
    rows = [{"id": k[0], "story": "unassigned", "outlet": f"O{k}", "file": f"raw/{k}", "published": "2023-05-01"}
            for k in texts]
    rows[3]["story"] = "given-story"
    data = write_study(tmp_path / "d", texts, rows)
    table = analysis.group_stories(data)
    by_id = table.set_index("id")
    assert by_id.at["a", "story"] == by_id.at["b", "story"] != by_id.at["c", "story"]
    assert by_id.loc[["a", "b", "c"], "method"].tolist() == ["grouped", "grouped", "single"]
    assert by_id.at["a", "centre"] == by_id.at["b", "centre"] in ("a", "b") and by_id.at["c", "centre"] == "c"
    # a pair: each one's confidence is the cosine between them; the single: 1 - its best cosine
    matrix, _ = stories.tfidf_matrix([(data / "raw" / k).read_text(encoding="utf-8") for k in texts][:3])
    cosine = (matrix @ matrix.T).toarray()
    assert by_id.at["a", "confidence"] == by_id.at["b", "confidence"] == pytest.approx(cosine[0, 1], abs=1e-4)
    assert by_id.at["c", "confidence"] == pytest.approx(1 - max(cosine[2, 0], cosine[2, 1]), abs=1e-4)
    assert (by_id.at["d", "story"], by_id.at["d", "method"], by_id.at["d", "confidence"]) == ("given-story", "column", 1.0)
    assert cli.main(["group-stories", "--data-dir", str(data), "--write", "--csv"]) == 0
    assert (data / "stories.csv").is_file()
    edited = (data / "stories.csv").read_text(encoding="utf-8").replace(by_id.at["c", "story"], "School Meals")
    (data / "stories.csv").write_text(edited, encoding="utf-8")
    assert cli.main(["group-stories", "--data-dir", str(data), "--apply"]) == 0
    assert analysis.stories(data) == [by_id.at["a", "story"], "school-meals", "given-story"]
    capsys.readouterr()
    assert cli.main(["duplicates", "--data-dir", str(data), "--csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["id_a,id_b,story_a,story_b,outlet_a,outlet_b,jaccard"]  # none


def test_similarity_links_in_small_chunks_equal_all_pairs_within_the_window(monkeypatch):
    # every pair within the window (undated: with everyone), scored by brute force on the dense
    # cosine matrix, against the chunked sparse scoring forced into chunks of a few pairs
    import numpy as np

    corpus = make_corpus(n_stories=12, n_wire=3, shared_names=12, seed=3)
    texts = [a.text for a in corpus]
    dates = [("" if k % 9 == 0 else a.published) for k, a in enumerate(corpus)]
    matrix, _ = stories.tfidf_matrix(texts)
    days = [stories._day(d) for d in dates]
    cosine = (matrix @ matrix.T).toarray()
    n = len(texts)
    near = np.array([[i != j and (days[i] is None or days[j] is None or abs(days[i] - days[j]) <= 3)
                      for j in range(n)] for i in range(n)])
    expected = [(i, j) for i in range(n) for j in range(i + 1, n) if near[i, j] and cosine[i, j] >= 0.2]
    monkeypatch.setattr(stories, "MAX_PAIRS", 50)
    links, best = stories.similarity_links(matrix, days, 3, 0.2)
    assert [(i, j) for i, j, _ in links] == expected
    assert np.allclose([v for _, _, v in links], [cosine[i, j] for i, j in expected])
    assert np.allclose(best, np.where(near, cosine, 0).max(axis=1))


def test_words_and_where_sentences_open():
    from analysis.ingest.stories import words_and_openings

    text = "Police said. Then Roe left\nNews: here (Tom) 3rd ok abc1def"
    # by hand: the text's start, ". ", a line break and ": " open; "(" alone does not;
    # "3rd" and "ok" are not words of three letters; "abc1def" gives its leading letters only
    assert list(words_and_openings(text)) == [
        ("Police", True), ("said", False), ("Then", True), ("Roe", False), ("left", False),
        ("News", True), ("here", True), ("Tom", False), ("abc", False)]
