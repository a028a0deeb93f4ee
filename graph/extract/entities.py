"""Resolve mentions to entities: within a document, then across the corpus.

Within a document: a title before a name gives the person a post ("burgemeester Jansen"),
so that "de burgemeester" later resolves to that person; surnames join full names; pronouns
go to the nearest compatible person (subjects preferred for nominative pronouns); "ik"/"mij"
inside a quotation go to its speaker; groups keep their counts and subsets.
Across documents: the same full name is one person; a surname alone joins the one full name
with that surname; a post named without holder joins the person who held that post in the
same place elsewhere in the corpus; bodies and organisations join by name and place.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from graph.extract.lexicon import roles, tussenvoegsels
from graph.extract.mentions import DEMONSTRATIVE, FIRST_PERSON, INFORMAL_ADDRESSEE, INITIALS, NOMINATIVE, TMention
from graph.model import Document, Entity


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"




def surname_only(name: str) -> bool:
    """"Jansen", "Van Dalsum", "de Vries": a surname without a first name or initial."""
    words = name.split()
    return len(words) == 1 or words[0].lower() in tussenvoegsels()


def surname_key(name: str) -> str:
    """The surname of a name, lower case with its tussenvoegsels: "Ingrid van Dalsum" and
    "Van Dalsum" -> "van dalsum"; "P. Bakels" -> "bakels"."""
    words = name.split()
    if not words:
        return name.lower()
    if not surname_only(name):
        words = words[1:]
        while len(words) > 1 and words[0].endswith(".") and len(words[0]) <= 3:
            words = words[1:]   # more initials: "J.P. de Vries", "J. P. de Vries"
    return " ".join(words).lower()


def surname(name: str) -> str:
    return surname_key(name)


def find_full(key: str, full: dict):
    """The full name a surname key belongs to: exactly, else by the last word ("Graaf" for
    "de graaf") or by the first part of a double name ("brinkman" for "brinkman-öztürk");
    only when exactly one full name fits."""
    if key in full:
        return full[key]
    fits = {v for k, v in full.items()
            if k.split()[-1] == key or k.split()[-1].split("-")[0] == key.split()[-1]}
    return next(iter(fits)) if len(fits) == 1 else None


@dataclass
class DocContext:
    """What a document's resolution produced: mentions per sentence, entities, place, speakers."""

    doc: Document
    sentences: list
    mentions: dict                 # sentence index -> [TMention]
    place: str = ""
    speakers: dict = field(default_factory=dict)   # sentence index -> entity key of the quoted speaker
    speaker_bodies: dict = field(default_factory=dict)  # sentence index -> mention of the body a speaker speaks for
    entities: dict = field(default_factory=dict)   # key -> Entity
    focus: Optional[str] = None    # the person the document's affair is about
    focus_org: Optional[str] = None  # the organisation it is about (not a supervisor, not the publisher)
    doc_voice: Optional[str] = None  # who speaks when no publisher is known (set by the build)


def _new(ctx: DocContext, key: str, etype: str, label: str) -> Entity:
    e = ctx.entities.get(key)
    if e is None:
        e = ctx.entities[key] = Entity(key=key, etype=etype, label=label)
    e.documents.add(ctx.doc.source)
    return e


def _aliases(e: Entity, m) -> None:
    """Every way a mention names its entity: as written, with its possessive ("zijn fractie")
    and with its "van" complement ("de fractie van D66")."""
    _alias(e, m.text)
    for a in getattr(m, "extra_aliases", ()):
        _alias(e, a)
    if getattr(m, "possessive", ""):
        _alias(e, f"{m.possessive} {m.text}")
    if getattr(m, "of_text", ""):
        _alias(e, f"{m.text} {m.of_text}")


def _alias(e: Entity, text: str) -> None:
    text = " ".join(text.split())
    if text and text != e.label:
        e.aliases.add(text)
    # "een onafhankelijk, extern onderzoek" is also "extern onderzoek"
    if e.etype in ("Organization", "Body", "Group") and "," in text:
        plain = " ".join(text.replace(",", " ").split())
        words = plain.split()
        if plain != e.label:
            e.aliases.add(plain)
        if len(words) >= 3 and words[-2][:1].islower():
            e.aliases.add(" ".join(words[-2:]))


def document_place(doc: Document, sentences, mentions) -> str:
    """The place the document is about: named with its organisations, else its most named location."""
    counts = Counter()
    names = {w for ms in mentions.values() for m in ms if m.etype == "Person" and m.kind == "name"
             for w in m.name.split()}
    for ms in mentions.values():
        for m in ms:
            if m.place:
                counts[m.place] += 3
    for s in sentences:
        for t in s.tokens:
            word = t.text.split()[0].split("_")[0]
            prev = s.token(t.i - 1)
            if t.ner.startswith("B-LOC") and t.tag == "SPEC" and word not in names and not roles().kind(word.lower()) \
                    and not (prev is not None and prev.text == "("):   # "(Dtb)" is an abbreviation
                counts[word] += 1
    return counts.most_common(1)[0][0] if counts else ""


def quote_spans(text: str) -> list:
    """(open, close) character positions of the quotations in ``text``: curly quotes pair as
    written; straight double quotes pair in turn within a paragraph."""
    spans = []
    pos = 0
    for para in text.split("\n"):
        opened = None
        for i, ch in enumerate(para):
            if ch == "“" or (ch == '"' and opened is None):
                opened = pos + i
            elif (ch == "”" or ch == '"') and opened is not None:
                spans.append((opened, pos + i))
                opened = None
        pos += len(para) + 1
    return spans


def find_quotes(doc: Document, sentences, mentions) -> list:
    """Quoted passages and the mention that speaks them: [(start, end, m)]. The speaker is named
    before a colon ("Jansen: '...'") or after the quotation with a cue ('"...", zegt Jansen',
    '"...", aldus de decaan', '"...", zegt hij'); an unattributed quotation right after an
    attributed one in the same paragraph has the same speaker."""
    text = doc.text
    out = []
    for s in sentences:
        for m in mentions.get(s.index, []):
            if m.etype not in ("Person", "Role") or m.kind not in ("name", "role"):
                continue
            mm = re.match(r"\s*:\s*(['\"‘“])", text[m.end:m.end + 6])
            if not mm:
                continue
            if _written_to(s, m):
                continue    # "X schrijft aan de dijkgraaf: '...'": the one written to does not speak
            open_at = m.end + mm.end()
            close = {"'": "'", '"': '"', "‘": "’", "“": "”"}[mm.group(1)]
            cm = re.search(r"[.!?]" + re.escape(close) + r"|" + re.escape(close) + r"\s*(?:\n|$)",
                           text[open_at:])
            end = open_at + cm.end() if cm else len(text)
            out.append((open_at, end, m))
    cues = roles().attribution_cues.get("after", frozenset())
    speakers = sorted((m for ms in mentions.values() for m in ms
                       if m.etype in ("Person", "Role") and m.kind in ("name", "role", "pronoun")),
                      key=lambda m: m.start)
    previous = None   # (close, speaker) of the last attributed quotation
    for qa, qb in quote_spans(text):
        if any(a <= qa < b for a, b, _ in out):
            continue
        after = re.match(r"[,.]?\s*,?\s*(\w+)", text[qb + 1:qb + 30])
        m = None
        if after and after.group(1).lower() in cues:
            cue_end = qb + 1 + after.end()
            m = next((x for x in speakers if cue_end <= x.start <= cue_end + 40), None)
        if m is None and previous is not None and "\n" not in text[previous[0]:qa] \
                and re.fullmatch(r"[^\"“”]{0,120}", text[previous[0] + 1:qa]):
            m = previous[1]     # the speaker goes on: '"...", zegt Jansen. "..."'
        if m is None:
            m = _introduced_speaker(text, sentences, speakers, qa)
        if m is not None:
            out.append((qa, qb + 1, m))
            previous = (qb, m)
        else:
            previous = None
    return out


