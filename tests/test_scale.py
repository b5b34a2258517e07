"""Saved HTML pages in, and the corpus pipeline: chunked, parallel and on Dask, equal to the
single-article tables."""
from __future__ import annotations

import gc
import math
import multiprocessing
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.measures import pipeline, readability, sentiment
from analysis.errors import InputDataError
from conftest import SEED_DATA, write_study

FIXTURE = Path(__file__).parent / "fixtures" / "article.html"


def html_study(folder: Path) -> Path:
    return write_study(folder, {"page.html": FIXTURE.read_bytes()},
                       rows=[{"id": "g1", "story": "bridge", "outlet": "The Coastal Gazette", "file": "raw/page.html"}])


def test_html_page_extracted_with_metadata(tmp_path):
    corpus = analysis.load_corpus(html_study(tmp_path))
    article = corpus.articles.iloc[0]
    assert article["headline"] == "Harbour bridge to close for repairs"
    assert article["published"] == "2023-03-14" and article["author"] == "Jane Doe"
    assert article["url"] == "https://gazette.example/news/harbour-bridge"
    assert article["extractor"].startswith("trafilatura ")
    text = " ".join(corpus.paragraphs["text"])
    assert "Home" not in text.split() and "All rights reserved" not in text      # navigation and footer gone
    assert corpus.set_aside()["rule"].tolist() == ["first_line", "read_more_link"]
    quotes = corpus.sentences[corpus.sentences["voice"] == "quotation"]
    assert quotes["text"].str.startswith("“But the bridge").any()
    assert (quotes["speaker"] == "Mr. Alan Reed").all()                        # “X,” said A. “Y.”
    assert FIXTURE.read_bytes() == (tmp_path / "raw" / "page.html").read_bytes()


def test_html_extraction_is_deterministic(tmp_path):
    first = analysis.load_corpus(html_study(tmp_path / "a"))
    second = analysis.load_corpus(html_study(tmp_path / "b"))
    assert first.paragraphs.equals(second.paragraphs)
    assert first.articles.drop(columns=["file"]).equals(second.articles.drop(columns=["file"]))


def test_html_page_without_article_text(tmp_path):
    write_study(tmp_path, {"empty.html": b"<html><head><title></title></head><body><div></div></body></html>"},
                rows=[{"id": "e", "story": "s", "outlet": "O", "file": "raw/empty.html"}])
    with pytest.raises(InputDataError, match=r"empty\.html: no article text found in this HTML page"):
        analysis.load_corpus(tmp_path)


def _close(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, abs=1e-12)


def test_pipeline_row_equals_the_single_article_tables(seed_corpus):
    metrics = pipeline.corpus_metrics(SEED_DATA, workers=1, progress=False).set_index("article_id")
    read = readability.readability_table(seed_corpus, reps=10)
    summary = sentiment.sentiment_summary(seed_corpus, reps=10)
    for table, metric_names in ((read, readability.FORMULA_METRICS), (summary, sentiment.SUMMARY_METRICS)):
        for row in table[table["metric"].isin(metric_names) & table["scope"].isin(pipeline.SCOPES)].itertuples():
            assert _close(metrics.loc[row.article_id, f"{row.scope}_{row.metric}"], row.value), (row.scope, row.metric)
    articles = seed_corpus.articles.set_index("article_id")
    for column in ("n_sentences", "n_narration", "n_mixed", "n_quotation", "n_words", "n_set_aside", "quoted_share"):
        assert (metrics[column] == articles[column]).all(), column
    tokens = seed_corpus.tokens
    assert metrics.loc["itv-000", "n_stop_words"] == int((tokens["is_alpha"] & tokens["is_stop"] & (tokens["article_id"] == "itv-000")).sum())


def test_fast_counts_equal_textstat_counts(seed_corpus):
    for text in seed_corpus.sentences["text"]:
        assert readability.fast_counts(text) == tuple(readability.text_counts(text)[k] for k in readability.COUNT_COLUMNS)


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory):
    """Twelve articles: the two seeds six times over, under other ids."""
    folder = tmp_path_factory.mktemp("many")
    shutil.copytree(SEED_DATA / "raw", folder / "raw")
    manifest = pd.read_csv(SEED_DATA / "manifest.csv", dtype=str).fillna("")
    rows = []
    for k in range(6):
        part = manifest.copy()
        part["id"] = part["id"] + f"-{k}"
        rows.append(part)
    pd.concat(rows).to_csv(folder / "manifest.csv", index=False)
    return folder


