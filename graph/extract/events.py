"""Events from parsed sentences: predicate frames (lexicon data) x dependency parse x word order.

For every token that a frame names as trigger, the frame's conditions (particle, companion
noun, preposition) are checked in the trigger's clause; roles are filled from the slots the
frame lists, each slot read from Frog's dependency labels and checked against Dutch word
order (Frog mislabels subjects and objects now and then); passives swap the roles; negation,
non-factual mood, time, attribution and evidence are attached. Nothing is asserted without
the exact words it was read from.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Optional

from graph.extract.entities import DocContext, last_named
from graph.extract.lexicon import Frame, frames_by_lemma, roles
from graph.extract.mentions import DEMONSTRATIVE, NOMINATIVE, OBLIQUE
from graph.extract.timex import TimeContext, nearest_time, time_lexicon
from graph.model import Event, Sentence, TimeValue, Token

CLAUSE_PUNCT = {",", ";", ":", "-", "–", "—"}
SUBORDINATORS = {"dat", "omdat", "nadat", "voordat", "zodat", "waardoor", "terwijl", "hoewel", "als",
                 "toen", "wanneer", "indien", "doordat", "zodra", "totdat", "tot", "die", "wat", "waar",
                 "waarin", "waarop", "waarmee", "welke", "om", "door"}
NP_FILLERS = {"LID", "ADJ", "TW"}
TITLES = {"heer", "mevrouw", "dhr.", "mevr.", "dr.", "mr.", "drs.", "prof.", "ir."}
NOUN_PREPS = {"van", "uit", "namens"}
SINCE_WORDS = ("sinds", "vanaf", "al sinds", "al vanaf")
INFINITIVE_OPENERS = {"om", "door", "zonder", "te"}
RELATIVE_ADVERBS = {"waardoor", "waarna", "waarmee", "waarop", "waarbij", "waarin", "waarover", "waaruit"}


@dataclass
class Clause:
    first: int
    last: int
    subordinate: bool = False
    opener: str = ""           # the word that opened it: "en", "om", "nadat", "die", ...
    parent: Optional["Clause"] = None   # the clause a relative clause interrupted

    def __contains__(self, i: int) -> bool:
        return self.first <= i <= self.last


def _te_follows(toks, i: int) -> bool:
    """An infinitive with 'te' follows preposition i ("om de raad, die ..., niet te informeren")."""
    for n, x in enumerate(toks[i:i + 25]):
        nxt = toks[i + n + 1] if i + n + 1 < len(toks) else None
        if x.text.lower() == "te" and x.tag == "VZ" and nxt is not None and "inf" in nxt.pos:
            return True
        if x.lemma in ("om", ".") or (x.tag == "WW" and "pv" in x.pos and x.i > i + 1 and
                                      not any(y.text == "," for y in toks[i:x.i - 1])):
            return False
    return False


def _apposition_ahead(s: Sentence, comma: int, mention_tokens: set) -> bool:
    """Is what follows this comma up to the next comma one name or post (an apposition)?"""
    j = comma + 1
    seen = False
    while j <= len(s.tokens):
        t = s.token(j)
        if t.text == ",":
            return seen
        if j in mention_tokens:
            seen = True
        elif t.tag not in ("LID", "ADJ") and not (t.tag == "SPEC" and t.text[:1].isupper()) \
                and t.lemma.lower() not in TITLES:
            return False
        j += 1
    return False


def _apposition_behind(s: Sentence, comma: int, mention_tokens: set) -> bool:
    j = comma - 1
    seen = False
    while j >= 1:
        t = s.token(j)
        if t.text == ",":
            return seen and _apposition_ahead(s, j, mention_tokens)
        if j in mention_tokens:
            seen = True
        elif t.tag not in ("LID", "ADJ") and not (t.tag == "SPEC" and t.text[:1].isupper()) \
                and t.lemma.lower() not in TITLES:
            return False
        j -= 1
    return False


def _finite_before(s: Sentence, i: int) -> bool:
    """Is there a finite verb between the last punctuation before token i and i?"""
    j = i - 1
    while j >= 1 and s.token(j).text not in CLAUSE_PUNCT:
        t = s.token(j)
        if t.tag == "WW" and "pv" in t.pos:
            return True
        if t.tag == "VG" and "onder" in t.pos:
            return False
        j -= 1
    return False


def _finite_after(s: Sentence, i: int) -> bool:
    """Is there a finite verb after token i before the next punctuation?"""
    j = i + 1
    while s.token(j) is not None and s.token(j).text not in CLAUSE_PUNCT | {".", "?", "!"}:
        if s.token(j).tag == "WW" and "pv" in s.token(j).pos:
            return True
        j += 1
    return False


def _verbless_insertions(s: Sentence, mention_tokens: set = frozenset()) -> set:
    """Commas around a stretch without a verb or a clause word, that sits inside a clause:
    "bracht in september, met toestemming van de twee vrouwen, de secretaris op de hoogte", or
    that follows the subject the clause begins with: "Jan Smit, voorzitter en oprichter van de
    club, is afgetreden". Returns the indices of both commas of each such stretch."""
    commas = [t.i for t in s.tokens if t.text == ","]
    out = set()
    for a, b in zip(commas, commas[1:]):
        inside = [s.token(k) for k in range(a + 1, b)]
        if not inside or len(inside) > 12:
            continue
        if any((t.tag == "WW" and ("pv" in t.pos or "inf" in t.pos or "vd" in t.pos))
               or (t.tag == "VG" and t.lemma not in ("en", "of"))
               or (t.tag == "VNW" and "betr" in t.pos) or t.text in CLAUSE_PUNCT or t.text in ('"', "“", "”")
               for t in inside):
            continue
        if inside[0].tag == "VG":
            continue
        before = [t for t in s.tokens if t.i < a]
        after = s.token(b + 1)
        if not any(t.tag == "WW" and "pv" in t.pos for t in before):
            # the stretch opens the sentence: "Volgens X, ..." is not inside a clause, but an
            # apposition to the subject before the finite verb is
            opening = [t for t in before if t.i > max([x.i for x in before if x.text in CLAUSE_PUNCT] or [0])]
            if not (opening and any(t.i in mention_tokens for t in opening)
                    and all(t.i in mention_tokens or t.tag == "LID" for t in opening)
                    and after is not None and after.tag == "WW" and "pv" in after.pos):
                continue
        out.update({a, b})
    return out


