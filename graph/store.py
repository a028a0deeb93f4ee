"""The embedded Oxigraph store behind one small interface.

A graph directory (``govgraph build --out DIR``) holds:

* ``graph.trig``: the whole dataset (one named graph per document, the ontology, inferences);
* ``store/``: an on-disk Oxigraph store with the same quads, which every command reads;
* ``manifest.json``: what was built from what.

Queries see the union of all named graphs as their default graph. The store keeps that
union as a real default graph, each triple once: a triple that several documents state stands
in each of their named graphs, and a union taken on the fly repeats it once per graph, which
multiplies in every join (40 tellings of one event made one rule run for minutes). Named graphs
stay as they are for GRAPH queries; ``graph.trig`` holds only the named graphs.

Example::

    >>> st = Store.in_memory()
    >>> st.load_trig('<urn:g> { <urn:a> <urn:p> "x" . }')
    >>> st.select("SELECT ?o WHERE { ?s ?p ?o }")
    [{'o': 'x'}]
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Mapping, Optional

import pyoxigraph as ox

from graph.errors import InputError, QueryError
from graph.terms import PREFIXES

STORE_DIR = "store"
TRIG_FILE = "graph.trig"
MANIFEST_FILE = "manifest.json"


def to_ox(value):
    """A Python or rdflib value -> a pyoxigraph term (for query bindings)."""
    import datetime as dt

    from rdflib import BNode
    from rdflib import Literal as RLiteral
    from rdflib import URIRef

    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, RLiteral):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false",
                          datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    return ox.Literal(str(value))


def from_ox(term):
    """A pyoxigraph term -> a plain Python value: IRIs and literals become their string value."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dtype = term.datatype.value if term.datatype else ""
        if dtype.endswith(("#integer", "#int", "#long")):
            return int(term.value)
        if dtype.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        if dtype.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


class Store:
    """An Oxigraph store; on disk for a graph directory, in memory for tests."""

    def __init__(self, oxstore: ox.Store, directory: Optional[Path] = None):
        self.ox = oxstore
        self.directory = directory

    @classmethod
    def in_memory(cls) -> "Store":
        return cls(ox.Store())

    @classmethod
    def create(cls, directory: Path) -> "Store":
        """A new, empty on-disk store in ``directory/store``."""
        directory = Path(directory)
        (directory / STORE_DIR).mkdir(parents=True, exist_ok=True)
        return cls(ox.Store(str(directory / STORE_DIR)), directory)

    @classmethod
    def open(cls, directory) -> "Store":
        """Open a graph directory written by ``govgraph build``; read-only.

        Raises InputError when ``directory`` is not such a directory.
        """
        directory = Path(directory)
        if not (directory / STORE_DIR).is_dir():
            raise InputError(
                f"{directory}: not a govgraph graph directory (no {STORE_DIR}/ inside); "
                f"build one first with: govgraph build SOURCES... --out {directory}")
        try:
            return cls(ox.Store.read_only(str(directory / STORE_DIR)), directory)
        except OSError as e:
            raise InputError(f"{directory / STORE_DIR}: cannot open the store ({e}); "
                             f"rebuild it with govgraph build") from e

    # -- writing --------------------------------------------------------------
    def load_trig(self, data, graph=None) -> None:
        """Add TriG (str, bytes or a path) to the store."""
        kw = {}
        if isinstance(data, Path):
            kw["path"] = str(data)
        else:
            kw["input"] = data.encode("utf-8") if isinstance(data, str) else data
        self.add_quads(ox.parse(format=ox.RdfFormat.TRIG, **kw))

    def load_turtle(self, path: Path, graph) -> None:
        """Load a Turtle file into named graph ``graph``."""
        g = ox.NamedNode(str(graph))
        self.add_quads(ox.Quad(t.subject, t.predicate, t.object, g)
                       for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))

    def load_nquads(self, data: bytes) -> None:
        self.add_quads(ox.parse(input=data, format=ox.RdfFormat.N_QUADS))

    def add_quads(self, quads: Iterable) -> None:
        """Add quads to their named graphs and their triples to the default graph (once)."""
        quads = list(quads)
        union = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads
                 if not isinstance(q.graph_name, ox.DefaultGraph)]
        self.ox.extend(quads + union)

    def dump_trig(self, path: Path) -> None:
        """Write the named graphs (not the default graph, which is their union) as TriG."""
        prefixes = {k: v for k, v in PREFIXES.items() if k != "sh"}
        named = (q for q in self.ox if not isinstance(q.graph_name, ox.DefaultGraph))
        with open(path, "wb") as f:
            ox.serialize(named, f, format=ox.RdfFormat.TRIG, prefixes=prefixes)

    def flush(self) -> None:
        self.ox.flush()

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        return sum(1 for q in self.ox if not isinstance(q.graph_name, ox.DefaultGraph))

    # -- reading --------------------------------------------------------------
    def _run(self, query: str, bindings: Optional[Mapping] = None):
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            return self.ox.query(query, substitutions=subs or None, prefixes=dict(PREFIXES))
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {e}; check the query text") from e
        except OSError as e:
            raise QueryError(f"the store failed to answer the query: {e}") from e

    def select(self, query: str, bindings: Optional[Mapping] = None, raw: bool = False) -> list:
        """Run a SELECT; rows as dicts of variable -> Python value (or pyoxigraph term if raw)."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        rows = []
        for sol in result:
            row = {}
            for n in names:
                t = sol[n]
                row[n] = t if raw else from_ox(t)
            rows.append(row)
        return rows

    def construct(self, query: str, bindings: Optional[Mapping] = None) -> list:
        """Run a CONSTRUCT; a list of pyoxigraph Triples."""
        result = self._run(query, bindings)
        if isinstance(result, (ox.QuerySolutions, bool)):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return list(result)

    def ask(self, query: str, bindings: Optional[Mapping] = None) -> bool:
        result = self._run(query, bindings)
        if not isinstance(result, bool):
            raise QueryError("expected an ASK query")
        return result

    def query(self, query: str, bindings: Optional[Mapping] = None):
        """Run any query form; returns ``("select", variables, rows)``, ``("construct", triples)``
        or ``("ask", bool)``. Rows hold pyoxigraph terms."""
        result = self._run(query, bindings)
        if isinstance(result, bool):
            return ("ask", result)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return ("select", names, [{n: sol[n] for n in names} for sol in result])
        return ("construct", list(result))


def read_manifest(directory) -> dict:
    p = Path(directory) / MANIFEST_FILE
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}
