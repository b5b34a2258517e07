"""What every importer shares: the article record, safe names, dates, and the writer.

An importer family (tables, news-please, pages, WARC, Nexis) turns one source file into
:class:`Entry` records, one per row or article, each with its provenance (source file and
row or entry number).  :class:`StudyWriter` turns entries into raw files and manifest rows:

* the raw file holds the article text exactly as the source gave it (UTF-8, headline on the
  first line, then the body; a saved page is copied byte for byte as ``.html``); it is
  written once and never edited afterwards;
* the manifest row keeps the real header order (``id, story, outlet, headline, published,
  url, file, sha256, notes``); ``notes`` records the provenance (``source: FILE row N``),
  the date as the source wrote it, and any other metadata the source carried;
* ids are the source's own id when it has one (prefixed with the source file's name), else
  a hash of source file name and row number, so importing the same file again gives the
  same ids, and rows already in the manifest with the same text are skipped, not duplicated;
* a row that cannot be used (no text, no outlet, an id already used by other text) is a
  :class:`Problem` naming file and row: an error, or skipped and reported with
  ``keep_going``; never dropped silently;
* the manifest's optional ``author`` column holds the source's author or byline column
  (a list of names joined with ", "); appending to an older manifest without that column,
  the author goes into ``notes`` (``author: ...``).  Every other source column is listed in
  :attr:`ImportReport.unmapped` (the command's closing line), never dropped silently;
* an article over :data:`~analysis.ingest.limits.MAX_ARTICLE_BYTES` of text (a saved page
  over :data:`~analysis.ingest.limits.MAX_PAGE_BYTES`) is a problem row.

An import is one transaction:

* a lock: the import holds an exclusive ``flock`` on ``<data folder>/.import.lock`` from
  start to end; a second import of the same folder waits up to :data:`LOCK_WAIT_SECONDS`,
  then refuses in one line;
* staging: raw files and manifest rows are written into ``<data folder>/.import-<pid>/``
  (``raw/...`` and ``rows.csv``); nothing in the data folder itself changes meanwhile;
* the commit point: the rows are flushed to disk and a journal (``commit.json``: the
  manifest's size and last bytes' checksum at that moment) is renamed into the staging
  folder whole; then the journal is replayed: staged raw files move into ``raw/``, the
  manifest is cut back to the journal's size and the rows appended, the staging folder goes;
* recovery, at the start of every import, under the lock: a staging folder with a journal
  is replayed again (every step may run twice: a moved file is no longer staged, the
  manifest is cut back before the rows are appended), one without a journal is removed.
  A SIGKILL at any point therefore leaves either the whole import or none of it, and the
  next import (or the same one run again) loses no row and doubles none.  This guards
  against the process dying, not the machine losing power (raw files are not fsync'ed one
  by one; the rows, the journal and the manifest are).  ``group-stories --apply`` and other
  commands that rewrite the manifest do not take the lock: do not run them during an import.
"""
from __future__ import annotations

import csv
import datetime as dt
import email.utils
import hashlib
import io
import json
import os
import re
import shutil
import signal
import time
import unicodedata
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple
from urllib.parse import urlsplit

from ...errors import InputDataError
from ..limits import MAX_ARTICLE_BYTES, MAX_PAGE_BYTES, megabytes
from ..manifest import MANIFEST_HEADER, REQUIRED_COLUMNS, UNASSIGNED_STORY, manifest_path

RAW_FOLDER = "raw"


class Entry(NamedTuple):
    """One article as an importer found it, before it is written."""

    source: str          # source file name (as given on the command line, made relative when possible)
    position: str        # "row 12", "entry 3", "record 40": where in the source file
    text: str            # the body text exactly as the source gave it ("" when the raw file is a page)
    headline: str = ""
    outlet: str = ""
    date: str = ""       # as the source wrote it
    url: str = ""
    source_id: str = ""  # the source's own id, if any
    story: str = ""
    extra: str = ""      # other metadata for the notes ("Length: 523 words; Section: World")
    raw_bytes: bytes | None = None  # a saved page, copied as the raw file
    raw_suffix: str = ".txt"
    problem: str = ""    # set when the reader could not use this row at all
    author: str = ""     # author or byline as the source gave it (names joined with ", ")