def clauses(s: Sentence, mention_tokens: set) -> list:
    """Split a sentence into clauses at punctuation, subordinators, 'om/door ... te' infinitives,
    relative words and clause-coordinating 'en'. A clause that resumes after an interrupting
    relative clause ("de raad, die ..., niet te informeren") keeps the clause before it as parent."""
    toks = s.tokens
    verbless = _verbless_insertions(s, mention_tokens)
    cuts = []   # (index of first token of new clause, opener, subordinate, skip_token)
    for t in toks:
        low = t.lemma.lower()
        if t.text in CLAUSE_PUNCT:
            prev, nxt = s.token(t.i - 1), s.token(t.i + 1)
            in_list = t.text == "," and prev is not None and nxt is not None and \
                prev.i in mention_tokens and nxt.i in mention_tokens
            # an apposition between commas: "bij de gemeentesecretaris, Jan de Vries, kwamen ..."
            apposition = t.text == "," and _apposition_ahead(s, t.i, mention_tokens)
            closing = t.text == "," and _apposition_behind(s, t.i, mention_tokens)
            inserted = t.text == "," and t.i in verbless
            if not (in_list or apposition or closing or inserted):
                cuts.append((t.i + 1, t.text, False))
        elif t.tag == "VG" and "onder" in t.pos:
            if low == "toen" and _finite_before(s, t.i):
                continue    # "maakten ... toen afspraken": the adverb 'then', not 'when'
            if low == "dat" and not _finite_after(s, t.i):
                continue    # "Zij meldde dat in januari bij de decaan": the pronoun 'that'
            cuts.append((t.i, low, True))
        elif t.tag == "VNW" and ("betr" in t.pos or (low in ("die", "dat", "wie") and "pron" in t.pos and
                                                     s.token(t.i - 1) is not None and s.token(t.i - 1).text == ",")):
            cuts.append((t.i, "rel", True))
        elif t.tag == "BW" and low in RELATIVE_ADVERBS:
            cuts.append((t.i, "rel", True))
        elif low in ("hoe", "waarom", "wanneer") and t.tag == "BW" and t.i > 1:
            cuts.append((t.i, "vraag", True))   # an embedded question: "onderzoeken hoe ..."
        elif t.tag == "VZ" and low in ("om", "door", "zonder") and _te_follows(toks, t.i):
            cuts.append((t.i, low, True))
        elif low in ("en", "maar", "of") and t.tag == "VG":
            nxt, nxt2 = s.token(t.i + 1), s.token(t.i + 2)
            if (nxt is not None and nxt.tag == "WW" and "pv" in nxt.pos) or \
                    (nxt is not None and nxt.lemma in ("er", "daar", "dan", "toen") and nxt2 is not None and nxt2.tag == "WW"):
                cuts.append((t.i, "en", False))
    out, start, opener, sub = [], 1, "", False
    for at, op, is_sub in cuts:
        if at > start:
            out.append(Clause(start, at - 1, sub, opener))
        start, opener, sub = at, op, is_sub
        if op in CLAUSE_PUNCT:
            opener, sub = ",", False
    if start <= len(toks):
        out.append(Clause(start, len(toks), sub, opener))
    out = [c for c in out if c.first <= c.last] or [Clause(1, len(toks))]
    # a clause after "..., die ... ," continues the clause before the relative clause
    for i in range(2, len(out)):
        if out[i - 1].opener == "rel" and out[i].opener == ",":
            out[i].parent = out[i - 2]
            out[i].opener = out[i - 2].opener
            out[i].subordinate = out[i - 2].subordinate
    return out


@dataclass
class Found:
    keys: list
    how: str = "parse"        # parse | order | fallback


