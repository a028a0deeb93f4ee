"""The HTML views: a knowledge-flow graph (vis-network) and a timeline (plotly) in one
self-contained page that loads nothing from the network.

Example::

    >>> from graph.store import Store
    >>> vm = view_model(Store.in_memory())
    >>> sorted(vm)[:4]
    ['agentTypes', 'analysis', 'dateRange', 'documents']
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from graph.render.html import render_html
from graph.render.model import view_model


def render(store, out_path, query=None, params: Optional[dict] = None,
           title: Optional[str] = None) -> Path:
    """Render the whole graph in ``store`` (or, with ``query``, the result of that named or
    ad-hoc query) to the HTML file ``out_path``; returns the path.

    Raises QueryError, UsageError (a query with nothing to draw) or InputError (cannot write).
    """
    return render_html(view_model(store, query, params, title=title), out_path, title=title)


__all__ = ["view_model", "render_html", "render"]
