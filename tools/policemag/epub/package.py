"""The package document: assembled with ebooklib, then patched with lxml.

ebooklib writes the manifest, spine, metadata and NCX well enough. What it gets wrong
or cannot express, fixed in :func:`patch_opf`:

- no ``xml:lang`` on ``<package>`` (Ace flags it) and ``dir`` only by option;
- no ``properties`` on spine itemrefs: ``rendition:layout-pre-paginated`` for comic
  pages must sit on the itemref (on the manifest item it is OPF-027);
- it re-declares the reserved ``rendition:`` prefix (reserved prefixes need none);
- its generated cover page is not used (OPF-096, and it says "Cover" in English): we
  declare the cover image and write our own page.
"""

from __future__ import annotations

import io
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ebooklib import epub
from lxml import etree

OPF_NS = "http://www.idpf.org/2007/opf"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTAINER_PATH = "META-INF/container.xml"
OPF_PATH = "EPUB/content.opf"
NCX_PATH = "EPUB/toc.ncx"
FIXED_LAYOUT = "rendition:layout-pre-paginated"


@dataclass(frozen=True)
class Item:
    """A file of the book: ``href`` relative to ``EPUB/``, its id and bytes."""

    id: str
    href: str
    media_type: str
    data: bytes
    properties: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpineRef:
    """A spine entry; ``fixed`` marks a pre-paginated (fixed-layout) document."""

    id: str
    fixed: bool = False


@dataclass
class BookSpec:
    """Everything the OPF says about the book, already decided by the caller."""

    identifier: str
    title: str
    lang: str
    direction: str
    modified: datetime
    date: str
    publisher: str
    collection: str
    position: int
    description: str | None
    cover_id: str
    items: list[Item]
    spine: list[SpineRef]
    toc: list[tuple[str, str]]  # (title, href) for the NCX, EPUB 2 reading systems
    meta: list[tuple[str, str]] = field(default_factory=list)  # (property, value)
    other_langs: list[str] = field(default_factory=list)  # more dc:language, after lang
    creator: str | None = None  # dc:creator: who made the book (the editorial team)
    contributors: list[str] = field(default_factory=list)  # dc:contributor, role ctb


def assemble(spec: BookSpec) -> dict[str, bytes]:
    """The book's files (zip path -> bytes), without ``mimetype``, OPF and NCX patched."""
    book = epub.EpubBook()
    book.set_identifier(spec.identifier)
    book.set_title(spec.title)
    book.set_language(spec.lang)
    for other in spec.other_langs:
        book.add_metadata("DC", "language", other)
    book.set_direction(spec.direction)
    book.add_metadata("DC", "date", spec.date)
    book.add_metadata("DC", "publisher", spec.publisher)
    if spec.creator:
        # no role: reading systems (Calibre) then list it as the author
        book.add_metadata("DC", "creator", spec.creator, OrderedDict([("id", "creator")]))
    for n, name in enumerate(spec.contributors, 1):
        book.add_metadata("DC", "contributor", name, OrderedDict([("id", f"contributor-{n}")]))
        book.add_metadata(
            None,
            "meta",
            "ctb",
            OrderedDict(
                [
                    ("refines", f"#contributor-{n}"),
                    ("property", "role"),
                    ("scheme", "marc:relators"),
                ]
            ),
        )
    if spec.description:
        book.add_metadata("DC", "description", spec.description)
    for prop, value in spec.meta:
        book.add_metadata(None, "meta", value, OrderedDict([("property", prop)]))
    book.add_metadata(
        None,
        "meta",
        spec.collection,
        OrderedDict([("property", "belongs-to-collection"), ("id", "collection")]),
    )
    book.add_metadata(
        None,
        "meta",
        "series",
        OrderedDict([("refines", "#collection"), ("property", "collection-type")]),
    )
    book.add_metadata(
        None,
        "meta",
        str(spec.position),
        OrderedDict([("refines", "#collection"), ("property", "group-position")]),
    )
    # EPUB 2 reading systems find the cover through <meta name="cover">
    book.add_metadata(
        None, "meta", "", OrderedDict([("name", "cover"), ("content", spec.cover_id)])
    )
    for it in spec.items:
        if it.id == spec.cover_id:
            item: epub.EpubItem = epub.EpubCover(uid=it.id, file_name=it.href)
            item.media_type = it.media_type
        else:
            item = epub.EpubItem(uid=it.id, file_name=it.href, media_type=it.media_type)
            item.properties = list(it.properties)  # ebooklib writes them on <item>
        # ebooklib only has to write the OPF and NCX for us: the files themselves go
        # straight from ``spec.items`` into our own zip, so do not copy them through
        item.content = b""
        book.add_item(item)
    book.add_item(epub.EpubNcx())
    book.spine = [ref.id for ref in spec.spine]
    book.toc = [epub.Link(href, title, f"ncx-{n}") for n, (title, href) in enumerate(spec.toc, 1)]
    out = io.BytesIO()
    options = {
        "mtime": spec.modified,
        "epub2_guide": False,
        "epub3_landmark": False,
        "epub3_pages": False,
        "package_direction": True,
        "compresslevel": 0,  # this zip is only read back: do not spend time deflating
        "raise_exceptions": True,
    }
    epub.write_epub(out, book, options)
    with zipfile.ZipFile(out) as zf:
        files = {n: zf.read(n) for n in (CONTAINER_PATH, OPF_PATH, NCX_PATH)}
    files.update({f"EPUB/{it.href}": it.data for it in spec.items})
    files[OPF_PATH] = patch_opf(files[OPF_PATH], spec.lang, spec.direction, spec.spine)
    files[NCX_PATH] = patch_ncx(files[NCX_PATH], spec.lang)
    return files


def patch_opf(data: bytes, lang: str, direction: str, spine: Sequence[SpineRef]) -> bytes:
    """Fix the OPF ebooklib wrote (see the module docstring)."""
    root = etree.fromstring(data)
    root.set(XML_LANG, lang)
    root.set("dir", direction)
    prefixes = [
        p
        for p in root.get("prefix", "").split("rendition: http://www.idpf.org/vocab/rendition/#")
        if p.strip()
    ]
    if prefixes:
        root.set("prefix", " ".join(p.strip() for p in prefixes))
    else:
        root.attrib.pop("prefix", None)
    fixed = {ref.id for ref in spine if ref.fixed}
    spine_el = root.find(f"{{{OPF_NS}}}spine")
    assert spine_el is not None, "ebooklib wrote no spine"
    for itemref in spine_el:
        if itemref.get("idref") in fixed:
            itemref.set("properties", FIXED_LAYOUT)
    return bytes(etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True))


def patch_ncx(data: bytes, lang: str) -> bytes:
    """Give the NCX the book's language (ebooklib writes none)."""
    root = etree.fromstring(data)
    root.set(XML_LANG, lang)
    return bytes(
        etree.tostring(
            root.getroottree(), encoding="utf-8", xml_declaration=True, pretty_print=True
        )
    )
