"""Writes the view model as one self-contained HTML page (graph + timeline tabs).

Nothing is loaded from a network host: vis-network's JS and CSS come from the files pyvis
ships in its package (pyvis' own template pulls them and Bootstrap from a CDN, so it is not
used), plotly.js from the plotly package, and govgraph's own script and style from
``graph/render/static``. The data goes in as JSON inside a ``<script type="application/json">``
block with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, so no document text can end the
block or be read as markup; the page's script puts text into the DOM only with textContent.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Optional

from graph.errors import InputError

_HERE = Path(__file__).resolve().parent
TEMPLATE = _HERE / "templates" / "view.html"
STATIC = _HERE / "static"
VIS_VERSION = "9.1.2"


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"{path}: cannot read {what} ({e.strerror or e}); reinstall "
                         f"govgraph and its dependencies (pip install -e .)") from e


def vis_assets() -> tuple:
    """``(js, css)`` of vis-network: a vendored copy in ``static/`` if there is one, else the
    files inside the installed pyvis package. Raises InputError when neither is there."""
    js, css = STATIC / "vis-network.min.js", STATIC / "vis-network.css"
    if not js.is_file():
        try:
            import pyvis
        except ImportError as e:
            raise InputError("pyvis is not installed; pip install pyvis==0.3.2") from e
        lib = Path(pyvis.__file__).resolve().parent / "lib" / f"vis-{VIS_VERSION}"
        js, css = lib / "vis-network.min.js", lib / "vis-network.css"
    return _read(js, "vis-network's script"), _read(css, "vis-network's style sheet")


def plotly_js() -> str:
    """plotly.min.js as shipped in the plotly package (used offline)."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError as e:
        raise InputError("plotly is not installed; pip install plotly") from e
    return get_plotlyjs()


def json_for_script(data) -> str:
    """JSON that is safe inside a ``<script>`` block and in any HTML context.

    >>> json_for_script({"t": "</script>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _script_safe(code: str) -> str:
    # "</script" can only sit in a string, regex or comment of the library; "<\/" means
    # the same there, and cannot close the block
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.I)


def _style_safe(css: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.I)


def render_html(view_model: dict, out_path, title: Optional[str] = None,
                with_timeline: bool = True) -> Path:
    """Write ``view_model`` (from :func:`graph.render.model.view_model`) to ``out_path``.

    Returns the path written. Raises InputError when the file cannot be written or an
    asset is missing.
    """
    out_path = Path(out_path)
    vm = dict(view_model)
    if title:
        vm["title"] = title
    vis_js, vis_css = vis_assets()
    parts = {
        "TITLE": html.escape(vm.get("title") or "govgraph", quote=True),
        "VIS_CSS": _style_safe(vis_css),
        "APP_CSS": _style_safe(_read(STATIC / "view.css", "the view's style sheet")),
        "DATA": json_for_script(vm),
        "VIS_JS": _script_safe(vis_js),
        "APP_JS": _script_safe(_read(STATIC / "view.js", "the view's script")),
        "PLOTLY_JS": _script_safe(plotly_js()) if with_timeline else "",
    }
    # one pass, so a placeholder-like string inside an inserted asset is never replaced
    page = re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], _read(TEMPLATE, "the template"))
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(page, encoding="utf-8")
    except OSError as e:
        raise InputError(f"{out_path}: cannot write the view ({e.strerror or e}); "
                         f"choose a writable path with --out") from e
    return out_path
