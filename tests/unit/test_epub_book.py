"""The sample issue's EPUB: right-to-left, languages, order, comics, no draft.

epubcheck and Ace check the same EPUB in tests/build/test_epub_checkers.py, and a second
build gives the same bytes (tests/build/test_reproducible.py); Chromium
renders its documents in tests/browser/test_epub_chromium.py.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from policemag.model import Article, ComicRef

OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def _files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _opf(files: dict[str, bytes]) -> etree._Element:
    return etree.fromstring(files["EPUB/content.opf"])


def _manifest(opf: etree._Element) -> dict[str, etree._Element]:
    return {i.get("id"): i for i in opf.iter(f"{OPF}item")}


def _spine_docs(files: dict[str, bytes]) -> list[tuple[str, etree._Element]]:
    """(href, itemref) in spine order."""
    opf = _opf(files)
    items = _manifest(opf)
    return [(items[r.get("idref")].get("href"), r) for r in opf.iter(f"{OPF}itemref")]


def test_container_mimetype_first_stored_then_sorted(epub_built: Any) -> None:
    with zipfile.ZipFile(epub_built.path) as zf:
        infos = zf.infolist()
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED
    names = [i.filename for i in infos[1:]]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(2026, 1, 15, 0, 0, 0)}  # the issue date


def test_package_direction_and_language(epub_built: Any) -> None:
    opf = _opf(_files(epub_built.path))
    assert opf.get(XML_LANG) == "ar"
    assert opf.get("dir") == "rtl"
    spine = opf.find(f"{OPF}spine")
    assert spine is not None and spine.get("page-progression-direction") == "rtl"
    langs = [e.text for e in opf.iter("{http://purl.org/dc/elements/1.1/}language")]
    assert langs == ["ar", "fr"]  # the book's language first, then its French articles


def test_every_document_has_lang_xml_lang_and_dir(epub_built: Any) -> None:
    files = _files(epub_built.path)
    docs = [n for n in files if n.endswith(".xhtml")]
    assert len(docs) >= 8
    for name in docs:
        html = etree.fromstring(files[name])
        lang, xml_lang, d = html.get("lang"), html.get(XML_LANG), html.get("dir")
        assert lang and lang == xml_lang, name
        assert d == ("ltr" if lang == "fr" else "rtl"), name
        body = html.find(f"{XHTML}body")
        # no dir on <body> (it stops epub.js's paging: docs/epub.md); the element that
        # wraps the content carries it, except on a fixed-layout page (one image)
        assert body is not None and body.get("dir") is None, name
        wrapper = body[0]
        if wrapper.tag != f"{XHTML}img":
            assert (wrapper.get("lang"), wrapper.get("dir")) == (lang, d), name


def test_french_chapter_is_french_and_left_to_right(epub_built: Any) -> None:
    files = _files(epub_built.path)
    html = etree.fromstring(files["EPUB/text/a-gare.xhtml"])
    assert (html.get("lang"), html.get(XML_LANG), html.get("dir")) == ("fr", "fr", "ltr")
    body = html.find(f"{XHTML}body")
    assert body is not None and body.get("dir") is None
    # epub.js forces rtl on <html>: the article keeps French left to right below it
    article = body.find(f"{XHTML}article")
    assert article is not None
    assert (article.get("lang"), article.get(XML_LANG), article.get("dir")) == ("fr", "fr", "ltr")
    nav = etree.fromstring(files["EPUB/text/nav.xhtml"])
    link = next(a for a in nav.iter(f"{XHTML}a") if a.get("href") == "a-gare.xhtml")
    assert (link.get("lang"), link.get("dir")) == ("fr", "ltr")


def test_reading_order_is_the_issue_contents_order(epub_built: Any) -> None:
    expected = ["text/cover.xhtml", "text/titlepage.xhtml", "text/nav.xhtml"]
    for entry in epub_built.issue.contents:
        if isinstance(entry, Article):
            expected.append(f"text/a-{entry.slug}.xhtml")
        elif isinstance(entry, ComicRef):
            pages = len(entry.comic.pages)
            expected += [f"text/comic-{entry.slug}-{n}.xhtml" for n in range(1, pages + 1)]
            expected.append(f"text/comic-{entry.slug}-text.xhtml")
    assert [h for h, _ in _spine_docs(_files(epub_built.path))] == expected


def test_comic_pages_are_fixed_layout_with_a_viewport(epub_built: Any) -> None:
    files = _files(epub_built.path)
    for href, itemref in _spine_docs(files):
        fixed = itemref.get("properties") == "rendition:layout-pre-paginated"
        is_page = href.startswith("text/comic-") and not href.endswith("-text.xhtml")
        assert fixed == is_page, href
        if is_page:
            html = etree.fromstring(files[f"EPUB/{href}"])
            viewport = html.find(f"{XHTML}head/{XHTML}meta[@name='viewport']")
            img = html.find(f".//{XHTML}img")
            assert viewport is not None and img is not None
            assert (
                viewport.get("content") == f"width={img.get('width')}, height={img.get('height')}"
            )
            assert img.get("alt")
    items = _manifest(_opf(files))
    # rendition properties belong on the itemref, never on the manifest item (OPF-027)
    assert not any("rendition" in (i.get("properties") or "") for i in items.values())


def test_comic_transcript_follows_its_pages_in_the_book_language(epub_built: Any) -> None:
    files = _files(epub_built.path)
    html = etree.fromstring(files["EPUB/text/comic-road-safety-text.xhtml"])
    text = "".join(html.itertext())
    comic = epub_built.issue.comics[0]
    for page in comic.pages:
        for panel in page.panels:
            assert panel.alt["ar"] in text
            for balloon in panel.balloons:
                assert balloon.text["ar"] in text
                assert balloon.text["fr"] not in text


def test_nav_is_arabic_with_toc_and_landmarks(epub_built: Any) -> None:
    nav = etree.fromstring(_files(epub_built.path)["EPUB/text/nav.xhtml"])
    navs = {n.get(EPUB_TYPE): n for n in nav.iter(f"{XHTML}nav")}
    assert set(navs) == {"toc", "landmarks"}
    heading = navs["toc"].find(f"{XHTML}h1")
    assert heading is not None and heading.text == "المحتويات"
    titles = [a.text for a in navs["toc"].iterfind(f"{XHTML}ol/{XHTML}li/{XHTML}a")]
    assert titles == [
        e.title if isinstance(e, Article) else e.comic.title["ar"]
        for e in epub_built.issue.contents
    ]
    marks = {a.get(EPUB_TYPE): a.text for a in navs["landmarks"].iter(f"{XHTML}a")}
    assert marks == {
        "cover": "الغلاف",
        "titlepage": "صفحة العنوان",
        "toc": "المحتويات",
        "bodymatter": "بداية القراءة",
    }


def test_cover_image_and_page(epub_built: Any) -> None:
    files = _files(epub_built.path)
    items = _manifest(_opf(files))
    covers = [i for i in items.values() if i.get("properties") == "cover-image"]
    assert len(covers) == 1 and covers[0].get("media-type") == "image/jpeg"
    page = etree.fromstring(files["EPUB/text/cover.xhtml"])
    img = page.find(f".//{XHTML}img")
    assert img is not None
    # the designed cover (policemag.images.cover): its alt says what it says, then
    # what the photo shows
    alt = img.get("alt", "")
    assert alt.startswith("غلاف مجلة الشرطة، العدد 7، 15 يناير 2026.")
    assert alt.endswith(epub_built.issue.cover.alt)
    assert epub_built.issue.articles[0].title in alt
    assert img.get("src") == "../" + covers[0].get("href")
    assert "Cover" not in files["EPUB/text/cover.xhtml"].decode()


def test_title_page_has_number_date_and_theme(epub_built: Any) -> None:
    text = _files(epub_built.path)["EPUB/text/titlepage.xhtml"].decode()
    assert "العدد 7" in text
    assert '<time datetime="2026-01-15">15 يناير 2026</time>' in text
    assert epub_built.issue.theme in text


def test_images_are_epub_types_at_most_1600(epub_built: Any) -> None:
    from io import BytesIO

    from PIL import Image

    files = _files(epub_built.path)
    images = [n for n in files if n.startswith("EPUB/images/")]
    assert len(images) == 5  # cover, lead, two inline, one comic page (the draft's: none)
    comic_pages = {
        "EPUB/" + img.get("src", "").removeprefix("../")
        for name, data in files.items()
        if name.startswith("EPUB/text/comic-") and not name.endswith("-text.xhtml")
        for img in etree.fromstring(data).iter(f"{XHTML}img")
    }
    assert len(comic_pages) == 1
    for name in images:
        with Image.open(BytesIO(files[name])) as im:
            assert im.format in ("JPEG", "PNG", "WEBP"), name
            if name not in comic_pages:  # lettered pages keep their size (docs/epub.md)
                assert max(im.size) <= 1600, name


def test_accessibility_metadata(epub_built: Any) -> None:
    opf = _opf(_files(epub_built.path))
    meta: dict[str, list[str]] = {}
    for m in opf.iter(f"{OPF}meta"):
        if m.get("property"):
            meta.setdefault(m.get("property"), []).append(m.text or "")
    assert meta["schema:accessMode"] == ["textual", "visual"]
    assert "textual" in meta["schema:accessModeSufficient"]
    assert {
        "alternativeText",
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "longDescription",
    } <= set(meta["schema:accessibilityFeature"])
    assert meta["schema:accessibilityHazard"] == ["none"]
    assert "القصص المصورة" in meta["schema:accessibilitySummary"][0]  # in the book's language
    assert meta["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert meta["dcterms:modified"] == ["2026-01-15T00:00:00Z"]


def test_identifier_is_stable_and_derived_from_the_number(epub_built: Any) -> None:
    from dataclasses import replace

    from policemag.epub import issue_identifier

    opf = _opf(_files(epub_built.path))
    ident = opf.find(".//{http://purl.org/dc/elements/1.1/}identifier")
    assert ident is not None and ident.get("id") == opf.get("unique-identifier")
    issue, config = epub_built.issue, epub_built.config
    assert ident.text == issue_identifier(issue, config)
    assert ident.text == "tag:magazine.police.example,2026:issue/7"  # as in OPDS and the feed
    assert issue_identifier(replace(issue, title="x"), config) == ident.text
    assert issue_identifier(replace(issue, number=8), config) != ident.text


def test_no_trace_of_the_draft(epub_built: Any) -> None:
    drafts = [a for a in epub_built.source.articles if a.draft]
    assert drafts, "the sample must contain a draft for this test to mean anything"
    assert all(a.slug != drafts[0].slug for a in epub_built.issue.articles)
    draft = drafts[0]
    assert draft.image is not None
    secret_bytes = draft.image.path.read_bytes()
    needles = [
        draft.title,
        draft.slug,
        draft.summary,
        "كلمة-سرية-للاختبار",
        draft.image.alt,
        Path(draft.image.src).stem,
    ]
    for name, data in _files(epub_built.path).items():
        assert draft.slug not in name
        assert secret_bytes not in data, name
        if name.endswith((".xhtml", ".opf", ".ncx", ".css", ".xml")):
            text = data.decode("utf-8")
            for needle in needles:
                assert needle not in text, (name, needle)


@pytest.mark.parametrize("name", ["EPUB/styles/magazine.css"])
def test_stylesheet_leaves_direction_to_attributes(epub_built: Any, name: str) -> None:
    files = _files(epub_built.path)
    css = files[name].decode()
    assert "direction" not in css and "unicode-bidi" not in css
    assert "left" not in css and "right" not in css  # start/end, never physical sides
    fonts = [n for n in files if n.startswith("EPUB/fonts/")]
    assert len(fonts) == 4  # Noto Sans Arabic and, for the French article, Noto Sans
    for font in fonts:
        assert font.rsplit("/", 1)[1] in css
        assert len(files[font]) < 120_000  # a subset, not the 850 KB variable font
