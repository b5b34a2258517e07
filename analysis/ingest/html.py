"""Saved article pages (HTML) as input, through trafilatura.

trafilatura (Barbaresi 2021) is the best-measured open-source main-text
extractor; it drops navigation, footers and most boilerplate and returns the
article's paragraphs one per line.  The raw ``.html`` file is never modified:
the extracted text is derived from it on every load, deterministically (no
extraction timestamp), and the extractor's name and version are recorded in the
articles table.  The package's own rules then set aside whatever captions and
promos the extractor kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class ExtractedPage:
    text: str          # headline first, then one paragraph per line
    title: str
    date: str
    sitename: str
    author: str
    url: str
    extractor: str


def is_html(path: str | Path) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES


def extractor_version() -> str:
    return f"trafilatura {version('trafilatura')}"


def _same(a: str, b: str) -> bool:
    squash = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
    return squash(a) == squash(b)


def extract_page(data: bytes) -> ExtractedPage | None:
    """Main text and metadata of one saved page; None when no main text is found."""
    import trafilatura

    text = trafilatura.extract(data, output_format="txt", include_comments=False, include_images=False,
                               include_tables=True, include_links=False, deduplicate=False, fast=False)
    if not text or not text.strip():
        return None
    meta = trafilatura.extract_metadata(data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data)
    title = (meta.title or "").strip() if meta else ""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and not _same(lines[0], title):
        lines.insert(0, title)
    return ExtractedPage(
        text="\n\n".join(lines),
        title=title or lines[0],
        date=(meta.date or "") if meta else "",
        sitename=(meta.sitename or "") if meta else "",
        author=(meta.author or "") if meta else "",
        url=(meta.url or "") if meta else "",
        extractor=extractor_version(),
    )