def _nothing(*args) -> None:
    """The default listener: an option nobody asked to hear about."""


class ImportOptions(NamedTuple):
    """What an import asks of every format, for one source file."""

    story: str = ""                 # a source column holding each article's story, or one story for every article
    columns: dict = {}              # manifest field -> source column (``--text-column`` and the like)
    folder: Path | None = None      # the folder the user named, when the file was found inside it
    unmapped: Callable[[str, list[str]], None] = _nothing  # hears of the source columns no manifest field takes
    ignore: Callable[[str], None] = _nothing               # counts a record that is not an article (by reason)


class ImportFormat(NamedTuple):
    """One kind of source file: its ``name``, the file-name ``suffixes`` (lower case) that select it,
    and ``entries(path, options)``: an iterator of :class:`Entry`, one per article, row or
    problem (with a ``__length_hint__`` when the number is known in advance, for the progress
    bar).  ``matches(path)`` replaces the suffix test when the last suffix alone cannot tell
    (``.warc.gz``) or the file must be sniffed."""

    name: str
    suffixes: tuple[str, ...]
    entries: Callable[[Path, ImportOptions], Iterator[Entry]]
    matches: Callable[[Path], bool] | None = None

    def accepts(self, path: Path) -> bool:
        """Whether ``path`` is a file of this format."""
        return self.matches(path) if self.matches is not None else path.suffix.lower() in self.suffixes


class CountedEntries:
    """Entries whose number is known before they are read (``operator.length_hint`` gives it)."""

    def __init__(self, entries: Iterable[Entry], total: int | None) -> None:
        self._entries = iter(entries)
        self.total = total

    def __iter__(self) -> Iterator[Entry]:
        return self

    def __next__(self) -> Entry:
        return next(self._entries)

    def __length_hint__(self) -> int:
        return self.total if self.total is not None else NotImplemented


def with_story(entries: Iterable[Entry], story: str) -> Iterator[Entry]:
    """``entries`` with ``story`` set on each (formats without a story column of their own)."""
    return (entry._replace(story=story) for entry in entries)


class Problem(NamedTuple):
    """A row that could not be imported."""

    source: str
    position: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.position}: {self.problem}"


class ImportReport(NamedTuple):
    """What an import did: ``added`` ids, ``already`` present (re-import), ``problems`` skipped,
    ``ignored`` counts, ``unmapped`` source columns no manifest field takes (per source file),
    ``recovered``: interrupted imports finished or rolled back first (one line each)."""

    added: list[str]
    already: int
    problems: list[Problem]
    ignored: dict[str, int]
    unmapped: dict[str, list[str]] = {}
    recovered: list[str] = []