class SentenceView:
    """A sentence with its mentions and clauses, and the role-slot readers."""

    def __init__(self, ctx: DocContext, s: Sentence):
        self.ctx, self.s = ctx, s
        self.lex = roles()
        self.commissioned = None   # recipients of a commissioning read from this sentence
        self.mentions = [m for m in ctx.mentions.get(s.index, []) if m.entity]
        self.by_token = {}
        for m in self.mentions:
            for i in range(m.first, m.last + 1):
                self.by_token[i] = m
        self.clauses = clauses(s, set(self.by_token))

    def clause_at(self, offset: int) -> Clause:
        """The clause holding character offset ``offset``."""
        for t in self.s.tokens:
            if t.start <= offset < t.end or t.start >= offset:
                return self.clause_of(t.i)
        return self.clauses[-1]

    def clause_of(self, i: int) -> Clause:
        for c in self.clauses:
            if i in c:
                return c
        return self.clauses[-1]

    # -- helpers ----------------------------------------------------------------
    def in_pp(self, m) -> Optional[Token]:
        """The preposition that governs mention m, if any (skipping articles and adjectives)."""
        return self._governing_prep(m.first)

    def _governing_prep(self, first: int) -> Optional[Token]:
        """The preposition before the noun phrase that begins at token ``first``, if any."""
        j = first - 1
        while j >= 1 and (self.s.token(j).tag in NP_FILLERS | {"VNW"} or
                          self.s.token(j).lemma.lower() in self.lex.person_titles or
                          self._name_modifier(j, first)) and \
                not (self.s.token(j).tag == "VNW" and j in self.by_token):
            if self.s.token(j).tag == "VNW" and not any(k in self.s.token(j).pos for k in ("bez", "aanw", "onbep")):
                break
            j -= 1
        t = self.s.token(j)
        q = self.s.token(j - 1)
        if t is not None and t.lemma == "van" and q is not None and \
                (q.lemma.lower() in self.lex.quantifiers or q.tag == "TW") and self.s.token(j - 2) is not None \
                and self.s.token(j - 2).tag == "VZ":
            t = self.s.token(j - 2)   # "met elk van de drie roeiers": the preposition before the quantifier
        if t is not None and t.tag == "VZ" and t.i not in self.by_token and not self.verb_particle(t):
            c = self.clause_of(t.i)
            if c.first == t.i and c.opener in INFINITIVE_OPENERS:
                return None   # "om/door ... te": a complementizer, not a preposition
            return t
        return None

    def subject_of_governing_verb(self, key: str, clause: Clause, trig: Token) -> bool:
        """Is the entity the subject of the full verb that governs the trigger in its clause
        ("gaf de burgemeester het bureau opdracht de klachten te onderzoeken")?"""
        fin = self.finite(clause)
        if fin is None or fin.i == trig.i or fin.lemma in ("hebben", "zijn", "worden") or fin.lemma in self.lex.irrealis:
            return False   # the trigger itself, or its auxiliary or modal
        found = self._subject(fin, clause)
        return bool(found and key in found.keys)

    def verb_particle(self, t: Token) -> bool:
        """Is the preposition t the particle of the verb before it ("liet na de raad te informeren":
        nalaten), which Frog parsed as a preposition?"""
        prev = self.s.token(t.i - 1)
        return prev is not None and prev.tag == "WW" and (t.lemma.lower() + prev.lemma.lower()) in self.lex.negating_verbs

    def _name_modifier(self, j: int, first: int) -> bool:
        """Is token j a name that modifies the name at ``first`` ("met Lindeveld-directeur Karin
        Smit", where Frog glued the two and the tokens split them again)?"""
        t = self.s.token(j)
        if t.tag == "SPEC" and j == first - 1 and j not in self.by_token and " " not in t.text \
                and t.text.endswith("s") and t.text[:1].isupper():
            return True   # a genitive: "door Jansens voorganger Ans Pelgrim"
        return t.tag == "SPEC" and t.rel == "mod" and t.head == first and j not in self.by_token \
            and t.text[:1].isupper() and not self.lex.is_time_word(t.lemma)

    def coordinated(self, m) -> list:
        """m and the mentions joined to it by 'en', ',' or 'samen met' (before or after it)."""
        out = self._coordinated_forward(m)
        j = m.first - 1
        while j >= 1:
            t = self.s.token(j)
            prev_tok = self.s.token(j - 1)
            if t.lemma.lower() in ("en", "of") and t.tag == "VG" and prev_tok is not None and (j - 1) in self.by_token:
                before = self.by_token[j - 1]
                if before in out:
                    break
                out.insert(0, before)
                j = before.first - 1
                continue
            break
        return out

    def _coordinated_forward(self, m) -> list:
        out = [m]
        cur = m
        while True:
            nxt = None
            j = cur.last + 1
            gap = []
            while j <= len(self.s.tokens) and j not in self.by_token and len(gap) < 3:
                gap.append(self.s.token(j))
                j += 1
            if j in self.by_token and gap:
                words = " ".join(t.lemma.lower() for t in gap if t.tag not in ("LID",))
                if words in ("en", "of", "samen met", "en ook", ", en"):
                    nxt = self.by_token[j]
                elif words == "," and self._list_goes_on(j):
                    nxt = self.by_token[j]
            if nxt is None or nxt in out:
                break
            out.append(nxt)
            cur = nxt
        return out

    def _list_goes_on(self, j: int) -> bool:
        """'A, B en C': after a comma the list goes on to 'en'/'of' through mentions only."""
        k = j
        while k <= len(self.s.tokens):
            t = self.s.token(k)
            if t.lemma.lower() in ("en", "of") and t.tag == "VG":
                return True
            if k not in self.by_token and t.text != "," and t.tag != "LID":
                return False
            k += 1
        return False

    def verb_chain(self, trig: Token) -> list:
        """The trigger and the verbs above it through vc/body links (auxiliaries, modals)."""
        chain, cur, seen = [trig], trig, {trig.i}
        while cur.head and cur.rel in ("vc", "body") and cur.head not in seen:
            cur = self.s.token(cur.head)
            if cur is None:
                break
            seen.add(cur.i)
            chain.append(cur)
            if cur.tag != "WW" and cur.tag != "VG":
                break
        clause = self.clause_of(trig.i)
        for t in self.s.tokens:
            if t.i in clause and t.tag == "WW" and t.i not in seen and t.lemma in ("hebben", "zijn", "worden", "zullen",
                                                                                   "kunnen", "moeten", "willen", "laten"):
                chain.append(t)
                seen.add(t.i)
        return chain

    def finite(self, clause: Clause) -> Optional[Token]:
        for t in self.s.tokens:
            if t.i in clause and t.tag == "WW" and "pv" in t.pos and t.i not in self.by_token:
                return t   # not a name Frog took for a verb ("Mirte de Groot deed ...")
        return None

    def np_mentions(self, clause: Clause, exclude=()) -> list:
        return [m for m in self.mentions if m.first in clause and self.in_pp(m) is None and m not in exclude
                and not self.parenthesised(m)]

    def parenthesised(self, m) -> bool:
        """"het lid Vermeulen (PvdD)": a mention in parentheses belongs to the one before it."""
        before, after = self.s.token(m.first - 1), self.s.token(m.last + 1)
        return before is not None and before.text == "(" and after is not None and after.text == ")"

    # -- slots ------------------------------------------------------------------
    def subject(self, trig: Token, clause: Clause) -> Optional[Found]:
        if clause.opener in ("zonder", "door"):
            # "nam ontslag zonder de raad in te lichten": the one who acts in the main clause before
            # (not in a "dat"-clause between: "maakten het mogelijk dat X bleef door ... te ...")
            idx = self.clauses.index(clause) if clause in self.clauses else 0
            for c in reversed(self.clauses[:idx]):
                if c.opener in INFINITIVE_OPENERS or c.opener == "rel" or c.subordinate:
                    continue
                fin = self.finite(c)
                return self._subject(fin, c) if fin is not None else None
            return None
        if clause.opener in INFINITIVE_OPENERS:
            return None
        found = self._subject(trig, clause)
        if found:
            for m in self.mentions:
                if m.first in clause and self._after_samen_met(m) and m.entity not in found.keys:
                    found.keys.extend(self._keys([m]))
        return found

    def _after_samen_met(self, m) -> bool:
        p = self.in_pp(m)
        before = self.s.token(p.i - 1) if p is not None else None
        return p is not None and p.lemma == "met" and before is not None and before.lemma == "samen"

    def _subject(self, trig: Token, clause: Clause) -> Optional[Found]:
        by_parse = None
        for v in self.verb_chain(trig):
            for t in self.s.children(v.i):
                if t.rel == "su" and t.i in self.by_token:
                    by_parse = self.by_token[t.i]
                    break
            if by_parse:
                break
        by_order = None
        quantified = self._quantified_subject(clause)
        if quantified is not None:
            return Found(self._keys([quantified]), "order")
        cands = [m for m in self.np_mentions(clause) if m.pronoun not in OBLIQUE and (m.kind != "indefinite-role" or m.entity)]
        # case decides: a nominative pronoun is the subject wherever it stands
        nominative = [m for m in cands if m.pronoun in NOMINATIVE]
        if nominative:
            return Found(self._keys(self.coordinated(nominative[0])), "order")
        # W: a nominative pronoun we could not resolve still is the subject: no other NP is
        for t in self.s.tokens:
            if t.i in clause and t.tag == "VNW" and t.text.lower() in NOMINATIVE and "nomin" in t.pos \
                    and t.i not in self.by_token:
                # "Veenstra en ik": the named one still is (part of) the subject
                en, before = self.s.token(t.i - 1), self.s.token(t.i - 2)
                if en is not None and en.lemma == "en" and before is not None and before.i in self.by_token:
                    return Found(self._keys(self.coordinated(self.by_token[before.i])), "order")
                return None
        first = self.s.token(clause.first)
        second = self.s.token(clause.first + 1)
        if clause.opener == "en" and first is not None and (
                (first.tag == "WW" and "pv" in first.pos) or
                (first.lemma.lower() in ("en", "maar") and second is not None and second.tag == "WW" and "pv" in second.pos)):
            return None   # A: "... en bracht de staatssecretaris op de hoogte": the subject is left out
        fin = self.finite(clause)
        if clause.opener == "," and fin is not None and fin.i == clause.first and not cands:
            # "Wendelien Roozendaal, directeur van de omroep, stapt op": the subject stands before
            # the apposition, which Frog's commas cut off as clauses without a verb
            idx = self.clauses.index(clause)
            for prev in reversed(self.clauses[:idx]):
                if any(t.tag == "WW" for t in self.s.tokens if t.i in prev):
                    break
                first = next((m for m in self.np_mentions(prev) if m.pronoun not in OBLIQUE), None)
                if first is not None and prev.first == self.clauses[0].first:
                    return Found(self._keys([first]), "order")
        if clause.parent is not None and fin is not None and fin.i == clause.first:
            # "Brink, die ... verving, wist van niets": the subject stands before the relative clause
            before = [m for m in self.np_mentions(clause.parent) if m.pronoun not in OBLIQUE]
            if before:
                if by_parse is not None and by_parse in before:
                    return Found(self._keys(self.coordinated(by_parse)), "parse")
                return Found(self._keys(self.coordinated(before[-1])), "order")
        if cands:
            if clause.subordinate or fin is None:
                by_order = cands[0]
            else:
                pre = [m for m in cands if m.last < fin.i]
                by_order = pre[0] if pre else next((m for m in cands if m.first > fin.i), None)
        if by_parse is not None and by_parse.first in clause and by_parse.pronoun not in OBLIQUE \
                and (by_order is None or by_order is by_parse):
            return Found(self._keys(self.coordinated(by_parse)), "parse")
        if by_order is not None:
            return Found(self._keys(self.coordinated(by_order)), "order")
        if clause.opener == "rel":
            ante = self.antecedent(clause)
            if ante is not None:
                return Found(self._keys([ante]), "order")
        first = self.s.token(clause.first)
        if first is not None and first.lemma.lower() in DEMONSTRATIVE and first.tag == "VNW" and "pron" in first.pos:
            key = last_named(self.ctx, self.s)
            if key:
                return Found([key], "fallback")
        return None

    def _quantified_subject(self, clause: Clause):
        """"Niemand in het bestuur wist ervan", "geen van de raadsleden", "ieder lid van de raad":
        the people a quantifier subject ranges over, named in the phrase after it."""
        fin = self.finite(clause)
        for t in self.s.tokens:
            before = self.s.token(t.i - 1)
            if t.i not in clause or t.lemma.lower() not in self.lex.quantifiers or \
                    (before is not None and before.tag == "VZ") or (fin is not None and t.i > fin.i + 1 and t.rel != "su"):
                continue   # not "met niemand van de raad", not an object further on
            p = self.s.token(t.i + 1)
            if p is not None and p.tag == "VZ" and p.lemma.lower() in ("in", "bij", "van", "binnen", "uit"):
                m = next((m for m in self.mentions if p.i < m.first <= p.i + 3), None)
                if m is not None:
                    return m
        return None

    def antecedent(self, clause: Clause):
        """The mention a relative clause hangs on: the one right before 'die/dat/wie' (a comma between)."""
        idx = self.clauses.index(clause)
        if idx == 0:
            return None
        prev = self.clauses[idx - 1]
        ms = [m for m in self.mentions if m.first in prev]
        return ms[-1] if ms else None

    def object(self, trig: Token, clause: Clause, subj: Optional[Found], skip=()) -> Optional[Found]:
        skip_keys = set(subj.keys) if subj else set()
        for v in self.verb_chain(trig):
            for t in self.s.children(v.i):
                if t.rel == "obj1" and t.i in self.by_token and self.by_token[t.i].entity not in skip_keys:
                    m = self.by_token[t.i]
                    if m.first in clause and self.in_pp(m) is None and not self.parenthesised(m):
                        return Found(self._keys(self.coordinated(m)), "parse")
        for c in [clause] + ([clause.parent] if clause.parent else []):
            for m in self.np_mentions(c):
                if m.entity in skip_keys or m.pronoun in NOMINATIVE or m in skip:
                    continue
                if m.kind == "indefinite-role" and not m.entity:
                    continue
                return Found(self._keys(self.coordinated(m)), "order")
        return None

    def indirect(self, trig: Token, clause: Clause, subj: Optional[Found]) -> Optional[Found]:
        skip_keys = set(subj.keys) if subj else set()
        for v in self.verb_chain(trig):
            for t in self.s.children(v.i):
                if t.rel == "obj2" and t.i in self.by_token:
                    return Found(self._keys(self.coordinated(self.by_token[t.i])), "parse")
        for m in self.np_mentions(clause):
            if m.pronoun in OBLIQUE and m.entity not in skip_keys:
                return Found([m.entity], "order")
        return self.object(trig, clause, subj)

    def noun_attached(self, p: Token, keep: set) -> bool:
        """Does the preposition p belong to the noun before it ("gedrag van X", "de persoon van
        de gemeente") rather than to the verb?"""
        prev = self.s.token(p.i - 1)
        if prev is None or prev.i in keep:
            return False
        head = self.s.token(p.head)
        if head is not None and head.tag == "WW":
            return False
        if prev.i in self.by_token:
            # after an agent, "van X" belongs to it; "bij/aan/met X" to the verb
            return self.by_token[prev.i].kind != "pronoun" and p.lemma.lower() in NOUN_PREPS
        if prev.tag != "N":
            return False
        if prev.lemma.lower() in self.lex.relation_nouns:
            return True
        return self.lex.is_matter_noun(prev.lemma) and p.lemma.lower() in ("van", "over", "tegen", "rond", "omtrent")

    def pp(self, prep: str, clause: Clause, trig: Token, noun: bool = False, keep: set = frozenset()) -> Optional[Found]:
        window = clause if not noun else Clause(trig.i + 1, min(len(self.s.tokens), trig.i + 8))
        for m in self.mentions:
            if m.first not in window and not (noun and m.first in clause):
                continue
            p = self.in_pp(m)
            # "legde verantwoording af aan de raad": Frog joins particle and preposition ("af_aan")
            if p is not None and (p.lemma.lower() == prep or (p.pos.startswith("VZ(fin)_") and
                                                            p.lemma.lower().split("_")[-1] == prep)) \
                    and (p.i in window or p.i in clause):
                if noun and p.i < trig.i:
                    continue
                if self.noun_attached(p, keep | {trig.i}) or self._after_samen_met(m):
                    continue
                return Found(self._keys(self.coordinated(m)), "parse" if self.s.token(m.last).head == p.i else "order")
        return None

    def controller(self, clause: Clause, trig: Token) -> Optional[Found]:
        """For an infinitive ('om ... te', 'door ... te'): the subject of the clause it depends on."""
        if self.commissioned:
            return Found(list(self.commissioned), "fallback")
        idx = self.clauses.index(clause)
        before = list(reversed(self.clauses[:idx]))
        for c in before:
            plural = [m for m in self.mentions if m.first in c and m.pronoun in ("wij", "we", "ons")]
            if plural:
                return Found(self._keys(plural), "fallback")
            if any(t.i in c and t.text.lower() in ("wij", "we", "ons") for t in self.s.tokens):
                keys = self.we()
                if keys:
                    return Found(keys, "fallback")
            if c.opener in INFINITIVE_OPENERS:
                continue
            break
        for c in [c for c in before if not c.subordinate] + [c for c in before if c.subordinate]:
            if c.opener in INFINITIVE_OPENERS or c.opener == "rel":
                continue
            fin = self.finite(c)
            if fin is None:
                continue
            found = self.subject(fin, c)
            if found:
                return Found(found.keys, "fallback")
        return None

    def about(self, clause: Clause) -> Optional[Found]:
        """The agent a complaint or conduct is about: "de klachten over de directeur"."""
        for m in self.mentions:
            p = self.in_pp(m)
            if m.first in clause and p is not None and p.lemma.lower() in ("over", "tegen", "rond"):
                prev = self.s.token(p.i - 1)
                if prev is not None and prev.tag == "N" and self.lex.is_matter_noun(prev.lemma):
                    return Found(self._keys([m]), "order")
        return None

    def object_of(self, trig: Token, clause: Clause) -> Optional[Found]:
        """Whose thing the object is: "het beleid van de corporatie", "het onderhoud door
        Rijkswaterstaat", "de modellen die het ministerie hanteert" -> the one named inside."""
        noun = self._object_noun(trig, clause)
        if noun is None:
            return None
        nxt = self.s.token(noun.i + 1)
        if nxt is not None and nxt.lemma in ("van", "door"):
            m = next((m for m in self.mentions if nxt.i < m.first <= nxt.i + 3), None)
            if m is not None:
                return Found(self._keys([m]), "order")
        rel = next((c for c in self.clauses if c.opener == "rel" and c.first in (noun.i + 1, noun.i + 2)), None)
        if rel is not None:
            m = next((m for m in self.mentions if m.first in rel and self.in_pp(m) is None
                      and m.pronoun not in OBLIQUE), None)
            if m is not None:
                return Found(self._keys([m]), "order")
        return None

    def _object_noun(self, trig: Token, clause: Clause) -> Optional[Token]:
        """The common noun that is the trigger's object: the parse's obj1, else the first noun
        after the verb (before it in a subordinate clause) that is not a time or a mention."""
        def fits(t):
            return t is not None and t.tag == "N" and t.i in clause and t.i not in self.by_token \
                and not self.lex.is_time_word(t.lemma) and not self._in_time_pp(t)
        for v in self.verb_chain(trig):
            for t in self.s.children(v.i):
                if t.rel == "obj1" and fits(t):
                    return t
        after = [t for t in self.s.tokens if t.i > trig.i and fits(t)]
        before = [t for t in self.s.tokens if t.i < trig.i and fits(t)]
        for t in (after + before if not clause.subordinate else before + after):
            if self._governing_prep(t.i) is None:
                return t
        return None

    def _in_time_pp(self, t: Token) -> bool:
        """"in januari", "vier maanden lang": a noun that only tells when or how long."""
        nxt = self.s.token(t.i + 1)
        return nxt is not None and nxt.lemma in ("lang", "later", "eerder", "geleden")

    def other_person(self, exclude: set) -> Optional[str]:
        """The most recent person in this sentence or the one before who is not in ``exclude``."""
        for s in reversed(self.ctx.sentences[max(0, self.s.index - 1):self.s.index + 1]):
            for m in reversed(self.ctx.mentions.get(s.index, [])):
                if m.entity and m.entity not in exclude and m.pronoun == "" and \
                        self.ctx.entities.get(m.entity) is not None and \
                        self.ctx.entities[m.entity].etype in ("Person", "Role"):
                    return m.entity
        return None

    def we(self) -> list:
        """'wij'/'ons' in a quotation or letter: its speaker and the person named with them last."""
        speaker = self.ctx.speakers.get(self.s.index)
        if not speaker:
            return []
        keys = [speaker]
        for s in reversed(self.ctx.sentences[max(0, self.s.index - 1):self.s.index + 1]):
            for m in reversed(self.ctx.mentions.get(s.index, [])):
                if m.entity and m.entity != speaker and m.etype in ("Person", "Role") and m.pronoun == "":
                    keys.append(m.entity)
                    return keys
        return keys

    def _keys(self, ms) -> list:
        out = []
        for m in ms:
            for key in [m.entity] + list(getattr(m, "also", []) or []):
                if key and key not in out:
                    out.append(key)
        return out


