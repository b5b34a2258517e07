"""Nexis Uni (LexisNexis) batch downloads, DOCX and RTF, split into articles.

Layout covered (the Nexis Uni "Word"/"RTF" download, the one R's LexisNexisTools parses in
``lnt_parse_uni``): an optional cover page (``User Name:``, ``Date and Time:``, ``Job
Number:``, ``Documents (N)``, the result list) ended by a run of three or more empty
paragraphs; then, per article and one paragraph each::

    Headline
    Source (e.g. The Guardian (London))
    May 23, 2022 Monday                 <- date, "Month D, YYYY" or "D Month YYYY"
    [Edition line, e.g. "National Edition"; Copyright line]
    Section: WORLD NEWS; Version:2
    Length: 523 words                   <- "Length:" then a no-break or ordinary space
    Byline: Jane Doe                    <- or "Author:"
    [Highlight: ...]
    Body                                <- or "Text"
    paragraph ... paragraph
    [Graphic                            <- a caption block, kept out of the body
     caption ...]
    [Classification
     Language: ENGLISH ... Load-Date: May 24, 2022]
    End of Document

Metadata per article follow LexisNexisTools' columns: ``ID`` (1, 2, ... within the file),
``Source``, ``Date``, ``Length``, ``Section``, ``Author``, ``Edition``, ``Headline``,
``Graphic`` (the caption text, "" when none), plus ``Load-Date`` and the ``Paragraphs``.
As there, the headline is the first line and the source the second; the date is the first
of the following lines that reads as a date.  An article without a ``Body`` line (LexisNexisTools
calls these graphic-only items) is reported as a problem row, not guessed at.

How it was checked: no real download can be committed, so ``tests/fixtures/import/`` holds
files built by ``tests/make_import_fixtures.py`` following the layout above (cover page,
no-break space after ``Length:``, edition and copyright lines, a graphic block, the
classification block); the tests check every metadata field and the body of each article
against the values written into the fixture.  The older LexisNexis Academic layout
(``1 of 100 DOCUMENTS`` separators, upper-case ``LENGTH:``/``BYLINE:`` keys) is not covered.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, NamedTuple

from ...errors import InputDataError
from ..limits import MAX_RTF_BYTES, check_docx_xml, check_zip, read_limited
from .common import Entry, ImportFormat, ImportOptions, parse_date, with_story

NEXIS_SUFFIXES = (".docx", ".rtf")
_END = re.compile(r"^End of Document$")
_BODY = re.compile(r"^(?:Body|Text)$")
_COVER = re.compile(r"^(?:User Name:|Date and Time:|Job Number:|Documents? \(\d+\)|Results? list)")
_DATE = re.compile(r"^(?:\w+,? )?(?:\w+ \d{1,2},? \d{4}|\d{1,2}\.? \w+ \d{4})")
_KEYS = {"Length": re.compile(r"^Length:[\s\u00a0]*(.*)$"), "Section": re.compile(r"^Section:[\s\u00a0]*(.*)$"),
         "Author": re.compile(r"^(?:Byline|Author):[\s\u00a0]*(.*)$"), "Highlight": re.compile(r"^Highlight:[\s\u00a0]*(.*)$")}
_LOAD_DATE = re.compile(r"^Load-Date:[\s\u00a0]*(.*)$")


class NexisArticle(NamedTuple):
    """One article of a Nexis Uni download, with LexisNexisTools' metadata columns."""

    ID: int
    Source: str
    Date: str
    Length: str
    Section: str
    Author: str
    Edition: str
    Headline: str
    Graphic: str
    LoadDate: str
    Paragraphs: tuple[str, ...]
    problem: str = ""


def document_lines(path: Path) -> list[str]:
    """The paragraphs of a DOCX or RTF file, one string each (empty paragraphs kept)."""
    if path.suffix.lower() == ".docx":
        import docx

        # sizes, ratio, paragraphs and tags checked, and DTDs refused, before python-docx reads
        # anything (its lxml parser resolves no entities, but builds the whole tree in memory)
        with check_zip(path, "DOCX") as archive:
            check_docx_xml(path, archive)
        try:
            document = docx.Document(str(path))
        except Exception as exc:  # python-docx raises PackageNotFoundError, KeyError, zipfile errors
            raise InputDataError(path, f"not a readable DOCX file ({type(exc).__name__})") from None
        return [p.text for p in document.paragraphs]
    from striprtf.striprtf import rtf_to_text

    raw = read_limited(path, MAX_RTF_BYTES, "RTF file")
    if not raw.lstrip().startswith(b"{\\rtf"):
        raise InputDataError(path, "not an RTF file (it does not start with {\\rtf)")
    text = rtf_to_text(raw.decode("cp1252", errors="replace"), errors="ignore")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _drop_cover(lines: list[str]) -> list[str]:
    head = [line.strip() for line in lines[:40] if line.strip()][:10]
    if not any(_COVER.match(line) for line in head):
        return lines
    empty = 0
    for index, line in enumerate(lines):
        empty = empty + 1 if not line.strip() else 0
        if empty >= 3:
            return lines[index + 1:]
    return lines


