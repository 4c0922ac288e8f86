"""The one Markdown configuration of every edition, and render_markdown for EPUB and feed.

:data:`EXTENSIONS` and :func:`extension_configs` are the only Markdown settings: the
MkDocs adapter hands them to MkDocs for the web edition (mkdocs.yml declares none), the
EPUB and the feed render with them here, so a footnote, a table, an attr_list class, an
abbreviation and smart quotes come out the same in all three. Raw HTML is allowed only
in the safe subset that nh3 keeps: content errors (E017) stop scripts earlier, this is
the second fence.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown

from policemag.cache import CacheStore
from policemag.content.sanitize import sanitize_fragment

#: Python-Markdown extensions, in order: MkDocs' built-ins (toc, tables, fenced_code),
#: the rest of "extra" (abbr, attr_list, def_list, footnotes, md_in_html), lists that
#: follow the editor's numbering, and typographic quotes and dashes (smarty, as
#: :mod:`policemag.content.smarty`: the same output, a third less of Markdown's time).
EXTENSIONS = [
    "toc",
    "tables",
    "fenced_code",
    "abbr",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "sane_lists",
    "policemag.content.smarty",  # smarty, without its pass over text it cannot change
]


def extension_configs() -> dict[str, dict[str, Any]]:
    """Options of :data:`EXTENSIONS` (a new dict each call: Markdown may keep references).

    Heading ids keep Arabic letters (``pymdownx.slugs``), lower-cased; no permalink
    symbol is added after headings.
    """
    from pymdownx.slugs import slugify

    return {"toc": {"permalink": False, "slugify": slugify(case="lower")}}


def _markdown(body: str) -> str:
    return str(
        markdown.markdown(
            body, extensions=EXTENSIONS, extension_configs=extension_configs(), output_format="xhtml"
        )
    )

def render_markdown(
    body: str, rewrite_src: Callable[[str], str | None] | None = None, cache_root: Path | None = None
) -> str:
    """HTML for ``body``; ``rewrite_src`` maps each image ``src`` (e.g. to an EPUB path).

    With ``cache_root`` (``MagazineConfig.cache``), Python-Markdown's output (the slow
    step, ~2 ms a page) is kept in the store (namespace ``markdown``) by a hash of the
    body (and the code version, which covers :data:`EXTENSIONS` and the libraries'
    versions); sanitising and the ``src`` rewrite, which depend on the caller, always run.

    >>> render_markdown("**نص** <script>x()</script>")
    '<p><strong>نص</strong> </p>'
    """
    html = _markdown_html(body, cache_root)
    clean = sanitize_fragment(html, "body", rewrite_src)
    return clean


def _markdown_html(body: str, cache_root: Path | None) -> str:
    if cache_root is None:
        return _markdown(body)
    store = CacheStore(cache_root, "markdown")
    key = store.key(body)
    html = store.get_text(key, ".html")
    if html is None:
        html = _markdown(body)
        store.put_text(key, html, ".html")
    return html
