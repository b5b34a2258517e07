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


class ArticleAnalysisError(Exception):
    """An article that could not be analysed, raised in strict mode (:func:`analysis.config.strict_mode`)
    instead of recording the failure in the article's ``problems`` and going on.

    Attributes: ``path`` (the article's raw file, or None), ``article_id`` and ``problem``
    (:func:`analysis_failure` of the original exception, which is chained as ``__cause__``).
    """

    def __init__(self, path: str | Path | None, article_id: str, problem: str):
        self.path = None if path is None else Path(path)
        self.article_id = article_id
        self.problem = problem
        where = f"{self.path}: " if self.path is not None else ""
        super().__init__(f"{where}article {article_id}: {problem} (strict mode)")

    def __reduce__(self):  # whole across worker processes, as InputDataError
        return type(self), (self.path, self.article_id, self.problem)


#: How an analysis failure begins in an article's ``problems``.
ANALYSIS_FAILED = "analysis failed: "


def analysis_failure(error: BaseException) -> str:
    """``analysis failed: <ErrorType: message> in <module.function>``: what went wrong and where,
    the place being the innermost frame of this package (else the innermost frame)."""
    innermost = ours = ""
    tb = error.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "?")
        innermost = f"{module}.{tb.tb_frame.f_code.co_name}"
        if module == "analysis" or module.startswith("analysis."):
            ours = innermost
        tb = tb.tb_next
    where = ours or innermost
    message = " ".join(str(error).split())
    if len(message) > 200:
        message = message[:197] + "..."
    text = f"{ANALYSIS_FAILED}{type(error).__name__}" + (f": {message}" if message else "")
    return text + (f" in {where}" if where else "")
