"""Who gets a voice per article, `compare --metric all`, p-values that survive Holm, and refusals."""
from __future__ import annotations

import csv
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.compare import across_stories as ac
from analysis.compare.synthetic import write_synthetic_study
from analysis.errors import InputDataError
from analysis.measures.pipeline import METRIC_COLUMNS, corpus_metrics
from analysis.measures.voices import VOICE_METRICS, quoted_word_counts, voice_metrics, voice_table
from analysis.outputs.cli import main
from analysis.text.article import analyse_text
from analysis.text.sentences import SCOPES
from conftest import SEED_DATA
from stderr_messages import messages


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = write_synthetic_study(tmp_path_factory.mktemp("syn") / "data", n_stories=8, source_dir=SEED_DATA)
    return folder, corpus_metrics(folder, workers=1, progress=False)


def test_voice_metrics_by_hand():
    # six sentences: narration, quotation (Ann Lee), reported (Ann Lee), reported (unnamed),
    # mixed (Acme Corp), reported (Acme Corp); 200 body words, 30 + 10 + 5 quoted
    voices = ["narration", "quotation", "reported", "reported", "mixed", "reported"]
    sources = ["", "Ann Lee", "Ann Lee", "unnamed", "Acme Corp", "Acme Corp"]
    kinds = ["", "person", "person", "unnamed", "organisation", "organisation"]
    quoted = [0, 30, 5, 0, 10, 0]
    got = voice_metrics(voices, sources, kinds, quoted, 200)
    assert got["quoted_word_share"] == pytest.approx(45 / 200)
    assert got["indirect_speech_share"] == pytest.approx(3 / 6)
    assert got["named_sources_per_1000_words"] == pytest.approx(1000 * 2 / 200)   # Ann Lee, Acme Corp
    assert got["n_sources"] == 3                                                   # + unnamed, once
    assert got["unnamed_attribution_share"] == pytest.approx(1 / 5)
    assert got["organisation_attribution_share"] == pytest.approx(2 / 5)
    assert got["top_source_quoted_share"] == pytest.approx(35 / 45)                # Ann Lee's 30 + 5
    empty = voice_metrics(["narration"], [""], [""], [0], 0)
    assert np.isnan(empty["quoted_word_share"]) and np.isnan(empty["unnamed_attribution_share"])
    assert np.isnan(empty["top_source_quoted_share"]) and empty["n_sources"] == 0


def test_quoted_words_counted_inside_the_marks_by_hand():
    text = "A headline\n\nThe plan was approved on Monday.\n\n“We are delighted with it,” said Ann Lee.\n"
    doc = analyse_text("x", text)
    # "We are delighted with it" inside the marks: 5 words; the narration sentence has none
    assert quoted_word_counts(doc) == [0, 5]


def test_quoted_words_counted_in_each_sentence_with_two_quotations_and_one_without_by_hand():
    text = ("A headline\n\nThe plan was approved.\n\n“We are delighted,” said Ann Lee, “and very proud.” "
            "She left early. “Good night.”\n")
    doc = analyse_text("x", text)
    assert [s.text for s in doc.sentences][1:] == ["“We are delighted,” said Ann Lee, “and very proud.”",
                                                   "She left early.", "“Good night.”"]
    # 3 + 3 words inside the two pairs of marks; none in "She left early."; 2 in the last
    assert quoted_word_counts(doc) == [0, 6, 0, 2]


def test_pipeline_and_notebook_table_give_the_same_voice_metrics(seed_corpus):
    metrics = corpus_metrics(SEED_DATA, workers=1, progress=False).set_index("article_id")
    table = voice_table(seed_corpus).set_index("article_id").loc[metrics.index]
    for name in VOICE_METRICS:
        assert metrics[name].astype(float).tolist() == table[name].astype(float).tolist(), name
    assert (metrics["quoted_word_share"] > 0).all()      # the seed articles quote people


def test_metric_all_tests_every_numeric_column_of_the_metrics_table(synthetic):
    _, metrics = synthetic
    numeric = [c for c in metrics.columns if pd.api.types.is_numeric_dtype(metrics[c])]
    assert ac.metric_columns(metrics) == numeric
    table = ac.outlet_differences(metrics, "all", mixed_model=False, permutations=0)
    assert set(table["metric"]) == set(numeric)
    assert {f"reported_{m}" for m in ("flesch_kincaid_grade", "mean_compound")} <= set(numeric)
    assert set(VOICE_METRICS) <= set(numeric) and "quoted_share" in numeric
    # no voice metric can be read as <scope>_<metric>
    assert not [m for m in VOICE_METRICS if m.split("_")[0] in SCOPES]
    assert set(METRIC_COLUMNS) == set(metrics.columns)


