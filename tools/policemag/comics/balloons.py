"""Balloon shapes: their size from the text they hold, their place in the panel, drawing.

Contract:

* :func:`outer_size` gives the shape's full size for a block of text ink of ``text_w`` x
  ``text_h`` px lettered at ``size`` px: the text rectangle always lies inside the body
  (an ellipse through the rectangle's corners, plus padding), so lettering never touches
  the outline;
* :func:`place` centres the shape at ``at`` (relative to the panel) and slides it back
  inside the panel (captions snap to the panel's top or bottom edge); it returns None if
  the shape is larger than the kind's maximum share of the panel;
* :func:`draw_shape` draws outline and fill. Shapes are drawn at twice the resolution and
  reduced, so that outlines are antialiased, then pasted with their own alpha.

Everything is deterministic: the "random" jags of shouts and bumps of thoughts come
from fixed sequences, so the same input gives the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image, ImageDraw

from policemag.comics.layout import Box
from policemag.model import BalloonKind

#: Ellipse through the text rectangle's corners: x and y stretch with 1/KX^2 + 1/KY^2 = 1,
#: wider than tall (text lines are wide).
KX = 1.2
KY = 1 / math.sqrt(1 - 1 / KX**2)
#: The largest share of its panel a shape may take (width, height).
MAX_SHARE: dict[BalloonKind, tuple[float, float]] = {
    BalloonKind.CAPTION: (1.0, 0.4),
    BalloonKind.SPEECH: (0.92, 0.5),
    BalloonKind.THOUGHT: (0.92, 0.5),
    BalloonKind.SHOUT: (0.95, 0.55),
    BalloonKind.SFX: (0.95, 0.6),
}
#: Fill colours; outlines are black.
FILL = {
    BalloonKind.CAPTION: (255, 241, 176),
    BalloonKind.SPEECH: (255, 255, 255),
    BalloonKind.THOUGHT: (255, 255, 255),
    BalloonKind.SHOUT: (255, 255, 255),
}
SHOUT_SPIKE = 1.28
_JAGS = (1.0, 0.82, 1.12, 0.9, 1.05, 0.78, 1.15, 0.95)
SS = 2  # supersampling factor for outlines


@dataclass(frozen=True)
class Shape:
    """A placed balloon: ``box`` is the shape's bounds (tail excluded), page px;
    ``centre`` is where the text block is centred; ``core`` the text ellipse/rect semi-axes."""

    kind: BalloonKind
    box: Box
    centre: tuple[float, float]
    core: tuple[float, float]
    tail: tuple[float, float] | None
    stroke: int


def _pad(size: int) -> float:
    return size * 0.45


def _core(kind: BalloonKind, text_w: float, text_h: float, size: int) -> tuple[float, float]:
    """Semi-axes of the body holding the text (ellipse, or half-sizes of a caption box)."""
    pad = _pad(size)
    if kind == BalloonKind.CAPTION:
        return text_w / 2 + pad, text_h / 2 + pad * 0.8
    if kind == BalloonKind.SFX:
        return text_w / 2, text_h / 2
    return text_w / 2 * KX + pad, text_h / 2 * KY + pad


def _bump(a: float, b: float, size: int) -> float:
    return max(size * 0.45, min(a, b) * 0.22)


def outer_size(kind: BalloonKind, text_w: float, text_h: float, size: int) -> tuple[int, int]:
    """Full width and height of the shape for that text ink size (tail not included)."""
    a, b = _core(kind, text_w, text_h, size)
    if kind == BalloonKind.THOUGHT:
        r = _bump(a, b, size)
        a, b = a + r, b + r
    elif kind == BalloonKind.SHOUT:
        a, b = a * SHOUT_SPIKE, b * SHOUT_SPIKE
    return math.ceil(2 * a), math.ceil(2 * b)


def place(
    kind: BalloonKind,
    text_w: float,
    text_h: float,
    size: int,
    panel: Box,
    at: tuple[float, float],
    tail: tuple[float, float] | None,
    stroke: int,
) -> Shape | None:
    """Place the shape in ``panel`` near ``at``; None if it exceeds the kind's share."""
    w, h = outer_size(kind, text_w, text_h, size)
    share_w, share_h = MAX_SHARE[kind]
    inset = stroke * 3
    if w > min(panel.w * share_w, panel.w - 2 * inset) or h > min(
        panel.h * share_h, panel.h - 2 * inset
    ):
        return None
    cx, cy = panel.at(*at)
    x = min(max(cx - w / 2, panel.x + inset), panel.x + panel.w - inset - w)
    y: float
    if kind == BalloonKind.CAPTION:  # captions sit on the panel's top or bottom edge
        y = panel.y + inset if at[1] < 0.5 else panel.y + panel.h - inset - h
    else:
        y = min(max(cy - h / 2, panel.y + inset), panel.y + panel.h - inset - h)
    box = Box(round(x), round(float(y)), w, h)
    centre = (box.x + w / 2, box.y + h / 2)
    tip = None
    if tail is not None and kind not in (BalloonKind.CAPTION, BalloonKind.SFX):
        # the tip stops short of the point it names (a mouth): leave air before the face
        tx, ty = panel.at(*tail)
        dx, dy = tx - centre[0], ty - centre[1]
        dist = math.hypot(dx, dy)
        gap = min(panel.w, panel.h) * 0.035
        if dist > gap:
            tip = (tx - dx / dist * gap, ty - dy / dist * gap)
    return Shape(kind, box, centre, _core(kind, text_w, text_h, size), tip, stroke)


