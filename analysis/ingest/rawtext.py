"""Read one raw article file into text, checking what can go wrong.

Plain text (``.txt``) is decoded as below; a saved page (``.html``/``.htm``, or
a ``.txt`` file whose content is an HTML page) goes through
:mod:`analysis.ingest.html`.

The raw file is never modified (``sha256`` and ``n_bytes`` are those of the
bytes on disk).  The text every table is built on is the result of one
documented normalisation step, :func:`normalise_text`, each change of which is
recorded per article in the ``normalisations`` column:

1. decoding: UTF-8, a leading UTF-8 byte-order mark removed.  UTF-16 and UTF-32
   files (with a byte-order mark, or without one, recognised by their zero
   bytes) are refused with a message asking for UTF-8, as is any other
   non-UTF-8 file (naming the offending byte);
2. line breaks: CRLF, lone CR and every other Unicode line or paragraph
   separator (U+2028, U+2029, NEL U+0085, vertical tab, form feed, U+001C-U+001E)
   become LF, so a paragraph never merges into the headline;
3. invisible characters removed: soft hyphens (U+00AD) and zero-width
   characters (U+200B, U+200C, U+200D, U+2060, U+FEFF inside the text), which
   would otherwise split or join words and change counts and sentiment;
4. Unicode NFC, so "é" counts the same whether it was typed as one code point
   or as "e" plus a combining accent.

Size: a plain-text article over :data:`~analysis.ingest.limits.MAX_ARTICLE_BYTES` (5 MB)
and a saved page over :data:`~analysis.ingest.limits.MAX_PAGE_BYTES` (20 MB), or whose
extracted text is over 5 MB, are refused in one line naming the file (a 50 MB article
took 142 s and 5 GB of memory in ``summary``); only a regular file is read.

Offsets: ``start``/``end`` in every table index the *normalised* text (what
``Corpus.texts`` holds and :attr:`RawText.text` returns), not the bytes of the
raw file; when the ``normalisations`` column is empty the two coincide (after
UTF-8 decoding).  Everything else (non-breaking spaces, curly quotes, trailing
spaces) is kept as received.
"""
from __future__ import annotations

import hashlib
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputDataError
from .html import extract_page, is_html
from .limits import MAX_ARTICLE_BYTES, MAX_PAGE_BYTES, file_kind, megabytes

BOM = "\ufeff"
#: Line and paragraph separators other than LF that Unicode (and ``str.splitlines``) treats as line breaks.
LINE_SEPARATORS = "\r\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e"
#: Characters that change words without being seen: soft hyphen and zero-width characters.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_LINE_BREAK = re.compile("\r\n|[" + re.escape(LINE_SEPARATORS) + "]")
_INVISIBLE = re.compile("[" + INVISIBLE + "]")
_HTML_START = re.compile(r"\A\s*+(?:<!--.*?-->\s*+)*+<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_UTF_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32 little-endian"), (b"\x00\x00\xfe\xff", "UTF-32 big-endian"),
             (b"\xff\xfe", "UTF-16 little-endian"), (b"\xfe\xff", "UTF-16 big-endian"))


@dataclass(frozen=True)
class RawText:
    text: str
    sha256: str
    n_bytes: int
    normalisations: tuple[str, ...]
    metadata: dict = field(default_factory=dict)  # from an HTML page: title, date, sitename, author, url
    extractor: str = ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def normalise_text(text: str) -> tuple[str, list[str]]:
    """Steps 2-4 of the module docstring: ``(normalised text, what changed in plain words)``."""
    notes = []
    breaks = _LINE_BREAK.findall(text)
    if breaks:
        text = _LINE_BREAK.sub("\n", text)
        kinds = sorted({"CRLF" if b == "\r\n" else "CR" if b == "\r" else f"U+{ord(b):04X}" for b in breaks})
        if kinds in (["CRLF"], ["CR"], ["CR", "CRLF"]):
            notes.append("converted CRLF/CR line endings to LF")
        else:
            notes.append(f"converted {_plural(len(breaks), 'line separator')} ({', '.join(kinds)}) to LF")
    invisible = _INVISIBLE.findall(text)
    if invisible:
        text = _INVISIBLE.sub("", text)
        soft = invisible.count("\u00ad")
        parts = ([_plural(soft, "soft hyphen")] if soft else []) + (
            [_plural(len(invisible) - soft, "zero-width character")] if len(invisible) > soft else [])
        notes.append(f"removed {' and '.join(parts)}")
    if not unicodedata.is_normalized("NFC", text):
        before = len(text)
        text = unicodedata.normalize("NFC", text)
        notes.append(f"normalised Unicode to NFC ({before - len(text)} fewer code points)")
    return text, notes