def _written_to(s, m) -> bool:
    """Is mention m (before a colon) the one written or spoken to: "aan"/"tegen" stands between it
    and the verb before it ("schrijft aan de directeur, dr. S.M. Rietveld:")?"""
    j = m.first - 1
    while j >= 1:
        t = s.token(j)
        if t.tag == "WW":
            return False
        if t.tag == "VZ" and t.lemma in ("aan", "tegen"):
            return True
        j -= 1
    return False


def addressed_quotes(doc: Document, sentences, mentions) -> list:
    """Quotations written to someone named before the colon ("X schrijft aan directeur Y: '...'"):
    [(start, end, mention of Y)]. "je" in them is Y."""
    text = doc.text
    spans = quote_spans(text)
    out = []
    for s in sentences:
        for m in mentions.get(s.index, []):
            if m.etype not in ("Person", "Role", "Body", "Organization") or not re.match(r"\s*:\s*['\"‘“]", text[m.end:m.end + 6]):
                continue
            if not _written_to(s, m):
                continue
            for qa, qb in spans:
                if 0 <= qa - m.end <= 4:
                    out.append((qa, qb + 1, m))
    return out


def _introduced_speaker(text: str, sentences, speakers: list, qa: int):
    """'Ook heemraad Kees Smolders is hard in zijn oordeel. "Ik wist er niets van."': a quotation
    that opens a sentence right after one, in the same paragraph, that names a person and
    quotes no one is spoken by that sentence's first person (its subject, as news writes it)."""
    para_start = text.rfind("\n", 0, qa) + 1
    before = text[para_start:qa].rstrip()
    if not before or before[-1] not in ".!?:" or before.count('"') % 2 or before.count("“") != before.count("”"):
        return None     # (a short quotation inside the introducing sentence is fine)
    prev = [s for s in sentences if para_start <= s.start < qa]
    if not prev:
        return None
    last = prev[-1]
    if last.start == qa or text[last.start] in '"“':
        return None
    named = [m for m in speakers if last.start <= m.start < min(last.end, qa) and m.kind in ("name", "role")]
    return named[0] if named else None


def speaker_bodies(doc: Document, sentences, mentions, quotes) -> dict:
    """For each quotation, the body or organisation its speaker speaks for, when the attribution
    names one ("..., aldus voorzitter Jan Smit van de raad van toezicht"): "wij" in the quote."""
    out = {}
    for qa, qb, m in quotes:
        end = doc.text.find(".", qb)
        end = end if end != -1 else qb + 120
        tail = [x for ms in mentions.values() for x in ms
                if qb <= x.start <= min(end, qb + 120) and x.etype in ("Body", "Organization") and x.kind != "self"]
        if tail:
            body = min(tail, key=lambda x: x.start)
            for s in sentences:
                if qa <= s.start < qb:
                    out[s.index] = body
    return out


