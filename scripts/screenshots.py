"""Render both views of a graph and save PNG screenshots with headless Chromium.

    python scripts/screenshots.py GRAPH [--out docs/img] [--name NAME] [--query NAME]

GRAPH is a graph directory written by ``govgraph build`` or a ``.trig`` file. Writes
NAME-graph.png (the knowledge-flow graph, as of the last date), NAME-graph-asof.png (the
slider half-way), NAME-event.png (the side panel of the first informing event) and
NAME-timeline.png into the output directory. No request leaves the machine: anything but
file:// and about: is aborted, and the script fails if the page asked for it.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.render import render  # noqa: E402
from graph.store import Store  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def open_graph(path: Path) -> Store:
    if path.is_file():
        store = Store.in_memory()
        store.load_trig(path)
        return store
    return Store.open(path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", type=Path, help="graph directory or .trig file")
    ap.add_argument("--out", type=Path, default=Path("docs/img"))
    ap.add_argument("--name", default=None, help="file name prefix (default: the graph's name)")
    ap.add_argument("--query", default=None, help="draw only the result of this query")
    args = ap.parse_args(argv)
    name = args.name or args.graph.stem
    args.out.mkdir(parents=True, exist_ok=True)
    html = Path(tempfile.mkdtemp(prefix="govgraph-shots-")) / "view.html"
    render(open_graph(args.graph), html, query=args.query)

    from playwright.sync_api import sync_playwright

    blocked, errors = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "about:"))
                   else (blocked.append(r.request.url), r.abort()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html.as_uri())
        page.wait_for_function("window.govgraph && window.govgraph.ready", timeout=120000)
        page.wait_for_timeout(300)
        shots = []
        shot = args.out / f"{name}-graph.png"
        page.screenshot(path=str(shot))
        shots.append(shot)
        lo, hi = (int(page.locator("#asof").get_attribute(k)) for k in ("min", "max"))
        if hi > lo:
            page.locator("#asof").fill(str((lo + hi) // 2))
            page.wait_for_timeout(200)
            shot = args.out / f"{name}-graph-asof.png"
            page.screenshot(path=str(shot))
            shots.append(shot)
            page.locator("#asof").fill(str(hi))
        edge = page.evaluate("""() => {
            const d = govgraph.data, e = d.edges.find(e => e.type === 'Informing' && !e.self)
                || d.edges.find(e => !e.self) || d.edges[0];
            return e ? e.id : null; }""")
        if edge:
            page.evaluate("id => govgraph.selectEdge(id)", edge)
            page.wait_for_timeout(200)
            shot = args.out / f"{name}-event.png"
            page.screenshot(path=str(shot))
            shots.append(shot)
        page.click("#tab-timeline")
        page.wait_for_function("document.querySelector('#timeline .main-svg') !== null", timeout=120000)
        page.wait_for_timeout(500)
        shot = args.out / f"{name}-timeline.png"
        page.screenshot(path=str(shot))
        shots.append(shot)
        browser.close()
    if blocked or errors:
        print(f"the page asked hosts {blocked} or failed: {errors}", file=sys.stderr)
        return 1
    for s in shots:
        print(s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