def _utf16_without_bom(data: bytes) -> str | None:
    """"UTF-16 ..." when the zero bytes say so (ASCII text in UTF-16 has a zero in every other byte)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "UTF-16 little-endian"
    if even > 0.3 * half and odd < 0.05 * half:
        return "UTF-16 big-endian"
    return None


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page (starts with a doctype or an html/head/body tag)."""
    return bool(_HTML_START.match(text[:2000]))


def read_raw_text(path: str | Path, expected_sha256: str = "") -> RawText:
    """Read ``path`` and return its normalised text with provenance (see the module docstring).

    Raises :class:`InputDataError` for a missing or unreadable file, a file that is
    not UTF-8 (naming the offending byte offset and value, or the UTF-16/32
    encoding it is in), a checksum that differs from the manifest, or a file with
    no text at all (empty, whitespace or invisible characters only).
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputDataError(path, "article file not found") from None
    except OSError as exc:
        raise InputDataError(path, f"cannot read the article file ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):  # a folder, FIFO or device is never opened
        raise InputDataError(path, f"the article file is {file_kind(info.st_mode)}, not a regular file")
    # at most a page's worth is read (a plain-text article is held to MAX_ARTICLE_BYTES below)
    if info.st_size > MAX_PAGE_BYTES:
        raise InputDataError(path, f"the article file is {megabytes(info.st_size)}; the limit is {megabytes(MAX_PAGE_BYTES)} "
                                   "(MAX_PAGE_BYTES in analysis/ingest/limits.py)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputDataError(path, f"cannot read the article file ({exc.strerror or exc})") from None
    digest = hashlib.sha256(data).hexdigest()
    if expected_sha256 and digest != expected_sha256.lower():
        raise InputDataError(path, f"sha256 is {digest}, the manifest says {expected_sha256}: the raw file changed")
    if is_html(path):
        return _read_html(path, data, digest)
    for bom, name in _UTF_BOMS:
        if data.startswith(bom):
            raise InputDataError(path, f"not valid UTF-8: the file is {name} (byte-order mark {bom.hex(' ').upper()}); "
                                       "re-save the file as UTF-8")
    wide = _utf16_without_bom(data)
    if wide:
        raise InputDataError(path, f"not valid UTF-8: the file looks like {wide} without a byte-order mark "
                                   "(every other byte is zero); re-save the file as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise InputDataError(path, f"not valid UTF-8: byte 0x{bad} at offset {exc.start} ({exc.reason}); re-save the file as UTF-8") from None
    normalisations = []
    if text.startswith(BOM):
        text = text[len(BOM):]
        normalisations.append("removed UTF-8 byte-order mark")
    if looks_like_html(text):
        raw = _read_html(path, data, digest)
        return RawText(raw.text, raw.sha256, raw.n_bytes, ("HTML page in a .txt file: read as HTML",) + raw.normalisations,
                       raw.metadata, raw.extractor)
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputDataError(path, f"the article file holds {megabytes(len(data))} of text; the limit is "
                                   f"{megabytes(MAX_ARTICLE_BYTES)} (MAX_ARTICLE_BYTES in analysis/ingest/limits.py)")
    text, notes = normalise_text(text)
    normalisations += notes
    if not text.strip():
        raise InputDataError(path, "article file is empty" if not data else "article file holds only whitespace" + (" and invisible characters" if _INVISIBLE.search(data.decode("utf-8")) else ""))
    return RawText(text=text, sha256=digest, n_bytes=len(data), normalisations=tuple(normalisations))


def _read_html(path: Path, data: bytes, digest: str) -> RawText:
    if not data.strip():
        raise InputDataError(path, "HTML file is empty")
    try:
        page = extract_page(data)
    except Exception as exc:  # the extractor's own failure on a malformed page, named in one line
        raise InputDataError(path, f"HTML page could not be read ({type(exc).__name__}: {exc})") from None
    if page is None:
        raise InputDataError(path, "no article text found in this HTML page")
    if len(page.text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise InputDataError(path, f"the page's text is over the limit of {megabytes(MAX_ARTICLE_BYTES)} "
                                   "(MAX_ARTICLE_BYTES in analysis/ingest/limits.py)")
    text, notes = normalise_text(page.text)
    metadata = {"title": page.title, "date": page.date, "sitename": page.sitename, "author": page.author, "url": page.url}
    return RawText(text=text, sha256=digest, n_bytes=len(data), normalisations=("main text extracted from HTML", *notes),
                   metadata=metadata, extractor=page.extractor)
