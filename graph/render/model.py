"""The view model: everything the HTML views show, read from the store with SPARQL.

The SPARQL lives in ``queries/views/*.rq``; this module only groups rows into a plain dict
that :func:`graph.render.html.render_html` embeds as JSON. Every IRI here comes from
:mod:`graph.terms`.

Shape of the dict (all values JSON-able; dates are ``YYYY-MM-DD`` strings)::

    {"title", "query", "eventTypes", "agentTypes",
     "nodes":  [{"id", "label", "type", "alts", "x", "y", "knowledge": [...], "knewSince"}],
     "edges":  [{"id", "event", "from", "to", "type", "self", "curve"}],
     "events": {event: {"type", "agents", "recipients", "begin", "end", "dateLabel", "timeText",
                        "precision", "matter", "matterLabel", "aboutText", "polarity",
                        "confidence", "sources", "quotes", "attributions"}},
     "documents": {doc: {"title", "publisher", "publisherLabel", "originalPublisherLabel",
                         "issued", "url", "sourceFile"}},
     "matters": {matter: label}, "dateRange": [first, last],
     "timeline": {"lanes": [agent...], "bars": [{"event", "lane"}]},
     "analysis": graph.analyze.analyze(...)}
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Optional

import pyoxigraph as ox

from graph.errors import QueryError, UsageError
from graph.render.layout import positions
from graph.terms import EVENT_CLASSES, GG

AGENT_TYPES = ("Person", "Body", "Organization", "Group", "Role")
# Events drawn as a loop on their agent's node rather than as an arrow between two agents.
SELF_TYPES = ("Resignation", "KnowledgeStatement")
_ALT_SEP = "\u001f"

_EVENT_TYPE = {str(getattr(GG, n)): n for n in EVENT_CLASSES}
_AGENT_TYPE = {str(getattr(GG, n)): n for n in AGENT_TYPES}
# the direct property each event class materialises (docs/graph-shape.md, "Export types")
_RELATION_TYPE = {
    str(GG.reportedTo): "Report", str(GG.informed): "Informing",
    str(GG.notInformed): "NonDisclosure", str(GG.agreedWith): "Agreement",
    str(GG.investigated): "Investigation", str(GG.commissioned): "Commissioning",
    str(GG.confronted): "Confrontation", str(GG.resigned): "Resignation",
    str(GG.knewOf): "KnowledgeStatement", str(GG.didNotKnow): "KnowledgeStatement",
}


def views_dir() -> Path:
    """The directory with the view queries (``queries/views``)."""
    from graph.resources import queries_dir

    return queries_dir() / "views"


def view_query(name: str) -> str:
    """The text of ``queries/views/NAME.rq``. Raises QueryError when it is missing."""
    path = views_dir() / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise QueryError(f"{path}: cannot read the view query ({e.strerror or e}); "
                         f"reinstall govgraph or restore the file") from e


def _select(store, name: str) -> list:
    try:
        return store.select(view_query(name))
    except QueryError as e:
        raise QueryError(f"queries/views/{name}.rq: {e}") from e


# -- reading ------------------------------------------------------------------------------------
def read_agents(store) -> dict:
    """``{agent: {"id", "label", "type", "alts"}}`` for every agent in the store."""
    priority = {t: i for i, t in enumerate(AGENT_TYPES)}
    agents = {}
    for r in _select(store, "agents"):
        a, t = r["agent"], _AGENT_TYPE.get(r["type"])
        if t is None:
            continue
        alts = sorted(x for x in (r.get("alts") or "").split(_ALT_SEP) if x)
        cur = agents.get(a)
        if cur is None:
            label = r.get("label") or a.rstrip("/").rsplit("/", 1)[-1]
            agents[a] = {"id": a, "label": label, "type": t, "alts": alts}
        else:  # an agent typed twice: keep the first type in AGENT_TYPES order
            if priority[t] < priority[cur["type"]]:
                cur["type"] = t
            if r.get("label") and cur["label"] == a.rstrip("/").rsplit("/", 1)[-1]:
                cur["label"] = r["label"]
            cur["alts"] = sorted(set(cur["alts"]) | set(alts))
    return agents


def _date_label(begin, end, precision) -> str:
    if not begin:
        return ""
    if not end or end == begin:
        return begin
    if precision == "year" or (begin[5:] == "01-01" and end[5:] == "12-31" and begin[:4] == end[:4]):
        return begin[:4]
    if precision == "month" or (begin[:7] == end[:7] and begin[8:] == "01"):
        return begin[:7]
    return f"{begin}/{end}"


def read_events(store) -> dict:
    """``{event: {...}}``, see the module docstring, without quotes and attributions."""
    events = {}
    for r in _select(store, "events"):
        t = _EVENT_TYPE.get(r["type"])
        if t is None:
            continue
        e = events.get(r["event"])
        if e is None:
            e = events[r["event"]] = {
                "id": r["event"], "type": t, "agents": [], "recipients": [], "sources": [],
                "begin": r.get("begin"), "end": r.get("end"), "timeText": r.get("timeText"),
                "precision": r.get("precision"), "matter": r.get("matter"),
                "matterLabel": r.get("matterLabel"), "aboutText": r.get("aboutText"),
                "polarity": r.get("polarity"), "confidence": r.get("confidence"),
                "quotes": [], "attributions": [],
            }
        else:
            # several begin dates (two time expressions): keep the earliest interval
            if r.get("begin") and (not e["begin"] or r["begin"] < e["begin"]):
                e["begin"], e["end"] = r["begin"], r.get("end")
        for key, col in (("agents", "agent"), ("recipients", "recipient"), ("sources", "source")):
            v = r.get(col)
            if v and v not in e[key]:
                e[key].append(v)
    for e in events.values():
        e["agents"].sort()
        e["recipients"].sort()
        e["sources"].sort()
        if e["end"] and e["begin"] and e["end"] < e["begin"]:
            e["end"] = e["begin"]
        e["dateLabel"] = _date_label(e["begin"], e["end"], e["precision"])
    return events


def _attach_evidence(store, events: dict) -> None:
    seen = set()
    for r in sorted(_select(store, "evidence"),
                    key=lambda r: (r["event"], r.get("start") or 0, r["evidence"])):
        e = events.get(r["event"])
        if e is None or not r.get("exact") or (r["evidence"], r["exact"]) in seen:
            continue
        seen.add((r["evidence"], r["exact"]))
        e["quotes"].append({"exact": r["exact"], "prefix": r.get("prefix"),
                            "suffix": r.get("suffix"), "doc": r.get("doc"), "page": r.get("page")})
    for r in sorted(_select(store, "attributions"), key=lambda r: (r["event"], r["who"])):
        e = events.get(r["event"])
        if e is None:
            continue
        item = {"who": r["who"], "whoLabel": r.get("whoLabel"), "cue": r.get("cue"),
                "doc": r.get("doc")}
        if item not in e["attributions"]:
            e["attributions"].append(item)


def read_documents(store) -> dict:
    docs = {}
    for r in _select(store, "documents"):
        d = docs.setdefault(r["doc"], {k: r.get(k) for k in (
            "title", "publisher", "publisherLabel", "originalPublisherLabel", "issued", "url",
            "sourceFile")})
        for k in d:  # a second row only fills gaps
            if d[k] is None and r.get(k) is not None:
                d[k] = r[k]
    return docs


def read_knowledge(store) -> dict:
    """``{agent: [{"matter", "matterLabel", "since", "basis", "derivation"}]}``, earliest first."""
    out = defaultdict(list)
    for r in _select(store, "knowledge"):
        item = {k: r.get(k) for k in ("matter", "matterLabel", "since", "basis", "derivation")}
        if item not in out[r["knower"]]:
            out[r["knower"]].append(item)
    for items in out.values():
        items.sort(key=lambda k: (k["since"] or "9999", k["matter"] or "", k["basis"] or ""))
    return dict(out)


# -- query mode -----------------------------------------------------------------------------------
def _load(name_or_path):
    """A named query, a path to a ``.rq`` file, or SPARQL text -> (name, text, Query or None)."""
    from graph import queries as q

    text = str(name_or_path)
    if "\n" in text or text.lstrip().upper().startswith(("SELECT", "CONSTRUCT", "PREFIX",
                                                            "DESCRIBE", "BASE")):
        return "ad-hoc query", text, None
    query = q.load_query(text)
    return query.name, query.text, query


def query_pairs(store, name_or_path, params: Optional[dict], agents: dict):
    """Run a query and return ``(name, [(from, to, type-or-None, label)])``.

    A CONSTRUCT gives its triples whose subject and object are both agents; a SELECT gives,
    per row, the first two columns that hold agents. Raises UsageError when the result has
    no pair of agents to draw.
    """
    from graph import queries as q

    name, text, query = _load(name_or_path)
    bindings = q.bindings_for(store, query, params) if query is not None else {}
    kind, *rest = store.query(text, bindings)
    pairs = []
    if kind == "construct":
        for t in rest[0]:
            s, o = t.subject, t.object
            if isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode) \
                    and s.value in agents and o.value in agents:
                p = t.predicate.value
                pairs.append((s.value, o.value, _RELATION_TYPE.get(p),
                              p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]))
    elif kind == "select":
        names, rows = rest
        for row in rows:
            found = [row[n].value for n in names
                     if isinstance(row[n], ox.NamedNode) and row[n].value in agents]
            if len(found) >= 2:
                pairs.append((found[0], found[1], None, name))
    else:
        raise UsageError(f"{name}: an ASK query has nothing to draw; give a CONSTRUCT or a "
                         f"SELECT whose rows hold two agents")
    if not pairs:
        raise UsageError(f"{name}: the result holds no pair of agents to draw; a CONSTRUCT must "
                         f"give triples between agents, a SELECT rows with two agent IRIs")
    return name, sorted(set(pairs))


# -- assembling ---------------------------------------------------------------------------------
def _edges_for(events: dict, agents: dict, only_pairs=None):
    """Edges for events; ``only_pairs`` ({(from, to): types or None}) restricts them."""
    edges = []
    for ev in sorted(events.values(), key=lambda e: (e["begin"] or "9999", e["id"])):
        srcs = [a for a in ev["agents"] if a in agents]
        dsts = [a for a in ev["recipients"] if a in agents]
        if ev["type"] in SELF_TYPES or not (srcs and dsts):
            ends = [(a, a) for a in (srcs or dsts)]
        else:
            ends = [(a, b) for a in srcs for b in dsts]
        for a, b in ends:
            if only_pairs is not None:
                types = only_pairs.get((a, b), False)
                if types is False or (types is not None and ev["type"] not in types):
                    continue
            edges.append({"id": f"{ev['id']}|{a}|{b}", "event": ev["id"], "from": a, "to": b,
                          "type": ev["type"], "self": a == b})
    return edges


def _number_parallel(edges: list) -> None:
    """``curve``: 0 for a lone edge, 1, 2, ... for parallel edges or loops on the same pair."""
    groups = defaultdict(list)
    for e in edges:
        groups[frozenset((e["from"], e["to"]))].append(e)
    for group in groups.values():
        if len(group) == 1 and not group[0]["self"]:
            group[0]["curve"] = 0
        else:
            for i, e in enumerate(group, 1):
                e["curve"] = i


def _timeline(nodes: list, events: dict, node_ids: set) -> dict:
    """One lane per agent; each event on the lane of its first agent (else first recipient)."""
    bars, used = [], set()
    for ev in sorted(events.values(), key=lambda e: (e["begin"] or "9999", e["id"])):
        if not ev["begin"]:
            continue
        lane = next((a for a in ev["agents"] if a in node_ids), None) or \
            next((a for a in ev["recipients"] if a in node_ids), None)
        if lane is None:
            continue
        bars.append({"event": ev["id"], "lane": lane})
        used.add(lane)
    first = {n["id"]: n["knewSince"] for n in nodes}
    lanes = sorted((n for n in node_ids if n in used or first.get(n)),
                   key=lambda n: (first.get(n) or "9999", n))
    return {"lanes": lanes, "bars": bars}


def view_model(store, query_name=None, params: Optional[dict] = None,
               title: Optional[str] = None, with_analysis: bool = True) -> dict:
    """Everything the views draw, read from ``store`` through ``queries/views/*.rq``.

    With ``query_name`` (a named query, a path to a ``.rq`` file, or SPARQL text) only the
    agents and relations in that query's result are drawn: the events behind each pair when
    there are any, else a plain edge labelled with the relation. ``params`` are the query's
    parameters (as from :func:`graph.queries.parse_params`, or raw strings).

    Raises QueryError when a view query fails and UsageError for a query with nothing to draw.

    >>> from graph.store import Store
    >>> view_model(Store.in_memory())["nodes"]
    []
    """
    agents = read_agents(store)
    events = read_events(store)
    _attach_evidence(store, events)
    documents = read_documents(store)
    knowledge = read_knowledge(store)

    qname = None
    if query_name is not None:
        qname, pairs = query_pairs(store, query_name, params, agents)
        wanted = defaultdict(set)
        for a, b, t, _ in pairs:
            wanted[(a, b)].add(t)
        only = {k: (None if None in v else v) for k, v in wanted.items()}
        edges = _edges_for(events, agents, only)
        drawn = {(e["from"], e["to"]) for e in edges}
        for a, b, t, label in pairs:  # a relation with no event behind it: a plain edge
            if (a, b) not in drawn:
                edges.append({"id": f"query|{a}|{b}|{label}", "event": None, "from": a, "to": b,
                              "type": t or "Query", "self": a == b, "label": label})
                drawn.add((a, b))
        node_ids = {e["from"] for e in edges} | {e["to"] for e in edges}
        shown = {e["event"] for e in edges if e["event"]}
        events = {k: v for k, v in events.items() if k in shown}
    else:
        edges = _edges_for(events, agents)
        node_ids = set(agents)
    _number_parallel(edges)

    # layout over the pairs that have events; a loop adds nothing to it
    pos = positions(sorted(node_ids), [(e["from"], e["to"]) for e in edges])
    nodes = []
    for a in sorted(node_ids):
        info = agents[a]
        kn = knowledge.get(a, [])
        sinces = [k["since"] for k in kn if k["since"]]
        nodes.append({**info, "x": pos[a][0], "y": pos[a][1], "knowledge": kn,
                      "knewSince": min(sinces) if sinces else None})

    used_docs = {d for e in events.values() for d in e["sources"]}
    used_docs |= {q["doc"] for e in events.values() for q in e["quotes"] if q["doc"]}
    matters = {}
    for e in events.values():
        if e["matter"]:
            matters.setdefault(e["matter"], e["matterLabel"] or e["matter"].rsplit("/", 1)[-1])
    for items in knowledge.values():
        for k in items:
            if k["matter"]:
                matters.setdefault(k["matter"], k["matterLabel"] or k["matter"].rsplit("/", 1)[-1])
    dates = [d for e in events.values() for d in (e["begin"], e["end"]) if d]
    dates += [n["knewSince"] for n in nodes if n["knewSince"]]
    vm = {
        "title": title or (f"govgraph: {qname}" if qname else "govgraph: wie wist wat wanneer"),
        "query": qname,
        "eventTypes": list(EVENT_CLASSES),
        "agentTypes": list(AGENT_TYPES),
        "nodes": nodes,
        "edges": edges,
        "events": events,
        "documents": {k: v for k, v in sorted(documents.items()) if k in used_docs},
        "matters": dict(sorted(matters.items())),
        "dateRange": [min(dates), max(dates)] if dates else [None, None],
        "timeline": _timeline(nodes, events, node_ids),
    }
    if with_analysis:
        from graph.analyze import analyze_events

        vm["analysis"] = analyze_events(agents, events)
    return vm
