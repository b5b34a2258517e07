"""An import is one transaction: killed anywhere, the next run loses no row and doubles none.

The import is killed with SIGKILL at named points through the test-only hook
``ANALYSIS_IMPORT_CRASH_AT`` (:data:`analysis.ingest.importers.common.CRASH_HOOK`), in a forked
child process (no interpreter start-up to wait for), then run again; concurrent imports of one
table run in two forked processes at once.  Every check is
on the data folder's content (rows, ids, raw files and their checksums), never on time.
"""
from __future__ import annotations

import contextlib
import csv
import fcntl
import hashlib
import multiprocessing
import os
import signal
from pathlib import Path

import pytest

import analysis
from analysis.errors import InputDataError
from analysis.ingest.importers import import_sources
from analysis.ingest.importers.common import CRASH_HOOK, LOCK_NAME, STAGING_PREFIX
from analysis.outputs import cli
OUTLETS = ["Harbour Gazette", "Coast Courier", "Valley Times"]


def write_table(path: Path, rows: int) -> Path:
    """An invented scrape: ``rows`` short articles with their own ids."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text", "outlet", "published"])
        for n in range(rows):
            writer.writerow([f"a{n}", f"Ferry timetable change {n}",
                             f"The ferry operator said on Monday that crossing {n} would leave earlier.\n\n"
                             f"Passengers were told to check the new times, the council said.",
                             OUTLETS[n % 3], "2023-03-14"])
    return path


FORK = multiprocessing.get_context("fork")


def _child(source: Path, into: Path, crash_at: str | None, out: Path) -> None:
    if crash_at:
        os.environ[CRASH_HOOK] = crash_at
    else:
        os.environ.pop(CRASH_HOOK, None)
    with out.open("w") as handle, contextlib.redirect_stdout(handle), contextlib.redirect_stderr(handle):
        code = cli.main(["import", str(source), "--into", str(into)])
    os._exit(code)


def run_import(source: Path, into: Path, crash_at: str | None = None, wait: bool = True):
    """``python -m analysis import SOURCE --into INTO`` in a forked process: ``(exit code, output)``,
    or the started process and its output file when not ``wait``."""
    out = into.parent / f"out-{os.urandom(4).hex()}.txt"
    process = FORK.Process(target=_child, args=(source, into, crash_at, out))
    process.start()
    if not wait:
        return process, out
    process.join()
    return process.exitcode, out.read_text()


def check_study(folder: Path, expected_ids: set[str]) -> None:
    """Every expected row once, each raw file there with its checksum, nothing else left behind."""
    manifest = analysis.read_manifest(folder)  # refuses duplicate ids
    assert set(manifest["id"]) == expected_ids and len(manifest) == len(expected_ids)
    for record in manifest.itertuples():
        assert hashlib.sha256(Path(record.path).read_bytes()).hexdigest() == record.sha256
    listed = {Path(p) for p in manifest["path"]}
    on_disk = {p.resolve() for p in (folder / "raw").rglob("*") if p.is_file()}
    assert on_disk == listed  # no raw file without its row
    assert not list(folder.glob(STAGING_PREFIX + "*")) and not (folder / LOCK_NAME).exists()


CRASH_POINTS = ["row 40", "staged", "journal", "moving", "manifest", "cleanup"]


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_an_import_killed_anywhere_is_finished_or_undone_by_the_next_run(tmp_path, point):
    table = write_table(tmp_path / "scrape.csv", 120)
    data = tmp_path / "data"
    import_sources([write_table(tmp_path / "earlier.csv", 6)], data)  # a study that already has rows
    code, _ = run_import(table, data, crash_at=point)
    assert code == -signal.SIGKILL
    assert list(data.glob(STAGING_PREFIX + "*"))  # it was interrupted mid-way
    again = import_sources([table], data, keep_going=True)
    committed = point in ("journal", "moving", "manifest", "cleanup")
    assert again.recovered == (["finished an interrupted import (120 row(s))"] if committed else
                               ["rolled back an interrupted import (nothing of it had been committed)"])
    assert again.problems == [] and len(again.added) == (0 if committed else 120)
    check_study(data, {f"earlier-a{n}" for n in range(6)} | {f"scrape-a{n}" for n in range(120)})
    if point == "manifest":
        assert len(analysis.load_corpus(data).articles) == 126


def test_a_kill_mid_manifest_write_leaves_no_half_row(tmp_path):
    table = write_table(tmp_path / "scrape.csv", 50)
    data = tmp_path / "data"
    assert run_import(table, data, crash_at="manifest")[0] == -signal.SIGKILL
    half = (data / "manifest.csv").read_bytes()
    assert half and not half.endswith(b"\n")  # the kill cut a row in two
    assert run_import(table, data)[0] == 0
    check_study(data, {f"scrape-a{n}" for n in range(50)})


def test_raw_files_left_by_an_older_version_are_adopted_not_lost(tmp_path):
    # what an import of an earlier version left when killed while committing:
    # raw files moved into place, their manifest rows never written
    table = write_table(tmp_path / "scrape.csv", 30)
    complete = tmp_path / "complete"
    import_sources([table], complete)
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    os.replace(complete / "raw" / "scrape", data / "raw" / "scrape")
    assert len(import_sources([table], data).added) == 30
    check_study(data, {f"scrape-a{n}" for n in range(30)})


def test_two_imports_of_one_table_at_once_give_unique_ids(tmp_path):
    table = write_table(tmp_path / "scrape.csv", 1500)
    data = tmp_path / "data"
    started = [run_import(table, data, wait=False) for _ in range(2)]
    for process, _ in started:
        process.join()
    outputs = [out.read_text() for _, out in started]
    assert [process.exitcode for process, _ in started] == [0, 0], outputs
    lines = sorted(output.strip().splitlines()[-1].split(" into ")[0] + output.split(";")[1] for output in outputs)
    assert lines == ["imported 0 article(s) 1500 already there", "imported 1500 article(s) 0 already there"]
    check_study(data, {f"scrape-a{n}" for n in range(1500)})


def test_a_second_import_refuses_in_one_line_when_it_cannot_wait(tmp_path):
    table = write_table(tmp_path / "scrape.csv", 3)
    data = tmp_path / "data"
    data.mkdir()
    with (data / LOCK_NAME).open("w") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # an import in progress
        with pytest.raises(InputDataError, match=r"data: another import is writing to this data folder"):
            import_sources([table], data, lock_wait=0)
    assert not (data / "manifest.csv").exists()
    assert len(import_sources([table], data, lock_wait=0).added) == 3  # released: it goes ahead
    check_study(data, {"scrape-a0", "scrape-a1", "scrape-a2"})
