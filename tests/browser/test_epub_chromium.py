"""The sample EPUB's documents in Chromium (what epub.js runs in): direction, fonts,
the fixed-layout comic page. epubcheck and Ace: tests/build/test_epub_checkers.py."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def extracted(epub_built: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("epub-x")
    with zipfile.ZipFile(epub_built.path) as zf:
        zf.extractall(out)
    return out / "EPUB" / "text"


def test_documents_render_in_chromium(extracted: Path, browser: Any, tmp_path: Path) -> None:
    """Arabic right-to-left in the embedded font; French left-to-right even when the
    reading system forces ``direction: rtl`` on <html> (epub.js does, in an rtl book);
    the comic page fills its viewport. Screenshots at phone size go to tmp_path."""
    page = browser.new_page(viewport=PHONE)
    try:
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))

        def open_doc(name: str, force_rtl: bool = False) -> None:
            page.goto((extracted / name).as_uri())
            if force_rtl:
                page.add_style_tag(content="html { direction: rtl !important; }")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)

        def style(selector: str, prop: str) -> str:
            return str(page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}"))

        open_doc("a-patrol.xhtml")
        assert style("h1", "direction") == "rtl"
        assert style("p.summary", "textAlign") == "start"
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
        )
        assert any("Noto Sans Arabic" in f for f in loaded)
        # the title starts at the right edge: its right side hugs the body's
        h1 = page.eval_on_selector(
            "h1",
            "e => { const r = document.createRange();"
            " r.selectNodeContents(e); return r.getBoundingClientRect().right }",
        )
        assert h1 > 390 - 40

        open_doc("a-gare.xhtml", force_rtl=True)
        assert style("article", "direction") == "ltr"  # its wrapper, not <body>: docs/epub.md
        left = page.eval_on_selector(
            "h1",
            "e => { const r = document.createRange();"
            " r.selectNodeContents(e); return r.getBoundingClientRect().left }",
        )
        assert left < 40

        open_doc("comic-road-safety-1.xhtml")
        width = page.eval_on_selector("img", "e => e.getBoundingClientRect().width")
        natural = page.eval_on_selector("img", "e => e.naturalWidth")
        assert natural > 0 and abs(width - 390) < 1
    finally:
        page.close()
    assert all(u.startswith("file://") for u in requests)
