"""ontology/example.trig conforms to ontology/shapes.ttl; broken copies fail with a message naming the problem."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from graph import resources
from graph.errors import InputError, ValidationError
from graph.terms import GG, ID, INFERRED_GRAPH, OA, ONTOLOGY_GRAPH, OWL, PROV, RDF, RDFS, SH, TIME
from graph.validate import load_ontology, load_shapes, validate

EXAMPLE = resources.ontology_dir() / "example.trig"
TEXTS = Path(__file__).parent / "fixtures" / "example"
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
SCRATCH = INFERRED_GRAPH  # where broken copies add their bad triples; any graph of the union will do


@pytest.fixture
def ds() -> Dataset:
    data = Dataset(default_union=True)  # subjects()/objects() see every named graph
    data.parse(EXAMPLE, format="trig")
    return data


def _set(ds: Dataset, s, p, o) -> None:
    """Replace every value of s p in every graph by o."""
    for quad in list(ds.quads((s, p, None, None))):
        ds.remove(quad)
    if o is not None:
        ds.graph(SCRATCH).add((s, p, o))


def _one(ds: Dataset, cls) -> URIRef:
    return sorted(set(ds.subjects(RDF.type, cls)))[0]


def _value(ds: Dataset, s, p):
    return next(ds.objects(s, p))


def _fails(ds, *needles: str) -> str:
    with pytest.raises(ValidationError) as info:
        validate(ds)
    message = str(info.value)
    for needle in needles:
        assert needle in message, f"{needle!r} not in:\n{message}"
    return message


# ---- the example is valid ------------------------------------------------------------------

def test_validate_example_conforms(ds):
    assert validate(ds) is None


def test_validate_example_conforms_as_a_plain_graph(ds):
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    validate(union)


def test_validate_example_conforms_with_the_ontology_graph_included(ds):
    onto = ds.graph(ONTOLOGY_GRAPH)
    for triple in load_ontology():
        onto.add(triple)
    validate(ds)


def test_validate_example_has_what_the_fixture_promises(ds):
    assert len(set(ds.subjects(RDF.type, GG.Document))) == 2
    events = {s for cls in (GG.Report, GG.Informing, GG.NonDisclosure, GG.KnowledgeStatement,
                            GG.Confrontation, GG.Commissioning, GG.Investigation, GG.Resignation)
              for s in ds.subjects(RDF.type, cls)}
    assert len(events) >= 8
    assert set(ds.subjects(RDF.type, GG.NonDisclosure)) and set(ds.subjects(RDF.type, GG.KnowledgeStatement))
    assert set(ds.graph(INFERRED_GRAPH).subjects(RDF.type, GG.Knowledge))


def test_validate_example_quotes_match_their_texts(ds):
    """Every oa:exact is the text at oa:start..oa:end of the body of its source file."""
    checked = 0
    for target in set(ds.subjects(RDF.type, OA.SpecificResource)):
        source = _value(ds, target, OA.hasSource)
        raw = (TEXTS / str(_value(ds, source, GG.sourceFile))).read_text("utf-8")
        body = raw[FRONT_MATTER.match(raw).end():]
        assert _value(ds, source, GG.contentHash).toPython() == hashlib.sha256(body.encode()).hexdigest()
        selectors = set(ds.objects(target, OA.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in ds)
        pos = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in ds)
        start, end = int(_value(ds, pos, OA.start)), int(_value(ds, pos, OA.end))
        assert body[start:end] == str(_value(ds, quote, OA.exact))
        assert body[:start].endswith(str(_value(ds, quote, OA.prefix)))
        assert body[end:].startswith(str(_value(ds, quote, OA.suffix)))
        checked += 1
    assert checked >= 8


# ---- broken copies fail, and say why --------------------------------------------------------

def test_validate_event_without_evidence_fails(ds):
    event = _one(ds, GG.Report)
    _set(ds, event, GG.evidence, None)
    msg = _fails(ds, "needs at least one gg:evidence", "gg:evidence")
    assert msg.count("needs at least one gg:evidence") == 1
    assert str(event).rsplit("/", 1)[1] in msg


def test_validate_confidence_above_one_fails(ds):
    _set(ds, _one(ds, GG.Informing), GG.confidence, Literal(Decimal("1.7")))
    _fails(ds, "gg:confidence", '"1.7"', "between 0 and 1")


def test_validate_confidence_as_float_fails(ds):
    _set(ds, _one(ds, GG.Informing), GG.confidence, Literal(0.9))
    _fails(ds, "gg:confidence", "xsd:double", "xsd:decimal")


def test_validate_begin_date_after_end_date_fails(ds):
    interval = _value(ds, _one(ds, GG.Report), TIME.hasTime)
    end = _value(ds, interval, GG.endDate).toPython()
    _set(ds, interval, GG.beginDate, Literal(end + dt.timedelta(days=1)))
    msg = _fails(ds, "gg:beginDate", "not after gg:endDate")
    # the event's copy of the dates now differs from its interval: said as well
    assert "copy it from the interval" in msg


def test_validate_agent_without_label_fails(ds):
    person = _one(ds, GG.Person)
    _set(ds, person, RDFS.label, None)
    _fails(ds, "rdfs:label", "an agent needs exactly one rdfs:label")


def test_validate_agent_with_two_labels_fails(ds):
    person = _one(ds, GG.Person)
    ds.graph(SCRATCH).add((person, RDFS.label, Literal("Een Andere Naam")))
    _fails(ds, "an agent needs exactly one rdfs:label")


def test_validate_polarity_maybe_fails(ds):
    _set(ds, _one(ds, GG.Confrontation), GG.polarity, Literal("maybe"))
    _fails(ds, "gg:polarity", '"maybe"', '"positive" or "negative"')


def test_validate_positive_non_disclosure_fails(ds):
    _set(ds, _one(ds, GG.NonDisclosure), GG.polarity, Literal("positive"))
    _fails(ds, 'gg:NonDisclosure must have gg:polarity "negative"')


def test_validate_untyped_agent_fails(ds):
    _set(ds, _one(ds, GG.Report), GG.recipient, ID["agent/niemand"])
    _fails(ds, "gg:recipient", "agent/niemand", "must point to an agent typed")


def test_validate_event_with_a_second_source_but_no_quote_from_it_fails(ds):
    # several sources may report one event, but each needs its own evidence quote
    docs = sorted(set(ds.subjects(RDF.type, GG.Document)))
    ds.graph(SCRATCH).add((_one(ds, GG.Resignation), GG.source, docs[0]))
    ds.graph(SCRATCH).add((_one(ds, GG.Resignation), GG.source, docs[1]))
    _fails(ds, "must quote its gg:source and no other document")


def test_validate_evidence_from_another_document_fails(ds):
    docs = sorted(set(ds.subjects(RDF.type, GG.Document)))
    report = _one(ds, GG.Report)
    target = _value(ds, _value(ds, report, GG.evidence), OA.hasTarget)
    other = next(d for d in docs if d != _value(ds, report, GG.source))
    _set(ds, target, OA.hasSource, other)
    _fails(ds, "must quote its gg:source and no other document")


def test_validate_empty_quote_fails(ds):
    _set(ds, _one(ds, OA.TextQuoteSelector), OA.exact, Literal(""))
    _fails(ds, "oa:exact", "non-empty")


def test_validate_start_not_before_end_fails(ds):
    pos = _one(ds, OA.TextPositionSelector)
    _set(ds, pos, OA.start, Literal(int(_value(ds, pos, OA.end))))
    _fails(ds, "oa:start", "less than its oa:end")


def test_validate_missing_selector_fails(ds):
    target = _one(ds, OA.SpecificResource)
    for sel in list(ds.objects(target, OA.hasSelector)):
        if (sel, RDF.type, OA.TextPositionSelector) in ds:
            for quad in list(ds.quads((target, OA.hasSelector, sel, None))):
                ds.remove(quad)
    _fails(ds, "exactly one oa:TextPositionSelector")


def test_validate_zero_member_count_fails(ds):
    _set(ds, _one(ds, GG.Group), GG.memberCount, Literal(0))
    _fails(ds, "gg:memberCount", "positive")


def test_validate_document_without_source_file_fails(ds):
    _set(ds, _one(ds, GG.Document), GG.sourceFile, None)
    _fails(ds, "gg:sourceFile")


def test_validate_knowledge_without_since_fails(ds):
    _set(ds, _one(ds, GG.Knowledge), GG.since, None)
    _fails(ds, "gg:Knowledge needs exactly one gg:since")


def test_validate_knowledge_with_bad_derivation_fails(ds):
    _set(ds, _one(ds, GG.Knowledge), GG.derivation, Literal("guessed"))
    _fails(ds, "gg:derivation", '"guessed"')


def test_validate_attribution_without_agent_fails(ds):
    _set(ds, _one(ds, GG.Attribution), PROV.agent, None)
    _fails(ds, "prov:agent", "who says so")


def test_validate_event_time_without_end_date_fails(ds):
    interval = _value(ds, _one(ds, GG.Informing), TIME.hasTime)
    _set(ds, interval, GG.endDate, None)
    _fails(ds, "time:hasTime")


def test_validate_direct_relation_to_a_non_agent_fails(ds):
    matter = _one(ds, GG.Matter)
    ds.graph(SCRATCH).add((_one(ds, GG.Person), GG.informed, matter))
    _fails(ds, "gg:informed must point to a typed agent")


def test_validate_report_lists_every_violation_sorted(ds):
    _set(ds, _one(ds, GG.Report), GG.polarity, Literal("maybe"))
    _set(ds, _one(ds, GG.Informing), GG.confidence, Literal(Decimal("1.7")))
    lines = _fails(ds, "(2 violations)").splitlines()[1:]
    assert len(lines) == 2 and lines == sorted(lines)


# ---- loading -----------------------------------------------------------------------------

def test_validate_loaders_give_graphs():
    assert (None, RDF.type, SH.NodeShape) in load_shapes()
    assert (GG.Event, RDF.type, OWL.Class) in load_ontology()


def test_validate_every_shape_has_a_message():
    shapes = load_shapes()
    named = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.objects(None, SH.property))
    assert len(named) > 30
    missing = [s for s in named if (s, SH.message, None) not in shapes]
    assert missing == []


def test_resources_find_the_checkout_directories():
    assert (resources.ontology_dir() / "shapes.ttl").is_file()
    assert resources.queries_dir().name == "queries"
    assert resources.seeds_dir().name == "seeds"
    assert (resources.lexicon_dir() / "nl").is_dir()


def test_resources_prefer_packaged_data(tmp_path, monkeypatch):
    packaged = tmp_path / "_data" / "ontology"
    packaged.mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE", tmp_path)
    assert resources.ontology_dir() == packaged


def test_resources_missing_directory_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "_PACKAGE", tmp_path / "graph")
    monkeypatch.setattr(resources, "_CHECKOUT", tmp_path)
    with pytest.raises(InputError, match="'queries' directory is missing"):
        resources.queries_dir()
