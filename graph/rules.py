"""Inference: applies ``queries/rules/NN-*.rq`` (SPARQL CONSTRUCT) until nothing changes.

Each rule's triples go into the inferred named graph (:data:`graph.terms.INFERRED_GRAPH`).
Rules run in file-name order, round after round, until a round adds no new quad. Rules must
mint their IRIs deterministically (e.g. ``MD5`` of the inputs, never ``BNODE()``/``UUID()``),
or no fixpoint is reached; :func:`apply_rules` then stops with a QueryError.

Example::

    >>> st = Store.in_memory()                  # doctest: +SKIP
    >>> st.load_trig(path)                      # doctest: +SKIP
    >>> apply_rules(st)                         # doctest: +SKIP
    42
    >>> apply_rules(st)                         # doctest: +SKIP
    0
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

import pyoxigraph as ox

from graph.errors import QueryError
from graph.queries import Query, load_query
from graph.terms import INFERRED_GRAPH

MAX_ROUNDS = 20


def rules_dir() -> Path:
    from graph.resources import queries_dir

    return queries_dir() / "rules"


def load_rules(directory: Optional[Path] = None) -> list:
    """The rules in ``directory`` (default ``queries/rules``), in file-name order.

    Raises QueryError for a rule without a title, with a syntax error, or that is not a
    CONSTRUCT query.
    """
    directory = Path(directory) if directory else rules_dir()
    rules = [load_query(p) for p in sorted(directory.glob("[0-9][0-9]-*.rq"))]
    for rule in rules:
        if rule.form != "construct":
            raise QueryError(f"{rule.path}: a rule must be a CONSTRUCT query, not {rule.form.upper()}")
    return rules


def apply_rules(store, rules: Optional[Sequence[Query]] = None, max_rounds: int = MAX_ROUNDS) -> int:
    """Apply ``rules`` (default: :func:`load_rules`) to ``store`` until a fixpoint.

    Returns the number of quads this call added to the inferred graph (0 when the store
    already holds every inference). Raises QueryError when a rule fails or when the rules
    still add quads after ``max_rounds`` rounds.
    """
    rules = load_rules() if rules is None else list(rules)
    graph = ox.NamedNode(str(INFERRED_GRAPH))
    added = 0
    for _ in range(max_rounds):
        new_in_round = 0
        for rule in rules:
            try:
                triples = store.construct(rule.text)
            except QueryError as e:
                raise QueryError(f"rule {rule.path.name}: {e}") from e
            new = []
            seen = set()
            for t in triples:
                quad = ox.Quad(t.subject, t.predicate, t.object, graph)
                if quad not in seen and quad not in store.ox:
                    seen.add(quad)
                    new.append(quad)
            if new:
                store.add_quads(new)
                new_in_round += len(new)
        added += new_in_round
        if new_in_round == 0:
            return added
    raise QueryError(
        f"the rules still add quads after {max_rounds} rounds; a rule probably mints new IRIs or "
        f"blank nodes each time (use IRI(CONCAT(..., MD5(...))) of its inputs instead)")
