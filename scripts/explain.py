#!/usr/bin/env python3
"""Explain what govgraph reads from a text: tokens with Frog's parse, mentions, clauses, events.

    scripts/explain.py FILE... [--grep WORD] [--tokens]
(FILEs with front matter, as govgraph build reads them; one Frog server for all of them)
For lexicon writers: shows why a frame did or did not fire on a sentence.
"""
import argparse

from graph.build import extract
from graph.documents import read
from graph.extract.events import SentenceView
from graph.nlp.frog import Frog

ap = argparse.ArgumentParser()
ap.add_argument("files", nargs="+")
ap.add_argument("--grep", help="only sentences containing this text")
ap.add_argument("--tokens", action="store_true", help="print the parse of each sentence")
a = ap.parse_args()
docs = [read(f) for f in a.files]
with Frog() as frog:
    contexts, entities, events = extract(docs, frog)
for doc, ctx in zip(docs, contexts):
    evs = events[doc.source]
    print(f"\n===== {doc.source}")
    for s in ctx.sentences:
        text = doc.text[s.start:s.end]
        if a.grep and a.grep.lower() not in text.lower():
            continue
        print(f"\n[{s.index}] {text}")
        if a.tokens:
            for t in s.tokens:
                print(f"    {t.i:>2} {t.text:<18} {t.lemma:<16} {t.pos:<28} {t.ner:<8} {t.head:>2} {t.rel}")
        sv = SentenceView(ctx, s)
        print("  clauses:", [(c.first, c.last, c.opener, c.subordinate) for c in sv.clauses])
        for m in ctx.mentions.get(s.index, []):
            print(f"  mention {m.text!r} {m.kind} {m.etype} -> {m.entity} [{m.first}-{m.last}]")
        for e in evs:
            if s.start <= e.quote_start < s.end:
                print(f"  EVENT {e.etype} {e.agents} -> {e.recipients} @{e.time.text if e.time else None} "
                      f"{e.polarity} {e.lexicon_entry} {e.confidence}")
