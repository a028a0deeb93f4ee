"""Find Dutch time expressions in text and normalise them to intervals of PartialDates.

The Dutch is data (``graph/lexicon/nl/time.yaml``); this module is a small engine over it:

1. every pattern of the lexicon is compiled to a regular expression over named slots
   (``{day} {month} {year}``) and run over the text; each match is parsed (a match that
   names no real date, like ``31-02-2021``, is dropped);
2. overlapping matches are settled longest first;
3. neighbours joined by a range word ("van .. tot", "tussen .. en") become one range;
4. left to right, each expression is resolved against the publication date and the
   *anchor* (the last date named), and becomes a :class:`~graph.model.TimeValue`.

Precision is never invented: "oktober 2020" is 2020-10/2020-10, "2019" is 2019/2019, and
a relative word whose base date is unknown or too coarse is skipped, not guessed.

Example::

    >>> from graph.model import PartialDate
    >>> [t.text for t in find_times("Begin 2021 wist de minister het al.", PartialDate(2021, 9, 14))]
    ['Begin 2021']
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from graph.errors import LexiconError
from graph.lexicon.load import choice, load_yaml, require, str_list
from graph.model import PartialDate, TimeValue

FILE = "time.yaml"
PRECISIONS = ("day", "week", "month", "season", "part", "year", "range")
KINDS = ("date", "year", "year_range", "week", "weekday", "season", "part", "relative",
         "shift", "day_range")
DIRECTIONS = ("past", "current", "future")
UNITS = ("day", "week", "month", "year")
BASES = ("published", "anchor")

_RANK = {"year": 0, "month": 1, "day": 2}

# Numeric slots live here rather than in the YAML: they are not Dutch, just digits.
_NUMERIC = {
    "day": r"(?:3[01]|[12]\d|0?[1-9])",
    "monthnum": r"(?:1[0-2]|0?[1-9])",
    "year": r"(?:19|20)\d\d",
    "weeknum": r"(?:5[0-3]|[1-4]\d|0?[1-9])",
}
# A number glued to another by . , : / - is part of an amount, a time or a code, not a date.
_PREFIX = r"(?<!\w)(?<!\d[.,:/\-])"
_SUFFIX = r"(?!\w)(?![.,:/\-]\d)"
_SLOT = re.compile(r"\{(\w+)\}")


def _key(s: str) -> str:
    return " ".join(s.lower().split())


def _alt(forms) -> str:
    """A regex alternation of literal forms, longest first; a space matches any whitespace."""
    out = []
    for f in sorted(set(forms), key=lambda x: (-len(x), x)):
        out.append(r"\s+".join(re.escape(w) for w in f.split()))
    return "(?:" + "|".join(out) + ")" if out else "(?!)"


def _valid(y: int, m: Optional[int] = None, d: Optional[int] = None) -> Optional[PartialDate]:
    try:
        pd = PartialDate(y, m, d)
        pd.first_day()
        return pd
    except (ValueError, TypeError):
        return None


def _pd_of(date: dt.date) -> PartialDate:
    return PartialDate(date.year, date.month, date.day)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + n
    return idx // 12, idx % 12 + 1


def _gap(a0: dt.date, a1: dt.date, b0: dt.date, b1: dt.date) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0


# ---------------------------------------------------------------------------------------
# The lexicon, compiled


@dataclass
class _Pattern:
    id: str
    kind: str
    regex: re.Pattern
    guard: Optional[str]
    capital_is_name: bool = False


@dataclass
class _Closed:
    id: str
    open_re: Optional[re.Pattern]
    join_re: re.Pattern
    open_required: bool


class TimeLexicon:
    """``time.yaml`` validated and compiled. Get the shared one with :func:`time_lexicon`.

    Raises :class:`LexiconError` naming the entry and field of the first problem found.
    """

    def __init__(self, data):
        if not isinstance(data, dict):
            raise LexiconError(f"{FILE}: the top level must be a mapping of sections")
        self.data = data
        self.months: dict[str, int] = {}
        self.month_names: dict[str, int] = {}
        for i, e in enumerate(self._entries("months")):
            eid = f"months[{i + 1}]"
            v = require(e, "value", int, FILE, eid)
            if not 1 <= v <= 12:
                raise LexiconError(f"{FILE}: entry {eid!r}: field 'value' must be 1..12, got {v}")
            for f in str_list(e, "forms", FILE, eid):
                self.months[_key(f)] = self.month_names[_key(f)] = v
            for f in str_list(e, "abbr", FILE, eid, default=[], allow_empty=True):
                self.months[_key(f)] = self.months[_key(f) + "."] = v
        self.weekdays = self._valued("weekdays", 1, 7)
        wd = require(data, "weekdays", dict, FILE, "weekdays")
        self.dayparts = str_list(wd, "dayparts", FILE, "weekdays", default=[], allow_empty=True)
        self.mods = self._directed("modifiers")
        self.markers = self._directed("markers")
        self.counts = self._valued("counts", 1, 100)

        self.seasons: dict[str, tuple[int, int]] = {}
        for e, eid in self._ided("seasons"):
            self.seasons.update({_key(f): self._month_pair(e, "months", eid)
                                 for f in str_list(e, "forms", FILE, eid)})

        self.parts: dict[str, dict] = {}
        for e, eid in self._ided("parts"):
            part = {"id": eid, "year_months": self._month_pair(e, "year_months", eid),
                    "month_days": None, "bare": require(e, "bare", bool, FILE, eid, False)}
            md = require(e, "month_days", list, FILE, eid, None)
            if md is not None:
                if (len(md) != 2 or not isinstance(md[0], int) or isinstance(md[0], bool)
                        or not (isinstance(md[1], int) or md[1] == "last")):
                    raise LexiconError(f"{FILE}: entry {eid!r}: field 'month_days' must be "
                                       f"[first day, last day or 'last'], got {md!r}")
                part["month_days"] = tuple(md)
            self.parts.update({_key(f): part for f in str_list(e, "forms", FILE, eid)})

        self.relative: dict[str, dict] = {}
        for e, eid in self._ided("relative"):
            rel = {"id": eid,
                   "unit": choice(e, "unit", UNITS, FILE, eid),
                   "shift": require(e, "shift", int, FILE, eid),
                   "base": choice(e, "base", BASES, FILE, eid),
                   "until_base": require(e, "until_base", bool, FILE, eid, False)}
            self.relative.update({_key(f): rel for f in str_list(e, "forms", FILE, eid)})

        self.units: dict[str, tuple[str, int]] = {}
        for e, eid in self._ided("units"):
            unit = (choice(e, "field", ("day", "month", "year"), FILE, eid),
                    require(e, "amount", int, FILE, eid))
            self.units.update({_key(f): unit for f in str_list(e, "forms", FILE, eid)})

        self.directions: dict[str, tuple[int, str]] = {}
        for e, eid in self._ided("directions"):
            d = (choice(e, "sign", (1, -1), FILE, eid), choice(e, "base", BASES, FILE, eid))
            self.directions.update({_key(f): d for f in str_list(e, "forms", FILE, eid)})

        self._compile_ranges()
        self._compile_tense_and_guards()
        self._compile_patterns()

    # -- validation helpers ------------------------------------------------------------

    def says_future(self, text: str, published: Optional[PartialDate]) -> bool:
        """Whether a time expression itself points after publication: a future modifier
        ("volgende week", "komend jaar") or a year written out after the publication year."""
        words = [_key(w) for w in re.findall(r"\w+", text)]
        if any(self.mods.get(w) == "future" for w in words):
            return True
        return published is not None and any(len(w) == 4 and w.isdigit() and int(w) > published.year
                                             for w in words)

    def _entries(self, section: str) -> list:
        sec = require(self.data, section, dict, FILE, section)
        entries = require(sec, "entries", list, FILE, section)
        if not entries:
            raise LexiconError(f"{FILE}: entry {section!r}: field 'entries' is an empty list")
        return entries

    def _ided(self, section: str):
        seen = set()
        for i, e in enumerate(self._entries(section)):
            eid = require(e, "id", str, FILE, f"{section}[{i + 1}]")
            if eid in seen:
                raise LexiconError(f"{FILE}: entry {eid!r} in {section}: duplicate id")
            seen.add(eid)
            yield e, eid

    def _valued(self, section: str, lo: int, hi: int) -> dict[str, int]:
        out = {}
        for i, e in enumerate(self._entries(section)):
            eid = f"{section}[{i + 1}]"
            v = require(e, "value", int, FILE, eid)
            if not lo <= v <= hi:
                raise LexiconError(f"{FILE}: entry {eid!r}: field 'value' must be {lo}..{hi}, got {v}")
            out.update({_key(str(f)): v for f in require(e, "forms", list, FILE, eid)})
        return out

    def _directed(self, section: str) -> dict[str, str]:
        out = {}
        for e, eid in self._ided(section):
            d = choice(e, "direction", DIRECTIONS, FILE, eid)
            out.update({_key(f): d for f in str_list(e, "forms", FILE, eid)})
        return out

    @staticmethod
    def _month_pair(e, fieldname: str, eid: str) -> tuple[int, int]:
        v = require(e, fieldname, list, FILE, eid)
        if len(v) != 2 or not all(isinstance(m, int) and not isinstance(m, bool)
                                  and 1 <= m <= 12 for m in v):
            raise LexiconError(f"{FILE}: entry {eid!r}: field {fieldname!r} must be "
                               f"[first month, last month] with months 1..12, got {v!r}")
        return v[0], v[1]

    # -- compilation ---------------------------------------------------------------------

    def _compile_ranges(self):
        sec = require(self.data, "ranges", dict, FILE, "ranges")
        self.closed: list[_Closed] = []
        for i, e in enumerate(require(sec, "closed", list, FILE, "ranges")):
            eid = require(e, "id", str, FILE, f"ranges.closed[{i + 1}]")
            opens = str_list(e, "open", FILE, eid, allow_empty=True)
            required = require(e, "open_required", bool, FILE, eid, True)
            if required and not opens:
                raise LexiconError(f"{FILE}: entry {eid!r}: field 'open' is empty while "
                                   f"open_required is true; give opening words or set it false")
            self.closed.append(_Closed(
                eid,
                re.compile(r"(?<!\w)" + _alt(opens) + r"\s+$", re.I) if opens else None,
                re.compile(r"\s*" + _alt(str_list(e, "join", FILE, eid)) + r"\s*", re.I),
                required))
        opens = []
        for i, e in enumerate(require(sec, "open", list, FILE, "ranges")):
            eid = require(e, "id", str, FILE, f"ranges.open[{i + 1}]")
            opens += str_list(e, "forms", FILE, eid)
        self.open_re = re.compile(r"(?<!\w)" + _alt(opens) + r"\s+$", re.I) if opens else None

    def _compile_tense_and_guards(self):
        tense = require(self.data, "tense", dict, FILE, "tense")
        self.tense_words = {_key(w): "past" for w in str_list(tense, "past", FILE, "tense")}
        self.tense_words.update({_key(w): "future"
                                 for w in str_list(tense, "future", FILE, "tense")})
        self.tense_re = re.compile(r"(?<!\w)" + _alt(self.tense_words) + r"(?!\w)", re.I)
        g = require(self.data, "year_guards", dict, FILE, "year_guards")
        before = str_list(g, "before", FILE, "year_guards")
        self.guard_before = re.compile(r"(?<!\w)" + _alt(before) + r"\s*$", re.I)
        after = str_list(g, "after", FILE, "year_guards")
        self.guard_after = re.compile(r"\s*" + _alt(after) + r"(?!\w)", re.I)
        pats = str_list(g, "after_patterns", FILE, "year_guards", default=[], allow_empty=True)
        try:
            self.guard_after_pat = (re.compile(r"\s*(?:" + "|".join(pats) + ")")
                                    if pats else None)
        except re.error as exc:
            raise LexiconError(f"{FILE}: entry 'year_guards': field 'after_patterns' is not "
                               f"a valid regular expression: {exc}") from exc

    def slots(self) -> dict[str, str]:
        """Slot name -> regex, as usable in ``patterns`` (``day_2``/``year_2`` too)."""
        rel_year = [f for f, r in self.relative.items() if r["unit"] == "year" and not r["until_base"]]
        rel_month = [f for f, r in self.relative.items() if r["unit"] == "month" and not r["until_base"]]
        s = dict(_NUMERIC)
        s.update({
            "month": _alt(self.months), "month_name": _alt(self.month_names),
            "weekday": _alt(self.weekdays), "daypart": _alt(self.dayparts),
            "mod": _alt(self.mods), "marker": _alt(self.markers),
            "season": _alt(self.seasons), "part": _alt(self.parts),
            "part_bare": _alt(f for f, p in self.parts.items() if p["bare"]),
            "rel": _alt(self.relative), "rel_year": _alt(rel_year), "rel_month": _alt(rel_month),
            "count": _alt(self.counts), "unit": _alt(self.units), "direction": _alt(self.directions),
        })
        s["day_2"], s["year_2"] = s["day"], s["year"]
        return s

    def _compile_patterns(self):
        slots = self.slots()
        self.patterns: list[_Pattern] = []
        seen = set()
        for i, e in enumerate(require(self.data, "patterns", list, FILE, "patterns")):
            pid = require(e, "id", str, FILE, f"patterns[{i + 1}]")
            if pid in seen:
                raise LexiconError(f"{FILE}: entry {pid!r} in patterns: duplicate id")
            seen.add(pid)
            kind = choice(e, "kind", KINDS, FILE, pid)
            guard = choice(e, "guard", ("amount", None), FILE, pid, None)
            capital = require(e, "capital_is_name", bool, FILE, pid, False)
            template = require(e, "pattern", str, FILE, pid)

            def slot(m, pid=pid):
                name = m.group(1)
                if name not in slots:
                    raise LexiconError(f"{FILE}: entry {pid!r}: field 'pattern' uses unknown "
                                       f"slot {{{name}}}; valid choices: {', '.join(sorted(slots))}")
                return f"(?P<{name}>{slots[name]})"

            # A space is any whitespace; " ?" stays optional.
            spaced = template.replace(" ?", r"\s?").replace(" *", r"\s*").replace(" ", r"\s+")
            body = _SLOT.sub(slot, spaced)
            try:
                rx = re.compile(_PREFIX + "(?:" + body + ")" + _SUFFIX, re.I)
            except re.error as exc:
                raise LexiconError(f"{FILE}: entry {pid!r}: field 'pattern' is not a valid "
                                   f"regular expression: {exc}") from exc
            self.patterns.append(_Pattern(pid, kind, rx, guard, capital))


@functools.lru_cache(maxsize=1)
def time_lexicon() -> TimeLexicon:
    """The compiled ``time.yaml`` (loaded once)."""
    return TimeLexicon(load_yaml("time"))


# ---------------------------------------------------------------------------------------
# Matching


@dataclass
class _Cand:
    kind: str
    start: int
    end: int
    g: dict
    pattern: str
    parts: tuple = ()          # for a range: (left, right)
    open_ended: bool = False   # "sinds X"


def _parse(lex: TimeLexicon, kind: str, m: re.Match) -> Optional[dict]:
    """The match's groups as values; None when they name no possible date."""
    raw = {k: v for k, v in m.groupdict().items() if v is not None}
    g: dict = {}
    for k, v in raw.items():
        key = _key(v)
        if k in ("day", "day_2", "year", "year_2", "weeknum", "monthnum"):
            g[k] = int(v)
        elif k in ("month", "month_name"):
            g["month"] = lex.months[key]
        elif k == "rel_year" or k == "rel_month" or k == "rel":
            g[k] = lex.relative[key]
        elif k == "weekday":
            g[k] = lex.weekdays[key]
        elif k in ("mod", "marker"):
            g["direction"] = lex.mods[key] if k == "mod" else lex.markers[key]
        elif k == "season":
            g[k] = lex.seasons[key]
        elif k in ("part", "part_bare"):
            g["part"] = lex.parts[key]
        elif k == "count":
            g[k] = lex.counts[key]
        elif k == "unit":
            g[k] = lex.units[key]
        elif k == "direction":
            g["shift_dir"] = lex.directions[key]
    if "monthnum" in g:
        g["month"] = g.pop("monthnum")
    if "month" in g and "day" in g:
        if kind == "day_range":
            if not g["day"] < g.get("day_2", 0):
                return None
        y = g.get("year", 2000)  # a leap year: "29 februari" without a year is possible
        if _valid(y, g["month"], max(g["day"], g.get("day_2", 0))) is None:
            return None
    if kind == "year_range" and not g["year"] < g["year_2"]:
        return None
    if kind == "part" and "month" in g and g["part"]["month_days"] is None:
        return None
    if kind == "part" and "rel_month" in g and g["part"]["month_days"] is None:
        return None
    return g


