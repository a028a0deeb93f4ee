"""graph/documents.py: reading sources into Documents (front matter, datelines, HTML, PDF) and
collecting them from directories.

The HTML page and the PDF letter in tests/fixtures/inputs/ are invented (Lingeland); the PDF
is written by tests/fixtures/inputs/make_pdf.py. Their Frog replies are recorded, so the build
tests run without Frog.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from graph.documents import collect, find_dateline, read, read_all
from graph.errors import InputError
from graph.model import PartialDate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INPUTS = FIXTURES / "inputs"
HTML = INPUTS / "lingeland-dagblad.html"
PDF = INPUTS / "brief-lingeland.pdf"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- HTML --------------------------------------------------------------------------------------

def test_documents_html_main_text_only():
    doc = read(HTML)
    assert "Twee medewerkers deden in oktober 2021 een melding bij de vertrouwenspersoon." in doc.text
    assert "De gemeenteraad werd pas in maart 2022 geïnformeerd." in doc.text
    assert "De directeur trad begin maart af." in doc.text
    for boilerplate in ("Voorpagina", "Abonneer", "cookies", "Kermis", "fietspad",
                        "Alle rechten voorbehouden", "Privacyverklaring", "Tips?"):
        assert boilerplate not in doc.text, boilerplate


def test_documents_html_metadata():
    doc = read(HTML)
    assert doc.published == PartialDate(2022, 3, 15)   # article:published_time, not the byline
    assert doc.title == "Wethouder wist al maanden van klachten over directeur"
    assert doc.publisher == "Lingeland Dagblad"
    assert doc.url == "https://www.lingelanddagblad.example/nieuws/wethouder-wist-van-klachten"
    assert (doc.source, doc.doc_id) == ("lingeland-dagblad.html", "lingeland-dagblad")
    assert len(doc.sha256) == 64 and doc.paragraphs


def test_documents_html_offsets_index_the_text():
    doc = read(HTML)
    for a, b in doc.paragraphs:
        assert doc.text[a:b] == doc.text[a:b].strip() and doc.text[a:b]


def test_documents_html_without_article(tmp_path):
    page = write(tmp_path / "leeg.html", "<html><head><title>Nieuws</title></head><body><nav><ul>"
                 "<li><a href='/'>Voorpagina</a></li></ul></nav><footer><p>(c) 2022</p></footer>"
                 "</body></html>")
    with pytest.raises(InputError) as info:
        read(page)
    assert str(info.value) == (f"{page}: no article text found in the HTML page; save the article "
                               f"itself, or paste its text into a .txt file")


# -- PDF ---------------------------------------------------------------------------------------

def test_documents_pdf_fixture_is_what_make_pdf_writes():
    spec = importlib.util.spec_from_file_location("make_pdf", INPUTS / "make_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert PDF.read_bytes() == module.make_pdf()


def test_documents_pdf_is_read_per_page():
    doc = read(PDF)
    assert [n for n, _, _ in doc.pages] == [1, 2]
    first, second = (doc.text[a:b] for _, a, b in doc.pages)
    assert first.startswith("Gemeente Lingeland\nLingeland, 14 maart 2022")
    assert "deden twee medewerkers een melding bij de vertrouwenspersoon." in first
    assert second.startswith("Het college heeft in januari 2022 een extern onderzoeksbureau ingehuurd.")
    assert "geïnformeerd" in second
    assert doc.text.index(second) == doc.pages[1][1]


def test_documents_pdf_page_at():
    doc = read(PDF)
    (_, a1, b1), (_, a2, b2) = doc.pages
    assert doc.page_at(0) == 1 and doc.page_at(b1 - 1) == 1
    assert doc.page_at(doc.text.index("vertrouwenspersoon informeerde")) == 1
    assert doc.page_at(doc.text.index("trad op 1 maart")) == 2
    assert doc.page_at(b2 - 1) == 2
    assert doc.page_at(b1) is None          # the blank line between the pages
    assert doc.page_at(len(doc.text)) is None


def test_documents_pdf_metadata():
    doc = read(PDF)
    assert doc.published == PartialDate(2022, 3, 14)     # the letter's dateline
    assert doc.title == "Brief aan de raad over de klachten bij het ontwikkelbedrijf"


def test_documents_pdf_not_a_pdf(tmp_path):
    bad = tmp_path / "kapot.pdf"
    bad.write_bytes(b"dit is geen pdf\n")
    with pytest.raises(InputError) as info:
        read(bad)
    assert str(info.value).startswith(f"{bad}: not a readable PDF (")
    assert str(info.value).endswith("); check the file or export it again")


def test_documents_pdf_without_text_layer(tmp_path):
    spec = importlib.util.spec_from_file_location("make_pdf", INPUTS / "make_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(module.make_pdf([[""], [""]], title="Scan"))
    with pytest.raises(InputError) as info:
        read(scan)
    assert str(info.value) == (f"{scan}: the PDF has no text layer (a scan?); run OCR on it first, "
                               f"e.g. ocrmypdf, and build again")


# -- PDF and HTML through the build: the page goes into the evidence -----------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory, recorded_frog):
    from graph.build import build
    from graph.store import Store

    out = tmp_path_factory.mktemp("inputs") / "graph"
    build([PDF, HTML], out, parser=recorded_frog)
    return Store.open(out)


PAGES = """
PREFIX gg: <https://w3id.org/govgraph#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?exact ?page WHERE {
  ?e gg:evidence ?ann .
  ?ann oa:hasTarget ?target .
  ?target oa:hasSelector ?sel . ?sel oa:exact ?exact .
  OPTIONAL { ?target gg:page ?page }
}"""


def check_pages(rows):
    """The PDF's quotes carry the page they stand on: both pages, each quote on its own page."""
    doc = read(PDF)
    pdf_rows = [r for r in rows if r["exact"] in doc.text]
    on = {}
    for r in pdf_rows:
        on.setdefault(r["page"], []).append(r["exact"])
    assert set(on) == {1, 2}, on
    assert any("melding bij de vertrouwenspersoon" in q for q in on[1]), on
    assert any("trad op 1 maart 2022 af" in q for q in on[2]), on
    for r in pdf_rows:
        assert doc.page_at(doc.text.index(r["exact"])) == r["page"], r


