"""The feed's icon (512x512) and favicon (64x64), drawn from the magazine's identity.

Drawn, not committed, so that a new title or colour needs no designer; deterministic:
same config, same Pillow and font, same bytes (PNG without time or text chunks).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from policemag.config import MagazineConfig
from policemag.fonts import font_file

ICON = "feed/icon-512.png"
FAVICON = "feed/favicon-64.png"

#: The force's colours: navy ground, gold initial.
BACKGROUND = (11, 45, 94, 255)
FOREGROUND = (232, 189, 74, 255)


def _font_file() -> Path | None:
    """A bold Arabic-capable font shipped as a Python package (see pyproject)."""
    try:
        return font_file("kufi")
    except ModuleNotFoundError:
        return None


def _draw(size: int, initial: str, font_file: Path | None) -> bytes:
    # drawn at 4x then reduced: smooth edges without depending on the rasteriser's AA
    big = size * 4
    im = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 6, fill=BACKGROUND)
    if font_file and initial:
        font = ImageFont.truetype(str(font_file), int(big * 0.62))
        # a static font has no axes: its default weight will do
        with contextlib.suppress(OSError, ValueError):
            font.set_variation_by_axes([700])
        # centre the ink, not the line box: Arabic letters sit low in their em square
        left, top, right, bottom = draw.textbbox((0, 0), initial, font=font, anchor="lt")
        origin = ((big - (right - left)) / 2 - left, (big - (bottom - top)) / 2 - top)
        draw.text(origin, initial, font=font, fill=FOREGROUND, anchor="lt")
    small = im.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def feed_icons(config: MagazineConfig) -> dict[str, bytes]:
    """Site path to PNG bytes for :data:`ICON` and :data:`FAVICON`; the caller writes them.

    Drawn once (0.15 s) and kept in the store (namespace ``icons``) by the initial and
    the font: a build with the same title reads two small files."""
    from policemag.cache import CacheStore
    from policemag.fonts import source_sha

    initial = config.title.strip()[:1]
    font_file = _font_file()
    store = CacheStore(config.cache, "icons")
    key = store.key(initial, source_sha("kufi") if font_file else "no font")
    out: dict[str, bytes] = {}
    for path, size in ((ICON, 512), (FAVICON, 64)):
        data = store.get_bytes(key, f".{size}.png")
        if data is None:
            data = _draw(size, initial, font_file)
            store.put_bytes(key, data, f".{size}.png")
        out[path] = data
    return out