def _guarded(lex: TimeLexicon, text: str, start: int, end: int) -> bool:
    """True when the number at text[start:end] is an amount or a count, not a year."""
    if lex.guard_before.search(text, 0, start):
        return True
    if lex.guard_after.match(text, end):
        return True
    return bool(lex.guard_after_pat and lex.guard_after_pat.match(text, end))


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:;\"'(\n"


def _candidates(lex: TimeLexicon, text: str) -> list[_Cand]:
    found = []
    for p in lex.patterns:
        for m in p.regex.finditer(text):
            span = m.span("t") if "t" in p.regex.groupindex and m.group("t") else m.span()
            if p.guard == "amount" and _guarded(lex, text, *span):
                continue
            if p.capital_is_name and text[span[0]].isupper() and not _sentence_start(text, span[0]):
                continue
            g = _parse(lex, p.kind, m)
            if g is not None:
                found.append(_Cand(p.kind, span[0], span[1], g, p.id))
    # Longest first; among equals the earlier pattern in the file, then the earlier start.
    order = {p.id: i for i, p in enumerate(lex.patterns)}
    found.sort(key=lambda c: (-(c.end - c.start), order[c.pattern], c.start))
    chosen: list[_Cand] = []
    for c in found:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return _join_ranges(lex, text, chosen)