def resolve_document(doc: Document, sentences, mentions: dict) -> DocContext:
    lex = roles()
    ctx = DocContext(doc, sentences, mentions)
    ctx.place = document_place(doc, sentences, mentions)
    ordered = [m for s in sentences for m in mentions.get(s.index, [])]

    # publisher and original publisher are organisations of their own
    for name in (doc.publisher, doc.original_publisher):
        if name:
            e = _new(ctx, slug(name), "Organization", name)
            _add_name_mentions(ctx, name, e.key)   # "legde Follow the Money de bevindingen voor"

    # 1. persons by name; a surname joins the full name in this document
    full = {}
    for m in ordered:
        if m.kind == "name" and m.etype == "Person" and not surname_only(m.name):
            full.setdefault(surname_key(m.name), m.name)
    # a name Frog's NER left unclassed is a person's when a person of that surname is named
    firsts, initial_names = {}, {}
    for name in full.values():
        firsts.setdefault(name.split()[0].lower(), set()).add(name)
    for name in full.values():
        first = name.split()[0]
        if re.fullmatch(r"([A-Z]\.)+", first):
            # "A. Verschoor": a first name with that initial may be his ("Arnoud")
            initial_names.setdefault(first[0].lower(), set()).add(name)
    for m in ordered:
        if m.kind != "name" or m.etype != "Organization" or not m.name:
            continue
        single = len(m.name.split()) == 1
        if (getattr(m, "guessed", False) or single) and find_full(surname_key(m.name), full):
            m.etype = "Person"      # "Steggink" where "Ronald Steggink" is named
        elif getattr(m, "guessed", False) and m.name.split()[0].lower() in lex.first_names:
            m.etype = "Person"
            if single and len(firsts.get(m.name.lower(), ())) == 1:
                m.name = next(iter(firsts[m.name.lower()]))   # "Sjoerd" for "Sjoerd Wijbenga"
    _add_surname_mentions(doc, sentences, mentions, full)
    _split_other_holders_title(sentences, mentions, full)
    ordered = [m for s in sentences for m in mentions.get(s.index, [])]
    holders = {}   # post -> [entity key] in order of mention
    named_orgs = []   # (head noun, entity key) of organisations named so far, in order
    for s in sentences:
        for m in mentions.get(s.index, []):
            prev = s.token(m.first - 1)
            if m.kind == "name" and m.etype == "Person" and len(m.name.split()) == 1 and not find_full(surname_key(m.name), full) \
                    and not m.post and prev is not None and prev.tag == "VZ" and prev.lemma in ("van", "uit", "in", "te"):
                m.kind = "place"
    for s in sentences:
        for m in mentions.get(s.index, []):
            before, after = s.token(m.first - 1), s.token(m.last + 1)
            if m.kind == "name" and m.etype == "Person" and before is not None and before.text == "(" \
                    and after is not None and after.text == ")" and len(m.name.split()) <= 2:
                m.etype = "Organization"
            elif m.kind == "name" and m.etype == "Person" and _affiliation(s, m, mentions.get(s.index, [])):
                m.etype = "Organization"   # "raadslid Ton Wever van Dorpsbelang Oosterveen": his party
    org_names = {m.name for ms in mentions.values() for m in ms if m.kind == "name" and m.etype == "Organization"}
    for ms in mentions.values():
        for m in ms:
            if m.kind == "name" and m.etype == "Person" and m.name in org_names:
                m.etype = "Organization"
    # "Vechtzoom" alone, where the text also says "Woonstichting Vechtzoom": the foundation
    by_tail = {}
    for ms in mentions.values():
        for m in ms:
            words = m.name.split() if m.kind == "name" and m.etype == "Organization" else []
            if len(words) >= 2 and lex.kind(words[0]) == "org" and all(w[:1].isupper() for w in words[1:]):
                by_tail.setdefault(" ".join(words[1:]), m.name)
            # "Lumen" alone, where the text also says "Lumen Onderwijs": the name before a sector word
            elif len(words) >= 2 and words[-1].lower() in lex.firm_words and all(w[:1].isupper() for w in words[:-1]):
                by_tail.setdefault(" ".join(words[:-1]), m.name)
    for m in ordered:
        full_name = by_tail.get(m.name) if m.kind == "name" else None
        if full_name and not (m.etype == "Person" and find_full(surname_key(m.name), full)):
            m.etype, m.extra_aliases = "Organization", m.extra_aliases + [m.text]
            m.name = m.text = full_name
    def tail_mention(s, t):
        full_name = by_tail.get(t.text)
        if full_name and t.tag not in ("WW", "VZ", "LID", "VNW", "VG") and not find_full(surname_key(t.text), full):
            return TMention(start=t.start, end=t.end, text=full_name, kind="name", etype="Organization",
                            sentence=s.index, head_lemma=t.lemma, first=t.i, last=t.i, name=full_name,
                            extra_aliases=[t.text])
        return None
    _add_where_uncovered(sentences, mentions, tail_mention)
    ordered = [m for s in sentences for m in mentions.get(s.index, [])]
    # "Dactylus" alone, where the text also says "forensisch bureau Dactylus": the bureau
    org_by_name = {m.name: m for ms in mentions.values() for m in ms if m.kind == "org" and m.name}
    for m in ordered:
        if m.kind == "name" and len(m.name.split()) == 1 and m.name in org_by_name and \
                (m.etype == "Organization" or (m.etype == "Person" and not find_full(surname_key(m.name), full))):
            org = org_by_name[m.name]
            m.kind, m.etype, m.text, m.post, m.head_lemma = "org", "Organization", org.text, org.post, org.head_lemma
    # ... and "naar Vechtzoom", where Frog took the name for a place
    def org_mention(s, t):
        org = org_by_name.get(t.text)
        if org is not None and t.tag == "SPEC" and t.text[:1].isupper():
            return TMention(start=t.start, end=t.end, text=org.text, kind="org", etype="Organization",
                            sentence=s.index, head_lemma=org.head_lemma, first=t.i, last=t.i,
                            name=org.name, post=org.post)
        return None
    _add_where_uncovered(sentences, mentions, org_mention)
    ordered = [m for s in sentences for m in mentions.get(s.index, [])]
    for m in ordered:
        if m.kind == "name" and m.etype == "Person" and surname_only(m.name) and m.name.endswith("s") \
                and not find_full(surname_key(m.name), full) and find_full(surname_key(m.name[:-1]), full):
            m.name = m.name[:-1]    # the genitive: "Roozendaals voorganger"
        if m.kind == "name" and m.etype == "Person" and len(m.name.split()) == 1 \
                and not find_full(surname_key(m.name), full) and len(firsts.get(m.name.lower(), ())) == 1 \
                and m.name.lower() in lex.first_names:
            m.name = next(iter(firsts[m.name.lower()]))   # "Olivier" for "Olivier Hamelink"
        elif m.kind == "name" and m.etype == "Person" and len(m.name.split()) == 1 \
                and not find_full(surname_key(m.name), full) and m.name.lower() in lex.first_names \
                and not firsts.get(m.name.lower()) and len(initial_names.get(m.name[0].lower(), ())) == 1:
            m.name = next(iter(initial_names[m.name[0].lower()]))   # "Arnoud" for "A. Verschoor"
        if m.kind == "name" and m.etype == "Person":
            name = (find_full(surname_key(m.name), full) or m.name) if surname_only(m.name) else m.name
            e = _new(ctx, slug(name), "Person", name)
            _alias(e, m.text)
            for a in m.extra_aliases:
                _alias(e, a)
            m.entity = e.key
            if m.post:
                e.posts.add(m.post)
                holders.setdefault(m.post, []).append(e.key)
    # an indefinite post right after a person's name is that person's post
    # ("Jan Jansen (PvdA), wethouder van de gemeente X")
    for s in sentences:
        ms = mentions.get(s.index, [])
        pairs = [(a, b) for i, b in enumerate(ms) for a in ms[:i]]
        for a, b in pairs:
            if b.kind == "apposition":
                continue
            if a.entity and ctx.entities[a.entity].etype == "Person" and b.kind in ("indefinite-role", "role") \
                    and b.post and 0 < b.first - a.last <= 5:
                between = s.tokens[a.last:b.first - 1]
                if all(t.tag in ("LET", "SPEC", "LID") for t in between) and not any(t.text in ".;:" for t in between) \
                        and any(t.text in (",", ")", "(") for t in between):   # not "sprak Boerema de wethouder aan"
                    ctx.entities[a.entity].posts.add(b.post)
                    holders.setdefault(b.post, []).append(a.entity)
                    b.entity = a.entity
                    b.kind = "apposition"

    # "de directeur van het sportbedrijf, Jan de Vries," : the post and the name are one person
    for s in sentences:
        ms = mentions.get(s.index, [])
        for i, r in enumerate(ms):
            if r.kind not in ("role", "indefinite-role") or not r.post or r.post not in roles().posts and \
                    roles().kind(r.post) != "post":
                continue
            for p in ms[i + 1:i + 4]:
                if not (p.entity and ctx.entities[p.entity].etype == "Person" and p.kind == "name"):
                    continue
                between = s.tokens[r.last:p.first - 1]
                while between and (between[-1].lemma.lower() in roles().person_titles
                                   or between[-1].text.lower() in roles().person_titles
                                   or between[-1].tag == "LID") and len(between) > 1:
                    between = between[:-1]      # ", de heer P. Wolters,", ", drs. A. Vermaat,"
                others = [x for x in ms if r.last < x.first and x.last < p.first and x.kind in ("role", "indefinite-role")]
                if between and between[-1].text == "," and len(between) <= 7 and not others and \
                        not any(t.tag == "WW" or (t.tag == "VZ" and t.lemma in ("aan", "tegen", "met", "naar", "voor",
                                                                               "over", "door"))
                                for t in between):
                    ctx.entities[p.entity].posts.add(r.post)
                    holders.setdefault(r.post, []).append(p.entity)
                    r.entity, r.kind = p.entity, "apposition"
                    _alias(ctx.entities[p.entity], r.text)
                    break

    # 2. quotations and their speakers
    quotes = find_quotes(doc, sentences, mentions)

    def quoted(s, qa, qb) -> bool:
        return qa <= s.start < qb or (s.start < qa < s.end and qb >= s.end - 2)

    for s in sentences:
        for qa, qb, m in quotes:
            if quoted(s, qa, qb) and m.entity:
                ctx.speakers[s.index] = m.entity
    ctx.speaker_bodies = speaker_bodies(doc, sentences, mentions, quotes)

    # 3. roles, bodies, organisations, groups, pronouns in reading order
    groups = []   # (entity, head, count)
    unnamed = {}  # post -> the entity of "een <post>" named without a holder
    last_person = []   # [(entity key, is_subject, sentence index)]
    for s in sentences:
        for m in mentions.get(s.index, []):
            if m.entity:
                if ctx.entities[m.entity].etype in ("Person", "Role"):
                    last_person.append((m.entity, _is_subject(s, m), s.index))
                continue
            prev = _role_apposition(s, m, mentions.get(s.index, []))
            if prev is not None:
                # "de klokkenluider, een controller bij de faculteit,": one person, two posts
                m.entity = prev.entity
                _aliases(ctx.entities[m.entity], m)
                continue
            if m.kind == "indefinite-role" and m.post and _after_indefinite_article(s, m):
                # "een medewerker van de afdeling inkoop": someone not named, one of a kind in
                # this document; "de medewerker" later is the same one
                label = " ".join(f"{m.text} {m.of_text}".split())
                key = slug(f"{doc.doc_id} {label}")
                e = _new(ctx, key, "Role", label)
                e.posts.add(m.post)
                _aliases(e, m)
                unnamed.setdefault(m.post, key)
                m.entity = key
                last_person.append((m.entity, _is_subject(s, m), s.index))
                continue
            if m.kind == "role" and lex.kind(m.post) == "post" and set(m.modifiers) & lex.other_holder:
                # "de plaatsvervangend griffier": not the griffier named so far
                label = " ".join([w for w in m.modifiers if w in lex.other_holder] + [m.post])
                key = "post-" + slug(label + (" " + ctx.place if ctx.place else ""))
                e = _new(ctx, key, "Role", label)
                e.posts.add(m.post)
                _aliases(e, m)
                m.entity = key
                last_person.append((m.entity, _is_subject(s, m), s.index))
                continue
            if m.kind == "role" and lex.kind(m.post) == "post":
                cands = holders.get(m.post)
                if not cands and m.post in unnamed:
                    cands = [unnamed[m.post]]
                if cands:
                    m.entity = cands[-1]
                    _aliases(ctx.entities[m.entity], m)
                    last_person.append((m.entity, _is_subject(s, m), s.index))
                    continue
                key = "post-" + slug(m.post + (" " + ctx.place if ctx.place else ""))
                e = _new(ctx, key, "Role", m.post)
                e.posts.add(m.post)
                _aliases(e, m)
                m.entity = key
                last_person.append((m.entity, _is_subject(s, m), s.index))
                continue
            if m.kind == "role":
                key = "role-" + slug(m.post + (" " + ctx.place if ctx.place else ""))
                e = _new(ctx, key, "Role", m.post)
                _aliases(e, m)
                m.entity = key
                last_person.append((m.entity, _is_subject(s, m), s.index))
                continue
            if m.kind == "body":
                key = slug(m.head_lemma + (" " + ctx.place if ctx.place else ""))
                e = _new(ctx, key, "Body", _body_label(m))
                _aliases(e, m)
                m.entity = key
                continue
            if m.kind == "self":
                name = doc.original_publisher or doc.publisher
                if name:
                    e = _new(ctx, slug(name), "Organization", name)
                    _alias(e, m.text)
                    m.entity = e.key
                continue
            if m.kind == "org" or (m.kind == "name" and m.etype == "Organization"):
                if m.name:
                    label = f"{m.text}" if not m.text.lower().startswith(("de ", "het ")) else m.text.split(" ", 1)[1]
                    key = slug(label)
                elif m.post in ("gemeente", "provincie", "waterschap") and ctx.place:
                    label, key = f"{m.post} {ctx.place}", slug(f"{m.post} {ctx.place}")
                elif m.definite and _named_before(named_orgs, m.post):
                    # "het bureau" after "onderzoeksbureau Kompas": that bureau
                    key = _named_before(named_orgs, m.post)
                    _alias(ctx.entities[key], m.text)
                    m.entity = key
                    continue
                else:
                    # unnamed: one per document and head word ("een extern bureau" ... "het bureau")
                    tail = _tail_word(m.head_lemma)
                    key = slug(f"{doc.doc_id} {tail}")
                    label = m.text
                existing = ctx.entities.get(key)
                e = _new(ctx, key, "Organization", label)
                if existing is None:
                    e.label = label
                _aliases(e, m)
                if m.name and m.kind == "org":
                    # "het Utrechtse onderzoeksbureau Kader & Co" is also "Kader & Co" and
                    # "onderzoeksbureau Kader & Co"
                    _alias(e, m.name)
                    if m.post and not m.name.lower().startswith(m.post):
                        _alias(e, f"{m.post} {m.name}")
                if m.name and m.post:
                    named_orgs.append((m.post, key))
                m.entity = key
                continue
            if m.kind == "group" and m.head_lemma in lex.investigators and m.count is None and m.definite \
                    and _named_before(named_orgs, lex.investigating_heads):
                # "De onderzoekers spraken met ..." after "onderzoeksbureau Kompas": Kompas
                m.entity = _named_before(named_orgs, lex.investigating_heads)
                _alias(ctx.entities[m.entity], m.text)
                continue
            if m.kind == "group":
                e = _resolve_group(ctx, m, groups)
                m.entity = e.key
                continue
            if m.kind == "pronoun" and (m.pronoun in ("u", "wij", "we", "ons") or m.pronoun in FIRST_PERSON
                                        or m.pronoun in INFORMAL_ADDRESSEE):
                continue   # resolved below, once every body and every speaker is known
            if m.kind == "pronoun" and _plural(s, m):
                # "zij"/"ze" with a plural verb: the group named last, if it was named lately
                recent = {x.entity for k in range(max(0, s.index - 3), s.index + 1)
                          for x in mentions.get(k, []) if x.entity and x.start < m.start}
                named_groups = [x.entity for k in range(max(0, s.index - 2), s.index + 1)
                                 for x in mentions.get(k, []) if x.entity and x.start < m.start and x.kind == "group"]
                if groups and groups[-1][0].key in recent:
                    m.entity = groups[-1][0].key
                elif named_groups:
                    m.entity = named_groups[-1]
                else:
                    pair = _person_pair(ctx, s, m)   # "tussen Rietveld en Daalder ... dat zij": the two
                    if pair:
                        m.entity, m.also = pair[0], [pair[1]]
                continue
            if m.kind == "pronoun" and m.pronoun == "de twee":
                # the two people named last: "De twee spraken af dat ..."
                two = []
                for key, _, idx in reversed(last_person):
                    if key not in two and s.index - idx <= 3:
                        two.append(key)
                    if len(two) == 2:
                        break
                if len(two) == 2:
                    m.entity, m.also = two[1], [two[0]]
                continue
            if m.kind == "pronoun" and m.pronoun in DEMONSTRATIVE:
                m.entity = last_named(ctx, s)
                if m.entity and ctx.entities[m.entity].etype in ("Person", "Role"):
                    last_person.append((m.entity, True, s.index))
                continue
            if m.kind == "pronoun":
                m.entity = _resolve_pronoun(ctx, s, m, last_person)
                if m.entity:
                    last_person.append((m.entity, _is_subject(s, m), s.index))
    # speakers named by a post or a pronoun are known now ('"...", zegt de decaan')
    for s in sentences:
        for qa, qb, m in quotes:
            if quoted(s, qa, qb) and m.entity and s.index not in ctx.speakers:
                ctx.speakers[s.index] = m.entity
    addressed = addressed_quotes(doc, sentences, mentions)
    for s in sentences:
        for m in mentions.get(s.index, []):
            if m.kind == "pronoun" and m.pronoun in FIRST_PERSON:
                m.entity = _resolve_pronoun(ctx, s, m, last_person)
            elif m.kind == "pronoun" and m.pronoun in INFORMAL_ADDRESSEE:
                # "je" in an e-mail quoted as written to someone; else left open (often generic)
                m.entity = next((a.entity for qa, qb, a in addressed if qa <= m.start < qb and a.entity), None)
    for s in sentences:
        for m in mentions.get(s.index, []):
            if m.kind == "pronoun" and m.pronoun == "u":
                m.entity = _addressee(ctx)
            elif m.kind == "pronoun" and m.pronoun in ("wij", "we", "ons"):
                m.entity = _as_body(s, m, mentions.get(s.index, [])) or _resolve_pronoun(ctx, s, m, last_person)
    _merge_abbreviations(ctx)
    _definite_heads(ctx)
    ctx.focus = _focus(ctx)
    ctx.focus_org = _focus_org(ctx)
    return ctx


