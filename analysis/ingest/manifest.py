"""Read and validate the manifest that describes every article in the data folder.

The manifest is a CSV file (``data/manifest.csv``) with one row per article:

========== ======== =====================================================
column     required meaning
========== ======== =====================================================
id         yes      stable, unique article id (used as a key everywhere and in
                    figure file names): letters, digits, ``_``, ``.``, ``-``
story      yes      which event the article reports; articles of one story
                    are compared with each other (a folder name of figures/
                    and reports/): letters, digits, spaces and ``_ . , ' & ( ) + -``
outlet     yes      the publisher, as it should appear in tables and figures
file       yes      path of the raw text, relative to the data folder
headline   no       the headline; if empty, the first line of the file
author     no       author or byline as the source gave it; if empty, the page's
                    author or the byline found in the text
published  no       publication date, exactly YYYY-MM-DD
url        no       where the page was read
sha256     no       checksum of the raw file; if given, it is verified on load
notes      no       free text (how the outlet or date is known, ...)
========== ======== =====================================================

Ids and story names become file and folder names, so they are checked where they
enter: each must start with a letter or digit, use only the characters above
(letters and digits of any script), contain no ``..``, end in no dot or
space, and be at most :data:`MAX_NAME_LENGTH` characters.  Anything else
(``../../x``, ``/abs``, ``a/b``, control characters, very long names) is refused
with the manifest line named.  Line numbers in errors count lines of the file
(a quoted field may span lines), not CSV rows.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from ..config import MANIFEST_NAME, resolve_data_dir
from ..errors import InputDataError

REQUIRED_COLUMNS = ("id", "story", "outlet", "file")
OPTIONAL_COLUMNS = ("headline", "author", "published", "url", "sha256", "notes")
MANIFEST_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
#: The column order of a manifest's header, as written by the importers and the README lists it.
MANIFEST_HEADER = ["id", "story", "outlet", "headline", "author", "published", "url", "file", "sha256", "notes"]
#: The story of imported articles whose source names none (``group-stories`` assigns them).
UNASSIGNED_STORY = "unassigned"
MAX_NAME_LENGTH = 100
SAFE_ID = re.compile(r"[^\W_][\w.-]*")
SAFE_STORY = re.compile(r"[^\W_][\w .,'&()+-]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def name_problem(kind: str, value: str) -> str | None:
    """Why ``value`` cannot be an article id (``kind="id"``) or a story name, or None if it can."""
    pattern, allowed = (SAFE_ID, "letters, digits, '_', '.', '-'") if kind == "id" else (
        SAFE_STORY, "letters, digits, spaces and _ . , ' & ( ) + -")
    shown = value if len(value) <= 60 else value[:57] + "..."
    if len(value) > MAX_NAME_LENGTH:
        return f"{kind} {shown!r} is {len(value)} characters long; the limit is {MAX_NAME_LENGTH}"
    if not pattern.fullmatch(value) or ".." in value or value[-1] in ". ":
        return (f"{kind} {shown!r} cannot be used as a file name: start with a letter or digit, use only {allowed}, "
                "no '..' and no final dot or space")
    return None


def check_date(value: str) -> str | None:
    """Why ``value`` is not a YYYY-MM-DD date, or None if it is one."""
    if not _DATE.fullmatch(value):
        return f"published {value!r} is not a YYYY-MM-DD date (e.g. 2022-05-23)"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"published {value!r} is not a real date"
    return None


def manifest_path(data_dir=None) -> Path:
    return resolve_data_dir(data_dir) / MANIFEST_NAME


def resolve_article_path(data_dir: Path, relative: str, manifest: Path) -> Path:
    """Resolve a manifest ``file`` entry, refusing anything outside the data folder."""
    candidate = Path(relative)
    if candidate.is_absolute():
        raise InputDataError(manifest, f"file {relative!r} is an absolute path; give it relative to {data_dir}")
    resolved = (data_dir / candidate).resolve()
    if not resolved.is_relative_to(data_dir.resolve()):
        raise InputDataError(manifest, f"file {relative!r} points outside the data folder {data_dir}")
    return resolved


def read_manifest(data_dir=None, story: str | None = None) -> pd.DataFrame:
    """Read, validate and return the manifest as a DataFrame.

    Columns: the manifest columns above, plus ``path`` (absolute path of the raw file).
    Rows keep the manifest's order.  ``story`` selects one story.
    Raises :class:`InputDataError` naming the manifest and the row for a missing
    manifest or required column, an empty required field, a duplicate id, a bad
    date, or a file path outside the data folder.
    """
    data_dir = resolve_data_dir(data_dir)
    path = manifest_path(data_dir)
    if not path.is_file():
        raise InputDataError(path, "manifest not found; create it with the columns " + ", ".join(MANIFEST_COLUMNS))
    # Each row is checked as it is read, and every MANIFEST_BLOCK rows become a DataFrame:
    # holding every row as Python dicts (twice) cost about 1.3 KB per row at its peak,
    # 130 MB for 100,000 articles.
    columns = list(MANIFEST_COLUMNS) + ["path"]
    records: list[tuple] = []
    blocks: list[pd.DataFrame] = []
    seen: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                raise InputDataError(path, f"manifest is missing required column(s): {', '.join(missing)}")
            start = reader.line_num + 1
            for row in reader:
                records.append(_checked_record(row, start, seen, data_dir, path))
                start = reader.line_num + 1  # the file line the next row starts on (a field may hold newlines)
                if len(records) == MANIFEST_BLOCK:
                    blocks.append(pd.DataFrame.from_records(records, columns=columns))
                    records = []
    except UnicodeDecodeError as exc:
        raise InputDataError(path, f"manifest is not UTF-8 (byte {exc.start})") from None
    except csv.Error as exc:
        raise InputDataError(path, f"line {reader.line_num}: not readable as CSV ({exc})") from None
    except OSError as exc:
        raise InputDataError(path, f"cannot read the manifest ({exc.strerror or exc})") from None
    if records or not blocks:
        blocks.append(pd.DataFrame.from_records(records, columns=columns))
    frame = pd.concat(blocks, ignore_index=True) if len(blocks) > 1 else blocks[0]
    if frame.empty:
        raise InputDataError(path, "manifest has no article rows")
    if story is not None:
        stories = frame["story"].unique().tolist()
        if story not in stories:
            raise InputDataError(path, f"no article of story {story!r}; stories here: {', '.join(stories)}")
        frame = frame[frame["story"] == story].reset_index(drop=True)
    return frame


#: Manifest rows held as Python objects at a time while reading (then a DataFrame block).
MANIFEST_BLOCK = 5_000


def _checked_record(row: dict, line_no: int, seen: dict[str, int], data_dir: Path, path: Path) -> tuple:
    """One manifest row, checked, as a tuple of ``MANIFEST_COLUMNS`` and ``path``."""
    if None in row:
        raise InputDataError(path, f"line {line_no}: more fields than columns")
    record = {c: (row.get(c) or "").strip() for c in MANIFEST_COLUMNS}
    for column in REQUIRED_COLUMNS:
        if not record[column]:
            raise InputDataError(path, f"line {line_no}: required field {column!r} is empty")
    for column in ("id", "story"):
        problem = name_problem(column, record[column])
        if problem:
            raise InputDataError(path, f"line {line_no}: {problem}")
    if record["id"] in seen:
        raise InputDataError(path, f"line {line_no}: duplicate id {record['id']!r} (first on line {seen[record['id']]})")
    seen[record["id"]] = line_no
    if record["published"]:
        problem = check_date(record["published"])
        if problem:
            raise InputDataError(path, f"line {line_no}: {problem}")
    return (*record.values(), str(resolve_article_path(data_dir, record["file"], path)))


def stories(data_dir=None) -> list[str]:
    """Stories in the manifest, in order of first appearance."""
    return list(dict.fromkeys(read_manifest(data_dir)["story"]))