def _join_ranges(lex: TimeLexicon, text: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands):
            b = cands[i + 1]
            for spec in lex.closed:
                if not spec.join_re.fullmatch(text, a.end, b.start):
                    continue
                m = spec.open_re.search(text, 0, a.start) if spec.open_re else None
                if m is None and spec.open_required:
                    continue
                start = m.start() if m else a.start
                out.append(_Cand("range", start, b.end, {}, spec.id, parts=(a, b)))
                i += 2
                break
            else:
                b = None
            if b is not None:
                continue
        if lex.open_re and lex.open_re.search(text, 0, a.start):
            m = lex.open_re.search(text, 0, a.start)
            out.append(_Cand("range", m.start(), a.end, {}, "open", parts=(a,), open_ended=True))
        else:
            out.append(a)
        i += 1
    return out


# ---------------------------------------------------------------------------------------
# Resolution


@dataclass
class _Ctx:
    lex: TimeLexicon
    text: str
    published: Optional[PartialDate]
    anchor: Optional[PartialDate]
    cues: list = field(default_factory=list)   # [(position, "past"|"future")]
    story: Optional[PartialDate] = None   # first month of the last interval named: where the story is

    def tense(self, pos: int) -> Optional[str]:
        best = None
        for p, t in self.cues:
            if best is None or abs(p - pos) < best[0]:
                best = (abs(p - pos), t)
        return best[1] if best else None

    def base(self, which: str) -> Optional[PartialDate]:
        return self.published if which == "published" else self.anchor


