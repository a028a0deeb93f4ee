#!/usr/bin/env python3
"""Benchmark graph.nlp.frog on the seeds: start-up time, tokens/s, peak memory. Not a test.

    python scripts/bench_frog.py               # seeds/*.txt, 5 rounds
    python scripts/bench_frog.py --repeat 10 some/dir
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.nlp.frog import Frog  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from record_frog import body_of, files_in  # noqa: E402


def hwm_kib(pid: int) -> int:
    """Peak resident memory (VmHWM) of one process, in KiB; 0 if gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def group_members(pgid: int) -> list[int]:
    """Processes in the server's process group: the server and its per-connection children."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:
                out.append(int(d.name))
    return sorted(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    ap.add_argument("--repeat", type=int, default=5, help="rounds over the texts (default 5)")
    args = ap.parse_args(argv)

    texts = [body_of(p.read_text(encoding="utf-8")) for p in files_in(args.paths)]
    print(f"{len(texts)} texts, {sum(len(t.split()) for t in texts)} words, {args.repeat} rounds")
    t0 = time.monotonic()
    with Frog() as frog:
        start = time.monotonic() - t0
        print(f"start: {start:.1f} s (server pid {frog.pid}, port {frog.port})")
        pgid = frog.pid
        frog.parse("Dit is een eerste zin.")  # the connection's child is forked on first use
        frog.stats.clear()
        t1 = time.monotonic()
        rounds = []
        for _ in range(args.repeat):
            r0 = time.monotonic()
            n0 = frog.stats["tokens"]
            for text in texts:
                frog.parse(text)
            rounds.append((frog.stats["tokens"] - n0) / (time.monotonic() - r0))
        elapsed = time.monotonic() - t1
        members = group_members(pgid)
        peaks = {pid: hwm_kib(pid) for pid in members}
        s = frog.stats
        t2 = time.monotonic()
    close = time.monotonic() - t2
    print(f"parsed: {s['tokens']} tokens, {s['sentences']} sentences, {s['segments']} requests "
          f"in {elapsed:.2f} s")
    print(f"throughput: {s['tokens'] / elapsed:.0f} tokens/s overall; per round "
          f"{', '.join(f'{r:.0f}' for r in rounds)}")
    print(f"alignment: {s['exact']} exact, {s['fuzzy']} fuzzy, {s['gap']} gap, "
          f"{s['unaligned']} unaligned")
    for pid, kib in peaks.items():
        role = "server" if pid == pgid else "connection child"
        print(f"peak RSS {role} (pid {pid}): {kib / 1024:.0f} MiB")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS this Python process: {own / 1024:.0f} MiB")
    print(f"close: {close:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