def _trigger_lemmas(sv: SentenceView, t: Token) -> list:
    """The lemma, and for a verb with a separated particle ("diende ... in") the joined verb
    ("indienen"): Frog lemmatises the stem and labels the particle svp."""
    lemma = t.lemma.lower()
    out = [lemma]
    if t.tag != "WW" and t.text.lower() in sv.lex.verb_forms:
        # Frog's tagger took a verb form for another word ("vroeg" as 'early')
        t.pos, t.lemma = "WW(pv,verl,ev)", sv.lex.verb_forms[t.text.lower()]
        lemma = t.lemma
        out = [lemma]
    if t.tag != "WW":
        return out
    clause = sv.clause_of(t.i)
    for p in sv.s.tokens:
        if p.i in clause and p.i != t.i and p.tag == "VZ" and ("fin" in p.pos or p.rel == "svp") \
                and "_" not in p.text and p.text.isalpha():
            joined = p.lemma.lower() + lemma
            if joined not in out:
                out.append(joined)
    return out


def _has_particle(sv: SentenceView, trig: Token, clause: Clause, particle: str) -> bool:
    particle = particle.replace("_", " ").lower()
    lemma = trig.lemma.lower().replace("_", " ")
    if lemma.startswith(particle) and lemma != particle:
        return True
    texts = [t.text.lower().replace("_", " ") for t in sv.s.tokens]
    joined = " " + " ".join(texts[clause.first - 1:clause.last]) + " "
    return f" {particle} " in joined


