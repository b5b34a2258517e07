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
author    author, authors (news-please: a list, joined with ", "), byline, bylines, creator
story     story (or the column named by ``--story``)
========  =================================================================================

Every other column is listed in the import's closing line (``ImportReport.unmapped``), never
dropped silently.  A mapped value that is a JSON object or list (a list of names for the
author excepted), a JSON line or file that does not parse (a syntax error, an integer of
more than 4,300 digits, nesting deeper than Python's recursion limit) is a problem row,
skipped and listed with ``keep_going``.  A JSON Lines line over :data:`MAX_LINE_CHARS` and
a news-please ``.json`` file over :data:`MAX_JSON_FILE_BYTES` are problem rows too.

Every reader streams: CSV/TSV/JSON Lines line by line, Excel through openpyxl's read-only
mode, Parquet one record batch at a time (only the mapped columns are read), so memory does
not grow with the table.  Positions: ``row N`` counts like a spreadsheet (the header is
row 1, the first article row 2) for CSV, TSV and Excel; ``line N`` for JSON Lines; ``row N``
(first row 1) for Parquet; ``entry N`` for news-please files (a file holding a list).
"""
from __future__ import annotations

import csv
import functools
import json
import sys
from pathlib import Path
from typing import Iterator, NamedTuple

from ...errors import InputDataError
from ..limits import MAX_ARTICLE_BYTES, check_regular_file, check_zip, read_limited
from .common import CountedEntries, Entry, ImportFormat, ImportOptions

TEXT = ("maintext", "text", "body", "content", "article", "full_text", "fulltext", "article_text", "story_text")
HEADLINE = ("title", "headline", "title_page", "title_rss")
OUTLET = ("outlet", "media_name", "source_domain", "publisher", "source", "media", "sitename", "site_name",
          "newspaper", "domain")
DATE = ("date_publish", "publish_date", "published", "publication_date", "date_published", "pub_date", "pubdate", "date")
URL = ("url", "link", "original_url", "canonical_url")
ID = ("id", "stories_id", "article_id", "doc_id", "guid")
AUTHOR = ("author", "authors", "byline", "bylines", "creator")
FIELDS = {"text": TEXT, "headline": HEADLINE, "outlet": OUTLET, "date": DATE, "url": URL, "id": ID, "author": AUTHOR,
          "story": ("story",)}
#: A JSON Lines line (one article with its metadata) and a news-please ``.json`` file, in characters / bytes.
MAX_LINE_CHARS = 4 * MAX_ARTICLE_BYTES
MAX_JSON_FILE_BYTES = 100_000_000

class ColumnMapping(NamedTuple):
    """Source column of each manifest field ("" when the source has none)."""

    text: str
    headline: str
    outlet: str
    date: str
    url: str
    id: str
    author: str
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


class _BadValue(ValueError):
    """A mapped cell that is not text (a JSON object or list)."""


def _cell(value, column: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from a spreadsheet or Parquet
        return ""
    if isinstance(value, (dict, list, tuple)):
        raise _BadValue(f"column {column!r} holds a JSON {'object' if isinstance(value, dict) else 'list'}, not text")
    return value if isinstance(value, str) else str(value)


def _names(value, column: str) -> str:
    """An author cell: text, or a list of names (news-please ``authors``) joined with ", "."""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(name, column) for name in value if name is not None)
    return _cell(value, column)


def entries_from_rows(rows: Iterator[tuple[str, dict]], mapping: ColumnMapping, source: str,
                      story: str = "") -> Iterator[Entry]:
    """Entries from ``(position, row)`` pairs under ``mapping``; ``story`` is the constant story, if any."""
    for position, row in rows:
        if "__problem__" in row:  # a line the reader could not decode
            yield Entry(source=source, position=position, text="", problem=row["__problem__"])
            continue
        try:
            date = row.get(mapping.date) if mapping.date else None
            date = date if date is not None and not isinstance(date, (str, dict, list)) else _cell(date, mapping.date)
            yield Entry(
                source=source, position=position,
                text=_cell(row.get(mapping.text), mapping.text),
                headline=_cell(row.get(mapping.headline), mapping.headline) if mapping.headline else "",
                outlet=_cell(row.get(mapping.outlet), mapping.outlet) if mapping.outlet else "",
                date=date,
                url=_cell(row.get(mapping.url), mapping.url) if mapping.url else "",
                source_id=_cell(row.get(mapping.id), mapping.id) if mapping.id else "",
                story=_cell(row.get(mapping.story), mapping.story) if mapping.story else story,
                author=_names(row.get(mapping.author), mapping.author) if mapping.author else "",
            )
        except _BadValue as exc:
            yield Entry(source=source, position=position, text="", problem=str(exc))


# -- readers: (columns, total rows or None, rows(mapped columns) -> iterator of (position, row dict)) --
def _delimited(path: Path, delimiter: str):
    csv.field_size_limit(sys.maxsize)
    handle = path.open(encoding="utf-8-sig", newline="")
    reader = csv.DictReader(handle, delimiter=delimiter)
    try:
        columns = reader.fieldnames or []
    except UnicodeDecodeError as exc:
        handle.close()
        raise InputDataError(path, f"not UTF-8 (byte {exc.start}); re-save the table as UTF-8") from None

    def rows(_mapped=None):
        with handle:
            number = 1
            try:
                for number, row in enumerate(reader, start=2):
                    yield f"row {number}", row
            except UnicodeDecodeError:
                raise InputDataError(path, f"row {number + 1}: not UTF-8; re-save the table as UTF-8") from None
            except csv.Error as exc:
                raise InputDataError(path, f"row {number + 1}: {exc}") from None
    return columns, None, rows


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

    def rows(_mapped=None):
        try:
            for number, values in enumerate(lines, start=2):
                if values is None or all(v is None for v in values):
                    continue  # a blank spreadsheet row is formatting, not an article
                yield f"row {number}", dict(zip(columns, values))
        finally:
            book.close()
    return columns, sheet.max_row - 1 if sheet.max_row else None, rows


def _json_value(text: str):
    """``(value, problem)``: every way ``json.loads`` refuses a value becomes a problem, not a traceback."""
    try:
        return json.loads(text), ""
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg})"
    except ValueError as exc:  # an integer of more than 4,300 digits (Python's int conversion limit)
        return None, f"not usable JSON ({str(exc).split(';')[0]})"
    except RecursionError:
        return None, "not usable JSON (nested too deeply)"


def _bounded_lines(handle) -> Iterator[tuple[int, str | None]]:
    """``(line number, line)`` of a text file, ``None`` for a line over :data:`MAX_LINE_CHARS` (skipped in blocks)."""
    number = 0
    while True:
        line = handle.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            while True:  # the rest of the long line, read and dropped block by block
                rest = handle.readline(MAX_LINE_CHARS)
                if not rest or rest.endswith("\n"):
                    break
            yield number, None
            continue
        yield number, line


def _jsonl(path: Path):
    check_regular_file(path)
    handle = path.open(encoding="utf-8-sig")
    first = None
    lines = 0
    try:
        for _, line in _bounded_lines(handle):  # columns: those of the first line that is a JSON object
            if line is None or line.strip():
                lines += 1
            if line is not None and line.strip():
                value = _json_value(line)[0]
                if isinstance(value, dict):
                    first = value
                    break
    except UnicodeDecodeError as exc:
        handle.close()
        raise InputDataError(path, f"not UTF-8 (byte {exc.start}); re-save the file as UTF-8") from None
    if not lines:
        handle.close()
        raise InputDataError(path, "no records: the JSON Lines file is empty")
    columns = list(first) if first is not None else []  # none: every line is a problem row, named below
    handle.seek(0)

    def rows(_mapped=None):
        with handle:
            for number, line in _bounded_lines(handle):
                if line is None:
                    yield f"line {number}", {"__problem__": f"line longer than {MAX_LINE_CHARS:,} characters"}
                    continue
                if not line.strip():
                    continue
                record, problem = _json_value(line)
                if problem:
                    yield f"line {number}", {"__problem__": problem}
                    continue
                yield f"line {number}", record if isinstance(record, dict) else {"__problem__": "not a JSON object"}
    return columns, None, rows


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
        data, problem = _json_value(read_limited(path, MAX_JSON_FILE_BYTES, "JSON file").decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        data, problem = None, f"not UTF-8 (byte {exc.start})"
    except InputDataError as exc:
        data, problem = None, exc.problem
    if problem:  # the whole file is one problem row, skipped with keep_going like any other
        return [], 1, lambda _mapped=None: iter([("entry 1", {"__problem__": f"not a news-please JSON file: {problem}"})])
    records = data if isinstance(data, list) else [data]
    columns = sorted({k for r in records if isinstance(r, dict) for k in r})

    def rows(_mapped=None):
        for number, record in enumerate(records, start=1):
            yield (f"entry {number}" if isinstance(data, list) else "entry 1"), (
                record if isinstance(record, dict) else {"__problem__": "not a JSON object"})
    return columns, len(records), rows


def table_entries(path: Path, options: ImportOptions, read, json_records: bool = False) -> CountedEntries:
    """The entries of one table file read by ``read(path)`` (a reader above), the number of
    rows when the file says it; ``options.story`` is a column name or a constant story, and
    ``options.unmapped(source, columns)`` hears of the columns no manifest field takes.
    ``json_records``: rows are JSON records, which may all be problems (then no column is required)."""
    source = str(path)
    columns, total, rows = read(path)
    mapping = _mapping(columns, options.columns, options.story, path, json_records)
    constant = "" if mapping.story else options.story
    used = {c for c in mapping if c}
    options.unmapped(source, [str(c) for c in columns if c is not None and c not in used and str(c).strip()])
    return CountedEntries(entries_from_rows(rows([c for c in dict.fromkeys(mapping) if c]), mapping, source, constant),
                          total)


def _mapping(columns, given, story, path, json_records: bool) -> ColumnMapping:
    if not columns and json_records:  # no usable record: each row says why
        return ColumnMapping(text="text", **{f: "" for f in ColumnMapping._fields if f != "text"})
    given = dict(given)
    if story and story in columns:
        given["story"] = story
    return detect_mapping(list(columns), given, path)


def table_format(name: str, suffixes: tuple[str, ...], read, json_records: bool = False) -> ImportFormat:
    """An :class:`ImportFormat` of one row per article, read by ``read(path)``."""
    return ImportFormat(name, suffixes, functools.partial(table_entries, read=read, json_records=json_records))


CSV = table_format("CSV", (".csv",), functools.partial(_delimited, delimiter=","))
TSV = table_format("TSV", (".tsv", ".tab"), functools.partial(_delimited, delimiter="\t"))
EXCEL = table_format("Excel", (".xlsx", ".xlsm"), _excel)
JSON_LINES = table_format("JSON Lines", (".jsonl", ".ndjson"), _jsonl, json_records=True)
PARQUET = table_format("Parquet", (".parquet", ".pq"), _parquet)
#: news-please's own output: one article per ``.json`` file, or a list of them.
NEWS_PLEASE = table_format("news-please JSON", (".json",), _newsplease, json_records=True)
