"""Shared fixtures.  Every test runs with outbound network blocked (loopback stays
open for notebook kernels), so nothing can download a resource silently."""
from __future__ import annotations

import csv
import os
import shutil
import socket
from pathlib import Path

import pytest

import analysis
from analysis.config import PROJECT_ROOT, STRICT_ENV
from analysis.text.resources import install_offline_textstat

# Tests that call textstat itself as the reference count syllables with the package's offline
# CMU dictionary, as the package does (it installs it on first use, not at import).
install_offline_textstat()

# The suite runs strict: an article the analysis cannot handle fails the test that meets it
# (with the article and the error) instead of being left out quietly.  Set before any test,
# so subprocesses and worker processes inherit it; tests of the lenient mode unset it.
os.environ[STRICT_ENV] = "1"

# No study-pass cache (analysis.measures.study_cache) unless a test turns it on: a test that
# plants a failure with monkeypatch, or counts analyses, needs the articles analysed; and the
# suite never writes into the user's ~/.cache.  tests/test_study_cache.py turns it on in tmp_path.
os.environ["ANALYSIS_CACHE_DIR"] = "off"

#: The seed study as the tests' own fixture (a byte-identical copy of the project's data/ at the
#: time it was made), so a user who adds stories to data/ still gets a green suite.
SEED_DATA = Path(__file__).resolve().parent / "fixtures" / "seed-study"
#: The user's data folder: only the committed-figures check reads it (figures/ is built from it).
USER_DATA = PROJECT_ROOT / "data"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _guard(original):
    def connect(self, address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) else address
        if self.family == socket.AF_UNIX or host in LOOPBACK:
            return original(self, address, *args, **kwargs)
        raise RuntimeError(f"network access attempted during tests: {address!r}")
    return connect


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _guard(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", _guard(socket.socket.connect_ex))


@pytest.fixture(scope="session")
def seed_corpus():
    return analysis.load_corpus(SEED_DATA)


MANIFEST_FIELDS = ["id", "story", "outlet", "headline", "published", "url", "file", "sha256", "notes"]


def write_study(folder: Path, articles: dict[str, bytes | str], rows: list[dict] | None = None) -> Path:
    """Make a data folder with raw files and a manifest; return the folder."""
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    for name, content in articles.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / "raw" / name).write_bytes(data)
    if rows is None:
        rows = [{"id": Path(n).stem, "story": "s", "outlet": f"Outlet {i}", "file": f"raw/{n}"}
                for i, n in enumerate(articles)]
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in MANIFEST_FIELDS})
    return folder


def seed_plus(folder: Path, articles: dict[str, str], rows: list[dict]) -> Path:
    """A copy of the seed study in ``folder`` with more raw files and manifest rows; return it."""
    shutil.copytree(SEED_DATA, folder)
    for name, text in articles.items():
        (folder / "raw" / name).write_text(text, encoding="utf-8")
    with (folder / "manifest.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_FIELDS, lineterminator="\n")
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in MANIFEST_FIELDS})
    return folder


def sentences_of(*paragraphs: str):
    """``Sentence`` records of body paragraphs given as strings (ids ``p0``, ``p1``, ...; article ``t``)."""
    from analysis.text.quotes import find_quote_spans
    from analysis.text.sentences import sentence_records

    body, offset = [], 0
    for k, text in enumerate(paragraphs):
        body.append((f"p{k}", offset, text))
        offset += len(text) + 1
    spans, _ = find_quote_spans(list(paragraphs))
    return sentence_records("t", body, spans)


def sources_of(*paragraphs: str) -> list[str]:
    """The canonical source of every body sentence of an article made of ``paragraphs`` (the first
    line of the text is a headline)."""
    from analysis.text.article import analyse_text

    return [s.source for s in analyse_text("t", "Headline\n\n" + "\n\n".join(paragraphs)).sentences]


def voices(*paragraphs: str) -> list[tuple[str, str]]:
    """(voice, speaker) of each body sentence of an article made of ``paragraphs`` (after an
    invented headline)."""
    from analysis.text.article import analyse_text

    article = analyse_text("t", "\n\n".join(("Invented headline for a test",) + paragraphs))
    return [(s.voice, s.speaker) for s in article.sentences]


def speaker(sentence: str) -> str | None:
    """The speaker :func:`~analysis.text.attribution.find_attribution` reads in one sentence, or None."""
    from analysis.text.attribution import find_attribution

    found = find_attribution(sentence)
    return found.speaker if found else None


def said(speaker: str, kind: str, hint: str = ""):
    """An ``Attribution`` of ``speaker`` by "say" in subject position (invented resolution tests)."""
    from analysis.text.attribution import Attribution

    return Attribution(speaker, kind, hint, "say", "subject")


def resolve(*sentences):
    """The (source, kind) of each sentence of an invented article: (text, Attribution or None) pairs."""
    from analysis.text.sources import resolve_sources

    texts = [text for text, _ in sentences]
    attributions = [attribution for _, attribution in sentences]
    return [(r.source, r.source_kind) for r in resolve_sources(texts, attributions, [None] * len(texts))]
