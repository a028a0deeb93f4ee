"""Reading sources: front matter, encodings, HTML and PDF -> :class:`graph.model.Document`.

A text document may start with a YAML front-matter block::

    ---
    title: ...
    publisher: ...
    published: 2021-07-05      # YYYY, YYYY-MM or YYYY-MM-DD
    url: https://...
    ---

Offsets everywhere in govgraph index into ``Document.text``: the body after the front matter.
Without front matter the first lines are searched for a dateline ("05-07-2021",
"Den Haag, 5 juli 2021", "date 2021-10"); otherwise the publication date is unknown.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Iterable, Optional

import yaml

from graph.errors import InputError
from graph.model import Document, PartialDate

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
META_FIELDS = {"title", "publisher", "original_publisher", "author", "published", "url", "language", "date"}


def collect(paths: Iterable) -> list:
    """Expand files and directories into the sorted list of readable source files.

    Raises InputError for a missing path or a directory without documents.
    """
    files = []
    for p in map(Path, paths):
        if not p.exists():
            raise InputError(f"{p}: no such file or directory; check the path "
                             f"(sources are .txt, .md, .html or .pdf files, or directories of them)")
        if p.is_dir():
            # README files describe a folder; they are not documents of the affair
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not f.name.upper().startswith("README")
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                raise InputError(f"{p}: directory holds no documents; put .txt, .md, .html or .pdf "
                                 f"files in it, or name the files themselves")
            files.extend(found)
        elif p.suffix.lower() in SUFFIXES:
            files.append(p)
        else:
            raise InputError(f"{p}: unsupported file type {p.suffix or '(none)'!r}; "
                             f"govgraph reads .txt, .md, .html and .pdf")
    seen, out = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            out.append(f)
    names = {}
    for f in out:
        if f.name in names:
            raise InputError(f"{f}: another source has the same file name ({names[f.name]}); "
                             f"file names identify documents in the graph, so rename one of them")
        names[f.name] = f
    return out


def read(path) -> Document:
    """Read one source file into a Document. Raises InputError on unreadable input."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        doc = _read_html(path)
    elif suffix in PDF_SUFFIXES:
        doc = _read_pdf(path)
    else:
        doc = _read_text(path)
    if not doc.text.strip():
        raise InputError(f"{path}: the document has no text; remove it from the sources or add its text")
    doc.sha256 = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    doc.paragraphs = paragraphs(doc.text)
    return doc


def read_all(paths: Iterable) -> list:
    return [read(p) for p in collect(paths)]


def paragraphs(text: str) -> list:
    """Blocks of text between blank lines, as (start, end) offsets."""
    out = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", text, re.S):
        out.append((m.start(), m.end()))
    return out


def _decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            f"{path}: not UTF-8 text (byte 0x{data[e.start]:02x} on line {line}); "
            f"convert it, e.g. iconv -f windows-1252 -t utf-8 '{path}' > '{path.stem}.utf8{path.suffix}'") from e
    return text.lstrip("\ufeff").replace("\r\n", "\n")


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror}); check its permissions") from e
    if not data.strip():
        raise InputError(f"{path}: empty file; remove it from the sources or add the document's text")
    return data


def _read_text(path: Path) -> Document:
    text = _decode(path, _read_bytes(path))
    meta = {}
    m = FRONT_MATTER.match(text)
    if m:
        try:
            meta = yaml.safe_load(m.group(1)) or {}
        except yaml.YAMLError as e:
            raise InputError(f"{path}: the front matter is not valid YAML ({e.problem or e}); "
                             f"fix the block between the '---' lines") from e
        if not isinstance(meta, dict):
            raise InputError(f"{path}: the front matter must be 'key: value' lines between '---' lines")
        text = text[m.end():]
    doc = Document(path=str(path), source=path.name, text=text)
    _apply_meta(doc, meta, path)
    if doc.published is None:
        doc.published = find_dateline(text)
    return doc


