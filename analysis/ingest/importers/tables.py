"""Tables with one row per article: CSV, TSV, Excel, JSON Lines, Parquet; news-please JSON files.

Columns are mapped to manifest fields by flags (``text``, ``headline``, ``outlet``, ``date``,
``url``, ``id``, ``story``), else detected from known schemas, case-insensitively, first
match wins:

========  =================================================================================
field     columns looked for
========  =================================================================================
text      maintext (news-please), text (Media Cloud, scrapers), body, content, article,
          full_text, article_text
headline  title, headline, title_page, title_rss
outlet    outlet, media_name (Media Cloud), source_domain (news-please), publisher, source,
          media, sitename, site_name, newspaper, domain; else the url's domain
date      date_publish (news-please), publish_date (Media Cloud), published,
          publication_date, date_published, pub_date, pubdate, date
url       url, link, original_url, canonical_url
id        id, stories_id (Media Cloud), article_id, doc_id, guid
story     story (or the column named by ``--story``)
========  =================================================================================

Every reader streams: CSV/TSV/JSON Lines line by line, Excel through openpyxl's read-only
mode, Parquet one record batch at a time (only the mapped columns are read), so memory does
not grow with the table.  Positions: ``row N`` counts like a spreadsheet (the header is
row 1, the first article row 2) for CSV, TSV and Excel; ``line N`` for JSON Lines; ``row N``
(first row 1) for Parquet; ``entry N`` for news-please files (a file holding a list).
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Iterator, NamedTuple

from ...errors import InputDataError
from ..limits import check_zip
from .common import Entry

TEXT = ("maintext", "text", "body", "content", "article", "full_text", "fulltext", "article_text", "story_text")
HEADLINE = ("title", "headline", "title_page", "title_rss")
OUTLET = ("outlet", "media_name", "source_domain", "publisher", "source", "media", "sitename", "site_name",
          "newspaper", "domain")
DATE = ("date_publish", "publish_date", "published", "publication_date", "date_published", "pub_date", "pubdate", "date")
URL = ("url", "link", "original_url", "canonical_url")
ID = ("id", "stories_id", "article_id", "doc_id", "guid")
FIELDS = {"text": TEXT, "headline": HEADLINE, "outlet": OUTLET, "date": DATE, "url": URL, "id": ID, "story": ("story",)}

TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".xlsx", ".xlsm", ".jsonl", ".ndjson", ".parquet", ".pq")


class ColumnMapping(NamedTuple):
    """Source column of each manifest field ("" when the source has none)."""

    text: str
    headline: str
    outlet: str
    date: str
    url: str
    id: str
    story: str


def detect_mapping(columns: list[str], given: dict[str, str | None], path: Path) -> ColumnMapping:
    """Columns for each field: the flag's column (which must exist), else the first known name present."""
    by_lower = {str(c).strip().lower(): c for c in columns if c is not None}
    chosen = {}
    for field, candidates in FIELDS.items():
        wanted = given.get(field)
        if wanted:
            if wanted not in columns and wanted.lower() not in by_lower:
                raise InputDataError(path, f"no column {wanted!r} for {field}; columns: {', '.join(map(str, columns))}")
            chosen[field] = wanted if wanted in columns else by_lower[wanted.lower()]
            continue
        chosen[field] = next((by_lower[c] for c in candidates if c in by_lower), "")
    if not chosen["text"]:
        raise InputDataError(path, "no article text column found (looked for " + ", ".join(TEXT)
                             + "); name it with --text-column. Columns here: " + ", ".join(map(str, columns)))
    return ColumnMapping(**chosen)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from a spreadsheet or Parquet
        return ""
    return value if isinstance(value, str) else str(value)


def entries_from_rows(rows: Iterator[tuple[str, dict]], mapping: ColumnMapping, source: str,
                      story: str = "") -> Iterator[Entry]:
    """Entries from ``(position, row)`` pairs under ``mapping``; ``story`` is the constant story, if any."""
    for position, row in rows:
        if "__problem__" in row:  # a line the reader could not decode
            yield Entry(source=source, position=position, text="", problem=row["__problem__"])
            continue
        date = row.get(mapping.date) if mapping.date else None
        yield Entry(
            source=source, position=position,
            text=_cell(row.get(mapping.text)),
            headline=_cell(row.get(mapping.headline)) if mapping.headline else "",
            outlet=_cell(row.get(mapping.outlet)) if mapping.outlet else "",
            date=date if date is not None and not isinstance(date, str) else _cell(date),
            url=_cell(row.get(mapping.url)) if mapping.url else "",
            source_id=_cell(row.get(mapping.id)) if mapping.id else "",
            story=_cell(row.get(mapping.story)) if mapping.story else story,
        )


