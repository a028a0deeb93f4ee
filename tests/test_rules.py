"""graph/rules.py and queries/rules/*.rq on the hand-written mini graph."""
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.errors import QueryError
from graph.rules import apply_rules, load_rules
from graph.store import Store
from graph.terms import GG, ID, INFERRED_GRAPH

MINI = Path(__file__).parent / "fixtures" / "graphs" / "mini.trig"


def mini_store(rules=True):
    st = Store.in_memory()
    st.load_trig(MINI)
    if rules:
        apply_rules(st)
    return st


def inferred(st):
    return set(st.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(INFERRED_GRAPH))))


def knowledge(st):
    """(knower slug, basis slug, since, derivation, source slug, matter slug) of every Knowledge node."""
    rows = st.select("""SELECT ?who ?event ?since ?how ?doc ?m WHERE {
        ?k a gg:Knowledge ; gg:knower ?who ; gg:basis ?event ; gg:since ?since ;
           gg:derivation ?how ; dcterms:source ?doc . OPTIONAL { ?k gg:matter ?m } }""")
    slug = lambda x: x.rsplit("/", 1)[-1] if x else None  # noqa: E731
    return {(slug(r["who"]), slug(r["event"]), r["since"], r["how"], slug(r["doc"]), slug(r["m"]))
            for r in rows}


def test_rules_reach_a_fixpoint_and_a_second_run_adds_nothing():
    st = mini_store(rules=False)
    before = len(st)
    added = apply_rules(st)
    assert added > 0
    assert len(st) == before + added
    assert len(inferred(st)) == added
    assert apply_rules(st) == 0
    assert len(st) == before + added


def test_rules_mint_the_same_iris_in_a_new_store():
    assert inferred(mini_store()) == inferred(mini_store())


def test_rules_knowledge_from_events():
    k = knowledge(mini_store())
    assert ("drie-medewerkers", "e01", "2021-03-01", "derived", "100_courant", "de-vries") in k
    assert ("vertrouwenspersoon", "e01", "2021-03-01", "derived", "100_courant", "de-vries") in k
    assert ("karel-smit", "e02", "2021-05-12", "derived", "100_courant", "de-vries") in k
    # an event with two sources: one node per source
    assert ("ingrid-bakker", "e03", "2021-06-01", "derived", "100_courant", "de-vries") in k
    assert ("ingrid-bakker", "e03", "2021-06-01", "derived", "200_gemeente", "de-vries") in k
    # commissioner and commissioned party; investigator (not the investigated) from the start
    assert ("ingrid-bakker", "e04", "2021-07-01", "derived", "200_gemeente", "de-vries") in k
    assert ("bureau-veritas", "e04", "2021-07-01", "derived", "200_gemeente", "de-vries") in k
    assert ("bureau-veritas", "e05", "2021-07-15", "derived", "200_gemeente", "de-vries") in k
    assert not any(who == "bram-de-vries" and ev == "e05" for who, ev, *_ in k)
    # a positive KnowledgeStatement is "stated"
    assert ("bram-de-vries", "e08", "2020-01-01", "stated", "100_courant", "de-vries") in k


def test_rules_nondisclosure_gives_the_agent_knowledge_but_not_the_recipient():
    st = mini_store()
    k = knowledge(st)
    assert ("ingrid-bakker", "e07", "2021-11-01", "derived", "100_courant", "de-vries") in k
    assert ("karel-smit", "e07", "2021-11-01", "derived", "100_courant", "de-vries") in k
    assert not any(who == "gemeenteraad" and ev == "e07" for who, ev, *_ in k)
    council, matter = ox.NamedNode(str(ID["agent/gemeenteraad"])), ox.NamedNode(str(ID["matter/de-vries"]))
    assert not list(st.ox.quads_for_pattern(council, ox.NamedNode(str(GG.knew)), matter, None))
    # the council does know of the other matter, reported to it
    subsidie = ox.NamedNode(str(ID["matter/subsidie"]))
    assert list(st.ox.quads_for_pattern(council, ox.NamedNode(str(GG.knew)), subsidie, None))


def test_rules_negative_knowledge_statement_gives_no_knowledge():
    k = knowledge(mini_store())
    assert not any(ev == "e09" for _, ev, *_ in k)


def test_rules_event_without_time_is_known_by_the_end_of_its_publication():
    k = knowledge(mini_store())
    # e10 has no time; 100_courant was issued "2022-03": known on 2022-03-31 at the latest
    assert ("lindendaalse-courant", "e10", "2022-03-31", "derived", "100_courant", "de-vries") in k
    assert ("bram-de-vries", "e10", "2022-03-31", "derived", "100_courant", "de-vries") in k


def test_rules_knew_is_materialised():
    st = mini_store()
    rows = st.select("SELECT ?a ?m WHERE { GRAPH <%s> { ?a gg:knew ?m } }" % INFERRED_GRAPH)
    pairs = {(r["a"].rsplit("/", 1)[-1], r["m"].rsplit("/", 1)[-1]) for r in rows}
    assert ("ingrid-bakker", "de-vries") in pairs
    assert ("gemeenteraad", "subsidie") in pairs
    assert ("gemeenteraad", "de-vries") not in pairs
    assert len(pairs) == 9


def test_rules_a_rule_minting_blank_nodes_never_converges(tmp_path):
    (tmp_path / "10-bad.rq").write_text(
        "# title: Bad\nPREFIX gg: <https://w3id.org/govgraph#>\n"
        "CONSTRUCT { [] a gg:Knowledge } WHERE { ?e a gg:Report }\n", encoding="utf-8")
    st = mini_store(rules=False)
    with pytest.raises(QueryError, match="still add quads after 3 rounds"):
        apply_rules(st, load_rules(tmp_path), max_rounds=3)


def test_rules_only_construct_queries_are_rules(tmp_path):
    (tmp_path / "10-select.rq").write_text("# title: Not a rule\nSELECT * WHERE { ?s ?p ?o }\n",
                                           encoding="utf-8")
    with pytest.raises(QueryError, match="10-select.rq: a rule must be a CONSTRUCT query"):
        load_rules(tmp_path)
