"""Saved article pages (a folder of ``.html``/``.htm`` files) and WARC web archives.

A page is copied byte for byte as the raw file (``.html``); its text is extracted on every
load by the existing trafilatura path (:mod:`analysis.ingest.html`), so the manifest row
only needs the metadata, taken from the page at import: headline (title), outlet (site
name, else the url's domain), date, url.  A page with no article text is a problem row.

WARC files (ISO 28500, read with warcio): every ``response`` record with status 200 and an
HTML content type is one page, handled as above; its url is the record's
``WARC-Target-URI`` and its capture date (``WARC-Date``) goes into the notes (the
publication date comes from the page).  Other records (requests, metadata, images,
style sheets, redirects) are counted as ignored, not articles.  Position: ``record N``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ...errors import InputDataError
from ..html import HTML_SUFFIXES, extract_page
from ..limits import (BLOCK, MAX_ARTICLE_BYTES, MAX_PAGE_BYTES, check_gzip, check_regular_file, megabytes, read_limited,
                      read_stream_limited)
from .common import Entry, ImportFormat, ImportOptions, domain_of, with_story

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def page_entry(data: bytes, source: str, position: str, url: str = "", extra: str = "") -> Entry:
    """One page as an entry (a problem entry when trafilatura finds no main text)."""
    try:
        page = extract_page(data) if data.strip() else None
    except Exception as exc:  # the extractor's own failure on a malformed page, as a problem row
        return Entry(source=source, position=position, text="",
                     problem=f"HTML page could not be read ({type(exc).__name__})")
    if page is None:
        return Entry(source=source, position=position, text="", problem="no article text found in this HTML page")
    if len(page.text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        return Entry(source=source, position=position, text="",
                     problem=f"the page's text is over the limit of {megabytes(MAX_ARTICLE_BYTES)}")
    url = url or page.url
    return Entry(source=source, position=position, text="", headline=page.title, outlet=page.sitename or domain_of(url),
                 date=page.date, url=url, extra=extra, raw_bytes=data, raw_suffix=".html",
                 source_id="", author=page.author)


def html_entries(path: Path, source: str, folder: Path | None = None) -> Iterator[Entry]:
    """One entry for a saved page; ``position`` names the page within its folder.

    A page over :data:`MAX_PAGE_BYTES` is a problem row (skipped with ``keep_going``)."""
    position = f"page {path.relative_to(folder).as_posix()}" if folder else "page 1"
    try:
        data = read_limited(path, MAX_PAGE_BYTES, "saved page")
    except InputDataError as exc:
        yield Entry(source=source, position=position, text="", problem=exc.problem)
        return
    yield page_entry(data, source, position)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def warc_entries(path: Path, source: str, ignore) -> Iterator[Entry]:
    """Entries of the HTML responses in a WARC file; ``ignore(reason)`` counts the other records.

    Checked as it is read (one-line errors naming the file and the record): a gzipped file
    is first inflated in blocks and refused when it inflates beyond the limit or is cut off
    (:func:`analysis.ingest.limits.check_gzip`); every record must hold the bytes its
    ``Content-Length`` declares (a cut record is refused, never imported as half a page);
    a page's body is read in blocks and a page over :data:`MAX_PAGE_BYTES` is a problem row.
    """
    from warcio.archiveiterator import ArchiveIterator

    check_regular_file(path)
    # a cut gzip stream ends silently in warcio: named with its record once the whole records are counted
    truncated = path.name.lower().endswith(".gz") and check_gzip(path).truncated
    number = 0
    with path.open("rb") as handle:
        records = iter(ArchiveIterator(handle))
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # warcio raises ArchiveLoadFailed, StatusAndHeadersParserException, ...
                raise InputDataError(path, f"record {number + 1}: not a readable WARC record "
                                           f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from None
            number += 1
            entry = _warc_record(path, source, number, record, ignore)
            declared = getattr(record, "length", None)
            left = _drain(record.raw_stream)
            if left:
                raise InputDataError(path, f"record {number} is truncated: {left:,} of its {declared:,} bytes "
                                           "are missing (the file was cut off)")
            if entry is not None:
                yield entry
    if truncated:
        raise InputDataError(path, f"record {number + 1} is cut off: the gzip stream ends inside it "
                                   f"(the file was truncated at byte {path.stat().st_size:,})")


def _warc_record(path: Path, source: str, number: int, record, ignore) -> Entry | None:
    if record.rec_type != "response":
        ignore(f"WARC {record.rec_type} record")
        return None
    status = record.http_headers.get_statuscode() if record.http_headers else ""
    kind = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    if status != "200" or "html" not in kind.lower():
        ignore("WARC response that is not an HTML page with status 200")
        return None
    position = f"record {number}"
    try:
        data, over = read_stream_limited(record.content_stream(), MAX_PAGE_BYTES)
    except Exception as exc:  # a damaged HTTP content encoding (gzip, chunked) inside the record
        return Entry(source=source, position=position, text="",
                     problem=f"page body cannot be decoded ({type(exc).__name__})")
    if over:
        return Entry(source=source, position=position, text="",
                     problem=f"page is larger than the limit of {megabytes(MAX_PAGE_BYTES)}")
    captured = record.rec_headers.get_header("WARC-Date") or ""
    return page_entry(data, source, position, url=record.rec_headers.get_header("WARC-Target-URI") or "",
                      extra=f"captured {captured}" if captured else "")


def _drain(stream) -> int:
    """Read what is left of a record's raw stream in blocks; the declared bytes still missing."""
    while stream.read(BLOCK):
        pass
    return max(getattr(stream, "limit", 0) or 0, 0)


def _page_file(path: Path, options: ImportOptions) -> Iterator[Entry]:
    source = str(options.folder) if options.folder else str(path)  # a folder of pages is one source
    return with_story(html_entries(path, source, options.folder), options.story)


def _warc_file(path: Path, options: ImportOptions) -> Iterator[Entry]:
    return with_story(warc_entries(path, str(path), options.ignore), options.story)


HTML = ImportFormat("saved HTML page", HTML_SUFFIXES, _page_file)
#: ``.warc.gz``: the last suffix alone (``.gz``) does not say WARC, hence the predicate.
WARC = ImportFormat("WARC web archive", WARC_SUFFIXES, _warc_file, matches=is_warc)

__all__ = ["HTML", "HTML_SUFFIXES", "WARC", "WARC_SUFFIXES", "html_entries", "is_warc", "page_entry", "warc_entries"]