def test_documents_pdf_events_carry_their_page(recorded_frog):
    from graph.build import extract

    doc = read(PDF)
    _, _, events = extract([doc], recorded_frog)
    pages = {ev.quote: ev.page for ev in events[doc.source]}
    assert pages["In oktober 2021 deden twee medewerkers een melding bij de vertrouwenspersoon."] == 1
    assert pages["De directeur trad op 1 maart 2022 af."] == 2
    assert all(p == doc.page_at(ev.quote_start) for ev in events[doc.source] for p in [ev.page])


def test_documents_pdf_page_is_emitted(recorded_frog):
    """The emitter writes gg:page on the evidence target (the letter's voice given by hand)."""
    from graph.build import emit, extract
    from graph.store import Store

    doc = read(PDF)
    doc.publisher = "Gemeente Lingeland"
    em = emit(*extract([doc], recorded_frog))
    st = Store.in_memory()
    st.load_trig(em.ds.serialize(format="trig"))
    check_pages(st.select(PAGES))


def test_documents_pdf_page_in_the_built_graph(built):
    """`govgraph build letter.pdf`: the events of a PDF reach the graph with their page."""
    check_pages(built.select(PAGES))


def test_documents_html_evidence_has_no_page(built):
    rows = built.select(PAGES)
    # the PDF tells the same hiring ("... ingehuurd"); only the HTML's own words are checked here
    html_quotes = [r for r in rows if "wethouder op de hoogte bracht" in r["exact"]
                   or r["exact"].endswith("extern onderzoeksbureau in.")]
    assert html_quotes and all(r["page"] is None for r in html_quotes), html_quotes


