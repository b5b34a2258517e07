"""Bring a researcher's corpus in: ``python -m analysis import SOURCE... --into DATA_DIR``.

>>> report = import_sources(["scrape.parquet"], into="data", story="story")   # doctest: +SKIP

One module per family of sources:

* :mod:`.tables` - CSV, TSV, Excel, JSON Lines, Parquet (one row per article; columns by
  flag or detected from news-please, Media Cloud and common scraper names) and news-please
  JSON files;
* :mod:`.pages`  - a folder of saved HTML pages, and WARC web archives;
* :mod:`.nexis`  - Nexis Uni batch downloads (DOCX, RTF), split into articles.

Each format is an :class:`~.common.ImportFormat` record (its name, file-name suffixes,
``entries(path, options)``) listed once in :data:`FORMATS`; :func:`import_sources` finds a
file's format there and writes what its ``entries`` yield, with no per-format code.
:mod:`.common` writes raw files and manifest rows (ids, provenance, dates, idempotence,
problems reported by file and row, the import as one transaction under the data folder's
lock; see its docstring).  The source type is chosen by the file name's ending; a folder is
searched for files of every known type, reading only the regular files inside it (no
symbolic link followed, no FIFO or device opened).  Compressed and large inputs are read
within the limits of :mod:`analysis.ingest.limits` (decompression bombs, truncated WARC
records, oversized articles: one-line errors naming the file and the record or row).
"""
from __future__ import annotations

import operator
import os
import sys
from pathlib import Path
from typing import Iterable

from ...errors import InputDataError
from ..limits import check_regular_file, regular_file_problem
from . import nexis, pages, tables
from .common import (LOCK_WAIT_SECONDS, Entry, ImportFormat, ImportOptions, ImportReport, Problem, StudyWriter,
                     parse_date, slugify)
from .nexis import read_nexis

#: Every source format, in the order the error for an unknown file lists their endings.  A new
#: format is one module defining an :class:`~.common.ImportFormat` and one line here.
FORMATS: list[ImportFormat] = [
    tables.CSV, tables.TSV, tables.EXCEL, tables.JSON_LINES, tables.PARQUET, tables.NEWS_PLEASE,
    pages.HTML, nexis.NEXIS, pages.WARC,
]


def format_of(path: Path) -> ImportFormat | None:
    """The format of the file ``path`` (by its name), or None when no format takes it."""
    return next((found for found in FORMATS if found.accepts(path)), None)


def known_suffixes() -> list[str]:
    return [suffix for found in FORMATS for suffix in found.suffixes]


def _files(source: Path, writer: StudyWriter) -> list[tuple[Path, Path | None]]:
    """The files to import from ``source``: itself, or the importable regular files inside a folder.

    Only regular files inside what the user named are read.  A folder is walked without
    following symbolic links; a link, FIFO, socket or device inside it with an importable
    name is a problem row (an error, or skipped and listed with ``keep_going``), never read.
    A source named on the command line may be a link to a regular file (the user chose it),
    never a FIFO, a device or a file under ``/proc``, ``/sys`` or ``/dev``."""
    if not os.path.lexists(source):
        raise InputDataError(source, "source not found")
    if not source.is_dir():
        check_regular_file(source)
        if format_of(source) is None:
            raise InputDataError(source, "unknown source type; known endings: " + ", ".join(known_suffixes()))
        return [(source, None)]
    found = []
    for folder, subfolders, names in os.walk(source, followlinks=False):
        here = Path(folder)
        for name in sorted(subfolders):
            if (here / name).is_symlink():
                writer.problem(str(source), f"folder {(here / name).relative_to(source).as_posix()}",
                               "a symbolic link to a folder; not followed (name the folder itself to import it)")
        subfolders.sort()
        for name in sorted(names):
            path = here / name
            if format_of(path) is None:
                continue
            problem = regular_file_problem(path, follow=False)
            if problem:
                writer.problem(str(source), f"file {path.relative_to(source).as_posix()}", problem)
                continue
            found.append(path)
    if not found and not writer.problems:
        raise InputDataError(source, "no importable file in this folder")
    return [(p, source) for p in sorted(found)]


def import_sources(sources: Iterable, into, story: str | None = None, keep_going: bool = False,
                   columns: dict[str, str] | None = None, progress: bool = False,
                   lock_wait: float = LOCK_WAIT_SECONDS) -> ImportReport:
    """Import every source (file or folder) into the data folder ``into``.

    ``story`` is a column of the source holding each article's story, or one story name
    for every article (default: a ``story`` column when present, else ``unassigned``, to
    be grouped by :func:`analysis.ingest.stories.group_stories`).  ``columns`` maps
    ``text``, ``headline``, ``outlet``, ``date``, ``url``, ``id``, ``author`` to source columns.
    Returns an :class:`ImportReport`; raises :class:`InputDataError` naming file and row
    for the first unusable row unless ``keep_going`` (then every such row is in
    ``report.problems``).  The import is one transaction under the data folder's lock
    (waiting up to ``lock_wait`` seconds for another import; see :mod:`.common`): nothing
    is written unless it succeeds, and an interrupted earlier import is finished or
    rolled back first.
    """
    from tqdm import tqdm

    columns = {k: v for k, v in (columns or {}).items() if v}
    writer = StudyWriter(into, keep_going=keep_going, lock_wait=lock_wait)
    try:
        for source in sources:
            for path, folder in _files(Path(source), writer):
                options = ImportOptions(story or "", columns, folder, writer.note_unmapped, writer.ignore)
                entries = format_of(path).entries(path, options)
                total = operator.length_hint(entries, -1)
                for entry in tqdm(entries, total=None if total < 0 else total, desc=path.name, unit=" rows",
                                  file=sys.stderr, disable=not progress, mininterval=0.5):
                    writer.add(entry)
    except BaseException:
        writer.abort()
        raise
    return writer.commit()


__all__ = ["FORMATS", "Entry", "ImportFormat", "ImportOptions", "ImportReport", "Problem", "format_of", "import_sources",
           "parse_date", "read_nexis", "slugify"]
