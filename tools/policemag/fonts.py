"""The fonts the magazine uses, located in the PyPI packages that ship them (OFL).

One table for every writer: web (subset WOFF2), EPUB (embedded subsets), comics
(lettering) and feed icons. Never a system path: a new machine has only what the
project installs.

**Fonts made once per package version.** What is derived from these fonts alone (the
web's two WOFF2 subsets, the EPUB's static instances of the variable fonts) takes
seconds of fontTools work and depends on nothing a build reads: it ships with the
package, made by ``python -m policemag_dev fonts``, in ``data/fonts/`` with a manifest
(``fonts.json``) naming, for each file, the source font's sha256 and the recipe that
made it. :func:`prepared_font` returns the shipped bytes when the installed source font
and the recipe are those of the manifest (and the file's own sha256 checks out); when a
different font package is installed, it makes the font once and keeps it in the build's
cache (namespace ``fonts``), like any derived file. docs/performance.md, "Fixed cost".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

#: face -> (package, file under the package's files/)
FACES: dict[str, tuple[str, str]] = {
    "arabic": ("fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf"),
    "kufi": ("fontpkg_noto_kufi_arabic", "NotoKufiArabic[wght].ttf"),
    "latin": ("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf"),
}

#: Where the fonts made once per package version are shipped.
SHIPPED = Path(__file__).resolve().parent / "data" / "fonts"
MANIFEST = "fonts.json"
#: Shipped files ending so are brotli-compressed (the TTF instances: a third the size,
#: and 3 ms to expand); WOFF2 files are compressed already.
COMPRESSED = ".br"


def font_file(face: str) -> Path:
    """The TTF of ``face`` (a key of :data:`FACES`) inside its installed package."""
    package, name = FACES[face]
    with resources.as_file(resources.files(package) / "files" / name) as path:
        return Path(path)


@cache
def source_sha(face: str) -> str:
    """sha256 of the installed TTF of ``face`` (read once per process, ~2 ms)."""
    return hashlib.sha256(font_file(face).read_bytes()).hexdigest()


@cache
def manifest() -> dict[str, dict[str, str]]:
    """The shipped fonts: name -> {"file", "face", "source", "recipe", "sha256"}."""
    try:
        data: dict[str, Any] = json.loads((SHIPPED / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(data.get("fonts", {}))


def shipped_font(name: str, face: str, recipe: str) -> bytes | None:
    """The shipped bytes of ``name`` when they were made from the installed ``face`` by
    ``recipe`` and are intact; else None."""
    entry = manifest().get(name)
    if entry is None or entry.get("face") != face or entry.get("recipe") != recipe:
        return None
    if entry.get("source") != source_sha(face):
        return None  # another version of the font package: its glyphs may differ
    try:
        data = (SHIPPED / entry["file"]).read_bytes()
    except (OSError, KeyError):
        return None
    if entry["file"].endswith(COMPRESSED):
        import brotli  # fontTools[woff] installs it

        data = brotli.decompress(data)
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        return None
    return data


def prepared_font(
    name: str, face: str, recipe: str, make: Callable[[], bytes], cache_root: Path | None
) -> bytes:
    """The font ``name``, made from ``face`` by ``make`` (which follows ``recipe``, a
    string naming every parameter of the making): shipped with the package when it can
    be (:func:`shipped_font`), else made once and kept in the cache under ``cache_root``
    (namespace ``fonts``; ``None``: not kept)."""
    data = shipped_font(name, face, recipe)
    if data is not None:
        return data
    if cache_root is None:
        return make()
    from policemag.cache import CacheStore

    store = CacheStore(cache_root, "fonts")
    key = store.key(name, source_sha(face), recipe)
    cached = store.get_bytes(key)
    if cached is not None:
        return cached
    data = make()
    store.put_bytes(key, data)
    return data


# -- the static instances the EPUB embeds (subset per book) -----------------------

#: Weights of the static instances made from the variable fonts (regular, bold).
INSTANCE_WEIGHTS = (400, 700)


def instance_name(face: str, weight: int) -> str:
    return f"{face}-{weight}.ttf"


def instance_recipe(weight: int) -> str:
    return f"static instance wght={weight} wdth=100 (source head.modified kept)"


def static_instance(face: str, weight: int, cache_root: Path | None = None) -> bytes:
    """A static TTF of the variable font ``face`` at ``weight`` (width 100): the source
    the EPUB subsets per book. Instancing takes 1 to 7 s a font: it ships."""
    return prepared_font(
        instance_name(face, weight),
        face,
        instance_recipe(weight),
        lambda: make_static_instance(face, weight),
        cache_root,
    )


def make_static_instance(face: str, weight: int) -> bytes:
    from io import BytesIO

    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    # recalcTimestamp=False: fontTools would stamp head.modified with the clock
    font = TTFont(font_file(face), recalcTimestamp=False)
    static = instancer.instantiateVariableFont(font, {"wght": weight, "wdth": 100})
    buf = BytesIO()
    save_font(static, buf)
    return buf.getvalue()


#: fontTools' option to pack GSUB/GPOS with HarfBuzz's repacker (see :func:`save_font`).
HB_REPACKER = "fontTools.ttLib.tables.otBase:USE_HARFBUZZ_REPACKER"


def save_font(font: Any, out: Any) -> None:
    """Save the fontTools ``TTFont`` ``font`` to the file ``out``, its layout tables packed
    by fontTools' own serializer. When uharfbuzz is installed (the EPUB's subsetter,
    :mod:`policemag.epub.stylesheet`) fontTools packs GSUB and GPOS with HarfBuzz's
    repacker instead: other bytes, so the shipped fonts (made by their recipes, checked by
    tests/build/test_shipped_fonts.py) would depend on whether it is installed."""
    font.cfg[HB_REPACKER] = False
    font.save(out)
