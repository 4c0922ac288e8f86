"""Every sample EPUB turned page by page in a real reading system: epub.js 0.3.93 (npm,
package.json) in Debian's Chromium, paginated, at phone size (390x844).

From the first page, ``rendition.next()`` until epub.js says it is at the end: every
linear spine item must be shown, in order, and the last page reached (a French
document whose ``<body>`` carried ``dir="ltr"`` used to stop the paging inside it, so
the rest of the issue was never shown: docs/epub.md). In each French document, epub.js
forces ``direction: rtl`` on ``<html>`` (the book is right to left) and the text must
still read left to right: the article's direction is ``ltr`` and its paragraphs start
at their left edge.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import REPO

from .conftest import PHONE

pytestmark = pytest.mark.browser

EPUBJS = REPO / "node_modules" / "epubjs" / "dist" / "epub.min.js"
JSZIP = REPO / "node_modules" / "jszip" / "dist" / "jszip.min.js"

READER = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>reader</title>
<style>html, body { margin: 0; padding: 0; overflow: hidden; }
#viewer { width: 390px; height: 844px; }</style>
<script src="jszip.min.js"></script><script src="epub.min.js"></script>
</head><body><div id="viewer"></div></body></html>
"""

#: Turn the pages of the book at ``url``; returns the spine, the steps and the French checks.
TURN_PAGES = r"""
async (url) => {
  const book = ePub(url);
  const rendition = book.renderTo("viewer", {
    width: 390, height: 844, flow: "paginated", spread: "none",
  });
  await book.ready;
  await rendition.display();
  const linear = book.spine.spineItems.filter((s) => s.linear).map((s) => s.href);
  const steps = [];
  const french = {};
  const relocated = () => new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 5000);
    rendition.once("relocated", () => { clearTimeout(timer); resolve(true); });
  });
  const inspect = () => {
    for (const contents of rendition.getContents()) {
      const doc = contents.document;
      const href = contents.sectionIndex !== undefined
        ? book.spine.get(contents.sectionIndex).href : doc.URL;
      if (!(doc.documentElement.lang || "").startsWith("fr") || french[href]) continue;
      const win = doc.defaultView;
      const article = doc.querySelector("article") || doc.body;
      const paragraphs = [...doc.querySelectorAll("article p")].filter((p) => p.textContent.trim());
      const starts = paragraphs.slice(0, 5).map((p) => {
        const walker = doc.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let node = walker.nextNode();
        while (node && !node.textContent.trim()) node = walker.nextNode();
        const range = doc.createRange();
        const offset = node.textContent.search(/\S/);
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        const first = range.getClientRects()[0];
        const box = p.getClientRects()[0];
        return { text: node.textContent.trim().slice(0, 20), fromLeft: first.left - box.left, fromRight: box.right - first.right };
      });
      french[href] = {
        html: win.getComputedStyle(doc.documentElement).direction,
        article: win.getComputedStyle(article).direction,
        starts,
      };
    }
  };
  for (let i = 0; i < 2000; i++) {
    inspect();
    const here = rendition.currentLocation();
    steps.push({ href: here.start.href, page: here.start.displayed.page,
                 total: here.start.displayed.total, atEnd: !!here.atEnd });
    if (here.atEnd) break;
    const moved = relocated();
    await rendition.next();
    await moved;
    const there = rendition.currentLocation();
    if (there.start.cfi === here.start.cfi) {
      steps.push({ stalled: true, href: here.start.href, page: here.start.displayed.page,
                   total: here.start.displayed.total });
      break;
    }
  }
  return { linear, steps, french };
}
"""


def _sample_epubs(sample_site: Path, epub_built: Any) -> list[Path]:
    return [*sorted((sample_site / "epub").glob("*.epub")), epub_built.path]


@pytest.fixture(scope="module")
def reader_url(
    sample_site: Path, epub_built: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if not (EPUBJS.exists() and JSZIP.exists()):
        pytest.skip("epub.js is not installed (npm install: package.json devDependencies)")
    root = tmp_path_factory.mktemp("epubjs")
    (root / "reader.html").write_text(READER, encoding="utf-8")
    shutil.copy(EPUBJS, root / "epub.min.js")
    shutil.copy(JSZIP, root / "jszip.min.js")
    for n, path in enumerate(_sample_epubs(sample_site, epub_built)):
        shutil.copy(path, root / f"{n}-{path.name}")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.func.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_every_sample_epub_turns_to_its_last_page(
    browser: Any, reader_url: str, sample_site: Path, epub_built: Any
) -> None:
    books = [f"{n}-{p.name}" for n, p in enumerate(_sample_epubs(sample_site, epub_built))]
    assert len(books) >= 2
    french_seen = 0
    for name in books:
        page = browser.new_page(viewport=PHONE)
        requests: list[str] = []
        page.on("request", lambda r, seen=requests: seen.append(r.url))
        try:
            page.goto(reader_url + "reader.html")
            result = page.evaluate(TURN_PAGES, reader_url + name)
        finally:
            page.close()
        steps = result["steps"]
        assert not any(s.get("stalled") for s in steps), (name, steps[-1])
        assert steps[-1]["atEnd"], (name, steps[-1])
        shown = [s["href"] for s in steps]
        order = [h for n, h in enumerate(shown) if n == 0 or shown[n - 1] != h]
        assert order == result["linear"], name  # every linear document, in spine order
        # every page of every document was shown
        for href in result["linear"]:
            pages = {s["page"] for s in steps if s["href"] == href}
            total = max(s["total"] for s in steps if s["href"] == href)
            assert pages == set(range(1, total + 1)), (name, href, sorted(pages), total)
        for href, seen in result["french"].items():
            french_seen += 1
            assert seen["html"] == "rtl", (name, href)  # epub.js forces the book's direction
            assert seen["article"] == "ltr", (name, href)  # and French still reads LTR
            assert seen["starts"], (name, href)
            for start in seen["starts"]:
                assert start["fromLeft"] < 2 <= start["fromRight"], (name, href, start)
        # the book's own files come as blob: URLs made by epub.js; nothing leaves
        elsewhere = [u for u in requests if not u.startswith((reader_url, "blob:", "data:"))]
        assert elsewhere == [], name
    assert french_seen >= 2  # the sample's and epub-basic's French articles
