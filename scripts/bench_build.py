#!/usr/bin/env python3
"""Benchmark ``govgraph build`` on N copies of the seeds: documents/s, tokens/s, peak memory,
and a check that one Frog server did all the parsing. Not a test.

    python scripts/bench_build.py                    # 10 copies of seeds/, 2 builds, real Frog
    python scripts/bench_build.py --copies 50 --builds 1
    python scripts/bench_build.py --recorded         # recorded Frog output: the pipeline alone

Each copy gets its own file names (``c003_<name>``), as file names identify documents. The
builds run one after another in this process, through ``graph.build.build`` with the
process-wide ``shared_frog()``, the way the CLI builds. Exit 1 if a build failed (its time is
still printed), more than one Frog server was started, or Frog restarted.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.build import build  # noqa: E402
from graph.errors import GovgraphError  # noqa: E402
from graph.nlp import frog as frog_mod  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from bench_frog import group_members, hwm_kib  # noqa: E402  (one copy of the /proc readers)


def frog_processes() -> list[int]:
    """Every process on the machine whose program is frog (ours and anyone else's)."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if (d / "comm").read_text().strip() == "frog":
                    out.append(int(d.name))
            except OSError:
                continue
    return sorted(out)


def make_copies(seeds: Path, copies: int, into: Path) -> list[Path]:
    files = sorted(p for p in seeds.iterdir() if p.suffix in (".txt", ".md") and not
                   p.name.upper().startswith("README"))
    if not files:
        raise SystemExit(f"{seeds}: no .txt or .md documents to copy")
    for n in range(copies):
        for f in files:
            shutil.copyfile(f, into / f"c{n:03d}_{f.name}")
    return files


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default=str(ROOT / "seeds"), help="directory to copy (default seeds/)")
    ap.add_argument("--copies", type=int, default=10, help="copies of the seeds per build (default 10)")
    ap.add_argument("--builds", type=int, default=2,
                    help="builds in a row in this process, to show the server is reused (default 2)")
    ap.add_argument("--recorded", action="store_true",
                    help="use recorded Frog output (tests/fixtures/frog) instead of the real Frog")
    ap.add_argument("--no-validate", action="store_true", help="skip the SHACL check, as build --no-validate")
    args = ap.parse_args(argv)

    launches = []
    real_launch = frog_mod.Frog._launch

    def counting_launch(self, binary, port):  # every server start goes through _launch
        launches.append(port)
        return real_launch(self, binary, port)

    frog_mod.Frog._launch = counting_launch
    before = set(frog_processes())

    work = Path(tempfile.mkdtemp(prefix="govgraph-bench-"))
    try:
        sources = work / "sources"
        sources.mkdir()
        originals = make_copies(Path(args.seeds), args.copies, sources)
        ndocs = len(originals) * args.copies
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in sources.iterdir())
        print(f"{ndocs} documents ({args.copies} copies of {len(originals)}), {words} words, "
              f"{args.builds} build(s), {'recorded' if args.recorded else 'real'} Frog")

        if args.recorded:
            parser = frog_mod.RecordedFrog(ROOT / "tests" / "fixtures" / "frog")
        else:
            parser = frog_mod.shared_frog()
        pids, peaks, failed = set(), {}, 0
        for b in range(1, args.builds + 1):
            tokens0 = parser.stats["tokens"]
            t0 = time.monotonic()
            try:
                report = build([sources], work / f"graph{b}", parser=parser,
                               validate=not args.no_validate)
                outcome = (f"{report.sentences} sentences, {report.events} events, "
                           f"{report.quads} quads")
            except GovgraphError as e:
                # Still a measurement of reading, parsing and extracting; say what failed.
                failed += 1
                outcome = f"FAILED: {str(e).splitlines()[0]}"
            seconds = time.monotonic() - t0
            tokens = parser.stats["tokens"] - tokens0
            print(f"build {b}: {seconds:.2f} s, {ndocs / seconds:.1f} documents/s, "
                  f"{tokens / seconds:.0f} tokens/s ({tokens} tokens; {outcome})")
            if not args.recorded:
                if b == 1 and parser.startup_seconds is not None:
                    print(f"  of which Frog start-up: {parser.startup_seconds:.1f} s")
                pids.add(parser.pid)
                for pid in group_members(parser.pid or -1):
                    peaks[pid] = max(peaks.get(pid, 0), hwm_kib(pid))

        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak RSS: python {own / 1024:.0f} MiB", end="")
        if peaks:
            print(f", frog {sum(peaks.values()) / 1024:.0f} MiB over {len(peaks)} processes "
                  f"(server and its connection child)")
        else:
            print()
        if args.recorded:
            return 1 if failed else 0
        new = sorted(set(frog_processes()) - before)
        restarts = parser.stats["restarts"]
        one = len(launches) == 1 and len(pids) == 1 and restarts == 0
        print(f"Frog servers started: {len(launches)}; server pid(s) seen: "
              f"{', '.join(map(str, sorted(p for p in pids if p)))}; restarts: {restarts}; "
              f"frog processes now running that were not before: {len(new)} -> "
              f"{'one Frog process: ok' if one else 'MORE THAN ONE FROG: not ok'}")
        return 0 if one and not failed else 1
    except GovgraphError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    finally:
        frog_mod.Frog._launch = real_launch
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
