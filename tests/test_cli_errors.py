"""Bad input and bad usage: one clear line on stderr, exit 1 or 2, no traceback, and the graph
already in --out left exactly as it was.

A graph of the seeds is built once (recorded Frog output, no Frog needed); every bad build
writes into the same directory and the checksum of graph.trig, store/ and manifest.json must
not move. The exact text of every message is asserted: it is the interface a user reads.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = ".txt, .md, .html or .pdf"


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    from graph.build import build
    from graph.nlp.frog import RecordedFrog

    out = tmp_path_factory.mktemp("graph") / "seeds"
    build([ROOT / "seeds"], out, parser=RecordedFrog(FIXTURES / "frog"))
    assert (out / "graph.trig").is_file() and (out / "store").is_dir()
    return out


def checksum(directory: Path) -> str:
    """sha256 over the names and bytes of every file in the graph directory."""
    h = hashlib.sha256()
    for p in sorted(directory.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(directory)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def run_cli(*args, env=None):
    """Run the click command in-process: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


def assert_one_line(code, stderr, expected_code, expected_message):
    assert "Traceback" not in stderr
    assert stderr.count("\n") == 1 and stderr.endswith("\n"), stderr
    assert stderr == f"govgraph: error: {expected_message}\n"
    assert code == expected_code


@pytest.fixture
def bad(tmp_path):
    """A folder of bad inputs, next to nothing else."""
    d = tmp_path / "bad"
    d.mkdir()
    return d


# -- bad builds leave the graph alone ------------------------------------------------------------

def test_cli_errors_not_utf8(graph_dir, bad):
    f = bad / "brief.txt"
    f.write_bytes("De wethouder informeerde de raad.\nHij zei: \u201cna\u00efef\u201d".encode("cp1252"))
    before = checksum(graph_dir)
    code, out, err = run_cli("build", f, "--out", graph_dir)
    assert_one_line(code, err, 1,
                    f"{f}: not UTF-8 text (byte 0x93 on line 2); convert it, e.g. "
                    f"iconv -f windows-1252 -t utf-8 '{f}' > 'brief.utf8.txt'")
    assert out == ""
    assert checksum(graph_dir) == before


def test_cli_errors_empty_file(graph_dir, bad):
    f = bad / "leeg.txt"
    f.write_text("  \n\n", encoding="utf-8")
    before = checksum(graph_dir)
    code, _, err = run_cli("build", ROOT / "seeds", f, "--out", graph_dir)
    assert_one_line(code, err, 1,
                    f"{f}: empty file; remove it from the sources or add the document's text")
    assert checksum(graph_dir) == before


def test_cli_errors_front_matter_only_has_no_text(graph_dir, bad):
    f = bad / "kop.txt"
    f.write_text("---\ntitle: Alleen een kop\npublished: 2021-07-05\n---\n\n", encoding="utf-8")
    before = checksum(graph_dir)
    code, _, err = run_cli("build", f, "--out", graph_dir)
    assert_one_line(code, err, 1,
                    f"{f}: the document has no text; remove it from the sources or add its text")
    assert checksum(graph_dir) == before


def test_cli_errors_directory_without_documents(graph_dir, bad):
    (bad / "notities.csv").write_text("a,b\n", encoding="utf-8")
    (bad / "README.md").write_text("# Bronnen\nHier komen de stukken.\n", encoding="utf-8")
    before = checksum(graph_dir)
    code, _, err = run_cli("build", bad, "--out", graph_dir)
    assert_one_line(code, err, 1,
                    f"{bad}: directory holds no documents; put {SOURCES} files in it, "
                    f"or name the files themselves")
    assert checksum(graph_dir) == before


def test_cli_errors_missing_path(graph_dir, bad):
    missing = bad / "bestaat-niet.txt"
    before = checksum(graph_dir)
    code, _, err = run_cli("build", ROOT / "seeds", missing, "--out", graph_dir)
    assert_one_line(code, err, 1,
                    f"{missing}: no such file or directory; check the path "
                    f"(sources are {SOURCES} files, or directories of them)")
    assert checksum(graph_dir) == before


