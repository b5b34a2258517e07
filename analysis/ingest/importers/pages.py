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
from .common import Entry, domain_of

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def page_entry(data: bytes, source: str, position: str, url: str = "", extra: str = "") -> Entry:
    """One page as an entry (a problem entry when trafilatura finds no main text)."""
    page = extract_page(data) if data.strip() else None
    if page is None:
        return Entry(source=source, position=position, text="", problem="no article text found in this HTML page")
    url = url or page.url
    return Entry(source=source, position=position, text="", headline=page.title, outlet=page.sitename or domain_of(url),
                 date=page.date, url=url, extra=extra, raw_bytes=data, raw_suffix=".html",
                 source_id="")


def html_entries(path: Path, source: str, folder: Path | None = None) -> Iterator[Entry]:
    """One entry for a saved page; ``position`` names the page within its folder."""
    position = f"page {path.relative_to(folder).as_posix()}" if folder else "page 1"
    yield page_entry(path.read_bytes(), source, position)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def warc_entries(path: Path, source: str, ignore) -> Iterator[Entry]:
    """Entries of the HTML responses in a WARC file; ``ignore(reason)`` counts the other records."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as handle:
        try:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                if record.rec_type != "response":
                    ignore(f"WARC {record.rec_type} record")
                    continue
                status = record.http_headers.get_statuscode() if record.http_headers else ""
                kind = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if status != "200" or "html" not in kind.lower():
                    ignore("WARC response that is not an HTML page with status 200")
                    continue
                data = record.content_stream().read()
                captured = record.rec_headers.get_header("WARC-Date") or ""
                yield page_entry(data, source, f"record {number}", url=record.rec_headers.get_header("WARC-Target-URI") or "",
                                 extra=f"captured {captured}" if captured else "")
        except ArchiveLoadFailed as exc:
            raise InputDataError(path, f"not a readable WARC file ({exc})") from None


__all__ = ["HTML_SUFFIXES", "WARC_SUFFIXES", "html_entries", "is_warc", "page_entry", "warc_entries"]