# --- drawing -------------------------------------------------------------------------


def _tail_triangle(shape: Shape) -> list[tuple[float, float]] | None:
    """A triangle from the body's centre towards the tail point, stopping short of it."""
    if shape.tail is None:
        return None
    cx, cy = shape.centre
    a, b = shape.core
    tx, ty = shape.tail
    dx, dy = tx - cx, ty - cy
    dist = math.hypot(dx, dy)
    if dist == 0:
        return None
    ux, uy = dx / dist, dy / dist
    # distance from the centre to the ellipse edge in that direction
    edge = 1 / math.sqrt((ux / a) ** 2 + (uy / b) ** 2)
    if dist <= edge * 1.05:  # the speaker is under the balloon: no tail
        return None
    length = min(dist, edge + max(a, b) * 1.6)
    half = max(min(a, b) * 0.28, shape.stroke * 5)
    tip = (cx + ux * length, cy + uy * length)
    # bend the tail slightly: real tails curve; the base is offset sideways
    return [(cx - uy * half, cy + ux * half), tip, (cx + uy * half * 0.2, cy - ux * half * 0.2)]


def _ellipse_points(
    cx: float, cy: float, a: float, b: float, n: int
) -> list[tuple[float, float, float]]:
    """``n`` points spread evenly by arc length on an ellipse: (x, y, angle)."""
    steps = 240
    pts = [
        (cx + a * math.cos(2 * math.pi * i / steps), cy + b * math.sin(2 * math.pi * i / steps))
        for i in range(steps)
    ]
    arc = [0.0]
    for i in range(1, steps + 1):
        p, q = pts[i - 1], pts[i % steps]
        arc.append(arc[-1] + math.dist(p, q))
    total = arc[-1]
    out, j = [], 0
    for k in range(n):
        target = total * k / n
        while arc[j + 1] < target:
            j += 1
        out.append((*pts[j], 2 * math.pi * j / steps))
    return out


#: A drawing primitive: ("ellipse", [centre, semi-axes]), ("rect", [top-left,
#: bottom-right]) or ("polygon", points), all in page pixels.
Part = tuple[str, list[tuple[float, float]]]


