"""Settings of a study, kept beside its data, never in code.

A setting is a file looked up by name, most specific first:

1. ``<data_dir>/stories/<story>/<name>``  - for one story only;
2. ``<data_dir>/<name>``                   - the data folder's default;
3. none: the caller uses its documented generic default.

Known names: ``framing.csv`` (framing dictionary), ``cleaning.csv`` (extra
page-furniture rules), ``roles.csv`` (per-line role overrides), ``outlets.csv``
(outlet order).  Analysing a second story therefore never changes the first
story's settings.

A name that exists but is not a regular file (a folder, a FIFO, a device, a broken
symbolic link) is an error naming it, never a silent fall-back to the generic default:
the researcher meant something by putting it there.  A symbolic link to a regular file
is followed (a study may share one dictionary between stories).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..config import resolve_data_dir
from ..errors import InputDataError
from .manifest import name_problem

STORIES_FOLDER = "stories"


def setting_paths(name: str, data_dir=None, story: str | None = None) -> list[Path]:
    """Where setting ``name`` is looked for, most specific first."""
    root = resolve_data_dir(data_dir)
    paths = []
    if story and name_problem("story", story) is None:  # the manifest's own rule for a safe story name
        paths.append(root / STORIES_FOLDER / story / name)
    paths.append(root / name)
    return paths


def find_setting(name: str, data_dir=None, story: str | None = None) -> Path | None:
    """The file that holds setting ``name`` for ``story`` (see the module docstring), or None."""
    for path in setting_paths(name, data_dir, story):
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            if os.path.islink(path):
                raise InputDataError(path, f"setting {name} is a broken symbolic link") from None
            continue
        except OSError as exc:
            raise InputDataError(path, f"setting {name} cannot be read ({exc.strerror or exc})") from None
        if not stat.S_ISREG(mode):
            raise InputDataError(path, f"setting {name} is {_kind_of(mode)}, not a regular file; "
                                       "put the setting's CSV file there, or remove it to use the default")
        return path
    return None


def _kind_of(mode: int) -> str:
    for test, words in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                        (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                        (stat.S_ISBLK, "a block device")):
        if test(mode):
            return words
    return "not a regular file"
