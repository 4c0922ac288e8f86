"""Generated HTML set aside from the Markdown that MkDocs converts, and put back after.

A generated page is Markdown with raw HTML blocks: an article's kicker, summary, byline
and lead figure, its sharing links, the way through the issue and more from its
section; an issue's or a section's cards. Python-Markdown parses every raw HTML block
with Python's HTMLParser (to find where it ends), and MkDocs parses the whole page once
more (for the ids other pages may link to): on an article page, 40 % of the time
Markdown took. Yet a raw HTML block comes out as it went in. So each run of generated
HTML that is a raw block of its own (from a line opening a block-level element to the
line closing it) is replaced by a placeholder, an empty ``<div>`` (:func:`placeholder`),
which Markdown passes through the same way; after the render, :func:`restore` puts each
block back in its place. The Markdown the editors write (an article's body) is never
touched: only the pieces the page generator marks as generated are scanned.

The placeholders name the page by a digest of everything on it, so an editor cannot
write one (that would need a text holding its own digest), and :func:`restore` refuses
a render where any placeholder is missing or repeated (an editor's unclosed tag or
declaration that swallowed one): the adapter then renders the whole Markdown
(``PageSource.markdown``). Tested: every page of the sample magazines, and bodies with
unclosed comments and tags, come out the same either way
(``tests/unit/test_page_blocks.py``).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence

#: Block-level elements (Python-Markdown's list, as far as pages use them): a generated
#: line opening one of these at the start of a block starts a raw HTML block, which
#: runs to the line that closes it. A line opening an inline element (a ``<button>`` on
#: its own line) becomes a paragraph: it stays in the Markdown.
_BLOCK_TAGS = (
    "address|article|aside|blockquote|details|div|dl|fieldset|figcaption|figure|footer|form"
    "|h[1-6]|header|hr|li|main|nav|ol|p|section|table|ul"
)
_BLOCK_START = re.compile(rf"<({_BLOCK_TAGS})(?=[\s/>])")
_VOID = {"hr"}
_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid="([^"]*)\"""")
_NAME = re.compile(r"""<a\s[^>]*?\bname="([^"]*)\"""")


def _block_end(lines: list[str], start: int) -> int | None:
    """The index of the line that closes the raw block opened at ``lines[start]``, or
    None when it is not a whole block of lines without a blank one, ending with ``>``."""
    found = _BLOCK_START.match(lines[start])
    if found is None:
        return None
    tag = found[1]
    opens, closes = re.compile(rf"<{tag}(?=[\s/>])"), re.compile(rf"</{tag}\s*>")
    depth = 0
    for end in range(start, len(lines)):
        line = lines[end]
        if not line:
            return None
        depth += 0 if tag in _VOID else len(opens.findall(line)) - len(closes.findall(line))
        if depth <= 0:
            return end if line.endswith(">") else None
    return None


def placeholder(nonce: str, n: int) -> str:
    """What stands for ``blocks[n]`` in the Markdown: an empty ``<div>``, a raw block
    Markdown passes through as it is. Not an HTML comment: its ``-->`` would close a
    comment an editor left open (``<!-- note`` with no end), which Markdown otherwise
    prints as text, and the rest of the page would vanish into it."""
    return f'<div data-pm-block="{nonce}-{n}"></div>'


def set_aside(parts: Sequence[tuple[str, bool]]) -> tuple[str, tuple[str, ...], str]:
    """The page's Markdown from ``parts`` (``(text, generated)``, in order), with each
    raw HTML block of the generated parts set aside: ``(source, blocks, nonce)``, where
    ``source`` holds :func:`placeholder` in place of ``blocks[n]`` (one or more
    whole lines).

    >>> source, blocks, nonce = set_aside([('<p class="k">K</p>\\n\\n# T\\n\\n', True), ("Body <b>x</b>\\n", False)])
    >>> source == placeholder(nonce, 0) + "\\n\\n# T\\n\\nBody <b>x</b>\\n", blocks
    (True, ('<p class="k">K</p>',))
    >>> set_aside([('<form>\\n<label>L</label>\\n</form>\\n<button>B</button>\\n', True)])[:2][1]
    ('<form>\\n<label>L</label>\\n</form>',)
    """
    nonce = hashlib.sha256("\0".join(text for text, _ in parts).encode("utf-8")).hexdigest()[:16]
    blocks: list[str] = []
    out: list[str] = []
    for text, generated in parts:
        if not generated:
            out.append(text)
            continue
        lines, kept, n = text.split("\n"), [], 0
        while n < len(lines):
            end = _block_end(lines, n)
            if end is None:
                kept.append(lines[n])
                n += 1
                continue
            kept.append(placeholder(nonce, len(blocks)))
            blocks.append("\n".join(lines[n : end + 1]))
            n = end + 1
        out.append("\n".join(kept))
    return "".join(out), tuple(blocks), nonce


def restore(text: str, blocks: tuple[str, ...], nonce: str) -> str | None:
    """``text`` (a page's source, or what Markdown made of it) with every placeholder
    replaced by its block; None when a placeholder is missing or there twice.

    >>> source, blocks, nonce = set_aside([('<div>\\n<p class="k">K</p>\\n</div>\\n<p>P</p>\\n', True)])
    >>> len(blocks), restore(source, blocks, nonce)
    (2, '<div>\\n<p class="k">K</p>\\n</div>\\n<p>P</p>\\n')
    >>> restore(source.replace(f"{nonce}-1", f"{nonce}-0"), blocks, nonce) is None
    True
    """
    if not blocks:
        return text
    found: list[int] = []

    def put(match: re.Match[str]) -> str:
        n = int(match[1])
        found.append(n)
        return blocks[n] if n < len(blocks) else match[0]

    out = re.sub(rf'<div data-pm-block="{nonce}-(\d+)"></div>', put, text)
    return out if sorted(found) == list(range(len(blocks))) else None


def anchor_ids(blocks: tuple[str, ...]) -> set[str]:
    """The ids (and ``<a name>``) the set-aside blocks hold: MkDocs' list of a page's
    anchors, which it reads from the raw HTML of the Markdown it converts (the
    generator quotes every attribute with ``"``).

    >>> sorted(anchor_ids(('<h2 id="pm-related-title" class="x">', '<p>no id</p>', '<ol id="a&amp;b">', '<a name="n">')))
    ['a&b', 'n', 'pm-related-title']
    """
    return {html.unescape(found) for line in blocks for pattern in (_ID, _NAME) for found in pattern.findall(line)}
