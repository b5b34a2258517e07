"""The offline explorer page, without a browser: what it holds, its size, its bytes, its command."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

import analysis
from analysis.outputs import cli, explorer
from conftest import SEED_DATA, write_study
from explorer_study import big_study_page

STORM = {
    "a1.txt": "Storm hits coast\n\nThe storm hit the coast. Officials said the storm was strong.",
    "a2.txt": "Coast cleans up\n\nA storm passed. The coast is calm.",
    "b1.txt": "Calm after rain\n\nRain fell on the coast. \u201cThe rain will stop,\u201d the mayor said.",
}
STORM_ROWS = [{"id": "a1", "story": "storm", "outlet": "Daily One", "file": "raw/a1.txt"},
              {"id": "a2", "story": "storm", "outlet": "Daily One", "file": "raw/a2.txt"},
              {"id": "b1", "story": "storm", "outlet": "Weekly Two", "file": "raw/b1.txt"}]


class _Fetches(HTMLParser):
    """Every attribute a browser would fetch by itself (src, href of link, srcset, poster, data)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "srcset", "poster", "data") or (tag == "link" and name == "href"):
                self.urls.append((tag, name, value))


def _script_json(page: str, element_id: str) -> dict:
    marker = f'<script type="application/json" id="{element_id}">'
    start = page.index(marker) + len(marker)
    return json.loads(page[start:page.index("</script>", start)])


def _specs(page: str) -> dict:
    """Each chart's Vega-Lite spec, by element id."""
    return {k: v["spec"] for k, v in _script_json(page, "explorer-specs").items()}


def _tables(page: str) -> dict:
    """The page's data tables (each once, as columns), by name."""
    return _script_json(page, "explorer-data")


@pytest.fixture(scope="module")
def storm(tmp_path_factory):
    folder = write_study(tmp_path_factory.mktemp("storm"), STORM, STORM_ROWS)
    return folder, analysis.load_corpus(folder)


def test_outlets_are_pooled_and_counted_by_hand(storm):
    _, corpus = storm
    terms = explorer.explorer_terms(corpus).set_index(["outlet", "term"])
    # Daily One: "storm" twice in a1, once in a2; Weekly Two: never.  "coast": 1 + 1 against 1.
    assert terms.loc[("Daily One", "storm"), ["count", "count_rest"]].tolist() == [3, 0]
    assert terms.loc[("Weekly Two", "storm"), ["count", "count_rest"]].tolist() == [0, 3]
    assert terms.loc[("Daily One", "coast"), ["count", "count_rest"]].tolist() == [2, 1]
    assert terms.loc[("Weekly Two", "rain"), ["count", "count_rest"]].tolist() == [2, 0]
    # the most distinctive term of Weekly Two is one Daily One never uses
    weekly = terms.loc["Weekly Two"].sort_values("z", ascending=False)
    assert weekly.iloc[0]["count_rest"] == 0 and weekly.iloc[0]["z"] > 0


def test_keyword_in_context_lines_are_the_sentences_with_the_term(storm):
    _, corpus = storm
    terms = explorer.explorer_terms(corpus)
    lines = explorer.term_lines(corpus, terms)
    storm_lines = lines[lines["term"] == "storm"]
    assert storm_lines["text"].tolist() == ["The storm hit the coast.", "Officials said the storm was strong.",
                                           "A storm passed."]
    assert storm_lines["match"].tolist() == ["storm"] * 3
    assert storm_lines["left"].tolist() == ["The ", "Officials said the ", "A "]
    assert storm_lines["right"].tolist() == [" hit the coast.", " was strong.", " passed."]
    rain = lines[lines["term"] == "rain"]
    # a quotation with only a bare attribution ("the mayor said") is a quotation (see analysis.text.attribution)
    assert rain["voice"].tolist() == ["narration", "quotation"]
    assert rain["speaker"].tolist()[1] == "the mayor"
    capped = explorer.term_lines(corpus, terms, explorer.Budget(lines_per_term_outlet=1))
    assert capped[capped["term"] == "storm"]["text"].tolist() == ["The storm hit the coast."]
    assert capped[capped["term"] == "storm"]["n_lines"].tolist() == [3]


def test_page_states_sample_sizes_caveats_and_cuts(storm):
    _, corpus = storm
    page = explorer.explorer_html(corpus, "Storm", explorer.Budget(lines_per_term_outlet=1, sentences=3))
    assert "3 articles from 2 outlets, 1 story, 6 body sentences." in page
    assert "<td>Daily One</td><td>2</td><td>4</td>" in page  # articles, sentences
    assert "Monroe, Colaresi &amp; Quinn 2008" in page and "no multiplicity control" in page
    assert "first 1 lines per outlet" in page
    assert "fixed random sample of 3 of the 6 body sentences" in page
    specs = _specs(page)
    assert set(specs) == {"term-explorer", "sentence-browser"}
    for spec in specs.values():
        assert spec["description"]  # the chart's text alternative (aria-label of its SVG)
    assert "showing 3 of 6 sentences" in page
    assert len(_tables(page)["sentences"]["sentence_id"]) == 3


