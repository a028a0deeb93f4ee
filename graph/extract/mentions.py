"""Find the spans that name or point at agents in a parsed sentence.

Combines Frog's named entities with the role lexicon (posts, roles, bodies, organisations,
groups) and personal pronouns. Pure functions over :class:`graph.model.Sentence`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from graph.extract.lexicon import RoleLexicon, roles, tussenvoegsels
from graph.model import Mention, Sentence, Token

NOMINATIVE = {"ik", "hij", "zij", "ze", "wij", "we"}
OBLIQUE = {"mij", "me", "hem", "haar", "ons", "hen", "hun"}
ADDRESSEE = {"u"}
INFORMAL_ADDRESSEE = {"je", "jij", "jou"}   # in a quoted e-mail: the one it is written to
FIRST_PERSON = {"ik", "mij", "me", "mijn"}
FIRST_PLURAL = {"wij", "we", "ons", "onze"}
DEMONSTRATIVE = {"die", "deze"}
INITIALS = re.compile(r"([A-Z]\.){1,4}")


@dataclass
class TMention(Mention):
    """A mention with its token span (1-based Frog indices, inclusive) in its sentence."""

    first: int = 0
    last: int = 0
    name: str = ""            # proper-name part, for persons and named organisations
    post: str = ""            # post / role / body lemma it names, if any
    place: str = ""           # place named with it ("gemeente Oudeveen" -> Oudeveen)
    pronoun: str = ""
    definite: bool = False
    modifiers: tuple = ()
    subset_of_count: Optional[int] = None   # "vier van de vijf ..." -> 5
    extra_aliases: list = field(default_factory=list)
    also: list = field(default_factory=list)
    possessive: str = ""      # "zijn" in "zijn ambtenaren"
    of_text: str = ""         # "van De Beekhoeve" after a post   # further entities ("wij" = the speaker and another)
    abbreviation: str = ""    # "NCSC" in "het Nationaal Cyber Security Centrum (NCSC)"
    guessed: bool = False     # a name Frog's NER did not class, taken for an organisation


def ner_class(tok: Token) -> str:
    """The entity class of a token; for a multi-word unit a person wins ("B-ORG_B-PER_I-PER" is
    Frog's reading of "Gedeputeerde Frank Olthof")."""
    parts = [p[2:] for p in tok.ner.split("_") if p[:2] in ("B-", "I-")]
    if not parts:
        return ""
    return "PER" if "PER" in parts else parts[0]


def is_name_token(tok: Token) -> bool:
    return tok.tag == "SPEC" and tok.text[:1].isupper()


def _number(tok: Token, lex: RoleLexicon) -> Optional[int]:
    w = tok.text.lower()
    if w.isdigit():
        return int(w)
    return lex.numbers.get(w)


def _is_plural(tok: Token) -> bool:
    return ",mv," in tok.pos or tok.pos.endswith(",mv)") or ",mv" in tok.pos


def _np_modifiers(s: Sentence, head: Token) -> list:
    """Adjectives, numerals and participles right before a noun (same NP), in order."""
    mods = []
    j = head.i - 1
    while j >= 1:
        t = s.token(j)
        if (t.tag in ("ADJ", "TW") and t.text.lower() not in roles().verb_forms
                and not (t.text.isdigit() and len(t.text) == 4)) \
                or (t.tag == "VNW" and "onbep" in t.pos and "det" in t.pos) \
                or (t.tag == "WW" and "vd" in t.pos or t.tag == "WW" and "od" in t.pos) \
                or (t.tag == "LET" and t.text == "," and mods):
            mods.insert(0, t)
            j -= 1
            continue
        break
    while mods and mods[0].tag == "LET":
        mods.pop(0)
    return mods


def _of_text(s: Sentence, text: str, last: int) -> str:
    """The "van ..." complement after an agent noun, up to its noun or name: "van de afdeling
    Financiën", "van de afdeling inkoop", "van een andere leerling", "van twee leerlingen"; or ""."""
    v = s.token(last + 1)
    if v is None or v.lemma != "van" or s.token(last + 2) is None:
        return ""
    j = last + 2
    while s.token(j) is not None and (s.token(j).tag in ("LID", "TW", "ADJ") or
                                      (s.token(j).tag == "VNW" and "det" in s.token(j).pos)) and j - last < 5:
        j += 1
    head = s.token(j)
    if head is None or head.tag not in ("N", "SPEC"):
        return ""
    end = head
    # a name or a lower-case name part after an organisation noun: "de afdeling inkoop", "Financiën"
    nxt = s.token(j + 1)
    while nxt is not None and nxt.i - head.i < 3 and (
            (nxt.tag == "SPEC" and nxt.text[:1].isupper()) or
            (nxt.tag == "N" and roles().kind(head.lemma.lower()) in ("org", "body") and nxt.text.islower()
             and ",ev" in nxt.pos and s.token(nxt.i + 1) is not None and s.token(nxt.i + 1).tag in ("LET", "WW", "VZ", "VG"))):
        end = nxt
        nxt = s.token(nxt.i + 1)
    return text[v.start:end.end]


def find_mentions(s: Sentence, text: str, lex: Optional[RoleLexicon] = None) -> list:
    """All agent mentions in sentence ``s`` of document ``text``."""
    lex = lex or roles()
    out: list = []
    used: set = set()
    toks = s.tokens

    def span_text(a: int, b: int) -> str:
        return text[s.token(a).start:s.token(b).end]

    def add(m: TMention):
        for i in range(m.first, m.last + 1):
            used.add(i)
        out.append(m)

    # 1. nouns from the role lexicon, with a name after them ("burgemeester Jansen",
    #    "gemeente Oudeveen", "Bureau Integriteit") or alone ("de vertrouwenspersoon")
    for t in toks:
        if t.i in used or t.tag not in ("N", "SPEC", "ADJ"):
            continue
        lemma = t.lemma.lower().replace("_", " ")
        kind = lex.kind(lemma)
        if kind is None and t.tag == "SPEC" and " " in lemma and lex.kind(lemma.split()[0]) in ("org", "body"):
            # a multi-word name that starts with an organisation noun: "Auditdienst Rijk"
            last = t.i
            amp, nxt = s.token(t.i + 1), s.token(t.i + 2)
            after = s.token(t.i + 3)
            if amp is not None and nxt is not None and nxt.text[:1].isupper() and (
                    amp.text == "&" or (amp.text == "en" and (nxt.ner.startswith("I-") or
                                                              (after is not None and after.text == "(") or
                                                              (nxt.ner in ("O", "B-MISC") and not nxt.text.isupper()
                                                               and " " not in nxt.text and nxt.tag in ("SPEC", "N"))))):
                last = nxt.i     # "Bureau Van Wijk & Koster", "Inspectie Gezondheidszorg en Jeugd"
            m = TMention(start=t.start, end=s.token(last).end, text=span_text(t.i, last), kind="name",
                         etype="Organization", sentence=s.index, head_lemma=lemma.split()[0], first=t.i,
                         last=last, name=span_text(t.i, last))
            add(m)
            continue
        is_group = False
        if t.tag == "ADJ" and "nom" in t.pos and "mv" in t.pos and lex.is_group_noun(lemma + "e"):
            lemma = lemma + "e"   # nominalised adjectives: "omwonenden", "betrokkenen"
            is_group, kind = True, None
        elif t.tag == "ADJ" and "nom" in t.pos and lex.kind(lemma + "e") == "post":
            lemma, kind = lemma + "e", "post"   # "zijn leidinggevende"
        elif t.tag == "ADJ":
            continue
        elif t.tag == "N" and _is_plural(t) and (lex.is_group_noun(lemma) or lex.kind(lemma) in ("post", "org")
                                                  or (_counted(s, t) and lex.is_person_noun(lemma))):
            is_group, kind = True, None   # "drie roeiers": a counted noun for people is a group
        elif t.tag == "N" and _is_plural(t) and kind in ("org", "role", "post"):
            continue
        if kind is None and not is_group and lemma in lex.actor_nouns:
            mods = _np_modifiers(s, t)
            if any(m.lemma.lower() in lex.actor_nouns[lemma] for m in mods):
                kind = "actor"
        if kind is None and not is_group:
            prev = s.token(t.i - 1)
            if t.text.lower() in lex.bodies:
                lemma = t.text.lower()      # "de staten": Frog lemmatises to "staat"
            elif prev is None or f"{prev.text.lower()} {t.text.lower()}" not in lex.bodies:
                continue
            kind = "body"
        base = lex.strip_prefix(lemma)
        mods = _np_modifiers(s, t)
        first = mods[0].i if mods else t.i
        last = t.i
        # multiword bodies: "provinciale staten", "raad van toezicht", "tweede kamer"
        # two-word bodies: "algemeen bestuur", "provinciale staten", "tweede kamer"
        for prev in (s.token(t.i - 1), s.token(first - 1)):
            if prev is None:
                continue
            two = next((w for w in (f"{prev.lemma.lower()} {base}", f"{prev.text.lower()} {t.text.lower()}")
                        if w in lex.bodies), None)
            if two:
                kind, base, first = "body", lex.bodies[two], min(first, prev.i)
                break
        # "raad van toezicht", "raad van bestuur": the body runs on after "van"
        v, n2 = s.token(last + 1), s.token(last + 2)
        if v is not None and n2 is not None and v.lemma == "van" and f"{base} van {n2.lemma.lower()}" in lex.bodies:
            kind, base, last = "body", f"{base} van {n2.lemma.lower()}", n2.i
        # longer names of bodies: "college van burgemeester en wethouders", "college van B en W"
        for n in (5, 4, 3):
            toks_after = [s.token(k) for k in range(last + 1, last + n)]
            if all(x is not None for x in toks_after):
                phrase = " ".join([base] + [x.text.lower() for x in toks_after])
                if phrase in lex.bodies:
                    kind, base, last = "body", phrase, toks_after[-1].i
                    break
        # "hoofdofficier van justitie": a post named with "van"
        if v is not None and n2 is not None and v.lemma == "van" and f"{base} van {n2.lemma.lower()}" in lex.posts:
            kind, base, last = "post", f"{base} van {n2.lemma.lower()}", n2.i
            v, n2 = s.token(last + 1), s.token(last + 2)
        # "commissaris van de Koning": a post named with "van de"
        n3 = s.token(last + 3)
        if v is not None and n3 is not None and v.lemma == "van" and n2.tag == "LID" and \
                f"{base} van de {n3.lemma.lower()}" in lex.posts:
            kind, base, last = "post", f"{base} van de {n3.lemma.lower()}", n3.i
        nxt = s.token(last + 1)
        name_toks = []
        if kind in ("body", "org") and nxt is not None and ner_class(nxt) == "PER" \
                and nxt.text.split()[0].lower() in lex.first_names:
            nxt = None      # "justitie Mariska Leeflang": a person follows, not the organisation's name
        while nxt is not None and (is_name_token(nxt) or (kind in ("body", "org") and nxt.tag in ("ADJ", "N", "WW")
                                                         and nxt.text[:1].isupper())
                                   or (kind in ("post", "role") and not name_toks and is_first_name(nxt.text))) \
                and ner_class(nxt) in ("PER", "ORG", "LOC", "MISC", "PRO", "EVE", "") and not lex.kind(nxt.lemma.lower()):
            name_toks.append(nxt)
            nxt = s.token(nxt.i + 1)
            if nxt is not None and nxt.text == "(" and kind in ("post", "role"):
                # "burgemeester Y. (Yvonne) Hartsuiker": a parenthesis inside the name is skipped
                close = next((x for x in toks[nxt.i:nxt.i + 4] if x.text == ")"), None)
                after = s.token(close.i + 1) if close is not None else None
                if after is not None and is_name_token(after) and ner_class(after) in ("PER", ""):
                    nxt = after
            amp = s.token(nxt.i + 1) if nxt is not None else None
            if name_toks and kind in ("org", "body") and nxt is not None and nxt.text in ("&", "en") and amp is not None \
                    and amp.text[:1].isupper() and (amp.tag in ("SPEC", "N", "ADJ") or (nxt.text == "&" and amp.tag != "LET")) \
                    and not lex.kind(amp.lemma.lower()):
                name_toks += [nxt, amp]
                nxt = s.token(amp.i + 1)
                while nxt is not None and nxt.text[:1].isupper() and nxt.tag in ("SPEC", "N", "ADJ"):
                    name_toks.append(nxt)     # "Integriteit & Openbaar Bestuur": the name runs on
                    nxt = s.token(nxt.i + 1)
        if kind == "org" and not name_toks and t.text[:1].isupper() and t.i > 1 and nxt is not None \
                and nxt.tag == "N" and nxt.text[:1].islower() and not lex.is_time_word(nxt.lemma) \
                and (_is_plural(nxt) or not lex.kind(nxt.lemma.lower())) \
                and s.token(t.i - 1).text not in ('"', "'", "(", ":"):
            name_toks = [nxt]     # "de Autoriteit woningcorporaties": a name that goes on in lower case
        full_name = False
        if kind in ("org", "body") and not name_toks and t.text[:1].isupper() and t.i > 1 and nxt is not None \
                and nxt.lemma in ("van", "voor") and s.token(t.i - 1).text not in ('"', "'", "(", ":"):
            # "het Commissariaat voor de Media", "de Raad voor de Kinderbescherming": a capitalised
            # organisation noun whose name goes on with "van/voor" and capitalised words
            k = nxt.i + 1
            run = [s.token(k)] if s.token(k) is not None and s.token(k).tag == "LID" else []
            k += len(run)
            while s.token(k) is not None and s.token(k).text[:1].isupper() and s.token(k).tag in ("N", "SPEC", "ADJ") \
                    and ner_class(s.token(k)) != "PER" and not lex.is_time_word(s.token(k).lemma):
                run.append(s.token(k))
                k += 1
            if run and run[-1].tag != "LID":
                name_toks, kind, full_name = [nxt] + run, "org", True
        if kind in ("org", "body") and t.ner.startswith("I-"):
            # "het Landelijk Bureau Bibob": the name Frog's NER began before the organisation noun
            k = first - 1
            while k >= 1 and s.token(k).text[:1].isupper() and s.token(k).ner[:2] in ("B-", "I-") \
                    and s.token(k).tag in ("SPEC", "ADJ", "N"):
                first = k
                if s.token(k).ner.startswith("B-"):
                    break
                k -= 1
        if len(name_toks) == 1 and kind in ("post", "role") and (" " not in name_toks[0].text or
                                                              name_toks[0].text.split()[-1].lower() in tussenvoegsels()) \
                and (name_toks[0].tag == "SPEC" or is_first_name(name_toks[0].text)):
            ext = _name_tail(s, name_toks[-1].i)
            name_toks += [s.token(k) for k in range(name_toks[-1].i + 1, ext + 1)]
        det = s.token(first - 1)
        definite = bool(det and det.tag == "LID" and det.pos.startswith("LID(bep")) or bool(det and det.tag == "VNW" and "aanw" in det.pos)
        if is_group and not kind:
            count = None
            for m in mods:
                if m.tag == "TW":
                    count = _number(m, lex)
            # "vier van de vijf vrouwelijke ambtenaren": the first number is the subset
            subset_of = None
            j = first - 1
            if det and det.tag in ("LID", "VNW"):
                j -= 1
            vz = s.token(j)
            num = s.token(j - 1) if vz else None
            if vz is not None and vz.lemma == "van" and num is not None and _number(num, lex):
                subset_of, count, first = count, _number(num, lex), num.i
            elif vz is not None and vz.lemma == "van" and num is not None and num.lemma.lower() in lex.collectives:
                # "een groep van twaalf behandelaars": the collective noun names the same people
                first = num.i
                art = s.token(num.i - 1)
                if art is not None and art.tag == "LID":
                    first = art.i
            m = TMention(start=s.token(first).start, end=t.end, text=span_text(first, last), kind="group",
                         etype="Group", sentence=s.index, head_lemma=base, count=count,
                         first=first, last=last, definite=definite,
                         modifiers=tuple(x.lemma.lower() for x in mods if x.tag != "TW"),
                         subset_of_count=subset_of,
                         possessive=det.text.lower() if det is not None and det.tag == "VNW" and "bez" in det.pos else "")
            m.of_text = _of_text(s, text, last)
            add(m)
            continue
        if name_toks and kind in ("post", "role") and len(name_toks) == 1 and ner_class(name_toks[0]) != "PER" \
                and " " not in name_toks[0].text and not is_first_name(name_toks[0].text):
            name_toks = []      # "wethouder Financiën": a portfolio, not a name
        if name_toks and kind in ("post", "role") and (ner_class(name_toks[0]) in ("PER", "") or
                                                       is_first_name(name_toks[0].text.split()[0])):
            # a title before a person's name: the person is the mention, the post its role
            a, b = name_toks[0].i, name_toks[-1].i
            name = " ".join(x.text for x in name_toks)
            m = TMention(start=s.token(first).start, end=s.token(b).end, text=name, kind="name",
                         etype="Person", sentence=s.index, head_lemma=base, first=first, last=b,
                         name=name, post=base)
            m.extra_aliases.append(span_text(first, b))
            for i in range(first, b + 1):
                used.add(i)
            out.append(m)
            continue
        if kind == "post":
            if _is_plural(t):
                continue
            m = TMention(start=s.token(first).start, end=s.token(last).end, text=span_text(first, last), kind="role",
                         etype="Role", sentence=s.index, head_lemma=base, first=first, last=last,
                         post=base, definite=definite, modifiers=tuple(x.lemma.lower() for x in mods))
            m.of_text = _of_text(s, text, last)
            m.possessive = det.text.lower() if det is not None and det.tag == "VNW" and "bez" in det.pos else ""
            if not definite and not (det is not None and det.tag == "VNW" and "bez" in det.pos):
                m.kind = "indefinite-role"
            dept = s.token(last + 1)
            if dept is not None and (dept.tag == "N" or (dept.tag == "SPEC" and ner_class(dept) != "PER")) \
                    and not _is_plural(dept) and not lex.is_time_word(dept.lemma) and not lex.kind(dept.lemma.lower()):
                m.extra_aliases.append(span_text(first, dept.i))   # "de manager vastgoed", "directeur Jeugd"
            add(m)
            continue
        etype = {"role": "Role", "body": "Body", "org": "Organization", "actor": "Organization"}[kind]
        if kind == "role" and _is_plural(t):
            continue
        place = ""
        if name_toks:
            last = name_toks[-1].i
            if ner_class(name_toks[0]) == "LOC":
                place = " ".join(x.text for x in name_toks)
        # "van de gemeente X" / "van het Bureau Y" after a role or body: keep the place
        m = TMention(start=s.token(first).start, end=s.token(last).end, text=span_text(first, last),
                     kind="org" if kind in ("org", "actor") else kind, etype=etype, sentence=s.index,
                     head_lemma=lex.bodies.get(base, base), first=first, last=last,
                     name=span_text(first, last) if full_name else " ".join(x.text for x in name_toks),
                     post=base, place=place, definite=definite,
                     modifiers=tuple(x.lemma.lower() for x in mods),
                     possessive=det.text.lower() if det is not None and det.tag == "VNW" and "bez" in det.pos else "")
        m.of_text = _of_text(s, text, last)
        add(m)

    # 2. named entities not yet covered: persons and organisations
    # a firm of names joined by "&": "Van Tilburg & Hoeks", "Brons & Partners"
    for amp in toks:
        if amp.text != "&" or amp.i in used:
            continue
        left, right = s.token(amp.i - 1), s.token(amp.i + 1)
        if left is None or right is None or left.i in used or right.i in used \
                or not (left.tag == "SPEC" and left.text[:1].isupper()) or not right.text[:1].isupper() \
                or right.tag not in ("SPEC", "N"):
            continue
        a, b = left.i, right.i
        while s.token(a - 1) is not None and (a - 1) not in used and s.token(a - 1).text[:1].isupper() and (
                s.token(a - 1).tag == "SPEC" or s.token(a - 1).text.lower() in tussenvoegsels()):
            a -= 1
        while s.token(b + 1) is not None and (b + 1) not in used and s.token(b + 1).tag == "SPEC" \
                and s.token(b + 1).text[:1].isupper():
            b += 1
        name = span_text(a, b)
        add(TMention(start=s.token(a).start, end=s.token(b).end, text=name, kind="name", etype="Organization",
                     sentence=s.index, head_lemma=s.token(b).lemma, first=a, last=b, name=name))
    i = 1
    while i <= len(toks):
        t = s.token(i)
        cls = ner_class(t)
        # "Van den Eijnde" begins a name; the article of "De Autoriteit Persoonsgegevens" does not
        name_start = t.tag == "SPEC" or (t.text[:1].isupper() and t.text.lower() in tussenvoegsels()
                                          and t.ner.startswith("B-") and s.token(i + 1) is not None
                                          and s.token(i + 1).ner.startswith("I-")
                                          and not (t.tag == "LID" and lex.kind(s.token(i + 1).lemma.lower())))
        if cls not in ("PER", "ORG") and t.tag == "SPEC" and t.text.split()[0].lower() in lex.first_names \
                and i not in used:
            cls = "PER"     # a known first name Frog took for a place: "Arnoud trad af", "Ans Pelgrim"
        nxt_tok = s.token(i + 1)
        if cls != "PER" and i not in used and t.tag != "SPEC" and is_first_name(t.text) and nxt_tok is not None \
                and (nxt_tok.text in tussenvoegsels() or (nxt_tok.text[:1].isupper() and nxt_tok.tag != "LET"
                                                          and not lex.kind(nxt_tok.lemma.lower()))):
            cls, name_start = "PER", True   # "Mirte de Groot deed ...": a first name Frog tagged as a verb
        if cls in ("MISC", "PRO", "") and t.tag == "SPEC" and "deeleigen" in t.pos and t.text[:1].isupper() \
                and t.rel in ("su", "obj1", "obj2") and not lex.is_time_word(t.text.split()[0]) \
                and (s.token(i - 1) is None or s.token(i - 1).text != "(") and i not in used:
            cls, guessed = "ORG", True   # a name in an agent's place that Frog's NER did not class: "Belpunt Zuid"
        else:
            guessed = False
        if cls not in ("PER", "ORG") and t.tag == "SPEC" and " " in t.text and i not in used \
                and lex.kind(t.text.split()[0]) == "org" and t.text.split()[1][:1].isupper():
            cls = "ORG"     # "Zorggroep Elsbroek", "Woonstichting Lindehof" that Frog took for a place
        if i in used or cls not in ("PER", "ORG") or not name_start:
            i += 1
            continue
        after = s.token(i + 1)
        if " " not in t.text and t.text.endswith("s") and after is not None and after.tag == "N" \
                and after.text[:1].islower() and lex.kind(after.lemma.lower()) in ("post", "role"):
            i += 1      # a genitive before a post: "Jansens voorganger Ans Pelgrim" names Pelgrim
            continue
        j = i
        while j + 1 <= len(toks) and (j + 1) not in used and ner_class(s.token(j + 1)) == cls \
                and s.token(j + 1).ner.startswith("I-"):
            j += 1
        if cls == "PER" and i == j and INITIALS.fullmatch(t.text) and s.token(i + 4) is not None \
                and s.token(i + 1).text == "(" and s.token(i + 3).text == ")" \
                and s.token(i + 4).text[:1].isupper() and s.token(i + 4).tag == "SPEC":
            j = i + 4       # "P. (Piet) Wolters"
        if cls == "PER" and i == j and (" " not in t.text or t.text.split()[-1].lower() in tussenvoegsels()):
            j = _name_tail(s, j)
        if cls == "PER":
            # initials Frog left out, with a first name in parentheses: "T. (Ton) Lemmens"
            k = i
            if k - 4 >= 1 and s.token(k - 1).text == ")" and s.token(k - 3).text == "(" \
                    and INITIALS.fullmatch(s.token(k - 4).text) and (k - 4) not in used:
                k -= 4
            elif k - 1 >= 1 and INITIALS.fullmatch(s.token(k - 1).text) and (k - 1) not in used:
                k -= 1
            i = k
        name = span_text(i, j)
        a, b = s.token(i).start, s.token(j).end
        # a title Frog took into the name ("Dijkgraaf Gert-Jan Wolters"), a weekday, a month or an
        # ampersand at its edge ("Jansen woensdag", "januari Heldersteyn", "Dijkstra &") are not part of it
        words = name.split()
        post = ""
        while len(words) > 1 and lex.kind(words[0].lower()) == "post":
            post = lex.strip_prefix(words[0].lower())
            words = words[1:]
        while len(words) > 1 and words[0].lower() in lex.person_titles and words[0][-1:] == ".":
            words = words[1:]     # "drs. Arend Vermaat": the title is not part of the name
        kept, depth = [], 0
        for w in words:
            if w.startswith("("):
                depth += 1
            if depth == 0:
                kept.append(w)
            if w.endswith(")"):
                depth = max(0, depth - 1)
        words = kept or words
        while len(words) > 1 and lex.is_time_word(words[0]):
            words = words[1:]     # "eind januari Heldersteyn opdracht": a month Frog joined to the name
        while len(words) > 1 and (lex.is_time_word(words[-1]) or not any(ch.isalpha() for ch in words[-1])
                                  or words[-1] in ("de", "het", "van", "der", "den", "te", "ter")):
            words = words[:-1]
        if words != name.split():
            start_in = text.find(words[0], a, b)
            end_in = text.find(words[-1], start_in, b) + len(words[-1]) if start_in >= 0 else -1
            if start_in >= 0 and end_in > start_in:
                a, b = start_in, end_in
            name = " ".join(words)
        common = cls == "PER" and len(words) == 1 and re.search(r"\b" + re.escape(words[0].lower()) + r"\b", text)
        if lex.is_time_word(name) or (cls == "PER" and i == j and name.isupper() is False and len(name) <= 3) \
                or common:
            i = j + 1   # a capitalised common noun ("Datalek" heading a text about a datalek) is no name
            continue
        etype = "Person" if cls == "PER" else "Organization"
        if etype == "Person" and words[-1].lower() in lex.firm_words:
            etype = "Organization"          # "Van Dalen Accountants", "Hulst & Partners"
        elif etype == "Organization" and len(words) > 1 and (
                re.match(r"^([A-Z]\.){1,3}$", words[0]) or words[0].lower() in lex.first_names
                or (words[0].lower() in ("van", "de", "ter", "ten") and words[-1][:1].isupper())):
            etype = "Person"   # "E.J. Dijkstra-Mulder", "Karin Lodewijks", "Van der Heijden" are people
        nm = TMention(start=a, end=b, text=name, kind="name",
                      etype=etype, sentence=s.index,
                      head_lemma=s.token(j).lemma, first=i, last=j, name=name, post=post)
        nm.guessed = guessed
        title = s.token(i - 1)
        if etype == "Person" and title is not None and title.lemma.lower() in lex.person_titles:
            nm.extra_aliases.append(f"{title.text.lower()} {s.token(j).text}")   # "de heer Lemmens"
        add(nm)
        i = j + 1

    # 3. self references of the publisher ("deze krant")
    lowered = text[s.start:s.end].lower()
    for phrase in lex.self_reference:
        for mm in re.finditer(r"\b" + re.escape(phrase) + r"\b", lowered):
            a, b = s.start + mm.start(), s.start + mm.end()
            toks_in = [x for x in toks if x.start >= a and x.end <= b]
            if not toks_in:
                continue
            # replace a mention of the noun itself ("krant")
            out[:] = [m for m in out if not (m.start >= a and m.end <= b)]
            out.append(TMention(start=a, end=b, text=text[a:b], kind="self", etype="Organization",
                                sentence=s.index, head_lemma=phrase, first=toks_in[0].i, last=toks_in[-1].i))

    # 4. "twee van hen": a counted part of the group named before
    for t in toks:
        nxt, pron = s.token(t.i + 1), s.token(t.i + 2)
        if t.i in used or t.tag != "TW" or nxt is None or pron is None or nxt.lemma != "van" \
                or pron.text.lower() not in ("hen", "hun", "hen.", "die"):
            continue
        count = _number(t, lex)
        if count is None:
            continue
        out.append(TMention(start=t.start, end=pron.end, text=span_text(t.i, pron.i), kind="group", etype="Group",
                            sentence=s.index, head_lemma="", count=count, first=t.i, last=pron.i,
                            subset_of_count=-1))
        used.update({t.i, nxt.i, pron.i})

    # 4b. "de twee", "beiden": the two people named last
    for t in toks:
        nxt, prev = s.token(t.i + 1), s.token(t.i - 1)
        if t.i in used:
            continue
        pair = (t.lemma.lower() == "twee" and prev is not None and prev.tag == "LID" and prev.text.lower() == "de"
                and (nxt is None or nxt.tag not in ("N", "ADJ", "SPEC")))
        if pair or t.text.lower() in ("beiden", "allebei"):
            first = prev.i if pair else t.i
            out.append(TMention(start=s.token(first).start, end=t.end, text=span_text(first, t.i), kind="pronoun",
                                etype="Person", sentence=s.index, head_lemma="twee", first=first, last=t.i,
                                pronoun="de twee"))
            used.update(range(first, t.i + 1))

    # 5. personal pronouns
    for t in toks:
        w = t.text.lower()
        if t.i not in used and w.endswith("zelf") and w[:-4] in NOMINATIVE | OBLIQUE:
            # "ikzelf", "hijzelf": Frog does not always know them as pronouns
            out.append(TMention(start=t.start, end=t.end, text=t.text, kind="pronoun", etype="Person",
                                sentence=s.index, head_lemma=w[:-4], first=t.i, last=t.i, pronoun=w[:-4]))
            continue
        if t.i in used or t.tag != "VNW":
            continue
        if w in DEMONSTRATIVE and "aanw" in t.pos and "pron" in t.pos and _starts_clause(s, t):
            # "Die lichtte de burgemeester in.": the one just named
            out.append(TMention(start=t.start, end=t.end, text=t.text, kind="pronoun", etype="Person",
                                sentence=s.index, head_lemma=w, first=t.i, last=t.i, pronoun=w))
            continue
        if ("pers" in t.pos or "pr," in t.pos or "(pr" in t.pos) and (w in NOMINATIVE or w in OBLIQUE or w in ADDRESSEE
                                                                       or w in INFORMAL_ADDRESSEE):
            if w == "haar" and "bez" in t.pos:
                continue
            out.append(TMention(start=t.start, end=t.end, text=t.text, kind="pronoun", etype="Person",
                                sentence=s.index, head_lemma=w, first=t.i, last=t.i, pronoun=w))
    # 6. "het Nationaal Cyber Security Centrum (NCSC)": the abbreviation names the same organisation
    for m in list(out):
        if m.etype not in ("Organization", "Body") or m.kind in ("group", "self"):
            continue
        last = m.last
        # "de Autoriteit woningcorporaties (Aw)": lower-case words of the name before its abbreviation
        k = last
        while s.token(k + 1) is not None and s.token(k + 1).tag in ("N", "ADJ") and s.token(k + 1).text.islower() \
                and k - last < 3:
            k += 1
        if k > last and s.token(k + 1) is not None and s.token(k + 1).text == "(" and m.text[:1].isupper():
            last = k
        op, abbr, cl = s.token(last + 1), s.token(last + 2), s.token(last + 3)
        if op is not None and op.text == "(" and cl is not None and cl.text == ")" and \
                (is_abbreviation(abbr.text) or _initials_of(span_text(m.first, last), abbr.text)):
            if last != m.last:
                m.last, m.end = last, s.token(last).end
                m.text = m.name = span_text(m.first, last)
                out[:] = [x for x in out if x is m or not (m.first <= x.first and x.last <= last)]
            m.abbreviation = abbr.text
            out[:] = [x for x in out if not (x.first == abbr.i and x.last == abbr.i)]
    out.sort(key=lambda m: m.start)
    return out


def _starts_clause(s: Sentence, t: Token) -> bool:
    """Does ``t`` open its sentence (or a main clause after "en"/"maar")?"""
    prev = s.token(t.i - 1)
    return prev is None or prev.text in ('"', "'", "“") or (prev.lemma in ("en", "maar") and prev.i == 1)


def _counted(s: Sentence, t: Token) -> bool:
    """A numeral before the noun, over adjectives: "drie roeiers", "twaalf boze bewoners"."""
    j = t.i - 1
    while s.token(j) is not None and s.token(j).tag == "ADJ":
        j -= 1
    return s.token(j) is not None and s.token(j).tag == "TW"


def is_first_name(word: str) -> bool:
    """A capitalised first name of the names list, also a double one ("Jan-Willem", "Pieter-Bas")."""
    names = roles().first_names
    return word[:1].isupper() and (word.lower() in names or (
        "-" in word and all(p.lower() in names for p in word.split("-"))))


def _name_tail(s: Sentence, j: int) -> int:
    """The last token of a person's name of one word (a first name) that goes on in lower-case
    tussenvoegsels Frog left out ("Fatima" + "el Amrani"): the index of its capitalised last word,
    or j."""
    k = j + 1
    words = s.token(j).text.split()
    if len(words) == 2 and words[-1].lower() in tussenvoegsels() and words[0].lower() in roles().first_names:
        nxt = s.token(k)     # "Gijs_Oude" + "Hengel": Frog's unit ends in a tussenvoegsel
        if nxt is not None and nxt.text[:1].isupper() and nxt.tag in ("SPEC", "N", "ADJ") \
                and not roles().kind(nxt.lemma.lower()):
            return k
    word = s.token(j).text
    first_name = word.lower() in roles().first_names or is_first_name(word)
    if not first_name and not (ner_class(s.token(j)) == "PER" and s.token(k) is not None
                               and s.token(k).text in tussenvoegsels()):
        return j     # only a first name goes on into a surname
    # lower-case tussenvoegsels; the first may be capitalised ("Gijs Oude Hengel")
    while s.token(k) is not None and (s.token(k).text in tussenvoegsels() or
                                      (k == j + 1 and s.token(k).text.lower() in tussenvoegsels())):
        k += 1
    last = s.token(k)
    if k > j + 1 and last is not None and last.text[:1].isupper() and last.tag in ("SPEC", "N", "ADJ"):
        return k
    # a known first name and a capitalised word Frog took for a noun or a verb: "Freek Vermolen"
    if k == j + 1 and last is not None and last.text[:1].isupper() and last.tag in ("SPEC", "N", "ADJ", "WW") and not roles().kind(last.lemma.lower()):
        return k
    return j


def _initials_of(name: str, abbr: str) -> bool:
    """"Aw" for "Autoriteit woningcorporaties": the first letters of the name's words."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in roles().abbreviation_skip]
    return len(abbr) >= 2 and "".join(w[0] for w in words).lower() == abbr.lower()


def is_abbreviation(word: str) -> bool:
    """"NCSC", "AP", "IOB", "NVWA": a short word of capitals (a few lower-case letters allowed)."""
    return bool(re.fullmatch(r"[A-Z][A-Za-z&\-]{1,9}", word)) and sum(c.isupper() for c in word) >= 2 \
        and sum(c.islower() for c in word) <= 2
