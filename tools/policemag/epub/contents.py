"""An EPUB as a web publication: its files unpacked for the site, its structure for the
issue manifest.

The issue manifest (``<issue-id>/manifest.json``, Readium Web Publication Manifest with
the EPUB profile) lists the book's own XHTML documents in ``readingOrder``: pages
without the site's header, menus or scripts, with their stylesheet, fonts and images in
``resources``. :func:`book_files` gives the files to put under ``books/<issue-id>/``
(``urls.book_dir``) and :func:`book_contents` what the manifest says about them, both
read from the written EPUB, so the manifest describes exactly what was published.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from policemag.epub.package import FIXED_LAYOUT, OPF_NS, OPF_PATH

XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"
#: Where the package's files live in the zip (the OPF's folder), and the OPF's name there.
ROOT = posixpath.dirname(OPF_PATH) + "/"
OPF_NAME = posixpath.basename(OPF_PATH)


@dataclass(frozen=True)
class BookLink:
    """One file of the book: ``href`` relative to the book's folder (``text/a-x.xhtml``)."""

    href: str
    media_type: str
    title: str | None = None
    fixed: bool = False
    width: int | None = None
    height: int | None = None
    rel: str | None = None


@dataclass(frozen=True)
class TocEntry:
    title: str
    href: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class BookContents:
    """The spine (linear documents, in order), every other file, and the table of contents."""

    reading_order: tuple[BookLink, ...]
    resources: tuple[BookLink, ...]
    toc: tuple[TocEntry, ...]


def book_files(epub: Path | bytes) -> dict[str, bytes]:
    """Every file of the package folder (``EPUB/``), by path relative to it."""
    with _open(epub) as zf:
        return {
            name[len(ROOT) :]: zf.read(name)
            for name in sorted(zf.namelist())
            if name.startswith(ROOT) and not name.endswith("/")
        }


def book_contents(epub: Path | bytes) -> BookContents:
    """The reading order, resources and table of contents of a book this package wrote:
    the EPUB (its path or bytes) or its package folder as :func:`book_files` unpacks it."""
    if isinstance(epub, Path) and epub.is_dir():
        return _contents(lambda name: (epub / name).read_bytes())
    with _open(epub) as zf:
        return _contents(lambda name: zf.read(ROOT + name))


def contents_of(files: Mapping[str, bytes]) -> BookContents:
    """:func:`book_contents` of a book unpacked in memory (:func:`book_files`)."""
    return _contents(files.__getitem__)


def _contents(read: Callable[[str], bytes]) -> BookContents:
    """:func:`book_contents` of the package whose files (relative to the OPF's folder)
    ``read`` returns."""
    opf = etree.fromstring(read(OPF_NAME))
    manifest = {
        item.get("id"): item for item in opf.iterfind(f"{{{OPF_NS}}}manifest/{{{OPF_NS}}}item")
    }
    cover_id = next(
        (
            m.get("content")
            for m in opf.iterfind(f"{{{OPF_NS}}}metadata/{{{OPF_NS}}}meta")
            if m.get("name") == "cover"
        ),
        None,
    )
    spine: list[BookLink] = []
    in_spine: set[str] = set()
    for ref in opf.iterfind(f"{{{OPF_NS}}}spine/{{{OPF_NS}}}itemref"):
        item = manifest[ref.get("idref")]
        href = item.get("href", "")
        in_spine.add(href)
        if ref.get("linear", "yes") == "no":
            continue
        spine.append(
            BookLink(
                href,
                item.get("media-type", ""),
                _title(read(href)),
                fixed=FIXED_LAYOUT in (ref.get("properties") or "").split(),
            )
        )
    resources: list[BookLink] = []
    nav_href = None
    for item_id, item in manifest.items():
        href = item.get("href", "")
        props = (item.get("properties") or "").split()
        if "nav" in props:
            nav_href = href
        if href in in_spine:
            continue
        mime = item.get("media-type", "")
        rel = "cover" if item_id == cover_id or "cover-image" in props else None
        if "nav" in props:
            rel = "contents"
        width = height = None
        if mime.startswith("image/"):
            width, height = _image_size(read(href))
        resources.append(BookLink(href, mime, None, False, width, height, rel))
    toc = _toc(read(nav_href)) if nav_href else ()
    return BookContents(tuple(spine), tuple(sorted(resources, key=lambda r: r.href)), toc)


def _open(epub: Path | bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(epub) if isinstance(epub, bytes) else epub)


def _title(xhtml: bytes) -> str | None:
    root = etree.fromstring(xhtml)
    title = root.findtext(f"{{{XHTML_NS}}}head/{{{XHTML_NS}}}title")
    return title.strip() if title and title.strip() else None


def _image_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        return im.size


def _toc(nav: bytes) -> tuple[TocEntry, ...]:
    """The nav document's ``toc`` list, as entries with hrefs relative to the book's
    folder (the nav lives in ``text/``)."""
    root = etree.fromstring(nav)
    base = "text/"
    for el in root.iter(f"{{{XHTML_NS}}}nav"):
        if el.get(f"{{{OPS_NS}}}type") == "toc":
            ol = el.find(f"{{{XHTML_NS}}}ol")
            return _entries(ol, base) if ol is not None else ()
    return ()


def _entries(ol: etree._Element, base: str) -> tuple[TocEntry, ...]:
    out = []
    for li in ol.iterfind(f"{{{XHTML_NS}}}li"):
        a = li.find(f"{{{XHTML_NS}}}a")
        if a is None:
            continue
        sub = li.find(f"{{{XHTML_NS}}}ol")
        path, _, fragment = a.get("href", "").partition("#")
        href = posixpath.normpath(posixpath.join(base, path)) + (f"#{fragment}" if fragment else "")
        out.append(
            TocEntry(
                "".join(a.itertext()).strip(),
                href,
                _entries(sub, base) if sub is not None else (),
            )
        )
    return tuple(out)
