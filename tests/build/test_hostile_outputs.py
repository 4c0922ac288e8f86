"""Hostile front-matter values and bodies stay data in every output.

tests/sites/xss puts ``"``, ``'``, ``<``, ``>``, ``&`` and ``</script>`` in every field
of issue.yml and of an article's front matter, and known XSS vectors in a body. Built
with the lint off (tests/support/xss.py), every XML and XHTML output must parse with a
strict XML parser, every JSON output must parse and give the values back unchanged, and
no output may hold a script element or an event handler that content put there.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from tests.support.xss import build_hostile_site

# an image the build did not make is left out of the feed and the EPUB, quietly: the
# sanitizer's callback raising inside nh3 printed a traceback ("Exception ignored")
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")]

ISSUE_TITLE = "</title><script>__pwned()</script> \"quoted\" 'single' <b>&amp;"
ARTICLE_TITLE = "</title><script>__pwned()</script> \"q\" 'a' <i>&"
SUMMARY = '0;url=https://evil.example/phish" http-equiv="refresh'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


def _strict(data: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:  # pragma: no cover - the failure message
        raise AssertionError(f"{name} is not well-formed XML: {exc}") from None


def test_every_xml_output_is_well_formed(site: Path) -> None:
    checked = 0
    for path in sorted(site.rglob("*")):
        if path.suffix in (".xml", ".opf", ".xhtml", ".ncx", ".svg"):
            _strict(path.read_bytes(), str(path))
            checked += 1
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                        _strict(book.read(name), f"{path.name}:{name}")
                        checked += 1
    assert checked > 10


def test_images_the_build_did_not_make_are_left_out(site: Path) -> None:
    import re

    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    tags = [t for item in feed["items"] for t in re.findall(r"<img\b[^>]*>", item.get("content_html", ""))]
    assert all(" src=" in t for t in tags)
    for book in (site / "epub").glob("*.epub"):
        with zipfile.ZipFile(book) as zf:
            for name in zf.namelist():
                if name.endswith(".xhtml"):
                    for img in _strict(zf.read(name), name).iter("{http://www.w3.org/1999/xhtml}img"):
                        assert img.get("src"), name


def test_json_outputs_give_the_values_back(site: Path) -> None:
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    titles = {item["title"] for item in feed["items"]}
    assert ARTICLE_TITLE in titles
    (item,) = [i for i in feed["items"] if i["title"] == ARTICLE_TITLE]
    assert item["summary"] == SUMMARY
    assert "<script" not in item.get("content_html", "")
    for path in site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # every JSON parses
    opds = (site / "opds.json").read_text(encoding="utf-8")
    assert ISSUE_TITLE in json.dumps(json.loads(opds), ensure_ascii=False) or "__pwned" in opds


def test_the_epub_holds_the_values_as_text(site: Path) -> None:
    (book_path,) = (site / "epub").glob("*.epub")
    with zipfile.ZipFile(book_path) as book:
        texts = {n: book.read(n) for n in book.namelist() if n.endswith((".xhtml", ".opf", ".ncx"))}
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    for name, data in texts.items():
        root = _strict(data, name)
        assert not root.xpath("//x:script", namespaces=ns), name
        assert not [a for el in root.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")], name
    chapter = next(d for n, d in texts.items() if n.endswith("a-fields.xhtml"))
    assert ARTICLE_TITLE in "".join(_strict(chapter, "a-fields").itertext())


def test_no_page_holds_a_handler_or_a_script_from_content(site: Path) -> None:
    from lxml import html

    for path in site.rglob("*.html"):
        doc = html.fromstring(path.read_bytes())
        handlers = [a for el in doc.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")]
        assert handlers == [], path
        for script in doc.iter("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.text or "")  # the values stayed inside the JSON
            else:
                assert "__pwned" not in (script.text or ""), path