def _has_with(sv: SentenceView, trig: Token, clause: Clause, words: frozenset) -> Optional[Token]:
    idx = sv.clauses.index(clause)
    nxt = sv.clauses[idx + 1] if idx + 1 < len(sv.clauses) else None
    if nxt is not None and nxt.opener in words and nxt.opener in INFINITIVE_OPENERS:
        return sv.s.token(nxt.first)   # "vroeg twee deskundigen [om ... te onderzoeken]"
    for t in sv.s.tokens:
        if t.i == trig.i or t.i not in clause:
            continue
        lemma = t.lemma.lower()
        if "_" in lemma and any(part in words for part in lemma.split("_")):
            return t
        if lemma in words or t.text.lower() in words or (t.tag == "N" and any(lemma.endswith(w) for w in words if len(w) > 4)):
            return t
    return None


def _frame_applies(sv: SentenceView, f: Frame, trig: Token, clause: Clause) -> Optional[dict]:
    info = {}
    if f.particle and not _has_particle(sv, trig, clause, f.particle):
        return None
    if f.particle_any:
        lemma = trig.lemma.lower()
        if lemma not in f.lemmas or not any(lemma.startswith(p) for p in f.particle_any):
            if not any(_has_particle(sv, trig, clause, p) for p in f.particle_any):
                return None
    if f.after:
        before = sv.s.token(trig.i - 1)
        if before is None or before.lemma.lower() not in f.after:
            return None
    if f.with_:
        w = _has_with(sv, trig, clause, f.with_)
        if w is None:
            return None
        info["with"] = w
    idx = sv.clauses.index(clause)
    nxt = sv.clauses[idx + 1] if idx + 1 < len(sv.clauses) else None
    scope = [clause] + ([nxt] if nxt is not None and nxt.opener in INFINITIVE_OPENERS else [])
    if f.without and any(any(t.i in c for c in scope) and t.i != trig.i and t.lemma.lower() in f.without
                         for t in sv.s.tokens):
        return None
    if f.preps:
        if not any(t.tag == "VZ" and t.lemma.lower() in f.preps and t.i in clause and
                   (f.pos != "noun" or t.i > trig.i) for t in sv.s.tokens):
            return None
    return info


def _passive(sv: SentenceView, f: Frame, trig: Token, clause: Clause) -> bool:
    if "vd" not in trig.pos:
        return False
    lemmas = {t.lemma for t in sv.s.tokens if t.i in clause and t.tag == "WW" and t.i != trig.i}
    if "worden" in lemmas:
        return True
    if "zijn" in lemmas and "hebben" not in lemmas and f.aux != "zijn" \
            and trig.lemma.lower() not in sv.lex.zijn_verbs:
        return True
    return False


def _negated(sv: SentenceView, clause: Clause, lex) -> bool:
    """A negator in the clause, or, for "om ... te", in the clause that governs it
    ("het was niet mogelijk om een onderzoek te starten")."""
    scopes = [clause]
    if clause.opener in ("om", "te"):
        idx = sv.clauses.index(clause)
        if idx > 0 and sv.clauses[idx - 1].opener not in ("om", "te"):
            scopes.append(sv.clauses[idx - 1])
    negator = any(t.i in sc and t.lemma.lower() in lex.negators and not _in_nominal_infinitive(sv, t)
                  for sc in scopes for t in sv.s.tokens)
    if not negator and _left_undone(sv, clause, scopes, lex):
        negator = True
    before = sv.s.token(clause.first - 1) if clause.opener == "dat" else None
    opened = clause.opener in lex.negating_openers or (before is not None and before.lemma.lower() in lex.negating_openers)
    return negator != opened    # "zonder dat hij het niet wist" is knowing


def _left_undone(sv: SentenceView, clause: Clause, scopes: list, lex) -> bool:
    """"liet na de raad in te lichten", "verzuimde de inspectie te informeren": a verb of leaving
    undone over the infinitive."""
    toks = [t for sc in scopes for t in sv.s.tokens if t.i in sc]
    particles = [t.lemma.lower() for t in toks if t.rel == "svp" or t.pos.startswith("VZ(fin") or sv.verb_particle(t)]
    for t in toks:
        if t.tag == "WW" and (t.lemma.lower() in lex.negating_verbs
                              or any(p + t.lemma.lower() in lex.negating_verbs for p in particles)):
            return any(x.tag == "WW" and "inf" in x.pos and x.i > t.i for x in sv.s.tokens)
    return False


def _in_nominal_infinitive(sv: SentenceView, t: Token) -> bool:
    """"het (niet tijdig) melden": an infinitive used as a noun after "het", or a word inside one.
    It names an act; it neither triggers a verb frame nor negates the clause around it."""
    j = t.i
    while True:
        tok = sv.s.token(j)
        if tok is None or (tok.tag != "WW" and tok.tag not in ("BW", "ADJ")):
            return False
        if tok.tag == "WW":
            break
        j += 1
    if "inf" not in tok.pos:
        return False
    k = tok.i - 1
    while sv.s.token(k) is not None and sv.s.token(k).tag in ("BW", "ADJ"):
        k -= 1
    art = sv.s.token(k)
    return art is not None and art.tag == "LID" and art.lemma.lower() == "het"


def _denied(sv: SentenceView, clause: Clause, lex) -> bool:
    """Does a verb of denial govern this "dat"-clause from the clause before it?"""
    idx = sv.clauses.index(clause)
    for prev in reversed(sv.clauses[:idx]):
        if prev.opener == "rel":
            continue
        return any(t.i in prev and t.tag == "WW" and t.lemma.lower() in lex.denial_verbs for t in sv.s.tokens)
    return False


