"""Checks a built graph against ``ontology/shapes.ttl`` (SHACL, via pyshacl).

The shapes are written for the union of all named graphs and need no inference, so
:func:`validate` flattens a dataset into one graph and runs pyshacl with ``inference="none"``.
The ontology is not passed as ``ont_graph``: with no inference it would only be mixed into the
data, and the shapes give the same answer with or without it.

Example::

    >>> from rdflib import Dataset
    >>> ds = Dataset()
    >>> _ = ds.parse(ontology_dir() / "example.trig", format="trig")
    >>> validate(ds)          # conforms: returns None
"""
from __future__ import annotations

from typing import Union

import rdflib
from rdflib.collection import Collection
from rdflib import BNode, Literal, URIRef
from rdflib.graph import ConjunctiveGraph

from graph.errors import ValidationError
from graph.resources import ontology_dir
from graph.terms import PREFIXES, RDF, SH

ONTOLOGY_FILE = "governance.ttl"
SHAPES_FILE = "shapes.ttl"
MAX_REPORTED = 200   # a broken emitter can produce thousands; the first ones show the pattern


def load_ontology() -> rdflib.Graph:
    """The governance ontology (``ontology/governance.ttl``) as a fresh rdflib Graph."""
    return _parse(ONTOLOGY_FILE)


def load_shapes() -> rdflib.Graph:
    """The SHACL shapes (``ontology/shapes.ttl``) as a fresh rdflib Graph."""
    return _parse(SHAPES_FILE)


def _parse(name: str) -> rdflib.Graph:
    path = ontology_dir() / name
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise ValidationError(f"{path}: cannot parse: {exc}") from exc
    return graph


def _union(data: Union[rdflib.Graph, rdflib.Dataset]) -> rdflib.Graph:
    """All triples of every named graph (and the default graph) in one Graph."""
    if not isinstance(data, ConjunctiveGraph):   # rdflib.Dataset is a ConjunctiveGraph
        return data
    union = rdflib.Graph()
    for s, p, o, _ctx in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate(data_graph: Union[rdflib.Graph, rdflib.Dataset]) -> None:
    """Raise :class:`ValidationError` unless ``data_graph`` conforms to ``ontology/shapes.ttl``.

    ``data_graph`` is a Graph or a Dataset; a Dataset is checked as the union of its graphs.
    The error message has one line per violation, sorted::

        <focus> <path> = <value>: <what is wrong and how to fix it>

    Warnings and infos do not raise.
    """
    import pyshacl

    data = _union(data_graph)
    try:
        conforms, results, _text = pyshacl.validate(
            data, shacl_graph=load_shapes(), inference="none",
            abort_on_first=False, allow_warnings=True, allow_infos=True,
        )
    except Exception as exc:  # pyshacl's own errors mean the shapes, not the data, are broken
        raise ValidationError(f"SHACL validation could not run: {exc}") from exc
    if conforms:
        return
    if not isinstance(results, rdflib.Graph):  # pyshacl reports broken shapes this way
        raise ValidationError(f"SHACL validation could not run: {results}")
    # only top-level results: nested sh:detail results repeat them with less context
    lines = sorted({_describe(results, r) for r in results.objects(None, SH.result)
                    if (r, SH.resultSeverity, SH.Violation) in results})
    if not lines:  # pyshacl says no but gave no violation: report its text rather than nothing
        raise ValidationError(f"the graph does not conform to {SHAPES_FILE}:\n{_text}")
    shown = lines[:MAX_REPORTED]
    more = len(lines) - len(shown)
    tail = f"\n... and {more} more" if more else ""
    raise ValidationError(
        f"the graph does not conform to {SHAPES_FILE} ({len(lines)} violation"
        f"{'s' if len(lines) != 1 else ''}):\n" + "\n".join(shown) + tail
    )


def _describe(results: rdflib.Graph, result) -> str:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    if not messages:
        component = results.value(result, SH.sourceConstraintComponent)
        messages = [f"violates {_short(component)}"]
    where = _short(focus)
    if path is not None:
        where += f" {_short(path, results)}"
    if value is not None:
        where += f" = {_short(value)}"
    return f"{where}: {messages[0]}"


def _short(term, graph: rdflib.Graph | None = None) -> str:
    """A readable form: prefixed names, literals with a short datatype, paths as a/b."""
    if term is None:
        return "?"
    if isinstance(term, URIRef):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if str(term).startswith(ns) and len(str(term)) > len(ns):
                return f"{prefix}:{str(term)[len(ns):]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{term}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{_short(term.datatype)}"
        return text
    if isinstance(term, BNode) and graph is not None and graph.value(term, RDF.first) is not None:
        return "/".join(_short(step) for step in Collection(graph, term))
    return f"_:{term}"
