"""Python-Markdown's smarty (typographic quotes, dashes and ellipses), without its pass
over text where it can change nothing.

Smarty runs a second inline pass over the whole document: eighteen patterns tried on
every text node, in Python, whether or not the node holds a quote. Every one of them
needs a ``'`` or a ``"``, two dashes, three dots (or, with ``smart_angled_quotes``,
``<<``/``>>``): a node with none of them comes out of the pass as it went in. This
extension is smarty with that pass skipping such nodes: the same HTML (tested against
smarty itself in ``tests/unit/test_markdown_smarty.py``), a third of the time Markdown
spent on an Arabic page (1.24 s -> 0.90 s for the 279 pages of a 30-issue archive: no
smarty at all, 0.84 s). Should Python-Markdown rename the method it overrides, the
override is simply never called: smarty as it is, slower, the same output.

Named in :data:`policemag.content.markdown.EXTENSIONS` by its module path (MkDocs takes
extension names, not objects): ``policemag.content.smarty``.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import InlineProcessor

#: What at least one of smarty's patterns needs to match (a superset is safe: a node
#: holding one of these goes through the whole pass).
TRIGGER = re.compile(r"['\"]|--|\.\.\.|<<|>>")


class _SkippingInlineProcessor(InlineProcessor):  # type: ignore[misc]  # (untyped library)
    """Smarty's inline pass, leaving alone the text that none of its patterns can match."""

    # The base class calls its private ``__handleInline`` on every text and tail of the
    # tree: this is that name, as Python mangles it.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if TRIGGER.search(data) is None:
            return data
        handle = super()._InlineProcessor__handleInline
        return str(handle(data, patternIndex))


class QuickSmartyExtension(SmartyExtension):  # type: ignore[misc]
    """:class:`markdown.extensions.smarty.SmartyExtension`, same options, same output."""

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        stock = md.treeprocessors["smarty"]
        quick = _SkippingInlineProcessor(md)
        quick.inlinePatterns = stock.inlinePatterns
        md.treeprocessors.register(quick, "smarty", 6)  # replaces smarty's, same place


def makeExtension(**kwargs: Any) -> QuickSmartyExtension:
    """Python-Markdown's entry point for an extension named by its module path."""
    return QuickSmartyExtension(**kwargs)
