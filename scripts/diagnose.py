#!/usr/bin/env python3
"""Show, per document, the gold events next to the extracted ones (matched or not).

    scripts/diagnose.py events.jsonl GOLD.yaml...   (uses ../shared/eval/score.py's matching)
"""
import importlib.util
import json
import sys
from pathlib import Path

import yaml

spec = importlib.util.spec_from_file_location("score", Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "score.py")
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

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