_Interval = tuple  # (begin PartialDate, end PartialDate)


def _rel_interval(rel: dict, ctx: _Ctx) -> Optional[tuple]:
    """(begin, end, precision) of a relative entry, or None when its base is unknown/too coarse."""
    base = ctx.base(rel["base"])
    unit, n = rel["unit"], rel["shift"]
    need = "day" if unit in ("day", "week") else unit
    if base is None or _RANK[base.precision] < _RANK[need]:
        return None
    if rel["until_base"]:
        y = base.year + (n if unit == "year" else 0)
        if unit == "year":
            if base.month is None:
                return PartialDate(y), PartialDate(y), "year"
            return PartialDate(y, 1), PartialDate(y, base.month), "part"
        y, m = _add_months(base.year, base.month, n)
        if base.day is None:
            return PartialDate(y, m), PartialDate(y, m), "month"
        return PartialDate(y, m, 1), PartialDate(y, m, base.day), "part"
    if unit == "year":
        return PartialDate(base.year + n), PartialDate(base.year + n), "year"
    if unit == "month":
        y, m = _add_months(base.year, base.month, n)
        return PartialDate(y, m), PartialDate(y, m), "month"
    d = base.first_day()
    if unit == "day":
        pd = _pd_of(d + dt.timedelta(days=n))
        return pd, pd, "day"
    monday = d - dt.timedelta(days=d.weekday()) + dt.timedelta(weeks=n)
    return _pd_of(monday), _pd_of(monday + dt.timedelta(days=6)), "week"


