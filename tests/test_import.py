"""Importing a researcher's files: every format round-trips, ids are stable, bad rows are named."""
from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

import analysis
from analysis.errors import InputDataError
from analysis.ingest.html import extract_page
from analysis.ingest.importers import import_sources, parse_date, read_nexis, slugify
from analysis.outputs import cli
from make_import_fixtures import ARTICLES, FOLDER, expected_text, page

TEXT_FORMATS = ["scraper.csv", "scraper.tsv", "scraper.xlsx", "mediacloud.jsonl", "newsplease.parquet",
                "newsplease-json", "nexis.docx", "nexis.rtf"]
PAGE_FORMATS = ["pages", "crawl.warc.gz"]


IMPORT_HEADER = ["id", "story", "outlet", "headline", "author", "published", "url", "file", "sha256", "notes"]
SEED_HEADER = ["id", "story", "outlet", "headline", "published", "url", "file", "sha256", "notes"]


def manifest_rows(folder, header=IMPORT_HEADER):
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == header
        return list(reader)


@pytest.mark.parametrize("source", TEXT_FORMATS + PAGE_FORMATS)
def test_round_trip_gives_back_every_article_text_byte_for_byte(tmp_path, source):
    report = import_sources([FOLDER / source], tmp_path / "d")
    assert len(report.added) == 3 and report.problems == []
    corpus = analysis.load_corpus(tmp_path / "d")
    articles = corpus.articles.set_index("headline")
    for article in ARTICLES:
        row = articles.loc[article["headline"]]
        if source in PAGE_FORMATS:  # the page is the raw file; its text is extracted on load
            assert (tmp_path / "d" / row["file"]).read_bytes() == page(article)
            expected = extract_page(page(article)).text
        else:
            expected = expected_text(article)
            assert (tmp_path / "d" / row["file"]).read_bytes() == expected.encode("utf-8")
        assert corpus.texts[row["article_id"]] == expected
        assert row["outlet"] == article["outlet"]
        assert row["published"] == article["iso"]
        assert all(ch.isalnum() or ch in "-_." for ch in row["article_id"])


def test_provenance_dates_and_story_column(tmp_path):
    import_sources([FOLDER / "scraper.csv"], tmp_path / "d")
    rows = manifest_rows(tmp_path / "d")
    assert [r["story"] for r in rows] == [a["story"] for a in ARTICLES]  # the table's story column
    assert [r["id"] for r in rows] == ["scraper-a1", "scraper-a2", "scraper-a3"]  # the source's own ids
    assert rows[0]["notes"].startswith("source: scraper.csv row 2;")
    assert "date as given: 2023-03-14 09:30:00" in rows[0]["notes"]
    assert rows[1]["url"] == ARTICLES[1]["url"]


def test_story_by_name_and_detected_schemas(tmp_path):
    import_sources([FOLDER / "mediacloud.jsonl"], tmp_path / "d", story="Bridge Closure 2023")
    rows = manifest_rows(tmp_path / "d")
    assert {r["story"] for r in rows} == {"bridge-closure-2023"}
    assert [r["id"] for r in rows] == ["mediacloud-a1", "mediacloud-a2", "mediacloud-a3"]  # stories_id
    import_sources([FOLDER / "newsplease.parquet"], tmp_path / "e")
    assert {r["story"] for r in manifest_rows(tmp_path / "e")} == {"unassigned"}


def test_import_is_idempotent(tmp_path):
    first = import_sources([FOLDER / "newsplease.parquet", FOLDER / "nexis.docx"], tmp_path / "d")
    before = (tmp_path / "d" / "manifest.csv").read_bytes()
    second = import_sources([FOLDER / "newsplease.parquet", FOLDER / "nexis.docx"], tmp_path / "d")
    assert len(first.added) == 6 and second.added == [] and second.already == 6
    assert (tmp_path / "d" / "manifest.csv").read_bytes() == before
    other = import_sources([FOLDER / "newsplease.parquet"], tmp_path / "e")
    assert other.added == first.added[:3]  # same input, same ids, in another folder too


def test_appends_to_an_existing_study(tmp_path):
    from conftest import SEED_DATA
    import shutil
    shutil.copytree(SEED_DATA, tmp_path / "d")
    import_sources([FOLDER / "scraper.tsv"], tmp_path / "d")
    rows = manifest_rows(tmp_path / "d", SEED_HEADER)  # an existing manifest keeps its own header
    assert [r["id"] for r in rows][:2] == ["itv-000", "yahoo-004"] and len(rows) == 5
    assert analysis.stories(tmp_path / "d") == ["bondarev-resignation", "harbour-bridge", "school-meals"]


