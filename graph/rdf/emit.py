"""The extracted model -> RDF: the one place triples are made (shape: docs/graph-shape.md)."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from rdflib import Dataset, Literal, URIRef

from graph.extract.corefer import EventGroup, member_key
from graph.model import Document, Entity, Event, PartialDate, TimeValue
from graph.rdf import mint
from graph.terms import DCTERMS, GG, OA, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

RELATION = {
    "Report": GG.reportedTo, "Informing": GG.informed, "NonDisclosure": GG.notInformed,
    "Agreement": GG.agreedWith, "Investigation": GG.investigated, "Commissioning": GG.commissioned,
    "Confrontation": GG.confronted,
}
CONTEXT = 30   # characters of prefix/suffix kept with a quote


def _partial(pd: PartialDate) -> Literal:
    if pd.precision == "year":
        return Literal(pd.iso(), datatype=XSD.gYear)
    if pd.precision == "month":
        return Literal(pd.iso(), datatype=XSD.gYearMonth)
    return Literal(pd.iso(), datatype=XSD.date)


def _instant_prop(pd: PartialDate) -> URIRef:
    return {"year": TIME.inXSDgYear, "month": TIME.inXSDgYearMonth}.get(pd.precision, TIME.inXSDDate)


def source_path(d: Document) -> str:
    """The file a document was read from, as a relative POSIX path that always holds a '/'
    ("seeds/a.txt", "./a.txt"): tools that compare file names take its last segment."""
    import os
    from pathlib import PurePosixPath
    p = d.path
    try:
        rel = os.path.relpath(p)
        p = rel if not rel.startswith("..") else p
    except ValueError:
        pass
    p = PurePosixPath(*os.path.normpath(p).split(os.sep)).as_posix()
    return p if "/" in p else f"./{p}"


def _date(d) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


class Emitter:
    """Writes documents, entities and events into one named graph per document."""

    def __init__(self):
        self.ds = Dataset()
        self.ds.bind("gg", GG._NS)
        self.ds.bind("oa", OA)
        self.ds.bind("org", ORG)

    def graph(self, document: Document):
        return self.ds.graph(mint.doc_graph(document.doc_id))

    def document(self, d: Document, publisher_key: Optional[str], original_key: Optional[str]) -> None:
        g, node = self.graph(d), mint.doc(d.doc_id)
        g.add((node, RDF.type, GG.Document))
        g.add((node, GG.sourceFile, Literal(source_path(d))))
        g.add((node, DCTERMS.language, Literal(d.language or "nl")))
        g.add((node, GG.contentHash, Literal(d.sha256)))
        if d.title:
            g.add((node, DCTERMS.title, Literal(d.title)))
        if publisher_key:
            g.add((node, DCTERMS.publisher, mint.agent(publisher_key)))
        if original_key and original_key != publisher_key:
            g.add((node, GG.originalPublisher, mint.agent(original_key)))
        if d.published:
            g.add((node, DCTERMS.issued, _partial(d.published)))
            g.add((node, GG.publishedBegin, _date(d.published.first_day())))
        if d.url:
            g.add((node, GG.url, Literal(d.url, datatype=XSD.anyURI)))

    def entity(self, d: Document, e: Entity, place: str = "") -> None:
        g, node = self.graph(d), mint.agent(e.key)
        g.add((node, RDF.type, GG[e.etype]))
        g.add((node, RDFS.label, Literal(e.label)))
        for a in sorted(e.aliases):
            g.add((node, SKOS.altLabel, Literal(a)))
        g.add((node, GG.mentionedIn, mint.doc(d.doc_id)))
        for p in sorted(e.posts):
            g.add((node, GG.roleNoun, Literal(p)))
            if e.etype == "Person":
                post_key = f"{p} {place}".strip()
                pnode = mint.post(post_key)
                g.add((pnode, RDF.type, ORG.Post))
                g.add((pnode, RDFS.label, Literal(post_key)))
                g.add((pnode, ORG.heldBy, node))
                t = mint.tenure(post_key, e.key)
                g.add((t, RDF.type, GG.Tenure))
                g.add((t, GG.post, pnode))
                g.add((t, GG.holder, node))
        if e.count is not None and e.count > 0:
            g.add((node, GG.memberCount, Literal(e.count)))
        if e.subgroup_of:
            g.add((node, GG.subgroupOf, mint.agent(e.subgroup_of)))

    def matter(self, d: Document, key: str, label: str) -> URIRef:
        g, node = self.graph(d), mint.matter(key)
        g.add((node, RDF.type, GG.Matter))
        g.add((node, RDFS.label, Literal(label)))
        return node

    def oversees(self, d: Document, body_key: str, agent_key: str) -> None:
        """``body gg:oversees agent`` in d's graph: the body holds the agent to account."""
        self.graph(d).add((mint.agent(body_key), GG.oversees, mint.agent(agent_key)))

    def _time(self, g, key: str, tv: TimeValue) -> URIRef:
        node = mint.time(key)
        g.add((node, RDF.type, TIME.Interval))
        g.add((node, GG.timeText, Literal(tv.text)))
        g.add((node, GG.precision, Literal(tv.precision)))
        g.add((node, GG.beginDate, _date(tv.first_day())))
        g.add((node, GG.endDate, _date(tv.last_day())))
        for part, pd, prop in (("begin", tv.begin, TIME.hasBeginning), ("end", tv.end, TIME.hasEnd)):
            inst = mint.time(key, part)
            g.add((node, prop, inst))
            g.add((inst, RDF.type, TIME.Instant))
            g.add((inst, _instant_prop(pd), _partial(pd)))
        return node

    def _evidence(self, g, d: Document, key: str, body: URIRef, start: int, end: int, page) -> URIRef:
        ann, target = mint.evidence(key), mint.evidence(key, "target")
        quote, pos = mint.evidence(key, "quote"), mint.evidence(key, "pos")
        g.add((ann, RDF.type, OA.Annotation))
        g.add((ann, OA.hasBody, body))
        g.add((ann, OA.hasTarget, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, mint.doc(d.doc_id)))
        g.add((target, OA.hasSelector, quote))
        g.add((target, OA.hasSelector, pos))
        if page:
            g.add((target, GG.page, Literal(page)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(d.text[start:end])))
        g.add((quote, OA.prefix, Literal(d.text[max(0, start - CONTEXT):start])))
        g.add((quote, OA.suffix, Literal(d.text[end:end + CONTEXT])))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(start)))
        g.add((pos, OA.end, Literal(end)))
        return ann

    def event(self, d: Document, ev: Event, matter: URIRef, attributed_to: str,
              group=None) -> URIRef:
        """Write telling ``ev`` of document ``d`` into d's graph and return the event node.

        ``group`` (a :class:`graph.extract.corefer.EventGroup`) holds every telling of the same
        real-world event; each telling adds, in its own document's graph, the triples it states
        (type, its participants, matter, polarity, gg:source, its evidence) and one attribution
        with its own quote and its own time (time:hasTime on the attribution). The event's own
        time is the group's most precise one, written once, in the graph of the telling that
        gives it. Without ``group`` the event is told by ``d`` alone.
        """
        g = self.graph(d)
        key = member_key(ev)
        if group is None:
            group = EventGroup(key, [ev], ev.time, ev if ev.time is not None else None)
        node = mint.event(group.key)
        g.add((node, RDF.type, GG[ev.etype]))
        agents = [mint.agent(k) for k in ev.agents]
        recipients = [mint.agent(k) for k in ev.recipients]
        for a in agents:
            g.add((node, GG.agent, a))
        for r in recipients:
            g.add((node, GG.recipient, r))
        g.add((node, GG.matter, matter))
        if ev.matter_text:
            g.add((node, GG.aboutText, Literal(ev.matter_text)))
        own_time = self._time(g, key, ev.time) if ev.time is not None else None
        if group.time_member is ev and own_time is not None:
            g.add((node, TIME.hasTime, own_time))
            g.add((node, GG.beginDate, _date(ev.time.first_day())))
            g.add((node, GG.endDate, _date(ev.time.last_day())))
        g.add((node, GG.source, mint.doc(d.doc_id)))
        ann = self._evidence(g, d, key, node, ev.quote_start, ev.quote_end, ev.page)
        g.add((node, GG.evidence, ann))
        for n, (a, b, _q) in enumerate(ev.extra_evidence, 1):
            g.add((node, GG.evidence, self._evidence(g, d, f"{key}-{n}", node, a, b, d.page_at(a))))
        att = mint.attribution(key)
        g.add((node, PROV.qualifiedAttribution, att))
        g.add((att, RDF.type, GG.Attribution))
        g.add((att, PROV.agent, mint.agent(attributed_to)))
        g.add((att, GG.source, mint.doc(d.doc_id)))
        g.add((att, GG.evidence, ann))
        if own_time is not None:
            g.add((att, TIME.hasTime, own_time))
        if ev.attribution_cue:
            g.add((att, GG.attributionCue, Literal(ev.attribution_cue)))
        g.add((node, GG.polarity, Literal(ev.polarity)))
        g.add((node, GG.confidence, Literal(Decimal(str(round(group.confidence, 2))), datatype=XSD.decimal)))
        g.add((node, GG.lexiconEntry, Literal(group.lexicon_entry)))
        # direct relations next to the event, so that simple SPARQL stays simple
        if ev.etype in RELATION:
            for a in agents:
                for r in recipients:
                    g.add((a, RELATION[ev.etype], r))
        elif ev.etype == "Resignation":
            for a in agents:
                g.add((a, GG.resigned, matter))
        elif ev.etype == "KnowledgeStatement":
            prop = GG.knewOf if ev.polarity == "positive" else GG.didNotKnow
            for a in agents:
                g.add((a, prop, matter))
        return node