def _pick_year(build: Callable[[int], Optional[_Interval]], g: dict, c: _Cand, ctx: _Ctx,
               hint: Optional[int] = None) -> Optional[_Interval]:
    """Build the interval for the year the text gives or implies; None when unknowable."""
    if "year" in g:
        return build(g["year"])
    if "rel_year" in g:
        r = _rel_interval(g["rel_year"], ctx)
        return build(r[0].year) if r else None
    if hint is not None:
        return build(hint)
    marker = g.get("direction") if c.kind != "season" else None
    if marker in ("past", "future"):
        base, direction = ctx.published, marker    # jl./a.s. count from the writing date
    else:
        base, direction = ctx.anchor or ctx.published, ctx.tense(c.start)
    if base is None:
        return None
    if base.precision == "year":
        # a year-wide anchor from a season or part ("eind vorig jaar") still tells where the
        # story is: a month named next is read forward from there, not back in the same year
        if ctx.story is not None and ctx.story.year == base.year and ctx.story.month and base is ctx.anchor:
            base = ctx.story
        else:
            return build(base.year)
    options = [iv for iv in (build(y) for y in (base.year - 1, base.year, base.year + 1)) if iv]
    pub = ctx.published
    if pub is not None and direction == "past":
        options = [iv for iv in options if iv[0].first_day() <= pub.last_day()]
        if marker == "past":
            return options[-1] if options else None
    elif pub is not None and direction == "future":
        options = [iv for iv in options if iv[1].last_day() >= pub.first_day()]
        if marker == "future":
            return options[0] if options else None
    if not options:
        return None
    b0, b1 = base.first_day(), base.last_day()
    return min(options, key=lambda iv: _gap(iv[0].first_day(), iv[1].last_day(), b0, b1))


