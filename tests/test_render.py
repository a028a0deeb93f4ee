"""The views (graph.render) and the network measures (graph.analyze) on tests/fixtures/graphs/views.trig."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph.analyze import analyze, format_analysis
from graph.errors import UsageError
from graph.render import render, render_html, view_model
from graph.render.html import json_for_script
from graph.store import Store
from graph.terms import ID

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "graphs" / "views.trig"
INJECTIONS = ("</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>",
              '" onmouseover="alert(1)')


def agent(slug):
    return str(ID[f"agent/{slug}"])


def event(name):
    return str(ID[f"event/{name}"])


@pytest.fixture(scope="module")
def store():
    st = Store.in_memory()
    st.load_trig(FIXTURE)
    return st


@pytest.fixture(scope="module")
def vm(store):
    return view_model(store)


@pytest.fixture(scope="module")
def page(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("views") / "view.html"
    render(store, out)
    return out.read_text(encoding="utf-8")


# -- view model ---------------------------------------------------------------------------------
def test_render_view_model_has_every_agent_with_its_type(vm):
    types = {n["id"]: n["type"] for n in vm["nodes"]}
    assert types == {
        agent("drie-medewerkers"): "Group", agent("vertrouwenspersoon"): "Role",
        agent("anna-de-vries"): "Person", agent("pieter-bakker"): "Person",
        agent("karel-jansen"): "Person", agent("bureau-integer"): "Organization",
        agent("gemeenteraad-zuiderveen"): "Body", agent("dagblad-het-noorden"): "Organization",
        agent("gemeente-zuiderveen"): "Organization",
    }
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in vm["nodes"])


def test_render_view_model_edges_follow_the_events(vm):
    edges = {(e["event"], e["from"], e["to"], e["type"]) for e in vm["edges"]}
    assert (event("e1"), agent("drie-medewerkers"), agent("vertrouwenspersoon"), "Report") in edges
    assert (event("e6"), agent("pieter-bakker"), agent("gemeenteraad-zuiderveen"), "NonDisclosure") in edges
    assert (event("e8"), agent("pieter-bakker"), agent("gemeenteraad-zuiderveen"), "Informing") in edges
    # resignation and knowledge statements are loops on their agent
    assert (event("e10"), agent("karel-jansen"), agent("karel-jansen"), "Resignation") in edges
    assert (event("e11"), agent("pieter-bakker"), agent("pieter-bakker"), "KnowledgeStatement") in edges
    assert len(vm["edges"]) == 12 and len(vm["events"]) == 12
    # two events on one pair are drawn as separate curves
    curves = {e["event"]: e["curve"] for e in vm["edges"]}
    assert curves[event("e6")] != curves[event("e8")]


def test_render_view_model_events_carry_time_quotes_and_sources(vm):
    e1 = vm["events"][event("e1")]
    assert (e1["begin"], e1["end"], e1["precision"], e1["timeText"]) == \
        ("2020-03-01", "2020-05-31", "season", "voorjaar 2020")
    assert e1["quotes"][0]["exact"] == "meldden drie medewerkers zich bij de vertrouwenspersoon"
    assert e1["sources"] == [str(ID["doc/001_melding"])]
    assert e1["attributions"][0]["whoLabel"] == "Dagblad Het Noorden"
    assert vm["events"][event("e2")]["dateLabel"] == "2020-06"
    assert vm["events"][event("e12")]["begin"] is None
    doc = vm["documents"][str(ID["doc/001_melding"])]
    assert doc["publisherLabel"] == "Dagblad Het Noorden" and doc["issued"] == "2020-11"


def test_render_view_model_knowledge_is_the_earliest_since(vm):
    since = {n["id"]: n["knewSince"] for n in vm["nodes"]}
    # Bakker: derived from 2020-06-15, stated from 2020-06-01
    assert since[agent("pieter-bakker")] == "2020-06-01"
    assert since[agent("gemeenteraad-zuiderveen")] == "2021-03-10"
    assert since[agent("dagblad-het-noorden")] is None
    assert vm["dateRange"] == ["2020-03-01", "2021-03-15"]


def test_render_timeline_has_one_bar_per_dated_event(vm):
    bars = vm["timeline"]["bars"]
    dated = [k for k, e in vm["events"].items() if e["begin"]]
    assert sorted(b["event"] for b in bars) == sorted(dated)
    assert {b["lane"] for b in bars} <= set(vm["timeline"]["lanes"])
    lanes = vm["timeline"]["lanes"]
    assert lanes.index(agent("drie-medewerkers")) < lanes.index(agent("gemeenteraad-zuiderveen"))


def test_render_query_construct_draws_only_its_agents(store):
    vm = view_model(store, "CONSTRUCT { ?a gg:notInformed ?b } WHERE { ?a gg:notInformed ?b }")
    assert {n["id"] for n in vm["nodes"]} == {agent("pieter-bakker"), agent("gemeenteraad-zuiderveen")}
    assert [(e["event"], e["type"]) for e in vm["edges"]] == [(event("e6"), "NonDisclosure")]


def test_render_query_select_with_two_agents(store):
    vm = view_model(store, "SELECT ?x ?y WHERE { ?x gg:informed ?y . ?y a gg:Body }")
    assert {e["event"] for e in vm["edges"]} == {event("e6"), event("e8")}


def test_render_query_without_agent_pairs_is_a_usage_error(store):
    with pytest.raises(UsageError, match="no pair of agents"):
        view_model(store, "who-knew", {"as_of": "2020-12-31"})


# -- the HTML page ----------------------------------------------------------------------------
class _Attrs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.attrs, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v or "") for k, v in attrs)


def test_render_html_loads_nothing_from_a_host(page):
    parser = _Attrs()
    parser.feed(page)
    linking = [(t, k, v) for t, k, v in parser.attrs if k in ("src", "href", "srcset", "action", "data")]
    assert not [x for x in linking if re.match(r"\s*(https?:)?//", x[2], re.I)]
    assert not [x for x in linking if x[0] in ("script", "link", "img", "iframe")], linking
    assert "@import" not in page.split("<script", 1)[0]


def test_render_html_never_shows_injection_strings_raw(page):
    for s in INJECTIONS:
        assert s not in page
    parser = _Attrs()
    parser.feed(page)
    # the only tags are the template's: the data never becomes markup
    assert "img" not in parser.tags and "b" not in parser.tags
    assert parser.tags.count("script") == 4
    assert "onmouseover" not in {k for _, k, _ in parser.attrs}
    assert "onerror" not in {k for _, k, _ in parser.attrs}


def test_render_html_data_block_round_trips(page, vm):
    m = re.search(r'<script type="application/json" id="govgraph-data">(.*?)</script>', page, re.S)
    data = json.loads(m.group(1))
    assert data["documents"][str(ID["doc/003_injectie"])]["title"].startswith(INJECTIONS[0])
    assert {n["id"] for n in data["nodes"]} == {n["id"] for n in vm["nodes"]}


def test_render_html_title_is_escaped(vm, tmp_path):
    out = render_html(vm, tmp_path / "t.html", title="<script>alert(1)</script> & co")
    text = out.read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>" in text


def test_render_json_for_script_escapes_what_could_end_a_block():
    out = json_for_script({"a": "</script>&<!--\u2028\u2029"})
    assert "<" not in out and ">" not in out and "&" not in out
    assert "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == {"a": "</script>&<!--\u2028\u2029"}


# -- analysis -----------------------------------------------------------------------------------
def test_analyze_finds_brokers_and_the_information_path(store):
    data = analyze(store)
    assert data["arcs"] == 5
    assert data["betweenness"][0]["agent"] == agent("anna-de-vries")
    assert data["lastInformed"]["agent"] == agent("gemeenteraad-zuiderveen")
    assert data["lastInformed"]["date"] == "2021-03-10"
    hops = [(h["from"], h["to"]) for h in data["path"]["hops"]]
    assert hops[-1] == (agent("pieter-bakker"), agent("gemeenteraad-zuiderveen"))
    assert hops[0][0] in {r["agent"] for r in data["reporters"]}
    assert data["path"]["chronological"] is True
    text = format_analysis(data)
    assert "Body informed last: gemeenteraad van Zuiderveen (2021-03-10)" in text
    assert "Anna de Vries -> Pieter Bakker" in text


def test_analyze_empty_store():
    data = analyze(Store.in_memory())
    assert data["path"] is None and data["betweenness"] == []
    assert format_analysis(data).startswith("Information flow: 0 agents")


def test_render_view_model_includes_the_analysis(vm):
    assert vm["analysis"]["lastInformed"]["agent"] == agent("gemeenteraad-zuiderveen")
