"""Read one raw article file into text, checking what can go wrong.

Plain text (``.txt``) is decoded as below; a saved page (``.html``/``.htm``) goes
through :mod:`analysis.ingest.html`.

The raw file is never modified.  Decoding applies exactly two documented
normalisations, recorded per article: a UTF-8 byte-order mark is removed and
CRLF / CR line endings become LF.  Everything else (non-breaking spaces, curly
quotes, trailing spaces) is kept, so offsets in every table point into the text
as received.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputDataError
from .html import extract_page, is_html

BOM = "\ufeff"


@dataclass(frozen=True)
class RawText:
    text: str
    sha256: str
    n_bytes: int
    normalisations: tuple[str, ...]
    metadata: dict = field(default_factory=dict)  # from an HTML page: title, date, sitename, author, url
    extractor: str = ""


def read_raw_text(path: str | Path, expected_sha256: str = "") -> RawText:
    """Read ``path`` as UTF-8 and return its text with provenance.

    Raises :class:`InputDataError` for a missing file, a file that is not UTF-8
    (naming the offending byte offset and value), a checksum that differs from
    the manifest, or a file with no text at all (empty or whitespace only).
    """
    path = Path(path)
    if not path.is_file():
        raise InputDataError(path, "article file not found")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if expected_sha256 and digest != expected_sha256.lower():
        raise InputDataError(path, f"sha256 is {digest}, the manifest says {expected_sha256}: the raw file changed")
    if is_html(path):
        return _read_html(path, data, digest)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise InputDataError(path, f"not valid UTF-8: byte 0x{bad} at offset {exc.start} ({exc.reason}); re-save the file as UTF-8") from None
    normalisations = []
    if text.startswith(BOM):
        text = text[len(BOM):]
        normalisations.append("removed UTF-8 byte-order mark")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        normalisations.append("converted CRLF/CR line endings to LF")
    if not text.strip():
        raise InputDataError(path, "article file is empty" if not data else "article file holds only whitespace")
    return RawText(text=text, sha256=digest, n_bytes=len(data), normalisations=tuple(normalisations))


def _read_html(path: Path, data: bytes, digest: str) -> RawText:
    if not data.strip():
        raise InputDataError(path, "HTML file is empty")
    page = extract_page(data)
    if page is None:
        raise InputDataError(path, "no article text found in this HTML page")
    metadata = {"title": page.title, "date": page.date, "sitename": page.sitename, "author": page.author, "url": page.url}
    return RawText(text=page.text, sha256=digest, n_bytes=len(data),
                   normalisations=("main text extracted from HTML",), metadata=metadata, extractor=page.extractor)
