"""The scenes :func:`policemag_dev.synth.make_photo` draws, and their drawing helpers.

Each scene draws in place on an RGB canvas of any size, with every random choice taken
from the ``random.Random`` it is given (never the global one), so drawing is repeatable.
Geometry is relative to the canvas size: the same scene works at 64x48 and 1200x800.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageOps

RGB = tuple[int, int, int]
Scene = Callable[[Image.Image, random.Random], None]


# --------------------------------------------------------------------------- helpers


class _Draw(ImageDraw.ImageDraw):
    """ImageDraw that accepts boxes given in any corner order.

    Random scene geometry can flip a box on very small or oddly shaped canvases; Pillow
    raises on x1 < x0, and a test image should never fail for its size.
    """

    @staticmethod
    def _box(xy: Any) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = xy
        return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    def rectangle(self, xy: Any, *args: Any, **kw: Any) -> None:
        super().rectangle(self._box(xy), *args, **kw)

    def rounded_rectangle(self, xy: Any, *args: Any, **kw: Any) -> None:
        super().rounded_rectangle(self._box(xy), *args, **kw)

    def ellipse(self, xy: Any, *args: Any, **kw: Any) -> None:
        super().ellipse(self._box(xy), *args, **kw)


def _shade(color: RGB, factor: float) -> RGB:
    r, g, b = (max(0, min(255, int(c * factor))) for c in color)
    return (r, g, b)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    r, g, bl = (int(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return (r, g, bl)


def _jitter(rng: random.Random, color: RGB, spread: int = 18) -> RGB:
    r, g, b = (max(0, min(255, c + rng.randint(-spread, spread))) for c in color)
    return (r, g, b)


def _vgradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    """A vertical gradient from ``top`` to ``bottom`` (RGB)."""
    ramp = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return ImageOps.colorize(ramp, top, bottom)


def _paste_gradient(
    img: Image.Image, box: tuple[int, int, int, int], top: RGB, bottom: RGB
) -> None:
    x0, y0, x1, y1 = box
    if x1 > x0 and y1 > y0:
        img.paste(_vgradient((x1 - x0, y1 - y0), top, bottom), (x0, y0))


def _sky(img: Image.Image, rng: random.Random, horizon: int) -> None:
    w = img.width
    top = _jitter(rng, (70, 120, 190), 20)
    low = _jitter(rng, (200, 215, 230), 12)
    _paste_gradient(img, (0, 0, w, max(horizon, 1)), top, low)
    draw = _Draw(img, "RGBA")
    clouds = Image.new("L", img.size, 0)
    cd = _Draw(clouds)
    for _ in range(rng.randint(2, 6)):
        cx, cy = rng.uniform(0, w), rng.uniform(0.05, 0.6) * horizon
        for _ in range(rng.randint(3, 7)):
            rx, ry = rng.uniform(0.03, 0.09) * w, rng.uniform(0.015, 0.04) * w
            ox, oy = rng.uniform(-0.08, 0.08) * w, rng.uniform(-0.02, 0.02) * w
            cd.ellipse(
                (cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry), fill=rng.randint(90, 170)
            )
    clouds = clouds.filter(ImageFilter.GaussianBlur(max(1.0, w / 120)))
    img.paste(Image.new("RGB", img.size, (248, 248, 250)), (0, 0), clouds)
    del draw


def _figure(
    draw: _Draw, rng: random.Random, x: float, foot: float, height: float, uniform: bool = False
) -> None:
    """A standing person seen from the front, ``height`` tall with feet at ``foot``."""
    head = height * 0.13
    body_w = height * 0.26
    top = foot - height
    clothes = (
        (28, 42, 78)
        if uniform
        else _jitter(
            rng,
            rng.choice(
                [
                    (150, 40, 40),
                    (40, 90, 140),
                    (200, 180, 150),
                    (60, 60, 60),
                    (220, 220, 215),
                    (90, 120, 60),
                ]
            ),
            25,
        )
    )
    skin = _jitter(
        rng, rng.choice([(224, 182, 150), (190, 140, 100), (150, 100, 70), (110, 75, 55)]), 10
    )
    draw.rounded_rectangle(
        (x - body_w / 2, top + head * 1.9, x + body_w / 2, foot - height * 0.42),
        radius=max(1, int(body_w / 4)),
        fill=clothes,
    )
    legs = (30, 34, 50) if uniform else _jitter(rng, (50, 55, 70), 20)
    draw.rectangle((x - body_w * 0.4, foot - height * 0.44, x + body_w * 0.4, foot), fill=legs)
    draw.ellipse((x - head / 2, top + head * 0.7, x + head / 2, top + head * 1.95), fill=skin)
    if uniform:  # a cap
        draw.rectangle(
            (x - head * 0.6, top + head * 0.45, x + head * 0.6, top + head * 0.95),
            fill=(20, 30, 60),
        )


def _car(
    draw: _Draw, rng: random.Random, x: float, y: float, w: float, color: RGB | None = None
) -> None:
    """A car seen from behind, ``w`` wide, bottom at ``y``."""
    body = color or _jitter(
        rng,
        rng.choice([(180, 20, 30), (230, 230, 230), (30, 30, 35), (120, 125, 130), (20, 60, 120)]),
        15,
    )
    h = w * 0.55
    draw.rounded_rectangle(
        (x - w / 2, y - h * 0.6, x + w / 2, y - h * 0.08), radius=max(1, int(w / 10)), fill=body
    )
    draw.rounded_rectangle(
        (x - w * 0.38, y - h, x + w * 0.38, y - h * 0.55), radius=max(1, int(w / 8)), fill=body
    )
    draw.rectangle((x - w * 0.32, y - h * 0.93, x + w * 0.32, y - h * 0.62), fill=(60, 75, 90, 230))
    for side in (-1, 1):
        draw.rectangle(
            (
                x + side * w * 0.42 - w * 0.06,
                y - h * 0.45,
                x + side * w * 0.42 + w * 0.06,
                y - h * 0.35,
            ),
            fill=(200, 30, 20),
        )
        draw.rectangle(
            (x + side * w * 0.35 - w * 0.08, y - h * 0.12, x + side * w * 0.35 + w * 0.08, y),
            fill=(20, 20, 20),
        )
    draw.ellipse((x - w * 0.55, y - h * 0.08, x + w * 0.55, y + h * 0.06), fill=(0, 0, 0, 70))


def _ridge(
    rng: random.Random, w: int, base: float, rough: float, points: int = 33
) -> list[tuple[float, float]]:
    """A mountain ridge line by midpoint displacement: ``points`` (x, y) pairs."""
    ys = [base + rng.uniform(-rough, rough), base + rng.uniform(-rough, rough)]
    amp = rough
    while len(ys) < points:
        amp *= 0.55
        nxt = []
        for a, b in itertools.pairwise(ys):
            nxt += [a, (a + b) / 2 + rng.uniform(-amp, amp)]
        ys = [*nxt, ys[-1]]
    return [(i * w / (len(ys) - 1), y) for i, y in enumerate(ys)]


# --------------------------------------------------------------------------- scenes


def _street(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * rng.uniform(0.5, 0.6))
    _sky(img, rng, horizon)
    draw = _Draw(img, "RGBA")
    x = -rng.uniform(0, 0.05) * w
    while x < w:
        bw = rng.uniform(0.1, 0.22) * w
        top = horizon - rng.uniform(0.15, 0.45) * h
        wall = _jitter(
            rng,
            rng.choice([(214, 200, 176), (236, 232, 222), (190, 160, 130), (170, 175, 180)]),
            14,
        )
        _paste_gradient(
            img,
            (int(x), int(top), int(x + bw), horizon + 1),
            wall,
            _jitter(rng, _shade(wall, 0.75), 4),
        )
        cols, rows = rng.randint(2, 5), max(1, int((horizon - top) / (0.06 * h)))
        for r in range(rows):
            for c in range(cols):
                wx = x + bw * (c + 0.25) / cols
                wy = top + (horizon - top) * (r + 0.2) / (rows + 0.3)
                lit = rng.random() < 0.25
                draw.rectangle(
                    (wx, wy, wx + bw * 0.5 / cols, wy + (horizon - top) * 0.5 / (rows + 0.3)),
                    fill=(250, 220, 150) if lit else _jitter(rng, (60, 75, 95), 15),
                    outline=(90, 80, 70),
                )
        draw.rectangle(
            (x + bw - w * 0.004, top, x + bw, horizon), fill=(0, 0, 0, 60)
        )  # edge shadow
        x += bw
    # pavement and road in perspective towards a vanishing point
    vx = w * rng.uniform(0.4, 0.6)
    _paste_gradient(img, (0, horizon, w, h), (150, 148, 142), (95, 93, 90))
    draw.polygon(
        [(vx - w * 0.02, horizon), (vx + w * 0.02, horizon), (w * 1.1, h), (-w * 0.1, h)],
        fill=(70, 72, 76),
    )
    for i in range(8):  # dashed centre line, dashes grow towards the viewer
        t0, t1 = (i / 8) ** 2, ((i + 0.5) / 8) ** 2
        y0, y1 = horizon + (h - horizon) * t0, horizon + (h - horizon) * t1
        half0, half1 = w * 0.002 + w * 0.01 * t0, w * 0.002 + w * 0.01 * t1
        draw.polygon(
            [(vx - half0, y0), (vx + half0, y0), (vx + half1, y1), (vx - half1, y1)],
            fill=(235, 235, 220),
        )
    for _ in range(rng.randint(1, 4)):
        t = rng.uniform(0.15, 0.85)
        y = horizon + (h - horizon) * t
        _car(draw, rng, vx + rng.choice([-1, 1]) * w * 0.2 * t, y, w * 0.25 * t)
    for side in (0.06, 0.94):  # street lamps
        px = w * side
        draw.rectangle(
            (px - w * 0.004, horizon - h * 0.35, px + w * 0.004, h * 0.92), fill=(45, 48, 52)
        )
        draw.ellipse(
            (px - w * 0.015, horizon - h * 0.37, px + w * 0.015, horizon - h * 0.33),
            fill=(255, 240, 200),
        )


def _landscape(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * rng.uniform(0.45, 0.62))
    _sky(img, rng, horizon + h // 10)
    sun = Image.radial_gradient("L").resize((w // 2, w // 2))
    sx, sy = int(w * rng.uniform(0.2, 0.8)) - w // 4, int(horizon * rng.uniform(0.1, 0.5)) - w // 4
    img.paste(
        Image.new("RGB", sun.size, (255, 238, 190)),
        (sx, sy),
        ImageOps.invert(sun).point(lambda v: max(0, v - 120) * 2),
    )
    draw = _Draw(img, "RGBA")
    layers = rng.randint(3, 4)
    for i in range(layers):  # far ridges hazy and blue, near ones darker and greener
        t = i / max(1, layers - 1)
        ridge = _ridge(rng, w, horizon - h * (0.15 - 0.1 * t), h * (0.12 - 0.06 * t))
        far, near = (140, 160, 185), _jitter(rng, (70, 95, 60), 15)
        color = _mix(far, near, t)
        draw.polygon([*ridge, (w, h), (0, h)], fill=color)
    _paste_gradient(
        img, (0, horizon, w, h), _jitter(rng, (150, 160, 90), 20), _jitter(rng, (95, 110, 55), 15)
    )
    for _ in range(rng.randint(5, 12)):  # fields
        y = rng.uniform(horizon, h)
        fx0, fx1 = sorted((rng.uniform(-0.2, 0.8) * w, rng.uniform(0.3, 1.2) * w))
        draw.rectangle(
            (fx0, y, fx1, y + rng.uniform(0.01, 0.05) * h),
            fill=(*_jitter(rng, (170, 150, 80), 30), 90),
        )
    for _ in range(rng.randint(6, 20)):  # trees
        tx, ty = rng.uniform(0, w), rng.uniform(horizon, h)
        r = (ty - horizon + h * 0.03) * 0.14
        draw.ellipse((tx - r, ty - 2.5 * r, tx + r, ty), fill=_jitter(rng, (45, 70, 35), 12))
    vx = w * rng.uniform(0.3, 0.7)
    draw.polygon(
        [
            (vx - w * 0.005, horizon),
            (vx + w * 0.005, horizon),
            (vx + w * 0.25, h),
            (vx - w * 0.15, h),
        ],
        fill=(110, 105, 98),
    )


def _crowd(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    _paste_gradient(
        img, (0, 0, w, h), _jitter(rng, (120, 140, 170), 20), _jitter(rng, (60, 70, 80), 10)
    )
    draw = _Draw(img, "RGBA")
    stage_y = h * rng.uniform(0.35, 0.45)
    banner = _jitter(rng, (20, 70, 60), 20)
    draw.rectangle((w * 0.15, h * 0.08, w * 0.85, h * 0.24), fill=banner)
    for k in range(3):  # lettering-like strokes on the banner
        y = h * (0.12 + 0.035 * k)
        draw.rectangle(
            (w * rng.uniform(0.2, 0.3), y, w * rng.uniform(0.6, 0.8), y + h * 0.012),
            fill=(240, 240, 230),
        )
    for fx in (0.08, 0.92):  # flags
        draw.rectangle(
            (w * fx - w * 0.003, h * 0.05, w * fx + w * 0.003, stage_y), fill=(180, 180, 170)
        )
        fl0, fl1 = sorted((w * fx, w * fx + w * 0.06 * (1 if fx < 0.5 else -1)))
        draw.rectangle((fl0, h * 0.06, fl1, h * 0.14), fill=_jitter(rng, (190, 30, 40), 10))
    draw.rectangle((0, stage_y, w, h), fill=(90, 85, 80))
    rows = rng.randint(4, 6)
    for r in range(rows):  # far rows first: smaller, hazier figures
        t = (r + 1) / rows
        foot = stage_y + (h - stage_y) * (0.15 + 0.95 * t)
        height = h * (0.18 + 0.35 * t)
        n = int(9 / (0.4 + t))
        for k in range(n):
            x = w * (k + rng.uniform(0.1, 0.9)) / n
            _figure(draw, rng, x, foot, height * rng.uniform(0.9, 1.05), uniform=rng.random() < 0.3)
        draw.rectangle((0, 0, w, h), fill=(255, 255, 255, int(14 * (1 - t))))


def _office(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    floor_y = int(h * rng.uniform(0.62, 0.72))
    wall = _jitter(rng, (222, 214, 196), 15)
    _paste_gradient(img, (0, 0, w, floor_y), wall, _shade(wall, 0.8))
    _paste_gradient(
        img, (0, floor_y, w, h), _jitter(rng, (140, 110, 80), 15), _jitter(rng, (90, 65, 45), 10)
    )
    draw = _Draw(img, "RGBA")
    wx0, wx1 = w * rng.uniform(0.05, 0.15), w * rng.uniform(0.35, 0.45)
    _paste_gradient(
        img, (int(wx0), int(h * 0.1), int(wx1), int(h * 0.5)), (200, 225, 250), (240, 245, 250)
    )
    for k in range(1, 6):  # blinds
        y = h * (0.1 + 0.4 * k / 6)
        draw.rectangle((wx0, y, wx1, y + h * 0.006), fill=(180, 180, 175))
    draw.polygon(
        [(wx0, h * 0.5), (wx1, h * 0.5), (wx1 + w * 0.2, h), (wx0 + w * 0.05, h)],
        fill=(255, 250, 230, 40),
    )  # sunlight patch
    sx = w * rng.uniform(0.6, 0.7)
    for shelf in range(4):  # shelf with binders
        y = h * (0.12 + shelf * 0.12)
        draw.rectangle((sx, y + h * 0.1, w * 0.95, y + h * 0.11), fill=(110, 80, 55))
        bx = sx
        while bx < w * 0.93:
            bwid = w * rng.uniform(0.012, 0.025)
            draw.rectangle(
                (bx, y + h * rng.uniform(0.02, 0.04), bx + bwid, y + h * 0.1),
                fill=_jitter(
                    rng,
                    rng.choice([(40, 60, 120), (150, 30, 30), (220, 200, 60), (30, 110, 60)]),
                    15,
                ),
            )
            bx += bwid + w * 0.002
    dy = h * rng.uniform(0.55, 0.6)
    draw.polygon(
        [(w * 0.2, dy), (w * 0.8, dy), (w * 0.92, dy + h * 0.1), (w * 0.08, dy + h * 0.1)],
        fill=_jitter(rng, (120, 85, 55), 10),
    )
    draw.rectangle((w * 0.1, dy + h * 0.1, w * 0.13, h * 0.97), fill=(70, 50, 35))
    draw.rectangle((w * 0.87, dy + h * 0.1, w * 0.9, h * 0.97), fill=(70, 50, 35))
    mx = w * rng.uniform(0.4, 0.55)
    draw.rectangle((mx - w * 0.1, dy - h * 0.22, mx + w * 0.1, dy - h * 0.04), fill=(25, 25, 28))
    _paste_gradient(
        img,
        (int(mx - w * 0.09), int(dy - h * 0.21), int(mx + w * 0.09), int(dy - h * 0.05)),
        (70, 120, 170),
        (30, 60, 100),
    )
    draw.rectangle((mx - w * 0.01, dy - h * 0.04, mx + w * 0.01, dy), fill=(40, 40, 40))
    for _ in range(rng.randint(2, 5)):  # papers
        px, py = w * rng.uniform(0.22, 0.7), dy + h * rng.uniform(0.01, 0.06)
        draw.polygon(
            [
                (px, py),
                (px + w * 0.06, py - h * 0.005),
                (px + w * 0.065, py + h * 0.03),
                (px + w * 0.004, py + h * 0.035),
            ],
            fill=(245, 245, 240),
        )
    draw.rounded_rectangle(
        (w * 0.42, dy + h * 0.05, w * 0.58, h * 0.98),
        radius=max(1, int(w * 0.02)),
        fill=(35, 35, 40),
    )


def _border(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * rng.uniform(0.45, 0.55))
    _sky(img, rng, horizon)
    draw = _Draw(img, "RGBA")
    for x, y in _ridge(rng, w, horizon - h * 0.05, h * 0.05, 17)[::1]:
        draw.rectangle((x - w * 0.04, y, x + w * 0.04, horizon), fill=(150, 160, 170))
    _paste_gradient(img, (0, horizon, w, h), (175, 160, 130), (130, 118, 95))
    vx = w * 0.5
    draw.polygon(
        [(vx - w * 0.05, horizon), (vx + w * 0.05, horizon), (w * 1.2, h), (-w * 0.2, h)],
        fill=(80, 80, 84),
    )
    # canopy over the lanes, on pillars
    cy0, cy1 = horizon - h * 0.25, horizon - h * 0.2
    draw.rectangle((w * 0.05, cy0, w * 0.95, cy1), fill=_jitter(rng, (230, 230, 225), 8))
    draw.rectangle((w * 0.05, cy1, w * 0.95, cy1 + h * 0.012), fill=(30, 90, 60))
    for px in (0.1, 0.35, 0.65, 0.9):
        draw.rectangle(
            (w * px - w * 0.008, cy1, w * px + w * 0.008, horizon + h * 0.08), fill=(200, 200, 195)
        )
    bx = w * rng.uniform(0.62, 0.72)  # booth
    draw.rectangle(
        (bx, horizon - h * 0.12, bx + w * 0.12, horizon + h * 0.1),
        fill=_jitter(rng, (235, 235, 230), 6),
    )
    draw.rectangle(
        (bx + w * 0.015, horizon - h * 0.09, bx + w * 0.105, horizon), fill=(80, 120, 150)
    )
    by = horizon + h * 0.1  # the barrier: a red and white striped pole
    x0, x1 = bx - w * 0.4, bx
    stripes = 10
    for k in range(stripes):
        draw.rectangle(
            (
                x0 + (x1 - x0) * k / stripes,
                by - h * 0.012,
                x0 + (x1 - x0) * (k + 1) / stripes,
                by + h * 0.012,
            ),
            fill=(200, 30, 30) if k % 2 == 0 else (245, 245, 245),
        )
    draw.rectangle((x1 - w * 0.01, by - h * 0.03, x1 + w * 0.01, by + h * 0.12), fill=(60, 60, 60))
    for k in range(rng.randint(2, 4)):  # queue of cars
        t = 0.55 + 0.14 * k
        _car(draw, rng, vx - w * 0.12, horizon + (h - horizon) * t, w * 0.3 * t)
    _figure(draw, rng, bx - w * 0.05, by + h * 0.13, h * 0.3, uniform=True)
    draw.rectangle((w * 0.1, horizon - h * 0.19, w * 0.3, horizon - h * 0.14), fill=(20, 80, 150))
    draw.rectangle(
        (w * 0.12, horizon - h * 0.175, w * 0.28, horizon - h * 0.165), fill=(240, 240, 240)
    )


#: Scene name -> drawing function (draws in place on an RGB canvas).
SCENES: dict[str, Scene] = {
    "street": _street,
    "landscape": _landscape,
    "crowd": _crowd,
    "office": _office,
    "border": _border,
}