def test_documents_html_date_reaches_the_graph(built):
    rows = built.select("""
        PREFIX gg: <https://w3id.org/govgraph#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?d ?date WHERE { ?d a gg:Document ; dcterms:issued ?date }""")
    dates = sorted(str(r["date"]) for r in rows)
    assert dates == ["2022-03-14", "2022-03-15"], rows


# -- front matter ------------------------------------------------------------------------------

def test_documents_front_matter(tmp_path):
    f = write(tmp_path / "artikel.txt",
              "---\ntitle: Directeur ontwikkelbedrijf treedt af\npublisher: Lingeland Dagblad\n"
              "original_publisher: ANP\nauthor: Sanne Vermeer\npublished: 2022-03-02\n"
              "url: https://www.lingelanddagblad.example/a\n---\n"
              "De directeur trad af.\n\nDe raad was niet op de hoogte.\n")
    doc = read(f)
    assert doc.text == "De directeur trad af.\n\nDe raad was niet op de hoogte.\n"
    assert (doc.title, doc.publisher, doc.original_publisher, doc.author, doc.url) == (
        "Directeur ontwikkelbedrijf treedt af", "Lingeland Dagblad", "ANP", "Sanne Vermeer",
        "https://www.lingelanddagblad.example/a")
    assert doc.published == PartialDate(2022, 3, 2)
    assert doc.paragraphs == [(0, 21), (23, 53)]


@pytest.mark.parametrize("value, expected", [
    ("2021", PartialDate(2021)), ("2021-07", PartialDate(2021, 7)),
    ("2021-07-05", PartialDate(2021, 7, 5)), ("'2021-07-05'", PartialDate(2021, 7, 5)),
])
def test_documents_front_matter_partial_dates(tmp_path, value, expected):
    f = write(tmp_path / "a.txt", f"---\npublished: {value}\n---\nDe wethouder trad af.\n")
    assert read(f).published == expected


def test_documents_front_matter_crlf_and_bom(tmp_path):
    f = tmp_path / "windows.txt"
    f.write_bytes("\ufeff---\r\ntitle: Kladblok\r\npublished: 2022-01\r\n---\r\nDe raad wist het.\r\n"
                  .encode("utf-8"))
    doc = read(f)
    assert (doc.title, doc.published, doc.text) == ("Kladblok", PartialDate(2022, 1), "De raad wist het.\n")


def test_documents_front_matter_unknown_field(tmp_path):
    f = write(tmp_path / "a.txt", "---\ntitel: Fout\n---\nTekst.\n")
    with pytest.raises(InputError) as info:
        read(f)
    assert str(info.value) == (f"{f}: unknown front-matter field(s) titel; valid fields are author, "
                               f"date, language, original_publisher, published, publisher, title, url")


def test_documents_front_matter_bad_date(tmp_path):
    f = write(tmp_path / "a.txt", "---\npublished: vorige week\n---\nTekst.\n")
    with pytest.raises(InputError) as info:
        read(f)
    assert str(info.value) == (f"{f}: front-matter 'published: vorige week' is not a date; "
                               f"write YYYY, YYYY-MM or YYYY-MM-DD")


def test_documents_front_matter_bad_yaml(tmp_path):
    f = write(tmp_path / "a.txt", "---\ntitle: [niet gesloten\n---\nTekst.\n")
    with pytest.raises(InputError) as info:
        read(f)
    assert str(info.value).startswith(f"{f}: the front matter is not valid YAML (")
    assert str(info.value).endswith("); fix the block between the '---' lines")


# -- datelines without front matter ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Nieuws\n05-07-2021\nDe wethouder trad af.", PartialDate(2021, 7, 5)),
    ("Den Haag, 5 juli 2021 - De minister heeft de Kamer geïnformeerd.", PartialDate(2021, 7, 5)),
    ("Den Haag, 5 juli 2021 – De minister heeft de Kamer geïnformeerd.", PartialDate(2021, 7, 5)),
    ("LINGELAND, 14 maart 2022\n\nGeachte raadsleden,", PartialDate(2022, 3, 14)),
    ("Datum: 2021-10\nBetreft: klachten", PartialDate(2021, 10)),
    ("gepubliceerd: 2021-10-03\nDe raad", PartialDate(2021, 10, 3)),
    ("De wethouder trad af.\nHij zei niets.", None),
    ("Nieuws\n31-02-2021\nOngeldige datum.", None),
], ids=["dd-mm-yyyy", "place-hyphen", "place-en-dash", "letter", "datum-month", "gepubliceerd", "none",
        "impossible"])
