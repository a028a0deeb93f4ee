"""Load the Dutch lexicon (``graph/lexicon/nl/<name>.yaml``) and check its entries.

The loader is generic: it reads and parses one YAML file and hands back the data.
Each consumer (time words, frames, roles) validates its own entries with :func:`require`
and :func:`choice`, so that every error names the file, the entry and the field, and,
where a fixed set applies, the valid choices.

Example::

    >>> data = load_yaml("time")
    >>> months = require(data, "months", dict, "time.yaml", "months")
    >>> require(months["entries"][0], "forms", list, "time.yaml", "months[1]")
    ['januari']
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Iterable

import yaml

from graph.errors import LexiconError

LEXICON_DIR = Path(__file__).resolve().parent / "nl"

_MISSING = object()


def lexicon_path(name: str) -> Path:
    """The path of lexicon file ``name`` (without ``.yaml``); it need not exist."""
    return LEXICON_DIR / f"{name}.yaml"


def available() -> list[str]:
    """Names of the lexicon files present, e.g. ``["roles", "time"]``."""
    return sorted(p.stem for p in LEXICON_DIR.glob("*.yaml"))


@functools.lru_cache(maxsize=None)
def _load_cached(path: str) -> Any:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{p.name}: cannot read lexicon file {p}: {exc.strerror}") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise LexiconError(f"{p.name}:{where}: invalid YAML: {problem}") from exc


def load_yaml(name: str) -> Any:
    """Read and parse ``graph/lexicon/nl/<name>.yaml`` and return its data (cached).

    Raises :class:`LexiconError` when the file is missing (listing the files that exist),
    unreadable or not valid YAML (with line and column). The result is shared between
    callers: treat it as read-only.
    """
    if not name or "/" in name or "\\" in name or name.endswith(".yaml"):
        raise LexiconError(f"lexicon name {name!r}: give a bare name such as 'time'; "
                           f"valid choices: {', '.join(available()) or '(none)'}")
    path = lexicon_path(name)
    if not path.is_file():
        raise LexiconError(f"{name}.yaml: no such lexicon file in {LEXICON_DIR}; "
                           f"valid choices: {', '.join(available()) or '(none)'}")
    data = _load_cached(str(path))
    if data is None:
        raise LexiconError(f"{name}.yaml: the file is empty")
    return data


def _type_names(types: type | tuple) -> str:
    types = types if isinstance(types, tuple) else (types,)
    names = {"str": "text", "int": "a whole number", "list": "a list", "dict": "a mapping",
             "bool": "true/false", "float": "a number", "NoneType": "null"}
    return " or ".join(names.get(t.__name__, t.__name__) for t in types)


def require(entry: Any, field: str, types: type | tuple, file: str, entry_id: Any,
            default: Any = _MISSING) -> Any:
    """Return ``entry[field]`` after checking that it is present and of ``types``.

    ``file`` and ``entry_id`` only serve the error message, e.g.
    ``time.yaml: entry 'najaar': field 'months' must be a list, got text 'sep-nov'``.
    With ``default`` given, a missing field returns the default instead of raising.
    ``bool`` is not accepted where ``int`` is asked.
    """
    if not isinstance(entry, dict):
        raise LexiconError(f"{file}: entry {entry_id!r}: must be a mapping of fields, "
                           f"got {type(entry).__name__}")
    if field not in entry:
        if default is not _MISSING:
            return default
        raise LexiconError(f"{file}: entry {entry_id!r}: field {field!r} is missing "
                           f"(expected {_type_names(types)}); fields present: "
                           f"{', '.join(map(str, entry)) or '(none)'}")
    value = entry[field]
    tuple_types = types if isinstance(types, tuple) else (types,)
    bad_bool = isinstance(value, bool) and bool not in tuple_types
    if bad_bool or not isinstance(value, tuple_types):
        raise LexiconError(f"{file}: entry {entry_id!r}: field {field!r} must be "
                           f"{_type_names(types)}, got {_type_names(type(value))} {value!r}")
    return value


def choice(entry: Any, field: str, choices: Iterable[Any], file: str, entry_id: Any,
           default: Any = _MISSING) -> Any:
    """Return ``entry[field]`` after checking it is one of ``choices``.

    The message lists the valid choices, e.g.
    ``time.yaml: entry 'gisteren': field 'unit' is 'dg'; valid choices: day, week, month, year``.
    """
    choices = list(choices)
    if isinstance(entry, dict) and field not in entry and default is not _MISSING:
        return default
    value = require(entry, field, (str, int, type(None)), file, entry_id)
    if value not in choices:
        raise LexiconError(f"{file}: entry {entry_id!r}: field {field!r} is {value!r}; "
                           f"valid choices: {', '.join(map(str, choices))}")
    return value


def str_list(entry: Any, field: str, file: str, entry_id: Any, default: Any = _MISSING,
             allow_empty: bool = False) -> list[str]:
    """Return ``entry[field]`` as a list of non-empty strings (a single string is not a list)."""
    values = require(entry, field, list, file, entry_id, default)
    if not values and not allow_empty and values is not default:
        raise LexiconError(f"{file}: entry {entry_id!r}: field {field!r} is an empty list")
    for i, v in enumerate(values):
        if not isinstance(v, str) or not v.strip():
            raise LexiconError(f"{file}: entry {entry_id!r}: field {field!r} item {i + 1} "
                               f"must be non-empty text, got {v!r}")
    return values
