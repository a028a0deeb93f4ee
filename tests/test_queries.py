"""graph/queries.py and the named queries in queries/*.rq, on the hand-written mini graph."""
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.errors import QueryError, UsageError
from graph.queries import Result, format_result, list_queries, load_query, parse_params, run
from graph.resources import queries_dir
from graph.rules import apply_rules
from graph.store import Store
from graph.terms import ID

MINI = Path(__file__).parent / "fixtures" / "graphs" / "mini.trig"
KNEW_COLUMNS = ["agent", "agent_label", "since", "event", "quote", "source"]
NAMED = {"who-knew", "first-knew", "timeline", "reported-to", "agreements", "investigations",
         "not-informed"}


@pytest.fixture(scope="module")
def store():
    st = Store.in_memory()
    st.load_trig(MINI)
    apply_rules(st)
    return st


def slug(iri):
    return iri.rsplit("/", 1)[-1]


def ask(store, name, *args):
    q = load_query(name)
    return run(store, q, parse_params(list(args), q))


def by_agent(result):
    return {slug(r["agent"]): r for r in result.rows}


# -- loading ------------------------------------------------------------------------------------
def test_queries_list_has_the_named_queries_only():
    names = {q.name for q in list_queries()}
    assert NAMED <= names
    assert not any(n.startswith(("10-", "20-")) or n in ("events", "entities") for n in names)
    for q in list_queries():
        assert q.title and q.description, q.name


def test_queries_header_is_read():
    q = load_query("who-knew")
    assert q.title == "Who knew, as of a date"
    assert [(p.name, p.type, p.default) for p in q.params] == [("as_of", "date", "9999-12-31"),
                                                               ("matter", "matter", None)]
    assert q.columns == KNEW_COLUMNS
    assert "earliest date" in q.description and "publication" in q.description


@pytest.mark.parametrize("path", sorted(Path(queries_dir()).rglob("*.rq")), ids=lambda p: p.name)
def test_queries_every_file_declares_its_prefixes(path):
    """Each .rq runs on any endpoint: it parses without the prefixes Store predeclares."""
    ox.Store().query(path.read_text(encoding="utf-8"))


def test_queries_unknown_name_lists_the_available_ones():
    with pytest.raises(UsageError) as e:
        load_query("who-knows")
    msg = str(e.value)
    assert msg.startswith("unknown query 'who-knows'; the available queries are: ")
    for name in NAMED:
        assert name in msg


def test_queries_syntax_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: Broken\n# description: a typo on line 5\n"
                   "PREFIX gg: <https://w3id.org/govgraph#>\nSELECT ?x WHERE {\n"
                   "  ?x gg:agent \"unterminated .\n}\n", encoding="utf-8")
    with pytest.raises(QueryError) as e:
        load_query(bad)
    assert "bad.rq, line 5, column" in str(e.value)
    assert "SPARQL syntax error" in str(e.value)


