"""One event, several sources, and where they disagree: graph/extract/corefer.py, the emitter's
merged events, and the queries conflicts, precision-differences, only-one-source, why-knew,
knowledge-gaps, kept-uninformed, knew-not-informed and disclosure-lag on the hand-written
tests/fixtures/graphs/sources.trig (its header lists what each event is for)."""
from pathlib import Path

import pytest

from graph.extract.corefer import corefer, member_key, precision_rank, score
from graph.model import Document, Entity, Event, PartialDate, TimeValue
from graph.queries import load_query, run
from graph.rules import apply_rules
from graph.store import Store

SOURCES = Path(__file__).parent / "fixtures" / "graphs" / "sources.trig"


# -- corefer: which tellings are one event ------------------------------------------------------

def tv(text, b, e=None, precision="month"):
    return TimeValue(text, PartialDate.parse(b), PartialDate.parse(e or b), precision)


def ev(doc, etype, agents, recipients, time=None, start=0, polarity="positive"):
    return Event(doc=doc, etype=etype, agents=list(agents), recipients=list(recipients),
                 quote_start=start, quote_end=start + 10, quote="x" * 10,
                 lexicon_entry=f"{etype.lower()}.test", confidence=0.8, polarity=polarity, time=time)


ENTITIES = {
    "vijf": Entity("vijf", "Group", "vijf ambtenaren", count=5),
    "vier-a": Entity("vier-a", "Group", "vier van de vijf ambtenaren", count=4),
    "vier-b": Entity("vier-b", "Group", "vier medewerkers", count=4),
    "vp": Entity("vp", "Role", "vertrouwenspersoon"),
    "bm": Entity("bm", "Person", "burgemeester"),
    "ws": Entity("ws", "Person", "wethouder"),
    "krant": Entity("krant", "Organization", "krant"),
    "bureau": Entity("bureau", "Organization", "bureau"),
}


def groups_of(events, matters=None):
    by_doc = {}
    for e in events:
        by_doc.setdefault(e.doc, []).append(e)
    return corefer(by_doc, ENTITIES, matters)


def test_corefer_merges_one_report_told_by_two_sources():
    a = ev("a.txt", "Report", ["vijf"], ["vp"], tv("oktober 2020", "2020-10"))
    b = ev("b.txt", "Report", [], ["vp"], tv("najaar 2020", "2020-09", "2020-11", "season"))
    (g,) = groups_of([a, b])
    assert g.members == [a, b]
    assert g.time is a.time and g.time_member is a       # the most precise compatible time
    assert g.key != member_key(a) and g.key == groups_of([b, a])[0].key


def test_corefer_keeps_times_that_do_not_overlap_apart():
    a = ev("a.txt", "Informing", ["ws"], ["bm"], tv("december 2020", "2020-12"))
    b = ev("b.txt", "Informing", ["ws"], ["bm"], tv("najaar 2020", "2020-09", "2020-11", "season"))
    assert [len(g.members) for g in groups_of([a, b])] == [1, 1]


def test_corefer_needs_a_shared_participant_and_enough_evidence():
    # the newspaper's own investigation of the wethouder (undated) is not the bureau's
    a = ev("a.txt", "Investigation", ["krant"], ["ws"])
    b = ev("b.txt", "Investigation", ["bureau"], ["ws"], tv("maart 2021", "2021-03"))
    assert score(a, b, ENTITIES) == 0
    assert [len(g.members) for g in groups_of([a, b])] == [1, 1]
    # no participant in common at all
    c = ev("a.txt", "Report", ["vijf"], ["vp"], tv("oktober 2020", "2020-10"))
    d = ev("b.txt", "Report", ["bm"], ["ws"], tv("oktober 2020", "2020-10"))
    assert score(c, d, ENTITIES) is None


def test_corefer_undated_telling_with_the_same_parties_joins():
    a = ev("a.txt", "Agreement", ["bm"], ["ws"], tv("januari 2021", "2021-01"))
    b = ev("b.txt", "Agreement", ["bm"], ["ws"])
    (g,) = groups_of([a, b])
    assert g.time_member is a


def test_corefer_groups_of_one_size_count_as_one_party():
    a = ev("a.txt", "Report", ["vier-a"], [], tv("februari 2021", "2021-02"))
    b = ev("b.txt", "Report", ["vier-b"], [], tv("begin 2021", "2021-01", "2021-04", "part"))
    assert [len(g.members) for g in groups_of([a, b])] == [2]


