"""The examples of the Dutch lexicon as tests, and the lexicon loader's error messages.

Every ``examples:`` entry of graph/lexicon/nl/frames.yaml, roles.yaml and discourse.yaml is a
parametrised test, run twice: on recorded Frog output (tests/fixtures/frog, fast, no Frog
needed) and on the real Frog (``pytest -m frog``, one server for the session). A new example
needs its Frog reply recorded: ``python scripts/record_frog.py FILE`` with the sentence in FILE.

One example is read the way ``govgraph build`` reads a document (graph.build.extract): a
Document "example.txt" published 2023-06-15, parsed, mentions, entities, events.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.documents import paragraphs
from graph.errors import LexiconError
from graph.extract import lexicon as lexicon_mod
from graph.extract.entities import resolve_corpus, resolve_document
from graph.extract.events import extract_document
from graph.extract.mentions import find_mentions
from graph.lexicon import load as load_mod
from graph.lexicon.load import load_yaml
from graph.model import Document, PartialDate
from graph.terms import EVENT_CLASSES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PUBLISHED = PartialDate(2023, 6, 15)


# -- the examples ----------------------------------------------------------------------------------

def _frame_examples():
    out = []
    for f in lexicon_mod.frames():
        for n, ex in enumerate(f.examples, 1):
            out.append(pytest.param(f, ex, id=f"{f.id}-{n}"))
    return out


def _examples(name):
    return [pytest.param(ex, id=f"{name}-{n}") for n, ex in enumerate(load_yaml(name).get("examples") or (), 1)]


FRAME_EXAMPLES = _frame_examples()
ROLE_EXAMPLES = _examples("roles")
DISCOURSE_EXAMPLES = _examples("discourse")


class Reading:
    """What the pipeline made of one example sentence."""

    def __init__(self, text, parser):
        doc = Document(path="example.txt", source="example.txt", text=text, published=PUBLISHED)
        doc.paragraphs = paragraphs(text)
        self.sentences = parser.parse(text)
        by_sentence = {s.index: find_mentions(s, text) for s in self.sentences}
        self.mentions = [m for ms in by_sentence.values() for m in ms]
        ctx = resolve_document(doc, self.sentences, by_sentence)
        self.entities = dict(ctx.entities)
        self.entities.update(resolve_corpus([ctx]))
        self.events = extract_document(ctx)

    def entity(self, key):
        return self.entities.get(key)

    def label(self, key):
        e = self.entity(key)
        return e.label if e is not None else str(key)

    def describe(self) -> str:
        if not self.events:
            return "no events"
        return "; ".join(
            f"{ev.etype}({ev.polarity}, {ev.lexicon_entry}) agents={[self.label(a) for a in ev.agents]} "
            f"recipients={[self.label(r) for r in ev.recipients]}"
            + (f" speaker={self.label(ev.speaker)}" if ev.speaker else "")
            for ev in self.events)


def names(entity) -> list:
    return [entity.label, *sorted(entity.aliases)]


def matches(entity, expected: str) -> bool:
    """An expected lemma or name matches an entity whose label or an alias contains it.

    Groups are labelled in the plural ("twee ambtenaren", "drie raadsleden"): their head lemma
    counts, and so does the lemma's stem (the lemma without its last two letters).
    """
    if entity is None:
        return False
    want = str(expected).lower()
    texts = [t.lower() for t in names(entity)]
    if any(want in t for t in texts):
        return True
    if entity.etype == "Group":
        if want == (entity.head or "").lower():
            return True
        stem = want[:-2] if len(want) > 5 else want
        return any(stem in t for t in texts)
    return False


def same_parties(reading, keys, expected) -> bool:
    """Exactly the expected parties, in any order: each expected one matched by its own entity."""
    entities = [reading.entity(k) for k in keys]
    if len(entities) != len(expected):
        return False
    free = list(entities)
    for want in expected:
        hit = next((e for e in free if matches(e, want)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def negated(ev) -> bool:
    """A negated telling: polarity negative, or turned into the frame's `negated` event type."""
    if ev.polarity == "negative":
        return True
    frame = next((f for f in lexicon_mod.frames() if f.id == ev.lexicon_entry), None)
    return frame is not None and frame.negated in EVENT_CLASSES and ev.etype == frame.negated \
        and ev.etype not in frame.types


