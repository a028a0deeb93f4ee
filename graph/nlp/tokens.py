"""Frog's tab-separated columns -> :class:`~graph.model.Token` / :class:`~graph.model.Sentence`
with character offsets into the original text.

Frog gives no offsets, and its word column is not always the text as written: it drops soft
hyphens, keeps zero-width characters inside words, joins multi-word units with ``_``
("op_de_hoogte" for "op de hoogte"), and other tokenisers normalise quotes and ellipses. So each
token is looked up in the text from the current position with a tolerant comparison, and what
cannot be found is filled in from the gap between its aligned neighbours. Nothing here raises
on odd input; what could not be aligned is counted in ``stats``.

Pure functions, no Frog needed::

    >>> raw = "1\\tHij\\thij\\t[hij]\\tVNW()\\t0.99\\tO\\tB-NP\\t2\\tsu\\n2\\tslaapt\\tslapen\\t[slaap][t]\\tWW()\\t0.9\\tO\\tB-VP\\t0\\tROOT\\n"
    >>> [ (t.text, t.start, t.end) for t in align("  Hij  slaapt", 0, parse_columns(raw))[0].tokens ]
    [('Hij', 2, 5), ('slaapt', 7, 13)]
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple, Optional

from graph.model import Sentence, Token

__all__ = ["Row", "parse_columns", "align", "STAT_KEYS"]

# What ``stats`` counts: every token once in "tokens", and once in exactly one of
# exact/fuzzy/gap/unaligned. "bad_head" counts heads outside the sentence (set to 0).
STAT_KEYS = ("tokens", "exact", "fuzzy", "gap", "unaligned", "bad_head")

# How far past the expected position a token may be found (chars). Frog drops little, so a
# token far ahead is more likely a different occurrence of the same word.
_SEARCH_WINDOW = 80


class Row(NamedTuple):
    """One line of Frog's tabbed output."""

    index: int
    word: str
    lemma: str
    morph: str
    pos: str
    prob: str
    ner: str
    chunk: str
    head: int
    rel: str


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def parse_columns(raw: str) -> list[list[Row]]:
    """Split Frog's tabbed reply into sentences of :class:`Row`.

    Sentences are separated by blank lines; leading/trailing blank lines and lines without a
    tab are ignored; missing columns (a parser that was skipped) become "" and head 0.

    >>> [[r.word for r in s] for s in parse_columns("\\n1\\tJa\\tja\\n\\n1\\tNee\\tnee\\n")]
    [['Ja'], ['Nee']]
    """
    sentences: list[list[Row]] = []
    current: list[Row] = []
    for line in raw.split("\n"):
        line = line.rstrip("\r")
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            continue  # not a token line (e.g. a stray status line)
        cols += [""] * (10 - len(cols))
        index = _int(cols[0], len(current) + 1)
        if current and index == 1:
            # A new sentence without the blank line in between.
            sentences.append(current)
            current = []
        current.append(Row(index, cols[1], cols[2], cols[3], cols[4], cols[5], cols[6],
                           cols[7], _int(cols[8], 0), cols[9]))
    if current:
        sentences.append(current)
    return sentences


# ---------------------------------------------------------------------------------------------
# tolerant comparison

_QUOTE1 = "'‘’‚‛`´′‹›"
_QUOTE2 = '"“”„‟″«»'
_DASH = "‐‑‒–—―−"


@lru_cache(maxsize=4096)
def _canon(ch: str) -> str:
    """The comparison key of one character: NFKC (ligatures, ellipsis), one kind of quote
    and dash, case-folded. Ignorable characters (soft hyphen, zero-width, BOM) map to ""."""
    cat = unicodedata.category(ch)
    if cat == "Cf" or (cat == "Cc" and not ch.isspace()):
        return ""
    if ch in _QUOTE1:
        return "'"
    if ch in _QUOTE2:
        return '"'
    if ch in _DASH:
        return "-"
    return unicodedata.normalize("NFKC", ch).casefold()


def _canon_str(s: str) -> str:
    return "".join(_canon(c) for c in s)


def _skip_space(text: str, pos: int, end: int) -> int:
    """Skip whitespace and ignorable characters."""
    while pos < end and (text[pos].isspace() or _canon(text[pos]) == ""):
        pos += 1
    return pos


def _match_at(text: str, pos: int, end: int, key: str) -> Optional[tuple[bool, int]]:
    """Match the canonical ``key`` at ``text[pos:]``; return (exact, end) or None.

    Ignorable characters in the text are stepped over; one text character may stand for
    several key characters ("…" for "...") and the other way round.
    """
    k = 0
    i = pos
    exact = True
    while k < len(key):
        if i >= end:
            return None
        c = _canon(text[i])
        if c == "":
            i += 1
            exact = False
            continue
        if key.startswith(c, k):
            k += len(c)
            i += 1
            continue
        return None
    return exact, i