def test_corefer_never_joins_two_tellings_of_one_document_or_types_or_polarities_or_matters():
    a = ev("a.txt", "Report", ["vijf"], ["vp"], tv("oktober 2020", "2020-10"), start=0)
    a2 = ev("a.txt", "Report", ["vijf"], ["vp"], tv("oktober 2020", "2020-10"), start=50)
    b = ev("b.txt", "Informing", ["vijf"], ["vp"], tv("oktober 2020", "2020-10"))
    c = ev("c.txt", "Report", ["vijf"], ["vp"], tv("oktober 2020", "2020-10"), polarity="negative")
    assert sorted(len(g.members) for g in groups_of([a, a2, b, c])) == [1, 1, 1, 1]
    d = ev("d.txt", "Report", ["vijf"], ["vp"], tv("oktober 2020", "2020-10"))
    assert sorted(len(g.members) for g in groups_of([a, d], {"a.txt": "x", "d.txt": "y"})) == [1, 1]
    # one telling per document, even when three documents tell it
    e = ev("e.txt", "Report", ["vijf"], ["vp"], tv("oktober 2020", "2020-10"))
    assert sorted(len(g.members) for g in groups_of([a, a2, d, e])) == [1, 3]


def test_corefer_group_members_have_pairwise_compatible_times():
    # b overlaps a and c, but a and c do not overlap: b joins one of them only
    a = ev("a.txt", "Report", ["vijf"], ["vp"], tv("september 2020", "2020-09"))
    b = ev("b.txt", "Report", ["vijf"], ["vp"], tv("najaar 2020", "2020-09", "2020-11", "season"))
    c = ev("c.txt", "Report", ["vijf"], ["vp"], tv("november 2020", "2020-11"))
    sizes = sorted(len(g.members) for g in groups_of([a, b, c]))
    assert sizes == [1, 2]


def test_precision_rank_prefers_day_endpoints_then_narrow():
    assert precision_rank(tv("5 maart tot 18 juni", "2021-03-05", "2021-06-18", "range")) < \
        precision_rank(tv("maart 2021", "2021-03"))
    assert precision_rank(tv("oktober 2020", "2020-10")) < \
        precision_rank(tv("najaar 2020", "2020-09", "2020-11", "season"))


# -- the emitter: one node, one attribution per source -----------------------------------------

def test_emitter_writes_one_event_with_an_attribution_per_source(tmp_path):
    pytest.importorskip("pyshacl")
    from graph.rdf import mint
    from graph.rdf.emit import Emitter
    from graph.terms import GG, PROV, TIME
    from graph.validate import validate

    text_a = "In oktober 2020 meldden vijf ambtenaren zich bij de vertrouwenspersoon."
    text_b = "In het najaar van 2020 kwamen signalen binnen bij de vertrouwenspersoon."
    da = Document("a.txt", "a.txt", text_a, publisher="Krant", sha256="a" * 64)
    db = Document("b.txt", "b.txt", text_b, publisher="Krant", sha256="b" * 64)
    a = Event("a.txt", "Report", ["vijf"], ["vp"], 3, 70, text_a[3:70], "report.test", 0.9,
              time=tv("oktober 2020", "2020-10"))
    b = Event("b.txt", "Report", [], ["vp"], 3, 70, text_b[3:70], "report.test", 0.7,
              time=tv("najaar van 2020", "2020-09", "2020-11", "season"))
    (group,) = corefer({"a.txt": [a], "b.txt": [b]}, ENTITIES)
    em = Emitter()
    for d, e in ((da, a), (db, b)):
        em.document(d, "krant", None)
        em.entity(d, Entity("krant", "Organization", "Krant"))
        for k in ("vijf", "vp"):
            em.entity(d, ENTITIES[k])
        m = em.matter(d, "zaak x", "de zaak x")
        node = em.event(d, e, m, "krant", group)
    ds = em.ds

    def objects(s, p):     # over every named graph
        return {o for _s, _p, o, _g in ds.quads((s, p, None, None))}

    assert node == mint.event(group.key)
    assert objects(node, GG.source) == {mint.doc("a"), mint.doc("b")}
    atts = objects(node, PROV.qualifiedAttribution)
    assert len(atts) == 2
    texts = {str(t) for att in atts for tm in objects(att, TIME.hasTime) for t in objects(tm, GG.timeText)}
    assert texts == {"oktober 2020", "najaar van 2020"}
    (own,) = objects(node, TIME.hasTime)
    assert {str(t) for t in objects(own, GG.timeText)} == {"oktober 2020"}
    assert len(objects(node, GG.confidence)) == 1
    # each source's graph holds its own participants
    assert (node, GG.agent, mint.agent("vijf")) in ds.graph(mint.doc_graph("a"))
    assert (node, GG.agent, mint.agent("vijf")) not in ds.graph(mint.doc_graph("b"))
    validate(ds)


# -- the queries on sources.trig ---------------------------------------------------------------

@pytest.fixture(scope="module")
def store():
    st = Store.in_memory()
    st.load_trig(SOURCES)
    apply_rules(st)
    return st


def q(store, name, **params):
    return run(store, load_query(name), params).rows


def slug(x):
    return x.rsplit("/", 1)[-1] if x else x


