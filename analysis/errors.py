"""The one error type users see for bad input."""
from __future__ import annotations

from pathlib import Path


class InputDataError(ValueError):
    """Bad input data, with the file and the problem named in the message.

    Attributes: ``path`` (the file at fault, or None) and ``problem`` (plain words).
    """

    def __init__(self, path: str | Path | None, problem: str):
        self.path = None if path is None else Path(path)
        self.problem = problem
        where = f"{self.path}: " if self.path is not None else ""
        super().__init__(f"{where}{problem}")

    def __reduce__(self):
        # rebuilt from both arguments: an error raised in a worker process reaches the
        # parent whole (the default would call the class with the message alone, and
        # the pool would report a broken process instead of the file and the problem)
        return type(self), (self.path, self.problem)
