"""``python -m policemag_dev fonts``: make the fonts shipped with the package.

What depends only on the font packages (the web's WOFF2 subsets, the EPUB's static
instances) is made here once per package version, written to
``tools/policemag/data/fonts/`` with its manifest, and committed; builds then copy it
(:func:`policemag.fonts.prepared_font`). Run it after upgrading a font package or
changing a recipe: ``tests/build/test_shipped_fonts.py`` fails until then.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from policemag.fonts import (
    COMPRESSED,
    FACES,
    INSTANCE_WEIGHTS,
    MANIFEST,
    SHIPPED,
    font_file,
    instance_name,
    instance_recipe,
    make_static_instance,
    source_sha,
)
from policemag.site.fonts import FONTS, make_woff2, woff2_recipe

#: The faces whose static instances the EPUB embeds (policemag.epub.stylesheet).
INSTANCE_FACES = ("arabic", "latin")


def recipes() -> list[tuple[str, str, str, Callable[[], bytes]]]:
    """(name, face, recipe, make) of every shipped font."""
    out: list[tuple[str, str, str, Callable[[], bytes]]] = [
        (f.out_name, f.face, woff2_recipe(f), lambda f=f: make_woff2(f)) for f in FONTS  # type: ignore[misc]
    ]
    for face in INSTANCE_FACES:
        for weight in INSTANCE_WEIGHTS:
            out.append(
                (
                    instance_name(face, weight),
                    face,
                    instance_recipe(weight),
                    lambda face=face, weight=weight: make_static_instance(face, weight),  # type: ignore[misc]
                )
            )
    return out


def entry(name: str, face: str, recipe: str, data: bytes) -> dict[str, str]:
    file = name if name.endswith(".woff2") else name + COMPRESSED
    return {
        "file": file,
        "face": face,
        "source": source_sha(face),
        "recipe": recipe,
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def make_shipped_fonts(out: Path = SHIPPED) -> dict[str, dict[str, str]]:
    """Make every shipped font into ``out`` with its manifest; returns the manifest."""
    import brotli

    out.mkdir(parents=True, exist_ok=True)
    fonts: dict[str, dict[str, str]] = {}
    for name, face, recipe, make in recipes():
        data = make()
        fonts[name] = entry(name, face, recipe, data)
        stored = data if name.endswith(".woff2") else brotli.compress(data, quality=11)
        (out / fonts[name]["file"]).write_bytes(stored)
    manifest = {
        "about": "made by `python -m policemag_dev fonts` (policemag.fonts): do not edit",
        "fonttools": metadata.version("fonttools"),
        "packages": {face: metadata.version(FACES[face][0].replace("_", "-")) for face in sorted({f for _, f, _, _ in recipes()})},
        "fonts": fonts,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    # the SIL Open Font License travels with the fonts made from the Noto packages
    for face in sorted({f for _, f, _, _ in recipes()}):
        shutil.copyfile(font_file(face).parent.parent / "LICENSE", out / f"LICENSE-{face}.txt")
    return fonts