def _add_name_mentions(ctx: DocContext, name: str, key: str) -> None:
    """Mentions of ``key`` wherever ``name`` stands in the text and no mention covers it yet."""
    text = ctx.doc.text
    for mm in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
        a, b = mm.start(), mm.end()
        for s in ctx.sentences:
            if not (s.start <= a < s.end):
                continue
            toks = [t for t in s.tokens if t.start >= a and t.end <= b]
            ms = ctx.mentions.setdefault(s.index, [])
            if not toks or any(m.start < b and a < m.end and m.entity != key for m in ms
                               if m.kind not in ("name", "org")):
                break
            ms[:] = [m for m in ms if not (m.start < b and a < m.end)]
            ms.append(TMention(start=a, end=b, text=name, kind="name", etype="Organization", sentence=s.index,
                               head_lemma=toks[-1].lemma, first=toks[0].i, last=toks[-1].i, name=name, entity=key))
            ms.sort(key=lambda m: m.start)
            break


def _definite_heads(ctx: DocContext) -> None:
    """"het centrum" where the text named "Centrum Veilige Sport Nederland": a definite noun that
    is the first word of one named organisation's name is that organisation."""
    heads = {}
    for ms in ctx.mentions.values():
        for m in ms:
            e = ctx.entities.get(m.entity) if m.entity else None
            words = e.label.split() if e is not None and e.etype == "Organization" else []
            if len(words) >= 2 and words[0][:1].isupper():
                heads.setdefault(words[0].lower(), set()).add(e.key)
    if not heads:
        return

    def head_mention(s, t):
        det = s.token(t.i - 1)
        keys = heads.get(t.text.lower())
        if not (keys and len(keys) == 1 and t.tag == "N" and t.text[:1].islower()
                and det is not None and det.tag == "LID" and det.pos.startswith("LID(bep")):
            return None
        key = next(iter(keys))
        _alias(ctx.entities[key], f"{det.text.lower()} {t.text}")
        return TMention(start=det.start, end=t.end, text=f"{det.text} {t.text}", kind="org",
                        etype="Organization", sentence=s.index, head_lemma=t.lemma, first=det.i,
                        last=t.i, entity=key, definite=True)
    _add_where_uncovered(ctx.sentences, ctx.mentions, head_mention)


