"""What a CLI run said on stderr, without its progress reports.

Long commands always report progress on stderr (``analysis.progress``: a tqdm bar on a
terminal, plain lines such as ``metrics: 6/6 articles (100%), done in 0 s`` otherwise;
tqdm's bar wherever a function still draws one itself), so a test of "the one-line
error" looks at the other lines.
"""
from __future__ import annotations

import re

_PROGRESS = re.compile(r"\s*\d+%\|.*\|.*"                                # a tqdm bar, one redraw per \r
                       r"|[\w .-]+: [\d,]+(/[\d,]+)? \S+( \(\d+%\))?, (elapsed|done in|stopped after) \d+ s")


def messages(err: str) -> list[str]:
    """The non-empty lines of ``err`` that are not progress reports (a ``\\r`` redraw counts as a line)."""
    return [line for line in err.splitlines() if line.strip() and not _PROGRESS.fullmatch(line)]
