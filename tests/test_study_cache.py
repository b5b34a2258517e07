"""The study-pass cache: a later command of the same study reads the pass instead of analysing
every article again, gets the same tables (and so byte-identical outputs), and any change to
what the pass depends on (a raw file, the manifest, a settings file) gives a fresh analysis."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis.errors import ArticleAnalysisError
from analysis.measures import pipeline, study_cache
from analysis.measures.runner import study_pass
from conftest import SEED_DATA, write_study

STORY_A = ('Harbour plan\n\n'
           'The council met on Monday. "We will rebuild the pier," said Mayor Ann Quill.\n\n'
           'Residents asked how the work would be paid for.\n')
STORY_B = ('Pier rebuild approved\n\n'
           'Councillors approved the pier plan. "It is a good day," Ann Quill said.\n\n'
           'Work starts in the spring.\n')


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(study_cache.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def analyses(monkeypatch):
    """The ids of the articles analysed (in this process: small studies run on one worker)."""
    seen: list[str] = []
    real = pipeline.analyse_text

    def counted(article_id, *args, **kwargs):
        seen.append(article_id)
        return real(article_id, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse_text", counted)
    return seen


def _study(folder):
    return write_study(folder, {"a.txt": STORY_A, "b.txt": STORY_B},
                       [{"id": "a", "story": "pier", "outlet": "North", "file": "raw/a.txt"},
                        {"id": "b", "story": "pier", "outlet": "South", "file": "raw/b.txt"}])


def _assert_same_pass(left, right):
    pd.testing.assert_frame_equal(left.metrics, right.metrics)
    pd.testing.assert_frame_equal(left.sources, right.sources)
    pd.testing.assert_frame_equal(left.terms.articles, right.terms.articles)
    pd.testing.assert_series_equal(left.terms.pooled, right.terms.pooled)
    pd.testing.assert_series_equal(left.terms.usage, right.terms.usage)
    vocabulary = list(left.terms.pooled.index)
    np.testing.assert_array_equal(left.terms.matrix(vocabulary), right.terms.matrix(vocabulary))
    np.testing.assert_array_equal(left.terms.totals, right.terms.totals)


def test_a_second_pass_of_the_same_study_analyses_nothing_and_gives_the_same_tables(cache, analyses):
    fresh = study_pass(SEED_DATA, workers=1, progress=False)
    n = len(fresh.metrics)
    analyses.clear()
    first = study_cache.cached_study_pass(SEED_DATA, progress=False)
    assert sorted(analyses) == sorted(fresh.metrics["article_id"]) and len(analyses) == n
    analyses.clear()
    second = study_cache.cached_study_pass(SEED_DATA, progress=False)
    assert analyses == []
    _assert_same_pass(second, fresh)
    _assert_same_pass(first, fresh)
    assert len(list(cache.glob("study-pass-*"))) == 1


@pytest.mark.parametrize("change", ["raw file", "manifest", "cleaning.csv", "story settings"])
def test_a_change_to_what_the_pass_depends_on_analyses_again(tmp_path, cache, analyses, change):
    data = _study(tmp_path / "data")
    study_cache.cached_study_pass(data, progress=False)
    analyses.clear()
    if change == "raw file":
        (data / "raw" / "b.txt").write_text(STORY_B.replace("spring", "summer"), encoding="utf-8")
    elif change == "manifest":
        manifest = data / "manifest.csv"
        manifest.write_text(manifest.read_text(encoding="utf-8").replace("South", "West"), encoding="utf-8")
    elif change == "cleaning.csv":
        (data / "cleaning.csv").write_text("role,name,pattern\npromo,season,^Work starts\n", encoding="utf-8")
    else:
        (data / "stories" / "pier").mkdir(parents=True)
        (data / "stories" / "pier" / "roles.csv").write_text("file,line,role\nraw/b.txt,5,promo\n",
                                                            encoding="utf-8")
    again = study_cache.cached_study_pass(data, progress=False)
    assert sorted(analyses) == ["a", "b"]
    _assert_same_pass(again, study_pass(data, workers=1, progress=False))
    assert len(list(cache.glob("study-pass-*"))) == 2


def test_off_means_no_cache_written(tmp_path, monkeypatch, analyses):
    monkeypatch.setenv(study_cache.CACHE_ENV, "off")
    data = _study(tmp_path / "data")
    study_cache.cached_study_pass(data, progress=False)
    study_cache.cached_study_pass(data, progress=False)
    assert sorted(analyses) == ["a", "a", "b", "b"]


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go\n", encoding="utf-8")
    monkeypatch.setenv(study_cache.CACHE_ENV, str(blocked / "cache"))
    data = _study(tmp_path / "data")
    _assert_same_pass(study_cache.cached_study_pass(data, progress=False), study_pass(data, workers=1, progress=False))


def test_only_the_most_recent_entries_are_kept(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(study_cache, "KEEP", 1)
    study_cache.cached_study_pass(_study(tmp_path / "one"), progress=False)
    later = _study(tmp_path / "two")
    (later / "raw" / "a.txt").write_text(STORY_A + "\nA last line.\n", encoding="utf-8")
    study_cache.cached_study_pass(later, progress=False)
    assert len(list(cache.glob("study-pass-*"))) == 1


def test_strict_mode_fails_on_a_cached_article_that_could_not_be_analysed(tmp_path, cache, monkeypatch):
    data = _study(tmp_path / "data")
    real = pipeline.analyse_text

    def broken(article_id, *args, **kwargs):
        if article_id == "b":
            raise ValueError("planted")
        return real(article_id, *args, **kwargs)

    monkeypatch.delenv("OUTLET_COMPARE_STRICT")
    monkeypatch.setattr(pipeline, "analyse_text", broken)
    lenient = study_cache.cached_study_pass(data, progress=False)
    assert lenient.metrics.set_index("article_id").loc["b", "problems"].startswith("analysis failed: ")
    monkeypatch.setattr(pipeline, "analyse_text", real)
    monkeypatch.setenv("OUTLET_COMPARE_STRICT", "1")
    with pytest.raises(ArticleAnalysisError):
        study_cache.cached_study_pass(data, progress=False)


def test_compare_prints_the_same_bytes_from_the_cache(tmp_path):
    from analysis.compare.synthetic import write_synthetic_study

    data = write_synthetic_study(tmp_path / "data", source_dir=SEED_DATA)
    env = dict(os.environ, ANALYSIS_CACHE_DIR=str(tmp_path / "cache"))

    def compare(*extra):
        return subprocess.run([sys.executable, "-m", "analysis", "compare", "--data-dir", str(data), "--csv", *extra],
                              capture_output=True, text=True, env=env, check=True)

    without = compare("--no-cache")
    first, second = compare(), compare()
    assert without.stdout == first.stdout == second.stdout and len(first.stdout.splitlines()) > 5
    assert "read from the cache" not in first.stderr and "read from the cache" in second.stderr


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_metrics_writes_the_same_file_and_leaves_the_pass_for_compare(tmp_path, suffix):
    from analysis.compare.synthetic import write_synthetic_study

    data = write_synthetic_study(tmp_path / "data", source_dir=SEED_DATA)
    env = dict(os.environ, ANALYSIS_CACHE_DIR=str(tmp_path / "cache"))

    def run(*args):
        return subprocess.run([sys.executable, "-m", "analysis", *args, "--data-dir", str(data)],
                              capture_output=True, text=True, env=env, check=True)

    run("metrics", "--out", str(tmp_path / f"off{suffix}"), "--no-cache", "--chunk-size", "7")
    cold = run("metrics", "--out", str(tmp_path / f"cold{suffix}"), "--chunk-size", "7")
    warm = run("metrics", "--out", str(tmp_path / f"warm{suffix}"), "--chunk-size", "7")
    off = (tmp_path / f"off{suffix}").read_bytes()
    assert off == (tmp_path / f"cold{suffix}").read_bytes() == (tmp_path / f"warm{suffix}").read_bytes()
    assert "read from the cache" not in cold.stderr and "read from the cache" in warm.stderr
    assert "read from the cache" in run("compare", "--csv").stderr


@pytest.fixture
def synthetic_metrics(tmp_path_factory):
    from analysis.compare.synthetic import write_synthetic_study

    data = write_synthetic_study(tmp_path_factory.mktemp("study") / "data", source_dir=SEED_DATA)
    return study_pass(data, workers=1, progress=False).metrics


def _refuse_to_compute(monkeypatch):
    """Make any computation of outlet differences fail, so only a kept table can be returned."""
    from analysis.compare import across_stories

    def refused(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(across_stories, "_compare_group", refused)


def test_outlet_differences_read_back_from_the_cache_are_the_computed_table(synthetic_metrics, cache, monkeypatch):
    from analysis.compare.across_stories import outlet_differences

    computed = outlet_differences(synthetic_metrics)
    assert outlet_differences(synthetic_metrics, cache=True).equals(computed)  # computed, then kept
    assert len(list(cache.glob("table-outlet-differences-*"))) == 1
    _refuse_to_compute(monkeypatch)
    kept = outlet_differences(synthetic_metrics, cache=True)
    pd.testing.assert_frame_equal(kept, computed, check_exact=True)
    assert list(kept.dtypes) == list(computed.dtypes) and kept.attrs == computed.attrs
    assert kept.to_csv() == computed.to_csv() and len(kept) > 5


@pytest.mark.parametrize("change", ["a value", "an option", "cache off"])
def test_outlet_differences_are_computed_again_for_other_metrics_or_options(synthetic_metrics, cache, monkeypatch,
                                                                           change):
    from analysis.compare.across_stories import outlet_differences

    outlet_differences(synthetic_metrics, cache=True)
    _refuse_to_compute(monkeypatch)
    metrics, options = synthetic_metrics.copy(), {}
    if change == "a value":
        metrics.loc[3, "body_words_per_sentence"] += 1.0
    elif change == "an option":
        options = {"interval": "expanded"}
    else:
        monkeypatch.setenv(study_cache.CACHE_ENV, "off")
    with pytest.raises(AssertionError, match="computed again"):
        outlet_differences(metrics, cache=True, **options)