def _find_word(text: str, pos: int, end: int, word: str) -> Optional[tuple[int, int, bool]]:
    """Find one Frog word (maybe an ``_``-joined unit) at or just after ``pos``.

    Returns (start, end, exact) or None.
    """
    alternatives = [[word]]
    parts = [p for p in word.split("_") if p]
    if "_" in word and parts:
        alternatives.append(parts)
    for skip_ahead in (False, True):
        for parts_ in alternatives:
            keys = [_canon_str(p) for p in parts_]
            if not keys[0]:
                continue
            first = _skip_space(text, pos, end)
            candidates = [first]
            if skip_ahead:
                limit = min(end, first + _SEARCH_WINDOW)
                candidates = [j for j in range(first + 1, limit)
                              if _canon(text[j])[:1] == keys[0][:1] and _boundary(text, j)]
            for start in candidates:
                hit = _match_parts(text, start, end, keys)
                if hit is not None and (not skip_ahead or _boundary(text, hit[0])):
                    stop, exact = hit
                    return start, stop, exact
    return None


def _boundary(text: str, i: int) -> bool:
    """Whether a token may begin or end at ``i``: not inside a run of letters/digits.

    Only used when searching ahead, so that a short token ("a") is not found inside a later
    word ("dat")."""
    return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())


def _match_parts(text: str, start: int, end: int, keys: list[str]) -> Optional[tuple[int, bool]]:
    i = start
    all_exact = True
    for n, key in enumerate(keys):
        if n:
            i = _skip_space(text, i, end)
        if not key:
            continue
        hit = _match_at(text, i, end, key)
        if hit is None:
            return None
        exact, i = hit
        all_exact = all_exact and exact
    return i, all_exact


# ---------------------------------------------------------------------------------------------


def align(text: str, paragraph_start: int, sentences_rows: list[list[Row]], *,
          end: Optional[int] = None, first_index: int = 0, offset: int = 0,
          stats: Optional[Counter] = None) -> list[Sentence]:
    """Turn parsed rows into Sentences whose tokens carry offsets into ``text``.

    ``paragraph_start``/``end`` bound the part of ``text`` that Frog was given. Token offsets
    satisfy ``text[t.start:t.end] == t.text`` (then shifted by ``offset``); ``t.text`` is the
    surface form as written, multi-word units with their original spacing. A token that can be
    found nowhere gets an empty span at the current position and is counted as "unaligned".
    Sentences are numbered from ``first_index``; heads outside the sentence become 0.
    """
    if stats is None:
        stats = Counter()
    if end is None:
        end = len(text)
    end = max(paragraph_start, min(end, len(text)))
    pos = paragraph_start

    # First pass: find what can be found; None marks a token to fill from the gap.
    spans: list[list[Optional[tuple[int, int, str]]]] = []
    for rows in sentences_rows:
        found: list[Optional[tuple[int, int, str]]] = []
        for row in rows:
            hit = None
            try:
                hit = _find_word(text, pos, end, row.word)
            except Exception:  # alignment must never take the pipeline down
                hit = None
            if hit is None:
                found.append(None)
            else:
                s, e, exact = hit
                found.append((s, e, "exact" if exact else "fuzzy"))
                pos = e
        spans.append(found)

    # Second pass: fill unaligned runs from the text between their aligned neighbours.
    flat = [(si, ti) for si, found in enumerate(spans) for ti in range(len(found))]
    k = 0
    while k < len(flat):
        si, ti = flat[k]
        if spans[si][ti] is not None:
            k += 1
            continue
        run_end = k
        while run_end < len(flat) and spans[flat[run_end][0]][flat[run_end][1]] is None:
            run_end += 1
        prev = spans[flat[k - 1][0]][flat[k - 1][1]] if k > 0 else None
        nxt = spans[flat[run_end][0]][flat[run_end][1]] if run_end < len(flat) else None
        gap_start = prev[1] if prev else paragraph_start
        gap_end = nxt[0] if nxt else end
        pieces = _pieces(text, gap_start, gap_end)
        run = flat[k:run_end]
        if len(pieces) == len(run):
            for (a, b), (rs, rt) in zip(pieces, run):
                spans[rs][rt] = (a, b, "gap")
        elif len(run) == 1 and pieces:
            spans[si][ti] = (pieces[0][0], pieces[-1][1], "gap")
        else:
            at = _skip_space(text, gap_start, gap_end)
            for rs, rt in run:
                spans[rs][rt] = (at, at, "unaligned")
        k = run_end

    sentences: list[Sentence] = []
    for rows, found in zip(sentences_rows, spans):
        if not rows:
            continue
        tokens = []
        n = len(rows)
        for position, (row, (s, e, how)) in enumerate(zip(rows, found), start=1):
            stats["tokens"] += 1
            stats[how] += 1
            head = row.head
            if not 0 <= head <= n:
                stats["bad_head"] += 1
                head = 0
            surface = text[s:e] if how != "unaligned" else row.word.replace("_", " ")
            lemma, parts = row.lemma, row.pos.split("_")
            if len(parts) > 1 and parts[0].startswith("VZ") and all(p.startswith("LID") for p in parts[1:]):
                lemma = lemma.split("_", 1)[0]   # "aan het" as one unit: its lemma is the preposition
            tokens.append(Token(i=row.index if row.index >= 1 else position, text=surface,
                                lemma=lemma, morph=row.morph, pos=row.pos, ner=row.ner,
                                chunk=row.chunk, head=head, rel=row.rel,
                                start=s + offset, end=e + offset))
        tokens = _split_glued_names(tokens)
        sentences.append(Sentence(index=first_index + len(sentences),
                                  start=tokens[0].start, end=max(t.end for t in tokens),
                                  tokens=tokens))
    return sentences


