"""The explorer in a real browser: headless Chromium from the operating system, driven by Playwright,
with every request that is not the page's own file blocked.

Install the browser with ``apt-get install -y chromium-headless-shell`` (Debian/Ubuntu) and
Playwright with ``pip install -e ".[browser]"``; without them these tests skip.  Screenshots are
kept in ``tests/artifacts/`` (ignored by git).
"""
from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

import analysis
from analysis.outputs import explorer
from conftest import SEED_DATA, seed_plus
from explorer_study import big_study_page

ARTIFACTS = Path(__file__).parent / "artifacts"
CANDIDATES = ["chromium-headless-shell", "/usr/lib/chromium/chromium-headless-shell",
              "/usr/lib/chromium/chrome-headless-shell", "chromium", "/usr/lib/chromium/chromium",
              "chromium-browser", "google-chrome"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps"]
SEED_STORY = "bondarev-resignation"


def find_browser() -> str | None:
    """The system Chromium: $EXPLORER_BROWSER, else the first of ``CANDIDATES`` found."""
    if os.environ.get("EXPLORER_BROWSER"):
        return os.environ["EXPLORER_BROWSER"]
    for name in CANDIDATES:
        path = shutil.which(name) if "/" not in name else (name if os.access(name, os.X_OK) else None)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright is not installed: pip install -e '.[browser]'")
    executable = find_browser()
    if executable is None:
        pytest.skip("no Chromium installed: apt-get install -y chromium-headless-shell "
                    "(or set EXPLORER_BROWSER to a Chromium binary)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


class Page:
    """One page of the browser with every non-file request blocked and every console error kept."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        start = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.explorerViews && Object.keys(window.explorerViews).length == 2",
                                    timeout=30_000, polling=50)
        self.open_seconds = time.perf_counter() - start

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def items(self, view: str, mark: str) -> list[dict]:
        """The data behind every drawn item of the marks whose name matches ``mark``."""
        return self.page.evaluate("""([view, mark]) => {
          const out = [], re = new RegExp(mark);
          const walk = node => { if (!node) return;
            if (node.marktype && re.test(node.name || '')) { node.items.forEach(i => out.push(i.datum)); return; }
            (node.items || []).forEach(walk); };
          walk(window.explorerViews[view].scenegraph().root);
          return out; }""", [view, mark])


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("explorer")
    [path] = explorer.write_explorers(data_dir=SEED_DATA, story=SEED_STORY, out_dir=out)
    return path


def word_pattern(term: str) -> re.Pattern:
    # the term as a whole word: not inside a longer word, nor followed by a possessive ('s is another term)
    return re.compile(rf"(?<![\w'’]){re.escape(term)}(?![\w]|['’]\w)", re.IGNORECASE)


def expected_sentences(corpus, term: str) -> dict[str, list[str]]:
    """Per outlet, the body sentences containing ``term``, found with a regular expression on their text."""
    found: dict[str, list[str]] = {}
    pattern = word_pattern(term)
    for s in corpus.sentences.itertuples(index=False):
        for _ in pattern.finditer(s.text):
            found.setdefault(s.outlet, []).append(s.text)
    return found


def test_clicking_a_term_lists_exactly_its_sentences_per_outlet(browser, seed_page):
    corpus = analysis.load_corpus(SEED_DATA, SEED_STORY)
    page = Page(browser, seed_page)
    points = page.items("term-explorer", "^terms_marks$")
    assert len(points) == corpus.articles["outlet"].nunique() * len({p["term"] for p in points})
    # a term both outlets use, whose point no other point covers (a real mouse click must hit it)
    both = {p["term"] for p in points if p["count"] >= 2 and p["count_rest"] >= 2}
    clickable = page.page.evaluate("""(terms) => {
      const out = [];
      const walk = node => { if (!node) return;
        if (node.marktype === 'symbol' && node.name === 'terms_marks') {
          node.items.forEach((it, i) => { if (terms.includes(it.datum.term) && node.items.every((o, j) =>
            j === i || Math.hypot(o.x - it.x, o.y - it.y) > 9)) out.push([i, it.datum.term]); });
          return; }
        (node.items || []).forEach(walk); };
      walk(window.explorerViews['term-explorer'].scenegraph().root);
      return out; }""", sorted(both))
    assert clickable, "no term used by both outlets has a point that can be clicked"
    index, term = clickable[0]
    page.page.locator("#term-explorer g.terms_marks path").nth(index).click()
    page.page.wait_for_timeout(300)

    shown = page.items("term-explorer", r"^kwic_match(_\d+)?_marks$")
    by_outlet: dict[str, list[str]] = {}
    for line in shown:
        by_outlet.setdefault(line["outlet"], []).append(line["text"])
        assert line["match"].lower() == term
    assert by_outlet == expected_sentences(corpus, term)
    # every line also carries the sentence's voice and speaker as the corpus has them
    truth = corpus.sentences.set_index("sentence_id")
    for line in shown:
        assert (line["voice"], line["speaker"]) == (truth.loc[line["sentence_id"], "voice"],
                                                    truth.loc[line["sentence_id"], "speaker"] or "")
    # independently of the sentence table: every use of the word in the raw files is either one of
    # these lines or in a headline / caption / promo that the analysis sets aside
    pattern = word_pattern(term)
    raw_uses = sum(len(pattern.findall((SEED_DATA / f).read_text(encoding="utf-8")))
                   for f in corpus.articles["file"])
    set_aside = corpus.paragraphs[corpus.paragraphs["role"] != "body"]["text"]
    assert raw_uses == len(shown) + sum(len(pattern.findall(t)) for t in set_aside)
    # what is drawn is the word itself, in bold, once per line
    drawn = page.page.locator("#term-explorer g[class*='kwic_match'] text").all_text_contents()
    assert [t.lower() for t in drawn] == [term] * len(shown)
    # the drop-down follows the click (and choosing there does the same)
    assert page.page.locator("#term-explorer select").first.input_value() == term

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "explorer-seed-term.png"
    page.page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert page.errors == [] and page.blocked == []


def test_choosing_a_term_with_the_keyboard(browser, seed_page):
    corpus = analysis.load_corpus(SEED_DATA, SEED_STORY)
    page = Page(browser, seed_page)
    select = page.page.locator("#term-explorer select").first
    for _ in range(40):  # Tab from the top of the page reaches the term list
        page.page.keyboard.press("Tab")
        if select.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("the term list cannot be reached with the Tab key")
    select.select_option("war")
    page.page.wait_for_timeout(300)
    shown = page.items("term-explorer", r"^kwic_match(_\d+)?_marks$")
    by_outlet: dict[str, list[str]] = {}
    for line in shown:
        by_outlet.setdefault(line["outlet"], []).append(line["text"])
    assert by_outlet == expected_sentences(corpus, "war")
    assert page.errors == []


def test_sentence_browser_filters(browser, seed_page):
    corpus = analysis.load_corpus(SEED_DATA, SEED_STORY)
    page = Page(browser, seed_page)
    outlet = corpus.articles["outlet"].iloc[1]
    page.page.locator("#sentence-browser select").nth(0).select_option(outlet)
    page.page.locator("#sentence-browser select").nth(1).select_option("quotation")
    page.page.wait_for_timeout(300)
    points = page.items("sentence-browser", "^sentence_points_marks$")
    headers = page.items("sentence-browser", r"^sentence_headers(_\d+)?_marks$")
    want = corpus.sentences[(corpus.sentences["outlet"] == outlet) & (corpus.sentences["voice"] == "quotation")]
    assert 0 < len(want) < len(corpus.sentences)
    assert sorted(p["sentence_id"] for p in points) == sorted(want["sentence_id"])
    assert [h["sentence_id"] for h in headers] == want["sentence_id"].tolist()  # listed in article order
    drawn = page.page.locator("#sentence-browser").inner_text()
    assert f"{len(want)} sentences match" in drawn
    for text in want["text"]:  # each sentence's opening words are drawn (the rest wraps onto more lines)
        assert " ".join(text.split()[:3]) in drawn
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "explorer-seed-sentences.png"), full_page=True)
    assert page.errors == []


def test_charts_have_text_alternatives(browser, seed_page):
    page = Page(browser, seed_page)
    for view in ("term-explorer", "sentence-browser"):
        svg = page.page.locator(f"#{view} svg").first
        assert len(svg.get_attribute("aria-label") or "") > 40
        assert page.page.locator(f"#{view}").get_attribute("aria-describedby")


def test_thousand_article_page_opens_without_errors(browser, tmp_path_factory):
    # how fast it opens is printed, not asserted: no test asserts a wall-clock time (a busy
    # machine would fail it); the page must open, with its views drawn, within Page's hang guard
    path = big_study_page(tmp_path_factory)
    page = Page(browser, path)
    print(f"1,000-article explorer opened in {page.open_seconds:.2f} s")
    assert page.errors == [] and page.blocked == []


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def notebooks_with_views() -> list[Path]:
    from analysis.outputs import report
    return [p for p in report.notebook_paths() if "notebook_view(" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", notebooks_with_views(), ids=lambda p: p.stem)
def test_notebook_view_renders_in_jupyterlab_offline(browser, tmp_path, path):
    """Execute the notebook, sign it as trusted, open it in a local JupyterLab with every request
    that does not go to that server blocked, and use the term explorer inside the output."""
    import subprocess
    import sys
    import urllib.request

    import nbformat
    from nbformat.sign import NotebookNotary

    from analysis.outputs import report

    lab = Path(sys.executable).with_name("jupyter-lab")
    if not lab.exists():
        pytest.skip("JupyterLab is not installed: pip install -e '.[lab]'")
    executed = report.execute_notebook(path, SEED_STORY, SEED_DATA)
    home = tmp_path / "lab"
    for sub in ("data", "config", "runtime", "root"):
        (home / sub).mkdir(parents=True)
    NotebookNotary(data_dir=str(home / "data")).sign(executed)  # outputs of a trusted notebook may run scripts
    nbformat.write(executed, home / "root" / path.name)
    port, token = _free_port(), "explorer-test"
    env = {**os.environ, "JUPYTER_DATA_DIR": str(home / "data"), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    server = subprocess.Popen(
        [str(lab), "--no-browser", f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={home / 'root'}", "--LabApp.news_url=", "--ServerApp.disable_check_xsrf=True",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly",
         "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=(home / "server.log").open("wb"))
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            if server.poll() is not None:
                break
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start: " + (home / "server.log").read_text(errors="replace")[-2000:])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        blocked, frame_errors = [], []
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith((base, "data:", "blob:", "about:"))
                   else (blocked.append(r.request.url), r.abort()))
        page.on("console", lambda m: frame_errors.append(m.text)
                if m.type == "error" and "srcdoc" in (m.location or {}).get("url", "") else None)
        page.goto(f"{base}/lab/tree/{path.name}?token={token}")
        iframe = page.locator('iframe[title="Term explorer"]')
        iframe.wait_for(state="attached", timeout=60_000)
        iframe.scroll_into_view_if_needed()
        frame = iframe.element_handle().content_frame()
        frame.wait_for_function("window.explorerViews && Object.keys(window.explorerViews).length == 1",
                                timeout=30_000)
        frame.locator("select").first.select_option("war")
        frame.wait_for_timeout(300)
        shown = frame.evaluate("""() => { const out = [];
          const walk = node => { if (!node) return;
            if (node.marktype && /^kwic_match(_\\d+)?_marks$/.test(node.name || '')) { node.items.forEach(i => out.push(i.datum)); return; }
            (node.items || []).forEach(walk); };
          walk(window.explorerViews['term-explorer'].scenegraph().root); return out; }""")
        by_outlet: dict[str, list[str]] = {}
        for line in shown:
            by_outlet.setdefault(line["outlet"], []).append(line["text"])
        assert by_outlet == expected_sentences(analysis.load_corpus(SEED_DATA, SEED_STORY), "war")
        ARTIFACTS.mkdir(exist_ok=True)
        iframe.screenshot(path=str(ARTIFACTS / f"jupyterlab-{path.stem}.png"))
        assert frame_errors == []
        print(f"requests blocked while JupyterLab ran (none reached the network): {sorted(set(blocked))}")
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_whole_folder_page_switches_story(browser, tmp_path):
    data = seed_plus(tmp_path / "data", {
        "s1.txt": "Storm hits coast\n\nThe storm hit the coast. Officials said the war on floods goes on.",
        "s2.txt": "Calm after storm\n\nA storm passed. \u201cThe storm is over,\u201d the mayor said."},
        [{"id": "s1", "story": "storm", "outlet": "Daily One", "file": "raw/s1.txt"},
         {"id": "s2", "story": "storm", "outlet": "Weekly Two", "file": "raw/s2.txt"}])
    [path] = explorer.write_explorers(data_dir=data, whole=True, out_dir=tmp_path / "out")
    page = Page(browser, path)
    selects = page.page.locator("#term-explorer select")
    story_select = selects.nth(1) if selects.nth(1).locator("option[value='storm']").count() else selects.nth(0)
    story_select.select_option("storm")
    page.page.locator("#term-explorer select").first.select_option("war")
    page.page.wait_for_timeout(300)
    shown = page.items("term-explorer", r"^kwic_match(_\d+)?_marks$")
    # "war" is a term of both stories: only the chosen story's sentence is listed
    assert [(s["outlet"], s["text"]) for s in shown] == [("Daily One", "Officials said the war on floods goes on.")]
    points = page.items("term-explorer", "^terms_marks$")
    assert {p["story"] for p in points} == {"storm"}
    assert page.errors == [] and page.blocked == []