# -- readers: (columns, total rows or None, iterator of (position, row dict)) ------------------------
def _delimited(path: Path, delimiter: str):
    csv.field_size_limit(sys.maxsize)
    handle = path.open(encoding="utf-8-sig", newline="")
    reader = csv.DictReader(handle, delimiter=delimiter)
    try:
        columns = reader.fieldnames or []
    except UnicodeDecodeError as exc:
        handle.close()
        raise InputDataError(path, f"not UTF-8 (byte {exc.start}); re-save the table as UTF-8") from None

    def rows():
        with handle:
            number = 1
            try:
                for number, row in enumerate(reader, start=2):
                    yield f"row {number}", row
            except UnicodeDecodeError:
                raise InputDataError(path, f"row {number + 1}: not UTF-8; re-save the table as UTF-8") from None
            except csv.Error as exc:
                raise InputDataError(path, f"row {number + 1}: {exc}") from None
    return columns, None, rows()


def _excel(path: Path):
    import openpyxl

    check_zip(path, "Excel workbook", max_member=None, max_total=None).close()  # the ratio limit before openpyxl
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InputDataError(path, f"not a readable Excel workbook ({type(exc).__name__})") from None
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = next(lines, None) or ()
    columns = [_cell(c) for c in header]

    def rows():
        try:
            for number, values in enumerate(lines, start=2):
                if values is None or all(v is None for v in values):
                    continue  # a blank spreadsheet row is formatting, not an article
                yield f"row {number}", dict(zip(columns, values))
        finally:
            book.close()
    return columns, sheet.max_row - 1 if sheet.max_row else None, rows()


def _jsonl(path: Path):
    handle = path.open(encoding="utf-8-sig")
    first = {}
    columns: list[str] = []
    for line in handle:
        if line.strip():
            try:
                first = json.loads(line)
            except json.JSONDecodeError:
                first = {}
            break
    columns = list(first) if isinstance(first, dict) else []
    handle.seek(0)

    def rows():
        with handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield f"line {number}", {"__problem__": f"not valid JSON ({exc.msg})"}
                    continue
                yield f"line {number}", record if isinstance(record, dict) else {"__problem__": "not a JSON object"}
    return columns, None, rows()


def _parquet(path: Path, wanted: list[str] | None = None, batch_size: int = 4096):
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid and OSError subclasses
        raise InputDataError(path, f"not a readable Parquet file ({exc})") from None
    columns = table.schema_arrow.names

    def rows(selected: list[str]):
        number = 0
        for batch in table.iter_batches(batch_size=batch_size, columns=selected):
            for record in batch.to_pylist():
                number += 1
                yield f"row {number}", record
    return columns, table.metadata.num_rows, rows


def _newsplease(path: Path):
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputDataError(path, f"not a news-please JSON file ({exc})") from None
    records = data if isinstance(data, list) else [data]
    columns = sorted({k for r in records if isinstance(r, dict) for k in r})

    def rows():
        for number, record in enumerate(records, start=1):
            yield (f"entry {number}" if isinstance(data, list) else "entry 1"), (
                record if isinstance(record, dict) else {"__problem__": "not a JSON object"})
    return columns, len(records), rows()


def table_entries(path: Path, source: str, columns_given: dict[str, str | None], story: str = ""):
    """``(total or None, entries)`` of one table file; ``story`` is a column name or a constant story."""
    suffix = path.suffix.lower()
    if suffix == ".parquet" or suffix == ".pq":
        columns, total, make_rows = _parquet(path)
        mapping = _mapping(columns, columns_given, story, path)
        rows = make_rows([c for c in dict.fromkeys(mapping) if c])
    else:
        if suffix in (".csv",):
            columns, total, rows = _delimited(path, ",")
        elif suffix in (".tsv", ".tab"):
            columns, total, rows = _delimited(path, "\t")
        elif suffix in (".xlsx", ".xlsm"):
            columns, total, rows = _excel(path)
        elif suffix in (".jsonl", ".ndjson"):
            columns, total, rows = _jsonl(path)
        else:  # .json: news-please (one article per file, or a list)
            columns, total, rows = _newsplease(path)
        mapping = _mapping(columns, columns_given, story, path)
    constant = "" if mapping.story else story
    return total, entries_from_rows(rows, mapping, source, constant)


def _mapping(columns, given, story, path) -> ColumnMapping:
    given = dict(given)
    if story and story in columns:
        given["story"] = story
    return detect_mapping(list(columns), given, path)

