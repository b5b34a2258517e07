"""The compare command, the forest plot and the story x outlet grid on the synthetic study."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.compare import across_stories  # noqa: E402
from analysis.compare.synthetic import write_synthetic_study  # noqa: E402
from analysis.measures.pipeline import corpus_metrics  # noqa: E402
from analysis.outputs import plots  # noqa: E402
from analysis.outputs.cli import main  # noqa: E402
from conftest import SEED_DATA  # noqa: E402
from stderr_messages import messages  # noqa: E402


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    folder = write_synthetic_study(tmp_path_factory.mktemp("syn") / "data", n_stories=6, source_dir=SEED_DATA)
    return folder, corpus_metrics(folder, workers=1, progress=False)


def test_compare_command_prints_csv_and_says_how_many_tests(study, capsys):
    folder, _ = study
    code = main(["compare", "--data-dir", str(folder), "--metric", "body_words_per_sentence", "--csv",
                 "--workers", "1", "--mixed", "no"])
    out = capsys.readouterr()
    assert code == 0
    table = pd.read_csv(io.StringIO(out.out))
    pairs = table[table["comparison"] == "pair"]
    assert list(zip(pairs["outlet_a"], pairs["outlet_b"])) == [
        ("Synthetic Daily", "Synthetic Longform"), ("Synthetic Daily", "Synthetic Wire"),
        ("Synthetic Longform", "Synthetic Wire")]
    assert "6 tests; if no outlet differed, chance alone would give about 0.3" in out.err
    assert "not comparable: synthetic-story-06" in out.err


def test_compare_command_takes_the_interval_method(study, capsys):
    folder, metrics = study
    args = ["compare", "--data-dir", str(folder), "--metric", "body_words_per_sentence", "--csv", "--workers", "1",
            "--mixed", "no"]
    assert main(args) == 0
    default = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert main(args + ["--interval", "expanded"]) == 0
    expanded = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(default["interval"]) == {across_stories.INTERVALS["t"]}
    assert set(expanded["interval"]) == {across_stories.INTERVALS["expanded"]}
    assert (default["difference"] == expanded["difference"]).all()
    assert not np.allclose(default["ci_low"], expanded["ci_low"])  # a different interval, same estimate
    with pytest.raises(SystemExit):
        main(args + ["--interval", "nope"])


def test_compare_command_names_an_unknown_metric(study, capsys):
    folder, _ = study
    assert main(["compare", "--data-dir", str(folder), "--metric", "nope", "--workers", "1"]) == 2
    assert messages(capsys.readouterr().err)[0].startswith("error: no such metric: nope")


def test_forest_plot_and_grid_draw_in_the_outlet_colours(study):
    folder, metrics = study
    try:
        order = ["Synthetic Wire", "Synthetic Daily", "Synthetic Longform"]   # Wire declared first: the first colour
        table = across_stories.outlet_differences(metrics, ["body_words_per_sentence"], outlets=order, mixed_model=False)
        fig, ax = plt.subplots()
        plots.plot_outlet_effects(table, order=["Synthetic Wire"], ax=ax)
        assert len(ax.get_yticklabels()) == len(table)
        assert table.iloc[0]["outlet_a"] == "Synthetic Wire"
        line = ax.get_lines()[0]
        assert matplotlib.colors.to_hex(line.get_color()).upper() == plots.OKABE_ITO[0].upper()  # declared first
        plt.close(fig)
        fig, ax = plt.subplots()
        plots.plot_story_outlet_grid(metrics, metric="body_words_per_sentence", order=["Synthetic Wire"], ax=ax)
        assert [t.get_text() for t in ax.get_xticklabels()][0] == "Synthetic Wire"
        texts = [t.get_text() for t in ax.texts]
        assert texts.count("absent") == 1 + 2                      # story 2 lacks Wire; story 6 has Daily only
        plt.close(fig)
    finally:
        plt.close("all")
    assert np.isfinite(table["difference"]).all()