def test_defaults_include_voice_metrics_and_the_planted_quoted_share_is_found(synthetic):
    _, metrics = synthetic
    table = ac.outlet_differences(metrics, mixed_model=False, permutations=0)
    assert set(VOICE_METRICS) <= set(table["metric"])
    wire = table[(table["metric"] == "quoted_word_share") & (table["outlet_a"] == "Synthetic Wire")
                 & (table["outlet_b"] == ac.REST)].iloc[0]
    assert wire["difference"] > 0 and wire["ci_low"] > 0            # more quoted words, as planted


def test_three_planted_effects_survive_holm_over_every_metric(synthetic):
    _, seed = synthetic
    rng = np.random.default_rng(7)
    n = 100 * 3
    table = seed.iloc[rng.integers(0, len(seed), n)].reset_index(drop=True)
    table["story"] = [f"story-{k // 3:03d}" for k in range(n)]
    table["outlet"] = ["A", "B", "C"] * 100
    planted = ["body_flesch_kincaid_grade", "quoted_word_share", "narration_mean_compound"]
    for name in planted:
        table[name] = table[name].astype(float)
        table.loc[table["outlet"] == "A", name] += table[name].std()
    out = ac.outlet_differences(table, "all", mixed_model=False)
    assert out["metric"].nunique() == len(ac.metric_columns(table)) and len(out) > 400
    a_rest = out[(out["outlet_a"] == "A") & (out["outlet_b"] == ac.REST)].set_index("metric")
    assert a_rest.loc[planted, "holm_below_alpha"].all()
    # the permutation p (second opinion) is floored at 1/2001: stated, and too large to survive Holm alone
    assert "cannot go below 0.0005" in out.attrs["summary"]
    assert out["p_permutation"].min() >= 1 / 2001


def _rewrite_manifest(folder, change):
    path = folder / "manifest.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("kind", ["one story", "singletons", "unshared outlet"])
def test_compare_refuses_in_one_line_what_it_cannot_answer(tmp_path, capsys, kind):
    folder = write_synthetic_study(tmp_path / "data", n_stories=3, source_dir=SEED_DATA)
    args = ["compare", "--data-dir", str(folder), "--workers", "1", "--csv"]
    if kind == "one story":
        args += ["--story", "synthetic-story-01"]
        expected = "error: compare needs several stories; this study has 1"
    elif kind == "singletons":
        _rewrite_manifest(folder, lambda rows: [{**r, "story": f"single-{k}"} for k, r in enumerate(rows)])
        expected = "error: no story has two outlets"
    else:
        _rewrite_manifest(folder, lambda rows: [{**r, "story": f"wire-{k}"} if r["outlet"] == "Synthetic Wire" else r
                                                for k, r in enumerate(rows)])
        expected = "error: outlet Synthetic Wire is in no story shared with another outlet"
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    said = messages(captured.err)
    assert len(said) == 1 and said[0].startswith(expected)


def test_mixed_model_uses_shared_stories_skips_when_too_few_and_keeps_warnings_quiet():
    rng = np.random.default_rng(2)
    rows = [(f"s{s}", o, rng.normal()) for s in range(4) for o in ("A", "B")]
    rows += [(f"alone{s}", "A", 100.0) for s in range(6)]        # one-outlet stories: left out of the model
    frame = pd.DataFrame(rows, columns=["story", "outlet", "body_x"])
    table = ac.outlet_differences(frame, ["body_x"], mixed_model=True)
    assert table["mixed_note"].str.startswith("not fitted: only 4 stories with two or more outlets").all()
    # a degenerate fit (no story variance, identical values) that statsmodels warns about
    flat = pd.DataFrame([(f"s{s}", o, 1.0 + (o == "A")) for s in range(8) for o in ("A", "B")],
                        columns=["story", "outlet", "body_x"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ac.outlet_differences(flat, ["body_x"], mixed_model=True)
    assert caught == []


def test_an_empty_attributed_name_resolves_to_no_source_instead_of_crashing():
    # the attribution stage can hand over a "name" with no words (seen on 13 of 924 PolNeAR articles,
    # which then crashed every command that resolves sources)
    from analysis.text.attribution import Attribution
    from analysis.text.sources import resolve_sources

    empty = Attribution(speaker="", kind="name", hint="person", verb="urge", rule="subject", direct=True,
                        extra_words=6, tag=((0, 7),))
    named = Attribution(speaker="Ann Lee", kind="name", hint="person", verb="say", rule="subject", direct=True,
                        extra_words=0, tag=((0, 7),))
    resolved = resolve_sources(["Ann Lee said so.", "Urged them on."], [named, empty], [None, None])
    assert [(r.source, r.source_kind) for r in resolved] == [("Ann Lee", "person"), ("", "")]