_HEX = re.compile(r"^[0-9a-fA-F]{16,}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def slugify(value: str, max_length: int = 80) -> str:
    """A safe name (letters, digits, ``-``, ``_``, ``.``): accents dropped, other runs become ``-``."""
    ascii_text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("-", ascii_text).strip("-._").lower()
    return slug[:max_length].rstrip("-._")


def domain_of(url: str) -> str:
    """``https://www.example.co.uk/x`` -> ``example.co.uk`` (an outlet when nothing better is known)."""
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.")


_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d{1,2}:\d{2})")
_SLASHED_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
_MDY = re.compile(r"^(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")      # May 23, 2022 Monday
_DMY = re.compile(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")   # 23 May 2022, Monday 23 May 2022
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value) -> str:
    """ISO ``YYYY-MM-DD`` of a date as news sources write it, or "" when it is not understood.

    Understood: ISO 8601 dates and timestamps (news-please ``2022-05-23 14:03:00``, Media
    Cloud ``2022-05-23 14:03:00.123456``, ``2022-05-23T14:03:00Z``); ``2022/05/23``;
    ``20220523``; Nexis ``May 23, 2022 Monday`` and ``23 May 2022``; HTTP/RFC 2822
    (``Mon, 23 May 2022 14:03:00 GMT``); Python and spreadsheet date objects.  Numeric
    day/month orders (``05/06/2022``) are ambiguous and left unparsed.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for pattern, order in ((_ISO, "ymd"), (_SLASHED_YMD, "ymd"), (_COMPACT, "ymd")):
        match = pattern.match(text)
        if match:
            return _checked(*(int(g) for g in match.groups()))
    match = _MDY.match(text)
    if match and match.group(1).lower() in _MONTHS:
        return _checked(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    match = _DMY.match(text)
    if match and match.group(2).lower() in _MONTHS:
        return _checked(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return ""
    return parsed.date().isoformat() if parsed else ""


def _checked(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def compose_text(headline: str, body: str) -> str:
    """The raw file's text: the headline on the first line, a blank line, then the body as given.

    When the body already starts with the headline it is kept as it is."""
    headline = " ".join(headline.split())
    if not headline or body.lstrip().startswith(headline):
        return body
    return f"{headline}\n\n{body}"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class _Refused(Exception):
    """An entry that cannot be imported; the message says why (a problem row)."""


def _article_id(stem: str, entry: Entry) -> str:
    """The source's own id when it has one, else a hash of source file name and position."""
    if entry.source_id and slugify(entry.source_id):
        return f"{stem}-{slugify(entry.source_id, 60)}"
    return f"{stem}-{_digest(Path(entry.source).name, entry.position)[:12]}"


def _raw_data(entry: Entry) -> bytes:
    """The raw file's bytes: the saved page, or headline and body as UTF-8 (refused over the limit)."""
    page = entry.raw_bytes is not None
    data = entry.raw_bytes if page else compose_text(entry.headline, entry.text).encode("utf-8")
    limit = MAX_PAGE_BYTES if page else MAX_ARTICLE_BYTES
    if len(data) > limit:
        raise _Refused(f"article is {megabytes(len(data))}; the limit is {megabytes(limit)} of {'page' if page else 'text'}")
    return data


#: The lock file in the data folder; an import holds an exclusive ``flock`` on it from start to end.
LOCK_NAME = ".import.lock"
#: Seconds a second import waits for the lock before it refuses in one line.
LOCK_WAIT_SECONDS = 60.0
#: Each import stages its raw files and rows in ``<data folder>/.import-<pid>/``.
STAGING_PREFIX = ".import-"
ROWS_NAME = "rows.csv"
#: Present in a staging folder only once its import committed (renamed into place whole).
JOURNAL_NAME = "commit.json"
#: Test-only hook: ``ANALYSIS_IMPORT_CRASH_AT=<point>`` kills the import with SIGKILL at that point
#: (``row N``, ``staged``, ``journal``, ``moving``, ``manifest``, ``cleanup``), so the tests can
#: check that the next run recovers; unset, it costs one dictionary look-up per row.
CRASH_HOOK = "ANALYSIS_IMPORT_CRASH_AT"


