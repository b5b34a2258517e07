"""The study's figures (default), a story's on request, per-outlet terms for a big story,
colours fixed per outlet across figures, and progress lines when stderr is not a terminal."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.compare.order import study_outlets  # noqa: E402
from analysis.ingest import duplicates, stories  # noqa: E402
from analysis.outputs import figures, plots  # noqa: E402
from analysis.measures.pipeline import corpus_metrics  # noqa: E402
from analysis.text.corpus import load_corpus  # noqa: E402
from conftest import SEED_DATA, seed_plus, write_study  # noqa: E402

STUDY_FILES = {"outlet-differences-readability.png", "outlet-differences-sentiment.png",
               "outlet-differences-voice.png", "story-outlet-grid.png", "sources-across-stories.png",
               "voices-across-stories.png"}


@pytest.fixture(scope="module")
def three_stories(tmp_path_factory):
    """The seed story plus two invented ones; "Weekly Two" is in the second story only."""
    return seed_plus(tmp_path_factory.mktemp("three") / "data", {
        "b1.txt": "Storm hits coast\n\nThe storm hit the coast on Tuesday. "
                  "\u201cIt was terrible,\u201d said Ann Példa, a resident. Roads closed.",
        "b2.txt": "Coastal storm causes chaos\n\nA violent storm caused chaos. Officials said "
                  "\"the damage is serious\". Power returned later.",
        "c1.txt": "Mayor opens library\n\nThe mayor opened the new library on Friday. "
                  "\u201cBooks are for everyone,\u201d the mayor said.",
        "c2.txt": "Library opens its doors\n\nThe town library opened on Friday. Readers queued early."},
        [{"id": "b1", "story": "storm", "outlet": "ITV News", "file": "raw/b1.txt", "published": "2022-06-01"},
         {"id": "b2", "story": "storm", "outlet": "Weekly Two", "file": "raw/b2.txt", "published": "2022-06-01"},
         {"id": "c1", "story": "library", "outlet": "ITV News", "file": "raw/c1.txt", "published": "2022-06-03"},
         {"id": "c2", "story": "library", "outlet": "Yahoo News UK", "file": "raw/c2.txt", "published": "2022-06-03"}])


def test_study_figures_by_default_and_story_figures_on_request(three_stories, tmp_path):
    study = figures.build_figures(data_dir=three_stories, out_dir=tmp_path / "study")
    assert {p.name for p in study} == STUDY_FILES
    assert all(p.parent == tmp_path / "study" for p in study)                    # files at the top, no story folder
    assert sorted(q.name for q in (tmp_path / "study").iterdir()) == sorted(STUDY_FILES)   # nothing staged left
    both = figures.build_figures(data_dir=three_stories, out_dir=tmp_path / "both", per_story=True)
    folders = {p.parent.name for p in both if p.parent != tmp_path / "both"}
    assert folders == {"bondarev-resignation", "storm", "library"}
    assert {p.name for p in both if p.parent == tmp_path / "both"} == STUDY_FILES
    # the study's figures do not depend on whether the stories' are drawn too
    assert {p.name: p.read_bytes() for p in study} == {p.name: p.read_bytes() for p in both if p.name in STUDY_FILES}
    one = figures.build_figures(data_dir=three_stories, story="storm", out_dir=tmp_path / "one")
    assert {p.parent.name for p in one} == {"storm"}
    # a story's figures are the same drawn alone or with every story
    assert [p.read_bytes() for p in one] == [(tmp_path / "both" / "storm" / p.name).read_bytes() for p in one]


def _texts(ax) -> str:
    return " ".join([ax.get_title(loc="left"), ax.get_title(), ax.get_xlabel()] + [t.get_text() for t in ax.texts])


def test_a_study_of_one_story_gets_honest_figures_not_a_crash():
    specs = figures.study_figure_specs(SEED_DATA)
    assert set(specs) == {name.removesuffix(".png") for name in STUDY_FILES}
    drawn = {}
    with plots.house_style():
        for name, draw in specs.items():
            fig, ax = plt.subplots()
            draw(ax)
            drawn[name] = _texts(ax)
            plt.close(fig)
    for family in figures.FAMILIES:      # no interval over one story: said, not drawn
        assert "No forest plot" in drawn[f"outlet-differences-{family}"]
        assert "1" in drawn[f"outlet-differences-{family}"]
    assert "one story" in drawn["story-outlet-grid"]
    assert "one story" in drawn["voices-across-stories"]


def test_voice_shares_are_each_storys_share_averaged_over_stories():
    metrics = pd.DataFrame({
        "story": ["s1", "s1", "s2", "s2"], "outlet": ["A", "A", "A", "B"], "article_id": ["a", "b", "c", "d"],
        "n_narration": [6, 2, 1, 5], "n_reported": [2, 0, 1, 5], "n_mixed": [0, 0, 0, 0], "n_quotation": [2, 8, 2, 0]})
    table = plots.study_voice_shares(metrics, order=["B", "A"])
    assert table["outlet"].tolist() == ["B", "A"]
    a = table.set_index("outlet").loc["A"]
    # by hand: story s1, A's two articles pooled: narration 8 of 20 = 0.4; s2: 1 of 4 = 0.25; mean 0.325
    assert a["share_narration"] == pytest.approx(0.325)
    assert a["share_quotation"] == pytest.approx((10 / 20 + 2 / 4) / 2)
    assert (a["n_stories"], a["n_articles"], a["n_sentences"]) == (2, 3, 24)
    assert table.set_index("outlet").loc["B", "share_reported"] == pytest.approx(0.5)


def _big_story(folder):
    """One story of 14 articles, 8 from Daily One and 6 from Weekly Two (invented text)."""
    articles, rows = {}, []
    for k in range(14):
        outlet, word = ("Daily One", "harbour") if k < 8 else ("Weekly Two", "bridge")
        articles[f"a{k}.txt"] = (f"Town news {k}\n\nThe {word} reopened on Monday after repairs. "
                                 f"Visitors came to see the {word} again.")
        rows.append({"id": f"a{k}", "story": "reopening", "outlet": outlet, "file": f"raw/a{k}.txt"})
    return write_study(folder, articles, rows)


def test_a_story_of_many_articles_gets_one_terms_figure_per_outlet(tmp_path):
    data = _big_story(tmp_path / "big")
    corpus = load_corpus(data, "reopening")
    specs = figures.figure_specs(corpus, data)
    terms = sorted(n for n in specs if n.startswith("distinctive-terms"))
    assert terms == ["distinctive-terms-outlet-daily-one", "distinctive-terms-outlet-weekly-two"]
    pooled = figures.wording.distinctive_terms(figures.pooled_by_outlet(corpus)).set_index(["article_id", "term"])
    # by hand: "harbour" twice in each of Daily One's 8 articles, never in Weekly Two's
    assert pooled.loc[("Daily One", "harbour"), ["count", "count_rest"]].tolist() == [16, 0]
    assert pooled.loc[("Weekly Two", "bridge"), ["count", "count_rest"]].tolist() == [12, 0]
    assert pooled.loc[("Daily One", "harbour"), "z"] > 0 > pooled.loc[("Weekly Two", "harbour"), "z"]
    with plots.house_style():
        fig, ax = plt.subplots()
        specs["distinctive-terms-outlet-daily-one"](ax)
        assert "Distinctive words: Daily One" in ax.get_title(loc="left") + ax.get_title()
        plt.close(fig)


def test_outlet_file_names_are_safe_and_distinct():
    assert figures.outlet_file_names(["Yahoo News UK", "yahoo news/uk", "***"]) == {
        "Yahoo News UK": "yahoo-news-uk", "yahoo news/uk": "yahoo-news-uk-2", "***": "outlet"}


def _hex(colour) -> str:
    return matplotlib.colors.to_hex(colour).upper()


def test_an_outlet_has_one_colour_in_the_study_figures_and_in_a_story_without_the_others(three_stories):
    order = study_outlets(three_stories)
    assert order == ["ITV News", "Yahoo News UK", "Weekly Two"]    # first appearance in the manifest
    metrics = corpus_metrics(three_stories, workers=1, progress=False)
    storm = load_corpus(three_stories, "storm")                      # ITV News and Weekly Two only
    with plots.house_style():
        fig, ax = plt.subplots()
        plots.plot_study_voices(metrics, order=order, ax=ax)
        study = {t.get_text().split("\n")[0]: _hex(t.get_color()) for t in ax.get_yticklabels()}
        fig2, ax2 = plt.subplots()
        plots.plot_paragraph_roles(storm.paragraphs, order=order, ax=ax2)
        story = {t.get_text().split(" (")[0]: _hex(t.get_color()) for t in ax2.get_yticklabels()}
        plt.close("all")
    assert study["Weekly Two"] == story["Weekly Two"] == plots.OKABE_ITO[2]   # third in the order, though second here
    assert study["ITV News"] == story["ITV News"] == plots.OKABE_ITO[0]
    # no state kept between calls: without an order, the outlets take colours as they come
    assert plots.outlet_colours(["Weekly Two"]) == {"Weekly Two": plots.OKABE_ITO[0]}
    assert plots.outlet_colours(["A", "B"], palette={"B": "#123456"}) == {"A": plots.OKABE_ITO[0], "B": "#123456"}
    assert plots.outlet_colours(["B"], order=["A", "B"], palette=["#111111", "#222222"]) == {"B": "#222222"}


def test_the_grid_names_the_outlets_above_and_below():
    metrics = pd.DataFrame({"story": [f"s{i // 2}" for i in range(200)], "outlet": ["A", "B"] * 100,
                            "article_id": [f"a{i}" for i in range(200)], "body_flesch_kincaid_grade": range(200)})
    with plots.house_style():
        fig, ax = plt.subplots(figsize=(5, 30))
        plots.plot_story_outlet_grid(metrics, order=["B", "A"], ax=ax)
        ticks = ax.xaxis.get_major_ticks()
        assert [t.label1.get_text() for t in ticks] == [t.label2.get_text() for t in ticks] == ["B", "A"]
        assert all(t.label2.get_visible() for t in ticks)
        plt.close(fig)
    pages = figures.grid_pages(pd.DataFrame({"story": [f"s{i // 2}" for i in range(250)] + ["alone"],
                                             "outlet": ["A", "B"] * 125 + ["A"]}), page=100)
    assert [len(p) for p in pages] == [100, 25] and "alone" not in pages[1]   # one outlet: nothing to compare
    specs = figures.grid_specs(metrics.assign(story=metrics["story"].where(metrics.index < 199, "alone")), ["A", "B"])
    assert list(specs) == ["story-outlet-grid"]
    with plots.house_style():
        fig, ax = plt.subplots()
        specs["story-outlet-grid"](ax)
        title = ax.get_title(loc="left")
        plt.close(fig)
    assert title.startswith("Flesch-Kincaid Grade (body) by story and outlet")
    assert title.endswith("the 99 of 101 stories covered by two or more outlets")


def test_long_commands_print_progress_lines_when_stderr_is_not_a_terminal(tmp_path, capsys):
    figures.build_figures(data_dir=SEED_DATA, out_dir=tmp_path / "figs", progress=True)
    err = capsys.readouterr().err
    assert "figures of the study: 6/6 figures (100%), done in" in err
    assert "\r" not in err                                            # lines, not a redrawn bar
    figures.build_figures(data_dir=SEED_DATA, out_dir=tmp_path / "quiet")
    assert capsys.readouterr().err == ""                              # silent unless asked
    duplicates.near_duplicates(SEED_DATA, progress=True)
    assert "duplicates: sketching: 2/2 articles (100%), done in" in capsys.readouterr().err
    data = write_study(tmp_path / "unassigned", {"x.txt": "Rain\n\nRain fell all day in the valley.",
                                                 "y.txt": "Rain again\n\nRain fell all day in the valley town."},
                       [{"id": "x", "story": stories.UNASSIGNED, "outlet": "A", "file": "raw/x.txt",
                         "published": "2022-01-01"},
                        {"id": "y", "story": stories.UNASSIGNED, "outlet": "B", "file": "raw/y.txt",
                         "published": "2022-01-01"}])
    stories.group_stories(data, progress=True)
    assert "group-stories: reading: 2/2 articles (100%), done in" in capsys.readouterr().err


def test_the_study_figures_analyse_each_article_once(three_stories, monkeypatch):
    """Metrics and sources come from one streamed pass: each article is analysed once, not once
    for the metrics and again for the sources (the study's sources equal the loaded corpus's:
    tests/test_study_pass.py)."""
    from analysis.measures import pipeline
    from analysis.text import article

    calls = []
    real = article.analyse_text

    def counted(article_id, *args, **kwargs):
        calls.append(article_id)
        return real(article_id, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse_text", counted)
    monkeypatch.setattr("analysis.text.corpus.analyse_text", counted)
    specs = figures.study_figure_specs(three_stories, study_outlets(three_stories))
    assert "sources-across-stories" in specs
    n_articles = len(figures.read_manifest(three_stories))
    assert sorted(calls) == sorted(set(calls)) and len(calls) == n_articles