def _merge_abbreviations(ctx: DocContext) -> None:
    """An organisation introduced with its abbreviation ("de Auditdienst Rijk (ADR)") is the one
    the abbreviation names elsewhere in the document: their nodes become one."""
    into = {}
    for ms in ctx.mentions.values():
        for m in ms:
            if getattr(m, "abbreviation", "") and m.entity in ctx.entities:
                _alias(ctx.entities[m.entity], m.abbreviation)
                into[m.abbreviation.lower()] = m.entity
    if not into:
        return
    # the abbreviation alone where Frog's NER did not see a name ("De Aw informeerde ...")
    def abbreviation_mention(s, t):
        key = into.get(t.text.lower())
        if key and t.text[:1].isupper() and key in ctx.entities:
            return TMention(start=t.start, end=t.end, text=t.text, kind="name", etype=ctx.entities[key].etype,
                            sentence=s.index, head_lemma=t.lemma, first=t.i, last=t.i, name=t.text, entity=key)
        return None
    _add_where_uncovered(ctx.sentences, ctx.mentions, abbreviation_mention)
    rename = {}
    for key, e in list(ctx.entities.items()):
        label = e.label.lower()
        target = into.get(label) or into.get(label.split(" ", 1)[-1] if label.split(" ", 1)[0] in ("de", "het") else label)
        if target and target != key and e.etype in ("Organization", "Body", "Person"):
            t = ctx.entities[target]
            t.aliases |= {a for a in e.aliases | {e.label} if a != t.label}
            rename[key] = target
            del ctx.entities[key]
    if not rename:
        return
    for ms in ctx.mentions.values():
        for m in ms:
            if m.entity in rename:
                m.entity, m.etype = rename[m.entity], ctx.entities[rename[m.entity]].etype
            if getattr(m, "also", None):
                m.also = [rename.get(k, k) for k in m.also]
    for idx, key in list(ctx.speakers.items()):
        ctx.speakers[idx] = rename.get(key, key)


def _add_surname_mentions(doc: Document, sentences, mentions: dict, full: dict) -> None:
    """A surname of a person named in full elsewhere in the document is a mention of that
    person even where Frog's NER missed it."""
    if not full:
        return
    def surname_mention(s, t):
        # Frog may tag a surname as a noun or an adjective ("Hazeleger" as a comparative)
        if not t.text[:1].isupper() or t.tag not in ("SPEC", "N", "ADJ") or not find_full(surname_key(t.text), full):
            return None
        return TMention(start=t.start, end=t.end, text=t.text, kind="name", etype="Person",
                        sentence=s.index, head_lemma=t.lemma, first=t.i, last=t.i, name=t.text)
    _add_where_uncovered(sentences, mentions, surname_mention)


def _add_where_uncovered(sentences, mentions: dict, make) -> None:
    """Add the mention ``make(sentence, token)`` returns (or None) for every token that no
    mention of the sentence covered before this pass: names found again where the NER missed them."""
    for s in sentences:
        ms = mentions.setdefault(s.index, [])
        covered = {i for m in ms for i in range(m.first, m.last + 1)}
        for t in s.tokens:
            m = make(s, t) if t.i not in covered else None
            if m is not None:
                ms.append(m)
        ms.sort(key=lambda m: m.start)


def _as_body(s, m: TMention, ms: list) -> Optional[str]:
    """"Wij als raad", "Als medezeggenschapsraad zijn we": the body 'we' speak as."""
    for x in ms:
        als = s.token(x.first - 1)
        if x.entity and x.etype in ("Body", "Organization", "Group") and als is not None \
                and als.lemma.lower() == "als" and abs(x.first - m.first) <= 5:
            return x.entity
    return None


def last_named(ctx: DocContext, s) -> Optional[str]:
    """"Die"/"Deze" opening a sentence: the agent named last in the sentence before."""
    prev = [m for m in ctx.mentions.get(s.index - 1, []) if m.entity and m.kind != "pronoun"
            and ctx.entities.get(m.entity) is not None]
    before = ctx.sentences[s.index - 1] if s.index > 0 else None
    while len(prev) > 1 and before is not None and _of_complement(before, prev[-2], prev[-1]):
        prev.pop()    # "de vertrouwenspersoon van de gemeente. Die ...": the vertrouwenspersoon
    return prev[-1].entity if prev else None


def _of_complement(s, head: TMention, m: TMention) -> bool:
    """Whether mention m is the "van" complement of mention head ("de voorzitter van de raad")."""
    between = [t for t in s.tokens[head.last:m.first - 1]]
    return bool(between) and between[0].lemma == "van" and all(t.tag == "LID" for t in between[1:])


def _after_indefinite_article(s, m: TMention) -> bool:
    det = s.token(m.first - 1)
    return det is not None and det.tag == "LID" and det.pos.startswith("LID(onbep")


def _role_apposition(s, m: TMention, ms: list):
    """The resolved person or post that an indefinite post stands in apposition to
    ("De klokkenluider, een controller bij ..."), or None."""
    if m.kind != "indefinite-role":
        return None
    prev = [p for p in ms if p.last < m.first and p.entity and p.etype in ("Person", "Role")]
    if not prev:
        return None
    p = prev[-1]
    between = [t.text.lower() for t in s.tokens[p.last:m.first - 1]]
    return p if between in ([","], [",", "een"]) else None


def _body_label(m) -> str:
    """A body's label: its canonical name, capitalised as written when the text writes it so
    ("Tweede Kamer", "Provinciale Staten")."""
    canon = m.head_lemma
    written = " ".join(m.text.split())
    if written.lower() == canon and written[:1].isupper():
        return written
    return canon


def _named_before(named_orgs: list, post) -> Optional[str]:
    """The organisation named most recently with this head noun (or one of these), or a compound of
    it ("onderzoeksbureau Kompas" for "het bureau"), if there is one."""
    if not post:
        return None
    posts = (post,) if isinstance(post, str) else tuple(post)
    for head, key in reversed(named_orgs):
        if any(head == p or head.endswith(p) for p in posts):
            return key
    return None


def _split_other_holders_title(sentences, mentions, full) -> None:
    """"sprak de burgemeester Kaandorp aan", where Kaandorp was named as the wethouder: the
    burgemeester and Kaandorp are two people, subject and object, not a title and its holder.
    Only a post with an article before it and a surname whose person held another post."""
    lex = roles()
    posts_of = {}   # full name -> posts given with it so far
    for s in sentences:
        ms = mentions.get(s.index, [])
        for m in list(ms):
            if m.kind != "name" or m.etype != "Person" or not m.post:
                continue
            key = find_full(surname_key(m.name), full) or m.name
            det, title = s.token(m.first - 1), s.token(m.first)
            known = posts_of.get(key, set())
            if surname_only(m.name) and known and m.post not in known and lex.kind(m.post) == "post" \
                    and det is not None and det.tag == "LID" and det.pos.startswith("LID(bep") \
                    and title is not None and title.lemma.lower() == m.post and m.last > m.first:
                role = TMention(start=title.start, end=title.end, text=title.text, kind="role", etype="Role",
                                sentence=s.index, head_lemma=m.post, first=m.first, last=m.first, post=m.post,
                                definite=True)
                name_tok = s.token(m.first + 1)
                m.start, m.first, m.post, m.extra_aliases = name_tok.start, m.first + 1, "", []
                ms.insert(ms.index(m), role)
                continue
            posts_of.setdefault(key, set()).add(m.post)


