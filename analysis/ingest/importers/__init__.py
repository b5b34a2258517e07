"""Bring a researcher's corpus in: ``python -m analysis import SOURCE... --into DATA_DIR``.

>>> report = import_sources(["scrape.parquet"], into="data", story="story")   # doctest: +SKIP

One module per family of sources:

* :mod:`.tables` - CSV, TSV, Excel, JSON Lines, Parquet (one row per article; columns by
  flag or detected from news-please, Media Cloud and common scraper names) and news-please
  JSON files;
* :mod:`.pages`  - a folder of saved HTML pages, and WARC web archives;
* :mod:`.nexis`  - Nexis Uni batch downloads (DOCX, RTF), split into articles.

:mod:`.common` writes raw files and manifest rows (ids, provenance, dates, idempotence,
problems reported by file and row; see its docstring).  The source type is chosen by the
file name's ending; a folder is searched for files of every known type.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

from ...errors import InputDataError
from .common import Entry, ImportReport, Problem, StudyWriter, parse_date, slugify
from .nexis import NEXIS_SUFFIXES, nexis_entries, read_nexis
from .pages import HTML_SUFFIXES, WARC_SUFFIXES, html_entries, is_warc, warc_entries
from .tables import TABLE_SUFFIXES, table_entries

KNOWN_SUFFIXES = TABLE_SUFFIXES + (".json",) + HTML_SUFFIXES + NEXIS_SUFFIXES


def _kind(path: Path) -> str:
    if is_warc(path):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES or suffix == ".json":
        return "table"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in NEXIS_SUFFIXES:
        return "nexis"
    return ""


def _files(source: Path) -> list[tuple[Path, Path | None]]:
    if not source.exists():
        raise InputDataError(source, "source not found")
    if source.is_file():
        if not _kind(source):
            raise InputDataError(source, "unknown source type; known endings: "
                                 + ", ".join(KNOWN_SUFFIXES + WARC_SUFFIXES))
        return [(source, None)]
    found = sorted(p for p in source.rglob("*") if p.is_file() and _kind(p))
    if not found:
        raise InputDataError(source, "no importable file in this folder")
    return [(p, source) for p in found]


def _entries(path: Path, folder: Path | None, story: str, columns: dict, writer: StudyWriter):
    source = str(path)
    kind = _kind(path)
    if kind == "table":
        return table_entries(path, source, columns, story)
    if kind == "html":
        entries = html_entries(path, str(folder) if folder else source, folder)
    elif kind == "warc":
        entries = warc_entries(path, source, writer.ignore)
    else:
        entries = nexis_entries(path, source)
    return None, (entry._replace(story=story) for entry in entries)


def import_sources(sources: Iterable, into, story: str | None = None, keep_going: bool = False,
                   columns: dict[str, str] | None = None, progress: bool = False) -> ImportReport:
    """Import every source (file or folder) into the data folder ``into``.

    ``story`` is a column of the source holding each article's story, or one story name
    for every article (default: a ``story`` column when present, else ``unassigned``, to
    be grouped by :func:`analysis.ingest.stories.group_stories`).  ``columns`` maps
    ``text``, ``headline``, ``outlet``, ``date``, ``url``, ``id`` to source columns.
    Returns an :class:`ImportReport`; raises :class:`InputDataError` naming file and row
    for the first unusable row unless ``keep_going`` (then every such row is in
    ``report.problems``).  Nothing is written unless the import succeeds.
    """
    from tqdm import tqdm

    columns = {k: v for k, v in (columns or {}).items() if v}
    writer = StudyWriter(into, keep_going=keep_going)
    try:
        for source in sources:
            for path, folder in _files(Path(source)):
                total, entries = _entries(path, folder, story or "", columns, writer)
                for entry in tqdm(entries, total=total, desc=path.name, unit=" rows", file=sys.stderr,
                                  disable=not progress, mininterval=0.5):
                    writer.add(entry)
    except BaseException:
        writer.abort()
        raise
    return writer.commit()


__all__ = ["Entry", "ImportReport", "Problem", "import_sources", "parse_date", "read_nexis", "slugify"]
