"""The offline explorer page, without a browser: what it holds, its size, its bytes, its command."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

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
