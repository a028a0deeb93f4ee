"""Keep the gold of the invented Dutch corpora honest: the development sets (tests/corpus,
tests/corpus_dev2 to tests/corpus_dev8, and tests/corpus_heldout, held out in the first session
and tuned on since) and the held-out sets tests/corpus_heldout3 to tests/corpus_heldout6, which the
extraction is never tuned on.

Every gold file must load, use only the scorer's core event types and entity types, refer only to
declared entities (or "unknown"), quote triggers that occur verbatim in its document ("..." marks a
gap), give `when` values the scorer can parse and that begin no later than the publication, and
list only entity names that occur in the text, each name owned by one entity. Fed back as
predictions, the gold must score F1 1.0, per file and through the scorer's command line.
"""
import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

TESTS = Path(__file__).resolve().parent
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
CORE_TYPES = {
    "reportedTo", "informed", "notInformed", "agreedWith", "investigated",
    "commissioned", "confronted", "resigned", "knewOf", "didNotKnow",
}
ENTITY_TYPES = {"Person", "Organization", "Body", "Group", "Role"}
# Names from the seed documents that must not leak into the invented corpora.
FORBIDDEN = ["ivens", "halsema", "teesink", "amsterdam", "parool"]
# corpus directory -> (at least this many documents, at most this many words a document)
CORPORA = {"corpus": (12, 450), "corpus_dev2": (10, 400), "corpus_heldout": (8, 400),
           "corpus_dev3": (10, 900), "corpus_dev4": (10, 900), "corpus_heldout3": (10, 900),
           "corpus_dev5": (5, 900), "corpus_dev6": (5, 900),
           "corpus_heldout4": (5, 900), "corpus_heldout5": (5, 900),
           "corpus_dev7": (5, 900), "corpus_dev8": (5, 900), "corpus_heldout6": (5, 900)}