def _resolve(c: _Cand, ctx: _Ctx, hint: Optional[int] = None) -> Optional[tuple]:
    """(begin, end, precision) for one non-range candidate."""
    g, k = c.g, c.kind
    if k == "date":
        m, d = g["month"], g.get("day")
        iv = _pick_year(lambda y: (lambda p: (p, p) if p else None)(_valid(y, m, d)), g, c, ctx, hint)
        return iv and (*iv, "day" if d else "month")
    if k == "day_range":
        m, d1, d2 = g["month"], g["day"], g["day_2"]

        def build(y):
            a, b = _valid(y, m, d1), _valid(y, m, d2)
            return (a, b) if a and b else None
        iv = _pick_year(build, g, c, ctx, hint)
        return iv and (*iv, "range")
    if k == "year":
        return PartialDate(g["year"]), PartialDate(g["year"]), "year"
    if k == "year_range":
        return PartialDate(g["year"]), PartialDate(g["year_2"]), "range"
    if k == "week":
        w = g["weeknum"]

        def build(y):
            try:
                mon = dt.date.fromisocalendar(y, w, 1)
            except ValueError:
                return None
            return _pd_of(mon), _pd_of(mon + dt.timedelta(days=6))
        iv = _pick_year(build, g, c, ctx, hint)
        return iv and (*iv, "week")
    if k == "weekday":
        return _resolve_weekday(c, ctx)
    if k == "season":
        return _resolve_season(c, ctx, hint)
    if k == "part":
        return _resolve_part(c, ctx, hint)
    if k == "relative":
        return _rel_interval(g["rel"], ctx)
    if k == "shift":
        return _resolve_shift(c, ctx)
    return None


