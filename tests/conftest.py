"""Shared pytest fixtures. Add yours below; keep the others."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


# -- Frog (graph.nlp.frog) -----------------------------------------------------------------------

@pytest.fixture(scope="session")
def frog():
    """One real Frog server for the whole session (~10 s, 1.8 GB). Use with @pytest.mark.frog."""
    from graph.nlp.frog import Frog

    if shutil.which("frog") is None:
        pytest.skip("Frog is not installed: sudo apt-get install frog frogdata")
    with Frog() as server:
        yield server


@pytest.fixture(scope="session")
def recorded_frog():
    """Frog replies recorded in tests/fixtures/frog (see scripts/record_frog.py); no Frog needed."""
    from graph.nlp.frog import RecordedFrog

    return RecordedFrog(FIXTURES / "frog")


# -- headless Chromium (tests/test_browser.py) ---------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
# Playwright must never download a browser: Debian's Chromium, with no background traffic.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session, driven by Playwright's sync API."""
    import os

    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed: apt-get install chromium")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """What a page did: requests to hosts (aborted), console errors, page errors, dialogs."""

    def __init__(self):
        self.blocked, self.console_errors, self.page_errors, self.dialogs = [], [], [], []


@pytest.fixture
def offline_page(browser):
    """A fresh page in which every request but file:// and about: is aborted and counted.

    Yields ``(page, watch)``; ``watch.blocked`` lists the aborted URLs.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    watch = PageWatch()

    def route(r):
        if r.request.url.startswith(("file:", "about:")):
            r.continue_()
        else:
            watch.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))

    def on_dialog(d):
        watch.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    yield page, watch
    context.close()


# -- graphs built with the real Frog (tests/test_knowledge_seeds.py) -----------------------------

ROOT = Path(__file__).resolve().parent.parent


def _built_store(frog, tmp_path_factory, sources, name):
    from graph.build import build
    from graph.store import TRIG_FILE, Store

    out = tmp_path_factory.mktemp("built") / name
    build(sources, out, parser=frog)
    st = Store.in_memory()
    st.load_trig(out / TRIG_FILE)
    return st


@pytest.fixture(scope="session")
def seeds_store(frog, tmp_path_factory):
    """The graph of seeds/, built once with the real Frog, in an in-memory Store."""
    return _built_store(frog, tmp_path_factory, [ROOT / "seeds"], "seeds")


@pytest.fixture(scope="session")
def two_affairs_store(frog, tmp_path_factory):
    """The graph of tests/corpus_two/ (the seeds plus an invented second affair), built once."""
    return _built_store(frog, tmp_path_factory, [ROOT / "tests" / "corpus_two"], "two")
