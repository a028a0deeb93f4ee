"""Deterministic IRIs: the same input always gives the same names; no raw text in an IRI."""
from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from graph.extract.entities import slug
from graph.terms import GRAPH_NS, ID_NS


def _h(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def _safe(doc_id: str) -> str:
    """Document ids keep their file stem (scorers compare it), minus characters unsafe in IRIs."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", doc_id).strip("-") or "doc"


def doc(doc_id: str) -> URIRef:
    return URIRef(f"{ID_NS}doc/{_safe(doc_id)}")


def doc_graph(doc_id: str) -> URIRef:
    return URIRef(f"{GRAPH_NS}doc/{_safe(doc_id)}")


def agent(key: str) -> URIRef:
    return URIRef(f"{ID_NS}agent/{slug(key)}")


def matter(key: str) -> URIRef:
    return URIRef(f"{ID_NS}matter/{slug(key)}")


def post(key: str) -> URIRef:
    return URIRef(f"{ID_NS}post/{slug(key)}")


def tenure(post_key: str, holder: str) -> URIRef:
    return URIRef(f"{ID_NS}tenure/{_h(post_key, holder)}")


def event_key(source: str, start: int, end: int, etype: str) -> str:
    return _h(source, start, end, etype)


def event(key: str) -> URIRef:
    return URIRef(f"{ID_NS}event/{key}")


def time(key: str, part: str = "") -> URIRef:
    return URIRef(f"{ID_NS}time/{key}{'-' + part if part else ''}")


def evidence(key: str, part: str = "") -> URIRef:
    return URIRef(f"{ID_NS}evidence/{key}{'-' + part if part else ''}")


def attribution(key: str) -> URIRef:
    return URIRef(f"{ID_NS}attribution/{key}")


def event_group_key(members, etype: str) -> str:
    """The key of one event told by several documents: a hash of its tellings' sorted
    (source, start, end) and its type, so the same tellings always give the same IRI."""
    return _h("group", etype, *(f"{s}:{a}-{b}" for s, a, b in sorted(members)))
