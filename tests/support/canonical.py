"""Outputs as data, for golden files: XML and HTML become JsonML-like lists.

A node is ``[name, {attribute: value}, *content]``: ``content`` holds the text and the
child nodes in document order, so mixed content (``نص <a>رابط</a> نص``) keeps its shape.
Attributes compare as a mapping (their order is not part of the output's meaning);
comments are ``["#comment", text]``, processing instructions ``["#pi", target, text]``.

Whitespace: runs of ASCII whitespace (space, tab, CR, LF, FF, HTML's own set) collapse
to one space and text that is only whitespace is dropped; it is template indentation.
Inside ``pre``, ``textarea``, ``script`` and ``style`` text is kept exactly. No-break
and other Unicode spaces are text and stay. Everything else is kept as written: this is
a canonical form, not a filter.

XML names use the document's own prefixes (``dc:title``, ``epub:type``, ``xml:lang``;
the default namespace's elements are bare), and a namespace declaration shows as the
``xmlns`` or ``xmlns:prefix`` attribute of the element that declares it.

>>> html_node('<main class="a"><p>Un  <b>mot</b>\\n  fin</p>\\n<br></main>', "main")
['main', {'class': 'a'}, ['p', {}, 'Un ', ['b', {}, 'mot'], ' fin'], ['br', {}]]
>>> xml_document(b'<r xmlns="urn:x" xmlns:q="urn:q"><q:i a="1"> t </q:i><!-- c --></r>')
{'doctype': None, 'root': ['r', {'xmlns': 'urn:x', 'xmlns:q': 'urn:q'}, ['q:i', {'a': '1'}, ' t '], ['#comment', ' c ']]}
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

Node = list[Any]

XML_NS = "http://www.w3.org/XML/1998/namespace"
#: elements whose text keeps its whitespace as written
RAW = frozenset({"pre", "textarea", "script", "style"})
#: HTML's void elements: no end tag, no content
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})
_SPACE = re.compile(r"[ \t\n\r\f]+")


def _text(text: str | None, raw: bool) -> str | None:
    if not text:
        return None
    if raw:
        return text
    collapsed = _SPACE.sub(" ", text)
    return None if collapsed == " " else collapsed


def _append(node: Node, item: str | Node | None, raw: bool = False) -> None:
    if item is None:
        return
    if isinstance(item, str) and len(node) > 2 and isinstance(node[-1], str):
        joined = node[-1] + item  # text the parser handed over in two pieces
        node[-1] = joined if raw else _SPACE.sub(" ", joined)
    else:
        node.append(item)


# --- XML -----------------------------------------------------------------------------


def _xml_name(qname: str, nsmap: dict[str | None, str]) -> str:
    if not qname.startswith("{"):
        return qname
    uri, local = qname[1:].split("}", 1)
    if uri == XML_NS:
        return f"xml:{local}"
    prefixes = sorted((p for p, u in nsmap.items() if u == uri), key=lambda p: (p is not None, p or ""))
    if not prefixes or prefixes[0] is None:
        return local
    return f"{prefixes[0]}:{local}"


def _xml_node(element: Any, parent_nsmap: dict[str | None, str], raw: bool) -> Node:
    from lxml import etree

    if element.tag is etree.Comment:
        return ["#comment", element.text or ""]
    if element.tag is etree.PI:
        return ["#pi", element.target, element.text or ""]
    nsmap: dict[str | None, str] = dict(element.nsmap)
    attrs: dict[str, str] = {}
    for prefix, uri in nsmap.items():
        if parent_nsmap.get(prefix) != uri:
            attrs["xmlns" if prefix is None else f"xmlns:{prefix}"] = uri
    for name, value in element.attrib.items():
        # attributes without a prefix are in no namespace, whatever the default is
        attrs[_xml_name(name, {p: u for p, u in nsmap.items() if p is not None})] = value
    name = _xml_name(element.tag, nsmap)
    raw = raw or name.rpartition(":")[2] in RAW
    node: Node = [name, attrs]
    _append(node, _text(element.text, raw), raw)
    for child in element:
        _append(node, _xml_node(child, nsmap, raw))
        _append(node, _text(child.tail, raw), raw)
    return node


def xml_document(data: bytes) -> dict[str, Any]:
    """An XML document (OPF, XHTML, NCX) as ``{"doctype": ..., "root": node}``."""
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    doctype = root.getroottree().docinfo.doctype or None
    return {"doctype": doctype, "root": _xml_node(root, {}, False)}


# --- HTML ----------------------------------------------------------------------------


class _TreeBuilder(HTMLParser):
    """A tree from HTML5 as our pages write it: void elements close themselves, an end
    tag closes the innermost open element of its name (and anything left open in it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: Node = ["#document", {}]
        self.stack: list[Node] = [self.root]
        self.doctype: str | None = None

    def _raw(self) -> bool:
        return any(n[0] in RAW for n in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node: Node = [tag, {name: value for name, value in attrs}]
        _append(self.stack[-1], node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        _append(self.stack[-1], [tag, {name: value for name, value in attrs}])

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        raw = self._raw()
        _append(self.stack[-1], _text(data, raw), raw)

    def handle_comment(self, data: str) -> None:
        _append(self.stack[-1], ["#comment", data])

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl


def _find(node: Node, tag: str) -> list[Node]:
    found = [node] if node[0] == tag else []
    for child in node[2:]:
        if isinstance(child, list):
            found += _find(child, tag)
    return found


def html_node(text: str, tag: str) -> Node:
    """The one ``tag`` element of an HTML page (e.g. its ``main``), as a node."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    found = _find(builder.root, tag)
    assert len(found) == 1, f"{len(found)} <{tag}> elements in the page"
    return found[0]
