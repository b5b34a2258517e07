"""Imports read only what the user named, within limits, and refuse damaged input in one line.

Every hostile input is built here in ``tmp_path`` (the bombs are a few hundred KB on disk).
Memory is measured in a child process (its ``VmHWM`` high-water mark), never time: the slow cases are bounded
by counting work (paragraphs, tags, inflated bytes), and the tests check the count's refusal.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

import analysis
from analysis.errors import InputDataError
from analysis.ingest import limits
from analysis.ingest.importers import import_sources
from analysis.ingest.rawtext import read_raw_text
from analysis.ingest.settings import find_setting
from analysis.outputs import cli
from make_import_fixtures import FOLDER

ROOT = Path(__file__).resolve().parent.parent
PAGE = (b"<html><head><title>Council opens new ferry pier</title><meta property=\"og:site_name\" content=\"The Gazette\">"
        b"</head><body><article><h1>Council opens new "
        b"ferry pier</h1><p>The council opened a new ferry pier on Monday after two years of building work, "
        b"officials said.</p><p>Ferries will call every hour from next week, the operator said in a statement "
        b"on Monday.</p></article></body></html>")
#: What the child process may use on any bomb (the task's target is 500 MB; the interpreter with
#: pandas and the package imported takes about 200 MB of it).
MEMORY_LIMIT_MB = 500


def run_import_measured(source: Path, into: Path, *extra: str) -> tuple[int, str, float]:
    """``(exit code, stderr, peak resident MB)`` of ``python -m analysis import`` in a child process."""
    # the child's own high-water mark (VmHWM): ru_maxrss of a child started from a large
    # parent (pytest, after other tests) starts at the parent's size, folded in at exec
    code = ("import resource, sys\nfrom analysis.outputs import cli\nrc = cli.main(sys.argv[1:])\n"
            "status = open('/proc/self/status').read() if sys.platform == 'linux' else ''\n"
            "hwm = [int(l.split()[1]) for l in status.splitlines() if l.startswith('VmHWM:')]\n"
            "peak = hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print('PEAK', peak / 1024, file=sys.stderr)\nsys.exit(rc)\n")
    done = subprocess.run([sys.executable, "-c", code, "import", str(source), "--into", str(into), *extra],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    peak = float(done.stderr.rsplit("PEAK", 1)[1].split()[0])
    return done.returncode, done.stderr.rsplit("PEAK", 1)[0], peak


def assert_one_line_error(stderr: str, *words: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip() and "rows/s" not in line and " rows [" not in line]
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# -- only regular files inside what the user named ------------------------------------------------
def pages_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_bytes(PAGE)
    return folder


def test_a_folder_import_never_follows_a_symbolic_link_out(tmp_path):
    folder = pages_folder(tmp_path)
    secret = tmp_path / "outside" / "secret.html"
    secret.parent.mkdir()
    secret.write_bytes(PAGE.replace(b"ferry pier", b"SECRET-MARKER pier"))
    (folder / "page.html").symlink_to(secret)
    (folder / "linked").symlink_to(secret.parent, target_is_directory=True)
    with pytest.raises(InputDataError, match=r"pages: (file page\.html|folder linked): a symbolic link"):
        import_sources([folder], tmp_path / "d")
    report = import_sources([folder], tmp_path / "d", keep_going=True)
    assert len(report.added) == 1
    assert sorted(p.position for p in report.problems) == ["file page.html", "folder linked"]
    copied = [p for p in (tmp_path / "d").rglob("*") if p.is_file()]
    assert copied and not any(b"SECRET-MARKER" in p.read_bytes() for p in copied)


def test_fifos_devices_and_system_files_are_never_read(tmp_path):
    folder = pages_folder(tmp_path)
    os.mkfifo(folder / "pipe.html")  # opening it to read would block for ever
    report = import_sources([folder], tmp_path / "d", keep_going=True)
    assert [(p.position, p.problem) for p in report.problems] == [("file pipe.html", "a FIFO (named pipe), not a regular file")]
    with pytest.raises(InputDataError, match="FIFO"):
        import_sources([folder / "pipe.html"], tmp_path / "e")
    link = tmp_path / "environ.csv"
    link.symlink_to("/proc/self/environ")
    with pytest.raises(InputDataError, match="a system file"):
        import_sources([link], tmp_path / "e")
    device = tmp_path / "null.csv"
    device.symlink_to("/dev/null")
    with pytest.raises(InputDataError, match="character device"):
        import_sources([device], tmp_path / "e")


@pytest.mark.parametrize("kind", ["folder", "fifo", "broken link"])
def test_a_settings_file_that_is_not_a_regular_file_is_an_error(tmp_path, kind):
    data = tmp_path / "data"
    data.mkdir()
    target = data / "framing.csv"
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(tmp_path / "missing.csv")
    with pytest.raises(InputDataError, match=r"framing\.csv: setting framing\.csv is"):
        find_setting("framing.csv", data)
    assert find_setting("cleaning.csv", data) is None  # absent: the documented default, as before


# -- decompression bombs and slow parses: memory bounded, work counted --------------------------------
def docx_with(path: Path, chunks) -> Path:
    """A copy of the Nexis DOCX fixture whose ``word/document.xml`` is written from ``chunks``."""
    with zipfile.ZipFile(FOLDER / "nexis.docx") as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                                             compresslevel=9) as out:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with out.open("word/document.xml", "w", force_zip64=True) as member:
                    for chunk in chunks:
                        member.write(chunk)
            else:
                out.writestr(info, source.read(info.filename))
    return path


HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
TAIL = b"</w:body></w:document>"


def text_bomb_chunks(megabytes: int):
    yield HEAD + b"<w:p><w:r><w:t>"
    for _ in range(megabytes):
        yield b"a" * 1_000_000
    yield b"</w:t></w:r></w:p>" + TAIL


def test_a_docx_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = docx_with(tmp_path / "bomb.docx", text_bomb_chunks(300))  # ~300 KB on disk, 300 MB inflated
    assert bomb.stat().st_size < 1_000_000
    code, err, peak = run_import_measured(bomb, tmp_path / "d")
    assert code == 2 and peak < MEMORY_LIMIT_MB, (peak, err)
    assert_one_line_error(err, "bomb.docx", "word/document.xml", "inflates")


def test_a_docx_of_too_many_paragraphs_is_refused_by_count(tmp_path):
    # varied words keep the ratio ordinary (about 10 fold): only the paragraph count refuses it
    words = [f"w{n:05d}".encode() for n in range(limits.MAX_DOCX_PARAGRAPHS + 1)]
    chunks = [HEAD, *(b"<w:p><w:r><w:t>" + w + b"</w:t></w:r></w:p>" for w in words), TAIL]
    bomb = docx_with(tmp_path / "many.docx", chunks)
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("word/document.xml")
        assert info.file_size < limits.MAX_RATIO * info.compress_size
    with pytest.raises(InputDataError, match=r"many\.docx: DOCX part word/document\.xml has more than 50,000 paragraphs"):
        import_sources([bomb], tmp_path / "d")
    just_under = docx_with(tmp_path / "under.docx", [HEAD, *(b"<w:p/>" for _ in range(1000)), TAIL])
    assert import_sources([just_under], tmp_path / "e").added == []  # counted and passed (no article in it)


def test_a_docx_declaring_entities_is_refused(tmp_path):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              + HEAD.split(b"?>", 1)[1] + b"<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p>" + TAIL)
    bomb = docx_with(tmp_path / "laughs.docx", [laughs])
    with pytest.raises(InputDataError, match=r"laughs\.docx: DOCX part word/document\.xml declares a document type"):
        import_sources([bomb], tmp_path / "d")


def warc_record(body: bytes, uri: str = "https://gazette.example/a", number: int = 1) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri.encode() +
            b"\r\nWARC-Date: 2023-03-20T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n" % number +
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n")


def test_a_gzipped_warc_bomb_is_refused_while_streaming(tmp_path):
    megabytes = 300
    head = warc_record(b"")  # the header of a record whose page is 300 MB of spaces
    http_length = len(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n") + megabytes * 1_000_000
    head = head.replace(b"Content-Length: %d" % len(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"),
                        b"Content-Length: %d" % http_length)[:-4]
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = tmp_path / "bomb.warc.gz"
    with bomb.open("wb") as out:
        out.write(compressor.compress(head))
        for _ in range(megabytes):
            out.write(compressor.compress(b" " * 1_000_000))
        out.write(compressor.compress(b"\r\n\r\n") + compressor.flush())
    assert bomb.stat().st_size < 1_000_000
    code, err, peak = run_import_measured(bomb, tmp_path / "d", "--keep-going")
    assert code == 2 and peak < MEMORY_LIMIT_MB, (peak, err)
    assert_one_line_error(err, "bomb.warc.gz", "decompression bomb")


def test_an_excel_bomb_is_refused_by_its_ratio(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        out.writestr("xl/sharedStrings.xml", b"<sst>" + b"a" * 20_000_000 + b"</sst>")
    with pytest.raises(InputDataError, match=r"bomb\.xlsx: Excel workbook part xl/sharedStrings\.xml inflates [\d,]+ fold"):
        import_sources([bomb], tmp_path / "d")


# -- truncated WARC records ------------------------------------------------------------------------
def three_page_warc() -> bytes:
    return b"".join(warc_record(PAGE.replace(b"ferry", word), f"https://gazette.example/{n}", n)
                    for n, word in enumerate([b"ferry", b"harbour", b"river"], start=1))


def test_a_truncated_warc_record_is_refused_not_imported_as_half_a_page(tmp_path):
    whole = three_page_warc()
    (tmp_path / "whole.warc").write_bytes(whole)
    assert len(import_sources([tmp_path / "whole.warc"], tmp_path / "ok").added) == 3
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[:whole.rindex(b"</p>")])  # inside the third record's page
    for keep_going in (False, True):
        with pytest.raises(InputDataError, match=r"cut\.warc: record 3 is truncated: \d+ of its \d+ bytes are missing"):
            import_sources([cut], tmp_path / "d", keep_going=keep_going)
    assert not (tmp_path / "d" / "manifest.csv").exists()


def test_a_truncated_warc_gz_is_refused_naming_the_cut_record(tmp_path):
    members = [gzip.compress(warc_record(PAGE.replace(b"ferry", w), f"https://gazette.example/{n}", n), mtime=0)
               for n, w in enumerate([b"ferry", b"harbour", b"river"], start=1)]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(members[0] + members[1] + members[2][: len(members[2]) // 2])
    with pytest.raises(InputDataError, match=r"cut\.warc\.gz: record 3 is (cut off|truncated)"):
        import_sources([cut], tmp_path / "d", keep_going=True)
    assert not (tmp_path / "d" / "manifest.csv").exists()
    intact = tmp_path / "intact.warc.gz"
    intact.write_bytes(b"".join(members))
    assert len(import_sources([intact], tmp_path / "e").added) == 3


# -- malformed JSON values are row problems --------------------------------------------------------
def test_every_malformed_json_value_is_a_row_problem(tmp_path):
    good = {"title": "Pier opens", "maintext": "The pier opened on Monday.", "source_domain": "gazette.example"}
    lines = [json.dumps(good), '{"title": "A", "maintext": "Body.", "source_domain": "x.example", "id": ' + "9" * 5000 + "}",
             '{"maintext": ' + "[" * 100_000 + "]" * 100_000 + "}", json.dumps({**good, "maintext": {"nested": "text"}}),
             json.dumps({**good, "title": "Second", "maintext": "Another body."})]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputDataError, match=r"news\.jsonl: line 2: not usable JSON \(Exceeds the limit \(4300 digits\)"):
        import_sources([path], tmp_path / "d")
    report = import_sources([path], tmp_path / "d", keep_going=True)
    assert len(report.added) == 2
    assert [(p.position, p.problem) for p in report.problems] == [
        ("line 2", "not usable JSON (Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits)"),
        ("line 3", "not usable JSON (nested too deeply)"),
        ("line 4", "column 'maintext' holds a JSON object, not text")]
    folder = tmp_path / "newsplease"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(good), encoding="utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "huge.json").write_text('{"maintext": "x", "n": ' + "1" * 5000 + "}", encoding="utf-8")
    assert cli.main(["import", str(folder), "--into", str(tmp_path / "e")]) == 2
    report = import_sources([folder], tmp_path / "e", keep_going=True)
    assert len(report.added) == 1 and len(report.problems) == 2
    assert all(p.problem.startswith("not a news-please JSON file: not usable JSON") for p in report.problems)


# -- one article's size --------------------------------------------------------------------------
def test_an_article_over_the_size_limit_is_refused_at_import_and_on_load(tmp_path):
    big = "The council met again. " * (limits.MAX_ARTICLE_BYTES // 23 + 1)
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "text", "outlet"])
        writer.writerow(["Long", big, "Gazette"])
        writer.writerow(["Short", "The council met.", "Gazette"])
    report = import_sources([path], tmp_path / "d", keep_going=True)
    assert len(report.added) == 1
    assert report.problems[0].problem == "article is 5 MB; the limit is 5 MB of text"
    raw = tmp_path / "raw.txt"
    raw.write_text(big, encoding="utf-8")
    with pytest.raises(InputDataError, match=r"raw\.txt: the article file holds 5 MB of text; the limit is 5 MB"):
        read_raw_text(raw)
    raw.write_text("x" * (limits.MAX_PAGE_BYTES + 1), encoding="utf-8")
    with pytest.raises(InputDataError, match=r"raw\.txt: the article file is 20 MB; the limit is 20 MB \(MAX_PAGE_BYTES"):
        read_raw_text(raw)
    raw.write_text(big[:limits.MAX_ARTICLE_BYTES - 1], encoding="utf-8")
    assert len(read_raw_text(raw).text) == limits.MAX_ARTICLE_BYTES - 1  # just under: read whole


# -- authors and every other column ---------------------------------------------------------------
def test_an_author_column_is_kept_and_every_unmapped_column_is_named(tmp_path, capsys):
    path = tmp_path / "scrape.csv"
    path.write_text("title,text,outlet,byline,section,word_count\n"
                    "Pier opens,The pier opened on Monday.,Gazette,Jane Roe,Local,5\n", encoding="utf-8")
    assert cli.main(["import", str(path), "--into", str(tmp_path / "d")]) == 0
    assert "columns not imported (scrape.csv): section, word_count" in capsys.readouterr().out
    corpus = analysis.load_corpus(tmp_path / "d")
    assert corpus.articles["author"].tolist() == ["Jane Roe"]
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"title": "Pier", "maintext": "The pier opened.", "source_domain": "gazette.example",
                                "authors": ["Jane Roe", "John Doe"], "image_url": "x"}) + "\n", encoding="utf-8")
    report = import_sources([news], tmp_path / "e")
    assert report.unmapped == {str(news): ["image_url"]}
    assert analysis.read_manifest(tmp_path / "e")["author"].tolist() == ["Jane Roe, John Doe"]
    # an older manifest without the column keeps the author in its notes
    old = tmp_path / "old"
    (old / "raw").mkdir(parents=True)
    (old / "raw" / "a.txt").write_text("Headline\n\nBody text here.", encoding="utf-8")
    (old / "manifest.csv").write_text("id,story,outlet,file,notes\na,s,Gazette,raw/a.txt,\n", encoding="utf-8")
    import_sources([path], old)
    rows = analysis.read_manifest(old)
    assert rows["notes"].iloc[1].endswith("; author: Jane Roe")
