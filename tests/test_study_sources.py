"""Sources across a study: each outlet's sources over stories and the per-story Jaccard overlap."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.compare.study_sources import (  # noqa: E402
    outlet_sources, overlap_summary, story_overlap, study_source_tables)
from analysis.outputs import plots  # noqa: E402
from analysis.outputs.cli import main  # noqa: E402
from conftest import SEED_DATA  # noqa: E402


def _sources(rows):
    frame = pd.DataFrame(rows, columns=["story", "article_id", "outlet", "source", "source_kind", "n_sentences",
                                        "quoted_words"])
    frame["story_source"] = frame["source"]
    return frame


def test_outlet_sources_link_across_stories_and_say_shared_or_exclusive_by_hand():
    sources = _sources([
        ("s1", "a1", "A", "Ann Lee", "person", 3, 20),
        ("s1", "a1", "A", "Acme", "organisation", 1, 0),
        ("s2", "a2", "A", "Lee", "person", 1, 5),            # the same person, by surname, in another story
        ("s2", "a3", "B", "Ann Lee", "person", 2, 10),
        ("s2", "a3", "B", "unnamed", "unnamed", 1, 0),
        ("s3", "a4", "B", "unnamed", "unnamed", 1, 0),
    ])
    table = outlet_sources(sources, ["A", "B"]).set_index(["outlet", "study_source"])
    lee = table.loc[("A", "Ann Lee")]                         # "Ann Lee" carries 5 sentences, "Lee" 1
    assert (lee["n_stories"], lee["n_articles"], lee["n_sentences"], lee["quoted_words"]) == (2, 2, 4, 25)
    assert (lee["n_outlets"], lee["other_outlets"], lee["status"]) == (2, "B", "shared")
    assert table.loc[("B", "Ann Lee"), "n_stories"] == 1 and table.loc[("B", "Ann Lee"), "other_outlets"] == "A"
    assert table.loc[("A", "Acme"), "status"] == "exclusive"
    unnamed = table.loc[("B", "unnamed")]
    assert (unnamed["n_stories"], unnamed["status"]) == (2, "unnamed")
    assert len(table) == 4


def test_jaccard_per_story_and_its_t_interval_over_stories_by_hand():
    articles = pd.DataFrame([(s, o) for s, outs in [("s1", "AB"), ("s2", "AB"), ("s3", "ABC"), ("s4", "A"),
                                                      ("s5", "AB"), ("s6", "AB")] for o in outs],
                            columns=["story", "outlet"])
    named = {("s1", "A"): "XY", ("s1", "B"): "YZ", ("s2", "A"): "X", ("s2", "B"): "X", ("s3", "B"): "W",
             ("s3", "C"): "W", ("s4", "A"): "X", ("s5", "A"): "XY", ("s5", "B"): "XY", ("s6", "A"): "Y",
             ("s6", "B"): "XY"}
    rows = [(s, f"{s}-{o}", o, n, "person", 1, 0) for (s, o), names in named.items() for n in names]
    rows.append(("s3", "s3-C", "C", "unnamed", "unnamed", 1, 0))   # unnamed: never matched
    per_story = story_overlap(_sources(rows), articles, ["A", "B", "C"])
    ab = per_story[(per_story["outlet_a"] == "A") & (per_story["outlet_b"] == "B")]
    # s1 {X,Y} vs {Y,Z}: 1/3; s2: 1; s3 {} vs {W}: 0; s5: 1; s6 {Y} vs {X,Y}: 1/2 (s4: B absent)
    assert ab["story"].tolist() == ["s1", "s2", "s3", "s5", "s6"]
    assert ab["jaccard"].tolist() == pytest.approx([1 / 3, 1, 0, 1, 0.5])
    bc = per_story[(per_story["outlet_a"] == "B") & (per_story["outlet_b"] == "C")]
    assert bc["jaccard"].tolist() == [1.0] and bc["n_sources_b"].tolist() == [1]
    summary = overlap_summary(per_story).set_index(["outlet_a", "outlet_b"])
    r = summary.loc[("A", "B")]
    # mean 2.8333/5 = 0.566667; squared deviations sum 0.755556, sd 0.434613, se 0.194365,
    # t(4, .975) = 2.776445 -> 0.566667 -/+ 0.539636 = [0.027031, 1.106303], the top clipped to 1
    assert r["mean_jaccard"] == pytest.approx(0.566667, abs=1e-6)
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((0.027031, 1.0), abs=1e-5)
    assert (r["n_stories"], r["n_stories_both"]) == (5, 5)
    ac_row = summary.loc[("A", "C")]
    assert ac_row["mean_jaccard"] == 0 and np.isnan(ac_row["ci_low"]) and ac_row["note"] == "one story: no interval"


def test_seed_study_sources_and_overlap_match_the_articles_read_by_hand(seed_corpus):
    # ITV quotes Boris Bondarev and "Hiller Neuer" (sic); Yahoo quotes Bondarev, Hillel Neuer and
    # UN Watch ("..., UN Watch reported"): Jaccard 2/3, UN Watch exclusive to Yahoo
    tables = study_source_tables(seed_corpus, ["ITV News", "Yahoo News UK"])
    status = tables.sources.set_index(["outlet", "study_source"])["status"]
    assert status[("Yahoo News UK", "UN Watch")] == "exclusive"
    assert status[("ITV News", "Boris Bondarev")] == "shared"
    assert status[("ITV News", "Hillel Neuer")] == "shared"                 # the misspelling linked
    assert tables.story_overlap["jaccard"].tolist() == pytest.approx([2 / 3])
    assert tables.overlap["note"].tolist() == ["one story: no interval"]


def test_study_sources_command_and_figure_on_a_synthetic_study(tmp_path, capsys):
    from analysis.compare.synthetic import write_synthetic_study

    folder = write_synthetic_study(tmp_path / "data", n_stories=5, source_dir=SEED_DATA)
    assert main(["study-sources", "--data-dir", str(folder), "--csv"]) == 0
    captured = capsys.readouterr()
    table = pd.read_csv(io.StringIO(captured.out))
    assert set(table["outlet"]) == {"Synthetic Daily", "Synthetic Longform", "Synthetic Wire"}
    assert "Synthetic Daily and Synthetic Longform: mean Jaccard of their sources" in captured.err
    assert main(["study-sources", "--data-dir", str(folder), "--overlap", "--csv"]) == 0
    overlap = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert overlap["jaccard"].between(0, 1).all()
    assert (overlap["n_shared"] <= overlap[["n_sources_a", "n_sources_b"]].min(axis=1)).all()
    fig, ax = plt.subplots()
    plots.plot_study_sources(table, ax=ax)
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()] == list(dict.fromkeys(table["outlet"]))
    assert len(ax.get_yticklabels()) == table["study_source"].nunique()
    plt.close(fig)
