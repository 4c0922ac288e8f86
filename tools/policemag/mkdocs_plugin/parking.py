"""Pages' content held compressed between MkDocs' two passes over the pages.

MkDocs renders every page (``_populate_page``: Markdown to HTML, ``on_page_content``)
before it templates and writes any (``_build_page``), so the HTML of every page, and
its Markdown, are all in memory at once: at 200 issues about 58 MB of content and 57 MB
of Markdown (Python strings of Arabic text take two bytes a character), a third of the
build's peak. Neither is needed between the passes, so:

- a page's Markdown is dropped once it is rendered (``page.markdown = ""``: MkDocs'
  ``Page.title`` returns None for a page whose Markdown is None, and reads an empty one
  as a page without a Markdown title, which is what a rendered page gets anyway);
- its content is kept as zlib-compressed UTF-8 (a fifth of the size) from the next
  page's rendering until the page's own templating (``on_page_context``), and dropped
  again once the page is written (``on_post_page``).

A page whose content is None when its template runs fails loudly in the theme
(``"<h1" not in page.content``), never as an empty page. The serve loop's fast path
renders each page again before it templates it, so it never needs a dropped content.
"""

from __future__ import annotations

import zlib

from mkdocs.structure.pages import Page


class ContentParking:
    """Compressed content of rendered pages, by source path, until they are templated."""

    def __init__(self) -> None:
        self._parked: dict[str, bytes] = {}
        self._last: Page | None = None  # rendered, its content not set by MkDocs yet

    def rendered(self, page: Page) -> None:
        """``page`` was rendered (called from its ``on_page_content``, whose result MkDocs
        sets as its content after the event: it is parked at the next call)."""
        self.park_last()
        page.markdown = ""
        self._last = page

    def park_last(self) -> None:
        """Compress the content of the page rendered last (all pages are rendered: the
        ``on_env`` event)."""
        page, self._last = self._last, None
        if page is not None and page.content is not None:
            self._parked[page.file.src_uri] = zlib.compress(page.content.encode("utf-8"), 1)
            page.content = None

    def restore(self, page: Page) -> None:
        """Give ``page`` its content back before its template runs."""
        if self._last is page:  # rendered and templated at once (the serve loop)
            self._last = None
            return
        self.park_last()
        data = self._parked.pop(page.file.src_uri, None)
        if data is not None and page.content is None:
            page.content = zlib.decompress(data).decode("utf-8")

    def release(self, page: Page) -> None:
        """``page`` is written: its content is not needed again."""
        self._parked.pop(page.file.src_uri, None)
        page.content = None