def _apply_meta(doc: Document, meta: dict, path: Path) -> None:
    unknown = set(meta) - META_FIELDS
    if unknown:
        raise InputError(f"{path}: unknown front-matter field(s) {', '.join(sorted(unknown))}; "
                         f"valid fields are {', '.join(sorted(META_FIELDS))}")
    for key in ("title", "publisher", "original_publisher", "author", "url", "language"):
        value = meta.get(key)
        if value is not None:
            setattr(doc, key, str(value).strip())
    value = meta.get("published", meta.get("date"))
    if value is not None:
        doc.published = _meta_date(value, path)


def _meta_date(value, path: Path) -> PartialDate:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    try:
        return PartialDate.parse(str(value))
    except (ValueError, TypeError) as e:
        raise InputError(f"{path}: front-matter 'published: {value}' is not a date; "
                         f"write YYYY, YYYY-MM or YYYY-MM-DD") from e


_MONTHS = None


def _month_names() -> dict:
    """Dutch month names from the time lexicon (language knowledge stays data)."""
    global _MONTHS
    if _MONTHS is None:
        from graph.lexicon.load import load_yaml
        data = load_yaml("time")
        table = {}
        for entry in (data.get("months") or {}).get("entries", []):
            for name in list(entry.get("forms", [])) + list(entry.get("abbr", [])):
                table[str(name).lower()] = int(entry["value"])
        _MONTHS = table
    return _MONTHS


def find_dateline(text: str, lines: int = 12) -> Optional[PartialDate]:
    """A publication date stated at the top of a text, or None.

    >>> find_dateline("Nieuws\\n05-07-2021\\nDe wethouder ...")
    PartialDate(year=2021, month=7, day=5)
    """
    head = "\n".join(text.splitlines()[:lines])
    m = re.search(r"(?m)^\s*(?:date|datum)?:?\s*(\d{1,2})-(\d{1,2})-(\d{4})\s*$", head)
    if m:
        return _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.search(r"(?m)^\s*(?:date|datum|gepubliceerd|published)\s*:?\s*(\d{4})-(\d{2})(?:-(\d{2}))?\b", head, re.I)
    if m:
        return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    try:
        months = _month_names()
    except Exception:  # the time lexicon is optional for datelines
        months = {}
    if months:
        names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
        m = re.search(rf"(?m)^[^\n]{{0,40}}?\b(\d{{1,2}})\s+({names})\.?\s+(\d{{4}})\b", head, re.I)
        if m:
            return _safe(int(m.group(3)), months[m.group(2).lower()], int(m.group(1)))
    return None


def _safe(y, m, d):
    try:
        pd = PartialDate(y, m, d)
        pd.first_day()
        return pd
    except ValueError:
        return None


def _read_html(path: Path) -> Document:
    import trafilatura

    html = _decode(path, _read_bytes(path))
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError(f"{path}: no article text found in the HTML page; save the article itself, "
                         f"or paste its text into a .txt file")
    meta = trafilatura.extract_metadata(html)
    doc = Document(path=str(path), source=path.name, text=text.replace("\r\n", "\n"))
    if meta is not None:
        doc.title = meta.title
        doc.publisher = meta.sitename or meta.hostname
        doc.url = meta.url
        if meta.date:
            try:
                doc.published = PartialDate.parse(meta.date[:10])
            except ValueError:
                doc.published = None
    if doc.published is None:
        doc.published = find_dateline(doc.text)
    return doc


def _read_pdf(path: Path) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    _read_bytes(path)
    try:
        reader = PdfReader(str(path))
        pages = [(page.extract_text() or "") for page in reader.pages]
    except (PdfReadError, ValueError, OSError) as e:
        raise InputError(f"{path}: not a readable PDF ({e}); check the file or export it again") from e
    parts, spans, pos = [], [], 0
    for number, page_text in enumerate(pages, 1):
        page_text = page_text.replace("\r\n", "\n").strip()
        spans.append((number, pos, pos + len(page_text)))
        parts.append(page_text)
        pos += len(page_text) + 2
    text = "\n\n".join(parts)
    if not text.strip():
        raise InputError(f"{path}: the PDF has no text layer (a scan?); run OCR on it first, "
                         f"e.g. ocrmypdf, and build again")
    doc = Document(path=str(path), source=path.name, text=text, pages=spans)
    info = reader.metadata or {}
    doc.title = (info.get("/Title") or None) if hasattr(info, "get") else None
    doc.published = find_dateline(text)
    return doc
