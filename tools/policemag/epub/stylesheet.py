"""The EPUB stylesheet and its embedded Arabic font, subset to the characters used.

Written for reading systems, not browsers: no CSS ``direction`` or ``unicode-bidi``
(reading systems ignore or forbid them, epubcheck CSS-001; direction lives in ``dir``
attributes), alignment with ``start`` and never ``left``, sizes in ``em`` so the
reader's font-size setting works, nothing ``!important`` (user overrides must win).

The font is Noto Sans Arabic (SIL OFL 1.1, which allows embedding and subsetting;
Noto declares no Reserved Font Name). The packaged file is a variable font; reading
systems handle variable fonts unevenly, so we embed two static instances (regular,
bold), each subset to the characters of the book. The instances, and base subsets of
them to what the magazine's books set (:data:`BASE_RANGES`), ship with the package
(:mod:`policemag.fonts`: instancing takes 1 to 7 s a font); a book's subsets are cut
from the base (about 0.1 s each) and cached in the store (namespace ``epub-fonts``) by
the font's hash, the weight and the characters: a warm build reads small files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import BinaryIO

from policemag.cache import CacheStore
from policemag.fonts import font_file

FONT_FAMILY = "Noto Sans Arabic"
LATIN_FAMILY = "Noto Sans"
#: CSS family of each face (policemag.fonts.FACES) the book embeds.
FAMILIES = {"arabic": FONT_FAMILY, "latin": LATIN_FAMILY}
#: Weights embedded, by the file stem used in the EPUB.
WEIGHTS = {"regular": 400, "bold": 700}
#: Characters always kept, whatever the text: digits, punctuation, bidi marks, NBSP.
_ALWAYS = "0123456789٠١٢٣٤٥٦٧٨٩.,;:!?«»()[]\"'-–—…/ %،؛؟ـ\u00a0\u200c\u200d\u200e\u200f\u061c"


@dataclass(frozen=True)
class EmbeddedFont:
    """One font file for the EPUB: its name under fonts/, weight and bytes."""

    name: str
    weight: int
    data: bytes
    family: str = FONT_FAMILY


def source_font() -> Path:
    """The packaged variable Noto Sans Arabic (pip package fontpkg-noto-sans-arabic)."""
    return font_file("arabic")


def embedded_fonts(text: str, cache_root: Path, latin_text: str = "") -> tuple[EmbeddedFont, ...]:
    """Regular and bold subsets of Noto Sans Arabic that cover every character of
    ``text`` and, when ``latin_text`` (the text of the book's left-to-right documents
    and passages) has letters, of Noto Sans for them: French reads in a Latin face, and
    each weight's two files together cover every character the book sets (made once,
    then taken from the store under ``cache_root``).

    Deterministic: the same characters and font give the same bytes (the subsetter
    is given a fixed, sorted character set and no timestamps are rewritten).
    """
    faces = [("arabic", "NotoSansArabic", _chars(text))]
    if any(c.isalpha() for c in latin_text):
        faces.append(("latin", "NotoSans", ""))
    store = CacheStore(cache_root, "epub-fonts")
    out: list[EmbeddedFont] = []
    for face, file_stem, chars in faces:
        src = font_file(face)
        src_sha = hashlib.sha256(src.read_bytes()).hexdigest()
        if face == "latin":  # only what the Arabic face lacks or French sets
            chars = _latin_chars(text, latin_text)
        for stem, weight in WEIGHTS.items():
            if {c for c in chars if ord(c) in _cmap(face)} <= set(base_chars(face)):
                # the usual book: cut from the base subset (shipped), the same bytes as
                # from the whole instance and up to ten times faster (policemag.fonts)
                static = _cached(
                    store, store.key("base", src_sha, str(weight)), partial(base_subset, face, weight)
                )
            else:
                static = _cached(
                    store, store.key("instance", src_sha, str(weight)), partial(_instance, src, weight)
                )
            subset = _cached(
                store,
                store.key("subset", src_sha, str(weight), chars),
                partial(_subset, static, chars),
            )
            out.append(
                EmbeddedFont(f"{file_stem}-{stem}.ttf", weight, subset.read_bytes(), FAMILIES[face])
            )
    return tuple(out)


def _chars(text: str) -> str:
    return "".join(sorted(set(text + _ALWAYS + _ALWAYS.upper()) - set("\n\r\t")))


def _latin_chars(text: str, latin_text: str) -> str:
    """The Latin face's characters: those of the left-to-right text, and any other
    character of the book the Arabic face does not have (it is the fallback)."""
    arabic = _cmap("arabic")
    wanted = set(_chars(latin_text)) | {c for c in set(text) if ord(c) not in arabic}
    return "".join(sorted(c for c in wanted if not _is_arabic(c)))


def _is_arabic(c: str) -> bool:
    o = ord(c)
    return 0x0600 <= o <= 0x08FF or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF


@cache
def _cmap(face: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(font_file(face), lazy=True).getBestCmap())


def _cached(store: CacheStore, key: str, make: Callable[[], bytes]) -> Path:
    """The stored font ``key``, else the bytes of ``make()`` stored as it."""
    return store.get_file(key, ".ttf") or store.put_bytes(key, make(), ".ttf")


def _instance(src: Path, weight: int) -> bytes:
    """The static instance of the variable font ``src`` at ``weight``: shipped with the
    package (instancing takes 1 to 7 s a font; :func:`policemag.fonts.static_instance`)."""
    from policemag.fonts import FACES, static_instance

    for face in FACES:
        if font_file(face) == src:
            return static_instance(face, weight)
    raise ValueError(f"{src}: not a font of policemag.fonts.FACES")  # pragma: no cover


#: The characters of the base subsets a book's fonts are usually cut from: what the
#: magazine's books set (Arabic, Latin-1 and Latin Extended-A, punctuation), with
#: :data:`_ALWAYS`. Subsetting a subset again gives the bytes subsetting the whole
#: instance gives (tests/unit/test_fonts.py), and the Latin face's closure over 3,000
#: glyphs (0.9 s a book and weight) becomes one over 400 (0.08 s).
BASE_RANGES = {
    "arabic": "U+0020-007E,U+00A0-00FF,U+0600-06FF,U+0750-077F,U+2000-206F,U+FD3E-FD3F",
    "latin": "U+0020-007E,U+00A0-017F,U+2000-206F,U+20AC,U+2122",
}


@cache
def base_chars(face: str) -> str:
    """The characters of ``face``'s base subset that the font has, sorted."""
    from fontTools.subset import parse_unicodes

    wanted = {chr(c) for c in parse_unicodes(BASE_RANGES[face])} | set(_chars(""))
    return "".join(sorted(c for c in wanted if ord(c) in _cmap(face)))


