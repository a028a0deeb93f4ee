"""``govgraph build``: documents -> Frog -> mentions -> entities -> events -> RDF -> store -> rules.

The graph directory is written next to its final place and swapped in only when everything
succeeded, so a failed build never loses the graph that was already there.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from graph import __version__
from graph.documents import read_all
from graph.errors import InputError
from graph.extract.corefer import corefer
from graph.extract.entities import resolve_corpus, resolve_document, slug
from graph.extract.events import extract_document
from graph.extract.mentions import find_mentions
from graph.oversight import oversight_pairs
from graph.rdf.emit import Emitter
from graph.resources import ontology_dir
from graph.rules import apply_rules
from graph.store import MANIFEST_FILE, TRIG_FILE, Store
from graph.terms import ONTOLOGY_GRAPH


@dataclass
class BuildReport:
    documents: int = 0
    sentences: int = 0
    entities: int = 0
    events: int = 0
    quads: int = 0
    inferred: int = 0
    seconds: float = 0.0
    per_type: dict = field(default_factory=dict)

    def summary(self) -> str:
        types = ", ".join(f"{k} {v}" for k, v in sorted(self.per_type.items()))
        return (f"{self.documents} documents, {self.sentences} sentences, {self.entities} entities, "
                f"{self.events} events ({types}), {self.quads} quads ({self.inferred} inferred) "
                f"in {self.seconds:.1f} s")


def extract(docs: list, parser) -> tuple:
    """Parse and read every document: (contexts, entities, events per document)."""
    contexts = []
    for d in docs:
        sentences = parser.parse(d.text)
        mentions = {s.index: find_mentions(s, d.text) for s in sentences}
        contexts.append(resolve_document(d, sentences, mentions))
    entities = resolve_corpus(contexts)
    events = {ctx.doc.source: extract_document(ctx) for ctx in contexts}
    return contexts, entities, events


def matter_of(ctx, entities: dict) -> tuple:
    """(key, label) of the matter a document is about: the affair around its focal person, so
    documents about the same person share a matter; else one matter per document."""
    d = ctx.doc
    if ctx.focus and ctx.focus in entities:
        return f"zaak {ctx.focus}", f"de zaak rond {entities[ctx.focus].label}"
    return f"zaak {d.doc_id}", d.title or d.source


def _voice(d) -> Optional[str]:
    """The key of who speaks in a document when no speaker is quoted: the original publisher."""
    if d.original_publisher:
        return slug(d.original_publisher)
    return slug(d.publisher) if d.publisher else None


def _anonymous_author(d, entities: dict) -> str:
    """A document without a known publisher or author still says what it says: its events are
    attributed to the author of that document, a post without a named holder."""
    from graph.model import Entity
    key = f"auteur {d.doc_id}"
    if key not in entities:
        entities[key] = Entity(key=key, etype="Role", label=f"auteur van {d.source}", documents={d.source})
    return key


def emit(contexts: list, entities: dict, events: dict) -> Emitter:
    em = Emitter()
    for ctx in contexts:
        if _voice(ctx.doc) is None:
            ctx.doc_voice = _anonymous_author(ctx.doc, entities)
    matters = {ctx.doc.source: matter_of(ctx, entities) for ctx in contexts}
    voices = {ctx.doc.source: _voice(ctx.doc) or ctx.doc_voice for ctx in contexts}
    # an event needs someone who says so: the speaker, else the (original) publisher
    told = {src: [ev for ev in evs if ev.speaker or voices.get(src)] for src, evs in events.items()}
    # one node per real-world event: tellings in several documents are linked first
    groups = corefer(told, entities, {src: key for src, (key, _l) in matters.items()})
    group_of = {id(m): g for g in groups for m in g.members}
    for ctx in contexts:
        d = ctx.doc
        pub = slug(d.publisher) if d.publisher else None
        orig = slug(d.original_publisher) if d.original_publisher else None
        em.document(d, pub, orig)
        in_doc = [e for e in entities.values() if d.source in e.documents]
        for e in in_doc:
            em.entity(d, e, ctx.place)
        for body, agent in oversight_pairs(in_doc):
            em.oversees(d, body, agent)
        mkey, mlabel = matters[d.source]
        matter = em.matter(d, mkey, mlabel)
        for ev in told[d.source]:
            em.event(d, ev, matter, ev.speaker or voices[d.source], group_of.get(id(ev)))
    return em


def build(sources: Iterable, out: Path, parser=None, validate: bool = True) -> BuildReport:
    """Build the graph of ``sources`` into directory ``out``. Raises GovgraphError subclasses."""
    from graph.nlp.frog import shared_frog

    t0 = time.monotonic()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a directory; choose another --out")
    docs = read_all(sources)          # every input problem is found before anything is written
    parser = parser or shared_frog()
    contexts, entities, events = extract(docs, parser)
    em = emit(contexts, entities, events)

    tmp = out.parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        store = Store.create(tmp)
        store.load_nquads(em.ds.serialize(format="nquads").encode("utf-8"))
        store.load_turtle(ontology_dir() / "governance.ttl", ONTOLOGY_GRAPH)
        inferred = apply_rules(store)
        store.dump_trig(tmp / TRIG_FILE)
        if validate:
            from rdflib import Dataset

            from graph.validate import validate as shacl
            from graph.errors import ValidationError
            ds = Dataset()
            ds.parse(tmp / TRIG_FILE, format="trig")
            try:
                shacl(ds)
            except ValidationError as e:
                # the full report goes to a file; the error itself stays one line
                report_path = out.parent / f"{out.name}.shacl-report.txt"
                report_path.write_text(str(e) + "\n", encoding="utf-8")
                lines = str(e).splitlines()
                raise ValidationError(
                    f"the graph built from the sources does not conform to ontology/shapes.ttl "
                    f"({lines[0][:200]}{' ...' if len(lines) > 1 else ''}); full report: {report_path}; "
                    f"nothing was written to {out}. Report this with the report file: it is a govgraph bug"
                ) from e
        store.flush()
        report = BuildReport(documents=len(docs), sentences=sum(len(c.sentences) for c in contexts),
                             entities=len(entities), events=sum(len(v) for v in events.values()),
                             quads=len(store), inferred=inferred)
        for evs in events.values():
            for ev in evs:
                report.per_type[ev.etype] = report.per_type.get(ev.etype, 0) + 1
        report.seconds = time.monotonic() - t0
        (tmp / MANIFEST_FILE).write_text(json.dumps({
            "govgraph": __version__, "documents": [{"source": d.source, "sha256": d.sha256} for d in docs],
            "report": report.__dict__}, indent=2, ensure_ascii=False), encoding="utf-8")
        del store
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return report