def test_page_fetches_nothing_and_bundles_its_javascript():
    page = explorer.explorer_html(analysis.load_corpus(SEED_DATA), "Seed")
    parser = _Fetches()
    parser.feed(page)
    assert parser.urls == []
    assert not re.search(r"""@import|url\(\s*['"]?https?:""", page)
    assert "vegaEmbed" in page and "function" in page[:page.index("</head>")]


def test_same_input_same_bytes(tmp_path):
    first = cli.main(["explore", "--data-dir", str(SEED_DATA), "--out", str(tmp_path / "a")])
    second = cli.main(["explore", "--data-dir", str(SEED_DATA), "--out", str(tmp_path / "b")])
    assert first == second == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["all-stories.html", "bondarev-resignation.html"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_whole_folder_page_has_a_story_choice(tmp_path, storm):
    folder, _ = storm
    import shutil
    data = tmp_path / "data"
    shutil.copytree(folder, data)
    for name in ("b1.txt",):
        (data / "raw" / f"x{name}").write_text("Other\n\nA quiet day in town. Nothing happened.", encoding="utf-8")
    with (data / "manifest.csv").open("a", encoding="utf-8") as handle:
        handle.write("x1,quiet,Daily One,,,,raw/xb1.txt,,\nx2,quiet,Weekly Two,,,,raw/b1.txt,,\n")
    assert cli.main(["explore", "--all", "--data-dir", str(data), "--out", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["all-stories.html"]
    specs = _specs((tmp_path / "out" / "all-stories.html").read_text(encoding="utf-8"))
    params = {p["name"]: p for p in specs["term-explorer"]["params"]}
    assert params["term_story"]["bind"]["options"] == ["storm", "quiet"]


def test_bad_input_is_one_line_and_leaves_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["explore", "--data-dir", str(tmp_path / "missing"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert not out.exists()
    assert cli.main(["explore", "--all", "--story", "x", "--data-dir", str(SEED_DATA), "--out", str(out)]) == 2
    capsys.readouterr()
    # an unknown story, and an output folder that is a file: one line each, before any work, nothing made
    assert cli.main(["explore", "--story", "no-such-story", "--data-dir", str(SEED_DATA), "--out", str(out)]) == 2
    assert not out.exists()
    out.write_text("a file, not a folder", encoding="utf-8")
    assert cli.main(["explore", "--data-dir", str(SEED_DATA), "--out", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith("error: ") for line in err)
    assert "no-such-story" in err[0] and "existing file" in err[1]
    assert out.read_text(encoding="utf-8") == "a file, not a folder"


def test_a_story_with_one_outlet_still_gets_a_page(tmp_path):
    data = write_study(tmp_path / "data", {"a.txt": "Alone\n\nOnly one outlet wrote this. It said little."})
    page = explorer.explorer_html(analysis.load_corpus(data), "Alone")
    assert "1 article from 1 outlet, 1 story, 2 body sentences." in page
    assert "Term explorer" in page  # the page is there; the term view simply has no points


def test_thousand_article_study_fits_the_size_budget(tmp_path_factory):
    page = big_study_page(tmp_path_factory)
    size = page.stat().st_size
    print(f"explorer page of a {1000}-article synthetic study: {size / 1e6:.2f} MB")
    assert size < 10_000_000
    text = page.read_text(encoding="utf-8")
    assert "fixed random sample of 4,000" in text  # the page says what it left out


# ---------------------------------------------------------------- any study size

def test_stratified_sample_takes_each_group_in_turn():
    frame = pd.DataFrame({"group": list("AAAAAABBC"), "row": range(9)})
    sample = explorer.stratified_sample(frame, ["group"], 6)
    # by hand: every group's first row, then every group's second... C runs out after one, B after two,
    # so A gives the remaining three
    assert sample["group"].value_counts().to_dict() == {"A": 3, "B": 2, "C": 1}
    assert sample["row"].tolist() == sorted(sample["row"])  # rows keep their order
    assert sample.equals(explorer.stratified_sample(frame, ["group"], 6))  # seeded: the same rows every time
    assert explorer.stratified_sample(frame, ["group"], 9).equals(frame)


@pytest.fixture(scope="module")
def many_stories(tmp_path_factory):
    """60 articles in 12 stories of 5 articles, one per outlet (Outlet 0-4), from the seed fixture's text."""
    from explorer_study import build_study
    return build_study(60, tmp_path_factory.mktemp("many") / "data", n_stories=12)


def _count_articles(monkeypatch) -> list[str]:
    """Every article analysed from now on, by id (load_corpus and the explorer's own reader share it)."""
    from analysis.text import corpus as corpus_module
    seen: list[str] = []
    original = corpus_module.process_article

    def counting(record, data_dir=None):
        seen.append(record["id"])
        return original(record, data_dir)
    monkeypatch.setattr(corpus_module, "process_article", counting)
    monkeypatch.setattr(explorer, "process_article", counting)
    return seen


def test_a_story_page_analyses_that_story_only(many_stories, tmp_path, monkeypatch):
    seen = _count_articles(monkeypatch)
    assert cli.main(["explore", "--story", "story-00003", "--data-dir", str(many_stories),
                     "--out", str(tmp_path)]) == 0
    # story k holds articles k, k + 12, k + 24...: five of the 60
    assert sorted(seen) == [f"b{k:06d}" for k in (3, 15, 27, 39, 51)]


def test_the_whole_folder_page_reads_a_bounded_stated_sample(many_stories, tmp_path, monkeypatch):
    seen = _count_articles(monkeypatch)
    budget = explorer.Budget(stories=4, articles=12)
    [page] = explorer.write_explorers(data_dir=many_stories, whole=True, out_dir=tmp_path, budget=budget)
    # 4 of the 12 stories, 12 // 4 = 3 articles of each, each from another outlet
    assert len(seen) == len(set(seen)) == 12
    ids = [int(a[1:]) for a in seen]
    by_story: dict[int, list[int]] = {}
    for k in ids:
        by_story.setdefault(k % 12, []).append(k % 5)
    assert len(by_story) == 4 and all(len(set(outlets)) == 3 for outlets in by_story.values())
    text = page.read_text(encoding="utf-8")
    assert "This page analyses 12 of the folder&#x27;s 60 articles: 4 of its 12 stories" in text
    assert "at most 3 articles of each story" in text
    params = {p["name"]: p for p in _specs(text)["term-explorer"]["params"]}
    assert params["term_story"]["bind"]["options"] == [f"story-{k:05d}" for k in sorted(by_story)]
    # the same sample every time
    again = explorer.write_explorers(data_dir=many_stories, whole=True, out_dir=tmp_path / "again", budget=budget)
    assert again[0].read_bytes() == page.read_bytes()


def test_every_budget_holds_and_the_page_says_so(many_stories):
    corpus = analysis.load_corpus(many_stories)
    budget = explorer.Budget(terms=60, lines=150, kwic_sentences=40, sentences=50)
    page = explorer.explorer_html(corpus, "Budget", budget)
    tables = _tables(page)
    assert len(set(zip(tables["terms"]["story"], tables["terms"]["term"]))) <= 60
    assert len(tables["kwic_lines"]["k"]) <= 150 and len(tables["kwic_sentences"]["k"]) <= 40
    assert len(tables["sentences"]["sentence_id"]) == 50
    # the sentence sample is stratified: each of the 12 stories x 5 outlets gives at most one more than another
    counts = pd.Series(list(zip(tables["sentences"]["story"], tables["sentences"]["outlet"]))).value_counts()
    assert len(counts) == 50 and counts.max() == 1  # 50 of the 60 strata, one sentence each
    assert f"showing 50 of {len(corpus.sentences):,} sentences" in page
    assert "lines per outlet at most" in page
    # keyword-in-context lines in turn: with room for one line per term and outlet, every one has its first
    terms = explorer.explorer_terms(corpus, budget)
    pairs = terms[terms["count"] > 0][["story", "term", "outlet"]].drop_duplicates()
    roomy = budget._replace(lines=len(pairs), kwic_sentences=10**6)
    lines = explorer.term_lines(corpus, terms, roomy)
    assert len(lines) == len(pairs)
    assert set(map(tuple, lines[["story", "term", "outlet"]].values)) == set(map(tuple, pairs.values))


def test_thousand_articles_in_many_stories_whole_folder_page_fits(tmp_path_factory):
    from explorer_study import build_study
    root = tmp_path_factory.mktemp("many-1000")
    build_study(1000, root / "data", n_stories=200)
    assert cli.main(["explore", "--all", "--data-dir", str(root / "data"), "--out", str(root / "out")]) == 0
    page = root / "out" / "all-stories.html"
    size = page.stat().st_size
    print(f"whole-folder explorer page of a 1,000-article, 200-story study: {size / 1e6:.2f} MB")
    assert size < 10_000_000
    assert "This page analyses 200 of the folder&#x27;s 1,000 articles: 40 of its 200 stories" in page.read_text(
        encoding="utf-8")


def test_every_page_at_once_analyses_each_article_once_per_page(many_stories, tmp_path, monkeypatch):
    seen = _count_articles(monkeypatch)
    written = explorer.write_explorers(data_dir=many_stories, out_dir=tmp_path)
    assert sorted(p.name for p in written) == sorted([f"story-{k:05d}.html" for k in range(12)] + ["all-stories.html"])
    # each article once for its story's page and once for the whole-folder page (all 60 fit its budget)
    assert sorted(seen) == sorted([f"b{k:06d}" for k in range(60)] * 2)
