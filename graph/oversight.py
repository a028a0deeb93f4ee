"""Which body oversees which agent, from ``graph/lexicon/nl/oversight.yaml`` (data, not code).

:func:`oversight_pairs` pairs, within one document, each body named as an overseer with each
agent whose role noun, label or alias is an office that body oversees. The build writes the
pairs as ``?body gg:oversees ?agent`` into that document's graph; limiting pairs to one
document keeps one town's council from overseeing another town's alderman.

Example::

    >>> rules = load_oversight()
    >>> any("burgemeester" in r.oversees for r in rules)
    True
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from graph.errors import LexiconError
from graph.lexicon.load import load_yaml

_ARTICLES = {"de", "het", "een", "'t"}


def norm(text: str) -> str:
    """Lower case, no accents or punctuation, no leading article: ``"De Raad"`` -> ``"raad"``."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^\w\s&-]", " ", s).split()
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class OversightRule:
    body: frozenset       # normalised names of the overseeing body
    oversees: frozenset   # normalised offices (role nouns) it oversees
    basis: str = ""


@functools.lru_cache(maxsize=None)
def load_oversight() -> tuple:
    """The rules of oversight.yaml. Raises LexiconError when an entry is malformed."""
    data = load_yaml("oversight")
    entries = data.get("oversight") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise LexiconError("oversight.yaml: needs a top-level list 'oversight:' of {body, oversees}")
    rules = []
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict) or not isinstance(e.get("body"), list) \
                or not isinstance(e.get("oversees"), list) or not e["body"] or not e["oversees"]:
            raise LexiconError(f"oversight.yaml: oversight[{n}] needs non-empty lists 'body' and "
                               f"'oversees', e.g. body: [gemeenteraad], oversees: [wethouder]")
        rules.append(OversightRule(frozenset(norm(x) for x in e["body"]),
                                   frozenset(norm(x) for x in e["oversees"]), str(e.get("basis", ""))))
    return tuple(rules)


def _names(entity) -> set:
    return {norm(entity.label)} | {norm(a) for a in entity.aliases}


def oversight_pairs(entities) -> list:
    """``[(body key, agent key)]`` among ``entities`` (the Entity objects of one document),
    sorted, without an agent overseeing itself."""
    rules = load_oversight()
    pairs = set()
    for body in entities:
        if body.etype not in ("Body", "Organization"):
            continue
        names = _names(body)
        for rule in rules:
            if not names & rule.body:
                continue
            for other in entities:
                if other.key == body.key:
                    continue
                offices = {norm(p) for p in other.posts}
                if other.etype in ("Body", "Role"):
                    offices |= _names(other)
                if offices & rule.oversees:
                    pairs.add((body.key, other.key))
    return sorted(pairs)
