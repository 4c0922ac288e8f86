"""Draw docs/images/comic-heads.png: how an artist marks heads, on the sample comic.

Run from the repository root: ``python scripts/draw_comic_heads_doc.py``. It letters
the third page of comics/phone-scam/ (Arabic), takes its first panel, and draws over
it what comic.yml says of each head: the box ([left, top, right, bottom], relative to
the panel), the mouth (a dot) and who it is. The balloons and tails are the build's:
clear of both heads, each tail stopping just before its speaker's head.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from policemag.comics import fonts  # noqa: E402
from policemag.comics.pages import render  # noqa: E402
from policemag.comics.placement import head_rect  # noqa: E402
from policemag.content.comics import read_comic  # noqa: E402
from policemag.errors import ErrorLog  # noqa: E402

OUT = ROOT / "docs" / "images" / "comic-heads.png"
MARK = (200, 0, 120)
PAGE, PANEL, LANG = 2, 0, "ar"


def main() -> None:
    log = ErrorLog(ROOT)
    comic = read_comic(ROOT / "comics" / "phone-scam" / "comic.yml", ROOT, log)
    assert comic is not None, [str(e) for e in log]
    image, geometry = render(comic, PAGE, LANG, (1600, 2400))
    x, y, w, h = geometry["panels"][PANEL]["box"]
    from policemag.comics.layout import Box

    box = Box(x, y, w, h)
    panel = comic.pages[PAGE].panels[PANEL]
    draw = ImageDraw.Draw(image)
    label = fonts.font("latin", 34, fonts.BOLD)
    for head in panel.heads:
        x0, y0, x1, y1 = head_rect(box, head)
        for k in range(0, 6, 2):  # a thick dashed-looking frame: three thin rectangles
            draw.rectangle((x0 - k, y0 - k, x1 + k, y1 + k), outline=MARK, width=2)
        mx, my = box.at(*head.mouth)
        draw.ellipse((mx - 11, my - 11, mx + 11, my + 11), fill=MARK, outline="white", width=3)
        text = f"who: {head.who}  box: {list(head.box)}"
        tx, ty = x0, y1 + 10
        bbox = draw.textbbox((tx, ty), text, font=label)
        if bbox[2] > x + w - 10:  # keep the label inside the panel
            tx -= bbox[2] - (x + w - 10)
        draw.rectangle(draw.textbbox((tx, ty), text, font=label), fill="white")
        draw.text((tx, ty), text, font=label, fill=MARK)
        draw.text(
            (mx + 16, my - 20), "mouth", font=label, fill=MARK, stroke_width=3, stroke_fill="white"
        )
    crop = image.crop((x - 20, y - 20, x + w + 20, y + h + 20))
    crop = crop.resize((crop.width * 2 // 3, crop.height * 2 // 3), Image.Resampling.LANCZOS)
    crop = crop.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    crop.save(OUT, optimize=True)
    print(OUT.relative_to(ROOT), crop.size, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
