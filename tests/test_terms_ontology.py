"""ontology/governance.ttl and graph/terms.py's GG describe the same terms, and the file is sound."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from graph.resources import ontology_dir
from graph.terms import EVENT_CLASSES, GG, GG_NS, OWL, PROV, RDF, RDFS, SKOS
from graph.validate import load_ontology

TTL = ontology_dir() / "governance.ttl"
GG_NAMES = sorted(GG.__annotations__)
DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}

# The table at the end of docs/graph-shape.md.
EXPECTED_RELATION = {
    "Report": "reportedTo", "Informing": "informed", "NonDisclosure": "notInformed",
    "Agreement": "agreedWith", "Investigation": "investigated", "Commissioning": "commissioned",
    "Confrontation": "confronted", "Resignation": "resigned", "KnowledgeStatement": "knewOf",
}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _texts(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> list:
    return [o for o in graph.objects(subject, predicate)
            if isinstance(o, Literal) and o.language == lang and str(o).strip()]


@pytest.mark.parametrize("name", GG_NAMES)
def test_terms_every_gg_name_is_declared_with_a_type(onto, name):
    types = set(onto.objects(GG[name], RDF.type)) & DECLARATION_TYPES
    assert types, f"gg:{name} is in graph/terms.py but not declared (owl:Class/…Property) in governance.ttl"


@pytest.mark.parametrize("name", GG_NAMES)
def test_terms_every_gg_name_has_dutch_and_english_labels(onto, name):
    assert _texts(onto, GG[name], RDFS.label, "nl"), f"gg:{name} has no rdfs:label@nl"
    assert _texts(onto, GG[name], RDFS.label, "en"), f"gg:{name} has no rdfs:label@en"
    assert len(_texts(onto, GG[name], RDFS.label, "en")) == 1, f"gg:{name} has several English labels"


@pytest.mark.parametrize("name", GG_NAMES)
def test_terms_every_gg_name_has_a_definition(onto, name):
    assert _texts(onto, GG[name], SKOS.definition, "en"), f"gg:{name} has no skos:definition@en"


def test_terms_no_gg_subject_in_the_ontology_is_missing_from_terms(onto):
    subjects = {str(s)[len(GG_NS):] for s in onto.subjects() if str(s).startswith(GG_NS)}
    assert subjects, "no gg: subjects found: is the namespace right?"
    assert subjects - set(GG_NAMES) == set(), "gg: terms in governance.ttl but not in GG"


def test_terms_every_gg_iri_used_anywhere_is_in_terms(onto):
    used = {str(t) for triple in onto for t in triple if isinstance(t, URIRef)}
    unknown = {t[len(GG_NS):] for t in used if t.startswith(GG_NS)} - set(GG_NAMES)
    assert unknown == set()


def test_terms_event_classes_are_subclasses_of_event(onto):
    assert (GG.Event, RDFS.subClassOf, PROV.Activity) in onto
    for name in EVENT_CLASSES:
        assert (GG[name], RDFS.subClassOf, GG.Event) in onto, f"gg:{name} is not a gg:Event"


@pytest.mark.parametrize("name", EVENT_CLASSES)
def test_terms_event_class_relation_matches_graph_shape(onto, name):
    targets = list(onto.objects(GG[name], GG.relation))
    assert targets == [GG[EXPECTED_RELATION[name]]]


def test_terms_every_relation_target_is_a_declared_property(onto):
    pairs = list(onto.subject_objects(GG.relation))
    assert len(pairs) == len(EVENT_CLASSES)
    for cls, prop in pairs:
        assert set(onto.objects(prop, RDF.type)) & PROPERTY_TYPES, f"{cls} gg:relation {prop}: not a property"


def test_terms_relation_is_an_annotation_property(onto):
    assert (GG.relation, RDF.type, OWL.AnnotationProperty) in onto


def test_terms_agreed_with_is_symmetric(onto):
    assert (GG.agreedWith, RDF.type, OWL.SymmetricProperty) in onto


def test_terms_ontology_header(onto):
    assert (URIRef(GG_NS.rstrip("#")), RDF.type, OWL.Ontology) in onto


def test_terms_ttl_parses_in_pyoxigraph_to_the_same_triples(onto):
    quads = list(ox.parse(TTL.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=TTL.as_uri()))
    assert len(quads) == len(onto)
    subjects = {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
    assert {str(GG[n]) for n in GG_NAMES} <= subjects