def _affiliation(s, m, sentence_mentions) -> bool:
    """Is the name m, which the NER took for a person's, the organisation of the person named just
    before it ("Ton Wever van Dorpsbelang Oosterveen")? Only a name of two or more words that does
    not begin with a first name, an initial or a particle."""
    words = m.name.split()
    if len(words) < 2 or words[0].lower() in roles().first_names or INITIALS.fullmatch(words[0]) \
            or words[0].lower() in tussenvoegsels():
        return False
    return any(p.last < m.first and p.etype in ("Person", "Role") and p.kind in ("name", "role")
               and _of_complement(s, p, m) for p in sentence_mentions)


def _tail_word(lemma: str) -> str:
    for tail in ("bureau", "kantoor", "dienst", "onderzoek", "commissie", "inspectie"):
        if lemma.endswith(tail):
            return tail
    return lemma


def _plural(s, m: TMention) -> bool:
    """"hen/hun" are plural; "zij/ze" as its finite verb says ("zij heeft" one, "zij hebben" more),
    else as Frog tagged it."""
    if m.pronoun in ("hen", "hun"):
        return True
    if m.pronoun not in ("zij", "ze"):
        return False
    verbs = [t for t in s.tokens if t.tag == "WW" and "pv" in t.pos]
    if verbs:
        v = min(verbs, key=lambda t: abs(t.i - m.first))
        if ",ev" in v.pos or v.pos.endswith("ev)") or "met-t" in v.pos:
            return False
        if ",mv" in v.pos:
            return True
    t = s.token(m.first)
    return t is not None and ",mv" in t.pos


def _is_subject(s, m: TMention) -> bool:
    t = s.token(m.last)
    return bool(t and t.rel == "su") or m.pronoun in NOMINATIVE


def _resolve_group(ctx: DocContext, m: TMention, groups: list) -> Entity:
    if m.subset_of_count == -1:      # "twee van hen"
        parent = groups[-1][0] if groups else None
        key = slug(f"{ctx.doc.doc_id} {m.count} van {parent.label if parent else m.text}")
        label = f"{m.text.split()[0].lower()} van de {parent.label}" if parent else m.text
        e = _new(ctx, key, "Group", label)
        e.count, e.head = m.count, parent.head if parent else ""
        if parent is not None:
            e.subgroup_of = parent.key
        _alias(e, m.text)
        return e
    head = m.head_lemma
    # "de overige leden", "andere ouders": not the group named before
    contrast = bool(set(m.modifiers) & roles().contrastive)
    if m.count is None and not contrast:
        for e, h, c in reversed(groups):
            if h == head and not (m.of_text and e.of_text and m.of_text.lower() != e.of_text.lower()):
                _alias(e, m.text)
                return e
    else:
        for e, h, c in reversed(groups):
            if h == head and c == m.count:
                _alias(e, m.text)
                return e
    key = slug(f"{ctx.doc.doc_id} {m.text}")
    label = m.text[0].lower() + m.text[1:] if m.text[:1].isupper() and not m.text.isupper() else m.text
    e = _new(ctx, key, "Group", label)
    _aliases(e, m)
    e.count = m.count
    e.head, e.modifiers = head, tuple(sorted(m.modifiers))
    e.of_text = m.of_text
    if m.subset_of_count is not None:
        for g, h, c in reversed(groups):
            if h == head and c == m.subset_of_count:
                e.subgroup_of = g.key
                break
    groups.append((e, head, m.count))
    return e


def _gender_lexicon():
    from graph.lexicon.load import load_yaml
    data = load_yaml("names")
    return ({n.lower() for n in data.get("female") or ()}, {n.lower() for n in data.get("male") or ()},
            set(data.get("female_titles") or ()), set(data.get("male_titles") or ()))


def person_gender(e: Entity) -> str:
    """'f', 'm' or '' from a first name or a title the text used for the person."""
    female, male, ftitles, mtitles = _gender_lexicon()
    for name in [e.label] + sorted(e.aliases):
        words = name.replace("-", " ").split()
        for i, w in enumerate(words):
            lw = w.lower()
            if lw in ftitles:
                return "f"
            if lw in mtitles:
                return "m"
        first = words[0].lower() if words else ""
        if first in female:
            return "f"
        if first in male:
            return "m"
    return getattr(e, "gender", "") or ""


PRONOUN_GENDER = {"hij": "m", "hem": "m", "zij": "f", "ze": "f", "haar": "f"}


def _resolve_pronoun(ctx: DocContext, s, m: TMention, last_person: list) -> Optional[str]:
    w = m.pronoun
    if w == "u":
        return _addressee(ctx)
    if w in FIRST_PERSON:
        return ctx.speakers.get(s.index) or _author(ctx)
    speaker = ctx.speakers.get(s.index)
    if w in ("wij", "we", "ons"):
        body = ctx.speaker_bodies.get(s.index)
        if body is not None:
            return body.entity or None
        if speaker is None:
            return _signing_body(ctx)
        if speaker:
            chaired = _chaired_body(ctx, speaker) or _body_of_post(ctx, speaker)
            others = [p[0] for p in last_person if p[0] != speaker and s.index - p[2] <= 1]
            if chaired:
                m.also = [chaired]    # "Wij wisten van niets", zegt ledenraadsvoorzitter X: X and the ledenraad
            elif others:
                m.also = [others[-1]]
        return speaker
    nominative = w in NOMINATIVE
    reporter = _reporting_subject(ctx, s, m) if nominative else None
    if reporter is not None:
        return reporter
    # inside a quotation the speaker says "ik", so "hij"/"zij" is someone else
    first_person = {mm.entity for mm in ctx.mentions.get(s.index, []) if mm.pronoun in FIRST_PERSON and mm.entity}
    if speaker is None and _uses_first_person(ctx):
        author = _author(ctx, strict=True)
        if author:
            first_person.add(author)   # in a letter "hij"/"zij" is never its author
    recent = [p for p in last_person if s.index - p[2] <= 5 and p[0] != speaker and p[0] not in first_person]
    # "hij" is no woman and "zij" no man, where a first name or a title tells
    want = PRONOUN_GENDER.get(w)
    if want:
        fitting = [p for p in recent if ctx.entities.get(p[0]) is None
                   or person_gender(ctx.entities[p[0]]) in ("", want)]
        recent = fitting or recent
    # named people first; a post without a name ("de vertrouwenspersoon") only when no one else fits
    people = [p for p in recent if ctx.entities.get(p[0]) is not None and ctx.entities[p[0]].etype == "Person"]
    recent = people or recent
    if not recent:
        return None
    same_sentence = [p for p in recent if p[2] == s.index]
    if want:
        # in one sentence, a person the first name or title says fits comes before one it says nothing of
        known = [p for p in same_sentence if person_gender(ctx.entities[p[0]]) == want] \
            if all(p[0] in ctx.entities for p in same_sentence) else []
        same_sentence = known or same_sentence
    if nominative:
        prev_subjects = [p for p in recent if p[1] and p[2] < s.index]
        if same_sentence and not _is_subject_clause_start(s, m):
            return same_sentence[-1][0]
        if prev_subjects:
            # the subject of the last sentence that had one; between subjects of that same
            # sentence, the one the text has named most so far (the story's protagonist)
            last_idx = prev_subjects[-1][2]
            tied = [p[0] for p in prev_subjects if p[2] == last_idx]
            if len(set(tied)) > 1:
                named = Counter(p[0] for p in last_person)
                return max(dict.fromkeys(tied), key=lambda k: named[k])
            return prev_subjects[-1][0]
        return recent[-1][0]
    # an object pronoun does not point at the subject of its own clause
    for key, is_subj, idx in reversed(recent):
        if idx == s.index and is_subj:
            continue
        return key
    return recent[-1][0]


