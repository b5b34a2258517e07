"""Limits on what an import or a load will read, so hostile or damaged input fails in one line.

Every limit is a documented constant, generous for real news:

* :data:`MAX_ARTICLE_BYTES` (5 MB of UTF-8 text): one article's text, at import and when a
  raw file is read (the longest news features run to ~150 KB; 5 MB is a book).  A 50 MB
  "article" took 5 GB of memory in ``summary``;
* :data:`MAX_PAGE_BYTES` (20 MB): one saved HTML page (markup, scripts and inline images
  included), from a folder or a WARC record;
* compressed inputs are streamed, never inflated whole before a check:
  :data:`MAX_RATIO` (100) and :data:`MAX_INFLATED_FLOOR` (100 MB) bound the bytes a
  gzip-compressed WARC may inflate to (``max(100 x compressed size, 100 MB)``; real WARC
  files inflate 3-10 fold); a ZIP container (DOCX, XLSX) is checked from its directory
  before any member is read: at most :data:`MAX_ZIP_MEMBER_BYTES` (64 MB) per member and
  :data:`MAX_ZIP_TOTAL_BYTES` (128 MB) in all, and no member above 1 MB inflating more than
  :data:`MAX_RATIO` fold (``zipfile`` never yields more than a member's declared size);
  an Excel workbook (read by openpyxl's streaming mode) is held to the ratio limit only;
* :data:`MAX_DOCX_PARAGRAPHS` (50,000) and :data:`MAX_XML_TAGS` (2,000,000): a Word
  document's paragraphs and XML tags, counted in a streaming pass before python-docx
  builds its tree (a 62 KB DOCX of 600,000 empty paragraphs took 77 s); a document type
  declaration (``<!DOCTYPE``, ``<!ENTITY``), which Word never writes and which entity
  bombs and external-entity attacks need, is refused;
* :data:`MAX_RTF_BYTES` (32 MB): a Nexis Uni RTF download.

Only regular files are read: :func:`check_regular_file` refuses folders, FIFOs, sockets,
devices and anything under ``/proc``, ``/sys`` or ``/dev``.
"""
from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

from ..errors import InputDataError

#: One article's text in UTF-8 bytes, at import and when a raw ``.txt`` file is read.
MAX_ARTICLE_BYTES = 5_000_000
#: One saved HTML page (a folder's page, a WARC record's body, a raw ``.html`` file).
MAX_PAGE_BYTES = 20_000_000
#: Largest inflation factor accepted for compressed input (whole gzip file, one ZIP member above 1 MB).
MAX_RATIO = 100
#: A gzip file may always inflate to this many bytes, whatever its ratio.
MAX_INFLATED_FLOOR = 100_000_000
#: One ZIP member (a DOCX's document.xml, an XLSX's sheet) and all members together, inflated.
MAX_ZIP_MEMBER_BYTES = 64_000_000
MAX_ZIP_TOTAL_BYTES = 128_000_000
#: Paragraphs and XML tags of a Word document (a Nexis Uni download of 100 articles has ~5,000 paragraphs).
MAX_DOCX_PARAGRAPHS = 50_000
MAX_XML_TAGS = 2_000_000
#: A Nexis Uni RTF download (100 articles take about 1 MB).
MAX_RTF_BYTES = 32_000_000
#: Block size of every streaming read.
BLOCK = 1 << 20

SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))


def megabytes(n: int) -> str:
    return f"{n / 1e6:,.0f} MB" if n >= 1e6 else f"{n:,} bytes"


