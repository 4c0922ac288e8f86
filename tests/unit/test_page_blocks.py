"""site/blocks.py: the generated HTML set aside from what Markdown converts comes back
in place, and every page renders as its whole Markdown would."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest

from policemag.config import MagazineConfig
from policemag.content.magazine import read_magazine
from policemag.content.markdown import EXTENSIONS, extension_configs
from policemag.model import Image
from policemag.site.blocks import anchor_ids, placeholder, restore, set_aside
from policemag.site.pages import PageSource, build_pages, render_search

TESTS = Path(__file__).parents[1]
REPO = TESTS.parent
NOW = datetime(2026, 11, 20, tzinfo=UTC)
#: the sample issue and the test magazines with articles in both languages, comics,
#: figures, footnotes, tables and hostile bodies
ROOTS = [REPO, *(TESTS / "sites" / name for name in ("epub-basic", "markdown", "web-basic", "xss"))]


class _Images:
    def image_html(self, image: Image, page_path: str, **_: Any) -> str:
        return f'<picture><img src="x.jpg" alt="{image.alt}" width="3" height="2"></picture>'


def _convert(text: str) -> str:
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text  # as MkDocs: no front matter
    return str(markdown.markdown(body, extensions=EXTENSIONS, extension_configs=extension_configs()))


class _Ids(HTMLParser):
    """The ids MkDocs lists as a page's anchors from the raw HTML of its Markdown."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(v for k, v in attrs if k == "id" and v is not None)


def _pages(root: Path, tmp_path: Path) -> list[PageSource]:
    everything, _ = read_magazine(root)
    config = MagazineConfig(root=root, now=NOW, cache_dir=tmp_path)
    return [*build_pages(everything.published(NOW), config, _Images()), render_search(config)]


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: p.name)
def test_every_page_renders_as_its_whole_markdown(root: Path, tmp_path: Path) -> None:
    pages = _pages(root, tmp_path)
    assert any(p.blocks for p in pages)
    for page in pages:
        restored = page.restore(_convert(page.source))
        assert restored == _convert(page.markdown), page.path
        assert _Ids(page.source).ids | anchor_ids(page.blocks) == _Ids(page.markdown).ids, page.path


def test_an_article_body_is_never_set_aside(tmp_path: Path) -> None:
    # an editor's raw HTML line stays in the Markdown: inside a list or a quote, or
    # after a paragraph, Markdown treats it otherwise than a block of its own
    article = next(p for p in _pages(REPO, tmp_path) if p.path.count("/") == 2 and p.blocks)
    body_lines = {line for line in article.markdown.splitlines() if line and not line.startswith("<")}
    assert body_lines <= set(article.source.splitlines())
    assert all("\n\n" not in block for block in article.blocks)


def test_a_lost_placeholder_is_refused(tmp_path: Path) -> None:
    page = next(p for p in _pages(REPO, tmp_path) if len(p.blocks) > 1)
    html = _convert(page.source)
    first = placeholder(page.nonce, 0)
    assert page.restore(html) is not None
    assert page.restore(html.replace(first, "")) is None
    assert page.restore(html.replace(first, first + first)) is None


@pytest.mark.parametrize(
    "body",
    [
        "<!-- a note the editor never closed\n\nmore *text*\n",  # Markdown prints "<!--" as text
        "Text <!-- open\n\n<div>\nunclosed *div*\n",
        "<?php echo 1\n\n*after*\n",
        "<!DOCTYPE x\n\n*after*\n",
        "<![CDATA[ x\n\n*after*\n",
        "- item <span>\n\n> quote <!--\n",
    ],
)
def test_an_editors_unclosed_comment_or_tag_does_not_swallow_the_page(body: str) -> None:
    parts = [
        ('<p class="pm-kicker"><a href="../">Section</a></p>\n\n# Title\n\n<p class="pm-summary">S</p>\n\n', True),
        (body, False),
        ('\n<aside class="pm-share"><a href="x">Share</a></aside>\n<nav class="pm-article-nav"><a href="y">Next</a></nav>\n', True),
    ]
    source, blocks, nonce = set_aside(parts)
    whole = "".join(text for text, _ in parts)
    restored = restore(_convert(source), blocks, nonce)
    if restored is not None:  # else the adapter renders the whole Markdown
        assert restored == _convert(whole)
