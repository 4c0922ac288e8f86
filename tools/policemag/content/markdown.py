"""render_markdown: an article body to safe HTML, the same for EPUB and feed.

The web edition renders bodies through MkDocs (same extensions, see mkdocs.yml); the
EPUB and the feed call this. Raw HTML is allowed only in the safe subset that nh3
keeps: content errors (E017) stop scripts earlier, this is the second fence.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import markdown
import nh3

EXTENSIONS = ["extra", "sane_lists", "smarty"]

_ALLOWED_ATTRS = {
    "*": {"dir", "lang", "title", "id", "class"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}


def render_markdown(
    body: str, rewrite_src: Callable[[str], str] | None = None, cache_dir: Path | None = None
) -> str:
    """HTML for ``body``; ``rewrite_src`` maps each image ``src`` (e.g. to an EPUB path).

    With ``cache_dir``, Python-Markdown's output (the slow step, ~2 ms a page) is kept
    there by a hash of the body and the Markdown version; sanitising and the ``src``
    rewrite, which depend on the caller, always run.

    >>> render_markdown("**نص** <script>x()</script>")
    '<p><strong>نص</strong> </p>'
    """
    html = _markdown_html(body, cache_dir)
    clean = nh3.clean(
        html,
        attributes={k: set(v) for k, v in _ALLOWED_ATTRS.items()},
        link_rel=None,
        url_schemes={"http", "https", "mailto", "tel"},
        attribute_filter=_src_filter(rewrite_src) if rewrite_src else None,
    )
    return clean


def _markdown_html(body: str, cache_dir: Path | None) -> str:
    if cache_dir is None:
        return str(markdown.markdown(body, extensions=EXTENSIONS, output_format="xhtml"))
    key = hashlib.sha256(f"{markdown.__version__}|{EXTENSIONS}|{body}".encode()).hexdigest()
    path = cache_dir / key[:2] / f"{key}.html"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    html = str(markdown.markdown(body, extensions=EXTENSIONS, output_format="xhtml"))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
    return html


def _src_filter(rewrite: Callable[[str], str]) -> Callable[[str, str, str], str]:
    def apply(tag: str, attr: str, value: str) -> str:
        return rewrite(value) if tag == "img" and attr == "src" else value

    return apply
