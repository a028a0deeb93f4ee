"""The govgraph command line: the only place that prints and chooses exit codes.

Exit codes: 0 ok, 1 bad input or data, 2 bad usage.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.errors import GovgraphError

FORMATS_QUERY = ["table", "csv", "json"]
FORMATS_EXPORT = ["jsonl", "csv"]


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GovgraphError as e:
            click.echo(f"govgraph: error: {e}", err=True)
            ctx.exit(e.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govgraph")
def main():
    """govgraph: who knew what, when.

    Builds a knowledge graph from Dutch news articles, letters and released documents about
    how a government handled an affair, and answers who reported, informed, agreed,
    investigated and knew what, when, with the exact words of the sources.
    """


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", required=True, type=click.Path(path_type=Path),
              help="Graph directory to write (graph.trig, store/, manifest.json).")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check of the built graph.")
def build(sources, out, no_validate):
    """Read SOURCES (.txt, .md, .html, .pdf files or directories) and build the graph in --out."""
    from graph.build import build as run_build

    report = run_build(sources, out, validate=not no_validate)
    click.echo(f"built {out}: {report.summary()}")


@main.command()
@click.argument("what", type=click.Choice(["events", "entities"]))
@click.option("--graph", "graph_dir", required=True, type=click.Path(path_type=Path),
              help="Graph directory written by govgraph build.")
@click.option("--format", "fmt", type=click.Choice(FORMATS_EXPORT), default="jsonl", show_default=True)
def export(what, graph_dir, fmt):
    """Export events or entities (the contract of the evaluation scorer)."""
    from graph.export import export_entities, export_events, write_rows
    from graph.store import Store

    store = Store.open(graph_dir)
    rows = export_events(store) if what == "events" else export_entities(store)
    write_rows(rows, fmt, sys.stdout)


@main.command()
@click.argument("name", required=False)
@click.option("--graph", "graph_dir", type=click.Path(path_type=Path), help="Graph directory.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter; repeat for several.")
@click.option("--format", "fmt", type=click.Choice(FORMATS_QUERY), default="table", show_default=True)
@click.option("--list", "list_", is_flag=True, help="List the named queries with their titles.")
def query(name, graph_dir, params, fmt, list_):
    """Run a named query (queries/NAME.rq) or any SPARQL file against the graph."""
    from graph.errors import UsageError
    from graph.queries import format_result, list_queries, load_query, parse_params, run
    from graph.store import Store

    if list_:
        for q in list_queries():
            ps = ", ".join(p.name for p in q.params)
            click.echo(f"{q.name:<18} {q.title}" + (f"  [{ps}]" if ps else ""))
        return
    if not name:
        raise UsageError("give a query name or a .rq file, or --list to see the named queries")
    if graph_dir is None:
        raise UsageError("--graph DIR is required: the directory written by govgraph build")
    q = load_query(name)
    values = parse_params(params, q)
    store = Store.open(graph_dir)
    click.echo(format_result(run(store, q, values), fmt))


@main.command()
@click.option("--graph", "graph_dir", required=True, type=click.Path(path_type=Path), help="Graph directory.")
@click.option("--query", "query_name", help="Draw the result of this named query or .rq file.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Query parameter.")
@click.option("-o", "--out", "out", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
def render(graph_dir, query_name, params, out):
    """Write an interactive, offline HTML view: knowledge-flow graph and timeline."""
    from graph.queries import load_query, parse_params
    from graph.render import render as run_render
    from graph.store import Store

    store = Store.open(graph_dir)
    values = parse_params(params, load_query(query_name)) if query_name and params else None
    run_render(store, out, query=query_name, params=values)
    click.echo(f"wrote {out}")


@main.command()
@click.option("--graph", "graph_dir", required=True, type=click.Path(path_type=Path), help="Graph directory.")
def analyze(graph_dir):
    """Network measures: who brokered information, and the shortest information paths."""
    from graph.analyze import analyze as run_analyze
    from graph.analyze import format_analysis
    from graph.store import Store

    click.echo(format_analysis(run_analyze(Store.open(graph_dir))))


if __name__ == "__main__":
    main()
