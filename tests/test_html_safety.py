"""Shared HTML outputs run no script from the data (issue 29).

A small study whose every field carries a script payload (headline, outlet, url, article text,
quotations, speaker names) goes through the explorer and the report.  Without a browser: the HTML
holds no markup from the data (no event attribute, no element the page does not write itself, no
``javascript:`` link), every JSON block parses back to the very strings of the data, and no
executable script mentions a payload.  In headless Chromium (skipped without one): every payload
would set ``window.__pwned``; it stays unset in every page and frame, while the pages still draw
(the explorer's charts and lists, the report's tables), also after hovering the charts (tooltips)
and choosing every filter option.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

import analysis
from analysis.config import NOTEBOOKS_DIR
from analysis.outputs import explorer, report
from conftest import write_study

FLAG = "__pwned"
IMG = f'<img src=x onerror="window.{FLAG}=1">'
SCRIPT = f"<script>window.{FLAG}=1</script>"
CLOSE = f"</script><script>window.{FLAG}=1</script>"
COMMENT = "<!--<script>"
SVG = f"<svg onload=window.{FLAG}=1>"
DOUBLE = f'"><img src=x onerror=window.{FLAG}=1>'
SINGLE = f"' onmouseover='window.{FLAG}=1' x='"
JS_URL = f"javascript:window.{FLAG}=1"
PAYLOADS = [IMG, SCRIPT, CLOSE, COMMENT, SVG, DOUBLE, SINGLE]

STORY = "storm"
# one article per outlet: notebook 01 pivots its source table by outlet (two articles of one outlet
# stop it with "Index contains duplicate entries", a separate fault of that notebook)
OUTLETS = [f"Daily {SCRIPT}", f"Weekly {SINGLE}", f"Monthly {DOUBLE}"]


def _article(name: str) -> str:
    return "\n\n".join([
        f"{name} {SCRIPT} hits the coast",
        f"The storm {COMMENT} hit the coast on Tuesday \u2028 and the harbour {IMG} closed.",
        f"Officials said the storm was strong {CLOSE} today, and the {SVG} roads were shut.",
        f"\u201cThe rain {IMG} will stop by Friday,\u201d said Jane Roe{SVG}, the mayor of the town.",
        f"\u201cWe are {DOUBLE} ready {SINGLE} for the storm,\u201d Jim O'Brien\"{SCRIPT} said.",
        f"\u201cNobody expected it,\u201d said Ann {COMMENT}Lee.",
        f"The storm moved north {COMMENT} on Wednesday, and {JS_URL} the coast was calm.",
    ])


@pytest.fixture(scope="module")
def study(tmp_path_factory) -> Path:
    rows = [{"id": "a1", "story": STORY, "outlet": OUTLETS[0], "headline": IMG, "url": JS_URL, "file": "raw/a1.txt",
             "notes": SCRIPT},
            {"id": "a2", "story": STORY, "outlet": OUTLETS[2], "headline": COMMENT, "url": JS_URL,
             "file": "raw/a2.txt"},
            {"id": "b1", "story": STORY, "outlet": OUTLETS[1], "headline": CLOSE, "url": f" {JS_URL}",
             "file": "raw/b1.txt", "notes": DOUBLE}]
    articles = {"a1.txt": _article("Storm"), "a2.txt": _article("Gale"), "b1.txt": _article("Rain")}
    return write_study(tmp_path_factory.mktemp("payload-study"), articles, rows)


@pytest.fixture(scope="module")
def explorer_pages(study, tmp_path_factory) -> list[Path]:
    return explorer.write_explorers(data_dir=study, out_dir=tmp_path_factory.mktemp("explorer-out"))


@pytest.fixture(scope="module")
def report_pages(study, tmp_path_factory) -> list[Path]:
    """The report of the payload story: the notebooks that show articles, sentences, quotes, headlines
    and the term explorer in a cell (00, 01, 04)."""
    wanted = [p for p in report.notebook_paths() if p.name[:2] in ("00", "01", "04")]
    original = report.notebook_paths
    report.notebook_paths = lambda: wanted
    try:
        return report.render_notebooks(data_dir=study, story=STORY, out_dir=tmp_path_factory.mktemp("report-out"))
    finally:
        report.notebook_paths = original


class _Markup(HTMLParser):
    """Every element, attribute and script of a page, and of the pages inside its iframes' srcdoc."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.frames: list[str] = []
        self.texts: list[str] = []
        self._script: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script, self._text = attributes, []
        if tag == "iframe" and "srcdoc" in attributes:
            self.frames.append(attributes["srcdoc"])

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)
        else:
            self.texts.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None