def check_frame_example(frame, ex, parser):
    reading = Reading(ex["text"], parser)
    if ex.get("absent"):
        # a sentence the frame must not read: "vertrekt naar Brussel" is no resignation
        fired = [ev for ev in reading.events if ev.lexicon_entry == frame.id]
        assert not fired, f"{frame.id}: {ex['text']!r} must not fire\n  extracted {reading.describe()}"
        return
    etype = ex.get("type", frame.types[0])
    candidates = [ev for ev in reading.events if ev.etype == etype]
    if "polarity" in ex:
        candidates = [ev for ev in candidates if ev.polarity == ex["polarity"]]
    if "agents" in ex:
        candidates = [ev for ev in candidates if same_parties(reading, ev.agents, ex["agents"] or [])]
    if "recipients" in ex:
        candidates = [ev for ev in candidates
                      if same_parties(reading, ev.recipients, ex["recipients"] or [])]
    want = (f"{etype}" + (f"({ex['polarity']})" if "polarity" in ex else "")
            + f" agents={ex.get('agents', '(any)')} recipients={ex.get('recipients', '(any)')}")
    assert candidates, f"{frame.id}: {ex['text']!r}\n  expected {want}\n  extracted {reading.describe()}"


def check_role_example(ex, parser):
    reading = Reading(ex["text"], parser)
    found = {m.text.lower(): m.etype for m in reading.mentions}
    found.update({m.name.lower(): m.etype for m in reading.mentions if getattr(m, "name", "")})
    wrong = {text: etype for text, etype in ex["mentions"].items() if found.get(str(text).lower()) != etype}
    assert not wrong, (f"{ex['text']!r}: expected {wrong}, found mentions "
                       f"{[(m.text, m.etype) for m in reading.mentions]}")


def check_discourse_example(ex, parser):
    reading = Reading(ex["text"], parser)
    if ex.get("irrealis"):
        assert not reading.events, f"{ex['text']!r} is not factual: expected no events, extracted {reading.describe()}"
        return
    candidates = list(reading.events)
    if "speaker" in ex:
        candidates = [ev for ev in candidates if matches(reading.entity(ev.speaker), ex["speaker"])]
    want_negated = bool(ex.get("negated", False))
    candidates = [ev for ev in candidates if negated(ev) == want_negated]
    assert candidates, (f"{ex['text']!r}: expected an event with speaker={ex.get('speaker', '(any)')} "
                        f"negated={want_negated}; extracted {reading.describe()}")


# -- (a) on recorded Frog output -----------------------------------------------------------------

@pytest.mark.parametrize("frame, ex", FRAME_EXAMPLES)
def test_lexicon_frame_example(frame, ex, recorded_frog):
    check_frame_example(frame, ex, recorded_frog)


@pytest.mark.parametrize("ex", ROLE_EXAMPLES)
def test_lexicon_role_example(ex, recorded_frog):
    check_role_example(ex, recorded_frog)


@pytest.mark.parametrize("ex", DISCOURSE_EXAMPLES)
def test_lexicon_discourse_example(ex, recorded_frog):
    check_discourse_example(ex, recorded_frog)


def test_lexicon_every_frame_has_examples():
    bare = [f.id for f in lexicon_mod.frames() if not f.examples]
    assert not bare, f"frames without examples: {bare}"
    assert len(FRAME_EXAMPLES) >= 60 and ROLE_EXAMPLES and DISCOURSE_EXAMPLES


def test_lexicon_examples_name_known_fields():
    for frame in lexicon_mod.frames():
        for ex in frame.examples:
            assert set(ex) <= {"text", "type", "polarity", "agents", "recipients", "absent"}, (frame.id, ex)
            assert ex.get("type", frame.types[0]) in EVENT_CLASSES, (frame.id, ex)
    for ex in load_yaml("roles")["examples"]:
        assert set(ex) == {"text", "mentions"}
    for ex in load_yaml("discourse")["examples"]:
        assert set(ex) <= {"text", "speaker", "negated", "irrealis"}


# -- (b) on the real Frog ------------------------------------------------------------------------

@pytest.mark.frog
@pytest.mark.parametrize("frame, ex", FRAME_EXAMPLES)
def test_lexicon_frame_example_real_frog(frame, ex, frog):
    check_frame_example(frame, ex, frog)


@pytest.mark.frog
@pytest.mark.parametrize("ex", ROLE_EXAMPLES)
def test_lexicon_role_example_real_frog(ex, frog):
    check_role_example(ex, frog)


@pytest.mark.frog
@pytest.mark.parametrize("ex", DISCOURSE_EXAMPLES)
def test_lexicon_discourse_example_real_frog(ex, frog):
    check_discourse_example(ex, frog)


# -- the loader's messages name file, entry and field --------------------------------------------

GOOD_FRAME = """\
frames:
  - id: inform.test
    type: Informing
    lemma: informeren
    agent: [subject]
    recipient: [object]
"""


