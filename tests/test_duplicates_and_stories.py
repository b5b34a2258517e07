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
    assert (table["method"] == "grouped").all()
    truth = {f"synthetic-{a.id}": a.story for a in corpus}
    precision, recall, f1 = pairwise_f1([truth[i] for i in table["id"]], table["story"].tolist())
    assert f1 >= 0.95, (precision, recall, f1)
    assert table["confidence"].between(0, 1).all()
    assert all(c.isalnum() or c in "-_." for name in table["story"] for c in name)


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