def test_cli_errors_unsupported_file_type(graph_dir, bad):
    f = bad / "brief.docx"
    f.write_bytes(b"PK\x03\x04")
    before = checksum(graph_dir)
    code, _, err = run_cli("build", f, "--out", graph_dir)
    assert_one_line(code, err, 1,
                    f"{f}: unsupported file type '.docx'; govgraph reads .txt, .md, .html and .pdf")
    assert checksum(graph_dir) == before


def test_cli_errors_duplicate_file_names(graph_dir, bad):
    (bad / "a").mkdir()
    (bad / "b").mkdir()
    for sub in ("a", "b"):
        (bad / sub / "brief.txt").write_text("Den Haag, 5 juli 2021\nDe minister trad af.\n",
                                             encoding="utf-8")
    before = checksum(graph_dir)
    code, _, err = run_cli("build", bad, "--out", graph_dir)
    assert_one_line(code, err, 1,
                    f"{bad / 'b' / 'brief.txt'}: another source has the same file name "
                    f"({bad / 'a' / 'brief.txt'}); file names identify documents in the graph, "
                    f"so rename one of them")
    assert checksum(graph_dir) == before


def test_cli_errors_frog_not_installed(graph_dir):
    """Frog is looked up through $GOVGRAPH_FROG; a real process, so no Frog object is shared."""
    before = checksum(graph_dir)
    env = dict(os.environ, GOVGRAPH_FROG="/nonexistent/frog")
    proc = subprocess.run([sys.executable, "-m", "graph", "build", str(ROOT / "seeds"),
                           "--out", str(graph_dir)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert_one_line(proc.returncode, proc.stderr, 1,
                    "Frog is not installed (no '/nonexistent/frog' on PATH): install it with "
                    "`sudo apt-get install frog frogdata`, or set GOVGRAPH_FROG to the frog program")
    assert proc.stdout == ""
    assert checksum(graph_dir) == before


def test_cli_errors_frog_command_defaults_to_frog(monkeypatch):
    from graph.nlp.frog import Frog

    monkeypatch.delenv("GOVGRAPH_FROG", raising=False)
    assert Frog().command == "frog"
    monkeypatch.setenv("GOVGRAPH_FROG", "/opt/lamachine/bin/frog")
    assert Frog().command == "/opt/lamachine/bin/frog"
    assert Frog(command="myfrog").command == "myfrog"


def test_cli_errors_real_process_not_utf8(graph_dir, bad):
    """The same through `python -m graph`: what a shell user sees."""
    f = bad / "oud.txt"
    f.write_bytes(b"Caf\xe9 De Kroon\n")
    before = checksum(graph_dir)
    proc = subprocess.run([sys.executable, "-m", "graph", "build", str(f), "--out", str(graph_dir)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert_one_line(proc.returncode, proc.stderr, 1,
                    f"{f}: not UTF-8 text (byte 0xe9 on line 1); convert it, e.g. "
                    f"iconv -f windows-1252 -t utf-8 '{f}' > 'oud.utf8.txt'")
    assert checksum(graph_dir) == before


# -- bad queries -------------------------------------------------------------------------------

NAMED = ", ".join(p.stem for p in sorted((ROOT / "queries").glob("*.rq")))


def test_cli_errors_unknown_query(graph_dir):
    before = checksum(graph_dir)
    code, out, err = run_cli("query", "wie-wist", "--graph", graph_dir)
    assert_one_line(code, err, 2, f"unknown query 'wie-wist'; the available queries are: {NAMED}")
    assert out == ""
    assert checksum(graph_dir) == before


@pytest.mark.parametrize("param, message", [
    ("as_of", "malformed --param 'as_of': write it as name=value, e.g. --param as_of=2020-12-31"),
    ("2020-12-31", "malformed --param '2020-12-31': write it as name=value, e.g. --param name=value"),
    ("as_of=31-12-2020", "--param as_of=31-12-2020: '31-12-2020' is not a date written YYYY-MM-DD; "
                         "as_of is a date written YYYY-MM-DD, e.g. --param as_of=2020-12-31"),
    ("tot=2020-12-31", "unknown parameter 'tot' for query 'who-knew'; its parameters are: as_of, matter"),
], ids=["no-equals", "value-only", "bad-date", "unknown-name"])
def test_cli_errors_malformed_param(graph_dir, param, message):
    code, out, err = run_cli("query", "who-knew", "--graph", graph_dir, "--param", param)
    assert_one_line(code, err, 2, message)
    assert out == ""


def test_cli_errors_sparql_syntax_error(graph_dir, tmp_path):
    rq = tmp_path / "kapot.rq"
    rq.write_text("# title: Broken on purpose\n"
                  "PREFIX gg: <https://w3id.org/govgraph#>\n"
                  "SELECT ?e WHERE {\n"
                  "  ?e a gg:Informing\n", encoding="utf-8")
    before = checksum(graph_dir)
    code, out, err = run_cli("query", rq, "--graph", graph_dir)
    assert_one_line(code, err, 1, f"{rq}, line 5, column 1: SPARQL syntax error: expected one of "
                                  f'",", ".", ";", "{{", "{{|", "}}", "~", [_]')
    assert out == ""
    assert checksum(graph_dir) == before


def test_cli_errors_sparql_unknown_prefix(graph_dir, tmp_path):
    """Oxigraph's answer spans several lines of character classes; ours names the prefix."""
    rq = tmp_path / "prefix.rq"
    rq.write_text("# title: A prefix nobody declared\n"
                  "SELECT ?e WHERE { ?e a ex:Informing }\n", encoding="utf-8")
    code, _, err = run_cli("query", rq, "--graph", graph_dir)
    assert_one_line(code, err, 1,
                    f"{rq}, line 2, column 36: SPARQL syntax error: unknown prefix 'ex:'; declare "
                    f"it with a line 'PREFIX ex: <...>' or use one of the prefixes govgraph knows: "
                    f"gg, id, prov, time, org, oa, dcterms, rdfs, rdf, xsd, owl, skos, sh")


def test_cli_errors_query_file_without_title(graph_dir, tmp_path):
    rq = tmp_path / "naamloos.rq"
    rq.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    code, _, err = run_cli("query", rq, "--graph", graph_dir)
    assert_one_line(code, err, 1, f"{rq}: the header has no title; start the file with a line "
                                  f"'# title: What the query answers'")


def test_cli_errors_graph_directory_missing(tmp_path):
    nowhere = tmp_path / "geen-graaf"
    code, _, err = run_cli("query", "who-knew", "--graph", nowhere)
    assert_one_line(code, err, 1, f"{nowhere}: not a govgraph graph directory (no store/ inside); "
                                  f"build one first with: govgraph build SOURCES... --out {nowhere}")


def test_cli_errors_query_without_graph():
    code, _, err = run_cli("query", "who-knew")
    assert_one_line(code, err, 2, "--graph DIR is required: the directory written by govgraph build")


def test_cli_errors_the_good_query_still_runs(graph_dir):
    """After all the bad calls the graph answers as before."""
    code, out, err = run_cli("query", "who-knew", "--graph", graph_dir, "--param", "as_of=2020-12-31")
    assert code == 0 and err == ""
    assert "Femke Halsema" in out


# -- every command has help and is in the README -------------------------------------------------

COMMANDS = sorted(main.commands)


def test_cli_errors_commands_are_known():
    assert set(COMMANDS) >= {"build", "query", "export", "render", "analyze"}


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help(command):
    code, out, err = run_cli(command, "--help")
    assert code == 0 and err == ""
    assert out.startswith(f"Usage: main {command} ") or out.startswith(f"Usage: govgraph {command} ")
    doc = main.commands[command].help
    assert doc and doc.split("\n")[0].strip()[:40] in " ".join(out.split())


def test_cli_readme_sparql_example_runs(graph_dir, tmp_path):
    """README "Writing your own SPARQL": save the block as my.rq and run it, as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sparql\n", 1)[1].split("```", 1)[0]
    assert "govgraph query my.rq --graph out/seeds" in readme
    (tmp_path / "my.rq").write_text(block, encoding="utf-8")
    code, out, err = run_cli("query", tmp_path / "my.rq", "--graph", graph_dir)
    assert err == "" and code == 0
    assert out.splitlines()[0].split() == ["who", "whom", "quote"]


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_is_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"govgraph {command}" in readme, f"README.md does not document `govgraph {command}`"