def test_chunked_and_parallel_equal_unchunked(many_articles):
    whole = pipeline.corpus_metrics(many_articles, workers=1, chunk_size=1000, progress=False)
    chunked = pipeline.corpus_metrics(many_articles, workers=1, chunk_size=5, progress=False)
    parallel = pipeline.corpus_metrics(many_articles, workers=2, chunk_size=2, progress=False)
    assert len(whole) == 12
    pd.testing.assert_frame_equal(whole, chunked)
    pd.testing.assert_frame_equal(whole, parallel)


def test_bad_article_is_recorded_or_raised(tmp_path):
    write_study(tmp_path, {"good.txt": "Head\n\nIt rained. Roads closed.", "bad.txt": b""})
    with pytest.raises(InputDataError, match=r"bad\.txt: article file is empty"):
        pipeline.corpus_metrics(tmp_path, workers=1, progress=False)
    table = pipeline.corpus_metrics(tmp_path, workers=1, progress=False, errors="record")
    assert table["problems"].tolist()[1].startswith("error: ") and table["n_sentences"].iloc[0] == 2


def test_dask_path_on_a_local_cluster_equals_local(many_articles):
    distributed = pytest.importorskip("distributed")
    local = pipeline.corpus_metrics(many_articles, workers=1, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = pipeline.dask_metrics(many_articles, client=client, npartitions=4)
    pd.testing.assert_frame_equal(local, remote)
    assert np.isfinite(remote["body_flesch_reading_ease"]).all()


def test_pyphen_word_cache_is_bounded_and_clearing_changes_nothing():
    import pyphen
    import textstat

    from analysis.text.resources import trim_word_caches

    made_up = [f"zorblax{chr(97 + i % 26)}{i}" for i in range(40)]
    sizes = lambda: [len(h.cache) for h in pyphen.hdcache.values()]
    trim_word_caches(limit=0)
    before = [readability.fast_counts(w) for w in made_up]
    assert max(sizes(), default=0) == 0            # the pipeline's own counts leave pyphen's cache alone
    after_textstat = [textstat.syllable_count(w) for w in made_up]   # textstat itself fills it
    assert max(sizes()) > 0
    trim_word_caches(limit=5)
    assert all(size <= 5 for size in sizes())
    readability._word_profile.cache_clear()
    assert [readability.fast_counts(w) for w in made_up] == before
    assert [c[2] for c in before] == after_textstat


def test_manifest_read_in_blocks_is_the_same_table(monkeypatch):
    """Rows become DataFrame blocks as they are read (bounded memory): the table is the same."""
    from analysis.ingest import manifest

    whole = manifest.read_manifest(SEED_DATA)
    monkeypatch.setattr(manifest, "MANIFEST_BLOCK", 1)  # every row its own block
    blocks = manifest.read_manifest(SEED_DATA)
    assert len(whole) == 2
    pd.testing.assert_frame_equal(whole, blocks)
    assert blocks.index.tolist() == [0, 1]


def _worker_state() -> tuple[int, int, int]:
    """In a fresh process: the frozen objects and the loaded resources after start_worker."""
    from analysis.measures.readability import _hyphenation
    from analysis.text import resources

    before = resources.cmu_first_entries.cache_info().currsize + _hyphenation.cache_info().currsize
    pipeline.start_worker()
    after = resources.cmu_first_entries.cache_info().currsize + _hyphenation.cache_info().currsize
    return before, after, gc.get_freeze_count()


def test_a_worker_starts_with_its_resources_loaded_and_frozen():
    # a spawned process, as the pipeline's workers are: nothing loaded before, the CMU
    # dictionary and the hyphenation patterns after, and the loaded objects frozen
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        before, after, frozen = pool.submit(_worker_state).result()
    assert (before, after) == (0, 2)
    assert frozen > 100_000  # the imported modules and the resources: far more than the few objects a text creates


def test_the_command_line_collects_garbage_while_a_command_runs(tmp_path):
    # the imports are frozen and collection is back on by the time a command runs
    script = ("import gc, runpy, sys\n"
              "import analysis.outputs.cli as cli\n"
              "cli.main = lambda: print(gc.isenabled(), gc.get_freeze_count() > 100_000) or 0\n"
              "sys.argv = ['analysis']\n"
              "runpy.run_module('analysis', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True"]
