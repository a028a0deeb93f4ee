"""The real Frog, started once per session (see conftest.frog). Run with ``pytest -m frog``."""
from __future__ import annotations

import shutil
import socket
import stat
import time
from pathlib import Path

import pytest

from graph.errors import FrogError
from graph.nlp.frog import Frog

pytestmark = pytest.mark.frog

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def words(sentence):
    return {t.text: t for t in sentence.tokens}


def test_frog_lemmas(frog):
    text = "De gemeenteraad werd niet geïnformeerd over de signalen."
    (s,) = frog.parse(text)
    w = words(s)
    assert w["werd"].lemma == "worden"
    assert w["geïnformeerd"].lemma == "informeren"
    assert w["signalen"].lemma == "signaal"
    assert all(text[t.start:t.end] == t.text for t in s.tokens)


def test_frog_subject_deprel(frog):
    (s,) = frog.parse("Halsema informeerde de gemeenteraad.")
    w = words(s)
    assert w["Halsema"].rel == "su"
    assert s.token(w["Halsema"].head).lemma == "informeren"


def test_frog_multiword_name(frog):
    text = "Burgemeester Femke Halsema stelde de raad op de hoogte."
    (s,) = frog.parse(text)
    name = words(s)["Femke Halsema"]
    assert name.ner == "B-PER_I-PER"
    assert text[name.start:name.end] == "Femke Halsema"


def test_frog_heading_paragraph_stays_separate(frog):
    text = "Coach\nIvens moest de ambtelijke hiërarchie respecteren."
    sentences = frog.parse(text)
    assert [text[s.start:s.end] for s in sentences] == [
        "Coach", "Ivens moest de ambtelijke hiërarchie respecteren."]


def test_frog_long_sentence_is_capped_without_hanging(frog):
    parts = ["de burgemeester heeft de gemeenteraad niet geïnformeerd over de signalen,",
             "terwijl de wethouder in functie bleef,",
             "omdat vijf ambtenaren een melding hadden gedaan,"]
    words_ = "Volgens de stukken".split()
    n = 0
    while len(words_) < 150:
        words_ += parts[n % 3].split()
        n += 1
    text = " ".join(words_).rstrip(",") + "."
    t0 = time.monotonic()
    sentences = frog.parse(text)
    assert time.monotonic() - t0 < 60
    assert len(sentences) >= 3
    for s in sentences:
        assert len(s.tokens) <= 2 * frog.max_tokens
        assert all(0 <= t.head <= len(s.tokens) for t in s.tokens)
        assert any(t.rel not in ("ROOT", "") for t in s.tokens), "the parser ran"
    assert all(text[t.start:t.end] == t.text for s in sentences for t in s.tokens)


def test_frog_eot_line_and_tabs_keep_the_connection_in_sync(frog):
    text = "De wethouder schreef in een lange brief aan de raad, die werd vrijgegeven, dat\nEOT\nhij\tweg ging."
    sentences = frog.parse(text)
    assert [t.text for s in sentences for t in s.tokens][-3:] == ["weg", "ging", "."]
    (after,) = frog.parse("Daarna ging hij naar huis.")
    assert after.tokens[0].text == "Daarna"


def test_frog_live_matches_recorded(frog, recorded_frog):
    """The recordings in fixtures/frog are what this Frog says; re-record if this fails."""
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    raw = seed.read_text(encoding="utf-8")
    text = raw[raw.find("\n---\n", 3) + 5:]
    live = [(t.text, t.lemma, t.pos, t.head, t.rel, t.start) for s in frog.parse(text) for t in s.tokens]
    rec = [(t.text, t.lemma, t.pos, t.head, t.rel, t.start) for s in recorded_frog.parse(text) for t in s.tokens]
    assert live == rec


def test_frog_restarts_once_after_a_broken_connection(frog):
    pid = frog.pid
    restarts = frog.stats["restarts"]
    frog._sock.shutdown(socket.SHUT_RDWR)  # what a crashed server looks like to us
    (s,) = frog.parse("Hij ging naar huis.")
    assert [t.lemma for t in s.tokens][:2] == ["hij", "gaan"]
    assert frog.stats["restarts"] == restarts + 1
    assert frog.pid is not None and frog.pid != pid


def test_frog_missing_binary_raises_with_install_hint():
    with pytest.raises(FrogError, match=r"Frog is not installed.*sudo apt-get install frog frogdata"):
        with Frog(command="/nonexistent/frog") as f:
            f.parse("Hallo.")


def test_frog_missing_data_raises_with_install_hint(tmp_path):
    binary = shutil.which("frog")
    if binary is None:
        pytest.skip("Frog is not installed")
    wrapper = tmp_path / "frog-without-data"
    wrapper.write_text(f'#!/bin/sh\nexec {binary} -c /nonexistent/frog.cfg "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(FrogError, match=r"data is missing.*sudo apt-get install frog frogdata"):
        with Frog(command=str(wrapper), startup_timeout=60):
            pass


def test_frog_startup_timeout_raises(tmp_path):
    wrapper = tmp_path / "frog-that-sleeps"
    wrapper.write_text("#!/bin/sh\nexec sleep 30\n")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    t0 = time.monotonic()
    with pytest.raises(FrogError, match="did not start within 1 s"):
        with Frog(command=str(wrapper), startup_timeout=1):
            pass
    assert time.monotonic() - t0 < 15
