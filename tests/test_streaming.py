"""Corpus metrics written chunk by chunk (Parquet, CSV; process pool and Dask) equal the
in-memory table; a failed article is recorded or stops the run with nothing left behind."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import analysis

from analysis.config import STRICT_ENV
from analysis.errors import ArticleAnalysisError
from analysis.measures import metrics_files, pipeline
from analysis.outputs.cli import main
from conftest import SEED_DATA, write_study


@pytest.fixture(scope="module")
def six_articles(tmp_path_factory):
    """The seed articles three times over, under other ids."""
    folder = tmp_path_factory.mktemp("six")
    shutil.copytree(SEED_DATA / "raw", folder / "raw")
    manifest = pd.read_csv(SEED_DATA / "manifest.csv", dtype=str).fillna("")
    parts = [manifest.assign(id=manifest["id"] + f"-{k}") for k in range(3)]
    pd.concat(parts).to_csv(folder / "manifest.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def in_memory(six_articles):
    return pipeline.corpus_metrics(six_articles, workers=1, progress=False)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_streamed_file_equals_the_in_memory_table(six_articles, in_memory, tmp_path, suffix):
    out = tmp_path / f"metrics{suffix}"
    written = pipeline.write_metrics(out, six_articles, workers=1, chunk_size=1, progress=False)
    assert written == pipeline.MetricsFile(out, len(in_memory), 0)
    pd.testing.assert_frame_equal(pipeline.read_metrics(out), in_memory, check_exact=True)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]    # the temporary file was moved into place


def test_parquet_gathers_chunks_into_row_groups_with_the_fixed_schema(six_articles, in_memory, tmp_path, monkeypatch):
    out = tmp_path / "m.parquet"
    pipeline.write_metrics(out, six_articles, workers=1, chunk_size=2, progress=False)
    meta = pq.ParquetFile(out)
    assert meta.num_row_groups == 1  # three chunks of two rows, fewer than ROW_GROUP_ROWS
    assert meta.schema_arrow.remove_metadata() == pipeline.metrics_schema()
    # row groups of four rows: chunks of 2 + 2, then the last 2
    monkeypatch.setattr(metrics_files, "ROW_GROUP_ROWS", 4)  # the writers module reads it
    pipeline.write_metrics(out, six_articles, workers=1, chunk_size=2, progress=False)
    meta = pq.ParquetFile(out)
    assert [meta.metadata.row_group(i).num_rows for i in range(meta.num_row_groups)] == [4, 2]
    pd.testing.assert_frame_equal(pipeline.read_metrics(out), in_memory)


def test_csv_has_a_single_header(six_articles, in_memory, tmp_path):
    out = tmp_path / "m.csv"
    pipeline.write_metrics(out, six_articles, workers=1, chunk_size=2, progress=False)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(in_memory) and lines[0].startswith("article_id,")


def test_process_pool_writes_the_same_file(six_articles, in_memory, tmp_path):
    out = tmp_path / "m.parquet"
    pipeline.write_metrics(out, six_articles, workers=2, chunk_size=2, progress=False)
    pd.testing.assert_frame_equal(pipeline.read_metrics(out), in_memory, check_exact=True)


def test_dask_path_writes_the_same_file(six_articles, in_memory, tmp_path):
    pytest.importorskip("dask")
    out = tmp_path / "m.parquet"
    written = pipeline.dask_metrics(six_articles, npartitions=4, out=out)
    assert written.n_articles == len(in_memory)
    pd.testing.assert_frame_equal(pipeline.read_metrics(out), in_memory, check_exact=True)


def _study_with_a_bad_article(folder):
    return write_study(folder, {"a.txt": "Head\n\nIt rained. Roads closed.", "b.txt": b"",
                                "c.txt": "Head\n\nThe sun came out. Roads opened. Traffic was good."})


def test_keep_going_records_the_failed_article(tmp_path):
    data = _study_with_a_bad_article(tmp_path / "data")
    out = tmp_path / "m.csv"
    assert main(["metrics", "--data-dir", str(data), "--out", str(out), "--keep-going", "--workers", "1",
                 "--chunk-size", "1"]) == 0
    table = pipeline.read_metrics(out)
    assert table["article_id"].tolist() == ["a", "b", "c"]
    assert table["problems"][1].startswith("error: ") and "b.txt" in table["problems"][1]
    assert table["n_sentences"].tolist()[::2] == [2, 3] and pd.isna(table["n_sentences"][1])


def test_without_keep_going_nothing_is_left_behind(tmp_path, capsys):
    data = _study_with_a_bad_article(tmp_path / "data")
    out = tmp_path / "out" / "m.parquet"
    out.parent.mkdir()
    assert main(["metrics", "--data-dir", str(data), "--out", str(out), "--workers", "1", "--chunk-size", "1"]) == 2
    assert "b.txt: article file is empty" in capsys.readouterr().err
    assert list(out.parent.iterdir()) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_an_unexpected_failure_is_recorded_unless_strict(six_articles, monkeypatch, workers):
    records = analysis.read_manifest(six_articles).to_dict("records")[:2]
    records[1]["path"] = 42      # not a path: a TypeError deep inside, not an InputDataError
    monkeypatch.delenv(STRICT_ENV, raising=False)  # (spawned workers see the same environment)
    table = pipeline.corpus_metrics(records=records, workers=workers, chunk_size=1, progress=False)
    assert table["problems"][1].startswith("analysis failed: TypeError")
    assert " in analysis." in table["problems"][1]  # where: a function of the package
    assert pd.isna(table["n_sentences"][1]) and table["n_sentences"][0] > 0
    monkeypatch.setenv(STRICT_ENV, "1")
    with pytest.raises(ArticleAnalysisError, match="analysis failed: TypeError"):
        pipeline.corpus_metrics(records=records, workers=workers, chunk_size=1, progress=False)


def test_output_must_be_parquet_or_csv(tmp_path, capsys):
    assert main(["metrics", "--data-dir", str(SEED_DATA), "--out", str(tmp_path / "m.xlsx")]) == 2
    assert "must end in .parquet or .csv" in capsys.readouterr().err


def test_cli_dask_route_on_a_local_cluster_writes_the_same_file(six_articles, in_memory, tmp_path, capsys):
    pytest.importorskip("distributed")
    out = tmp_path / "m.csv"
    assert main(["metrics", "--data-dir", str(six_articles), "--out", str(out), "--dask", "--workers", "1",
                 "--chunk-size", "2"]) == 0
    assert f"{out}: {len(in_memory)} articles (0 recorded as errors)" in capsys.readouterr().out
    pd.testing.assert_frame_equal(pipeline.read_metrics(out), in_memory, check_exact=True)


def _descendants(pid: int) -> set[int]:
    """Every living process below ``pid`` (Linux /proc), zombies excluded."""
    from pathlib import Path

    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_with_a_killed_parent(tmp_path):
    """`metrics` killed (SIGKILL: no chance to shut its pool) leaves no worker behind."""
    import signal
    import subprocess
    import time

    text = (SEED_DATA / "raw").glob("*")
    body = next(p for p in sorted(text) if p.is_file()).read_text(encoding="utf-8")
    data = write_study(tmp_path / "data", {f"a{k:03d}.txt": body for k in range(300)})
    env = dict(os.environ, PYTHONPATH=str(Path(analysis.__file__).parent.parent))
    parent = subprocess.Popen([sys.executable, "-m", "analysis", "metrics", "--data-dir", str(data), "--workers", "2",
                               "--chunk-size", "5", "--out", str(tmp_path / "m.csv")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        workers: set[int] = set()
        for _ in range(600):  # until both workers run (they import the package first)
            workers = _descendants(parent.pid)
            if len(workers) >= 2 or parent.poll() is not None:
                break
            time.sleep(0.1)
        assert parent.poll() is None and len(workers) >= 2, "the workers never started"
        for _ in range(600):  # until chunks come back: the workers are past their start-up
            if any(p.stat().st_size > 2000 for p in tmp_path.glob(".m.csv.*.part")) or parent.poll() is not None:
                break
            time.sleep(0.1)
        assert parent.poll() is None, "metrics ended before it could be killed"
        workers = _descendants(parent.pid)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        left = workers
        for _ in range(150):  # the kernel ends them at once; each also checks on its parent every second
            left = {pid for pid in left if _alive(pid)}
            if not left:
                break
            time.sleep(0.2)
        assert not left, f"workers {sorted(left)} outlived their killed parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