class StudyWriter:
    """Write imported entries into a data folder (see the module docstring).

    Open it only under the data folder's lock (``__init__`` takes it, :meth:`commit` and
    :meth:`abort` release it): the lock, the recovery of interrupted imports and the
    reading of the existing manifest happen in that order, before any entry is written.
    """

    def __init__(self, data_dir, keep_going: bool = False, lock_wait: float = LOCK_WAIT_SECONDS):
        self.root = Path(data_dir).resolve()
        if self.root.exists() and not self.root.is_dir():
            raise InputDataError(self.root, "--into must be a data folder, not a file")
        self.root.mkdir(parents=True, exist_ok=True)
        self.manifest = manifest_path(self.root)
        self.header = MANIFEST_HEADER  # an existing manifest's own header, once read
        self.keep_going = keep_going
        self.known: dict[str, int] = {}   # id -> first 64 bits of the text's sha256 (re-import check)
        self.reserved: set[str] = set()   # raw file names the manifest already lists
        self._lock = DataFolderLock(self.root, lock_wait)
        try:
            self.recovered = recover_interrupted_imports(self.root)
            self._read_existing()
            self.staging = self.root / f"{STAGING_PREFIX}{os.getpid()}"
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging.mkdir()
            self.rows_path = self.staging / ROWS_NAME
            self._rows = self.rows_path.open("w", encoding="utf-8", newline="")
        except BaseException:
            self._lock.release()
            raise
        self._writer = csv.writer(self._rows, lineterminator="\n")
        self.added: list[str] = []
        self.already = 0
        self.problems: list[Problem] = []
        self.ignored: dict[str, int] = {}
        self.unmapped: dict[str, list[str]] = {}
        self._stems: dict[str, str] = {}
        self._folders: set[Path] = set()
        self._hook = os.environ.get(CRASH_HOOK)

    def _read_existing(self) -> None:
        if not self.manifest.is_file():
            return
        try:
            with self.manifest.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                header = reader.fieldnames or []
                if not set(REQUIRED_COLUMNS) <= set(header):
                    raise InputDataError(self.manifest, "manifest has no id, story, outlet and file columns; "
                                                        "cannot append")
                self.header = header
                for row in reader:
                    checksum = (row.get("sha256") or "").strip()
                    self.known[row.get("id") or ""] = int(checksum[:16], 16) if _HEX.match(checksum) else 0
                    self.reserved.add(row.get("file") or "")
        except UnicodeDecodeError as exc:
            raise InputDataError(self.manifest, f"manifest is not UTF-8 (byte {exc.start}); cannot append") from None

    # -- one entry -------------------------------------------------------------------------
    def problem(self, source: str, position: str, message: str) -> None:
        """Report a row that cannot be used: raise, or record it when keeping going."""
        found = Problem(source, position, message)
        if not self.keep_going:
            raise InputDataError(source, f"{position}: {message} (use --keep-going to skip such rows)")
        self.problems.append(found)

    def ignore(self, reason: str) -> None:
        """Count a record that is not an article at all (e.g. an image in a WARC file)."""
        self.ignored[reason] = self.ignored.get(reason, 0) + 1

    def note_unmapped(self, source: str, columns: list[str]) -> None:
        """Remember the columns of ``source`` that no manifest field takes (listed in the closing line)."""
        if columns:
            self.unmapped[source] = list(columns)

    def add(self, entry: Entry, default_story: str = "") -> str | None:
        """Write one entry; return its id, or None when it was skipped (a problem row, or already imported)."""
        try:
            return self._write(entry, default_story)
        except _Refused as refused:
            message = str(refused)
        self.problem(entry.source, entry.position, message)  # outside the except: no chained traceback
        return None

    def _write(self, entry: Entry, default_story: str) -> str | None:
        """:meth:`add`, raising :class:`_Refused` for a problem row (checked in this order)."""
        if entry.problem:
            raise _Refused(entry.problem)
        if entry.raw_bytes is None and not entry.text.strip():
            raise _Refused("no article text")
        outlet = " ".join((entry.outlet or domain_of(entry.url)).split())
        if not outlet:
            raise _Refused("no outlet (give --outlet-column, or a url to take the domain from)")
        stem = self._stem(entry.source)
        article_id = _article_id(stem, entry)
        data = _raw_data(entry)
        digest = hashlib.sha256(data).hexdigest()
        short = int(digest[:16], 16)
        if article_id in self.known:
            if self.known[article_id] != short:
                raise _Refused(f"id {article_id!r} is already used by another text")
            self.already += 1
            return None
        story = slugify(entry.story or default_story or UNASSIGNED_STORY)
        if not story:
            raise _Refused(f"story {entry.story!r} has no letters or digits")
        relative = f"{RAW_FOLDER}/{stem}/{article_id}{entry.raw_suffix}"
        self._stage_raw(relative, data)
        author = " ".join(entry.author.split())
        published = parse_date(entry.date)
        row = {"id": article_id, "story": story, "outlet": outlet, "headline": " ".join(entry.headline.split()),
               "author": author, "published": published, "url": entry.url.strip(), "file": relative,
               "sha256": digest, "notes": self._notes(entry, published, author)}
        self._writer.writerow([row.get(c, "") for c in self.header])
        self.known[article_id] = short
        self.reserved.add(relative)
        self.added.append(article_id)
        if self._hook:
            crash_point(f"row {len(self.added)}")
        return article_id

    def _stem(self, source: str) -> str:
        """The source file's name as the raw folder and id prefix (the same for every row of it)."""
        stem = self._stems.get(source)
        if stem is None:
            stem = self._stems[source] = slugify(Path(source).stem, 40) or "source"
        return stem

    def _stage_raw(self, relative: str, data: bytes) -> None:
        """Stage the raw file ``relative`` (unique, because ids are: only files already there can collide)."""
        if relative in self.reserved:
            raise _Refused(f"raw file {relative} already exists for another row")
        target = self.root / relative
        if os.path.lexists(target):
            # a raw file no manifest row lists: left by an import of an older version killed
            # while committing; the same bytes are adopted, other bytes are never overwritten
            if not _same_bytes(target, data):
                raise _Refused(f"raw file {relative} already exists for another row")
            return
        staged = self.staging / relative
        if staged.parent not in self._folders:
            staged.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(staged.parent)
        staged.write_bytes(data)

    def _notes(self, entry: Entry, published: str, author: str) -> str:
        """The manifest row's ``notes``: provenance, the date as given, the source id, other metadata."""
        notes = [f"source: {Path(entry.source).name} {entry.position}"]
        if entry.date and str(entry.date) != published:
            notes.append(f"date as given: {entry.date}" + ("" if published else " (not understood)"))
        if entry.source_id:
            notes.append(f"source id: {entry.source_id}")
        if author and "author" not in self.header:  # an older manifest without the column: kept in the notes
            notes.append(f"author: {author}")
        if entry.extra:
            notes.append(entry.extra)
        return "; ".join(notes)

    # -- the end ---------------------------------------------------------------------------
    def report(self) -> ImportReport:
        return ImportReport(self.added, self.already, self.problems, self.ignored, self.unmapped, self.recovered)

    def commit(self) -> ImportReport:
        """Commit the import as one transaction (see :func:`recover_interrupted_imports`):
        the staged rows are made durable, a journal naming them and the manifest's size is
        renamed into place (the commit point), then the journal is replayed: staged raw files
        moved into ``raw/``, the rows appended to the manifest, the staging folder removed."""
        try:
            self._rows.flush()
            os.fsync(self._rows.fileno())
            self._rows.close()
            if not self.added:
                shutil.rmtree(self.staging, ignore_errors=True)
                return self.report()
            crash_point("staged")
            size = self.manifest.stat().st_size if self.manifest.is_file() else 0
            journal = {"manifest_size": size, "manifest_tail": _tail_digest(self.manifest, size),
                       "new_manifest": not self.manifest.is_file(), "rows": len(self.added),
                       "header": list(self.header)}
            temporary = self.staging / (JOURNAL_NAME + ".tmp")
            with temporary.open("w", encoding="utf-8") as handle:
                json.dump(journal, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.staging / JOURNAL_NAME)  # the commit point
            _fsync_folder(self.staging)
            crash_point("journal")
            replay_journal(self.root, self.staging)
            return self.report()
        finally:
            self._lock.release()

    def abort(self) -> None:
        """Leave nothing half-written: drop the staged files and rows."""
        try:
            self._rows.close()
            shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._lock.release()


