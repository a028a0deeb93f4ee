#!/usr/bin/env python3
"""List gold entities that the export splits over several nodes: scripts/entity_splits.py ENTITIES.jsonl GOLD.yaml..."""
import importlib.util
import sys
from pathlib import Path

import yaml

spec = importlib.util.spec_from_file_location("score", Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "score.py")
sc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sc)
ents = sc.load_jsonl(sys.argv[1])
for path in sys.argv[2:]:
    gold = yaml.safe_load(open(path, encoding="utf-8"))
    idx = sc.GoldIndex(gold["entities"])
    docs = sc.gold_docs(gold)
    hits = {}
    for e in ents:
        if "documents" in e and not any(sc.doc_matches(d, " ".join(map(str, e["documents"]))) for d in docs):
            continue
        for h in idx.resolve(e):
            hits.setdefault(h, []).append((e["label"], e["type"], e["aliases"][:4]))
    for g, found in hits.items():
        if len(found) > 1:
            print(Path(path).stem[:12], g, idx.types.get(g), found)
