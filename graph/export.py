"""Export events and entities in the contract of ``../shared/eval/README.md`` (beside the checkout).

``export_events`` gives one dict per (event, source document)::

    {"id": IRI, "type": "reportedTo", "agents": [{"id", "label", "aliases"}], "recipients": [...],
     "time": {"text": "oktober 2020", "begin": "2020-10", "end": "2020-10"} or None,
     "document": {"id": IRI, "source": "000_x.txt"}, "quote": "...", "confidence": 0.85}

``export_entities`` one dict per agent::

    {"id": IRI, "type": "Person", "label": "...", "aliases": [...], "documents": ["000_x.txt"]}

The SPARQL lives in ``queries/export/*.rq``; this module only assembles rows. Output is sorted,
so the same graph always gives the same lines.

Example::

    >>> rows = export_events(store)                       # doctest: +SKIP
    >>> write_rows(rows, "jsonl", sys.stdout)             # doctest: +SKIP
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import IO, Iterable

from graph.errors import UsageError
from graph.queries import load_query
from graph.terms import GG, GG_NS

FORMATS = ("jsonl", "csv")

# event class -> the direct property whose local name is the export type (docs/graph-shape.md)
_TYPE_OF = {
    GG.Report: GG.reportedTo,
    GG.Informing: GG.informed,
    GG.NonDisclosure: GG.notInformed,
    GG.Agreement: GG.agreedWith,
    GG.Investigation: GG.investigated,
    GG.Commissioning: GG.commissioned,
    GG.Confrontation: GG.confronted,
    GG.Resignation: GG.resigned,
}
_ENTITY_TYPES = (GG.Person, GG.Organization, GG.Body, GG.Group, GG.Role)
# hand-made graphs may leave out gg:confidence: an asserted fact counts as certain
_DEFAULT_CONFIDENCE = 1.0


def _local(iri) -> str:
    return str(iri)[len(GG_NS):] if str(iri).startswith(GG_NS) else str(iri).rsplit("/", 1)[-1]


def _export_query(name: str):
    from graph.resources import queries_dir

    return load_query(Path(queries_dir()) / "export" / f"{name}.rq")


def _select(store, name: str) -> list:
    return store.select(_export_query(name).text)


def _event_type(cls: str, polarity) -> str:
    if cls == str(GG.KnowledgeStatement):
        return _local(GG.didNotKnow if polarity == "negative" else GG.knewOf)
    return _local(_TYPE_OF[next(c for c in _TYPE_OF if str(c) == cls)])


def _names(store) -> dict:
    """IRI -> (label, aliases): the smallest rdfs:label is the label, the rest are aliases."""
    labels, alts = defaultdict(set), defaultdict(set)
    for r in _select(store, "labels"):
        (labels if r["kind"] == "label" else alts)[r["x"]].add(r["name"])
    out = {}
    for x in set(labels) | set(alts):
        ordered = sorted(labels[x]) or sorted(alts[x])
        label = ordered[0]
        out[x] = (label, sorted((labels[x] | alts[x]) - {label}))
    return out


def _party(iri: str, names: dict) -> dict:
    label, aliases = names.get(iri, (iri.rsplit("/", 1)[-1], []))
    return {"id": iri, "label": label, "aliases": aliases}


def export_events(store) -> list:
    """The events of ``store`` as contract dicts, one per (event, source document), sorted by
    source file, begin and IRI. Events of other classes are left out."""
    names = _names(store)
    # (event, doc) -> the parties that document states; (event, None) -> all of them
    parties = defaultdict(lambda: {"agent": set(), "recipient": set()})
    per_doc = set()
    for r in _select(store, "event-parties"):
        parties[(r["event"], None)][r["side"]].add(r["party"])
        if r.get("doc") is not None:
            parties[(r["event"], r["doc"])][r["side"]].add(r["party"])
            per_doc.add(r["event"])
    lines = {}
    for r in _select(store, "events"):
        key = (r["event"], r["doc"])
        line = lines.setdefault(key, {"class": set(), "polarity": set(), "confidence": set(),
                                      "source": set(), "text": set(), "begin": set(), "end": set(),
                                      "begin_date": set(), "end_date": set(), "quote": set()})
        for field, col in (("class", "class"), ("polarity", "polarity"), ("confidence", "confidence"),
                           ("source", "source_file"), ("text", "time_text"), ("begin", "begin"),
                           ("end", "end"), ("begin_date", "begin_date"), ("end_date", "end_date"),
                           ("quote", "quote")):
            if r.get(col) is not None:
                line[field].add(r[col])
    out = []
    for (event, doc), v in lines.items():
        # an event several documents tell: each line has its own source's participants
        told = parties[(event, doc) if event in per_doc else (event, None)]
        cls = min(v["class"])  # one class per event in a well-formed graph
        polarity = "negative" if "negative" in v["polarity"] else (min(v["polarity"]) if v["polarity"] else None)
        out.append({
            "id": event,
            "type": _event_type(cls, polarity),
            "agents": [_party(p, names) for p in sorted(told["agent"])],
            "recipients": [_party(p, names) for p in sorted(told["recipient"])],
            "time": _time(v),
            "document": {"id": doc, "source": min(v["source"]) if v["source"] else None},
            "quote": min(v["quote"]) if v["quote"] else "",
            "confidence": max(v["confidence"]) if v["confidence"] else _DEFAULT_CONFIDENCE,
        })
    out.sort(key=lambda e: (e["document"]["source"] or e["document"]["id"],
                            (e["time"] or {}).get("begin") or "9999", e["id"]))
    return out


def _time(v: dict):
    """The contract's time object: the Instant literals' precision, else the flattened dates."""
    begin = min(v["begin"]) if v["begin"] else (min(v["begin_date"]) if v["begin_date"] else None)
    end = max(v["end"]) if v["end"] else (max(v["end_date"]) if v["end_date"] else None)
    text = min(v["text"]) if v["text"] else None
    if begin is None and end is None and text is None:
        return None
    return {"text": text, "begin": begin, "end": end if end is not None else begin}


def export_entities(store) -> list:
    """The agents of ``store`` (Person, Organization, Body, Group, Role) as contract dicts,
    sorted by IRI; ``documents`` are the source file names the agent is mentioned in."""
    names = _names(store)
    classes = defaultdict(set)
    for r in _select(store, "entities"):
        classes[r["entity"]].add(r["class"])
    documents = defaultdict(set)
    for r in _select(store, "entity-documents"):
        documents[r["entity"]].add(r["source_file"])
    out = []
    for entity in sorted(classes):
        # an agent typed twice gets the first type in the ontology's order
        cls = next(c for c in _ENTITY_TYPES if str(c) in classes[entity])
        party = _party(entity, names)
        out.append({"id": entity, "type": _local(cls), "label": party["label"],
                    "aliases": party["aliases"], "documents": sorted(documents[entity])})
    return out


# -- writing ------------------------------------------------------------------------------------
def _flat(value):
    """A csv cell: lists joined with "; ", agent-like objects as their label."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        return value.get("label") or value.get("text") or value.get("source") or value.get("id") or ""
    return value


def _csv_row(row: dict) -> dict:
    """Nested objects without a label (time, document) become ``field.key`` columns."""
    out = {}
    for k, v in row.items():
        if isinstance(v, dict) and "label" not in v:
            for sub, sv in v.items():
                out[f"{k}.{sub}"] = _flat(sv)
        elif v is None and k == "time":
            out.update({"time.text": "", "time.begin": "", "time.end": ""})
        else:
            out[k] = _flat(v)
    return out


def write_rows(rows: Iterable[dict], fmt: str, stream: IO[str]) -> None:
    """Write ``rows`` to ``stream`` as ``jsonl`` (one JSON object a line) or ``csv`` (header
    from the fields in order of first appearance). Raises UsageError for another format."""
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        flat = [_csv_row(r) for r in rows]
        columns = []
        for r in flat:
            columns += [k for k in r if k not in columns]
        w = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n", restval="")
        w.writeheader()
        w.writerows(flat)
        return
    raise UsageError(f"unknown format {fmt!r}; the formats are: {', '.join(FORMATS)}")
