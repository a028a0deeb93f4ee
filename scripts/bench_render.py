"""Benchmark of the views (not a test): a synthetic graph of 5,000 agents and 20,000 events.

Prints the build and render times, the HTML file size, the time until the page is
interactive in headless Chromium, and how long the date slider takes to respond.
Targets: interactive < 3 s, slider < 200 ms.

    python scripts/bench_render.py [--agents 5000] [--events 20000] [--out /tmp/bench.html]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.render import render_html, view_model  # noqa: E402
from graph.store import Store  # noqa: E402
from graph.terms import EVENT_CLASSES, GG, ID  # noqa: E402

AGENT_TYPES = ("Person", "Body", "Organization", "Group", "Role")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic_trig(n_agents: int, n_events: int, n_docs: int = 200, seed: int = 7) -> str:
    """TriG in the shape of docs/graph-shape.md: agents, dated events with quotes, knowledge."""
    rnd = random.Random(seed)
    gg, idn = str(GG.Person)[:-len("Person")], str(ID)
    out = [f"@prefix gg: <{gg}> .", "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
           "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
           "@prefix dcterms: <http://purl.org/dc/terms/> .", "@prefix oa: <http://www.w3.org/ns/oa#> ."]
    first = {}
    base = 17532  # 2018-01-01 in days since 1970
    iso = lambda d: time.strftime("%Y-%m-%d", time.gmtime(d * 86400))  # noqa: E731
    docs = {d: [] for d in range(n_docs)}
    for i in range(n_events):
        a = rnd.randrange(n_agents)
        b = int(abs(rnd.gauss(a, 150))) % n_agents
        t = EVENT_CLASSES[rnd.randrange(len(EVENT_CLASSES))]
        begin = base + rnd.randrange(5 * 365)
        end = begin + rnd.choice((0, 0, 0, 30, 91, 365))
        docs[rnd.randrange(n_docs)].append((i, a, b, t, begin, end))
    for d, events in docs.items():
        doc = f"<{idn}doc/bench_{d:04d}>"
        out.append(f"<{GRAPH}doc/bench_{d:04d}> {{")
        out.append(f'{doc} a gg:Document ; dcterms:title "Synthetisch document {d}" ; '
                   f'dcterms:issued "2022-01-01"^^xsd:date .')
        for i, a, b, t, begin, end in events:
            ev = f"<{idn}event/b{i}>"
            rec = "" if t in ("Resignation", "KnowledgeStatement") else f" gg:recipient <{idn}agent/a{b}> ;"
            out.append(f'{ev} a gg:{t} ; gg:agent <{idn}agent/a{a}> ;{rec} '
                       f'gg:beginDate "{iso(begin)}"^^xsd:date ; gg:endDate "{iso(end)}"^^xsd:date ; '
                       f'gg:source {doc} ; gg:evidence <{idn}evidence/b{i}> ; gg:polarity "positive" .')
            out.append(f'<{idn}evidence/b{i}> oa:hasTarget <{idn}evidence/b{i}-t> . '
                       f'<{idn}evidence/b{i}-t> oa:hasSource {doc} ; oa:hasSelector <{idn}evidence/b{i}-q> . '
                       f'<{idn}evidence/b{i}-q> a oa:TextQuoteSelector ; '
                       f'oa:exact "agent {a} en agent {b}: citaat {i} <b>&</b>" .')
            for x in (a, b):
                first[x] = min(first.get(x, 10**9), begin)
        out.append("}")
    out.append(f"<{GRAPH}agents> {{")
    for x in range(n_agents):
        out.append(f'<{idn}agent/a{x}> a gg:{AGENT_TYPES[x % 5]} ; rdfs:label "Agent {x}" .')
    out.append("}")
    out.append(f"<{GRAPH}inferred> {{")
    for x, d in sorted(first.items()):
        if x % 5 != 0:  # some agents took part in events but are not known to have known
            out.append(f'<{idn}knowledge/b{x}> a gg:Knowledge ; gg:knower <{idn}agent/a{x}> ; '
                       f'gg:since "{iso(d)}"^^xsd:date ; gg:derivation "derived" .')
    out.append("}")
    return "\n".join(out)


GRAPH = str(ID)[:-len("id/")] + "graph/"

SLIDER_JS = """async (day) => {
  const gg = window.govgraph, s = document.getElementById('asof');
  const drawn = new Promise(r => gg.network.once('afterDrawing', r));
  const t0 = performance.now();
  s.value = String(day);
  s.dispatchEvent(new Event('input'));
  await drawn;
  return performance.now() - t0;
}"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--agents", type=int, default=5000)
    ap.add_argument("--events", type=int, default=20000)
    ap.add_argument("--out", default="/tmp/govgraph-bench.html")
    args = ap.parse_args(argv)

    t = time.perf_counter()
    trig = synthetic_trig(args.agents, args.events)
    store = Store.in_memory()
    store.load_trig(trig)
    print(f"graph: {args.agents} agents, {args.events} events, {len(store)} quads "
          f"(built in {time.perf_counter() - t:.1f} s)")
    t = time.perf_counter()
    vm = view_model(store)
    t_vm = time.perf_counter() - t
    t = time.perf_counter()
    out = render_html(vm, args.out)
    t_html = time.perf_counter() - t
    size = out.stat().st_size
    print(f"view_model: {t_vm:.1f} s (incl. layout and analysis); render_html: {t_html:.1f} s")
    print(f"file: {out} {size / 1e6:.1f} MB ({len(vm['nodes'])} nodes, {len(vm['edges'])} edges)")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        ready, loads, slider = [], [], []
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            blocked = []
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "about:"))
                       else (blocked.append(r.request.url), r.abort()))
            page.goto(out.as_uri(), wait_until="load", timeout=120000)
            page.wait_for_function("window.govgraph && window.govgraph.ready", timeout=120000)
            ready.append(page.evaluate("govgraph.readyAt"))
            loads.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            lo, hi = (int(page.locator("#asof").get_attribute(k)) for k in ("min", "max"))
            for frac in (0.5, 0.1, 0.9, 0.3, 1.0, 0.0, 0.7):
                slider.append(page.evaluate(SLIDER_JS, int(lo + frac * (hi - lo))))
            assert not blocked, blocked
            page.close()
        browser.close()
    interactive = [max(r, l) for r, l in zip(ready, loads)]
    print(f"graph drawn: median {statistics.median(ready):.0f} ms after navigation start")
    print(f"interactive (drawn and every script loaded): median {statistics.median(interactive):.0f} ms "
          f"(runs: {', '.join(f'{x:.0f}' for x in interactive)}; target < 3000)")
    print(f"slider response (input -> redrawn): median {statistics.median(slider):.0f} ms, "
          f"max {max(slider):.0f} ms over {len(slider)} moves (target < 200)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