def _irrealis(sv: SentenceView, clause: Clause, trig: Token, lex) -> bool:
    """A question, a modal or a verb of planning/advice over the trigger, or 'of' (whether)."""
    if sv.s.tokens and sv.s.tokens[-1].text == "?":
        return True
    first_words = " ".join(t.text.lower() for t in sv.s.tokens[:2] if t.text not in "\"'“‘")
    if first_words.startswith("of ") or first_words in ("laten we", "laten wij", "laat ons"):
        return True   # "Of de stichting aangifte doet, ..."; "Laten we dit eerst uitzoeken"
    scopes = [clause]
    if clause.opener in ("om", "te", "of") or ("inf" in trig.pos and clause.opener not in ("door", "zonder")):
        idx = sv.clauses.index(clause)
        while idx > 0:
            idx -= 1
            if sv.clauses[idx].opener == "rel":
                continue   # a relative clause in between says nothing about the infinitive
            scopes.append(sv.clauses[idx])
            if sv.clauses[idx].opener not in ("om", "te", "door", "zonder", ","):
                break
    if clause.opener in lex.question_openers:
        return True   # "legt uit wanneer zij het hoorde": an indirect question
    if clause.opener == "dat" and _denied(sv, clause, lex):
        return True   # "De wethouder ontkent dat hij ervan wist": a denial asserts nothing
    if _counterfactual_condition(sv, clause):
        return True   # "Als ik de raad had ingelicht, ..."; "Als ik naar de raad was gestapt, ..."
    if any(_counterfactual_condition(sv, c) for c in sv.clauses if c is not clause) and any(
            t.i in clause and t.lemma in ("hebben", "zijn") and "verl" in t.pos and "pv" in t.pos
            for t in sv.s.tokens):
        return True   # "..., hadden wij de inspectie ingeschakeld": what would have followed
    for sc in scopes:
        for t in sv.s.tokens:
            if t.i in sc and t.i != trig.i and (t.text.lower() in lex.irrealis or
                                                 (t.tag == "WW" and t.lemma.lower() in lex.irrealis)):
                return True
            if t.i in sc and t.tag == "WW" and t.lemma.lower() in lex.future_auxiliaries and \
                    any(x.i in sc and x.i > t.i and "inf" in x.pos for x in sv.s.tokens):
                return True
    return False


def _attributes_quote(sv: SentenceView, trig: Token, text: str) -> bool:
    """Does the speech verb ``trig`` attribute a quotation: right after its closing mark
    ('"...", vertelt X') or right before its opening colon ('X vertelt: "...'")?"""
    before = text[max(0, trig.start - 4):trig.start]
    if re.search(r"[\"”'’]\s*,?\s*$", before):
        return True
    clause = sv.clause_of(trig.i)
    last = sv.s.token(clause.last)
    after = text[last.end:last.end + 4] if last is not None else ""
    return last is not None and (last.text == ":" or after.lstrip().startswith(":")) and \
        not any(t.tag == "VZ" and t.lemma in ("aan", "tegen") for t in sv.s.tokens if t.i in clause)


def _counterfactual_condition(sv: SentenceView, clause: Clause) -> bool:
    """An "als"/"indien" clause in the past perfect: a condition that did not hold."""
    if clause.opener not in ("als", "indien", "mocht"):
        return False
    toks = [t for t in sv.s.tokens if t.i in clause]
    if any(t.lemma == "hebben" and "verl" in t.pos for t in toks):
        return True
    return any(t.lemma == "zijn" and "verl" in t.pos for t in toks) and any("vd" in t.pos for t in toks)


def extract_document(ctx: DocContext) -> list:
    """All events of one resolved document."""
    lex = roles()
    index = frames_by_lemma()
    doc = ctx.doc
    times = TimeContext(doc.published)
    events: list = []
    last_time, last_time_sentence = None, -10
    content_index = 0
    # the publisher itself ("deze krant", "Investico"): who tells it something is a source
    press = {k for k, e in ctx.entities.items() if e.label in (doc.publisher, doc.original_publisher) and e.label}
    for s in ctx.sentences:
        sv = SentenceView(ctx, s)
        is_content = any(t.tag == "WW" and "pv" in t.pos for t in s.tokens)
        content_index_here = content_index + (1 if is_content else 0)
        past = [(t.start - s.start, "past") for t in s.tokens if t.tag == "WW" and "verl" in t.pos]
        sent_times = times.times_in(doc.text[s.start:s.end], s.start, past)
        later = []
        if doc.published is not None:   # a date after publication is not when a reported event happened
            later = [t for t in sent_times if t.first_day() > doc.published.last_day()
                     and time_lexicon().says_future(t.text, doc.published)]
            sent_times = [t for t in sent_times if t.first_day() <= doc.published.last_day()]
        speaker, cue = _attribution(sv, lex)
        used_nouns: set = set()
        candidates = []
        for t in s.tokens:
            for lemma in _trigger_lemmas(sv, t):
                for f in index.get(lemma, []):
                    if {"verb": t.tag != "WW", "noun": t.tag not in ("N", "SPEC"),
                            "prep": t.tag != "VZ"}[f.pos]:
                        continue
                    candidates.append((t, f))
        # most specific frames first, so that "melding doen bij" beats "melding bij"
        candidates.sort(key=lambda tf: (-tf[1].specificity, tf[0].i))
        taken_triggers = set()
        for trig, f in candidates:
            if trig.i in taken_triggers or trig.i in used_nouns:
                continue
            if f.pos == "verb" and ("prenom" in trig.pos or ",nom" in trig.pos or _in_nominal_infinitive(sv, trig)):
                continue
            clause = sv.clause_of(trig.i)
            info = _frame_applies(sv, f, trig, clause)
            if info is None:
                continue
            if trig.lemma == "zijn" and any(t.tag == "WW" and "vd" in t.pos for t in s.tokens if t.i in clause):
                continue
            if _irrealis(sv, clause, trig, lex) or any(
                    s.token(clause.first).start <= t.start < s.token(clause.last).end for t in later):
                taken_triggers.add(trig.i)
                continue    # a plan: "stuurt de raad volgende week een brief"
            roles_found = _fill_roles(sv, f, trig, clause, info, speaker)
            if roles_found is None:
                continue
            agents, recipients, how = roles_found
            if "Informing" in f.types and recipients and all(k in press for k in recipients):
                taken_triggers.add(trig.i)
                continue    # "Schooldirecteuren vertellen Investico": telling the press is sourcing, not an event
            if trig.lemma.lower() in lex.speech_verbs and _attributes_quote(sv, trig, doc.text):
                taken_triggers.add(trig.i)
                continue    # '"...", vertelt Wassenaar': the verb attributes a quotation
            negated = _negated(sv, clause, lex)
            types, polarity = list(f.types), f.polarity
            if negated:
                if f.negated == "drop":
                    taken_triggers.add(trig.i)
                    continue
                if f.negated == "negative":
                    polarity = "negative"
                else:
                    types = [f.negated]
                    polarity = "negative"
            if "with" in info and info["with"].tag != "WW":
                used_nouns.add(info["with"].i)   # an infinitive ("liet X doorlichten") still tells its own event
            taken_triggers.add(trig.i)
            # the evidence: the clause, widened to the role mentions read from this sentence
            first, last = clause.first, clause.last
            for m in sv.mentions:
                if m.entity in agents + recipients and abs(m.first - trig.i) < 25:
                    first, last = min(first, m.first), max(last, m.last)
            first_tok, last_tok = s.token(first), s.token(last)
            while last_tok.tag == "LET" and last_tok.i > first_tok.i and last_tok.text not in ").'\"":
                last_tok = s.token(last_tok.i - 1)
            qa, qb = first_tok.start, last_tok.end
            tv = nearest_time(sent_times, s.token(clause.first).start, s.token(clause.last).end, s.start)
            before_main = clause.opener in ("nadat", "voordat", "sinds")
            inside = tv is not None and tv.start >= s.token(clause.first).start
            if before_main and not inside:
                tv = None
            elif tv is None and sent_times:
                # a time elsewhere in the sentence applies when it stands in a main clause or
                # before the trigger's clause, not inside another subordinate clause after it
                usable = [t for t in sent_times
                          if t.start < s.token(clause.first).start or not sv.clause_at(t.start).subordinate]
                tv = usable[0] if usable else None
            inherited = False
            same_paragraph = last_time is not None and _paragraph(doc, last_time.start) == _paragraph(doc, s.start)
            # "toen", "destijds", "op dat moment" point back at the last time the story named
            anaphoric = any(t.tag == "BW" and t.lemma.lower() in lex.time_anaphors for t in s.tokens) or \
                any(" ".join(x.lemma.lower() for x in s.tokens[t.i - 1:t.i + 2]) in lex.time_anaphors
                    for t in s.tokens)
            if tv is None and not before_main and last_time is not None and \
                    (same_paragraph or anaphoric or content_index_here - last_time_sentence <= 2):
                tv, inherited = last_time, True
            if tv is not None and "KnowledgeStatement" in types and tv.text.lower().startswith(SINCE_WORDS):
                # "wist al sinds juni": the knowing began then; the statement holds from that point
                tv = TimeValue(tv.text, tv.begin, tv.begin, tv.begin.precision, tv.start, tv.end_offset)
            conf = f.confidence * {"parse": 1.0, "order": 0.9, "fallback": 0.8}[how] * (0.9 if inherited else 1.0)
            for etype in types:
                recips = recipients
                if etype == "Resignation":
                    recips = []
                if etype in ("Informing",) and not recips and len(types) > 1:
                    continue
                ev = Event(doc=doc.source, etype=etype, agents=list(agents), recipients=list(recips),
                           quote_start=qa, quote_end=qb, quote=doc.text[qa:qb], lexicon_entry=f.id,
                           confidence=round(min(conf, 1.0), 2), polarity=polarity, time=tv,
                           speaker=speaker, attribution_cue=cue, page=doc.page_at(qa),
                           time_inherited=inherited)
                events.append(ev)
                if etype == "Commissioning" and recips:
                    sv.commissioned = list(recips)
        if any(t.tag == "WW" and "pv" in t.pos for t in s.tokens):
            content_index += 1
            # only a time of the main clause carries over to the next sentences
            main_times = [t for t in sent_times if not sv.clause_at(t.start).subordinate
                          or _reported_content(sv, sv.clause_at(t.start), lex)]
            if main_times:
                last_time, last_time_sentence = main_times[-1], content_index
    _carry_roles(events)
    return merge_duplicates(events)


