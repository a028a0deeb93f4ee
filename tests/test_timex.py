"""Tests for graph.extract.timex and graph.lexicon.load.

Every ``examples:`` entry in graph/lexicon/nl/time.yaml is a parametrised test, so adding
an example there adds a test here.
"""
from __future__ import annotations

import pytest

from graph.errors import LexiconError
from graph.extract import timex
from graph.extract.timex import TimeContext, TimeLexicon, find_times, nearest_time, time_lexicon
from graph.lexicon import load
from graph.lexicon.load import choice, load_yaml, require, str_list
from graph.model import PartialDate, TimeValue

P = PartialDate.parse


def _examples(node, path=""):
    """Yield (test id, example) for every example anywhere in the lexicon data."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "examples" and isinstance(v, list):
                for i, ex in enumerate(v):
                    yield f"{path}#{i + 1}", ex
            else:
                name = node.get("id") or node.get("value")
                yield from _examples(v, f"{path}.{k}" if not name else f"{path}:{name}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            sub = item.get("id") if isinstance(item, dict) else None
            yield from _examples(item, f"{path}[{sub or i + 1}]")


DATA = load_yaml("time")
EXAMPLES = list(_examples(DATA))


def _date(value):
    return None if value is None else P(str(value))


def _show(times):
    return [f"{t.text} = {t.begin.iso()}/{t.end.iso()} {t.precision}" for t in times]


def test_examples_are_many_and_cover_every_pattern():
    assert len(EXAMPLES) > 100
    kinds_with_examples = set()
    for p in DATA["patterns"]:
        if p.get("examples"):
            kinds_with_examples.add(p["kind"])
    # relative and shift are exemplified under relative: and directions:
    assert set(timex.KINDS) - kinds_with_examples <= {"relative", "shift"}


@pytest.mark.parametrize("ex", [e for _, e in EXAMPLES], ids=[i for i, _ in EXAMPLES])
def test_lexicon_example(ex):
    defaults = DATA["example_defaults"]
    published = _date(ex["published"] if "published" in ex else defaults["published"])
    anchor = _date(ex.get("anchor"))
    text = ex["text"]
    times = find_times(text, published, anchor=anchor)
    assert _show(times) == ex["expect"]
    for t in times:
        assert text[t.start:t.end_offset] == t.text
        assert t.precision in timex.PRECISIONS
        assert t.begin.first_day() <= t.end.last_day()


# --- offsets -----------------------------------------------------------------------------

def test_offsets_point_into_the_document():
    doc = "Kop van het stuk.\n\nOp 5 juli 2021 kreeg de wethouder het rapport. Vorige maand niet."
    offset = doc.index("Op 5 juli")
    sentence = doc[offset:]
    times = find_times(sentence, P("2021-09-14"), offset=offset)
    assert [doc[t.start:t.end_offset] for t in times] == ["5 juli 2021", "Vorige maand"]
    assert times[0].start == offset + 3


def test_span_group_excludes_context():
    (t,) = find_times("Het rapport kwam in het derde kwartaal uit.", P("2021-09-14"))
    assert t.text == "het derde kwartaal"


def test_range_offsets_cover_both_ends():
    text = "Het onderzoek liep tussen oktober en december 2020 door."
    (t,) = find_times(text, P("2021-09-14"), offset=100)
    assert (t.start - 100, t.end_offset - 100) == (text.index("tussen"), text.index(" door"))


# --- relative resolution ------------------------------------------------------------------

@pytest.mark.parametrize("text,published,expected", [
    ("Vorige maand sprak de raad.", "2021-01-10", ("2020-12", "2020-12", "month")),
    ("Vorig jaar sprak de raad.", "2021-01-10", ("2020", "2020", "year")),
    ("Vorig jaar sprak de raad.", "2021", ("2020", "2020", "year")),
    ("Gisteren sprak de raad.", "2021-03-01", ("2021-02-28", "2021-02-28", "day")),
    ("Vorige week sprak de raad.", "2021-01-03", ("2020-12-21", "2020-12-27", "week")),
    ("Eerder dit jaar sprak de raad.", "2021", ("2021", "2021", "year")),
])
def test_relative_to_publication(text, published, expected):
    (t,) = find_times(text, P(published))
    assert (t.begin.iso(), t.end.iso(), t.precision) == expected


@pytest.mark.parametrize("text,published", [
    ("Vorige maand sprak de raad.", "2021"),
    ("Gisteren sprak de raad.", "2021-03"),
    ("Vorige week sprak de raad.", "2021-03"),
    ("Maandag sprak de raad.", "2021-03"),
])
def test_relative_needs_a_fine_enough_publication_date(text, published):
    assert find_times(text, P(published)) == []


@pytest.mark.parametrize("text", [
    "Vorige maand wist niemand het.", "Gisteren wist niemand het.", "Dit jaar wist niemand het.",
    "Maandag wist niemand het.", "Op 5 juli wist niemand het.", "Twee jaar geleden wist niemand het.",
    "Afgelopen zomer wist niemand het.", "In oktober wist niemand het.",
    "Op 18 juni jl. wist niemand het.",
])
def test_unknown_publication_date_skips_relative_words(text):
    assert find_times(text, None) == []


def test_absolute_dates_need_no_publication_date():
    assert _show(find_times("Op 5 juli 2021 en in het najaar van 2020.", None)) == [
        "5 juli 2021 = 2021-07-05/2021-07-05 day", "najaar van 2020 = 2020-09/2020-11 season"]


def test_jl_is_the_most_recent_past_occurrence():
    (t,) = find_times("Op 14 september jl. kwam het bericht.", P("2021-09-14"))
    assert t.begin.iso() == "2021-09-14"
    (t,) = find_times("Op 15 september jl. kwam het bericht.", P("2021-09-14"))
    assert t.begin.iso() == "2020-09-15"


def test_range_with_jl_takes_the_year_from_the_right_side():
    (t,) = find_times("Van 20 november tot 18 januari jl. lag het stil.", P("2021-02-01"))
    assert (t.begin.iso(), t.end.iso(), t.precision) == ("2020-11-20", "2021-01-18", "range")


def test_range_that_will_not_join_falls_apart():
    times = find_times("Van 2021 tot 2019 klopte er niets van.", P("2021-09-14"))
    assert _show(times) == ["2021 = 2021/2021 year", "2019 = 2019/2019 year"]


def test_sinds_runs_to_the_publication_date():
    (t,) = find_times("Sinds 5 maart 2020 ligt het dossier stil.", P("2021-09"))
    assert (t.text, t.begin.iso(), t.end.iso()) == ("Sinds 5 maart 2020", "2020-03-05", "2021-09")


# --- anchors -----------------------------------------------------------------------------

def test_anchor_from_earlier_in_the_same_text():
    times = find_times("In maart 2019 kwam het rapport, een jaar later het tweede.", P("2021-09-14"))
    assert _show(times) == ["maart 2019 = 2019-03/2019-03 month", "een jaar later = 2020/2020 year"]


def test_time_context_carries_the_anchor_across_sentences():
    doc = ("Op 4 maart 2020 kreeg de wethouder de eerste mail. De volgende dag belde hij. "
           "Twee maanden later wist de raad het. Dat jaar bleef het stil.")
    ctx = TimeContext(P("2021-09-14"))
    found = []
    for sentence in ("Op 4 maart 2020 kreeg de wethouder de eerste mail.", "De volgende dag belde hij.",
                     "Twee maanden later wist de raad het.", "Dat jaar bleef het stil."):
        offset = doc.index(sentence)
        for t in ctx.times_in(sentence, offset):
            assert doc[t.start:t.end_offset] == t.text
            found.append((t.text, t.begin.iso()))
    assert found == [("4 maart 2020", "2020-03-04"), ("De volgende dag", "2020-03-05"),
                     ("Twee maanden later", "2020-05"), ("Dat jaar", "2020")]
    assert ctx.anchor == P("2020")


def test_anchor_is_what_is_sure_of_a_coarse_interval():
    ctx = TimeContext(P("2021-09-14"))
    ctx.times_in("Begin 2019 kwam de klacht binnen.")
    assert ctx.anchor == P("2019")
    assert [t.begin.iso() for t in ctx.times_in("Een jaar later volgde de tweede.")] == ["2020"]
    assert ctx.times_in("Een maand later volgde de derde.") == []


def test_a_year_after_publication_is_no_anchor():
    """"tot 2030" names a horizon, not where the story is: "14 juni" after it is still last June."""
    ctx = TimeContext(P("2023-11-08"))
    assert [t.begin.iso() for t in ctx.times_in("Voor de afspraken is tot 2030 geld gereserveerd.")] == ["2030"]
    assert [t.begin.iso() for t in ctx.times_in("Op 14 juni kwam het rapport.")] == ["2023-06-14"]


def test_tense_cues_from_the_caller():
    """A past-tense verb the tense word list lacks, given by the parser, reads a month back."""
    text = "In november klopte de klager aan."
    assert [t.begin.iso() for t in TimeContext(P("2024-10-10")).times_in(text)] == ["2024-11"]
    cue = [(text.index("klopte"), "past")]
    assert [t.begin.iso() for t in TimeContext(P("2024-10-10")).times_in(text, 0, cue)] == ["2023-11"]


def test_year_less_date_takes_the_anchor_year():
    (t,) = find_times("Op 5 juli stuurde de directeur de brief.", P("2021-09-14"), anchor=P("2019-03"))
    assert t.begin.iso() == "2019-07-05"


def test_anchor_never_makes_a_past_date_later_than_publication():
    (t,) = find_times("Op 5 december stuurde de directeur de brief.", P("2021-09-14"), anchor=P("2021-08"))
    assert t.begin.iso() == "2020-12-05"


# --- nearest_time --------------------------------------------------------------------------

def _tv(text, start):
    return TimeValue(text, P("2020"), P("2020"), "year", start, start + len(text))


def test_nearest_time_prefers_inside_then_before():
    a, b, c = _tv("2019", 0), _tv("2020", 30), _tv("2021", 80)
    assert nearest_time([a, b, c], 25, 60) is b
    assert nearest_time([a, b, c], 40, 60) is b
    assert nearest_time([a, b, c], 40, 60, sentence_start=36) is None
    assert nearest_time([a, c], 10, 60) is a
    assert nearest_time([c], 10, 60) is None
    assert nearest_time([], 0, 10) is None


# --- non-times -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Vier ambtenaren lazen het stuk.", "Er waren 2 meldingen.", "Het ging om € 2020.",
    "Het ging om €2020.", "Het ging om 2020 euro.", "Het ging om EUR 2019,50.",
    "De Wet openbaarheid bestuur en de Woo gelden niet.", "Artikel 2019 bestaat niet.",
    "Het dossier telt 2012 pagina's.", "Bel 070-2019 voor informatie.", "In 2100 is alles anders.",
    "Het memo had nummer 2020-123.", "Het bedrag van 1.999 euro.", "Rond 12.30 uur was het klaar.",
    "Jan en Mei Jansen tekenden.", "Het eind van het liedje was dat de raad zweeg.",
])
def test_non_times(text):
    assert find_times(text, P("2021-09-14")) == []


def test_bare_year_in_a_sentence_with_an_amount():
    times = find_times("In 2019 kostte het project € 2020 per woning.", P("2021-09-14"))
    assert _show(times) == ["2019 = 2019/2019 year"]


# --- the loader ------------------------------------------------------------------------

def test_load_yaml_finds_lexicon_files():
    assert "time" in load.available()
    assert load_yaml("time") is load_yaml("time")


@pytest.mark.parametrize("name", ["nope", "time.yaml", "../time", ""])
def test_load_yaml_rejects_bad_names_with_choices(name):
    with pytest.raises(LexiconError, match="valid choices: .*time"):
        load_yaml(name)


def test_load_yaml_reports_yaml_syntax_with_line(tmp_path, monkeypatch):
    (tmp_path / "broken.yaml").write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    monkeypatch.setattr(load, "LEXICON_DIR", tmp_path)
    with pytest.raises(LexiconError, match=r"broken\.yaml: line \d+, column \d+: invalid YAML"):
        load_yaml("broken")


def test_require_names_file_entry_and_field():
    with pytest.raises(LexiconError) as e:
        require({"forms": "x"}, "forms", list, "frames.yaml", "weten-1")
    assert str(e.value) == ("frames.yaml: entry 'weten-1': field 'forms' must be a list, "
                            "got text 'x'")
    with pytest.raises(LexiconError, match="field 'lemma' is missing .*fields present: forms"):
        require({"forms": []}, "lemma", str, "frames.yaml", "weten-1")
    assert require({}, "bare", bool, "f.yaml", "x", default=False) is False
    with pytest.raises(LexiconError, match="must be a whole number, got true/false"):
        require({"n": True}, "n", int, "f.yaml", "x")


def test_choice_lists_the_valid_choices():
    with pytest.raises(LexiconError) as e:
        choice({"unit": "dg"}, "unit", ["day", "week"], "time.yaml", "gisteren")
    assert str(e.value) == "time.yaml: entry 'gisteren': field 'unit' is 'dg'; valid choices: day, week"


def test_str_list_rejects_empty_items():
    with pytest.raises(LexiconError, match="item 2 must be non-empty text"):
        str_list({"forms": ["a", ""]}, "forms", "f.yaml", "x")


def _lexicon_with(mutate):
    import copy
    data = copy.deepcopy(load_yaml("time"))
    mutate(data)
    return TimeLexicon(data)


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d["relative"]["entries"][0].update(unit="dg"),
     r"time\.yaml: entry 'vandaag': field 'unit' is 'dg'; valid choices: day, week, month, year"),
    (lambda d: d["seasons"]["entries"][0].update(months=[3]),
     r"entry 'voorjaar': field 'months' must be \[first month, last month\]"),
    (lambda d: d["patterns"][0].update(pattern="{dag} {month}"),
     r"entry 'date-text': field 'pattern' uses unknown slot \{dag\}; valid choices: .*day"),
    (lambda d: d["patterns"][0].update(kind="datum"),
     r"entry 'date-text': field 'kind' is 'datum'; valid choices: date, year"),
    (lambda d: d["patterns"][0].update(pattern="{day} ("),
     r"entry 'date-text': field 'pattern' is not a valid regular expression"),
    (lambda d: d["months"]["entries"][0].update(value=13),
     r"entry 'months\[1\]': field 'value' must be 1\.\.12"),
    (lambda d: d["parts"]["entries"][0].update(month_days=[1, "eind"]),
     r"entry 'begin': field 'month_days'"),
    (lambda d: d.pop("tense"), r"entry 'tense': field 'tense' is missing"),
])
def test_time_lexicon_validation(mutate, message):
    with pytest.raises(LexiconError, match=message):
        _lexicon_with(mutate)


def test_shipped_lexicon_compiles():
    lex = time_lexicon()
    assert lex.months["sept."] == 9 and lex.month_names["mei"] == 5
    assert "jan" not in lex.month_names


def test_docstring_examples_run():
    import doctest
    for module in (timex, load):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_a_month_after_a_season_is_read_forward_in_the_story():
    ctx = TimeContext(P("2023-07-04"))
    ctx.times_in("Eind vorig jaar kwamen de eerste signalen binnen.")
    assert [(t.begin.iso(), t.end.iso()) for t in ctx.times_in("In februari werd een bureau ingehuurd.")] \
        == [("2023-02", "2023-02")]