def test_queries_missing_title_is_an_error(tmp_path):
    f = tmp_path / "untitled.rq"
    f.write_text("# description: no title\nSELECT ?x WHERE { ?x ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"untitled.rq: the header has no title"):
        load_query(f)


def test_queries_parameter_must_be_projected(tmp_path):
    f = tmp_path / "hidden.rq"
    f.write_text("# title: T\n# param: as_of date -\nSELECT ?x WHERE { ?x ?p ?as_of }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"hidden.rq: parameter 'as_of' is not in the SELECT projection"):
        load_query(f)


def test_queries_unknown_parameter_type_names_the_line(tmp_path):
    f = tmp_path / "t.rq"
    f.write_text("# title: T\n\n# param: n number 3\nSELECT ?n WHERE {}\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"t.rq, line 3: parameter 'n' has unknown type 'number'; "
                                         r"the types are: date, string, iri, integer, agent, matter"):
        load_query(f)


# -- parameters ---------------------------------------------------------------------------------
def test_params_malformed_exact_message():
    with pytest.raises(UsageError) as e:
        parse_params(["as_of"], load_query("who-knew"))
    assert str(e.value) == ("malformed --param 'as_of': write it as name=value, "
                            "e.g. --param as_of=2020-12-31")


def test_params_unknown_name_lists_the_valid_ones():
    with pytest.raises(UsageError) as e:
        parse_params(["asof=2020-12-31"], load_query("who-knew"))
    assert str(e.value) == "unknown parameter 'asof' for query 'who-knew'; its parameters are: as_of, matter"


@pytest.mark.parametrize("value", ["2020-13-01", "31-12-2020", "2020-12", "gisteren"])
def test_params_wrong_date(value):
    with pytest.raises(UsageError) as e:
        parse_params([f"as_of={value}"], load_query("who-knew"))
    msg = str(e.value)
    assert msg.startswith(f"--param as_of={value}: ")
    assert msg.endswith("as_of is a date written YYYY-MM-DD, e.g. --param as_of=2020-12-31")
    assert "\n" not in msg


def test_params_given_twice():
    with pytest.raises(UsageError, match="--param as_of is given twice; give it once"):
        parse_params(["as_of=2020-12-31", "as_of=2021-01-01"], load_query("who-knew"))


def test_params_values_are_typed():
    import datetime as dt

    q = load_query("who-knew")
    assert parse_params(["as_of=2020-12-31", "matter=de-vries"], q) == {
        "as_of": dt.date(2020, 12, 31), "matter": "de-vries"}


def test_params_unknown_agent_name(store):
    with pytest.raises(UsageError, match=r"no agent called 'Jansen' in this graph"):
        ask(store, "first-knew", "agent=Jansen")


# -- who-knew and first-knew --------------------------------------------------------------------
def test_who_knew_as_of_a_date(store):
    result = ask(store, "who-knew", "as_of=2021-05-31", "matter=de-vries")
    assert result.columns == KNEW_COLUMNS
    rows = by_agent(result)
    assert set(rows) == {"bram-de-vries", "drie-medewerkers", "vertrouwenspersoon", "karel-smit"}
    smit = rows["karel-smit"]
    assert smit["agent_label"] == "Karel Smit"
    assert smit["since"] == "2021-05-12"
    assert slug(smit["event"]) == "e02"
    assert slug(smit["source"]) == "100_courant"
    assert smit["quote"] == "Op 12 mei 2021 bracht de vertrouwenspersoon gemeentesecretaris Smit op de hoogte"
    devries = rows["bram-de-vries"]
    assert (devries["since"], slug(devries["event"])) == ("2020-01-01", "e08")
    assert list(result.rows[0]) == KNEW_COLUMNS  # parameter columns stay hidden


def test_who_knew_the_day_after(store):
    rows = by_agent(ask(store, "who-knew", "as_of=2021-06-01", "matter=de-vries"))
    assert "ingrid-bakker" in rows
    bakker = rows["ingrid-bakker"]
    # e03 is in both documents: the tie is broken by the source IRI, with that source's quote
    assert (bakker["since"], slug(bakker["event"]), slug(bakker["source"])) == ("2021-06-01", "e03", "100_courant")
    assert bakker["quote"] == "In juni 2021 lichtte Smit burgemeester Bakker in"
    assert "bureau-veritas" not in rows


def test_who_knew_one_row_per_agent_with_the_earliest_knowledge(store):
    result = ask(store, "who-knew", "matter=de-vries")
    agents = [r["agent"] for r in result.rows]
    assert len(agents) == len(set(agents)) == 7
    rows = by_agent(result)
    assert rows["karel-smit"]["since"] == "2021-05-12"
    assert rows["lindendaalse-courant"]["since"] == "2022-03-31"  # undated event: publication end
    assert "gemeenteraad" not in rows  # only not informed, and said not to know


def test_who_knew_matter_filter(store):
    assert set(by_agent(ask(store, "who-knew", "matter=subsidie"))) == {"pieter-kok", "gemeenteraad"}
    everything = by_agent(ask(store, "who-knew"))
    assert "gemeenteraad" in everything and "ingrid-bakker" in everything
    by_name = by_agent(ask(store, "who-knew", "matter=subsidie voor het sportpark"))
    assert set(by_name) == {"pieter-kok", "gemeenteraad"}


def test_first_knew_every_agent(store):
    result = ask(store, "first-knew", "matter=de-vries")
    assert result.columns == KNEW_COLUMNS
    firsts = {a: (r["since"], slug(r["event"])) for a, r in by_agent(result).items()}
    assert firsts == {
        "bram-de-vries": ("2020-01-01", "e08"),
        "drie-medewerkers": ("2021-03-01", "e01"),
        "vertrouwenspersoon": ("2021-03-01", "e01"),
        "karel-smit": ("2021-05-12", "e02"),
        "ingrid-bakker": ("2021-06-01", "e03"),
        "bureau-veritas": ("2021-07-01", "e04"),
        "lindendaalse-courant": ("2022-03-31", "e10"),
    }
    assert [r["since"] for r in result.rows] == sorted(r["since"] for r in result.rows)


@pytest.mark.parametrize("agent", ["de raad", "Gemeenteraad", "gemeenteraad van Lindendaal",
                                   "id:agent/gemeenteraad", str(ID["agent/gemeenteraad"])])
def test_first_knew_one_agent_by_name_or_iri(store, agent):
    result = ask(store, "first-knew", f"agent={agent}")
    assert [(slug(r["agent"]), r["since"], slug(r["event"]), slug(r["source"])) for r in result.rows] == [
        ("gemeenteraad", "2021-04-01", "e12", "200_gemeente")]
    assert result.columns == KNEW_COLUMNS


def test_first_knew_agent_with_no_knowledge_of_the_matter(store):
    assert ask(store, "first-knew", "agent=de raad", "matter=de-vries").rows == []


# -- event lists --------------------------------------------------------------------------------
EVENT_COLUMNS = ["event", "type", "agents", "recipients", "time_text", "begin", "end", "quote", "source"]


def test_timeline_in_time_order_undated_last(store):
    result = ask(store, "timeline")
    assert result.columns == EVENT_COLUMNS
    events = [slug(r["event"]) for r in result.rows]
    assert events == ["e08", "e01", "e12", "e02", "e03", "e03", "e04", "e05", "e06", "e07", "e09",
                      "e11", "e10"]
    e05 = next(r for r in result.rows if slug(r["event"]) == "e05")
    assert (e05["type"], e05["agents"], e05["recipients"], e05["time_text"], e05["begin"], e05["end"]) == (
        "Investigation", "onderzoeksbureau Veritas", "Bram de Vries", "van 15 juli tot 1 oktober 2021",
        "2021-07-15", "2021-10-01")


@pytest.mark.parametrize("name,expected", [
    ("reported-to", {("e01", "Report"), ("e12", "Report")}),
    ("agreements", {("e06", "Agreement")}),
    ("investigations", {("e04", "Commissioning"), ("e05", "Investigation")}),
    ("not-informed", {("e07", "NonDisclosure")}),
])
def test_event_lists(store, name, expected):
    result = ask(store, name)
    assert result.columns == EVENT_COLUMNS
    assert {(slug(r["event"]), r["type"]) for r in result.rows} == expected
    assert all(r["quote"] and r["source"] for r in result.rows)


def test_not_informed_parties(store):
    (row,) = ask(store, "not-informed", "matter=de-vries").rows
    assert sorted(row["agents"].split("; ")) == ["Ingrid Bakker", "Karel Smit"]
    assert row["recipients"] == "gemeenteraad van Lindendaal"
    assert ask(store, "not-informed", "matter=subsidie").rows == []


# -- formats ------------------------------------------------------------------------------------
def test_format_json_is_a_list_of_objects(store):
    result = ask(store, "who-knew", "as_of=2021-05-31", "matter=de-vries")
    data = json.loads(format_result(result, "json"))
    assert isinstance(data, list) and len(data) == 4
    assert all(isinstance(r, dict) and list(r) == KNEW_COLUMNS for r in data)
    assert all(isinstance(r["agent"], str) and r["agent"].startswith("https://") for r in data)
    numbers = json.loads(format_result(Result(["n", "x"], [{"n": 3, "x": 0.5}]), "json"))
    assert numbers == [{"n": 3, "x": 0.5}]


def test_format_table_and_csv():
    result = Result(["agent", "since"], [{"agent": "Karel Smit", "since": "2021-05-12"},
                                         {"agent": "De Vries", "since": None}])
    table = format_result(result, "table").splitlines()
    assert table[0] == "agent       since"
    assert table[2] == "Karel Smit  2021-05-12"
    assert table[3] == "De Vries"
    assert table[-1] == "(2 rows)"
    assert format_result(result, "csv") == "agent,since\nKarel Smit,2021-05-12\nDe Vries,\n"
    with pytest.raises(UsageError, match="unknown format 'xml'; the formats are: table, csv, json"):
        format_result(result, "xml")
