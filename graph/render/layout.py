"""Node positions for the knowledge-flow graph, computed once in Python.

The browser then draws with physics off: vis-network's own physics needs about a minute to
settle at 1,000 nodes (docs: shared measurements), a precomputed layout draws in a second.
The layout is seeded, so the same graph gives the same picture.
"""
from __future__ import annotations

import math

import networkx as nx

SEED = 42
# Past these sizes the exact layouts cost too much: kamada_kawai is cubic in nodes, spring
# layout costs about a second per iteration at 5,000 nodes.
_KAMADA_KAWAI_MAX = 150
_SPRING_FULL_MAX = 1000


def positions(node_ids, pairs, spacing: float = 140.0) -> dict:
    """``{node: (x, y)}`` in pixels for the nodes and the undirected ``pairs`` between them.

    Connected components are laid out one by one and packed on a grid, biggest first, so a
    few isolated agents do not crush the main component into a corner.

    >>> pos = positions(["a", "b", "c"], [("a", "b")])
    >>> sorted(pos) == ["a", "b", "c"]
    True
    """
    g = nx.Graph()
    g.add_nodes_from(node_ids)
    for a, b in pairs:
        if a != b:
            w = g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1
            g.add_edge(a, b, weight=w)
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    placed = {}
    cursor_x, cursor_y, row_h, row_w = 0.0, 0.0, 0.0, None
    for comp in comps:
        local = _component_layout(g.subgraph(comp))
        # scale the unit layout so that the average node has about `spacing` px around it
        radius = spacing * max(1.5, math.sqrt(len(comp))) if len(comp) > 1 else 0.0
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
        span = max(maxx - minx, maxy - miny) or 1.0
        w = (maxx - minx) / span * 2 * radius + spacing
        h = (maxy - miny) / span * 2 * radius + spacing
        if row_w is None:
            row_w = max(w * 1.5, spacing * 8)
        if cursor_x > 0 and cursor_x + w > row_w:
            cursor_x, cursor_y, row_h = 0.0, cursor_y + row_h, 0.0
        for n, (x, y) in local.items():
            placed[n] = (round(cursor_x + (x - minx) / span * 2 * radius, 1),
                         round(cursor_y + (y - miny) / span * 2 * radius, 1))
        cursor_x += w
        row_h = max(row_h, h)
    return placed


def _component_layout(sub) -> dict:
    n = sub.number_of_nodes()
    if n == 1:
        return {next(iter(sub.nodes)): (0.0, 0.0)}
    if n == 2:
        a, b = sorted(sub.nodes)
        return {a: (0.0, 0.0), b: (1.0, 0.0)}
    if n <= _KAMADA_KAWAI_MAX:
        start = nx.circular_layout(sorted(sub.nodes))
        return nx.kamada_kawai_layout(sub, pos=start)
    if n <= _SPRING_FULL_MAX:
        return nx.spring_layout(sub, seed=SEED, iterations=50)
    # big: a spectral start, then a few spring steps, to keep the build in seconds
    iterations = max(5, int(50 * _SPRING_FULL_MAX / n))
    return nx.spring_layout(sub, seed=SEED, iterations=iterations, pos=nx.spectral_layout(sub))