def _parts(shape: Shape) -> tuple[list[Part], list[tuple[float, float, float]]]:
    """Primitives whose union is the body (ellipses, rects, polygons) and loose circles."""
    cx, cy = shape.centre
    a, b = shape.core
    parts: list[Part] = []
    bubbles: list[tuple[float, float, float]] = []
    tail = _tail_triangle(shape)
    if shape.kind == BalloonKind.CAPTION:
        parts.append(("rect", [(cx - a, cy - b), (cx + a, cy + b)]))
    elif shape.kind == BalloonKind.SPEECH:
        parts.append(("ellipse", [(cx, cy), (a, b)]))
        if tail:
            parts.append(("polygon", tail))
    elif shape.kind == BalloonKind.THOUGHT:
        r = shape.box.w / 2 - a  # the bump radius outer_size added
        parts.append(("ellipse", [(cx, cy), (a, b)]))
        n = max(8, round(math.pi * (a + b) / (r * 1.45)))
        for k, (x, y, _) in enumerate(_ellipse_points(cx, cy, a, b, n)):
            rk = r * (0.92 if k % 2 else 1.0)
            parts.append(("ellipse", [(x, y), (rk, rk)]))
        if tail:  # small bubbles trailing towards the thinker instead of a tail
            tip = tail[1]
            ux, uy = tip[0] - cx, tip[1] - cy
            d = math.hypot(ux, uy)
            ux, uy = ux / d, uy / d
            edge = 1 / math.sqrt((ux / (a + r)) ** 2 + (uy / (b + r)) ** 2)
            span = max(d - edge, r * 2)
            for t, rad in ((0.3, 0.55), (0.62, 0.38), (0.9, 0.24)):
                dd = edge + span * t
                bubbles.append((cx + ux * dd, cy + uy * dd, r * rad))
    elif shape.kind == BalloonKind.SHOUT:
        n = max(14, round(math.pi * (a + b) / (min(a, b) * 0.32)))
        if n % 2:
            n += 1
        pts = []
        for k, (x, y, _) in enumerate(_ellipse_points(cx, cy, a, b, n)):
            if k % 2 == 0:
                jag = 1 + (SHOUT_SPIKE - 1) * _JAGS[(k // 2) % len(_JAGS)]
                pts.append((cx + (x - cx) * jag, cy + (y - cy) * jag))
            else:
                pts.append((cx + (x - cx) * 0.98, cy + (y - cy) * 0.98))
        parts.append(("polygon", pts))
        parts.append(("ellipse", [(cx, cy), (a, b)]))
        if tail:
            parts.append(("polygon", tail))
    return parts, bubbles


def extent(shape: Shape) -> Box:
    """Bounds of everything the shape draws (body, tail, bubbles, outline)."""
    parts, bubbles = _parts(shape)
    xs: list[float] = [shape.box.x, shape.box.x + shape.box.w]
    ys: list[float] = [shape.box.y, shape.box.y + shape.box.h]
    for kind, geo in parts:
        if kind == "polygon":
            xs += [p[0] for p in geo]
            ys += [p[1] for p in geo]
    for x, y, r in bubbles:
        xs += [x - r, x + r]
        ys += [y - r, y + r]
    s = shape.stroke * 2
    x0, y0 = math.floor(min(xs)) - s, math.floor(min(ys)) - s
    return Box(x0, y0, math.ceil(max(xs)) + s - x0, math.ceil(max(ys)) + s - y0)


def draw_shape(page: Image.Image, shape: Shape) -> None:
    """Draw ``shape`` onto ``page`` (RGB): outline first, then the fill over its inside."""
    if shape.kind == BalloonKind.SFX:
        return
    parts, bubbles = _parts(shape)
    ext = extent(shape)
    size = (ext.w * SS, ext.h * SS)
    # one paste onto the page (the costly step): colours drawn at twice the size, black
    # under the fill so that the outline shows around it, and the alpha of the whole shape
    alpha = Image.new("L", size, 0)
    colour = Image.new("RGB", size, (0, 0, 0))
    ink = ImageDraw.Draw(alpha)
    paint = ImageDraw.Draw(colour)

    def tx(x: float, y: float) -> tuple[float, float]:
        return (x - ext.x) * SS, (y - ext.y) * SS

    s = shape.stroke * SS
    fill: int | tuple[int, int, int]
    for grow, draw, fill in ((s, ink, 255), (0, paint, FILL[shape.kind])):
        for kind, geo in parts:
            if kind == "ellipse":
                (cx, cy), (a, b) = geo
                x, y = tx(cx, cy)
                draw.ellipse(
                    (x - a * SS - grow, y - b * SS - grow, x + a * SS + grow, y + b * SS + grow),
                    fill=fill,
                )
            elif kind == "rect":
                x0, y0 = tx(*geo[0])
                x1, y1 = tx(*geo[1])
                draw.rectangle((x0 - grow, y0 - grow, x1 + grow, y1 + grow), fill=fill)
            else:
                pts = [tx(*p) for p in geo]
                draw.polygon(pts, fill=fill)
                if grow:
                    draw.line([*pts, pts[0]], fill=fill, width=int(2 * grow), joint="curve")
        for bx, by, r in bubbles:
            x, y = tx(bx, by)
            rr = r * SS + grow
            draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=fill)
    page.paste(colour.reduce(SS), (ext.x, ext.y), alpha.reduce(SS))