def file_kind(mode: int) -> str:
    """Plain words for a file type that is not a regular file."""
    for test, words in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                        (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                        (stat.S_ISBLK, "a block device"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return words
    return "not a regular file"


def regular_file_problem(path: Path, follow: bool = True) -> str | None:
    """Why ``path`` must not be read as a source file, or None when it is a regular file.

    ``follow=False`` refuses a symbolic link itself (inside a folder import); a path under
    ``/proc``, ``/sys`` or ``/dev`` is refused either way (``/proc`` files look regular)."""
    try:
        info = os.stat(path) if follow else os.lstat(path)
    except FileNotFoundError:
        return "broken symbolic link" if os.path.islink(path) else "not found"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not follow and stat.S_ISLNK(info.st_mode):
        return ("a symbolic link; a folder import reads only the regular files inside the folder "
                "(name the file itself to import it)")
    if not stat.S_ISREG(info.st_mode):
        return f"{file_kind(info.st_mode)}, not a regular file"
    resolved = Path(os.path.realpath(path))
    if any(resolved.is_relative_to(system) for system in SYSTEM_FOLDERS):
        return f"a system file ({resolved}), not a corpus file"
    return None


def check_regular_file(path: Path, follow: bool = True) -> None:
    """Raise :class:`InputDataError` unless ``path`` is a regular file (see :func:`regular_file_problem`)."""
    problem = regular_file_problem(path, follow)
    if problem:
        raise InputDataError(path, problem)


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file, refused (one line) when it holds more than ``limit``.

    The file is opened without blocking and checked through its own descriptor, so a FIFO
    or device swapped in after a check is refused, not waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputDataError(path, f"cannot read the {what} ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputDataError(path, f"the {what} is {file_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise InputDataError(path, f"the {what} is {megabytes(info.st_size)}; the limit is {megabytes(limit)}")
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while being read
        raise InputDataError(path, f"the {what} is over the limit of {megabytes(limit)}")
    return data


def read_stream_limited(stream, limit: int) -> tuple[bytes, bool]:
    """Read ``stream`` in blocks up to ``limit`` bytes: ``(data, over)``; ``over`` when more was there."""
    parts, size = [], 0
    while True:
        block = stream.read(min(BLOCK, limit + 1 - size))
        if not block:
            return b"".join(parts), False
        parts.append(block)
        size += len(block)
        if size > limit:
            return b"".join(parts)[:limit], True


# -- gzip ---------------------------------------------------------------------------------------
class GzipCheck(NamedTuple):
    """Result of :func:`check_gzip`: bytes ``inflated``, ``members`` seen, ``truncated`` (the last
    member ends before its end-of-stream marker and checksum)."""

    inflated: int
    members: int
    truncated: bool


def inflation_limit(compressed: int) -> int:
    return max(MAX_RATIO * compressed, MAX_INFLATED_FLOOR)


def check_gzip(path: Path) -> GzipCheck:
    """Inflate a (multi-member) gzip file in blocks, keeping nothing: refuse it in one line
    when it inflates beyond :func:`inflation_limit` or is damaged; report whether it is
    truncated (the caller names the record that was cut)."""
    compressed = os.path.getsize(path)
    limit = inflation_limit(compressed)
    inflated = members = 0
    consumed = 0
    with open(path, "rb") as handle:
        decompressor = None
        pending = b""
        while True:
            if not pending:
                pending = handle.read(BLOCK)
                if not pending:
                    break
            if decompressor is None:
                if not pending.strip(b"\0"):  # zero padding after the last member
                    pending = b""
                    continue
                decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
                members += 1
            try:
                # at most one block of output per call: memory stays bounded whatever the ratio
                out = decompressor.decompress(pending, BLOCK)
                while out:
                    inflated += len(out)
                    if inflated > limit:
                        raise InputDataError(path, f"inflates to more than {megabytes(limit)} (the limit for "
                                                   f"{megabytes(compressed)} compressed: {MAX_RATIO} times that, "
                                                   f"at least {megabytes(MAX_INFLATED_FLOOR)}); "
                                                   "refused as a decompression bomb")
                    out = decompressor.decompress(decompressor.unconsumed_tail, BLOCK)
            except zlib.error as exc:
                raise InputDataError(path, f"damaged gzip data in member {members} near byte {consumed} ({exc})") from None
            consumed += len(pending) - len(decompressor.unused_data)
            if decompressor.eof:
                pending = decompressor.unused_data
                decompressor = None
            else:
                pending = b""
    return GzipCheck(inflated, members, decompressor is not None)


# -- zip (DOCX, XLSX) -----------------------------------------------------------------------------
def check_zip(path: Path, what: str, max_member: int | None = MAX_ZIP_MEMBER_BYTES,
              max_total: int | None = MAX_ZIP_TOTAL_BYTES) -> zipfile.ZipFile:
    """Open a ZIP container and check its directory before any member is read (see the module
    docstring; ``None`` drops a size limit, the ratio limit always holds); the caller closes it.  ``zipfile`` never inflates more than a member's
    declared size (a lying size ends in a CRC error), so the declared sizes bound the work."""
    check_regular_file(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputDataError(path, f"not a readable {what} file ({type(exc).__name__})") from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if max_member is not None and info.file_size > max_member:
            archive.close()
            raise InputDataError(path, f"{what} part {info.filename} inflates to {megabytes(info.file_size)}; "
                                       f"the limit is {megabytes(max_member)} (a decompression bomb?)")
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            archive.close()
            raise InputDataError(path, f"{what} part {info.filename} inflates {info.file_size // max(info.compress_size, 1):,} "
                                       f"fold (limit {MAX_RATIO}): refused as a decompression bomb")
    if max_total is not None and total > max_total:
        archive.close()
        raise InputDataError(path, f"{what} file inflates to {megabytes(total)} in all; "
                                   f"the limit is {megabytes(max_total)} (a decompression bomb?)")
    return archive


_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_PARAGRAPH = re.compile(rb"<w:p[\s>/]")


def check_docx_xml(path: Path, archive: zipfile.ZipFile) -> None:
    """Stream every XML part of a DOCX once: refuse a document type declaration (entity bombs,
    external entities), more than :data:`MAX_DOCX_PARAGRAPHS` paragraphs in the document or
    more than :data:`MAX_XML_TAGS` tags in all, before python-docx parses anything."""
    tags = 0
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        paragraphs = 0
        carry = b""
        try:
            with archive.open(info) as member:
                while True:
                    block = member.read(BLOCK)
                    if not block:
                        break
                    window = carry + block
                    if _DTD.search(window):
                        raise InputDataError(path, f"DOCX part {info.filename} declares a document type or entities "
                                                   "(Word never does; refused: entity expansion)")
                    tags += block.count(b"<")
                    paragraphs += len(_PARAGRAPH.findall(window)) - len(_PARAGRAPH.findall(carry))
                    carry = block[-16:]
                    if tags > MAX_XML_TAGS:
                        raise InputDataError(path, f"DOCX file has more than {MAX_XML_TAGS:,} XML tags; "
                                                   "refused (split the download)")
                    if paragraphs > MAX_DOCX_PARAGRAPHS:
                        raise InputDataError(path, f"DOCX part {info.filename} has more than {MAX_DOCX_PARAGRAPHS:,} "
                                                   "paragraphs; refused (split the download)")
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise InputDataError(path, f"not a readable DOCX file ({type(exc).__name__} in {info.filename})") from None
