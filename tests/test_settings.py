"""Settings per study: each story's framing dictionary, the data folder's default, the generic one."""
from __future__ import annotations


import analysis
from analysis.config import FIGURES_DIR
from analysis.measures import framing
from analysis.outputs import cli, figures
from conftest import SEED_DATA, seed_plus, write_study

SEED_STORY = "bondarev-resignation"
STORM = {
    "s1.txt": "Storm floods the coast\n\nThe storm flooded the coast on Tuesday. \u201cThe flood took everything,\u201d a farmer said.",
    "s2.txt": "Coastal flooding after storm\n\nFloods hit three towns. Officials said the storm was the worst in years.",
}
STORM_FRAMING = "category,label,pattern,description\nweather,flood,\\bflood(?:s|ed|ing)?\\b,flooding\nweather,storm,\\bstorms?\\b,storm\n"


def study_with_a_second_story(tmp_path):
    data = seed_plus(tmp_path / "data", STORM, [
        {"id": "s1", "story": "storm", "outlet": "Daily One", "published": "2024-01-02", "file": "raw/s1.txt"},
        {"id": "s2", "story": "storm", "outlet": "Weekly Two", "published": "2024-01-02", "file": "raw/s2.txt"}])
    (data / "stories" / "storm").mkdir(parents=True)
    (data / "stories" / "storm" / "framing.csv").write_text(STORM_FRAMING, encoding="utf-8")
    return data


def test_a_second_story_with_its_own_framing_leaves_the_seed_figures_byte_identical(tmp_path):
    data = study_with_a_second_story(tmp_path)
    written = figures.build_figures(data_dir=data, out_dir=tmp_path / "figs", per_story=True)
    seed = {p.name: p.read_bytes() for p in written if p.parent.name == SEED_STORY}
    committed = {p.name: p.read_bytes() for p in (FIGURES_DIR / SEED_STORY).glob("*.png")}
    assert seed.keys() == committed.keys()
    assert [n for n in seed if seed[n] != committed[n]] == []
    assert (tmp_path / "figs" / "storm" / "framing-counts-by-outlet.png").is_file()

    # suite-level functions see both stories, each counted with its own dictionary
    assert analysis.stories(data) == [SEED_STORY, "storm"]
    corpus = analysis.load_corpus(data)
    assert set(corpus.articles["story"]) == {SEED_STORY, "storm"}
    counts = analysis.framing_counts(corpus)
    assert set(counts.loc[counts["story"] == "storm", "label"]) == {"flood", "storm"}
    assert "invasion" in set(counts.loc[counts["story"] == SEED_STORY, "label"])
    body = counts[counts["scope"] == "body"].set_index(["article_id", "label"])["count"]
    # counted by hand: s1 body "flooded", "flood"; s2 body "Floods"
    assert body[("s1", "flood")] == 2 and body[("s2", "flood")] == 1 and body[("s1", "storm")] == 1
    alone = analysis.framing_counts(analysis.load_corpus(SEED_DATA, SEED_STORY))
    seed_rows = counts[counts["story"] == SEED_STORY].reset_index(drop=True)
    assert seed_rows.equals(alone)


def test_framing_falls_back_to_the_folder_default_then_the_generic_dictionary(tmp_path):
    data = write_study(tmp_path / "d", {"a.txt": "Jobs lost\n\nThe factory cut 300 jobs and workers blamed the owners."})
    assert framing.dictionary_path(data, "s") == framing.GENERIC_DICTIONARY
    generic = framing.framing_counts(analysis.load_corpus(data))
    body = generic[generic["scope"] == "body"].set_index("label")["count"]
    assert body["jobs"] == 2 and body["blame / responsible"] == 1  # "jobs", "workers"; "blamed"
    (data / "framing.csv").write_text("category,label,pattern\nx,factory,\\bfactory\\b\n", encoding="utf-8")
    assert framing.dictionary_path(data, "s") == data / "framing.csv"
    own = framing.framing_counts(analysis.load_corpus(data))
    assert own["label"].unique().tolist() == ["factory"]


def test_commands_honour_data_dir_for_settings(tmp_path, capsys):
    data = study_with_a_second_story(tmp_path)
    assert cli.main(["framing", "--csv", "--data-dir", str(data), "--story", "storm"]) == 0
    out = capsys.readouterr().out
    assert ",flood," in out and "invasion" not in out
    bare = write_study(tmp_path / "bare", STORM)  # no framing.csv anywhere: the generic dictionary
    assert cli.main(["figures", "--data-dir", str(bare), "--out", str(tmp_path / "figs"), "--per-story"]) == 0
    assert (tmp_path / "figs" / "s" / "framing-counts-by-outlet.png").is_file()
