"""Writing outputs safely: inside the output folder, all at once, never half-written.

:func:`prepare_out_dir` checks the output folder before any work; :func:`inside`
proves a file or folder name stays inside it; :func:`replace_folder` swaps a
finished hidden folder into place with two renames, so a reader or an
interrupted run sees either the previous outputs or the new ones;
:func:`staged_folder` is the one way every output (figures, report) writes a
folder of files: into a hidden folder beside it, swapped in by :func:`replace_folder`
only when every file was written; :func:`write_file` writes one file of a folder,
checked with :func:`inside` and moved into place whole
(:func:`analysis.files.write_text_atomic`; the explorer's pages).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputDataError
from ..files import umask, write_text_atomic


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing any name that would leave ``folder`` (``..``, ``/abs``, ``a/b``)."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve() or name in ("", ".", ".."):
        raise InputDataError(None, f"refusing to write {name!r}: it would leave the output folder {folder}")
    return target


@contextmanager
def staged_folder(out: Path, name: str):
    """Yield a hidden folder in ``out`` to write ``out/<name>``'s files into; when the block ends
    without error it takes the place of ``out/<name>`` (:func:`replace_folder`), else it is removed.
    ``name`` must stay inside ``out`` (:func:`inside`)."""
    folder = inside(out, name)
    staged = Path(tempfile.mkdtemp(prefix=f".{name}.tmp-", dir=out))
    try:
        yield staged
        os.chmod(staged, 0o777 & ~umask())  # mkdtemp's folder is private; the outputs are not
        replace_folder(staged, folder)
    finally:
        if staged.exists():
            shutil.rmtree(staged, ignore_errors=True)


def write_file(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder / name`` (a name that stays inside ``folder``), whole or not at all."""
    return write_text_atomic(inside(folder, name), text)


def prepare_out_dir(out: Path) -> bool:
    """Check that ``out`` is (or can become) a writable folder; return True if it was created here."""
    if out.exists() and not out.is_dir():
        raise InputDataError(out, "the output folder is an existing file; give --out a folder")
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = tempfile.TemporaryFile(dir=out)
        probe.close()
    except OSError as exc:
        if created:
            remove_empty(out)
        raise InputDataError(out, f"cannot write to the output folder ({exc.strerror or exc})") from None
    return created


def remove_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def replace_folder(staged: Path, folder: Path) -> None:
    """Put the finished ``staged`` folder in the place of ``folder`` (two renames; the old one is deleted)."""
    for _ in range(5):  # another run may swap the same folder at the same moment: try again
        old = None
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
            try:
                os.replace(folder, old / "figures")
            except FileNotFoundError:
                old.rmdir()
                old = None
        try:
            os.replace(staged, folder)
        except OSError:
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
            continue
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return
    raise InputDataError(folder, "could not replace the figures folder (another run kept replacing it); run again")
