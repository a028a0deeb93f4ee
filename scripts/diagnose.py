#!/usr/bin/env python3
"""Show, per document, the gold events next to the extracted ones (matched or not), or with
--splits the gold entities the export splits over several nodes.

    scripts/diagnose.py events.jsonl GOLD.yaml...            (uses ../shared/eval/score.py's matching)
    scripts/diagnose.py --splits entities.jsonl GOLD.yaml...
"""
import importlib.util
import sys
from pathlib import Path

import yaml

spec = importlib.util.spec_from_file_location("score", Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "score.py")
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)



def splits(entities_path, gold_paths):
    ents = score.load_jsonl(entities_path)
    for path in gold_paths:
        gold = yaml.safe_load(open(path, encoding="utf-8"))
        idx = score.GoldIndex(gold["entities"])
        docs = score.gold_docs(gold)
        hits = {}
        for e in ents:
            if "documents" in e and not any(score.doc_matches(d, " ".join(map(str, e["documents"]))) for d in docs):
                continue
            for h in idx.resolve(e):
                hits.setdefault(h, []).append((e["label"], e["type"], e["aliases"][:4]))
        for g, found in hits.items():
            if len(found) > 1:
                print(Path(path).stem[:12], g, idx.types.get(g), found)


if sys.argv[1] == "--splits":
    splits(sys.argv[2], sys.argv[3:])
    sys.exit(0)

events = score.load_jsonl(sys.argv[1])
for path in sys.argv[2:]:
    gold = yaml.safe_load(open(path, encoding="utf-8"))
    index = score.GoldIndex(gold["entities"])
    matches, *_ = score.score_events(gold, events, index)
    matched_p = {id(p) for _, p in matches}
    matched_g = {(g["doc"], g["type"], g.get("trigger")) for g, _ in matches}
    docs = score.gold_docs(gold)
    for d in docs:
        print(f"=== {d}")
        for g in score.read_gold_events(gold):
            if g["doc"] != d or g["type"] not in score.CORE_TYPES:
                continue
            mark = "OK " if (g["doc"], g["type"], g.get("trigger")) in matched_g else "-- "
            print(f"  {mark}GOLD {g['type']:13} {g.get('agent')} -> {g.get('recipient')} @{g.get('when')} | {g.get('trigger')}")
        for p in events:
            if p.get("type") not in score.CORE_TYPES or not score.doc_matches(d, p.get("document")):
                continue
            if id(p) in matched_p:
                continue
            a = [sorted(index.resolve(x)) or x["label"] for x in p["agents"]]
            r = [sorted(index.resolve(x)) or x["label"] for x in p["recipients"]]
            t = (p.get("time") or {}).get("text")
            print(f"  xx PRED {p['type']:13} {a} -> {r} @{t} | {p['quote'][:100]!r}")