def closing_line(report: ImportReport, into) -> str:
    """The import command's last line: counts, ignored records, recoveries, columns not imported."""
    parts = [f"imported {len(report.added)} article(s) into {into}", f"{report.already} already there",
             f"{len(report.problems)} row(s) skipped"]
    parts += [f"ignored {n}: {reason}" for reason, n in sorted(report.ignored.items())]
    parts += report.recovered
    if report.unmapped:
        by_columns: dict[tuple[str, ...], list[str]] = {}
        for source, columns in report.unmapped.items():
            by_columns.setdefault(tuple(columns), []).append(Path(source).name)
        for columns, sources in by_columns.items():
            where = ", ".join(sources) if len(sources) <= 3 else f"{len(sources)} files"
            parts.append(f"columns not imported ({where}): {', '.join(columns)}")
    return "; ".join(parts)


# -- the data folder's lock, the journal and recovery ------------------------------------------------
def crash_point(name: str) -> None:
    """Kill this process at ``name`` when the test-only hook asks for it (see :data:`CRASH_HOOK`)."""
    wanted = os.environ.get(CRASH_HOOK)
    if wanted and wanted == name:
        os.kill(os.getpid(), signal.SIGKILL)


class DataFolderLock:
    """An exclusive ``flock`` on ``<data folder>/.import.lock``: a second import waits up to
    ``wait`` seconds, then refuses in one line.  The kernel drops the lock of a killed process.
    The file is removed on release; whoever locks checks that the file it locked is still the
    one at the path (else it locked a removed file, and tries again)."""

    def __init__(self, root: Path, wait: float = LOCK_WAIT_SECONDS):
        import fcntl

        self.path = root / LOCK_NAME
        deadline = time.monotonic() + wait
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            except OSError as exc:
                raise InputDataError(root, f"cannot lock the data folder to import into it ({exc.strerror or exc})") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise InputDataError(root, f"another import is writing to this data folder (it holds {LOCK_NAME}; "
                                               f"waited {wait:g} s); run this import again when it has finished") from None
                time.sleep(0.1)
                continue
            try:
                mine = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                mine = False
            if mine:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
                self.fd = fd
                return
            os.close(fd)

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(self.fd)  # closing the descriptor drops the lock
            self.fd = None


