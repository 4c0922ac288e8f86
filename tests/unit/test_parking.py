"""Pages' content held compressed between MkDocs' two passes (mkdocs_plugin/parking.py):
each page gets exactly its own content back for its template, and nothing is kept once
it is written."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from policemag.mkdocs_plugin.parking import ContentParking


def _page(name: str) -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri=f"{name}.md"), markdown=f"# {name}", content=None)


def _populate(parking: ContentParking, page: Any, html: str) -> None:
    """What MkDocs' _populate_page does around the plugin's on_page_content."""
    parking.rendered(page)
    page.content = html  # MkDocs sets the event's result after it


def test_every_page_gets_its_own_content_back_for_its_template() -> None:
    parking = ContentParking()
    pages = [_page(f"p{i}") for i in range(5)]
    texts = [f"<p>صفحة {i} « x »</p>" * (i + 1) for i in range(5)]
    for page, text in zip(pages, texts, strict=True):
        _populate(parking, page, text)
    parking.park_last()  # on_env
    assert all(p.content is None and p.markdown == "" for p in pages)
    for page, text in zip(pages, texts, strict=True):
        parking.restore(page)  # on_page_context
        assert page.content == text
        parking.release(page)  # on_post_page
        assert page.content is None
    assert not parking._parked


def test_a_page_rendered_and_templated_at_once_keeps_its_content() -> None:
    """The serve loop's fast path populates a page and templates it right away."""
    parking = ContentParking()
    first, second = _page("a"), _page("b")
    _populate(parking, first, "<p>a</p>")
    parking.restore(first)
    assert first.content == "<p>a</p>"
    parking.release(first)
    _populate(parking, second, "<p>b</p>")
    parking.restore(second)
    assert second.content == "<p>b</p>"
