"""Frog columns -> tokens with offsets, on recorded Frog output (no Frog needed).

The recordings in fixtures/frog/ are made with ``python scripts/record_frog.py seeds/
tests/fixtures/sentences.txt tests/fixtures/frog_edge_cases.txt``.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graph.errors import FrogError
from graph.nlp.frog import RecordedFrog, frog_input, segments, split_paragraphs, text_key
from graph.nlp.tokens import Row, align, parse_columns

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def body_of(text: str) -> str:
    if text.startswith("---\n"):
        close = text.find("\n---\n", 3)
        if close != -1:
            return text[close + 5:]
    return text


def paragraphs_of(name: str) -> list[str]:
    return [p.strip() for p in (FIXTURES / name).read_text(encoding="utf-8").split("\n\n")
            if p.strip()]


@pytest.fixture(scope="module")
def recorded():
    return RecordedFrog(FIXTURES / "frog")


def row(i, word, head=0, rel="ROOT", lemma=None, pos="N()", ner="O"):
    return Row(i, word, lemma or word.lower(), f"[{word}]", pos, "1.0", ner, "O", head, rel)


# -- the recorded seeds ------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_tokens_seed_offsets_are_exact(recorded, seed):
    text = body_of(seed.read_text(encoding="utf-8"))
    sentences = recorded.parse(text)
    tokens = [t for s in sentences for t in s.tokens]
    assert len(tokens) > 300
    exact = sum(text[t.start:t.end] == t.text for t in tokens)
    assert exact / len(tokens) >= 0.99
    assert recorded.stats["unaligned"] == 0
    # Tokens follow each other in the text without overlap.
    for a, b in zip(tokens, tokens[1:]):
        assert a.end <= b.start
    # Text between tokens is only whitespace: nothing in the text was skipped.
    covered = "".join(text[a.end:b.start] for a, b in zip(tokens, tokens[1:]))
    assert covered.strip() == ""


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_tokens_seed_multiword_units_keep_their_spacing(recorded, seed):
    text = body_of(seed.read_text(encoding="utf-8"))
    mwus = [t for s in recorded.parse(text) for t in s.tokens if "_" in t.pos]
    assert mwus, "the seeds contain multi-word units such as names"
    for t in mwus:
        assert text[t.start:t.end] == t.text
        assert len(t.text.split()) == t.pos.count("_") + 1
        assert t.lemma.replace("_", " ").split() == t.lemma.split("_")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_tokens_seed_sentences_and_heads(recorded, seed):
    text = body_of(seed.read_text(encoding="utf-8"))
    sentences = recorded.parse(text)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert s.tokens
        assert s.start == s.tokens[0].start and s.end == s.tokens[-1].end
        assert [t.i for t in s.tokens] == list(range(1, len(s.tokens) + 1))
        for t in s.tokens:
            assert 0 <= t.head <= len(s.tokens)
            assert t.head != t.i
        assert any(t.head == 0 for t in s.tokens)
    for a, b in zip(sentences, sentences[1:]):
        assert a.end <= b.start


def test_tokens_seed_heading_is_its_own_sentence(recorded):
    text = body_of((ROOT / "seeds" / "000_399f6000c6b17378.txt").read_text(encoding="utf-8"))
    by_text = {text[s.start:s.end]: s for s in recorded.parse(text)}
    assert "Coach" in by_text
    assert "Tóch melding" in by_text
    assert any(k.startswith("Ivens moest bijvoorbeeld") for k in by_text)


def test_tokens_base_offset_shifts_every_offset(recorded):
    text = body_of((ROOT / "seeds" / "004_51419fcd66324be6.txt").read_text(encoding="utf-8"))
    full = "PREFIX\n\n" + text
    plain = recorded.parse(text)
    shifted = recorded.parse(text, base_offset=8)
    for s0, s1 in zip(plain, shifted):
        assert (s1.start, s1.end) == (s0.start + 8, s0.end + 8)
        for t0, t1 in zip(s0.tokens, s1.tokens):
            assert full[t1.start:t1.end] == t0.text


# -- the recorded sentences and edge cases -----------------------------------------------------

@pytest.mark.parametrize("sentence", paragraphs_of("sentences.txt"))
def test_tokens_sentence_fixture_is_one_aligned_sentence(recorded, sentence):
    sentences = recorded.parse(sentence)
    assert len(sentences) == 1
    s = sentences[0]
    assert (s.start, s.end) == (0, len(sentence))
    assert all(sentence[t.start:t.end] == t.text for t in s.tokens)
    assert sum(t.head == 0 for t in s.tokens) >= 1


def test_tokens_names_with_titles_are_one_unit(recorded):
    s = recorded.parse("Burgemeester Femke Halsema stelde de gemeenteraad op 5 juli op de hoogte.")[0]
    words = [t.text for t in s.tokens]
    assert "Femke Halsema" in words and "op de hoogte" in words
    name = s.tokens[words.index("Femke Halsema")]
    assert name.ner == "B-PER_I-PER" and name.tag == "SPEC"


def test_tokens_separable_verb_particle(recorded):
    s = recorded.parse("De minister belde de voorzitter van de Tweede Kamer gisteren op.")[0]
    op = next(t for t in s.tokens if t.text == "op")
    assert op.rel == "svp" and s.token(op.head).lemma == "bellen"


@pytest.mark.parametrize("paragraph", paragraphs_of("frog_edge_cases.txt"),
                         ids=lambda p: p[:30])
def test_tokens_edge_cases_align(recorded, paragraph):
    stats_before = Counter(recorded.stats)
    sentences = recorded.parse(paragraph)
    tokens = [t for s in sentences for t in s.tokens]
    assert all(paragraph[t.start:t.end] == t.text for t in tokens)
    assert recorded.stats["unaligned"] == stats_before["unaligned"]
    # Every non-space character of the paragraph belongs to a token (soft hyphens and
    # zero-width spaces aside, which Frog drops or we blank).
    covered = set()
    for t in tokens:
        covered.update(range(t.start, t.end))
    missed = [c for i, c in enumerate(paragraph)
              if i not in covered and not c.isspace() and c not in "\u00ad\u200b"]
    assert missed == []


def test_tokens_eot_line_does_not_end_the_request(recorded):
    paragraph = next(p for p in paragraphs_of("frog_edge_cases.txt") if "\nEOT\n" in p)
    words = [t.text for s in recorded.parse(paragraph) for t in s.tokens]
    assert "EOT" in words and words[-2:] == ["was", "."]


def test_tokens_normalised_characters(recorded):
    paragraph = next(p for p in paragraphs_of("frog_edge_cases.txt") if "\u00ad" in p)
    words = [t.text for s in recorded.parse(paragraph) for t in s.tokens]
    assert "belang\u00adrijke" in words      # Frog dropped the soft hyphen; we keep the original
    assert "raad\u200b" not in words and "raad" in words


def test_tokens_long_sentences_are_capped(recorded):
    for paragraph in paragraphs_of("frog_edge_cases.txt"):
        if len(paragraph.split()) < 140:
            continue
        sentences = recorded.parse(paragraph)
        assert len(sentences) >= 3
        assert max(len(s.tokens) for s in sentences) <= 2 * 60
        assert all(paragraph[t.start:t.end] == t.text for s in sentences for t in s.tokens)


def test_tokens_recorded_frog_names_the_missing_paragraph(tmp_path):
    with pytest.raises(FrogError, match=r"no recorded Frog output for paragraph 'Nooit opgenomen\.'"):
        RecordedFrog(tmp_path).parse("Nooit opgenomen.")


def test_tokens_recording_keys_are_sha256_of_the_sent_text():
    for path in sorted((FIXTURES / "frog").glob("*.json"))[:20]:
        import json
        data = json.loads(path.read_text(encoding="utf-8"))
        assert path.stem == text_key(data["text"])
        assert parse_columns(data["frog"])


# -- parse_columns and align on hand-made input ------------------------------------------------

def test_tokens_parse_columns_handles_blank_lines_and_short_rows():
    raw = ("\n1\tJa\tja\t[ja]\tTSW()\t0.9\tO\tB-TSW\t0\tROOT\n\n\n"
           "1\tNee\tnee\n2\t!\t!\t[!]\tLET()\t1\tO\tO\tx\tNone\nnot a row\n")
    sentences = parse_columns(raw)
    assert [[r.word for r in s] for s in sentences] == [["Ja"], ["Nee", "!"]]
    assert sentences[1][0].head == 0 and sentences[1][0].rel == ""
    assert sentences[1][1].head == 0 and sentences[1][1].rel == "None"
    assert parse_columns("") == []


def test_tokens_parse_columns_splits_on_restarted_numbering():
    raw = "1\tA\ta\n2\tB\tb\n1\tC\tc\n"
    assert [[r.word for r in s] for s in parse_columns(raw)] == [["A", "B"], ["C"]]


@pytest.mark.parametrize("text,word,expected", [
    ("Hij zei “nee”.", '"', "“"),
    ("Hij zei ’t.", "'t", "’t"),
    ("Wacht…", "...", "…"),
    ("Wacht...", "…", "..."),
    ("de ﬁnanciën", "financiën", "ﬁnanciën"),
    ("belang\u00adrijk", "belangrijk", "belang\u00adrijk"),
    ("2020 – 2021", "-", "–"),
    ("Femke\n  Halsema zei", "Femke_Halsema", "Femke\n  Halsema"),
    ("snake_case", "snake_case", "snake_case"),
])
def test_tokens_align_tolerates_normalisation(text, word, expected):
    rows = [[row(1, word)]]
    stats = Counter()
    sentences = align(text, text.find(expected[0]), rows, stats=stats)
    t = sentences[0].tokens[0]
    assert t.text == expected and text[t.start:t.end] == expected
    assert stats["unaligned"] == 0


def test_tokens_align_fills_unfound_tokens_from_the_gap():
    text = "Hij zei @@## en §§ dat."
    rows = [[row(1, "Hij"), row(2, "zei"), row(3, "WEIRD"), row(4, "en"), row(5, "X"),
             row(6, "dat"), row(7, ".")]]
    stats = Counter()
    s = align(text, 0, rows, stats=stats)[0]
    assert [t.text for t in s.tokens] == ["Hij", "zei", "@@##", "en", "§§", "dat", "."]
    assert stats["gap"] == 2 and stats["unaligned"] == 0
    # Two unfound tokens in one gap of two pieces share it out.
    rows = [[row(1, "Hij"), row(2, "zei"), row(3, "A"), row(4, "B"), row(5, "dat")]]
    s = align("Hij zei ## %% dat", 0, rows)[0]
    assert [t.text for t in s.tokens] == ["Hij", "zei", "##", "%%", "dat"]
    # Tokens with nothing to stand for get an empty span and are counted.
    stats = Counter()
    s = align("Hij zei", 0, [[row(1, "Hij"), row(2, "zei"), row(3, "QQ")]], stats=stats)[0]
    assert (s.tokens[2].start, s.tokens[2].end) == (7, 7) and stats["unaligned"] == 1


def test_tokens_align_never_crashes_on_garbage():
    text = "Iets heel anders."
    rows = [[row(1, "Totaal"), row(2, "niet", head=9), row(3, "hier")]]
    stats = Counter()
    s = align(text, 0, rows, stats=stats)[0]
    assert len(s.tokens) == 3
    assert stats["tokens"] == 3 and stats["bad_head"] == 1
    assert s.tokens[1].head == 0
    assert all(0 <= t.start <= t.end <= len(text) for t in s.tokens)
    assert align("", 0, [], stats=stats) == []


def test_tokens_align_offset_and_first_index():
    text = "xx Ja."
    s = align(text, 3, [[row(1, "Ja"), row(2, ".", head=1)]], first_index=4, offset=100)[0]
    assert s.index == 4 and (s.start, s.end) == (103, 106)
    assert [(t.start, t.end) for t in s.tokens] == [(103, 105), (105, 106)]


def test_tokens_names_frog_glued_together_are_split_again():
    spec2, spec3 = "SPEC(deeleigen)_SPEC(deeleigen)", "SPEC(deeleigen)_SPEC(deeleigen)_SPEC(deeleigen)"
    # a person glued to a body after it: the person keeps the unit's place, the body is its apposition
    text = "Toen liet Verhoef  Provinciale Staten weten."
    rows = [[row(1, "Toen", head=2, rel="mod"), row(2, "liet", pos="WW(pv)"),
             row(3, "Verhoef_Provinciale_Staten", head=2, rel="su", pos=spec3, ner="B-PER_B-ORG_I-ORG"),
             row(4, "weten", head=2, rel="vc", pos="WW(inf)"), row(5, ".", head=4, rel="punct")]]
    s = align(text, 0, rows)[0]
    assert [(t.i, t.text, t.head, t.rel) for t in s.tokens] == [
        (1, "Toen", 2, "mod"), (2, "liet", 0, "ROOT"), (3, "Verhoef", 2, "su"),
        (4, "Provinciale Staten", 3, "app"), (5, "weten", 2, "vc"), (6, ".", 5, "punct")]
    assert [text[t.start:t.end] for t in s.tokens] == [t.text for t in s.tokens][:3] + \
        ["Provinciale Staten", "weten", "."]
    assert (s.tokens[3].lemma, s.tokens[3].ner) == ("provinciale_staten", "B-ORG_I-ORG")
    # a word before the person's name modifies it, and the name keeps the unit's head
    text = "met de Koning Marloes Tiel"
    rows = [[row(1, "met", pos="VZ(init)"), row(2, "de", head=3, rel="det", pos="LID()"),
             row(3, "Koning_Marloes_Tiel", head=1, rel="obj1", pos=spec3, ner="O_B-PER_I-PER")]]
    s = align(text, 0, rows)[0]
    assert [(t.i, t.text, t.head, t.rel) for t in s.tokens] == [
        (1, "met", 0, "ROOT"), (2, "de", 4, "det"), (3, "Koning", 4, "mod"), (4, "Marloes Tiel", 1, "obj1")]
    # one name (one B- tag), names without a person in them, a unit of two words or of persons
    # only are more likely one name the NER cut: they stay one unit
    for ner in ("B-PER_I-PER", "B-ORG_B-LOC", "B-PER_B-LOC"):
        s = align("Jan Smit", 0, [[row(1, "Jan_Smit", pos=spec2, ner=ner)]])[0]
        assert [t.text for t in s.tokens] == ["Jan Smit"]
    s = align("Jan de Smit", 0, [[row(1, "Jan_de_Smit", pos=spec3, ner="B-PER_B-PER_I-PER")]])[0]
    assert [t.text for t in s.tokens] == ["Jan de Smit"]


# -- what is sent to Frog ----------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Coach\nIvens moest weg.", ["Coach", "Ivens moest weg."]),
    ("Eerste zin.\n\nTweede zin.", ["Eerste zin.", "Tweede zin."]),
    ("Bron: Gemeente Amsterdam\n05-07-2021", ["Bron: Gemeente Amsterdam", "05-07-2021"]),
    ("Hij zei dat de raad\nniet was ingelicht.", ["Hij zei dat de raad\nniet was ingelicht."]),
    ("Dit is een zin die doorloopt,\nen nog verder gaat.", ["Dit is een zin die doorloopt,\nen nog verder gaat."]),
    ("  \n\n  Eén  \n\n", ["Eén"]),
    ("", []),
])
def test_tokens_split_paragraphs(text, expected):
    assert [text[a:b] for a, b in split_paragraphs(text)] == expected


def test_tokens_split_paragraphs_leaves_hard_wrapped_text_alone():
    text = ("De burgemeester heeft de gemeenteraad in\n"
            "December niet geïnformeerd over de signalen\n"
            "van de vrouwelijke ambtenaren, aldus de\n"
            "interne communicatie die is vrijgegeven.")
    assert len(split_paragraphs(text)) == 1


def test_tokens_segments_cap_long_sentences_at_punctuation():
    left = " ".join(["woord"] * 40)
    right = " ".join(["ander"] * 40)
    text = f"{left}; {right}."
    spans = segments(text, 0, len(text), 60)
    assert [text[a:b] for a, b in spans] == [f"{left};", f"{right}."]
    short = "Een korte zin. Nog een."
    assert segments(short, 0, len(short), 60) == [(0, len(short))]


def test_tokens_segments_without_punctuation_cut_in_the_middle():
    text = " ".join(["woord"] * 150)
    spans = segments(text, 0, len(text), 60)
    assert all(len(text[a:b].split()) <= 60 for a, b in spans)
    assert sum(len(text[a:b].split()) for a, b in spans) == 150


def test_tokens_frog_input_is_one_for_one_and_safe():
    text = "a\tb\nEOT\nc\u00a0d\u200be\u00adf\r\n"
    sent = frog_input(text)
    assert len(sent) == len(text)
    assert "\n" not in sent and "\t" not in sent and "\u200b" not in sent
    assert "\u00ad" in sent


def test_tokens_segments_split_huge_paragraphs_between_sentences():
    sentence = "De raad werd niet geïnformeerd over de signalen van de ambtenaren. "
    text = (sentence * 300).strip()          # 3000 words, no blank line
    spans = segments(text, 0, len(text), 60)
    assert 3 <= len(spans) <= 4
    assert all(text[a:b].endswith(".") and len(text[a:b].split()) <= 1000 for a, b in spans)