def _person_pair(ctx: DocContext, s, m: TMention) -> Optional[tuple]:
    """Two people named together with "en" just before a plural pronoun, in its sentence or the one
    before: "Rietveld en Daalder ... zij"; or, for a pronoun that opens its sentence, the only two
    people of the sentence before."""
    for k in (s.index, s.index - 1):
        if k < 0:
            continue
        sent = ctx.sentences[k]
        ms = [x for x in ctx.mentions.get(k, []) if x.entity and not x.pronoun and (k < s.index or x.start < m.start)
              and ctx.entities.get(x.entity) is not None and ctx.entities[x.entity].etype in ("Person", "Role")]
        for a, b in reversed(list(zip(ms, ms[1:]))):
            between = [t.lemma for t in sent.tokens[a.last:b.first - 1]]
            if between == ["en"] and a.entity != b.entity:
                return a.entity, b.entity
    # "Boschma sprak Nijhuis aan. Ze maakten de afspraak ...": the only two people of the sentence before
    if s.index > 0 and not any(x.start < m.start and not x.pronoun for x in ctx.mentions.get(s.index, [])):
        before = [x.entity for x in ctx.mentions.get(s.index - 1, []) if x.entity
                  and ctx.entities.get(x.entity) is not None and ctx.entities[x.entity].etype in ("Person", "Role")]
        people = list(dict.fromkeys(before))
        if len(people) == 2:
            return people[0], people[1]
    return None


def _body_of_post(ctx: DocContext, key: str) -> Optional[str]:
    """The body or organisation named with "van" right after a post-and-name mention of the person:
    "Voorzitter Ton Hagen van de raad van commissarissen" -> the raad van commissarissen."""
    for k, ms in ctx.mentions.items():
        for m in ms:
            if m.entity != key or not getattr(m, "post", ""):
                continue
            body = next((x for x in ms if x.first > m.last and x.entity and ctx.entities.get(x.entity) is not None
                         and ctx.entities[x.entity].etype in ("Body", "Organization")
                         and _of_complement(ctx.sentences[k], m, x)), None)
            if body is not None:
                return body.entity
    return None


def _chaired_body(ctx: DocContext, key: str) -> Optional[str]:
    """The body a person chairs by the name of their post: "ledenraadsvoorzitter" -> the
    ledenraad, "fractievoorzitter" -> the fractie, when the text names that body."""
    e = ctx.entities.get(key)
    for post in sorted(e.posts) if e is not None else ():
        if not post.endswith("voorzitter") or len(post) <= len("voorzitter") + 2:
            continue
        head = post[:-len("voorzitter")].rstrip("s-")
        for b in ctx.entities.values():
            words = b.label.lower().split()
            if b.etype in ("Body", "Organization", "Group") and words and words[-1] in (head, head + "s"):
                return b.key
    return None


def _reporting_subject(ctx: DocContext, s, m: TMention) -> Optional[str]:
    """"De raad van toezicht zegt dat hij niet wist": the subject of a verb of saying is the one
    its "dat"-clause speaks of with "hij"/"zij", when nothing else stands between."""
    dat = s.token(m.first - 1)
    if dat is None or dat.lemma.lower() != "dat" or dat.tag != "VG":
        return None
    verbs = roles().speech_verbs
    verb = next((t for t in reversed(s.tokens[:dat.i - 1]) if t.tag == "WW"), None)
    if verb is None or verb.lemma.lower() not in verbs:
        return None
    def in_pp(x):
        j = x.first - 1
        while j >= 1 and s.token(j).tag in ("LID", "ADJ", "TW"):
            j -= 1
        return s.token(j) is not None and s.token(j).tag == "VZ"
    before = [x for x in ctx.mentions.get(s.index, []) if x.last < dat.i and x.entity and not x.pronoun
              and not in_pp(x)]
    if not before or any(t.tag == "WW" for t in s.tokens[before[-1].last:dat.i - 1] if t.i != verb.i):
        return None
    e = ctx.entities.get(before[-1].entity)
    want = PRONOUN_GENDER.get(m.pronoun)
    if e is None or e.etype == "Group" or (e.etype == "Person" and want and person_gender(e) not in ("", want)):
        return None
    return e.key


def _is_subject_clause_start(s, m) -> bool:
    return m.first <= 2


def _author(ctx: DocContext, strict: bool = False) -> Optional[str]:
    """First person outside a quotation: the author of a letter. The front matter's `author`,
    else the person who signs it (named in the last lines), else the person in the title."""
    if ctx.doc.author:
        key = slug(ctx.doc.author)
        for e in ctx.entities.values():
            if e.key == key or e.label == ctx.doc.author or ctx.doc.author in e.aliases:
                return e.key
    lex = roles()
    tail = ctx.doc.text[-300:].lower()
    if any(formula in tail for formula in lex.closing_formulas):
        # a letter: who signs it
        tail_start = max(0, len(ctx.doc.text) - 250)
        for s in reversed(ctx.sentences):
            for m in reversed(ctx.mentions.get(s.index, [])):
                if m.start < tail_start:
                    break
                if m.entity and m.kind == "name" and ctx.entities[m.entity].etype == "Person":
                    return m.entity
    if strict:
        return None     # the person a title names is a guess, not the signer of a letter
    # an interview or a first-person piece: the person its title names; in a title like
    # '"Ik heb niets verzwegen": griffier Bos over ...' the one named right after the quotation
    title = ctx.doc.title or ""
    quoted = re.match(r"""^\s*["'“‘„].+?["'”’]\s*:\s*(.+)$""", title)
    scope = quoted.group(1) if quoted else title
    positions = {}
    for e in ctx.entities.values():
        if e.etype != "Person":
            continue
        for n in [e.label] + sorted(e.aliases):
            if n and n[:1].isupper() and n in scope:
                positions[e.key] = min(positions.get(e.key, len(scope)), scope.index(n))
    if len(positions) == 1 or (quoted and positions):
        return min(positions, key=positions.get)
    return None


def _uses_first_person(ctx: DocContext) -> bool:
    return any(m.pronoun in FIRST_PERSON and s.index not in ctx.speakers
               for s in ctx.sentences for m in ctx.mentions.get(s.index, []))


def _signing_body(ctx: DocContext) -> Optional[str]:
    """"wij" in a letter: the body or organisation that signs it (named in its last lines, after
    "Hoogachtend," where it says so), else its publisher."""
    tail_start = max(0, len(ctx.doc.text) - 250)
    lowered = ctx.doc.text.lower()
    closings = [lowered.rfind(c) for c in roles().closing_formulas]
    closings = [c for c in closings if c >= tail_start - 250]
    if closings:
        tail_start = min(closings)   # the signature comes after the closing formula
    for kinds in (("Body",), ("Organization",)):
        for s in reversed(ctx.sentences):
            for m in reversed(ctx.mentions.get(s.index, [])):
                if m.start < tail_start:
                    break
                if m.entity and m.etype in kinds and ctx.entities.get(m.entity) is not None \
                        and ctx.entities[m.entity].etype in kinds:
                    return m.entity
    if ctx.doc.publisher:
        return slug(ctx.doc.publisher)
    return None