def test_conflicts_lists_each_kind_with_both_quotes_and_sources(store):
    rows = q(store, "conflicts")
    kinds = {(r["kind"], slug(r["event"]), slug(r["event2"])) for r in rows}
    assert kinds == {
        ("count", "m1", "m1"),
        ("participants", "m2", "m2"),
        ("time", "m3", "m3"),
        ("informed vs not informed", "i1", "n1"),
        ("knew vs did not know", "m2", "k1"),
    }
    for r in rows:
        assert r["quote1"] and r["quote2"] and r["source1"] and r["source2"]
    count = next(r for r in rows if r["kind"] == "count")
    assert (count["value1"], count["value2"]) == ("vijf ambtenaren (5)", "zes ambtenaren (6)")
    assert count["quote2"].startswith("In het najaar van 2020 kwamen zes signalen")
    who = next(r for r in rows if r["kind"] == "participants")
    assert (who["value1"], who["value2"]) == ("agents: Otto Wierda", "agents: Sanne Brink")
    when = next(r for r in rows if r["kind"] == "time")
    assert "maart 2021" in when["value1"] and "mei 2021" in when["value2"]


def test_precision_differences_are_not_conflicts(store):
    rows = q(store, "precision-differences")
    got = {(slug(r["event"]), r["relation"]) for r in rows}
    assert got == {("m1", "1 within 2"), ("m2", "1 within 2")}
    m1 = next(r for r in rows if slug(r["event"]) == "m1")
    assert m1["time1"].startswith("oktober 2020") and m1["time2"].startswith("najaar 2020")
    assert (m1["precision1"], m1["precision2"]) == ("month", "season")
    assert m1["event_time"] == "oktober 2020"
    # the same day told twice is neither a conflict nor a difference
    assert "m4" not in {slug(r["event"]) for r in rows}
    assert "m4" not in {slug(r["event"]) for r in q(store, "conflicts")}


def test_only_one_source(store):
    assert {slug(r["event"]) for r in q(store, "only-one-source")} == {"i1", "s1", "n1", "k1"}


def test_why_knew_shows_the_chain_the_negative_statement_and_the_contradiction(store):
    rows = q(store, "why-knew", agent="Otto Wierda")
    derived = [r for r in rows if r["how"] == "derived"]
    assert derived[0]["since"] == "2020-11-01" and slug(derived[0]["event"]) == "m2"
    assert derived[0]["quote"] == "Wierda lichtte de burgemeester in november 2020 in"
    assert derived[0]["time_text"] == "november 2020" and derived[0]["said_by"] == "Oeverdamse Krant"
    neg = [r for r in rows if r["how"] == "did not know"]
    assert len(neg) == 1 and slug(neg[0]["event"]) == "k1"
    assert neg[0]["contradiction"].startswith("knew already since 2020-11-01")
    raad = q(store, "why-knew", agent="gemeenteraad")
    not_informed = [r for r in raad if r["how"] == "not informed"]
    assert len(not_informed) == 1 and "informed by the same party" in not_informed[0]["contradiction"]


def test_knowledge_gaps_with_days_and_as_of(store):
    rows = q(store, "knowledge-gaps")
    got = {(r["agent_label"], r["agent_since"], r["body_since"], r["days"], r["status"]) for r in rows}
    # both knew from m2, which the krant dates November 2020 (the letter says 2020: the event's
    # own time is the more precise one); the raad learned it in June 2021
    assert got == {("Bea Kolk", "2020-11-01", "2021-06-01", 212, "closed"),
                   ("Otto Wierda", "2020-11-01", "2021-06-01", 212, "closed")}
    open_rows = q(store, "knowledge-gaps", as_of="2021-01-31")
    assert {(r["agent_label"], r["days"], r["status"]) for r in open_rows} == {
        ("Bea Kolk", 91, "open"), ("Otto Wierda", 91, "open")}
    assert q(store, "knowledge-gaps", as_of="2019-12-31") == []


def test_kept_uninformed_and_knew_not_informed(store):
    (row,) = q(store, "kept-uninformed")
    assert (row["decided_by"], row["kept_uninformed"], row["oversees"]) == ("Bea Kolk", "gemeenteraad", "yes")
    assert row["quote"] == "de raad heb ik in 2021 niet ingelicht"
    (row,) = q(store, "knew-not-informed", recipient="gemeenteraad")
    assert (row["agent_label"], row["knew_since"]) == ("Bea Kolk", "2020-11-01")


def test_disclosure_lag(store):
    rows = {slug(r["event"]): r for r in q(store, "disclosure-lag")}
    # m1 happened in October 2020 and was first public in the letter of 2 August 2021
    assert rows["m1"]["first_public"] == "2021-08-02" and slug(rows["m1"]["first_source"]) == "400_brief"
    assert rows["m1"]["lag_days"] == 305 and rows["m1"]["sources"] == 2
    assert rows["m4"]["lag_days"] == 0
    assert rows["i1"]["first_public"] == "2021-09-01"


@pytest.mark.parametrize("path", sorted((Path(__file__).parent.parent / "queries" / "examples").glob("*.rq")),
                         ids=lambda p: p.stem)
def test_example_queries_of_docs_sparql_run(store, path):
    """The five example questions of docs/sparql.md parse, take no parameters and run."""
    query = load_query(path)
    assert query.title and not query.params
    run(store, query, {})
