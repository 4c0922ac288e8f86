"""tests/support/canonical.py, the parsed form of golden XML and HTML outputs."""

from __future__ import annotations

from tests.support.canonical import html_node, xml_document


def test_html_keeps_mixed_content_and_drops_indentation() -> None:
    page = (
        "<!doctype html><html><body><header><main>x</main></header>\n"
        '<main id="m">\n  <p class="a b">نص <a href="x">رابط</a>\u00a0: fin</p>\n'
        "  <img src=a.jpg alt=''><br/>\n  <pre>  two\n   lines </pre>\n</main></body></html>"
    )
    assert html_node(page.replace("<main>x</main>", ""), "main") == [
        "main", {"id": "m"},
        ["p", {"class": "a b"}, "نص ", ["a", {"href": "x"}, "رابط"], "\u00a0: fin"],
        ["img", {"src": "a.jpg", "alt": ""}],
        ["br", {}],
        ["pre", {}, "  two\n   lines "],
    ]


def test_html_wants_exactly_one_element() -> None:
    try:
        html_node("<main></main><main></main>", "main")
    except AssertionError as e:
        assert "2 <main>" in str(e)
    else:
        raise AssertionError("two <main> passed")


def test_xml_names_use_the_document_prefixes() -> None:
    doc = xml_document(
        b'<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"'
        b' xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="ar">'
        b'<nav epub:type="toc" id="t"><?pi x?>\n  <ol><li>a</li></ol></nav></html>'
    )
    assert doc == {
        "doctype": "<!DOCTYPE html>",
        "root": [
            "html",
            {"xmlns": "http://www.w3.org/1999/xhtml", "xmlns:epub": "http://www.idpf.org/2007/ops",
             "xml:lang": "ar"},
            ["nav", {"epub:type": "toc", "id": "t"}, ["#pi", "pi", "x"], ["ol", {}, ["li", {}, "a"]]],
        ],
    }