def _fill_roles(sv: SentenceView, f: Frame, trig: Token, clause: Clause, info: dict, speaker):
    passive = _passive(sv, f, trig, clause)
    subj = sv.subject(trig, clause)
    hows = []

    def read(slots, other: Optional[list]):
        for slot in slots:
            found = None
            if passive and slot == "subject":
                slot = "pp:door"
            elif passive and slot == "object":
                found = subj
            if found is None:
                if slot == "subject" and _te_infinitive(sv, trig) and sv.commissioned:
                    found = Found(list(sv.commissioned), "fallback")
                elif slot == "subject":
                    found = subj
                elif slot == "object":
                    skip = [m for m in sv.mentions if info.get("with") is not None and m.first <= info["with"].i <= m.last]
                    found = sv.object(trig, clause, subj, skip)
                    if found is None and subj is not None and info.get("with") is not None \
                            and "subject" not in f.agent:
                        found = subj   # "In mei bereikte de burgemeester een signaal": subject and object swap
                elif slot == "about":
                    found = sv.about(clause)
                elif slot == "object-of":
                    found = sv.object_of(trig, clause)
                elif slot == "indirect":
                    found = sv.indirect(trig, clause, subj)
                elif slot.startswith("pp:"):
                    keep = {info["with"].i} if info.get("with") is not None else set()
                    found = sv.pp(slot[3:], clause, trig, noun=f.pos == "noun", keep=keep)
                elif slot == "controller":
                    if subj is None and any(t.lemma == "te" for t in sv.s.tokens if t.i in clause):
                        found = sv.controller(clause, trig)
                elif slot == "speaker":
                    if speaker:
                        found = Found([speaker], "fallback")
                elif slot == "matter-person":
                    if other and sv.ctx.focus_org and all(
                            sv.ctx.entities.get(k) is not None and sv.lex.is_supervisor(
                                [sv.ctx.entities[k].label, *sv.ctx.entities[k].aliases]) for k in other):
                        found = Found([sv.ctx.focus_org], "fallback")   # a supervisor looks into the organisation
                    elif sv.ctx.focus and not sv.subject_of_governing_verb(sv.ctx.focus, clause, trig):
                        # not the one who gave the order: "gaf de burgemeester X opdracht ... te onderzoeken"
                        found = Found([sv.ctx.focus], "fallback")
                elif slot == "laten-object":
                    om = next((t for t in sv.s.tokens if t.lemma == "om" and t.i > trig.i - 10), None)
                    if om is not None:
                        m = next((m for m in sv.mentions if m.first > om.i), None)
                        if m is not None:
                            found = Found([m.entity], "order")
                elif slot == "with-van" and info.get("with") is not None:
                    w = info["with"]
                    # "een klacht van X" or, after the particle, "kwamen signalen binnen van X"
                    vans = [t for t in sv.s.tokens if t.lemma == "van" and t.i in clause and
                            (t.i == w.i + 1 or (t.i > trig.i and t.i > w.i and sv.s.token(t.i - 1) is not None
                                                and sv.s.token(t.i - 1).tag in ("VZ", "WW")
                                                and sv.s.token(t.i - 1).i >= trig.i))]
                    for van in vans:
                        m = next((m for m in sv.mentions if van.i < m.first <= van.i + 3), None)
                        if m is not None:
                            found = Found(sv._keys([m]), "order")
                            break
                elif slot == "subject-as-actor":
                    found = _actor_from_subject(sv, trig, clause)
            if found and found.keys:
                keys = [k for k in found.keys if not other or k not in other]
                if keys:
                    hows.append(found.how)
                    return keys
        return []

    agents = read(f.agent, None)
    # "liet een onderzoek doen": with causative laten the subject is not the one who acts
    laten = next((t for t in sv.s.tokens if t.lemma == "laten" and t.i in clause and t.i != trig.i
                  and not (sv.s.token(t.i + 1) is not None and sv.verb_particle(sv.s.token(t.i + 1)))), None)
    if "laten" not in f.with_ and "Commissioning" not in f.types and laten is not None:
        door = sv.pp("door", clause, trig)
        agents = door.keys if door else []
        if not agents and "Investigation" in f.types:
            # "liet de Auditdienst Rijk de werkwijze doorlichten": the one let do it is the object
            subj = sv.subject(laten, clause)
            obj = sv.object(laten, clause, subj)
            if obj is not None and all(sv.ctx.entities[k].etype in ("Organization", "Body", "Person", "Role", "Group")
                                       for k in obj.keys if k in sv.ctx.entities):
                agents = obj.keys
    recipients = read(f.recipient, agents)
    # ellipsis across coordination: "X voerde gesprekken met Y en er werden afspraken gemaakt"
    if clause.opener == "en":
        idx = sv.clauses.index(clause)
        prev = sv.clauses[idx - 1] if idx > 0 else None
        if prev is not None:
            fin = sv.finite(prev)
            if not agents and fin is not None:
                found = sv.subject(fin, prev)
                if found:
                    agents, _ = found.keys, hows.append("fallback")
            if not recipients and f.types[0] == "Agreement":
                found = sv.pp("met", prev, fin or trig)
                if found:
                    recipients = [k for k in found.keys if k not in agents]
    # first person plural in a quotation: the speaker and whoever is named with "samen met"
    if set(recipients) & set(agents):
        alt = sv.other_person(exclude=set(agents))
        recipients = [k for k in recipients if k not in agents] or ([alt] if alt else [])
    if f.agent_kind and (not agents or any(
            sv.ctx.entities.get(k) is None or sv.ctx.entities[k].etype not in f.agent_kind for k in agents)):
        return None   # "twee beleidsmedewerkers waarschuwden hun afdelingshoofd": staff report upwards
    if f.recipient_kind and (not recipients or any(
            sv.ctx.entities.get(k) is None or sv.ctx.entities[k].etype not in f.recipient_kind for k in recipients)):
        return None   # the frame wants another kind of recipient: a later frame may fit
    if "agent" in f.requires and not agents:
        return None
    if "recipient" in f.requires and not recipients:
        return None
    if not agents and not recipients and f.types[0] not in ("Investigation",):
        return None
    how = "parse" if hows and all(h == "parse" for h in hows) else ("fallback" if "fallback" in hows else "order")
    if not hows:
        how = "fallback"
    return agents, recipients, how


