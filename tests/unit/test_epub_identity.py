"""The EPUB says what its catalogue entry says (title, id, languages, date, description,
creator), names who made it, and embeds fonts that draw every character it sets."""

from __future__ import annotations

import zipfile
from typing import Any

from lxml import etree
from tests.conftest import EPUB_NOW, SITES
from tests.support.epubfonts import book_characters, uncovered_by_weight
from tests.support.feedmedia import stand_in_media

from policemag.content.magazine import read_magazine
from policemag.feed import build_opds

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


def _opf(epub_built: Any) -> etree._Element:
    with zipfile.ZipFile(epub_built.path) as zf:
        return etree.fromstring(zf.read("EPUB/content.opf"))


def _meta(opf: etree._Element) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in opf.iter(f"{OPF}meta"):
        key = m.get("property") or ""
        if m.get("refines"):
            key = f"{m.get('refines')} {key}"
        out.setdefault(key, []).append(m.text or "")
    return out


def test_the_epub_agrees_with_its_catalogue_entry(epub_built: Any) -> None:
    magazine, _ = read_magazine(SITES / "epub-basic")
    published = magazine.published(EPUB_NOW)
    config = epub_built.config
    (entry,) = build_opds(published, config, stand_in_media(published, config))[0]["publications"]
    meta = entry["metadata"]
    opf = _opf(epub_built)

    def dc(name: str) -> list[str]:
        return [e.text or "" for e in opf.iter(f"{DC}{name}")]

    assert dc("identifier") == [meta["identifier"]]
    assert dc("title") == [meta["title"]] == ["العدد 7: السلامة على الطرق"]
    assert dc("language") == meta["language"] == ["ar", "fr"]
    assert dc("date") == [meta["published"]]
    assert dc("description") == [meta["description"]]
    assert dc("creator") == [meta["author"]] == ["هيئة تحرير مجلة الشرطة"]
    assert dc("contributor") == meta["contributor"] == ["مريم العلوي"]
    assert dc("publisher") == [meta["publisher"]]
    # the magazine is a series; the issue number its place in it
    m = _meta(opf)
    assert m["belongs-to-collection"] == [meta["belongsTo"]["magazine"]["name"]]
    assert m["#collection collection-type"] == ["series"]
    assert m["#collection group-position"] == [str(meta["belongsTo"]["magazine"]["position"])]
    assert m["#contributor-1 role"] == ["ctb"]


def test_the_title_page_shows_the_number_once(epub_built: Any) -> None:
    with zipfile.ZipFile(epub_built.path) as zf:
        page = zf.read("EPUB/text/titlepage.xhtml").decode()
    assert page.count("العدد 7") == 1
    assert '<p class="issue-title">السلامة على الطرق</p>' in page


def test_each_weight_of_the_embedded_fonts_draws_every_character(epub_built: Any) -> None:
    chars = book_characters(epub_built.path)
    assert {"ب", "é", "«", "7"} <= chars  # Arabic, French, punctuation, digits
    uncovered = uncovered_by_weight(epub_built.path)
    assert set(uncovered) == {400, 700}
    assert uncovered == {400: set(), 700: set()}
    with zipfile.ZipFile(epub_built.path) as zf:
        css = zf.read("EPUB/styles/magazine.css").decode()
    assert 'font-family: "Noto Sans";' in css  # the Latin face, for French
    assert '[dir="ltr"] { font-family: "Noto Sans", "Noto Sans Arabic"' in css


def test_footnote_back_links_use_a_character_the_fonts_have(epub_built: Any, tmp_path: Any) -> None:
    """Python-Markdown's "↩" is in no embedded font: the book writes "^" instead."""
    from dataclasses import replace

    from policemag.epub import build_epub

    magazine, log = read_magazine(SITES / "markdown")
    assert not log.errors
    config = replace(epub_built.config, root=SITES / "markdown")
    issue = magazine.issues[0].published(EPUB_NOW.replace(year=2027))
    path = build_epub(issue, config, tmp_path)
    chars = book_characters(path)
    assert "\u21a9" not in chars and "^" in chars
    assert uncovered_by_weight(path) == {400: set(), 700: set()}