def recover_interrupted_imports(root: Path) -> list[str]:
    """Finish or undo every import that was interrupted in this data folder (call under the lock).

    A staging folder holding a journal belongs to an import that committed: its journal is
    replayed (:func:`replay_journal`), so its rows and raw files all arrive, once.  One
    without a journal belongs to an import that never reached its commit point: it is
    removed, and nothing of that import is in the data folder.  Returns one line per folder."""
    done = []
    for staging in sorted(root.glob(STAGING_PREFIX + "*")):
        if staging.is_symlink() or not staging.is_dir():
            continue
        if (staging / JOURNAL_NAME).is_file():
            rows = replay_journal(root, staging)
            done.append(f"finished an interrupted import ({rows} row(s))")
        else:
            shutil.rmtree(staging, ignore_errors=True)
            done.append("rolled back an interrupted import (nothing of it had been committed)")
    return done


def replay_journal(root: Path, staging: Path) -> int:
    """Carry out a committed import's journal; safe to run again after any interruption.

    Staged raw files are moved into place (a file already moved is no longer staged); the
    manifest is cut back to its size at the commit point (undoing a half-written append)
    and the rows appended, when its last bytes are still those of the commit point; if
    the manifest was rewritten since, only the rows whose ids it lacks are appended."""
    journal = json.loads((staging / JOURNAL_NAME).read_text(encoding="utf-8"))
    staged_raw = staging / RAW_FOLDER
    moved = 0
    for folder, _, files in os.walk(staged_raw):
        for name in files:
            source = Path(folder) / name
            target = root / source.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            moved += 1
            if moved == 1:
                crash_point("moving")
    manifest = manifest_path(root)
    rows_path = staging / ROWS_NAME
    size = journal["manifest_size"]
    if journal["new_manifest"]:
        # no manifest before this import: whatever is there now is this import's own half-written one
        _write_rows(manifest, 0, (",".join(journal["header"]) + "\n").encode("utf-8"), rows_path)
    elif manifest.is_file() and manifest.stat().st_size >= size and _tail_digest(manifest, size) == journal["manifest_tail"]:
        _write_rows(manifest, size, b"" if _ends_with_newline(manifest, size) else b"\n", rows_path)
    else:  # rewritten meanwhile by another command, or removed: append the rows it lacks
        present = _manifest_ids(manifest)
        header = journal["header"]
        kept = [line for line in _csv_lines(rows_path.read_bytes()) if _row_id(line, header) not in present]
        end = manifest.stat().st_size if manifest.is_file() else 0
        prefix = (",".join(header) + "\n").encode("utf-8") if not end else b"" if _ends_with_newline(manifest, end) else b"\n"
        kept_path = staging / "kept.csv"
        kept_path.write_bytes(b"".join(kept))
        _write_rows(manifest, end, prefix, kept_path)
    crash_point("cleanup")
    shutil.rmtree(staging, ignore_errors=True)
    return journal["rows"]