def markup_problems(page: str, where: str = "page") -> list[str]:
    """What in ``page`` (and its srcdoc frames) came from the data as markup, or could run."""
    parser = _Markup()
    parser.feed(page)
    parser.close()
    problems = []
    for tag, attributes in parser.tags:
        figure = tag == "img" and (attributes.get("src") or "").startswith("data:image/png;base64,") and \
            set(attributes) <= {"src", "alt", "class", "width", "height"}  # a notebook's drawn figure
        if tag in ("img", "svg", "object", "embed", "base") and not figure:
            problems.append(f"{where}: <{tag}> element {attributes}")
        for name, value in attributes.items():
            if name.startswith("on") or name in ("x", "autofocus"):
                problems.append(f"{where}: <{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                problems.append(f"{where}: <{tag} {name}={value!r}>")
    for attributes, text in parser.scripts:
        if attributes.get("type") == "application/json":
            if "<" in text:
                problems.append(f"{where}: a raw '<' in JSON script {attributes.get('id')}")
            json.loads(text)  # still JSON
        elif attributes.get("type") in (None, "", "text/javascript", "module") and FLAG in text:
            problems.append(f"{where}: executable script mentions the payload")
    for k, frame in enumerate(parser.frames):
        problems += markup_problems(frame, f"{where} > iframe {k}")
    return problems


def _json_blocks(page: str) -> dict[str, object]:
    parser = _Markup()
    parser.feed(page)
    return {a["id"]: json.loads(t) for a, t in parser.scripts if a.get("type") == "application/json"}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# ---------------------------------------------------------------- without a browser

def test_the_study_carries_every_payload_into_the_analysis(study):
    corpus = analysis.load_corpus(study)
    text = " ".join(corpus.sentences["text"]) + " ".join(corpus.quotes["text"])
    for payload in (IMG, CLOSE, COMMENT, SVG, SINGLE, JS_URL):
        assert payload in text
    assert set(corpus.articles["outlet"]) == set(OUTLETS) and IMG in set(corpus.articles["headline"])


def test_explorer_html_holds_no_markup_from_the_data(explorer_pages):
    assert sorted(p.name for p in explorer_pages) == ["all-stories.html", f"{STORY}.html"]
    for path in explorer_pages:
        page = path.read_text(encoding="utf-8")
        assert markup_problems(page, path.name) == []
        parser = _Markup()
        parser.feed(page)
        assert [a.get("type", "") for a, _ in parser.scripts] == ["", "application/json", "application/json", ""]
        # the text is escaped, not lost: the very payload strings are in the page's data and tables
        blocks = _json_blocks(page)
        strings = " ".join(_strings(blocks["explorer-data"]))
        for payload in (IMG, CLOSE, COMMENT, SVG, SCRIPT, SINGLE):
            assert payload in strings, payload
        assert "Daily &lt;script&gt;" in page  # the outlet in the sample-size table, as text


def test_explorer_states_a_content_security_policy_that_allows_only_its_own_scripts(explorer_pages):
    import base64
    import hashlib

    page = explorer_pages[0].read_text(encoding="utf-8")
    parser = _Markup()
    parser.feed(page)
    [policy] = [a["content"] for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))
    assert rules["default-src"] == "'none'" and rules["connect-src"] == "'none'"
    executable = [text for a, text in parser.scripts if not a.get("type")]
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(t.encode("utf-8")).digest()).decode() + "'"
              for t in executable}
    allowed = set(rules["script-src"].split())
    assert hashes <= allowed and "'unsafe-inline'" not in allowed
    assert allowed - hashes == {"'unsafe-eval'"}


def test_report_html_holds_no_markup_from_the_data(report_pages):
    assert [p.name for p in report_pages] == ["00-overview.html", "01-articles-and-cleaning.html", "04-wording.html"]
    for path in report_pages:
        page = path.read_text(encoding="utf-8")
        assert markup_problems(page, path.name) == []
    parser = _Markup()
    parser.feed(report_pages[1].read_text(encoding="utf-8"))
    shown = "\n".join(parser.texts)  # what a reader sees: the very strings of the data, as text
    for payload in (IMG, JS_URL, CLOSE, COMMENT, OUTLETS[0], OUTLETS[1]):
        assert payload in shown, payload


# ---------------------------------------------------------------- in a browser

def _unset_everywhere(page) -> list[str]:
    return [frame.url for frame in page.frames if frame.evaluate(f"typeof window.{FLAG}") != "undefined"]


def test_no_payload_runs_in_the_explorer(explorer_pages):
    from browser import open_page

    for path in explorer_pages:
        with open_page() as (page, errors):
            page.goto(path.as_uri())
            page.wait_for_function("window.explorerViews && Object.keys(window.explorerViews).length == 2",
                                   timeout=60_000, polling=50)
            assert "sentences match" in page.locator("#sentence-browser").inner_text()
            assert page.locator("#term-explorer svg path").count() > 0
            # tooltips: hover across both charts; every option of every filter chosen in turn
            for view in ("#term-explorer", "#sentence-browser"):
                box = page.locator(f"{view} svg").first.bounding_box()
                for i in range(0, 40):
                    page.mouse.move(box["x"] + 30 + i * 14, box["y"] + 60 + (i % 8) * 40)
            selects = page.locator("select")
            for k in range(selects.count()):
                select = selects.nth(k)
                values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
                for value in values[1:] + values[:1]:  # back to the first, "(all)", at the end
                    select.select_option(value=value)
            page.locator("#term-explorer").click(position={"x": 300, "y": 200})
            page.wait_for_timeout(300)
            drawn = page.locator("#sentence-browser").inner_text()
            assert _unset_everywhere(page) == []
            assert errors == [], errors
            assert "sentences match" in drawn


def test_no_payload_runs_in_the_report(report_pages):
    from browser import open_page

    for path in report_pages:
        with open_page() as (page, errors):
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            assert page.locator("table").count() > 0  # the tables are there
            for frame in page.frames[1:]:  # the term explorer in a cell: an iframe with its own page
                frame.wait_for_function("window.explorerViews && Object.keys(window.explorerViews).length == 1",
                                        timeout=60_000, polling=50)
            cells = page.locator("td")
            for k in range(min(cells.count(), 60)):
                cells.nth(k).hover()
            page.wait_for_timeout(300)
            assert _unset_everywhere(page) == []
            # nbconvert's page asks for MathJax from a CDN (blocked here); nothing else may fail
            assert [e for e in errors if "net::ERR_FAILED" not in e] == [], errors