def _glued_parts(tok: Token) -> list[tuple[int, int]]:
    """Where a multi-word unit of proper nouns glues a person's name to another name, the word
    ranges of each name: Frog joins "Verhoef Provinciale Staten" (B-PER_B-ORG_I-ORG) and
    "Koning Marloes Tiel" (O_B-PER_I-PER) into one unit although its NER sees two."""
    ners, tags = tok.ner.split("_"), tok.pos.split("_")
    if len(ners) < 2 or len(ners) != len(tags) or not all(p.startswith("SPEC") for p in tags) \
            or not any(n.endswith("-PER") for n in ners):
        return []
    cuts = [k for k in range(1, len(ners)) if ners[k].startswith("B-")]
    if not cuts or len(ners) < 3 or all(n.endswith("-PER") for n in ners):
        return []   # two words ("Gijs_Oude", B-PER_B-LOC) are more likely one name the NER cut
    bounds = [0] + cuts + [len(ners)]
    return list(zip(bounds, bounds[1:]))


def _split_glued_names(tokens: list[Token]) -> list[Token]:
    """Each name of a glued unit as a token of its own, with its own offsets. The person's name
    keeps the unit's head and relation; a name before it modifies it, a name after it is its
    apposition. Every head is renumbered."""
    groups: list[tuple[list[Token], int]] = []   # (tokens a Frog token becomes, index of its main one)
    for tok in tokens:
        parts = _glued_parts(tok)
        spans = _pieces(tok.text, 0, len(tok.text))
        ners, lemmas, tags = tok.ner.split("_"), tok.lemma.split("_"), tok.pos.split("_")
        if not parts or len(spans) != len(ners):
            groups.append(([tok], 0))
            continue
        if len(lemmas) != len(spans):
            lemmas = [tok.text[a:b] for a, b in spans]
        main = next(k for k, (a, b) in enumerate(parts) if any(n.endswith("-PER") for n in ners[a:b]))
        groups.append(([replace(tok, text=tok.text[spans[a][0]:spans[b - 1][1]], lemma="_".join(lemmas[a:b]),
                                pos="_".join(tags[a:b]), ner="_".join(ners[a:b]),
                                start=tok.start + spans[a][0], end=tok.start + spans[b - 1][1])
                        for a, b in parts], main))
    if all(len(group) == 1 for group, _ in groups):
        return tokens
    new_index, n = {}, 0
    for group, main in groups:
        new_index[group[0].i] = n + 1 + main   # where the old index (and heads pointing to it) now is
        n += len(group)
    out = []
    for group, main in groups:
        first = new_index[group[0].i] - main
        for k, tok in enumerate(group):
            if k == main:
                out.append(replace(tok, i=first + k, head=new_index.get(tok.head, 0)))
            else:
                out.append(replace(tok, i=first + k, head=first + main, rel="mod" if k < main else "app"))
    return out


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Whitespace-separated pieces of ``text[start:end]`` as spans."""
    out = []
    i = start
    while i < end:
        i = _skip_space(text, i, end)
        if i >= end:
            break
        j = i
        while j < end and not text[j].isspace():
            j += 1
        out.append((i, j))
        i = j
    return out
