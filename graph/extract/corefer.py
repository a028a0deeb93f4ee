"""One real-world event, told by several documents: cross-document event coreference.

Extraction reads every document on its own, so an event that two sources report (the five
signals to the vertrouwenspersoon, the resignation on 5 July) comes out twice. :func:`corefer`
links such tellings into one :class:`EventGroup`; the emitter then writes one event node with
one attribution per source (docs/graph-shape.md).

Two tellings from *different* documents are the same event when

* they have the same type and polarity and are about the same matter;
* their times are compatible: the intervals overlap, or one of them is unknown;
* their resolved participants overlap: at least one agent or one recipient in common, or two
  groups of the same size on one side ("vier medewerkers" / "vier vrouwelijke ambtenaren");
* and the evidence weighs enough (:data:`MIN_SCORE`): overlapping times +2, a side whose
  participants overlap +2, a side with two groups of one size +1, a side where both name
  participants and none is shared -2. So a shared recipient alone is not enough when one
  time is unknown and the agents differ (a newspaper's own investigation of a wethouder is not
  the external investigation of the same wethouder).

Pairs are linked best first; a group never holds two tellings from one document (the
extraction already merges repeated tellings within a document), and every two members of a
group have compatible times. Separate events stay separate.

Example::

    >>> groups = corefer(events, entities, matters)     # doctest: +SKIP
    >>> [len(g.members) for g in groups]                 # doctest: +SKIP
    [2, 1, 1, 2, ...]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from graph.model import Event, TimeValue
from graph.rdf import mint

MIN_SCORE = 2
# endpoint granularity: a day-precise interval is more precise than a month-precise one
_GRAIN = {"day": 0, "month": 1, "year": 2}


@dataclass
class EventGroup:
    """Tellings of one real-world event: ``members`` sorted by (document, offset).

    ``key`` mints the event IRI: for a single telling the key it always had, for several a hash
    of the sorted (source, start, end) of the members. ``time`` is the most precise of the
    members' compatible times (``time_member`` told it), None when no member gives one.
    """

    key: str
    members: list = field(default_factory=list)
    time: Optional[TimeValue] = None
    time_member: Optional[Event] = None

    @property
    def confidence(self) -> float:
        return max(m.confidence for m in self.members)

    @property
    def lexicon_entry(self) -> str:
        return self.members[0].lexicon_entry

    @property
    def sources(self) -> list:
        return [m.doc for m in self.members]


def member_key(ev: Event) -> str:
    """The key of one telling (its evidence, attribution and time nodes are minted from it)."""
    return mint.event_key(ev.doc, ev.quote_start, ev.quote_end, ev.etype)


def times_overlap(a: Optional[TimeValue], b: Optional[TimeValue]) -> bool:
    """True when either time is unknown or the two intervals share a day."""
    if a is None or b is None:
        return True
    return a.first_day() <= b.last_day() and b.first_day() <= a.last_day()


def precision_rank(tv: TimeValue) -> tuple:
    """Smaller is more precise: the coarser endpoint, then the number of days covered."""
    grain = max(_GRAIN.get(tv.begin.precision, 2), _GRAIN.get(tv.end.precision, 2))
    return grain, (tv.last_day() - tv.first_day()).days


def _same_size_groups(xs, ys, entities: dict) -> bool:
    def counts(keys):
        return {entities[k].count for k in keys
                if k in entities and entities[k].etype == "Group" and entities[k].count}
    return bool(counts(xs) & counts(ys))


def score(a: Event, b: Event, entities: dict) -> Optional[int]:
    """How strongly two tellings look like one event; None when they cannot be one."""
    if a.doc == b.doc or a.etype != b.etype or a.polarity != b.polarity:
        return None
    if not times_overlap(a.time, b.time):
        return None
    total = 2 if (a.time is not None and b.time is not None) else 0
    shared = False
    for xs, ys in ((a.agents, b.agents), (a.recipients, b.recipients)):
        if not xs or not ys:
            continue
        if set(xs) & set(ys):
            total += 2
            shared = True
        elif _same_size_groups(xs, ys, entities):
            total += 1
            shared = True
        else:
            total -= 2
    return total if shared else None


def _order(ev: Event) -> tuple:
    return ev.doc, ev.quote_start, ev.quote_end, ev.etype


def corefer(events: dict, entities: dict, matters: Optional[dict] = None) -> list:
    """Group the tellings of ``events`` (source -> [Event]) into :class:`EventGroup` s.

    ``entities`` (key -> Entity) gives group sizes; ``matters`` (source -> matter key) keeps
    tellings about different matters apart (None: one matter). Every event is in exactly one
    group; groups come sorted by their first member. Deterministic for the same input.
    """
    matters = matters or {}
    evs = sorted((e for lst in events.values() for e in lst), key=_order)
    index = {id(e): i for i, e in enumerate(evs)}
    pairs = []
    for i, a in enumerate(evs):
        for b in evs[i + 1:]:
            if matters.get(a.doc) != matters.get(b.doc):
                continue
            s = score(a, b, entities)
            if s is not None and s >= MIN_SCORE:
                pairs.append((-s, index[id(a)], index[id(b)]))
    pairs.sort()
    group_of = list(range(len(evs)))
    members = {i: [i] for i in range(len(evs))}
    for _s, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        mi, mj = members[gi], members[gj]
        if {evs[k].doc for k in mi} & {evs[k].doc for k in mj}:
            continue          # one telling per document
        if not all(times_overlap(evs[x].time, evs[y].time) for x in mi for y in mj):
            continue
        for k in mj:
            group_of[k] = gi
        members[gi] = sorted(mi + mj)
        del members[gj]
    groups = []
    for idxs in sorted(members.values()):
        ms = [evs[k] for k in idxs]
        if len(ms) == 1:
            key = member_key(ms[0])
        else:
            key = mint.event_group_key([(m.doc, m.quote_start, m.quote_end) for m in ms], ms[0].etype)
        timed = [m for m in ms if m.time is not None]
        best = min(timed, key=lambda m: (precision_rank(m.time), _order(m))) if timed else None
        groups.append(EventGroup(key, ms, best.time if best else None, best))
    return groups
