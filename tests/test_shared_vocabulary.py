"""Shared vocabulary against counts made by hand, for one story and for a study of several."""
from __future__ import annotations

import analysis
from conftest import write_study

ARTICLES = {
    "a.txt": "Headline one\nFarmers plant wheat. Farmers sell wheat.\n",
    "b.txt": "Headline two\nFarmers harvest corn.\n",
    "c.txt": "Headline three\nBankers sell bonds.\n",
}


def rows(stories: dict[str, str]) -> list[dict]:
    return [{"id": name.removesuffix(".txt"), "story": story, "outlet": f"Outlet {name[0].upper()}",
             "file": f"raw/{name}"} for name, story in stories.items()]


def test_one_story_has_a_count_column_per_article(tmp_path):
    folder = write_study(tmp_path, {k: ARTICLES[k] for k in ("a.txt", "b.txt")},
                         rows({"a.txt": "fields", "b.txt": "fields"}))
    vocab = analysis.shared_vocabulary(analysis.load_corpus(folder))
    assert list(vocab.columns) == ["story", "term", "n_outlets", "outlets", "total", "a", "b"]
    # by hand: farmers 2 + 1, wheat 2 + 0, then the four words used once, alphabetical
    assert vocab["term"].tolist() == ["farmers", "wheat", "corn", "harvest", "plant", "sell"]
    farmers = vocab.iloc[0]
    assert (farmers["n_outlets"], farmers["outlets"], farmers["total"], farmers["a"], farmers["b"]) == \
        (2, "Outlet A, Outlet B", 3, 2, 1)
    assert vocab.set_index("term").loc["corn", ["a", "b"]].tolist() == [0, 1]
    assert str(vocab["a"].dtype).startswith("int")  # counts, not 2.0


def test_several_stories_list_each_articles_count(tmp_path):
    folder = write_study(tmp_path, ARTICLES, rows({"a.txt": "fields", "b.txt": "fields", "c.txt": "markets"}))
    vocab = analysis.shared_vocabulary(analysis.load_corpus(folder))
    # no column per article of the whole study: it would grow with articles times terms
    assert list(vocab.columns) == ["story", "term", "n_outlets", "outlets", "total", "counts"]
    fields = vocab[vocab["story"] == "fields"]
    assert fields["term"].tolist() == ["farmers", "wheat", "corn", "harvest", "plant", "sell"]
    assert fields.iloc[0]["counts"] == "a: 2; b: 1"
    assert fields.set_index("term").loc["corn", "counts"] == "b: 1"
    markets = vocab[vocab["story"] == "markets"]
    # "sell" in the other story is not shared with this one
    assert markets.set_index("term").loc["sell", ["n_outlets", "outlets", "counts"]].tolist() == [1, "Outlet C", "c: 1"]
    assert sorted(markets["term"]) == ["bankers", "bonds", "sell"]