def base_recipe(weight: int) -> str:
    return f"epub base subset of the static instance wght={weight}: stylesheet.BASE_RANGES + _ALWAYS, all layout features and names"


def base_subset(face: str, weight: int) -> bytes:
    """``face``'s base subset at ``weight``: shipped with the package (made once per
    package version, :func:`policemag.fonts.prepared_font`)."""
    from io import BytesIO

    from policemag.fonts import prepared_font, static_instance

    def make() -> bytes:
        return _subset(BytesIO(static_instance(face, weight)), base_chars(face))

    return prepared_font(f"epub-{face}-{weight}-base.ttf", face, base_recipe(weight), make, None)


def _subset(static: Path | BinaryIO, chars: str) -> bytes:
    from io import BytesIO

    from fontTools import subset
    from fontTools.ttLib import TTFont

    opts = subset.Options()
    # Arabic needs its shaping features (init/medi/fina, ligatures, marks): keep all.
    opts.layout_features = ["*"]
    # keep copyright, licence and licence URL (name IDs 0, 13, 14): OFL asks for them
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    font = TTFont(static, recalcTimestamp=False)
    sub = subset.Subsetter(opts)
    sub.populate(text=chars)
    sub.subset(font)
    buf = BytesIO()
    font.save(buf)
    return buf.getvalue()


def stylesheet(fonts: tuple[EmbeddedFont, ...]) -> str:
    """The CSS of every document; ``fonts`` are referenced as ``../fonts/<name>``."""
    faces = "".join(
        f'@font-face {{\n  font-family: "{f.family}";\n  font-style: normal;\n'
        f'  font-weight: {f.weight};\n  src: url("../fonts/{f.name}");\n}}\n'
        for f in fonts
    )
    return faces + _CSS


_CSS = """
html, body {
  margin: 0;
  padding: 0;
}
body {
  font-family: "Noto Sans Arabic", "Noto Sans", sans-serif;
  line-height: 1.7;
  padding: 0 0.6em;
  text-align: start;
}
h1, h2, h3, h4 {
  line-height: 1.35;
  text-align: start;
  font-weight: 700;
  margin: 1.2em 0 0.5em;
  page-break-after: avoid;
  break-after: avoid;
}
h1 { font-size: 1.5em; }
h2 { font-size: 1.25em; }
h3 { font-size: 1.1em; }
p { margin: 0 0 0.8em; }
ul, ol { margin: 0 0 0.8em; padding-inline-start: 1.5em; }
img { max-width: 100%; height: auto; }
figure { margin: 1em 0; page-break-inside: avoid; break-inside: avoid; }
figure img { display: block; margin: 0 auto; }
figcaption { font-size: 0.85em; margin-top: 0.3em; }
blockquote { margin: 1em 0; padding-inline-start: 1em; border-inline-start: 0.2em solid #888; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #888; padding: 0.2em 0.4em; text-align: start; }
a { color: inherit; }

/* French (and any passage with dir="ltr") in the Latin face; Arabic keeps its own */
[dir="ltr"] { font-family: "Noto Sans", "Noto Sans Arabic", sans-serif; }
[dir="rtl"] { font-family: "Noto Sans Arabic", "Noto Sans", sans-serif; }

.section-label { font-size: 0.85em; margin: 1em 0 0; }
.byline { font-size: 0.9em; margin: 0 0 1em; }
.summary { font-size: 1.05em; font-weight: 700; }

.cover { margin: 0; padding: 0; text-align: center; }
.cover img { max-width: 100%; max-height: 100%; }

.titlepage { text-align: center; padding-top: 3em; }
.titlepage h1 { text-align: center; font-size: 1.9em; }
.titlepage p { text-align: center; }
.titlepage .issue-title { font-size: 1.3em; font-weight: 700; }

nav ol { list-style: none; padding-inline-start: 0; }
nav ol ol { padding-inline-start: 1.2em; }
nav li { margin: 0.3em 0; }

.transcript section { margin: 0 0 1.5em; }
.transcript .panel-alt { margin-bottom: 0.2em; }
.transcript .balloon { margin-bottom: 0.2em; }
.transcript .speaker { font-weight: 700; }

/* fixed-layout comic pages: the viewport is the page, the image fills it */
.comic-page { margin: 0; padding: 0; overflow: hidden; }
.comic-page img { display: block; width: 100%; height: auto; margin: 0; }
"""
