#!/usr/bin/env python3
"""Keep the README true: run every command of its ```console blocks and put the real output
under it (``--write``), or check that the README shows what the commands print (``--check``,
used by tests/test_readme.py). Figures that change from run to run (seconds) are not compared.

    python3 scripts/readme_outputs.py --write     # after the extraction or a query changed
    python3 scripts/readme_outputs.py --check
"""
import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
VOLATILE = [(re.compile(r" in \d+(\.\d+)? s\b"), " in N s")]


def run(command: str) -> str:
    args = shlex.split(command)
    if args and args[0] == "govgraph":
        args = [sys.executable, "-m", "graph"] + args[1:]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"README command failed ({done.returncode}): {command}\n{done.stderr}")
    return done.stdout


def blocks(text: str):
    """(start, end, [(command, shown_output)]) for every console block."""
    for m in BLOCK.finditer(text):
        items, cmd, out = [], None, []
        for line in m.group(1).splitlines():
            if line.startswith("$ "):
                if cmd is not None:
                    items.append((cmd, "\n".join(out)))
                cmd, out = line[2:], []
            else:
                out.append(line)
        if cmd is not None:
            items.append((cmd, "\n".join(out)))
        yield m.start(1), m.end(1), items


def normal(text: str) -> str:
    for pattern, repl in VOLATILE:
        text = pattern.sub(repl, text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    text = README.read_text(encoding="utf-8")
    pieces, last, problems = [], 0, []
    for start, end, items in blocks(text):
        new = []
        for cmd, shown in items:
            real = run(cmd).rstrip("\n")
            if normal(real) != normal(shown):
                problems.append(f"$ {cmd}\n--- README\n{shown}\n--- real\n{real}")
            new.append(f"$ {cmd}\n{real}" if real else f"$ {cmd}")
        pieces.append(text[last:start] + "\n".join(new) + "\n")
        last = end
    pieces.append(text[last:])
    if a.write:
        README.write_text("".join(pieces), encoding="utf-8")
        print(f"README.md: {len(problems)} outputs updated")
    elif problems:
        print("\n\n".join(problems))
        raise SystemExit(f"{len(problems)} README outputs differ from what the commands print; "
                         f"run python3 scripts/readme_outputs.py --write")
    else:
        print("README.md: every command prints what it shows")


if __name__ == "__main__":
    main()
