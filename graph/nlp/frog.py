"""The only module that talks to Frog.

One long-lived Frog server per process (``frog -S PORT``, ~9 s and 1.8 GB to start), one TCP
connection kept open and reused for every text; on a broken connection the server is restarted
once and the request retried. Frog's server glues paragraphs together, so :meth:`Frog.parse`
splits the text into paragraphs itself (blank lines; a short line without final punctuation is
a heading and stands alone) and sends each separately. Over-long sentences are cut at a
semicolon, colon, dash or comma near the middle before sending, because Frog's parser is slow
and poor on them.

``RecordedFrog`` answers from recorded replies (``Frog(record_dir=...)`` writes them) so tests
run without Frog::

    with Frog() as frog:                      # or shared_frog()
        sentences = frog.parse(doc.text)
    sentences = RecordedFrog("tests/fixtures/frog").parse(text)
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Optional

from graph.errors import FrogError
from graph.model import Sentence
from graph.nlp.tokens import align, parse_columns

__all__ = ["Frog", "RecordedFrog", "shared_frog", "split_paragraphs", "segments",
           "frog_input", "text_key", "INSTALL_HINT"]

INSTALL_HINT = "install it with `sudo apt-get install frog frogdata`"
# The frog binary to run: a name on PATH or a path; tests and unusual installs set it.
FROG_ENV = "GOVGRAPH_FROG"

# A line this short without final punctuation, between sentences, is taken for a heading.
_HEADING_MAX_WORDS = 10
_FINAL = tuple(".!?:;,…")
_CLOSERS = "\"'”’»)]"
_DASHES = {"-", "–", "—", "--"}


# ---------------------------------------------------------------------------------------------
# What to send: paragraphs, headings, capped sentences. Pure functions on spans of the text.


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip(_CLOSERS).endswith(_FINAL)


def _starts_like_new(line: str) -> bool:
    c = line.lstrip()[:1]
    return bool(c) and (c.isupper() or c.isdigit() or c in "\"'‘“„([-–—•*")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``: blocks between blank lines, with headings apart.

    A line is a heading when it has at most 10 words, no final punctuation, follows the start
    of its block or a finished sentence, and is followed by a line that starts like a new one;
    in hard-wrapped blocks it must also be clearly shorter than the longest line. Spans are
    stripped of surrounding whitespace.

    >>> t = "Kop\\nJansen moest weg.\\n\\nNog iets."
    >>> [t[a:b] for a, b in split_paragraphs(t)]
    ['Kop', 'Jansen moest weg.', 'Nog iets.']
    """
    lines = []  # (start, end) of each line without its newline
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        lines.append((pos, pos + len(body)))
        pos += len(line)

    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for a, b in lines:
        if text[a:b].strip():
            current.append((a, b))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)

    spans = []
    for block in blocks:
        longest = max(len(text[a:b].strip()) for a, b in block)
        wrapped = len(block) >= 3 and longest <= 100
        group: list[tuple[int, int]] = []
        for n, (a, b) in enumerate(block):
            line = text[a:b].strip()
            prev_done = n == 0 or _ends_sentence(text[block[n - 1][0]:block[n - 1][1]]) \
                or (not group and n > 0)
            next_ok = n == len(block) - 1 or _starts_like_new(text[block[n + 1][0]:block[n + 1][1]])
            heading = (len(block) > 1 and len(line.split()) <= _HEADING_MAX_WORDS
                       and not _ends_sentence(line) and prev_done and next_ok
                       and not (wrapped and len(line) >= 0.6 * longest))
            if heading:
                if group:
                    spans.append((group[0][0], group[-1][1]))
                    group = []
                spans.append((a, b))
            else:
                group.append((a, b))
        if group:
            spans.append((group[0][0], group[-1][1]))
    return [_strip_span(text, a, b) for a, b in spans if text[a:b].strip()]


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+(?=[\"'‘“„(\[]?[A-Z0-9À-Ý])")


def segments(text: str, start: int, end: int, max_tokens: int,
             max_request_words: int = 1000) -> list[tuple[int, int]]:
    """Cut the paragraph ``text[start:end]`` into the spans to send to Frog.

    Only sentences (roughly split at final punctuation) longer than ``max_tokens``
    whitespace words are cut, at a semicolon or colon, else a dash or comma, nearest the
    middle (else at the middle word); everything else stays one span so Frog splits the
    sentences itself. A paragraph of more than ``max_request_words`` words (a PDF page without
    blank lines) is also sent in several requests, cut between sentences, so that no single
    reply keeps Frog silent for minutes.
    """
    cuts: list[int] = []
    s = start
    words_in_request = 0
    for m in list(_SENTENCE_END.finditer(text, start, end)) + [None]:
        e = m.end() if m else end
        n = len(text[s:e].split())
        if words_in_request and words_in_request + n > max_request_words:
            cuts.append(s)
            words_in_request = 0
        words_in_request += n
        cuts.extend(_cut_long(text, s, e, max_tokens))
        s = e
    out = []
    s = start
    for c in sorted(cuts) + [end]:
        a, b = _strip_span(text, s, c)
        if a < b:
            out.append((a, b))
        s = c
    return out


def _cut_long(text: str, start: int, end: int, max_tokens: int) -> list[int]:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if len(words) <= max(1, max_tokens):
        return []
    mid = len(words) / 2
    best = None  # (score, index of the last word of the left part)
    for n, (a, b) in enumerate(words[:-1]):
        w = text[start + a:start + b]
        if w in _DASHES:
            rank = 1
        elif w.rstrip(_CLOSERS).endswith((";", ":")):
            rank = 0
        elif w.rstrip(_CLOSERS).endswith(","):
            rank = 1
        else:
            continue
        if n == 0:
            continue
        # Stronger punctuation wins unless it is much further from the middle.
        score = abs(n + 1 - mid) + rank * len(words) / 6
        if best is None or score < best[0]:
            best = (score, n)
    split_after = best[1] if best else int(mid) - 1
    cut = start + words[split_after][1]
    return (_cut_long(text, start, cut, max_tokens) + [cut]
            + _cut_long(text, cut, end, max_tokens))


_LINE_BREAKS = set("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def frog_input(span: str) -> str:
    """The text sent for one span: one character for one, so nothing can end the request early.

    Line breaks and tabs become spaces (a line "EOT" would end the request; a tab would break
    the columns), as do other whitespace, control and zero-width/format characters (Frog keeps
    those inside words). Soft hyphens stay: Frog drops them itself. Lone surrogates become "?".
    """
    out = []
    for ch in span:
        cat = unicodedata.category(ch)
        if ch in _LINE_BREAKS or ch.isspace() or cat == "Cc" or (cat == "Cf" and ch != "\u00ad"):
            out.append(" ")
        elif cat == "Cs":
            out.append("?")
        else:
            out.append(ch)
    return "".join(out)


def text_key(sent: str) -> str:
    """The recording key of one sent text: sha256 of its UTF-8."""
    return hashlib.sha256(sent.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------


class _Parser:
    """``parse`` on top of ``_reply(sent_text) -> raw columns``."""

    max_tokens: int

    def __init__(self, max_tokens: int = 60):
        self.max_tokens = max_tokens
        # tokens/exact/fuzzy/gap/unaligned/bad_head (see tokens.STAT_KEYS), plus paragraphs,
        # segments, sentences and restarts.
        self.stats: Counter = Counter()

    def _reply(self, sent: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def parse(self, text: str, base_offset: int = 0) -> list[Sentence]:
        """Parse ``text``; token and sentence offsets index into it, plus ``base_offset``.

        Sentences are numbered from 0 in text order. Raises :class:`FrogError` when Frog
        cannot be started or fails twice on a paragraph.

        >>> RecordedFrog("tests/fixtures/frog").parse("Coach")[0].tokens[0].lemma  # doctest: +SKIP
        'coach'
        """
        sentences: list[Sentence] = []
        for p_start, p_end in split_paragraphs(text):
            self.stats["paragraphs"] += 1
            for s_start, s_end in segments(text, p_start, p_end, self.max_tokens):
                sent = frog_input(text[s_start:s_end])
                if not sent.strip():
                    continue
                self.stats["segments"] += 1
                rows = parse_columns(self._reply(sent))
                new = align(text, s_start, rows, end=s_end, first_index=len(sentences),
                            offset=base_offset, stats=self.stats)
                self.stats["sentences"] += len(new)
                sentences.extend(new)
        return sentences

    def sent_texts(self, text: str) -> list[str]:
        """The texts ``parse`` would send to Frog for ``text`` (what gets recorded)."""
        out = []
        for p_start, p_end in split_paragraphs(text):
            for s_start, s_end in segments(text, p_start, p_end, self.max_tokens):
                sent = frog_input(text[s_start:s_end])
                if sent.strip():
                    out.append(sent)
        return out


class RecordedFrog(_Parser):
    """Serves Frog replies recorded as ``<directory>/<sha256 of the sent text>.json``.

    Raises :class:`FrogError` naming the paragraph when a reply was not recorded. Use the same
    ``max_tokens`` as when recording, or long sentences are cut differently and not found.
    """

    def __init__(self, directory, max_tokens: int = 60):
        super().__init__(max_tokens)
        self.directory = Path(directory)

    def _reply(self, sent: str) -> str:
        path = self.directory / f"{text_key(sent)}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            preview = sent if len(sent) <= 80 else sent[:77] + "..."
            raise FrogError(f"no recorded Frog output for paragraph {preview!r} "
                            f"(expected {path}); record it with "
                            f"`python scripts/record_frog.py FILE` on a machine with Frog")
        except (OSError, ValueError) as exc:
            raise FrogError(f"recorded Frog output {path} cannot be read: {exc}; "
                            f"record it again with scripts/record_frog.py") from exc
        return data["frog"]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self) -> None:
        pass


class Frog(_Parser):
    """A Frog server started on first use, reused for every text until :meth:`close`.

    ``command``: the frog binary (default: ``$GOVGRAPH_FROG``, else ``frog``). ``port``: None picks a free one. ``startup_timeout``:
    seconds to wait for "Listening on port". ``max_tokens``: longest sentence (in
    whitespace words) sent to the parser uncut. ``record_dir``: if given, every reply is
    also written there for :class:`RecordedFrog`. ``reply_timeout``: seconds of silence
    from Frog before a request is abandoned (the server is then stopped and restarted on
    the next request).

    Raises :class:`FrogError` if Frog is not installed, its data is missing, it does not
    start in time, or it fails twice on the same paragraph.
    """

    def __init__(self, command: Optional[str] = None, port: Optional[int] = None,
                 startup_timeout: float = 120, max_tokens: int = 60, *,
                 record_dir=None, reply_timeout: float = 300, host: str = "127.0.0.1"):
        super().__init__(max_tokens)
        self.command = command or os.environ.get(FROG_ENV) or "frog"
        self.port = port
        self._fixed_port = port is not None
        self.startup_timeout = startup_timeout
        self.reply_timeout = reply_timeout
        self.host = host
        self.record_dir = Path(record_dir) if record_dir is not None else None
        self.startup_seconds: Optional[float] = None
        self._proc: Optional[subprocess.Popen] = None
        self._workdir: Optional[tempfile.TemporaryDirectory] = None
        self._sock: Optional[socket.socket] = None
        self._reader = None
        self._lock = threading.RLock()

    # -- lifecycle ------------------------------------------------------------------------

    def __enter__(self) -> "Frog":
        self.start()
        return self

    def __exit__(self, *exc) -> bool:
        self.close()
        return False

    @property
    def pid(self) -> Optional[int]:
        """Process id of the running server, or None."""
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    def start(self) -> None:
        """Start the server and connect, unless already running. Idempotent."""
        if self._sock is not None and self.pid is not None:
            return
        self.close()
        binary = shutil.which(self.command)
        if binary is None:
            raise FrogError(f"Frog is not installed (no {self.command!r} on PATH): {INSTALL_HINT}, "
                            f"or set {FROG_ENV} to the frog program")
        attempts = 1 if self._fixed_port else 3
        for attempt in range(attempts):
            port = self.port if self._fixed_port else _free_port(self.host)
            try:
                self._launch(binary, port)
                return
            except _PortTaken:
                self.close()
                if attempt == attempts - 1:
                    raise FrogError(f"Frog could not listen on port {port} of {self.host}: "
                                    f"the port is in use; pass another port= or None")

    def _launch(self, binary: str, port: int) -> None:
        self._workdir = tempfile.TemporaryDirectory(prefix="govgraph-frog-")
        work = self._workdir.name
        log_path = os.path.join(work, "frog.log")
        env = dict(os.environ, OMP_NUM_THREADS="1")
        # No --skip: even --skip=m silently turns the parser off. The parser cap is a safety
        # net only; segments() already keeps sentences short.
        cmd = [binary, "-S", str(port), f"--max-parser-tokens={max(4 * self.max_tokens, 100)}"]
        t0 = time.monotonic()
        with open(log_path, "wb") as log:
            # cwd: Frog writes frog.*.debug files into its working directory.
            # Own session: the server forks a child per connection; stop them together.
            try:
                self._proc = subprocess.Popen(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL,
                                              stdout=subprocess.DEVNULL, stderr=log,
                                              start_new_session=True)
            except OSError as exc:
                raise FrogError(f"Frog could not be started ({binary}: {exc}): {INSTALL_HINT}")
        self.port = port
        deadline = t0 + self.startup_timeout
        while True:
            log_text = _read(log_path)
            if self._proc.poll() is not None:
                raise self._startup_failure(log_text, port)
            if "Listening on port" in log_text:
                break
            if time.monotonic() > deadline:
                self.close()
                raise FrogError(f"Frog did not start within {self.startup_timeout:.0f} s "
                                f"(port {port}); it needs ~10 s and 1.8 GB of memory: free "
                                f"memory or raise startup_timeout. Last output: "
                                f"{_tail(log_text)}")
            time.sleep(0.1)
        try:
            self._sock = socket.create_connection((self.host, port), timeout=30)
        except OSError as exc:
            self.close()
            raise FrogError(f"Frog listens on port {port} but refuses connections: {exc}")
        self._sock.settimeout(self.reply_timeout)
        self._reader = self._sock.makefile("rb")
        self.startup_seconds = time.monotonic() - t0

    def _startup_failure(self, log_text: str, port: int) -> Exception:
        code = self._proc.returncode if self._proc else None
        self.close()
        low = log_text.lower()
        if "starting server on port" in low:
            return _PortTaken()
        if "failed to read configuration" in low or "init failed" in low \
                or "unable to read" in low:
            return FrogError(f"Frog is installed but its data is missing or unreadable "
                             f"(frog exited with {code}): {INSTALL_HINT}. "
                             f"Frog said: {_tail(log_text)}")
        return FrogError(f"Frog exited during start-up with code {code}: {_tail(log_text)}")

    def close(self) -> None:
        """Close the connection and stop the server (and its per-connection children)."""
        for closer in (self._reader, self._sock):
            if closer is not None:
                try:
                    closer.close()
                except OSError:
                    pass
        self._reader = self._sock = None
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            # Frog takes 10 s or more to act on SIGTERM and has nothing to save: don't wait.
            _signal_group(proc, signal.SIGTERM)
            try:
                proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                _signal_group(proc, signal.SIGKILL)
                proc.wait(timeout=10)
        if proc is not None:
            # Children forked for connections may outlive the parent for a moment.
            _signal_group(proc, signal.SIGKILL)
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None

    # -- requests -------------------------------------------------------------------------

    def _reply(self, sent: str) -> str:
        with self._lock:  # one request at a time on the one connection
            return self._reply_locked(sent)

    def _reply_locked(self, sent: str) -> str:
        try:
            self.start()
            raw = self._ask(sent)
        except FrogError:
            raise
        except (OSError, ConnectionError, _Broken):
            self.stats["restarts"] += 1
            self.close()
            try:
                self.start()
                raw = self._ask(sent)
            except (OSError, ConnectionError, _Broken) as exc:
                self.close()
                raise FrogError(f"Frog failed twice on paragraph {_preview(sent)!r} "
                                f"({exc or type(exc).__name__}); the server was restarted "
                                f"once. Check memory (Frog needs ~2 GB)") from exc
        if self.record_dir is not None:
            self._record(sent, raw)
        return raw

    def _ask(self, sent: str) -> str:
        assert self._sock is not None and self._reader is not None
        self._sock.sendall(sent.encode("utf-8") + b"\nEOT\n")
        lines = []
        while True:
            try:
                line = self._reader.readline()
            except socket.timeout:
                # A late reply would answer the next request: the server must go.
                self.close()
                raise FrogError(f"Frog gave no answer within {self.reply_timeout:.0f} s on "
                                f"paragraph {_preview(sent)!r}; the server was stopped and "
                                f"will be restarted on the next request")
            if not line:
                raise _Broken("Frog closed the connection")
            text = line.decode("utf-8", errors="replace")
            if text.rstrip("\r\n") == "READY":
                return "".join(lines)
            lines.append(text)

    def _record(self, sent: str, raw: str) -> None:
        self.record_dir.mkdir(parents=True, exist_ok=True)
        path = self.record_dir / f"{text_key(sent)}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps({"text": sent, "frog": raw}, ensure_ascii=False, indent=1)
                       + "\n", encoding="utf-8")
        os.replace(tmp, path)


class _Broken(Exception):
    pass


class _PortTaken(Exception):
    pass


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)  # the session we created for it: our server and its children
    except (ProcessLookupError, PermissionError):
        pass


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _read(path: str) -> str:
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _tail(text: str, n: int = 3) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return " | ".join(lines[-n:]) or "(nothing)"


def _preview(sent: str) -> str:
    return sent if len(sent) <= 60 else sent[:57] + "..."


# ---------------------------------------------------------------------------------------------

_shared: dict[int, Frog] = {}


def shared_frog(**kwargs) -> Frog:
    """The process-wide :class:`Frog`, started on first use and closed at exit.

    A forked worker gets its own server (keyed by process id); ``kwargs`` only count on the
    first call in a process.
    """
    pid = os.getpid()
    frog = _shared.get(pid)
    if frog is None:
        frog = Frog(**kwargs)
        _shared[pid] = frog
        atexit.register(_close_shared, pid)
    return frog


def _close_shared(pid: int) -> None:
    if os.getpid() == pid and pid in _shared:
        _shared.pop(pid).close()