def test_documents_find_dateline(text, expected):
    assert find_dateline(text) == expected


def test_documents_dateline_only_in_the_first_lines():
    text = "\n".join(["De raad vergaderde."] * 12 + ["05-07-2021"])
    assert find_dateline(text) is None


def test_documents_without_front_matter_use_the_dateline(tmp_path):
    f = write(tmp_path / "persbericht.txt",
              "Den Haag, 5 juli 2021 - De minister heeft de Kamer vandaag geïnformeerd.\n")
    doc = read(f)
    assert doc.published == PartialDate(2021, 7, 5)
    assert doc.text.startswith("Den Haag, 5 juli 2021 - ")
    assert doc.title is None and doc.publisher is None


def test_documents_front_matter_date_wins_over_dateline(tmp_path):
    f = write(tmp_path / "a.txt", "---\npublished: 2022-01-10\n---\n05-07-2021\nDe raad wist het.\n")
    assert read(f).published == PartialDate(2022, 1, 10)


# -- collecting sources --------------------------------------------------------------------------

def test_documents_readme_files_are_skipped(tmp_path):
    write(tmp_path / "bronnen" / "README.md", "# Bronnen\nDe stukken van de zaak.\n")
    write(tmp_path / "bronnen" / "readme.txt", "lees mij\n")
    write(tmp_path / "bronnen" / "Readme-bronnen.txt", "lees mij ook\n")
    a = write(tmp_path / "bronnen" / "a.txt", "Den Haag, 5 juli 2021 - De minister trad af.\n")
    b = write(tmp_path / "bronnen" / "sub" / "b.md", "05-07-2021\nDe raad wist het.\n")
    write(tmp_path / "bronnen" / ".verborgen" / "c.txt", "verborgen\n")
    write(tmp_path / "bronnen" / "notities.csv", "a,b\n")
    assert collect([tmp_path / "bronnen"]) == [a, b]
    assert [d.source for d in read_all([tmp_path / "bronnen"])] == ["a.txt", "b.md"]


def test_documents_readme_named_directly_is_read(tmp_path):
    """Only directories skip README files: a README named on the command line is meant."""
    f = write(tmp_path / "README.txt", "Den Haag, 5 juli 2021 - De minister trad af.\n")
    assert collect([f]) == [f]


def test_documents_duplicate_file_names_rejected(tmp_path):
    a = write(tmp_path / "krant" / "brief.txt", "De minister trad af.\n")
    b = write(tmp_path / "gemeente" / "brief.txt", "De raad wist het.\n")
    with pytest.raises(InputError) as info:
        collect([tmp_path / "krant", tmp_path / "gemeente"])
    assert str(info.value) == (f"{b}: another source has the same file name ({a}); file names "
                               f"identify documents in the graph, so rename one of them")


def test_documents_same_file_twice_is_read_once(tmp_path):
    a = write(tmp_path / "a.txt", "De minister trad af.\n")
    assert collect([a, tmp_path, tmp_path / "." / "a.txt"]) == [a]


def test_documents_collect_sorts_and_mixes_kinds(tmp_path):
    import shutil

    shutil.copy(HTML, tmp_path / "b.html")
    shutil.copy(PDF, tmp_path / "c.pdf")
    write(tmp_path / "a.txt", "05-07-2021\nDe raad wist het.\n")
    docs = read_all([tmp_path])
    assert [d.source for d in docs] == ["a.txt", "b.html", "c.pdf"]
    assert [d.published for d in docs] == [PartialDate(2021, 7, 5), PartialDate(2022, 3, 15),
                                           PartialDate(2022, 3, 14)]
    assert [bool(d.pages) for d in docs] == [False, False, True]