def _write_rows(manifest: Path, offset: int, prefix: bytes, rows_path: Path) -> None:
    """Cut the manifest at ``offset`` and write ``prefix`` and the rows file there, block by block, durably."""
    fd = os.open(manifest, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        os.ftruncate(fd, offset)
        os.lseek(fd, offset, os.SEEK_SET)
        with os.fdopen(os.dup(fd), "wb") as out, rows_path.open("rb") as rows:
            out.write(prefix)
            if os.environ.get(CRASH_HOOK) == "manifest":  # test-only: die half-way through the rows
                out.write(rows.read(rows_path.stat().st_size // 2))
                out.flush()
                crash_point("manifest")
            shutil.copyfileobj(rows, out, 1 << 20)
        os.fsync(fd)
    finally:
        os.close(fd)


def _tail_digest(path: Path, size: int) -> str:
    """sha256 of the 64 KB before ``size`` in ``path`` (how a replay knows the manifest is unchanged)."""
    if size == 0 or not path.is_file():
        return ""
    with path.open("rb") as handle:
        handle.seek(max(0, size - 65536))
        return hashlib.sha256(handle.read(size - max(0, size - 65536))).hexdigest()


def _csv_lines(data: bytes) -> list[bytes]:
    """The CSV records of ``data`` as byte strings (a quoted field may hold line breaks)."""
    text = data.decode("utf-8")
    out, buffer = [], io.StringIO(newline="")
    for record in csv.reader(io.StringIO(text, newline="")):
        buffer.seek(0)
        buffer.truncate()
        csv.writer(buffer, lineterminator="\n").writerow(record)
        out.append(buffer.getvalue().encode("utf-8"))
    return out


def _row_id(line: bytes, header: list[str]) -> str:
    record = next(csv.reader(io.StringIO(line.decode("utf-8"), newline="")), [])
    return record[header.index("id")] if "id" in header and len(record) > header.index("id") else ""


def _manifest_ids(manifest: Path) -> set[str]:
    if not manifest.is_file():
        return set()
    with manifest.open(encoding="utf-8-sig", newline="") as handle:
        return {row.get("id") or "" for row in csv.DictReader(handle)}


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ends_with_newline(path: Path, size: int) -> bool:
    """Whether the first ``size`` bytes of ``path`` end a line (or are empty)."""
    if size == 0:
        return True
    with path.open("rb") as handle:
        handle.seek(size - 1)
        return handle.read(1) in (b"\n", b"\r")
