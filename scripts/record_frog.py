#!/usr/bin/env python3
"""Record Frog's replies for every paragraph of some texts, for ``RecordedFrog`` in tests.

    python scripts/record_frog.py seeds/ tests/fixtures/sentences.txt
    python scripts/record_frog.py --out tests/fixtures/frog --max-tokens 60 FILE_OR_DIR ...

Each text the parser would send is written to ``<out>/<sha256>.json`` as
``{"text": ..., "frog": raw columns}``. Files that begin with a YAML front-matter block
(``---`` lines) are recorded from the body after it, as the pipeline sees them. Directories are
searched for ``*.txt``. Needs a real Frog (``sudo apt-get install frog frogdata``).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.errors import GovgraphError  # noqa: E402
from graph.nlp.frog import Frog  # noqa: E402


def body_of(text: str) -> str:
    """The text after a leading front-matter block: whatever follows the closing '---\\n'."""
    if text.startswith("---\n"):
        close = text.find("\n---\n", 3)
        if close != -1:
            return text[close + len("\n---\n"):]
    return text


def files_in(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="text files or directories of *.txt")
    ap.add_argument("--out", default=str(ROOT / "tests" / "fixtures" / "frog"),
                    help="directory for the recordings (default: tests/fixtures/frog)")
    ap.add_argument("--max-tokens", type=int, default=60,
                    help="sentence cap; must match the RecordedFrog that replays (default 60)")
    ap.add_argument("--command", default="frog", help="the frog binary")
    args = ap.parse_args(argv)

    out = Path(args.out)
    try:
        with Frog(command=args.command, max_tokens=args.max_tokens, record_dir=out) as frog:
            print(f"Frog started in {frog.startup_seconds:.1f} s on port {frog.port}")
            for path in files_in(args.paths):
                text = body_of(path.read_text(encoding="utf-8"))
                t0 = time.monotonic()
                before = dict(frog.stats)
                sentences = frog.parse(text)
                n_tok = frog.stats["tokens"] - before.get("tokens", 0)
                n_seg = frog.stats["segments"] - before.get("segments", 0)
                print(f"{path}: {n_seg} paragraphs, {len(sentences)} sentences, "
                      f"{n_tok} tokens in {time.monotonic() - t0:.1f} s")
            s = frog.stats
            print(f"alignment: {s['exact']} exact, {s['fuzzy']} fuzzy, {s['gap']} from gaps, "
                  f"{s['unaligned']} unaligned of {s['tokens']} tokens; restarts {s['restarts']}")
    except GovgraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"recordings in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
