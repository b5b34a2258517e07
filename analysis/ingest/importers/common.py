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
* nothing half-written: files go to a staging folder and the manifest rows to a side file;
  both move into place only when the whole import succeeded (or with ``keep_going``).
"""
from __future__ import annotations

import csv
import datetime as dt
import email.utils
import hashlib
import os
import re
import shutil
import unicodedata
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from ...errors import InputDataError
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


class Problem(NamedTuple):
    """A row that could not be imported."""

    source: str
    position: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.position}: {self.problem}"


class ImportReport(NamedTuple):
    """What an import did: ``added`` ids, ``already`` present (re-import), ``problems`` skipped, ``ignored`` counts."""

    added: list[str]
    already: int
    problems: list[Problem]
    ignored: dict[str, int]


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


class StudyWriter:
    """Write imported entries into a data folder (see the module docstring)."""

    def __init__(self, data_dir, keep_going: bool = False):
        self.root = Path(data_dir).resolve()
        if self.root.exists() and not self.root.is_dir():
            raise InputDataError(self.root, "--into must be a data folder, not a file")
        self.root.mkdir(parents=True, exist_ok=True)
        self.manifest = manifest_path(self.root)
        self.header = MANIFEST_HEADER  # an existing manifest's own header, once read
        self.keep_going = keep_going
        self.known: dict[str, int] = {}   # id -> first 64 bits of the text's sha256 (re-import check)
        self.reserved: set[str] = set()   # raw file names the manifest already lists
        self._read_existing()
        self.staging = self.root / f".import-{os.getpid()}"
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir()
        self.rows_path = self.staging / "rows.csv"
        self._rows = self.rows_path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._rows, lineterminator="\n")
        self.added: list[str] = []
        self.already = 0
        self.problems: list[Problem] = []
        self.ignored: dict[str, int] = {}
        self._stems: dict[str, str] = {}
        self._folders: set[Path] = set()

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

    def add(self, entry: Entry, default_story: str = "") -> str | None:
        """Write one entry; return its id, or None when it was skipped."""
        if entry.problem:
            self.problem(entry.source, entry.position, entry.problem)
            return None
        if entry.raw_bytes is None and not entry.text.strip():
            self.problem(entry.source, entry.position, "no article text")
            return None
        outlet = " ".join((entry.outlet or domain_of(entry.url)).split())
        if not outlet:
            self.problem(entry.source, entry.position, "no outlet (give --outlet-column, or a url to take the domain from)")
            return None
        stem = self._stems.get(entry.source)
        if stem is None:
            stem = self._stems[entry.source] = slugify(Path(entry.source).stem, 40) or "source"
        if entry.source_id and slugify(entry.source_id):
            article_id = f"{stem}-{slugify(entry.source_id, 60)}"
        else:
            article_id = f"{stem}-{_digest(Path(entry.source).name, entry.position)[:12]}"
        data = entry.raw_bytes if entry.raw_bytes is not None else compose_text(entry.headline, entry.text).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        short = int(digest[:16], 16)
        if article_id in self.known:
            if self.known[article_id] == short:
                self.already += 1
                return None
            self.problem(entry.source, entry.position, f"id {article_id!r} is already used by another text")
            return None
        story = slugify(entry.story or default_story or UNASSIGNED_STORY)
        if not story:
            self.problem(entry.source, entry.position, f"story {entry.story!r} has no letters or digits")
            return None
        relative = f"{RAW_FOLDER}/{stem}/{article_id}{entry.raw_suffix}"
        # new paths are unique because ids are; only files already there can collide
        if relative in self.reserved or (self.root / relative).exists():
            self.problem(entry.source, entry.position, f"raw file {relative} already exists for another row")
            return None
        target = self.staging / relative
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        target.write_bytes(data)
        published = parse_date(entry.date)
        notes = [f"source: {Path(entry.source).name} {entry.position}"]
        if entry.date and str(entry.date) != published:
            notes.append(f"date as given: {entry.date}" + ("" if published else " (not understood)"))
        if entry.source_id:
            notes.append(f"source id: {entry.source_id}")
        if entry.extra:
            notes.append(entry.extra)
        row = {"id": article_id, "story": story, "outlet": outlet, "headline": " ".join(entry.headline.split()),
               "published": published, "url": entry.url.strip(), "file": relative, "sha256": digest,
               "notes": "; ".join(notes)}
        self._writer.writerow([row.get(c, "") for c in self.header])
        self.known[article_id] = short
        self.added.append(article_id)
        return article_id

    # -- the end ---------------------------------------------------------------------------
    def commit(self) -> ImportReport:
        """Move the staged raw files into place and append the rows to the manifest."""
        self._rows.close()
        for folder, _, files in os.walk(self.staging / RAW_FOLDER):
            for name in files:
                source = Path(folder) / name
                target = self.root / source.relative_to(self.staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        new_manifest = not self.manifest.is_file()
        with self.manifest.open("a", encoding="utf-8", newline="") as out, self.rows_path.open(encoding="utf-8") as rows:
            if new_manifest:
                out.write(",".join(MANIFEST_HEADER) + "\n")
            elif not _ends_with_newline(self.manifest):
                out.write("\n")
            shutil.copyfileobj(rows, out)
        shutil.rmtree(self.staging, ignore_errors=True)
        return ImportReport(self.added, self.already, self.problems, self.ignored)

    def abort(self) -> None:
        """Leave nothing half-written: drop the staged files and rows."""
        self._rows.close()
        shutil.rmtree(self.staging, ignore_errors=True)


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        if handle.tell() == 0:
            return True
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) in (b"\n", b"\r")
