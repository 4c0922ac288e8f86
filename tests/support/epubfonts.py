"""Which characters an EPUB sets that its embedded fonts cannot draw.

Every character of the book's text (text nodes and ``alt`` texts of every XHTML
document) must be in the cmap of one of the embedded fonts of each weight: otherwise a
reading system draws it with a font of its own (or a box). Spaces, controls and
default-ignorable characters (bidi marks, joiners, variation selectors) draw nothing
and are left out.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

from fontTools.ttLib import TTFont
from lxml import etree

#: Default-ignorable code points (Unicode DerivedCoreProperties, the ranges a book uses).
_IGNORABLE = [
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0xFE00, 0xFE0F),
    (0x061C, 0x061C),
]


def _drawn(c: str) -> bool:
    o = ord(c)
    if any(lo <= o <= hi for lo, hi in _IGNORABLE):
        return False
    return not (c.isspace() or unicodedata.category(c).startswith("C"))


def book_characters(epub: Path | bytes) -> set[str]:
    """Every drawn character of the book's documents (text and alt texts)."""
    out: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(epub) if isinstance(epub, bytes) else epub) as zf:
        for name in zf.namelist():
            if not name.endswith(".xhtml"):
                continue
            root = etree.fromstring(zf.read(name))
            for el in root.iter():
                if not isinstance(el.tag, str):
                    continue
                # the head's <title> is shown by reading systems (running heads, lists)
                for text in (el.text, el.tail, el.get("alt")):
                    if text:
                        out |= {c for c in text if _drawn(c)}
    return out


def uncovered_by_weight(epub: Path | bytes) -> dict[int, set[str]]:
    """For each embedded weight (usWeightClass), the book's characters none of that
    weight's fonts has; ``{}`` when the book embeds no font."""
    cmaps: dict[int, set[int]] = {}
    with zipfile.ZipFile(io.BytesIO(epub) if isinstance(epub, bytes) else epub) as zf:
        for name in zf.namelist():
            if name.endswith((".ttf", ".otf")):
                font = TTFont(io.BytesIO(zf.read(name)))
                weight = font["OS/2"].usWeightClass
                cmaps.setdefault(weight, set()).update(font.getBestCmap())
    chars = book_characters(epub)
    return {w: {c for c in chars if ord(c) not in cmap} for w, cmap in cmaps.items()}
