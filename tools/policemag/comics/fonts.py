"""Lettering fonts, located inside their PyPI packages (never a system path).

Arabic text uses Noto Sans Arabic (it also carries Latin letters and digits, so mixed
words shape with one font); Latin-script editions use Noto Sans; sound effects in Arabic
use Noto Kufi Arabic. All three are variable fonts: bold is a weight axis value.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from PIL import ImageFont

from policemag.fonts import FACES, font_file
from policemag.model.lang import direction_of

REGULAR = 500
BOLD = 800


def face_path(face: str) -> Path:
    return font_file(face)


@cache
def fonts_digest() -> str:
    """sha256 over every face's bytes: computed once per process, part of cache keys."""
    h = hashlib.sha256()
    for face in sorted(FACES):
        h.update(face.encode())
        h.update(face_path(face).read_bytes())
    return h.hexdigest()


def face_for(lang: str, kind: str = "speech") -> str:
    """Which face letters ``kind`` in ``lang``."""
    if direction_of(lang) == "rtl":
        return "kufi" if kind == "sfx" else "arabic"
    return "latin"


@cache
def font(face: str, size: int, weight: int = REGULAR) -> ImageFont.FreeTypeFont:
    """A raqm-shaped font at ``size`` px and ``weight`` (cached; fonts are read-only)."""
    f = ImageFont.truetype(str(face_path(face)), size, layout_engine=ImageFont.Layout.RAQM)
    axes = [a["name"] for a in f.get_variation_axes()]
    values = [float(weight) if name == b"Weight" else 100.0 for name in axes]
    f.set_variation_by_axes(values)
    return f


def line_pitch(lang: str, size: int) -> int:
    """Baseline-to-baseline distance: Arabic needs room for diacritics above and below."""
    return round(size * (1.55 if direction_of(lang) == "rtl" else 1.25))
