"""Self-hosted fonts: subsets of OFL fonts shipped by PyPI packages, as WOFF2.

No page may request another host, so the theme's Google Fonts are off and these
files are served from site/assets/fonts/. Subsets keep the first view light: the
Arabic face carries the Arabic block only (about 38 KB for weights 400-700) and the
Latin face loads only when a page has Latin text (``unicode-range``).

Both files depend on the font packages alone: they are made once per package version
and ship with it (:func:`policemag.fonts.prepared_font`); a build only copies them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from policemag.cache import atomic_write_bytes, atomic_write_text
from policemag.fonts import font_file, prepared_font, save_font


@dataclass(frozen=True)
class WebFont:
    family: str
    face: str  # key of policemag.fonts.FACES
    unicode_range: str
    out_name: str


ARABIC = WebFont(
    "Police Sans Arabic",
    "arabic",
    "U+0600-06FF,U+0750-077F,U+200C-200F,U+2066-2069,U+FD3E-FD3F",
    "arabic.woff2",
)
LATIN = WebFont(
    "Police Sans Latin",
    "latin",
    "U+0000-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122",
    "latin.woff2",
)
FONTS = (ARABIC, LATIN)


def font_source(font: WebFont) -> Path:
    """The TTF shipped by the font's PyPI package."""
    return font_file(font.face)


def woff2_recipe(font: WebFont) -> str:
    """Every parameter of :func:`make_woff2` (the shipped file's manifest records it)."""
    return f"web subset {font.unicode_range}, all layout features, wdth=100 wght=400:700, woff2"


def render_woff2(font: WebFont, cache_root: Path | None) -> bytes:
    """The subset WOFF2 bytes: shipped with the package (made once per package version,
    :func:`policemag.fonts.prepared_font`), else made once and kept in the store under
    ``cache_root`` (namespace ``fonts``)."""
    return prepared_font(
        font.out_name, font.face, woff2_recipe(font), lambda: make_woff2(font), cache_root
    )


def make_woff2(font: WebFont) -> bytes:
    """Subset then instance the variable font, as WOFF2 (about 1 s a font)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    source = font_source(font).read_bytes()
    # keep the source font's head.modified: a build-time stamp would make the bytes depend
    # on SOURCE_DATE_EPOCH and on when the file was made
    tt = TTFont(io.BytesIO(source), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]  # Arabic shaping needs init/medi/fina/rlig/mark...
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(font.unicode_range))
    subsetter.subset(tt)
    tt = instancer.instantiateVariableFont(tt, {"wdth": 100, "wght": (400, 700)})
    tt.flavor = "woff2"
    out = io.BytesIO()
    save_font(tt, out)  # the same bytes with or without uharfbuzz installed
    return out.getvalue()


def font_face_css(prefix: str = "../fonts/") -> str:
    """@font-face rules for every web font, URLs relative to the stylesheet."""
    rules = [
        "@font-face{"
        f'font-family:"{f.family}";src:url("{prefix}{f.out_name}") format("woff2");'
        f"font-weight:400 700;font-style:normal;font-display:swap;unicode-range:{f.unicode_range}"
        "}"
        for f in FONTS
    ]
    return "\n".join(rules) + "\n"


def write_fonts(site_dir: Path, cache_root: Path | None) -> list[str]:
    """Write the WOFF2 files and fonts.css under site/assets/; return site paths."""
    out = []
    for font in FONTS:
        atomic_write_bytes(site_dir / "assets" / "fonts" / font.out_name, render_woff2(font, cache_root))
        out.append(f"assets/fonts/{font.out_name}")
    atomic_write_text(site_dir / "assets" / "stylesheets" / "fonts.css", font_face_css())
    out.append("assets/stylesheets/fonts.css")
    return sorted(out)
