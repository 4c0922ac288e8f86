"""render_markdown: an article body to safe HTML, the same for EPUB and feed.

The web edition renders bodies through MkDocs (same extensions, see mkdocs.yml); the
EPUB and the feed call this. Raw HTML is allowed only in the safe subset that nh3
keeps: content errors (E017) stop scripts earlier, this is the second fence.
"""

from __future__ import annotations

from collections.abc import Callable

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


def render_markdown(body: str, rewrite_src: Callable[[str], str] | None = None) -> str:
    """HTML for ``body``; ``rewrite_src`` maps each image ``src`` (e.g. to an EPUB path).

    >>> render_markdown("**نص** <script>x()</script>")
    '<p><strong>نص</strong> </p>'
    """
    html = markdown.markdown(body, extensions=EXTENSIONS, output_format="xhtml")
    clean = nh3.clean(
        html,
        attributes={k: set(v) for k, v in _ALLOWED_ATTRS.items()},
        link_rel=None,
        url_schemes={"http", "https", "mailto", "tel"},
        attribute_filter=_src_filter(rewrite_src) if rewrite_src else None,
    )
    return clean


def _src_filter(rewrite: Callable[[str], str]) -> Callable[[str, str, str], str]:
    def apply(tag: str, attr: str, value: str) -> str:
        return rewrite(value) if tag == "img" and attr == "src" else value

    return apply
