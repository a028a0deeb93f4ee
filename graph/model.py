"""Plain data passed along the pipeline: documents -> tokens -> mentions -> entities -> events.

Nothing here knows about Frog or RDF; offsets are character offsets into ``Document.text``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month or day precision: ``PartialDate(2020, 10)`` is October 2020."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str:
        return "year" if self.month is None else "month" if self.day is None else "day"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        if self.month is None:
            return dt.date(self.year, 12, 31)
        nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """``PartialDate.parse("2021-07")`` -> PartialDate(2021, 7). Raises ValueError."""
        parts = [int(p) for p in str(text).strip().split("-")]
        if not 1 <= len(parts) <= 3:
            raise ValueError(f"not a date: {text!r}")
        pd = cls(*parts)
        pd.first_day()  # validates month/day
        return pd


@dataclass(frozen=True)
class TimeValue:
    """A time expression normalised to an interval ``begin``..``end`` at the text's precision.

    ``precision`` is one of day, month, season, part (begin/half/eind), year, range, week.
    ``start``/``end_offset`` are character offsets of ``text`` in the document (or -1).
    """

    text: str
    begin: PartialDate
    end: PartialDate
    precision: str
    start: int = -1
    end_offset: int = -1

    def first_day(self) -> dt.date:
        return self.begin.first_day()

    def last_day(self) -> dt.date:
        return self.end.last_day()


@dataclass
class Document:
    """A source document: its text (after any front matter) and metadata."""

    path: str            # path it was read from
    source: str          # file name, e.g. 000_abc.txt
    text: str
    title: Optional[str] = None
    publisher: Optional[str] = None
    original_publisher: Optional[str] = None
    author: Optional[str] = None
    published: Optional[PartialDate] = None
    url: Optional[str] = None
    language: str = "nl"
    sha256: str = ""
    pages: list = field(default_factory=list)   # [(page_number, start, end)] for PDFs
    paragraphs: list = field(default_factory=list)  # [(start, end)] blocks of text

    @property
    def doc_id(self) -> str:
        return self.source.rsplit(".", 1)[0]

    def page_at(self, offset: int) -> Optional[int]:
        for number, start, end in self.pages:
            if start <= offset < end:
                return number
        return None


@dataclass
class Token:
    """One Frog token with character offsets into the document text."""

    i: int               # 1-based index in its sentence (Frog's numbering)
    text: str            # the surface form as in the document (multi-word units joined by space)
    lemma: str
    morph: str
    pos: str             # full Frog tag, e.g. WW(vd,vrij,zonder)
    ner: str             # BIO tag(s), e.g. B-PER
    chunk: str
    head: int            # 0 = root
    rel: str             # dependency label: su, obj1, obj2, vc, svp, mod, pc, ...
    start: int
    end: int

    @property
    def tag(self) -> str:
        """The main part-of-speech: WW, N, SPEC, VNW, VZ, ..."""
        return self.pos.split("(", 1)[0].split("_", 1)[0]


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    tokens: list

    def token(self, i: int) -> Optional[Token]:
        return self.tokens[i - 1] if 1 <= i <= len(self.tokens) else None

    def children(self, i: int) -> list:
        return [t for t in self.tokens if t.head == i]


@dataclass
class Mention:
    """A span that names or points at an agent."""

    start: int
    end: int
    text: str
    kind: str            # name | role | group | pronoun | org
    etype: str           # Person | Organization | Body | Group | Role
    sentence: int = -1
    head_lemma: str = ""
    count: Optional[int] = None     # for groups: "vijf vrouwelijke ambtenaren" -> 5
    entity: Optional[str] = None    # key of the resolved Entity


@dataclass
class Entity:
    """One real agent, possibly mentioned in several documents."""

    key: str             # stable slug used to mint its IRI
    etype: str
    label: str
    aliases: set = field(default_factory=set)
    documents: set = field(default_factory=set)   # Document.source values
    count: Optional[int] = None
    posts: set = field(default_factory=set)       # role nouns this entity held, e.g. {"burgemeester"}
    subgroup_of: Optional[str] = None
    head: str = ""                                # head noun lemma of a group ("deskundige")
    modifiers: tuple = ()                         # its adjectives ("extern",)
    of_text: str = ""                             # its "van" complement ("van de griffie")


@dataclass
class Event:
    """One extracted event, with the evidence and provenance that back it."""

    doc: str                       # Document.source
    etype: str                     # ontology class local name: Report, Informing, ...
    agents: list                   # entity keys
    recipients: list
    quote_start: int
    quote_end: int
    quote: str
    lexicon_entry: str
    confidence: float
    polarity: str = "positive"     # positive | negative
    time: Optional[TimeValue] = None
    matter_text: Optional[str] = None
    speaker: Optional[str] = None  # entity key of the one who says so; None = the publisher
    attribution_cue: Optional[str] = None   # aldus, volgens, schrijft ...
    page: Optional[int] = None
    time_inherited: bool = False   # the time was carried over from an earlier sentence
    extra_evidence: list = field(default_factory=list)   # [(start, end, quote)] of the same event told again
