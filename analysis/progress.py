"""Progress on stderr for long commands: a bar on a terminal, plain lines otherwise.

A bar redrawn with carriage returns is unreadable in a log file or a CI console, and a
long command with no output at all looks hung.  :func:`progress` therefore draws a
``tqdm`` bar when stderr is a terminal and, when it is not, prints one line such as
``figures: 120/899 stories (13%), 41 s`` at each further tenth of the work or after
``every`` seconds, whichever comes first, and one closing line.  Nothing is printed when
``enabled`` is false, so library calls stay silent unless asked.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO

#: Seconds between two progress lines when stderr is not a terminal (at most; a tenth of the work also prints one).
LINE_EVERY = 30.0


class Progress:
    """Counts units of work and reports them; use as a context manager or iterate with :func:`progress`."""

    __slots__ = ("desc", "unit", "total", "done", "_bar", "_file", "_every", "_start", "_last_time", "_last_tenth")

    def __init__(self, total: int | None, *, desc: str, unit: str, enabled: bool = True,
                 file: TextIO | None = None, every: float = LINE_EVERY) -> None:
        self.desc, self.unit, self.total, self.done = desc, unit, total, 0
        self._file = file if file is not None else sys.stderr
        self._every = every
        self._start = self._last_time = time.monotonic()
        self._last_tenth = 0
        self._bar = None
        if not enabled:
            self._file = None
        elif _is_terminal(self._file):
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=desc, unit=unit.rstrip("s") or unit, file=self._file,
                             mininterval=1.0, leave=False)
            self._file = None

    def update(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
        elif self._file is not None:
            now = time.monotonic()
            tenth = 10 * self.done // self.total if self.total else 0
            if tenth > self._last_tenth or now - self._last_time >= self._every:
                self._last_tenth, self._last_time = tenth, now
                if not (self.total and self.done >= self.total):  # the closing line says it
                    self._line(now)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self._file is not None:
            self._line(time.monotonic(), closing=True)
            self._file = None

    def _line(self, now: float, closing: bool = False) -> None:
        count = f"{self.done:,}/{self.total:,}" if self.total else f"{self.done:,}"
        share = f" ({100 * self.done // self.total}%)" if self.total else ""
        state = "elapsed"
        if closing:
            state = "stopped after" if self.total and self.done < self.total else "done in"
        print(f"{self.desc}: {count} {self.unit}{share}, {state} {now - self._start:.0f} s",
              file=self._file, flush=True)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def progress(items: Iterable, *, desc: str, unit: str, total: int | None = None, enabled: bool = True,
             file: TextIO | None = None) -> Iterator:
    """Yield ``items`` while reporting progress on stderr (see the module docstring)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)
    with Progress(total, desc=desc, unit=unit, enabled=enabled, file=file) as bar:
        for item in items:
            yield item
            bar.update()


def _is_terminal(file) -> bool:
    try:
        return file.isatty()
    except (AttributeError, ValueError):
        return False