def _resolve_weekday(c: _Cand, ctx: _Ctx) -> Optional[tuple]:
    pub = ctx.published
    if pub is None or pub.precision != "day":
        return None
    today, want = pub.first_day(), c.g["weekday"]
    direction = c.g.get("direction")
    back = (today.isoweekday() - want) % 7
    if direction == "past":
        day = today - dt.timedelta(days=back or 7)
    elif direction == "future":
        day = today + dt.timedelta(days=(want - today.isoweekday()) % 7 or 7)
    elif direction == "current":
        day = today + dt.timedelta(days=want - today.isoweekday())
    elif ctx.tense(c.start) == "future":
        day = today + dt.timedelta(days=(want - today.isoweekday()) % 7)
    else:
        day = today - dt.timedelta(days=back)
    pd = _pd_of(day)
    return pd, pd, "day"


def _resolve_season(c: _Cand, ctx: _Ctx, hint: Optional[int]) -> Optional[tuple]:
    first, last = c.g["season"]

    def build(y):
        return PartialDate(y, first), PartialDate(y + (last < first), last)
    direction = c.g.get("direction")
    if direction and "year" not in c.g and "rel_year" not in c.g:
        pub = ctx.published
        if pub is None or pub.month is None:
            return None
        options = [build(y) for y in range(pub.year - 2, pub.year + 2)]
        if direction == "past":
            iv = [o for o in options if o[1].last_day() < pub.first_day()][-1]
        elif direction == "future":
            iv = [o for o in options if o[0].first_day() > pub.last_day()][0]
        else:
            inside = [o for o in options
                      if o[0].first_day() <= pub.first_day() and pub.last_day() <= o[1].last_day()]
            iv = inside[0] if inside else build(pub.year)
        return (*iv, "season")
    iv = _pick_year(build, c.g, c, ctx, hint)
    return iv and (*iv, "season")


def _resolve_part(c: _Cand, ctx: _Ctx, hint: Optional[int]) -> Optional[tuple]:
    g, part = c.g, c.g["part"]
    if "month" in g or "rel_month" in g:
        d1, d2 = part["month_days"]

        def build_month(y, m):
            last = calendar.monthrange(y, m)[1]
            return PartialDate(y, m, d1), PartialDate(y, m, last if d2 == "last" else min(d2, last))
        if "rel_month" in g:
            r = _rel_interval(g["rel_month"], ctx)
            return r and (*build_month(r[0].year, r[0].month), "part")
        iv = _pick_year(lambda y: build_month(y, g["month"]), g, c, ctx, hint)
        return iv and (*iv, "part")
    a, b = part["year_months"]
    iv = _pick_year(lambda y: (PartialDate(y, a), PartialDate(y, b)), g, c, ctx, hint)
    return iv and (*iv, "part")


def _resolve_shift(c: _Cand, ctx: _Ctx) -> Optional[tuple]:
    sign, which = c.g["shift_dir"]
    unit_field, amount = c.g["unit"]
    n = sign * c.g["count"] * amount
    base = ctx.base(which)
    # The result is at the unit's precision; a base coarser than the unit cannot be shifted.
    if base is None or _RANK[base.precision] < _RANK[unit_field]:
        return None
    if unit_field == "year":
        pd = PartialDate(base.year + n)
    elif unit_field == "month":
        pd = PartialDate(*_add_months(base.year, base.month, n))
    else:
        pd = _pd_of(base.first_day() + dt.timedelta(days=n))
    return pd, pd, unit_field


def _resolve_range(c: _Cand, ctx: _Ctx) -> list[tuple]:
    """[(cand-like span, begin, end, precision)] for a range, or its parts when it won't join."""
    if c.open_ended:
        (a,) = c.parts
        r = _resolve(a, ctx)
        if r is None:
            return []
        pub = ctx.published
        if pub is not None and r[0].first_day() <= pub.last_day():
            return [(c.start, c.end, r[0], pub, "range")]
        return [(a.start, a.end, *r)]
    a, b = c.parts
    rb = _resolve(b, ctx)
    ra = None
    if rb is not None:
        ra = _resolve(a, ctx, hint=rb[1].year)
        if ra is not None and ra[0].first_day() > rb[1].last_day():
            ra = _resolve(a, ctx, hint=rb[1].year - 1)
        if ra is not None and ra[0].first_day() <= rb[1].last_day():
            return [(c.start, c.end, ra[0], rb[1], "range")]
    ra = _resolve(a, ctx)
    return [(x.start, x.end, *r) for x, r in ((a, ra), (b, rb)) if r is not None]


