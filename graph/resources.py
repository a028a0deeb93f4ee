"""Finds govgraph's data directories in a source checkout and in an installed wheel.

An installed package carries its data under ``graph/_data/<name>`` (package-data
``_data/**/*`` in pyproject.toml); a source checkout keeps it at the repository's top level
(the parent of ``graph/``). Each function looks in that order and returns the first directory
that exists.

Example::

    >>> (ontology_dir() / "governance.ttl").is_file()
    True
"""
from __future__ import annotations

from pathlib import Path

from graph.errors import InputError

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _find(name: str, *extra: Path) -> Path:
    candidates = (_PACKAGE / "_data" / name, *extra, _CHECKOUT / name)
    for path in candidates:
        if path.is_dir():
            return path
    tried = ", ".join(str(p) for p in candidates)
    raise InputError(
        f"govgraph's {name!r} directory is missing (looked in {tried}); "
        "reinstall govgraph or run it from a source checkout"
    )


def ontology_dir() -> Path:
    """The directory with ``governance.ttl``, ``shapes.ttl`` and ``example.trig``."""
    return _find("ontology")


def queries_dir() -> Path:
    """The directory with the named ``*.rq`` queries and ``rules/``."""
    return _find("queries")


def lexicon_dir() -> Path:
    """The lexicon directory, with one subdirectory per language (``nl/*.yaml``).

    The lexicon ships inside the package (``graph/lexicon``), so that is looked at second.
    """
    return _find("lexicon", _PACKAGE / "lexicon")


def seeds_dir() -> Path:
    """The directory with the seed documents (``*.txt`` with front matter)."""
    return _find("seeds")