@pytest.fixture
def lexicon_copy(tmp_path, monkeypatch):
    """A copy of graph/lexicon/nl to break; the caches are emptied before and after."""
    nl = tmp_path / "nl"
    shutil.copytree(load_mod.LEXICON_DIR, nl)
    monkeypatch.setattr(load_mod, "LEXICON_DIR", nl)

    def clear():
        load_mod._load_cached.cache_clear()
        lexicon_mod.frames.cache_clear()
        lexicon_mod.frames_by_lemma.cache_clear()
        lexicon_mod.roles.cache_clear()

    clear()
    yield nl
    monkeypatch.undo()
    clear()


def broken_frames(nl, text):
    (nl / "frames.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        lexicon_mod.frames()
    return str(info.value)


def test_lexicon_copy_loads_as_is(lexicon_copy):
    assert lexicon_mod.frames() and lexicon_mod.roles().posts


def test_lexicon_good_frame_loads(lexicon_copy):
    (lexicon_copy / "frames.yaml").write_text(GOOD_FRAME, encoding="utf-8")
    (frame,) = lexicon_mod.frames()
    assert (frame.id, frame.types, frame.lemmas, frame.agent) == (
        "inform.test", ("Informing",), frozenset({"informeren"}), ("subject",))


def test_lexicon_unknown_slot(lexicon_copy):
    msg = broken_frames(lexicon_copy, GOOD_FRAME.replace("agent: [subject]", "agent: [subjekt]"))
    assert msg == ("frames.yaml: frame 'inform.test', field 'agent': unknown slot 'subjekt'; "
                   f"valid choices: {', '.join(sorted(lexicon_mod.SLOTS))}, pp:<preposition>")
    assert {"subject", "object", "indirect", "controller", "speaker"} <= lexicon_mod.SLOTS


def test_lexicon_unknown_type(lexicon_copy):
    msg = broken_frames(lexicon_copy, GOOD_FRAME.replace("type: Informing", "type: Informeren"))
    assert msg == ("frames.yaml: frame 'inform.test', field 'type': 'Informeren' is not an event "
                   f"class; valid choices: {', '.join(EVENT_CLASSES)}")


def test_lexicon_missing_lemma(lexicon_copy):
    msg = broken_frames(lexicon_copy, GOOD_FRAME.replace("    lemma: informeren\n", ""))
    assert msg == "frames.yaml: frame 'inform.test': field 'lemma' is missing"


def test_lexicon_unknown_field(lexicon_copy):
    msg = broken_frames(lexicon_copy, GOOD_FRAME + "    lemmas: [melden]\n")
    assert msg.startswith("frames.yaml: frame 'inform.test': unknown field(s) lemmas; valid fields: ")
    assert "lemma, negated" in msg


def test_lexicon_frame_without_id(lexicon_copy):
    msg = broken_frames(lexicon_copy, GOOD_FRAME + "  - type: Report\n    lemma: melden\n")
    assert msg == "frames.yaml: frame number 2 has no 'id'; give every frame a unique id"


def test_lexicon_duplicate_id(lexicon_copy):
    msg = broken_frames(lexicon_copy, GOOD_FRAME + GOOD_FRAME.split("\n", 1)[1])
    assert msg == "frames.yaml: frame 'inform.test' is defined twice; ids must be unique"


def test_lexicon_bad_negation_choice(lexicon_copy):
    msg = broken_frames(lexicon_copy, GOOD_FRAME + "    negated: Verzwijgen\n")
    assert msg.startswith("frames.yaml: frame 'inform.test', field 'negated': 'Verzwijgen'; valid choices: ")
    assert "NonDisclosure" in msg and "drop" in msg and "negative" in msg


def test_lexicon_yaml_syntax_error_names_line(lexicon_copy):
    msg = broken_frames(lexicon_copy, GOOD_FRAME.replace("agent: [subject]", "agent: [subject"))
    assert msg == "frames.yaml: line 6, column 14: invalid YAML: expected ',' or ']', but got ':'"


def test_lexicon_roles_section_must_be_a_mapping(lexicon_copy):
    path = lexicon_copy / "roles.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("posts:\n", "posts: burgemeester\nold_posts:\n", 1),
                    encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        lexicon_mod.roles()
    assert str(info.value) == "roles.yaml: section 'posts' must be a mapping of lemma -> options"


def test_lexicon_broken_copy_does_not_leak(lexicon_copy):
    """After the fixture the real lexicon is back (the caches were emptied)."""
    broken_frames(lexicon_copy, "frames: {}\n")
    # the fixture's teardown restores; checked by the next test that reads frames()


def test_lexicon_real_frames_after_broken_copies():
    assert any(f.id == "inform.informeren" for f in lexicon_mod.frames())
