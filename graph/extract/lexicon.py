"""The Dutch lexicon as checked Python objects: role nouns and predicate frames.

Everything language-specific is in ``graph/lexicon/nl/*.yaml``; this module only loads,
validates (errors name file, entry and field) and indexes it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Optional

from graph.errors import LexiconError
from graph.lexicon.load import load_yaml
from graph.terms import EVENT_CLASSES

SLOTS = {"subject", "object", "indirect", "controller", "speaker", "matter-person",
         "laten-object", "subject-as-actor", "with-van", "about", "object-of"}
NEGATION_CHOICES = {"negative", "drop"} | set(EVENT_CLASSES)
FRAME_FIELDS = {"id", "type", "lemma", "pos", "particle", "particle_any", "with", "without", "prep", "after", "agent",
                "recipient_kind", "agent_kind",
                "recipient", "passive", "aux", "negated", "requires", "confidence", "examples",
                "polarity"}


def _as_list(v) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, (list, tuple)) else [v]


@dataclass(frozen=True)
class Frame:
    id: str
    types: tuple
    lemmas: frozenset
    pos: str = "verb"
    particle: Optional[str] = None
    particle_any: frozenset = frozenset()
    with_: frozenset = frozenset()
    without: frozenset = frozenset()
    after: frozenset = frozenset()
    recipient_kind: frozenset = frozenset()
    agent_kind: frozenset = frozenset()
    preps: frozenset = frozenset()
    agent: tuple = ()
    recipient: tuple = ()
    aux: str = "hebben"
    negated: str = "drop"
    requires: frozenset = frozenset()
    confidence: float = 0.7
    polarity: str = "positive"
    examples: tuple = field(default=(), compare=False)

    @property
    def specificity(self) -> int:
        return (2 * bool(self.particle) + len(self.with_ and [1]) * 2 + bool(self.preps) + bool(self.after)
                + bool(self.particle_any) + bool(self.agent_kind))


def _check_slots(values, fname, fid, where):
    for v in values:
        if v.startswith("pp:"):
            continue
        if v not in SLOTS:
            raise LexiconError(f"frames.yaml: frame {fid!r}, field {where!r}: unknown slot {v!r}; "
                               f"valid choices: {', '.join(sorted(SLOTS))}, pp:<preposition>")


@functools.lru_cache(maxsize=None)
def frames() -> tuple:
    data = load_yaml("frames")
    entries = data.get("frames") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise LexiconError("frames.yaml: expected a top-level 'frames:' list of frames")
    out, seen = [], set()
    for n, e in enumerate(entries, 1):
        fid = e.get("id") if isinstance(e, dict) else None
        if not fid:
            raise LexiconError(f"frames.yaml: frame number {n} has no 'id'; give every frame a unique id")
        if fid in seen:
            raise LexiconError(f"frames.yaml: frame {fid!r} is defined twice; ids must be unique")
        seen.add(fid)
        unknown = set(e) - FRAME_FIELDS
        if unknown:
            raise LexiconError(f"frames.yaml: frame {fid!r}: unknown field(s) {', '.join(sorted(unknown))}; "
                               f"valid fields: {', '.join(sorted(FRAME_FIELDS))}")
        types = tuple(_as_list(e.get("type")))
        if not types or any(t not in EVENT_CLASSES for t in types):
            raise LexiconError(f"frames.yaml: frame {fid!r}, field 'type': {e.get('type')!r} is not an "
                               f"event class; valid choices: {', '.join(EVENT_CLASSES)}")
        lemmas = _as_list(e.get("lemma"))
        if not lemmas:
            raise LexiconError(f"frames.yaml: frame {fid!r}: field 'lemma' is missing")
        negated = e.get("negated", "drop")
        if negated not in NEGATION_CHOICES:
            raise LexiconError(f"frames.yaml: frame {fid!r}, field 'negated': {negated!r}; valid "
                               f"choices: {', '.join(sorted(NEGATION_CHOICES))}")
        agent, recipient = tuple(_as_list(e.get("agent"))), tuple(_as_list(e.get("recipient")))
        _check_slots(agent, "frames.yaml", fid, "agent")
        _check_slots(recipient, "frames.yaml", fid, "recipient")
        conf = e.get("confidence", 0.7)
        if not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
            raise LexiconError(f"frames.yaml: frame {fid!r}, field 'confidence': {conf!r} must be a number from 0 to 1")
        pos = e.get("pos", "verb")
        if pos not in ("verb", "noun", "prep"):
            raise LexiconError(f"frames.yaml: frame {fid!r}, field 'pos': {pos!r}; valid choices: verb, noun, prep")
        out.append(Frame(
            id=fid, types=types, lemmas=frozenset(str(x).lower() for x in lemmas), pos=pos,
            particle=e.get("particle"), particle_any=frozenset(_as_list(e.get("particle_any"))),
            with_=frozenset(str(x).lower() for x in _as_list(e.get("with"))),
            without=frozenset(str(x).lower() for x in _as_list(e.get("without"))),
            after=frozenset(str(x).lower() for x in _as_list(e.get("after"))),
            recipient_kind=frozenset(_as_list(e.get("recipient_kind"))),
            agent_kind=frozenset(_as_list(e.get("agent_kind"))),
            preps=frozenset(_as_list(e.get("prep"))), agent=agent, recipient=recipient,
            aux=e.get("aux", "hebben"), negated=negated,
            requires=frozenset(_as_list(e.get("requires"))), confidence=float(conf),
            polarity=e.get("polarity", "positive"), examples=tuple(e.get("examples") or ())))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def frames_by_lemma() -> dict:
    index = {}
    for f in frames():
        for lemma in f.lemmas:
            index.setdefault(lemma, []).append(f)
    return index


@dataclass(frozen=True)
class RoleLexicon:
    posts: frozenset
    roles: frozenset
    bodies: dict           # lemma -> canonical label
    organisations: frozenset
    groups: frozenset
    self_reference: tuple
    numbers: dict
    actor_nouns: dict      # noun -> modifiers that make it an investigating actor
    speech_verbs: frozenset
    attribution_cues: dict
    negators: frozenset
    irrealis: frozenset
    prefixes: tuple
    negating_openers: frozenset = frozenset()
    negating_verbs: frozenset = frozenset()
    denial_verbs: frozenset = frozenset()
    matter_nouns: frozenset = frozenset()
    post_suffixes: tuple = ()
    body_suffixes: tuple = ()
    org_suffixes: tuple = ()
    relation_nouns: frozenset = frozenset()
    verb_forms: dict = field(default_factory=dict)
    time_anaphors: frozenset = frozenset()
    future_auxiliaries: frozenset = frozenset()
    firm_words: frozenset = frozenset()
    closing_formulas: tuple = ()
    zijn_verbs: frozenset = frozenset()
    first_names: frozenset = frozenset()
    person_titles: frozenset = frozenset()
    contrastive: frozenset = frozenset()
    supervisors: tuple = ()
    investigators: frozenset = frozenset()
    investigating_heads: tuple = ()
    quantifiers: frozenset = frozenset()
    question_openers: frozenset = frozenset()
    person_suffixes: tuple = ()
    other_holder: frozenset = frozenset()
    collectives: frozenset = frozenset()
    abbreviation_skip: frozenset = frozenset()

    def kind(self, lemma: str) -> Optional[str]:
        """The agent kind a noun lemma names: post | role | body | org | None."""
        lemma = lemma.lower()
        for prefix in self.prefixes:
            if lemma.startswith(prefix) and len(lemma) > len(prefix) + 3:
                lemma = lemma[len(prefix):]
        if lemma in self.roles:
            return "role"
        if lemma in self.posts:
            return "post"
        for suffix in self.body_suffixes:
            if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2 and lemma not in self.organisations:
                return "body"
        for suffix in self.org_suffixes:
            if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
                return "org"
        for suffix in self.post_suffixes:
            if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2 and lemma.replace("-", "") not in self.organisations:
                return "post"
        if lemma in self.bodies:
            return "body"
        if lemma in self.organisations:
            return "org"
        return None

    def is_supervisor(self, names) -> bool:
        """Whether an organisation named so is a supervisor or auditor: a name word ends in one."""
        return any(w.endswith(sup) for n in names for w in n.lower().replace("-", " ").split()
                   for sup in self.supervisors)

    def is_time_word(self, word: str) -> bool:
        return word.lower().rstrip(".") in _time_words()

    def is_group_noun(self, lemma: str) -> bool:
        lemma = self.strip_prefix(lemma)
        return lemma in self.groups or any(lemma.endswith(g) and len(g) > 3 for g in self.groups)

    def is_person_noun(self, lemma: str) -> bool:
        """A noun for people by its ending ("roeier", "bewoner", "activist", "stagiair"), used
        where a numeral counts them."""
        lemma = lemma.lower()
        return any(lemma.endswith(x) and len(lemma) > len(x) + 2 for x in self.person_suffixes)

    def is_matter_noun(self, lemma: str) -> bool:
        lemma = lemma.lower()
        return any(lemma == n or lemma.endswith(n) for n in self.matter_nouns)

    def strip_prefix(self, lemma: str) -> str:
        lemma = lemma.lower()
        for prefix in self.prefixes:
            if lemma.startswith(prefix) and len(lemma) > len(prefix) + 3:
                return lemma[len(prefix):]
        return lemma


@functools.lru_cache(maxsize=None)
def _time_words() -> frozenset:
    """Month, weekday and season words from time.yaml (Frog's NER sometimes takes them for names)."""
    words = set()

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("forms",):
                    for w in (v if isinstance(v, list) else [v]):
                        if isinstance(w, str):
                            words.add(w.lower().rstrip("."))
                else:
                    walk(v)
        elif isinstance(node, list):
            for x in node:
                walk(x)
    try:
        walk(load_yaml("time"))
    except LexiconError:
        pass
    return frozenset(words)


@functools.lru_cache(maxsize=None)
def roles() -> RoleLexicon:
    data = load_yaml("roles")
    disc = load_yaml("discourse")

    def keys(section):
        value = data.get(section)
        if not isinstance(value, dict):
            raise LexiconError(f"roles.yaml: section {section!r} must be a mapping of lemma -> options")
        return value

    bodies = {k.lower(): (v or {}).get("canonical", k).lower() for k, v in keys("bodies").items()}
    numbers = {str(k).lower(): int(v) for k, v in (disc.get("numbers") or {}).items()}
    attribution = disc.get("attribution") or {}
    return RoleLexicon(
        posts=frozenset(k.lower() for k in keys("posts")),
        roles=frozenset(k.lower() for k in keys("roles")),
        bodies=bodies,
        organisations=frozenset(k.lower() for k in keys("organisations")),
        groups=frozenset(k.lower() for k in keys("groups")),
        self_reference=tuple(s.lower() for s in data.get("self_reference") or ()),
        numbers=numbers,
        actor_nouns={k.lower(): frozenset(v) for k, v in (data.get("actor_nouns") or {}).items()},
        speech_verbs=frozenset(attribution.get("speech_verbs") or ()),
        attribution_cues={k: frozenset(v) for k, v in (attribution.get("cues") or {}).items()},
        negators=frozenset(disc.get("negators") or ()),
        negating_openers=frozenset(disc.get("negating_openers") or ()),
        negating_verbs=frozenset(disc.get("negating_verbs") or ()),
        denial_verbs=frozenset(disc.get("denial_verbs") or ()),
        irrealis=frozenset(disc.get("irrealis") or ()),
        prefixes=tuple(data.get("prefixes") or ()),
        firm_words=frozenset(str(w).lower() for w in data.get("firm_words") or ()),
        closing_formulas=tuple(str(w).lower() for w in disc.get("closing_formulas") or ()),
        zijn_verbs=frozenset(str(w).lower() for w in disc.get("zijn_verbs") or ()),
        first_names=frozenset(str(n).lower() for key in ("female", "male") for n in load_yaml("names").get(key) or ()),
        abbreviation_skip=frozenset(str(w).lower() for w in data.get("abbreviation_skip") or ()),
        collectives=frozenset(str(w).lower() for w in data.get("collectives") or ()),
        contrastive=frozenset(str(w).lower() for w in data.get("contrastive_modifiers") or ()),
        supervisors=tuple(str(w).lower() for w in data.get("supervisors") or ()),
        investigators=frozenset(data.get("investigators") or ()),
        investigating_heads=tuple(data.get("investigating_heads") or ()),
        quantifiers=frozenset(str(w).lower() for w in disc.get("quantifiers") or ()),
        question_openers=frozenset(str(w).lower() for w in disc.get("question_openers") or ()),
        person_suffixes=tuple(str(w).lower() for w in data.get("person_suffixes") or ()),
        other_holder=frozenset(str(w).lower() for w in data.get("other_holder_modifiers") or ()),
        person_titles=frozenset(str(n).lower() for key in ("female_titles", "male_titles", "academic_titles")
                                for n in load_yaml("names").get(key) or ()),
        matter_nouns=frozenset(disc.get("matter_nouns") or ()),
        post_suffixes=tuple(data.get("post_suffixes") or ()),
        body_suffixes=tuple(data.get("body_suffixes") or ()),
        org_suffixes=tuple(data.get("org_suffixes") or ()),
        relation_nouns=frozenset(disc.get("relation_nouns") or ()),
        verb_forms={str(k).lower(): str(v).lower() for k, v in (disc.get("verb_forms") or {}).items()},
        time_anaphors=frozenset(str(w).lower() for w in disc.get("time_anaphors") or ()),
        future_auxiliaries=frozenset(str(w).lower() for w in disc.get("future_auxiliaries") or ()),
    )


@functools.lru_cache(maxsize=None)
def tussenvoegsels() -> frozenset:
    """Words that begin a surname (names.yaml): "van", "de", "el", "oude", ..."""
    return frozenset(str(w).lower() for w in load_yaml("names").get("tussenvoegsels") or ())
