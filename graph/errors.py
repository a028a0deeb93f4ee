"""The one exception tree of govgraph.

Library code raises these; only :mod:`graph.cli` prints them and picks an exit code.
Every message says what was wrong, where, and how to fix it.
"""


class GovgraphError(Exception):
    """Base of every error govgraph raises on purpose."""

    exit_code = 1


class InputError(GovgraphError):
    """A source document or a graph directory cannot be used (exit 1)."""


class UsageError(GovgraphError):
    """The command was called the wrong way: unknown query, malformed parameter (exit 2)."""

    exit_code = 2


class LexiconError(GovgraphError):
    """A lexicon YAML file is invalid; the message names file, entry and field."""


class QueryError(GovgraphError):
    """A SPARQL file cannot be read, parsed or run."""


class FrogError(GovgraphError):
    """Frog is missing, did not start, or failed on a text."""


class ValidationError(GovgraphError):
    """The built graph does not conform to ontology/shapes.ttl."""
