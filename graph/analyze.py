"""Network measures on the flow of information: who brokered it, and the path it took.

Only events that pass information on count here: Report and Informing (not those with
polarity "negative"), each an arc from its agent to its recipient.

* **betweenness**: the share of shortest information paths between two agents that run
  through an agent (networkx, normalised); the brokers of the affair.
* **path**: the shortest chain of arcs from an agent who reported (the agent of a Report) to
  the body (gg:Body) that was informed last, with the event behind each hop and whether the
  hops follow each other in time.

``analyze(store)`` returns plain data (for the view's panel and ``govgraph analyze``);
``format_analysis`` turns it into text. Example::

    >>> from graph.store import Store
    >>> format_analysis(analyze(Store.in_memory())).splitlines()[0]
    'Information flow: 0 agents, 0 arcs (Report and Informing events)'
"""
from __future__ import annotations

import networkx as nx

INFO_TYPES = ("Report", "Informing")
# betweenness is O(nodes x arcs); past this many nodes it is estimated from a seeded sample
_EXACT_MAX = 400
_SAMPLE = 200
TOP = 10


def analyze(store) -> dict:
    """The measures for the whole graph in ``store``; see the module docstring.

    Raises QueryError when the store cannot answer the view queries.
    """
    from graph.render.model import read_agents, read_events

    agents = read_agents(store)
    return analyze_events(agents, read_events(store))


def analyze_model(vm: dict) -> dict:
    """The measures for what a view model draws (its nodes and events)."""
    agents = {n["id"]: n for n in vm["nodes"]}
    return analyze_events(agents, vm["events"])


def _label(agents, a):
    return agents[a]["label"] if a in agents else a.rstrip("/").rsplit("/", 1)[-1]


def analyze_events(agents: dict, events: dict) -> dict:
    """The measures from ``{agent: {"label", "type"}}`` and ``{event: {...}}`` (view model shape)."""
    g = nx.DiGraph()
    reporters = {}
    informed_bodies = []
    for ev in sorted(events.values(), key=lambda e: (e["begin"] or "9999", e["id"])):
        if ev["type"] not in INFO_TYPES or ev.get("polarity") == "negative":
            continue
        for a in ev["agents"]:
            if ev["type"] == "Report":
                if a not in reporters or (ev["begin"] and (not reporters[a] or ev["begin"] < reporters[a])):
                    reporters[a] = ev["begin"]
            for b in ev["recipients"]:
                if a == b:
                    continue
                if not g.has_edge(a, b):
                    g.add_edge(a, b, events=[])
                g[a][b]["events"].append({"event": ev["id"], "type": ev["type"], "date": ev["begin"]})
        for b in ev["recipients"]:
            if agents.get(b, {}).get("type") == "Body" and ev["begin"] and ev["agents"]:
                informed_bodies.append((ev["end"] or ev["begin"], ev["begin"], b, ev["id"]))

    n = g.number_of_nodes()
    approximate = n > _EXACT_MAX
    if n > 2:
        bc = nx.betweenness_centrality(g, normalized=True, seed=42,
                                       k=_SAMPLE if approximate else None)
    else:
        bc = {a: 0.0 for a in g}
    ranked = sorted(((s, a) for a, s in bc.items() if s > 0), key=lambda t: (-t[0], t[1]))[:TOP]
    result = {
        "agents": n,
        "arcs": g.number_of_edges(),
        "approximate": approximate,
        "betweenness": [{"agent": a, "label": _label(agents, a), "score": round(s, 4)}
                        for s, a in ranked],
        "reporters": [{"agent": a, "label": _label(agents, a), "first": d}
                      for a, d in sorted(reporters.items(), key=lambda t: (t[1] or "9999", t[0]))],
        "lastInformed": None,
        "path": None,
    }
    if not informed_bodies:
        return result
    _, date, body, event = max(informed_bodies)
    result["lastInformed"] = {"agent": body, "label": _label(agents, body), "date": date,
                              "event": event}
    sources = [a for a in reporters if a in g and a != body]
    if not sources or body not in g:
        return result
    # one virtual start before every reporter gives the shortest path from any of them
    start = ("start",)
    g.add_edges_from((start, a) for a in sources)
    try:
        nodes = nx.shortest_path(g, start, body)[1:]
    except nx.NetworkXNoPath:
        return result
    finally:
        g.remove_node(start)
    hops, last, chronological = [], None, True
    for a, b in zip(nodes, nodes[1:]):
        options = sorted(g[a][b]["events"], key=lambda e: (e["date"] or "9999", e["event"]))
        fitting = [e for e in options if last is None or (e["date"] and e["date"] >= last)]
        pick = fitting[0] if fitting else options[0]
        if not fitting:
            chronological = False
        last = pick["date"] or last
        hops.append({"from": a, "to": b, **pick})
    result["path"] = {"agents": [{"agent": a, "label": _label(agents, a)} for a in nodes],
                      "hops": hops, "chronological": chronological}
    return result


def format_analysis(data: dict) -> str:
    """The measures as text for the terminal, one fact per line."""
    lines = [f"Information flow: {data['agents']} agents, {data['arcs']} arcs "
             f"(Report and Informing events)"]
    lines.append("")
    head = "Brokers (betweenness" + (", estimated from a sample" if data["approximate"] else "") + "):"
    lines.append(head)
    if data["betweenness"]:
        for item in data["betweenness"]:
            lines.append(f"  {item['score']:.3f}  {item['label']}")
    else:
        lines.append("  (none: no agent lies between two others)")
    lines.append("")
    lines.append("Reported first by:")
    if data["reporters"]:
        for r in data["reporters"]:
            lines.append(f"  {r['first'] or 'undated':<10}  {r['label']}")
    else:
        lines.append("  (no Report events)")
    lines.append("")
    last = data["lastInformed"]
    if last is None:
        lines.append("Body informed last: (no body was informed)")
        return "\n".join(lines)
    lines.append(f"Body informed last: {last['label']} ({last['date']})")
    path = data["path"]
    if path is None:
        lines.append("Information path: none from a reporter to that body")
        return "\n".join(lines)
    order = "in order of time" if path["chronological"] else "NOT in order of time"
    lines.append(f"Information path ({len(path['hops'])} hops, {order}):")
    labels = {p["agent"]: p["label"] for p in path["agents"]}
    for h in path["hops"]:
        lines.append(f"  {h['date'] or 'undated':<10}  {labels[h['from']]} -> {labels[h['to']]}"
                     f"  [{h['type']}]")
    return "\n".join(lines)
