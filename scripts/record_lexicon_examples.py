#!/usr/bin/env python3
"""Record Frog's replies for every example sentence of the lexicon (frames, roles, discourse),
so that tests/test_lexicon.py runs them without Frog. Run after adding or changing an example:

    python3 scripts/record_lexicon_examples.py
"""
from pathlib import Path

from graph.lexicon.load import load_yaml
from graph.nlp.frog import Frog

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "frog"


def example_texts():
    frames = load_yaml("frames")["frames"]
    for f in frames:
        for ex in f.get("examples") or []:
            yield ex["text"]
    for name in ("roles", "discourse"):
        for ex in load_yaml(name).get("examples") or []:
            yield ex["text"]


if __name__ == "__main__":
    texts = sorted(set(example_texts()))
    with Frog(record_dir=OUT) as frog:
        for t in texts:
            frog.parse(t)
    print(f"recorded {len(texts)} example sentences in {OUT}")
