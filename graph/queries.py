"""Named SPARQL queries: ``queries/*.rq`` files with a comment header, run with typed parameters.

A query file opens with a header of ``#`` lines::

    # title: Who knew, as of a date
    # description: Every agent who knew of the matter on that date, with the earliest date,
    #   the event and the quote that show it.       (indented ``#`` lines continue a field)
    # param: as_of date 9999-12-31 The day to look at
    # param: matter matter - The matter (IRI or label); all matters when left out
    # output: agent agent_label since event quote source      (optional)

``param`` is ``name type default [help]``; the types are those in :data:`PARAM_TYPES`, and
the default ``-`` leaves the parameter unbound. A parameter is bound by Oxigraph through a
substitution, never pasted into the text, and Oxigraph can only substitute a variable of the
SELECT projection: so the query projects ``?as_of``, and :func:`run` leaves parameter columns
out of the result unless ``output`` names them.

Example::

    >>> q = load_query("who-knew")
    >>> params = parse_params(["as_of=2020-12-31"], q)
    >>> result = run(store, q, params)                       # doctest: +SKIP
    >>> print(format_result(result, "table"))                # doctest: +SKIP
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import pyoxigraph as ox

from graph.errors import QueryError, UsageError
from graph.terms import ID_NS, PREFIXES

PARAM_TYPES = ("date", "string", "iri", "integer", "agent", "matter")
FORMATS = ("table", "csv", "json")
_HEADER_KEYS = ("title", "description", "param", "output")
_EXAMPLES = {
    "date": "2020-12-31",
    "string": "Ivens",
    "iri": f"{ID_NS}agent/femke-halsema",
    "integer": "3",
    "agent": "Halsema",
    "matter": "ivens",
}


@dataclass(frozen=True)
class Param:
    """One parameter of a query: ``default`` is the raw text, None when unbound."""

    name: str
    type: str
    default: Optional[str] = None
    help: str = ""


@dataclass(frozen=True)
class Query:
    """A parsed ``.rq`` file. ``variables`` is the SELECT projection (empty for CONSTRUCT/ASK)."""

    name: str
    path: Path
    title: str
    description: str
    text: str
    params: tuple = ()
    output: tuple = ()
    variables: tuple = ()
    form: str = "select"

    def param(self, name: str) -> Optional[Param]:
        return next((p for p in self.params if p.name == name), None)

    @property
    def columns(self) -> list:
        """The columns :func:`run` returns: ``output``, or the projection without parameters."""
        if self.output:
            return list(self.output)
        hidden = {p.name for p in self.params}
        return [v for v in self.variables if v not in hidden]


@dataclass
class Result:
    """What :func:`run` returns: column names and rows (dicts column -> Python value or None)."""

    columns: list
    rows: list = field(default_factory=list)


# -- loading ------------------------------------------------------------------------------------
def _queries_dir() -> Path:
    from graph.resources import queries_dir

    return queries_dir()


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def list_queries(directory: Optional[Path] = None) -> list:
    """Every named query (``queries/*.rq``, not the ``rules/`` or ``export/`` subdirectories),
    sorted by name. Raises QueryError for a file that does not parse."""
    directory = Path(directory) if directory else _queries_dir()
    return [load_query(p) for p in sorted(directory.glob("*.rq"))]


def load_query(name_or_path, directory: Optional[Path] = None) -> Query:
    """A query by name (``who-knew`` -> ``queries/who-knew.rq``) or by path to a ``.rq`` file.

    Raises UsageError for an unknown name (listing the available ones) and QueryError for a
    file without a title, with a malformed header, or with a SPARQL syntax error (naming the
    file and the line).
    """
    text_name = str(name_or_path)
    path = Path(text_name)
    if not (text_name.endswith(".rq") or path.is_file()):
        directory = Path(directory) if directory else _queries_dir()
        path = directory / f"{text_name}.rq"
        if not path.is_file():
            names = ", ".join(p.stem for p in sorted(directory.glob("*.rq"))) or "(none)"
            raise UsageError(f"unknown query {text_name!r}; the available queries are: {names}")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise QueryError(f"{_display(path)}: cannot read the query file ({e.strerror or e})") from e
    except UnicodeDecodeError as e:
        raise QueryError(f"{_display(path)}: not UTF-8 text ({e.reason}); save it as UTF-8") from e
    return parse_query(text, path)


def parse_query(text: str, path: Path) -> Query:
    """Parse a query's header and check its SPARQL; see :func:`load_query`."""
    where = _display(path)
    fields = {"title": "", "description": "", "output": ""}
    params, last = [], None
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped[1:]
        m = re.match(r"\s*([a-z_]+)\s*:\s?(.*)$", body)
        if m and m.group(1) in _HEADER_KEYS:
            key, value = m.group(1), m.group(2).strip()
            if key == "param":
                params.append(_parse_param_line(value, where, lineno, params))
                last = None
            else:
                fields[key] = value
                last = key
        elif last and body.startswith(("  ", "\t")) and body.strip():
            fields[last] = f"{fields[last]} {body.strip()}"  # continuation line
        else:
            last = None
    if not fields["title"]:
        raise QueryError(f"{where}: the header has no title; start the file with a line "
                         f"'# title: What the query answers'")
    form, variables = _check_sparql(text, where)
    output = tuple(fields["output"].replace(",", " ").split())
    if form == "select":
        for p in params:
            if p.name not in variables:
                raise QueryError(
                    f"{where}: parameter {p.name!r} is not in the SELECT projection; add ?{p.name} "
                    f"to it (Oxigraph binds parameters only through projected variables)")
        for col in output:
            if col not in variables:
                raise QueryError(f"{where}: output column {col!r} is not in the SELECT projection; "
                                 f"the projection has: {', '.join(variables)}")
    return Query(name=path.stem, path=path, title=fields["title"],
                 description=fields["description"], text=text, params=tuple(params),
                 output=output, variables=tuple(variables), form=form)


def _parse_param_line(value: str, where: str, lineno: int, seen: list) -> Param:
    parts = value.split(None, 3)
    if len(parts) < 3:
        raise QueryError(f"{where}, line {lineno}: write a parameter as "
                         f"'# param: NAME TYPE DEFAULT [help]', e.g. '# param: as_of date 9999-12-31'")
    name, ptype, default = parts[:3]
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"{where}, line {lineno}: {name!r} is not a SPARQL variable name")
    if ptype not in PARAM_TYPES:
        raise QueryError(f"{where}, line {lineno}: parameter {name!r} has unknown type {ptype!r}; "
                         f"the types are: {', '.join(PARAM_TYPES)}")
    if any(p.name == name for p in seen):
        raise QueryError(f"{where}, line {lineno}: parameter {name!r} is declared twice")
    param = Param(name, ptype, None if default == "-" else default, parts[3] if len(parts) > 3 else "")
    if param.default is not None:
        try:
            _convert(param, param.default)
        except ValueError as e:
            raise QueryError(f"{where}, line {lineno}: the default of {name!r} is not valid: {e}") from e
    return param


_EMPTY = ox.Store()


def _check_sparql(text: str, where: str):
    """Parse ``text`` by running it on an empty store; returns (form, projected variables)."""
    try:
        result = _EMPTY.query(text, prefixes=dict(PREFIXES))
    except SyntaxError as e:
        msg = str(e)
        m = re.match(r"error at (\d+):(\d+):\s*(.*)", msg, re.S)
        if m:
            line, column = int(m.group(1)), int(m.group(2))
            detail = " ".join(m.group(3).split())  # Oxigraph's lists of choices span lines
            if "Prefix not found" in detail:
                detail = _unknown_prefix(text, line, column) or detail
            raise QueryError(f"{where}, line {line}, column {column}: SPARQL syntax error: "
                             f"{detail}") from e
        raise QueryError(f"{where}: SPARQL syntax error: {' '.join(msg.split())}") from e
    except (OSError, ValueError, RuntimeError) as e:
        raise QueryError(f"{where}: the query cannot be evaluated: {e}") from e
    if isinstance(result, bool):
        return "ask", []
    if isinstance(result, ox.QuerySolutions):
        return "select", [v.value for v in result.variables]
    return "construct", []


def _unknown_prefix(text: str, line: int, column: int) -> Optional[str]:
    """Oxigraph says "Prefix not found" amid a list of characters; name the prefix instead."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    declared = set(PREFIXES) | set(re.findall(r"(?im)^\s*PREFIX\s+([\w.-]*):", text))
    used = re.findall(r"(?<![\w<:\"'?$])([A-Za-z][\w.-]*)?:[\w]", lines[line - 1][:column])
    unknown = [p for p in used if p not in declared]
    if not unknown:
        return None
    return (f"unknown prefix '{unknown[-1]}:'; declare it with a line 'PREFIX {unknown[-1]}: <...>' "
            f"or use one of the prefixes govgraph knows: {', '.join(PREFIXES)}")


# -- parameters ---------------------------------------------------------------------------------
def _type_hint(param: Param) -> str:
    return {
        "date": "a date written YYYY-MM-DD",
        "string": "text",
        "iri": "a full IRI or a prefixed name such as id:agent/femke-halsema",
        "integer": "a whole number",
        "agent": "an agent's IRI or one of its names",
        "matter": "a matter's IRI or one of its names",
    }[param.type]


def _expand_iri(value: str) -> Optional[str]:
    """A full IRI stays; a prefixed name with a known prefix is expanded; else None."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$", value) or value.startswith("urn:"):
        return value
    m = re.match(r"^([A-Za-z][\w-]*):(\S*)$", value)
    if m and m.group(1) in PREFIXES:
        return PREFIXES[m.group(1)] + m.group(2)
    return None


def _convert(param: Param, raw: str):
    """The raw text -> the Python value bound for it. Raises ValueError with a short reason."""
    raw = raw.strip()
    if param.type == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError(f"{raw!r} is not a date written YYYY-MM-DD")
        return dt.date.fromisoformat(raw)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise ValueError(f"{raw!r} is not a whole number")
        return int(raw)
    if param.type == "iri":
        iri = _expand_iri(raw)
        if iri is None:
            raise ValueError(f"{raw!r} is not an IRI")
        return ox.NamedNode(iri)
    if not raw:
        raise ValueError("the value is empty")
    return raw  # string; agent and matter are resolved against the store by run()


def parse_params(args: Sequence[str], query: Query) -> dict:
    """``["as_of=2020-12-31"]`` -> ``{"as_of": datetime.date(2020, 12, 31)}`` for ``query``.

    Dates become ``datetime.date``, integers ``int``, IRIs ``pyoxigraph.NamedNode``; strings,
    agents and matters stay text (agents and matters are resolved to IRIs by :func:`run`).
    Parameters not given are left out (``run`` applies the defaults). Raises UsageError with
    one line for a malformed argument, an unknown name, a repeated name or a value of the
    wrong type.
    """
    valid = ", ".join(p.name for p in query.params) or "(this query takes no parameters)"
    out = {}
    for arg in args:
        if "=" not in arg:
            name = arg.strip() or "?"
            param = query.param(name)
            example = f"{name}={_EXAMPLES[param.type]}" if param else "name=value"
            raise UsageError(f"malformed --param {arg!r}: write it as name=value, e.g. --param {example}")
        name, raw = arg.split("=", 1)
        name = name.strip()
        param = query.param(name)
        if param is None:
            raise UsageError(f"unknown parameter {name!r} for query {query.name!r}; "
                             f"its parameters are: {valid}")
        if name in out:
            raise UsageError(f"--param {name} is given twice; give it once")
        try:
            out[name] = _convert(param, raw)
        except ValueError as e:
            raise UsageError(f"--param {name}={raw}: {e}; {name} is {_type_hint(param)}, "
                             f"e.g. --param {name}={_EXAMPLES[param.type]}") from None
    return out


# -- resolving agents and matters ---------------------------------------------------------------
_RESOLVE = {
    "agent": """
        SELECT DISTINCT ?x ?name WHERE {
          ?x rdfs:label|skos:altLabel ?name .
          ?x a ?class .
          FILTER(?class IN (gg:Person, gg:Organization, gg:Body, gg:Group, gg:Role))
        }""",
    "matter": """
        SELECT DISTINCT ?x ?name WHERE {
          ?x a gg:Matter .
          OPTIONAL { ?x rdfs:label|skos:altLabel ?name }
        }""",
}
_ARTICLES = {"de", "het", "een", "'t", "d'"}


def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^\w\s-]", " ", s).split()
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def resolve(store, kind: str, value: str) -> ox.NamedNode:
    """An agent or matter given as an IRI, a name or the last part of its IRI -> its IRI.

    Names are compared ignoring case, accents, punctuation and a leading article. Raises
    UsageError when nothing or more than one thing in the graph has that name.
    """
    iri = _expand_iri(value)
    if iri is not None:
        return ox.NamedNode(iri)
    rows = store.select(_RESOLVE[kind])
    want = _norm(value)
    want_slug = _norm(value.replace("-", " "))
    by_name, by_slug, names = {}, {}, {}
    for r in rows:
        x = r["x"]
        names.setdefault(x, r.get("name") or x.rsplit("/", 1)[-1])
        if r.get("name") is not None and _norm(r["name"]) == want:
            by_name.setdefault(x, r["name"])
        if _norm(x.rsplit("/", 1)[-1].replace("-", " ")) == want_slug:
            by_slug.setdefault(x, names[x])
    hits = by_name or by_slug
    if len(hits) == 1:
        return ox.NamedNode(next(iter(hits)))
    if len(hits) > 1:
        listed = "; ".join(f"{names[x]} <{x}>" for x in sorted(hits))
        raise UsageError(f"{kind} {value!r} is ambiguous: {listed}; give the IRI instead")
    close = sorted({names[x] for x in names if want and want in _norm(names[x])})[:8]
    hint = f"; similar names: {', '.join(close)}" if close else ""
    raise UsageError(f"no {kind} called {value!r} in this graph{hint}; give its IRI or one of its names")


# -- running and formatting ---------------------------------------------------------------------
def bindings_for(store, query: Query, params: Optional[dict] = None) -> dict:
    """The substitutions for ``query``: given values, else defaults; agents/matters resolved."""
    params = dict(params or {})
    unknown = sorted(set(params) - {p.name for p in query.params})
    if unknown:
        valid = ", ".join(p.name for p in query.params) or "(none)"
        raise UsageError(f"unknown parameter {unknown[0]!r} for query {query.name!r}; "
                         f"its parameters are: {valid}")
    out = {}
    for p in query.params:
        if p.name in params and params[p.name] is not None:
            value = params[p.name]
            if isinstance(value, str):
                try:
                    value = _convert(p, value)
                except ValueError as e:
                    raise UsageError(f"--param {p.name}={params[p.name]}: {e}; {p.name} is "
                                     f"{_type_hint(p)}, e.g. --param {p.name}={_EXAMPLES[p.type]}") from None
        elif p.default is not None:
            value = _convert(p, p.default)
        else:
            continue
        if p.type in ("agent", "matter") and isinstance(value, str):
            value = resolve(store, p.type, value)
        out[p.name] = value
    return out


def run(store, query: Query, params: Optional[dict] = None) -> Result:
    """Run a named SELECT query on ``store`` with ``params`` (as from :func:`parse_params`;
    raw strings are accepted too). Returns a Result with :attr:`Query.columns`.

    Raises UsageError for bad parameters and QueryError when the query is not a SELECT or the
    store fails.
    """
    if query.form != "select":
        raise QueryError(f"{_display(query.path)}: a {query.form.upper()} query; only SELECT "
                         f"queries can be run as named queries")
    bindings = bindings_for(store, query, params)
    try:
        rows = store.select(query.text, bindings=bindings)
    except QueryError as e:
        raise QueryError(f"{_display(query.path)}: {e}") from e
    columns = query.columns
    return Result(columns, [{c: row.get(c) for c in columns} for row in rows])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())  # a table cell stays on one line


TABLE_CELL_MAX = 90


def _short(text: str) -> str:
    from graph.terms import GG_NS, ID_NS
    if text.startswith(ID_NS):
        text = "id:" + text[len(ID_NS):]
    elif text.startswith(GG_NS):
        text = "gg:" + text[len(GG_NS):]
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL_MAX else text[:TABLE_CELL_MAX - 1] + "…"


def format_result(result: Result, fmt: str = "table") -> str:
    """``table`` (aligned text), ``csv`` or ``json`` (a list of objects keyed by column).

    Raises UsageError for another format.
    """
    if fmt == "json":
        return json.dumps(result.rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(result.columns)
        for row in result.rows:
            w.writerow(["" if row.get(c) is None else row.get(c) for c in result.columns])
        return buf.getvalue()
    if fmt == "table":
        # a table is read by people: IRIs of the graph are shortened ("id:agent/femke-halsema"),
        # long quotes are cut; csv and json keep every value whole
        cells = [[_short(_cell(row.get(c))) for c in result.columns] for row in result.rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths)).rstrip(),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
        lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
        return "\n".join(lines)
    raise UsageError(f"unknown format {fmt!r}; the formats are: {', '.join(FORMATS)}")
