"""One Markdown configuration: the web page, the EPUB chapter and the feed item of the
same article show the same footnote, table, attr_list class, abbreviation and quotes."""

from __future__ import annotations

import json
import zipfile

import pytest
from lxml import etree, html
from tests.conftest import SITES, build_magazine

pytestmark = pytest.mark.slow

ISSUE = "2026-02-n2"


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, etree._Element]:
    site = build_magazine(SITES / "markdown", tmp_path_factory.mktemp("markdown"))
    page = html.fromstring((site / ISSUE / "guide" / "index.html").read_bytes())
    with zipfile.ZipFile(site / "epub" / f"{ISSUE}.epub") as book:
        chapter = etree.fromstring(book.read("EPUB/text/a-guide.xhtml"))
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    (item,) = [i for i in feed["items"] if i["url"].endswith("/guide/")]
    return {
        "web": page.xpath("//article")[0],
        "epub": chapter,
        "feed": html.fragment_fromstring(item["content_html"], create_parent="div"),
    }


def _find(root: etree._Element, tag: str, **attrs: str) -> list[etree._Element]:
    cond = "".join(f"[contains(concat(' ', @{k}, ' '), ' {v} ')]" for k, v in attrs.items())
    return list(root.xpath(f"//*[local-name()='{tag}']{cond}"))


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


@pytest.mark.parametrize("edition", ["web", "epub", "feed"])
def test_every_edition_renders_the_same_markdown(editions: dict[str, etree._Element], edition: str) -> None:
    root = editions[edition]
    # footnote: a reference in the text and the note, with a way back
    assert _find(root, "a", **{"class": "footnote-ref"}), edition
    notes = _find(root, "div", **{"class": "footnote"})
    assert notes and "falsifié" in _text(notes[0]), edition
    assert _find(notes[0], "a", **{"class": "footnote-backref"}), edition
    # table with its header
    (table,) = _find(root, "table")
    assert [_text(th).strip() for th in _find(table, "th")] == ["Étape", "Geste"], edition
    # attr_list class on the paragraph
    (important,) = _find(root, "p", **{"class": "important"})
    assert "jamais" in _text(important), edition
    # abbreviation with its expansion
    abbrs = _find(root, "abbr")
    assert abbrs and abbrs[0].get("title") == "carte d'identité nationale", edition
    # smart quotes
    assert "\u201cRaccrochez, puis rappelez le 19.\u201d" in _text(root), edition