def _paragraph(doc, offset: int) -> int:
    for n, (a, b) in enumerate(doc.paragraphs):
        if a <= offset <= b:
            return n
    return -1


def _reported_content(sv: SentenceView, clause: Clause, lex) -> bool:
    """A 'dat' clause under a verb of saying or showing ("Uit het rapport blijkt dat ...") tells
    the story itself."""
    if clause.opener != "dat":
        return False
    verbs = lex.speech_verbs | {"blijken", "melden", "concluderen", "schrijven"}
    return any(t.tag == "WW" and t.lemma.lower() in verbs and t.i < clause.first for t in sv.s.tokens)


def _te_infinitive(sv: SentenceView, trig: Token) -> bool:
    prev = sv.s.token(trig.i - 1)
    return "inf" in trig.pos and prev is not None and prev.lemma == "te"


def _actor_from_subject(sv: SentenceView, trig: Token, clause: Clause) -> Optional[Found]:
    """'Dat onderzoek vond plaats': the actor named earlier by the subject's noun ('een extern onderzoek')."""
    subj_tok = next((t for t in sv.s.tokens if t.i in clause and t.rel == "su" and t.tag == "N"), None)
    if subj_tok is None:
        return None
    for s in reversed(sv.ctx.sentences[:sv.s.index + 1]):
        for m in reversed(sv.ctx.mentions.get(s.index, [])):
            if m.entity and m.head_lemma == subj_tok.lemma.lower() and m.etype == "Organization":
                return Found([m.entity], "fallback")
    return None


def _attribution(sv: SentenceView, lex):
    """Who says so in this sentence: a quoted speaker, 'aldus/volgens X', or None (the publisher)."""
    ctx, s = sv.ctx, sv.s
    if s.index in ctx.speakers:
        return ctx.speakers[s.index], "quote"
    after = lex.attribution_cues.get("after", frozenset())
    for t in s.tokens:
        if t.lemma.lower() in after or t.text.lower() in after:
            m = next((m for m in sv.mentions if 0 < m.first - t.i <= 4), None)
            if m is not None:
                return m.entity, t.text.lower()
    for t in s.tokens:
        if t.tag == "WW" and t.lemma.lower() in lex.speech_verbs:
            nxt = [x for x in s.tokens if x.i > t.i and x.lemma in ("dat",) and x.tag == "VG"]
            if nxt:
                clause = sv.clause_of(t.i)
                found = sv.subject(t, clause)
                if found and found.keys:
                    return found.keys[0], t.lemma.lower()
    return None, None


def _carry_roles(events: list) -> None:
    """An informing or non-disclosure without recipient takes the recipient of the previous
    one by the same agent (Dutch leaves it out: "Ze meldde niets over ...")."""
    for i, ev in enumerate(events):
        if ev.etype in ("Informing", "NonDisclosure") and not ev.recipients and ev.agents:
            for prev in reversed(events[:i]):
                if prev.etype in ("Informing", "NonDisclosure") and prev.recipients and \
                        set(prev.agents) & set(ev.agents) and ev.quote_start - prev.quote_end < 600:
                    ev.recipients = list(prev.recipients)
                    ev.confidence = round(ev.confidence * 0.85, 2)
                    break


def _times_compatible(a, b) -> bool:
    if a is None or b is None:
        return True
    return a.first_day() <= b.last_day() and b.first_day() <= a.last_day()


def _better_time(twin: Event, ev: Event) -> None:
    """Keep the better time of two tellings: a stated one over a carried-over one, then the narrower."""
    if ev.time is None:
        return
    if twin.time is None or (twin.time_inherited and not ev.time_inherited):
        twin.time, twin.time_inherited = ev.time, ev.time_inherited
        return
    if ev.time_inherited and not twin.time_inherited:
        return
    if (ev.time.last_day() - ev.time.first_day()) < (twin.time.last_day() - twin.time.first_day()):
        twin.time, twin.time_inherited = ev.time, ev.time_inherited


def merge_duplicates(events: list) -> list:
    """One event per real-world event within a document: the same type and polarity, shared
    participants and compatible times are the same event told twice (a lead and a timeline).
    The fuller telling is kept; the other fills its gaps."""
    out: list = []
    spans: dict = {}
    for ev in events:
        # two frames read from one clause as the same type are one event (their node is minted
        # from the quote and the type): the one read first, with more parties, stays
        same_span = spans.get((ev.quote_start, ev.quote_end, ev.etype))
        if same_span is not None:
            if len(set(ev.agents) | set(ev.recipients)) > len(set(same_span.agents) | set(same_span.recipients)):
                same_span.agents, same_span.recipients = ev.agents, ev.recipients
                same_span.lexicon_entry, same_span.confidence = ev.lexicon_entry, ev.confidence
            continue
        twin = None
        for kept in out:
            if kept.etype != ev.etype or kept.polarity != ev.polarity:
                continue
            parts_a = set(kept.agents) | set(kept.recipients)
            parts_b = set(ev.agents) | set(ev.recipients)
            if ev.etype == "Agreement":
                same = bool(parts_a & parts_b)
            else:
                same = (not kept.agents or not ev.agents or set(kept.agents) & set(ev.agents)) and \
                    (not kept.recipients or not ev.recipients or set(kept.recipients) & set(ev.recipients)) and \
                    bool(parts_a & parts_b)
            stated = (kept.time is not None and not kept.time_inherited) or \
                (ev.time is not None and not ev.time_inherited)
            partial = not kept.agents or not ev.agents
            # the very same parties on both sides: a fact told again later on (a lead and the body)
            identical = set(kept.agents) == set(ev.agents) and set(kept.recipients) == set(ev.recipients)
            if ev.etype == "Investigation" and kept.agents and set(kept.agents) == set(ev.agents):
                # one investigator's investigation, told in several sentences ("het bureau
                # onderzocht ... Het bureau sprak met ...")
                same = identical = True
            if same and (stated or partial or identical) and _times_compatible(kept.time, ev.time):
                twin = kept
                break
        if twin is None:
            out.append(ev)
            spans[(ev.quote_start, ev.quote_end, ev.etype)] = ev
            continue
        if len(set(ev.agents) | set(ev.recipients)) > len(set(twin.agents) | set(twin.recipients)) and \
                ev.agents and ev.recipients:
            # the fuller telling names the parties; the other stays as evidence
            twin.extra_evidence.append((twin.quote_start, twin.quote_end, twin.quote))
            twin.agents, twin.recipients = ev.agents, ev.recipients
            twin.quote_start, twin.quote_end, twin.quote = ev.quote_start, ev.quote_end, ev.quote
            twin.lexicon_entry = ev.lexicon_entry
            _better_time(twin, ev)
            twin.confidence = max(twin.confidence, ev.confidence)
            continue
        if not twin.agents and ev.agents:
            twin.agents = ev.agents
        if not twin.recipients and ev.recipients:
            twin.recipients = ev.recipients
        _better_time(twin, ev)
        twin.confidence = max(twin.confidence, ev.confidence)
        twin.extra_evidence.append((ev.quote_start, ev.quote_end, ev.quote))
    # a twin that took over another telling's quote may now share its node key: keep one
    seen, unique = set(), []
    for ev in out:
        key = (ev.quote_start, ev.quote_end, ev.etype)
        if key not in seen:
            seen.add(key)
            unique.append(ev)
    return unique