def bad_table(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("title,text,outlet\nGood one,Some text here.,Paper A\nNo text,,Paper B\n"
                    "No outlet,Text without an outlet.,\nAlso good,More text.,Paper C\n", encoding="utf-8")
    return path


def test_an_unusable_row_is_an_error_naming_file_and_row_and_nothing_is_written(tmp_path):
    with pytest.raises(InputDataError, match=r"bad\.csv: row 3: no article text"):
        import_sources([bad_table(tmp_path)], tmp_path / "d")
    assert not (tmp_path / "d" / "manifest.csv").exists()
    assert [p.name for p in (tmp_path / "d").iterdir()] == []  # no raw file, no staging folder left


def test_keep_going_skips_and_reports_every_unusable_row(tmp_path):
    report = import_sources([bad_table(tmp_path)], tmp_path / "d", keep_going=True)
    assert len(report.added) == 2
    assert [(p.position, p.problem.split(" (")[0]) for p in report.problems] == [("row 3", "no article text"),
                                                                                ("row 4", "no outlet")]
    assert len(manifest_rows(tmp_path / "d")) == 2


def test_command_line_import(tmp_path, capsys):
    bad = bad_table(tmp_path)
    assert cli.main(["import", str(bad), "--into", str(tmp_path / "d")]) == 2
    assert "bad.csv: row 3: no article text" in capsys.readouterr().err
    assert cli.main(["import", str(bad), "--into", str(tmp_path / "d"), "--keep-going"]) == 0
    captured = capsys.readouterr()
    assert "imported 2 article(s)" in captured.out and "skipped: " in captured.err and "row 4: no outlet" in captured.err
    flags = tmp_path / "flags.jsonl"
    flags.write_text(json.dumps({"t": "Head", "words": "Body text.", "who": "Paper", "when": "May 5, 2021"}) + "\n",
                     encoding="utf-8")
    assert cli.main(["import", str(flags), "--into", str(tmp_path / "e"), "--text-column", "words",
                     "--headline-column", "t", "--outlet-column", "who", "--date-column", "when", "--story", "s1"]) == 0
    row = manifest_rows(tmp_path / "e")[0]
    assert (row["outlet"], row["published"], row["story"], row["headline"]) == ("Paper", "2021-05-05", "s1", "Head")
    assert cli.main(["import", str(flags), "--into", str(tmp_path / "f"), "--text-column", "nope"]) == 2
    assert "no column 'nope' for text" in capsys.readouterr().err


def test_bad_json_lines_are_reported_by_line(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"title": "A", "text": "Body.", "outlet": "P"}\n{broken\n', encoding="utf-8")
    with pytest.raises(InputDataError, match=r"x\.jsonl: line 2: not valid JSON"):
        import_sources([path], tmp_path / "d")


def test_nexis_metadata_follow_the_layout():
    table = read_nexis(FOLDER / "nexis.docx")
    assert table["ID"].tolist() == [1, 2, 3]
    assert table["Headline"].tolist() == [a["headline"] for a in ARTICLES]
    assert table["Source"].tolist() == [a["outlet"] for a in ARTICLES]
    assert table["Date"].tolist() == [a["nexis_date"] for a in ARTICLES]
    assert table["Length"].tolist() == ["45 words", "27 words", "24 words"]  # counted by str.split in the fixture
    assert table["Author"].tolist() == ["Reporter 1", "Reporter 2", "Reporter 3"]
    assert table["Section"].tolist() == ["NEWS; Version:1", "NEWS; Version:2", "NEWS; Version:3"]
    assert table["Edition"].tolist() == ["Online Edition", "", ""]
    assert table["Graphic"].tolist() == ["", "The harbour bridge at dusk.", ""]
    assert table["LoadDate"].tolist() == ["March 14, 2023", "15 March 2023", "April 2, 2023"]
    assert [list(p) for p in table["Paragraphs"]] == [a["paragraphs"] for a in ARTICLES]
    rtf = read_nexis(FOLDER / "nexis.rtf")
    assert rtf.drop(columns="Paragraphs").equals(table.drop(columns="Paragraphs"))


def test_dates_as_sources_write_them():
    assert parse_date("2022-05-23 14:03:00") == "2022-05-23"          # news-please
    assert parse_date("2022-05-23 14:03:00.123456") == "2022-05-23"   # Media Cloud
    assert parse_date("2022-05-23T23:30:00+01:00") == "2022-05-23"    # the date as written, not converted to UTC
    assert parse_date("May 23, 2022 Monday") == "2022-05-23"          # Nexis Uni
    assert parse_date("Monday, May 23, 2022") == "2022-05-23"
    assert parse_date("23 May 2022") == "2022-05-23"
    assert parse_date("Mon, 23 May 2022 14:03:00 GMT") == "2022-05-23"  # HTTP
    assert parse_date("2022/05/23") == "2022-05-23" and parse_date("20220523") == "2022-05-23"
    assert parse_date(dt.datetime(2022, 5, 23, 14, 3)) == "2022-05-23"
    assert parse_date("05/06/2022") == "" and parse_date("2022-02-30") == "" and parse_date("soon") == ""


def test_slugify_makes_safe_names():
    assert slugify("Bondarev résignation / UN, Geneva!") == "bondarev-resignation-un-geneva"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("a.b_c-d") == "a.b_c-d"


def test_parquet_is_streamed_batch_by_batch_reading_only_mapped_columns(tmp_path, monkeypatch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    import operator

    from analysis.ingest.importers import ImportOptions
    from analysis.ingest.importers.tables import PARQUET

    n = 20_000
    table = pa.table({"title": [f"T{i}" for i in range(n)], "text": [f"Body {i}." for i in range(n)],
                      "outlet": ["P"] * n, "unused": ["x" * 50] * n})
    pq.write_table(table, tmp_path / "big.parquet", row_group_size=1000)
    pulled, original = [], pq.ParquetFile.iter_batches

    def counting(self, *args, **kwargs):
        pulled.append(kwargs.get("columns"))
        for batch in original(self, *args, **kwargs):
            pulled.append(batch.num_rows)
            yield batch
    monkeypatch.setattr(pq.ParquetFile, "iter_batches", counting)
    entries = PARQUET.entries(tmp_path / "big.parquet", ImportOptions())
    total = operator.length_hint(entries)
    first = next(entries)
    assert total == n and first.text == "Body 0." and first.position == "row 1"
    assert sorted(pulled[0]) == ["outlet", "text", "title"]  # the unused column is never read
    assert len(pulled) == 2 and pulled[1] < n  # one batch in memory, not the table
