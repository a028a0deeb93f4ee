"""The rendered views in real headless Chromium (Playwright, Debian's /usr/bin/chromium).

Every request to anything but file:// or about: is aborted and counted (conftest's
``offline_page``); each test asserts there were none.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.queries import load_query, run
from graph.render import render
from graph.store import Store
from graph.terms import ID

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "graphs" / "views.trig"


def agent(slug):
    return str(ID[f"agent/{slug}"])


@pytest.fixture(scope="module")
def store():
    st = Store.in_memory()
    st.load_trig(FIXTURE)
    return st


@pytest.fixture(scope="module")
def html_file(store, tmp_path_factory):
    return render(store, tmp_path_factory.mktemp("browser") / "view.html")


@pytest.fixture
def loaded(offline_page, html_file):
    page, watch = offline_page
    page.goto(html_file.as_uri())
    page.wait_for_function("window.govgraph && window.govgraph.ready === true", timeout=15000)
    yield page, watch
    assert watch.blocked == [], f"the page asked a host: {watch.blocked}"
    assert watch.dialogs == [], f"a script from the data ran: {watch.dialogs}"


def test_browser_page_loads_offline_without_errors(loaded):
    page, watch = loaded
    page.wait_for_load_state("load")
    assert watch.console_errors == [] and watch.page_errors == []
    assert page.title() == "govgraph: wie wist wat wanneer"


def test_browser_graph_has_the_expected_nodes(loaded, store):
    page, _ = loaded
    ids = page.evaluate("govgraph.nodes.getIds().sort()")
    agents = {r["a"] for r in store.select(
        "SELECT ?a WHERE { ?a a ?t FILTER(?t IN (gg:Person, gg:Body, gg:Organization, gg:Group, gg:Role)) }")}
    assert set(ids) == agents and len(ids) == 9
    assert page.evaluate("govgraph.edges.length") == 12
    # positions come from Python: the drawing matches the view model
    pos = page.evaluate(f"govgraph.network.getPosition({agent('pieter-bakker')!r})")
    model = page.evaluate(f"govgraph.data.nodes.find(n => n.id === {agent('pieter-bakker')!r})")
    assert (pos["x"], pos["y"]) == pytest.approx((model["x"], model["y"]), abs=1)  # vis rounds


@pytest.mark.parametrize("date", ["2020-02-01", "2020-03-01", "2020-06-10", "2020-06-15",
                                  "2020-12-31", "2021-03-10"])
def test_browser_slider_lights_up_who_knew(loaded, store, date):
    page, _ = loaded
    days = (dt.date.fromisoformat(date) - dt.date(1970, 1, 1)).days
    slider = page.locator("#asof")
    lo, hi = int(slider.get_attribute("min")), int(slider.get_attribute("max"))
    value = min(max(days, lo), hi)
    slider.fill(str(value))
    shown = (dt.date(1970, 1, 1) + dt.timedelta(days=value)).isoformat()
    page.wait_for_function(f"govgraph.asOf === {shown!r}")
    assert page.locator("#asof-label").inner_text() == shown
    # the same semantics as the who-knew query: gg:Knowledge with since <= the date
    expected = sorted(r["agent"] for r in run(store, load_query("who-knew"), {"as_of": shown}).rows)
    assert page.evaluate("govgraph.litNodes()") == expected
    faded = page.evaluate("govgraph.fadedEdges()")
    later = [e for e in page.evaluate("govgraph.data.edges")
             if e["event"] and (page.evaluate(f"govgraph.data.events[{e['event']!r}].begin") or "") > shown]
    assert sorted(faded) == sorted(e["id"] for e in later)


def test_browser_clicking_an_edge_shows_its_quote(loaded):
    page, _ = loaded
    edge = page.evaluate(f"govgraph.edgesOf({str(ID['event/e3'])!r})[0]")
    point = page.evaluate(f"govgraph.edgeCenter({edge!r})")
    page.mouse.click(point["x"], point["y"])
    details = page.locator("#details")
    assert "Op 15 juni 2020 is de burgemeester door de gemeentesecretaris geïnformeerd" in details.inner_text()
    assert "Raadsinformatiebrief over het onderzoek naar wethouder Jansen" in details.inner_text()
    assert page.evaluate("govgraph.network.getSelectedEdges()") == [edge]


def test_browser_injection_document_shows_as_text_and_runs_nothing(loaded):
    page, watch = loaded
    edge = page.evaluate(f"govgraph.edgesOf({str(ID['event/e6'])!r})[0]")
    assert page.evaluate(f"govgraph.selectEdge({edge!r})") is True
    text = page.locator("#details").inner_text()
    assert "</script><script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert '" onmouseover="alert(1)' in text
    assert page.locator("#details img, #details script, #details b").count() == 0
    # the javascript: url of that document is not made into a link
    assert page.locator("#details a").count() == 0
    page.evaluate(f"govgraph.selectNode({agent('gemeenteraad-zuiderveen')!r})")
    page.locator("#search").fill("onerror")
    assert page.locator("#search-results li").first.inner_text().startswith("gemeenteraad")
    hover = page.evaluate(f"govgraph.edgeCenter({edge!r})")
    page.mouse.move(hover["x"], hover["y"])
    page.wait_for_selector("#tooltip:not([hidden])")
    assert "</script><script>alert(1)</script>" in page.locator("#tooltip").inner_text()
    page.click("#tab-timeline")
    page.wait_for_function("document.querySelectorAll('#timeline .barlayer .point').length > 0")
    assert page.locator("body img").count() == 0
    assert watch.dialogs == []


def test_browser_search_selects_a_node(loaded):
    page, _ = loaded
    page.locator("#search").fill("burgemeester")
    page.locator("#search").press("Enter")
    assert page.evaluate("govgraph.network.getSelectedNodes()") == [agent("pieter-bakker")]
    assert page.locator("#details h2").inner_text() == "Pieter Bakker"


def test_browser_filters_hide_edges(loaded):
    page, _ = loaded
    before = len(page.evaluate("govgraph.visibleEdges()"))
    page.locator('#filter-types input[data-type="Informing"]').uncheck()
    assert len(page.evaluate("govgraph.visibleEdges()")) == before - 3
    page.locator(f'#filter-docs input[data-doc="{ID["doc/003_injectie"]}"]').uncheck()
    visible = page.evaluate("govgraph.visibleEdges()")
    assert not [e for e in visible if "/e6|" in e or "/e7|" in e or "/e10|" in e]


def test_browser_timeline_has_one_bar_per_event(loaded):
    page, _ = loaded
    page.click("#tab-timeline")
    page.wait_for_function("document.querySelectorAll('#timeline .barlayer .point').length > 0")
    dated = page.evaluate("Object.values(govgraph.data.events).filter(e => e.begin).length")
    assert page.locator("#timeline .barlayer .point").count() == dated == 11
    assert page.evaluate("govgraph.timelineBars()") == 11
    # the first-knew stars: one per agent that knew
    stars = page.evaluate("govgraph.data.nodes.filter(n => n.knewSince).length")
    assert page.locator("#timeline .scatterlayer .point").count() == stars