DOC_FILES = [p for name in CORPORA for p in sorted((TESTS / name).glob("*.txt"))]
GOLD_FILES = [p for name in CORPORA for p in sorted((TESTS / name).glob("*.yaml"))]


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.exists():
        pytest.skip(f"{SCORER} not present")
    spec = importlib.util.spec_from_file_location("govgraph_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def split_doc(path):
    """(front matter dict, body) of a corpus document."""
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    assert m, f"{path.name}: no YAML front matter block"
    return yaml.safe_load(m.group(1)), m.group(2)


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def occurs_in_order(trigger, text):
    """Does the trigger occur verbatim (whitespace-insensitively), with '...' as a gap?"""
    pos = 0
    for part in (squash(p) for p in trigger.split("...")):
        if not part:
            continue
        i = text.find(part, pos)
        if i < 0:
            return False
        pos = i + len(part)
    return True


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_is_complete(name):
    docs = sorted((TESTS / name).glob("*.txt"))
    assert len(docs) >= CORPORA[name][0]
    assert {p.stem for p in docs} == {p.stem for p in (TESTS / name).glob("*.yaml")}


@pytest.mark.parametrize("doc", DOC_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_document_front_matter_and_length(doc):
    meta, body = split_doc(doc)
    for key in ("title", "publisher", "published"):
        assert meta.get(key), f"{doc.name}: front matter lacks {key}"
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(meta["published"])), meta["published"]
    words = len(body.split())
    assert 150 <= words <= CORPORA[doc.parent.name][1], f"{doc.name}: {words} words"
    lowered = doc.read_text(encoding="utf-8").lower()
    for name in FORBIDDEN:
        assert name not in lowered, f"{doc.name} uses seed name {name!r}"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_file(gold_path, scorer):
    gold = load_gold(gold_path)
    assert gold["id"] == gold_path.stem, "the id must be the document's file name without .txt"
    doc = gold_path.with_suffix(".txt")
    meta, body = split_doc(doc)
    assert str(gold.get("published", meta["published"])) == str(meta["published"])
    full = doc.read_text(encoding="utf-8")
    body_flat, full_lower = squash(body), squash(full).lower()

    entities = gold["entities"]
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids)), "duplicate entity ids"
    owner = {}
    for e in entities:
        assert e["type"] in ENTITY_TYPES, f"{e['id']}: bad type {e['type']}"
        assert e.get("names"), f"{e['id']}: no names"
        for name in e["names"]:
            assert squash(str(name)).lower() in full_lower, f"{e['id']}: name {name!r} not in text"
            key = scorer.norm(name)
            assert owner.setdefault(key, e["id"]) == e["id"], \
                f"name {name!r} given to both {owner[key]} and {e['id']}"

    declared = set(ids)
    assert gold.get("events"), "no events"
    for ev in gold["events"]:
        where = f"{ev.get('type')} {ev.get('trigger')!r}"
        assert "doc" not in ev or ev["doc"] == gold["id"], where
        assert ev["type"] in scorer.CORE_TYPES and ev["type"] in CORE_TYPES, where
        for side in ("agent", "recipient"):
            value = ev.get(side)
            if value in (None, "unknown"):
                continue
            values = [value] if isinstance(value, str) else value
            assert values, f"{where}: empty {side}"
            for v in values:
                assert v in declared, f"{where}: {side} {v!r} is not a declared entity"
        assert ev.get("agent") not in (None, []), f"{where}: no agent (write unknown)"
        assert ev.get("trigger"), f"{where}: no trigger"
        assert occurs_in_order(ev["trigger"], body_flat), f"{where}: trigger not in text"
        when = ev.get("when")
        if when not in (None, "unknown"):
            first, last = scorer.interval(str(when))
            assert isinstance(first, dt.date) and first <= last, f"{where}: bad when {when!r}"
            published = scorer.interval(str(meta["published"]))
            assert first <= published[1], f"{where}: {when!r} begins after the publication date"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_round_trips_through_scorer(gold_path, scorer):
    """Predictions written from the gold itself (first name of each entity) must match every
    gold event: names resolve unambiguously and sides fit."""
    gold = load_gold(gold_path)
    names = {e["id"]: e["names"][0] for e in gold["entities"]}

    def side(value):
        if value in (None, "unknown"):
            return []
        return [{"id": v, "label": names[v], "aliases": []}
                for v in ([value] if isinstance(value, str) else value)]

    predicted = [{"type": ev["type"], "agents": side(ev.get("agent")),
                  "recipients": side(ev.get("recipient")),
                  "document": {"source": gold["id"] + ".txt"}} for ev in gold["events"]]
    index = scorer.GoldIndex(gold["entities"])
    matches, _, npred, ngold, _ = scorer.score_events(gold, predicted, index)
    assert len(matches) == npred == ngold == len(gold["events"])


@pytest.mark.parametrize("name", CORPORA)
def test_whole_corpus_scores_f1_one_through_the_command_line(name, tmp_path):
    """The scorer's own command line, given the gold of all files as predictions, reports F1 1.0."""
    if not SCORER.exists():
        pytest.skip(f"{SCORER} not present")
    gold_files = sorted((TESTS / name).glob("*.yaml"))
    events, entities = [], []
    for path in gold_files:
        gold = load_gold(path)
        names = {e["id"]: e["names"] for e in gold["entities"]}
        for e in gold["entities"]:
            entities.append({"id": f"{gold['id']}#{e['id']}", "type": e["type"], "label": e["names"][0],
                             "aliases": e["names"][1:], "documents": [gold["id"] + ".txt"]})
        for n, ev in enumerate(gold["events"]):
            def side(value):
                if value in (None, "unknown"):
                    return []
                return [{"id": v, "label": names[v][0], "aliases": names[v][1:]}
                        for v in ([value] if isinstance(value, str) else value)]
            events.append({"id": f"{gold['id']}#ev{n}", "type": ev["type"], "agents": side(ev.get("agent")),
                           "recipients": side(ev.get("recipient")), "time": None,
                           "document": {"id": gold["id"], "source": gold["id"] + ".txt"},
                           "quote": ev["trigger"], "confidence": 1.0})
    ev_path, ent_path = tmp_path / "events.jsonl", tmp_path / "entities.jsonl"
    ev_path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    ent_path.write_text("".join(json.dumps(e) + "\n" for e in entities), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SCORER), *map(str, gold_files), "--events", str(ev_path),
                          "--entities", str(ent_path), "--json", "--min-f1", "1.0"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    result = json.loads(out.stdout)
    assert result["events"]["f1"] == 1.0
    assert result["entities"]["recall"] == 1.0
