"""Headless Chromium from the operating system, driven by Playwright, for tests that need a browser.

Install once (Debian): ``apt-get install -y chromium-headless-shell``; Playwright
comes with the test extra.  Tests that need it skip with a clear message where
either is missing.  The browser never reaches the network: every request that
is not to this machine is aborted.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

#: How long a JupyterLab page may take to show a notebook and its tables, in milliseconds: an
#: upper bound for a hang, not a time limit (a busy machine, with other work on both cores, has
#: taken over a minute)
LAB_WAIT_MS = 300_000
CANDIDATES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        # no network beyond this machine: names do not resolve and any other request meets a dead proxy
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        "--proxy-server=http://127.0.0.1:9"]


def browser_path() -> str | None:
    explicit = os.environ.get("ANALYSIS_BROWSER")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_browser():
    """Skip the calling test unless Playwright and a system Chromium are installed."""
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
    path = browser_path()
    if path is None:
        pytest.skip("no system Chromium: install it with `apt-get install -y chromium-headless-shell`")
    return path


def _local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "http://localhost", "file:", "data:", "blob:", "about:"))


@contextmanager
def open_page(width: int = 1366, height: int = 900, intercept: bool = True):
    """A Playwright page in the system Chromium, with every non-local request aborted.

    Yields ``(page, errors)``: ``errors`` collects console errors and page
    exceptions.  ``intercept=False`` leaves requests to the browser's own
    blocking (flags above): Playwright's interception stalls websockets, which a
    JupyterLab kernel needs."""
    path = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            if intercept:
                page.route(lambda url: not _local(url), lambda route: route.abort())
            yield page, errors
        finally:
            browser.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def jupyter_lab(root: Path, env: dict[str, str], token: str = "test-token"):
    """A JupyterLab server on localhost serving ``root``; yields its base URL (token in the query)."""
    jupyter = Path(sys.executable).with_name("jupyter")
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (pip install -e '.[test]')")
    port = free_port()
    runtime = root / ".jupyter-runtime"
    full_env = {**os.environ, **env, "JUPYTER_RUNTIME_DIR": str(runtime), "JUPYTER_CONFIG_DIR": str(root / ".jupyter-config")}
    log = (root / ".jupyter-server.log").open("w")
    server = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--allow-root", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--LabApp.news_url=",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=full_env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start: see {root / '.jupyter-server.log'}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", token
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