def parse_articles(lines: list[str]) -> Iterator[NexisArticle]:
    """Split a download's paragraphs into articles (see the module docstring)."""
    lines = [line.strip() for line in _drop_cover(lines)]
    chunk: list[str] = []
    number = 0
    for line in lines:
        if not line:
            continue
        if _END.match(line):
            number += 1
            yield _article(number, chunk)
            chunk = []
        else:
            chunk.append(line)
    if chunk:
        number += 1
        yield NexisArticle(number, "", "", "", "", "", "", chunk[0], "", "", tuple(chunk),
                           problem="text after the last 'End of Document' line (a truncated download?)")


def _article(number: int, chunk: list[str]) -> NexisArticle:
    split = next((i for i, line in enumerate(chunk) if _BODY.match(line)), None)
    if split is None or split < 2:
        return NexisArticle(number, chunk[1] if len(chunk) > 1 else "", "", "", "", "", "", chunk[0] if chunk else "",
                            "", "", tuple(chunk), problem="no 'Body' line: not an article layout this importer knows")
    meta, article = chunk[:split], chunk[split + 1:]
    load_date = ""
    if "Classification" in article:
        cut = len(article) - 1 - article[::-1].index("Classification")
        trailer, article = article[cut + 1:], article[:cut]
    else:
        cut = next((i for i, line in enumerate(article) if _LOAD_DATE.match(line)), len(article))
        trailer, article = article[cut:], article[:cut]
    for line in trailer:
        match = _LOAD_DATE.match(line)
        if match:
            load_date = match.group(1).strip()
    graphic = ""
    if "Graphic" in article:
        cut = article.index("Graphic")
        graphic, article = " ".join(article[cut + 1:]), article[:cut]
    found = {key: "" for key in _KEYS}
    date, edition = "", ""
    for line in meta[2:]:
        keyed = False
        for key, pattern in _KEYS.items():
            match = pattern.match(line)
            if match:
                found[key] = found[key] or match.group(1).strip()
                keyed = True
        if keyed:
            continue
        if not date and _DATE.match(line) and parse_date(line):
            date = line
        elif "edition" in line.lower() and not edition:
            edition = line
    return NexisArticle(number, meta[1], date, found["Length"], found["Section"], found["Author"], edition, meta[0],
                        graphic, load_date, tuple(article),
                        problem="" if article else "no paragraphs after the 'Body' line")


def nexis_entries(path: Path, source: str) -> Iterator[Entry]:
    """One entry per article of a Nexis Uni DOCX or RTF download; position ``article N``."""
    for item in parse_articles(document_lines(path)):
        extra = "; ".join(f"{label}: {value}" for label, value in (
            ("Length", item.Length), ("Section", item.Section), ("Edition", item.Edition),
            ("Graphic", item.Graphic), ("Load-Date", item.LoadDate)) if value)
        yield Entry(source=source, position=f"article {item.ID}", text="\n\n".join(item.Paragraphs),
                    headline=item.Headline, outlet=item.Source, date=item.Date, extra=extra, problem=item.problem,
                    author=item.Author)


def _nexis_file(path: Path, options: ImportOptions) -> Iterator[Entry]:
    return with_story(nexis_entries(path, str(path)), options.story)


NEXIS = ImportFormat("Nexis Uni download", NEXIS_SUFFIXES, _nexis_file)


def read_nexis(path) -> "pd.DataFrame":  # noqa: F821
    """The articles of one download as a table: LexisNexisTools' columns ``ID``, ``Source``,
    ``Date`` (as written), ``Length``, ``Section``, ``Author``, ``Edition``, ``Headline``,
    ``Graphic``, plus ``LoadDate``, ``Paragraphs`` (tuple) and ``problem``."""
    import pandas as pd

    path = Path(path)
    return pd.DataFrame(list(parse_articles(document_lines(path))), columns=NexisArticle._fields)