def _anchor_of(begin: PartialDate, end: PartialDate) -> Optional[PartialDate]:
    """What is surely known of an interval: its common prefix (2021-01/2021-04 -> 2021)."""
    if begin == end:
        return begin
    if begin.year != end.year:
        return None
    if begin.month is None or begin.month != end.month:
        return PartialDate(begin.year)
    return PartialDate(begin.year, begin.month)


def _find(text: str, published: Optional[PartialDate], offset: int,
          anchor: Optional[PartialDate], story: Optional[PartialDate] = None, cues=()) -> tuple:
    lex = time_lexicon()
    ctx = _Ctx(lex, text, published, anchor,
               [(m.start(), lex.tense_words[_key(m.group())]) for m in lex.tense_re.finditer(text)] + list(cues),
               story)
    out: list[TimeValue] = []
    for c in _candidates(lex, text):
        if c.kind == "range":
            resolved = _resolve_range(c, ctx)
        else:
            r = _resolve(c, ctx)
            resolved = [(c.start, c.end, *r)] if r else []
        for s, e, begin, end, precision in resolved:
            out.append(TimeValue(text[s:e], begin, end, precision, s + offset, e + offset))
            if published is not None and begin.first_day() > published.last_day():
                continue   # "tot 2030": a horizon after publication is no anchor for the story's dates
            ctx.anchor = _anchor_of(begin, end) or ctx.anchor
            if begin.month is not None and begin.year == end.year:
                ctx.story = PartialDate(begin.year, begin.month)
            elif begin.month is None:
                ctx.story = None
    return out, ctx.anchor, ctx.story


def find_times(text: str, published: Optional[PartialDate], offset: int = 0,
               anchor: Optional[PartialDate] = None) -> list[TimeValue]:
    """Every time expression in ``text``, in order, as TimeValues with document offsets.

    ``published`` is the publication date of the document (None when unknown: relative
    words are then skipped). ``offset`` is where ``text`` starts in the document, so that
    ``document[tv.start:tv.end_offset] == tv.text``. ``anchor`` is the last date named
    before ``text`` (for "een jaar later", "dat jaar"); dates named inside ``text`` become
    the anchor for what follows them.

    >>> [(t.text, t.begin.iso(), t.end.iso(), t.precision)
    ...  for t in find_times("Vorige maand kreeg de raad het advies.", PartialDate(2021, 9, 14))]
    [('Vorige maand', '2021-08', '2021-08', 'month')]
    """
    return _find(text, published, offset, anchor)[0]


class TimeContext:
    """Walks a document's sentences in order, carrying the anchor from one to the next.

    >>> ctx = TimeContext(PartialDate(2021, 9, 14))
    >>> [t.begin.iso() for t in ctx.times_in("In maart 2019 kwam de eerste klacht.", 0)]
    ['2019-03']
    >>> [t.begin.iso() for t in ctx.times_in("Een jaar later volgde de tweede.", 38)]
    ['2020']
    """

    def __init__(self, published: Optional[PartialDate], anchor: Optional[PartialDate] = None):
        self.published = published
        self.anchor = anchor
        self.story = None

    def times_in(self, sentence_text: str, offset: int = 0, cues=()) -> list[TimeValue]:
        """The times in one sentence (see :func:`find_times`); updates :attr:`anchor`. ``cues`` are
        tenses the caller knows, as (position in the sentence, "past" | "future"): a parser's
        past-tense verbs ("klopte", "voerde") that the tense word list does not hold."""
        times, self.anchor, self.story = _find(sentence_text, self.published, offset, self.anchor, self.story,
                                               cues)
        return times


def nearest_time(times: list[TimeValue], start: int, end: int,
                 sentence_start: Optional[int] = None) -> Optional[TimeValue]:
    """The time expression that best applies to the clause at document span [start, end).

    One inside the span (the first there) wins; otherwise the nearest one ending before
    ``start`` (and, when ``sentence_start`` is given, not before the sentence). None if none.
    """
    inside = [t for t in times if t.start >= start and t.end_offset <= end]
    if inside:
        return min(inside, key=lambda t: t.start)
    before = [t for t in times if t.end_offset <= start
              and (sentence_start is None or t.start >= sentence_start)]
    return max(before, key=lambda t: t.end_offset) if before else None
