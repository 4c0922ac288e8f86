"""The EPUB stylesheet and its embedded fonts, subset to the characters used.

Written for reading systems, not browsers: no CSS ``direction`` or ``unicode-bidi``
(reading systems ignore or forbid them, epubcheck CSS-001; direction lives in ``dir``
attributes), alignment with ``start`` and never ``left``, sizes in ``em`` so the
reader's font-size setting works, nothing ``!important`` (user overrides must win).

The fonts are Noto Sans Arabic and Noto Sans (SIL OFL 1.1, which allows embedding and
subsetting; Noto declares no Reserved Font Name). The packaged files are variable fonts;
reading systems handle variable fonts unevenly, so we embed static instances (regular,
bold), each subset to the characters of the book. The instances ship with the package
(:mod:`policemag.fonts`: instancing takes 1 to 7 s a font); a book's subsets are cut
from them by HarfBuzz's subsetter (``uharfbuzz``): about a millisecond a font, where
fontTools' subsetter took 0.1 to 0.9 s (docs/performance.md, "EPUB fonts").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from policemag.fonts import font_file

if TYPE_CHECKING:
    import uharfbuzz

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
    each weight's two files together cover every character the book sets.

    Each subset keeps every glyph shaping can reach from its characters (contextual
    forms, ligatures, marks: all layout features). Deterministic: the same characters,
    font and HarfBuzz give the same bytes (HarfBuzz's version is in every cache key,
    :data:`policemag.cache.LIBRARIES`). ``cache_root`` keeps the static instances made
    for a font package other than the shipped fonts' (:func:`policemag.fonts.static_instance`).
    """
    # the book's set of characters made once: scanning its text (60,000 characters in
    # the archive's books) three times took 10 ms, a sixth of an EPUB
    used = set(text)
    faces = [("arabic", "NotoSansArabic", _chars(used))]
    if any(c.isalpha() for c in latin_text):
        # only what the Arabic face lacks or French sets
        latin_used = used if latin_text == text else set(latin_text)
        faces.append(("latin", "NotoSans", _latin_chars(used, latin_used)))
    return tuple(
        EmbeddedFont(
            f"{file_stem}-{stem}.ttf",
            weight,
            subset_font(_instance_face(face, weight, cache_root), chars),
            FAMILIES[face],
        )
        for face, file_stem, chars in faces
        for stem, weight in WEIGHTS.items()
    )


def _chars(used: Iterable[str]) -> str:
    """The characters a face keeps for a text (its characters, or their set): those of
    the text and :data:`_ALWAYS`, sorted, without line breaks and tabs."""
    return "".join(sorted((set(used) | set(_ALWAYS + _ALWAYS.upper())) - set("\n\r\t")))


def _latin_chars(used: Iterable[str], latin_used: Iterable[str]) -> str:
    """The Latin face's characters: those of the left-to-right text (``latin_used``), and
    any other character of the book (``used``) the Arabic face does not have (it is the
    fallback)."""
    arabic = _cmap("arabic")
    wanted = set(_chars(latin_used)) | {c for c in set(used) if ord(c) not in arabic}
    return "".join(sorted(c for c in wanted if not _is_arabic(c)))


def _is_arabic(c: str) -> bool:
    o = ord(c)
    return 0x0600 <= o <= 0x08FF or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF


@cache
def _cmap(face: str) -> frozenset[int]:
    """The code points ``face`` has (its static instances have the same)."""
    import uharfbuzz as hb

    return frozenset(hb.Face(font_file(face).read_bytes()).unicodes)


@cache
def _instance_face(face: str, weight: int, cache_root: Path | None) -> uharfbuzz.Face:
    """HarfBuzz's face of the static instance of ``face`` at ``weight``, loaded once per
    process: the EPUB worker cuts every book's subsets from the same four faces
    (expanding and checking the shipped file costs 1 to 3 ms)."""
    import uharfbuzz as hb

    from policemag.fonts import static_instance

    return hb.Face(static_instance(face, weight, cache_root))


def subset_font(font: uharfbuzz.Face, chars: str) -> bytes:
    """``font`` cut to ``chars`` (those it has) by HarfBuzz's subsetter: the glyphs of
    the characters and every glyph the layout tables reach from them (GSUB closure over
    all features: init/medi/fina forms, lam-alef and other ligatures, marks; bidi
    mirrors), all layout features, every name record in every language (the OFL asks
    for the copyright and licence names), the .notdef outline, hinting as in the source.
    A pure function of the font, ``chars`` and the HarfBuzz version."""
    import uharfbuzz as hb

    spec = hb.SubsetInput()
    spec.unicode_set.update(sorted(ord(c) for c in chars))
    # HarfBuzz's defaults keep some features and names only: ask for all (clear, then
    # invert: an inverted empty set is every value)
    for kind in (
        hb.SubsetInputSets.LAYOUT_FEATURE_TAG,
        hb.SubsetInputSets.NAME_ID,
        hb.SubsetInputSets.NAME_LANG_ID,
    ):
        wanted = spec.sets(kind)
        wanted.clear()
        wanted.invert()
    spec.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    cut = hb.subset(font, spec)
    if cut is None:  # pragma: no cover - HarfBuzz failed (a damaged font)
        raise ValueError("HarfBuzz could not subset the font")
    return bytes(cut.blob.data)


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