def _addressee(ctx: DocContext) -> Optional[str]:
    """"u" in a letter: the body it is addressed to ("Aan de gemeenteraad"), or named "uw raad"."""
    for s in ctx.sentences[:4]:
        first = s.token(1)
        if first is not None and first.text == "Aan":
            for m in ctx.mentions.get(s.index, []):
                if m.entity:
                    return m.entity
    for s in ctx.sentences:
        for m in ctx.mentions.get(s.index, []):
            det = s.token(m.first - 1)
            if m.entity and det is not None and det.text.lower() == "uw":
                return m.entity
    return None


def _focus(ctx: DocContext) -> Optional[str]:
    """The person the affair is about: named as the one whose conduct is at issue ("gedrag van X",
    "klachten over X", "zijn gedrag"), else the most mentioned person."""
    lex = roles()
    conduct = Counter()
    for s in ctx.sentences:
        for m in ctx.mentions.get(s.index, []):
            if not m.entity or ctx.entities.get(m.entity) is None or ctx.entities[m.entity].etype != "Person":
                continue
            before = s.token(m.first - 1)
            before2 = s.token(m.first - 2) if m.first > 2 else None
            if before is not None and before.tag == "LID" and before2 is not None:
                before, before2 = before2, s.token(m.first - 3) if m.first > 3 else None
            if before is not None and before.lemma in ("over", "tegen"):
                conduct[m.entity] += 2
            elif before is not None and before.lemma == "van" and before2 is not None \
                    and lex.is_matter_noun(before2.lemma):
                conduct[m.entity] += 2
            elif before is not None and lex.is_matter_noun(before.lemma):
                conduct[m.entity] += 2
            nxt = s.token(m.last + 1)
            if m.pronoun in ("hij", "zij", "hem", "haar") and nxt is not None and lex.is_matter_noun(nxt.lemma):
                conduct[m.entity] += 1
    if conduct:
        return conduct.most_common(1)[0][0]
    counts = Counter()
    roles_seen = Counter()
    for ms in ctx.mentions.values():
        for m in ms:
            if m.entity and m.kind != "pronoun" and ctx.entities.get(m.entity) and \
                    ctx.entities[m.entity].etype == "Person":
                counts[m.entity] += 1
            elif m.entity and m.kind == "role" and ctx.entities.get(m.entity) is not None:
                roles_seen[m.entity] += 1
    if counts:
        return counts.most_common(1)[0][0]
    return roles_seen.most_common(1)[0][0] if roles_seen else None


def _focus_org(ctx: DocContext) -> Optional[str]:
    """The organisation the affair is about: the most mentioned one that is neither a supervisor
    nor the publisher (named at least twice)."""
    lex = roles()
    own = {slug(n) for n in (ctx.doc.publisher, ctx.doc.original_publisher) if n}
    counts = Counter()
    for ms in ctx.mentions.values():
        for m in ms:
            e = ctx.entities.get(m.entity) if m.entity else None
            if e is not None and e.etype == "Organization" and e.key not in own \
                    and not lex.is_supervisor([e.label, *e.aliases]):
                counts[e.key] += 1
    best = counts.most_common(2)
    if not best or best[0][1] < 2 or (len(best) > 1 and best[1][1] == best[0][1]):
        return None
    return best[0][0]


def resolve_corpus(contexts: list) -> dict:
    """Merge the documents' entities into one table; rewrite mention keys. Returns key -> Entity."""
    merged: dict = {}
    rename: dict = {}
    # full names in the corpus, by surname
    fulls = {}
    for ctx in contexts:
        for e in ctx.entities.values():
            if e.etype == "Person" and not surname_only(e.label):
                fulls.setdefault(surname_key(e.label), set()).add(e.key)
    # "R. Dijkhuis" is "Ruben Dijkhuis" when that is the only fit: one key per surname group
    labels = {e.key: e.label for ctx in contexts for e in ctx.entities.values() if e.etype == "Person"}
    initial_of = {}
    for sk, keys in list(fulls.items()):
        named = [k for k in keys if not labels[k].split()[0].endswith(".")]
        for k in keys:
            first = labels[k].split()[0]
            if first.endswith(".") and len(first) <= 3:
                fits = [n for n in named if labels[n].split()[0][:1].lower() == first[:1].lower()]
                if len(fits) == 1:
                    initial_of[k] = fits[0]
        if initial_of:
            fulls[sk] = {initial_of.get(k, k) for k in keys}
    for ctx in contexts:
        for e in ctx.entities.values():
            if e.key in initial_of:
                rename[(ctx.doc.source, e.key)] = initial_of[e.key]
    for ctx in contexts:
        for e in ctx.entities.values():
            if e.etype == "Person" and surname_only(e.label):
                cands = fulls.get(surname_key(e.label), set())
                if not cands:
                    hit = find_full(surname_key(e.label), {k: frozenset(v) for k, v in fulls.items()})
                    cands = set(hit) if hit else set()
                if len(cands) == 1:
                    rename[(ctx.doc.source, e.key)] = next(iter(cands))
    # groups: the same people named alike in documents about the same affair
    # ("twee externe deskundigen" and "de externe deskundigen") are one group
    seen_groups = {}
    for ctx in contexts:
        for e in ctx.entities.values():
            if e.etype != "Group" or not e.head or e.subgroup_of:
                continue
            sig = (ctx.focus, e.head, e.modifiers)
            other = seen_groups.get(sig)
            if other is None:
                seen_groups[sig] = e
            elif other.count is None or e.count is None or other.count == e.count:
                rename[(ctx.doc.source, e.key)] = other.key
                if other.count is None and e.count is not None:
                    other.count, other.label = e.count, e.label
    # post holders per (post, place)
    holders = {}
    for ctx in contexts:
        for e in ctx.entities.values():
            if e.etype == "Person":
                for p in e.posts:
                    holders.setdefault((p, ctx.place), set()).add(rename.get((ctx.doc.source, e.key), e.key))
    for ctx in contexts:
        for e in ctx.entities.values():
            if e.etype == "Role" and e.key.startswith("post-"):
                cands = holders.get((e.label, ctx.place), set())
                if len(cands) == 1:
                    rename[(ctx.doc.source, e.key)] = next(iter(cands))
    originals = {}
    for ctx in contexts:
        for e in ctx.entities.values():
            originals.setdefault(e.key, e)
    for ctx in contexts:
        for e in ctx.entities.values():
            target = rename.get((ctx.doc.source, e.key), e.key)
            m = merged.get(target)
            if m is None:
                base = originals.get(target, e)
                m = merged[target] = Entity(key=target, etype=base.etype, label=base.label)
            if target != e.key and e.etype != m.etype:
                m.aliases.add(e.label)
            elif target != e.key and e.etype == "Group":
                if e.count is not None and m.count is None:
                    m.aliases.add(m.label)
                    m.label = e.label
                else:
                    m.aliases.add(e.label)
            elif len(e.label) > len(m.label) and e.etype == "Person":
                m.aliases.add(m.label)
                m.label = e.label
            m.aliases |= {a for a in e.aliases}
            m.aliases.discard(m.label)
            m.documents |= e.documents
            m.posts |= e.posts
            m.count = m.count or e.count
            if e.subgroup_of:
                m.subgroup_of = m.subgroup_of or rename.get((ctx.doc.source, e.subgroup_of), e.subgroup_of)
        for ms in ctx.mentions.values():
            for mt in ms:
                if mt.entity:
                    mt.entity = rename.get((ctx.doc.source, mt.entity), mt.entity)
        for idx, key in list(ctx.speakers.items()):
            ctx.speakers[idx] = rename.get((ctx.doc.source, key), key)
        if ctx.focus:
            ctx.focus = rename.get((ctx.doc.source, ctx.focus), ctx.focus)
        if ctx.focus_org:
            ctx.focus_org = rename.get((ctx.doc.source, ctx.focus_org), ctx.focus_org)
    return merged
