"""Balloon shapes: their size from the text they hold, their place in the panel, drawing.

Contract:

* :func:`outer_size` gives the shape's full size for a block of text ink of ``text_w`` x
  ``text_h`` px lettered at ``size`` px: the text rectangle always lies inside the body
  (an ellipse through the rectangle's corners, plus padding), so lettering never touches
  the outline;
* :func:`shape_at` puts the shape's centre on a point; :func:`fits_share` says whether it
  is within its kind's maximum share of the panel; where it goes is decided by
  :mod:`policemag.comics.placement`, from :func:`outline` (a convex polygon holding the
  drawn body) and :func:`tail_polygon`;
* :func:`draw_shape` draws outline and fill. Shapes are drawn at twice the resolution and
  reduced, so that outlines are antialiased, then pasted with their own alpha.

Everything is deterministic: the "random" jags of shouts and bumps of thoughts come
from fixed sequences, so the same input gives the same bytes.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from PIL import Image, ImageDraw

from policemag.comics.geometry import ellipse_ring
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


def fits_share(kind: BalloonKind, w: float, h: float, panel: Box, stroke: int) -> bool:
    """Whether a shape of ``w`` x ``h`` px is within its kind's share of ``panel``."""
    share_w, share_h = MAX_SHARE[kind]
    inset = stroke * 3
    return w <= min(panel.w * share_w, panel.w - 2 * inset) and h <= min(
        panel.h * share_h, panel.h - 2 * inset
    )


def shape_at(
    kind: BalloonKind,
    text_w: float,
    text_h: float,
    size: int,
    centre: tuple[float, float],
    stroke: int,
    tail: tuple[float, float] | None = None,
) -> Shape:
    """The shape for that text, its box centred (to the pixel) on ``centre``; ``tail`` is
    where the tail's tip ends (page px), or None."""
    w, h = outer_size(kind, text_w, text_h, size)
    box = Box(round(centre[0] - w / 2), round(centre[1] - h / 2), w, h)
    centre = (box.x + w / 2, box.y + h / 2)
    if kind in (BalloonKind.CAPTION, BalloonKind.SFX):
        tail = None
    return Shape(kind, box, centre, _core(kind, text_w, text_h, size), tail, stroke)


def with_tail(shape: Shape, tip: tuple[float, float] | None) -> Shape:
    if shape.kind in (BalloonKind.CAPTION, BalloonKind.SFX):
        tip = None
    return Shape(shape.kind, shape.box, shape.centre, shape.core, tip, shape.stroke)


def centre_range(
    kind: BalloonKind, reach: tuple[float, float, float, float], panel: Box, stroke: int
) -> tuple[float, float, float, float]:
    """Where the centre of a shape may go so that everything its body draws stays inside
    the panel and off its frame (an inset of two strokes): x from, x to, y from, y to.
    ``reach`` is the body's extent around its centre (left, top, right, bottom)."""
    inset = stroke * 2
    lo_x, hi_x = panel.x + inset - reach[0], panel.x + panel.w - inset - reach[2]
    lo_y, hi_y = panel.y + inset - reach[1], panel.y + panel.h - inset - reach[3]
    return lo_x, max(lo_x, hi_x), lo_y, max(lo_y, hi_y)


#: The largest jag of a shout, as a factor of its core ellipse.
_SHOUT_REACH = 1 + (SHOUT_SPIKE - 1) * max(_JAGS)


@functools.lru_cache(maxsize=4096)
def outline_rel(
    kind: BalloonKind, a: float, b: float, w: int, h: int, stroke: int
) -> tuple[tuple[float, float], ...]:
    if kind in (BalloonKind.CAPTION, BalloonKind.SFX):
        hw, hh = w / 2 + stroke, h / 2 + stroke
        return ((-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh))
    if kind == BalloonKind.THOUGHT:
        r = w / 2 - a  # the bump radius outer_size added
        return tuple(ellipse_ring(a, b, r + stroke))
    if kind == BalloonKind.SHOUT:
        return tuple(ellipse_ring(a * _SHOUT_REACH, b * _SHOUT_REACH, stroke))
    return tuple(ellipse_ring(a, b, stroke))


def outline(shape: Shape) -> list[tuple[float, float]]:
    """A convex polygon (page px) that holds everything the body draws, outline stroke
    included, tail excluded: what must keep clear of heads and other balloons."""
    cx, cy = shape.centre
    a, b = shape.core
    rel = outline_rel(shape.kind, a, b, shape.box.w, shape.box.h, shape.stroke)
    return [(cx + x, cy + y) for x, y in rel]


def reach(shape: Shape, ux: float, uy: float) -> float:
    """Distance from the centre to the body's outline in the unit direction (ux, uy)."""
    a, b = shape.core
    if shape.kind == BalloonKind.THOUGHT:
        r = shape.box.w / 2 - a
        a, b = a + r, b + r
    elif shape.kind == BalloonKind.SHOUT:
        a, b = a * _SHOUT_REACH, b * _SHOUT_REACH
    return 1 / math.sqrt((ux / a) ** 2 + (uy / b) ** 2) + shape.stroke


def tail_polygon(shape: Shape) -> list[tuple[float, float]] | None:
    """The tail as a convex polygon (page px) that holds its ink, outline included: the
    triangle from the body's centre to the tip, or for a thought the band its trail of
    bubbles lies in. None: no tail."""
    s = shape.stroke
    if shape.kind == BalloonKind.THOUGHT:
        trail = _thought_trail(shape)
        if not trail:
            return None
        (x0, y0, r0), *_, (x1, y1, r1) = trail
        ux, uy = x1 - x0, y1 - y0
        d = math.hypot(ux, uy) or 1.0
        ux, uy = ux / d, uy / d
        w = max(r for _, _, r in trail) + s + 1
        sx, sy = x0 - ux * (r0 + s + 1), y0 - uy * (r0 + s + 1)
        ex, ey = x1 + ux * (r1 + s + 1), y1 + uy * (r1 + s + 1)
        return [
            (sx - uy * w, sy + ux * w),
            (ex - uy * w, ey + ux * w),
            (ex + uy * w, ey - ux * w),
            (sx + uy * w, sy - ux * w),
        ]
    triangle = _tail_triangle(shape)
    if triangle is None:
        return None
    # the outline is drawn around the triangle with round joins: a square of the stroke's
    # size around each corner holds it
    g = s + 1
    return hull([(x + dx, y + dy) for x, y in triangle for dx in (-g, g) for dy in (-g, g)])


def hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull, counter-clockwise in page coordinates (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


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
    if dist <= edge * 1.05:  # the tip is under the balloon: no tail
        return None
    half = max(min(a, b) * 0.28, shape.stroke * 5)
    tip = (tx, ty)
    # bend the tail slightly: real tails curve; the base is offset sideways
    return [(cx - uy * half, cy + ux * half), tip, (cx + uy * half * 0.2, cy - ux * half * 0.2)]


def _thought_trail(shape: Shape) -> list[tuple[float, float, float]]:
    """The bubbles of a thought's trail (x, y, radius), from the body to the tip: the last
    one's far edge is the tip."""
    if shape.tail is None:
        return []
    cx, cy = shape.centre
    a, b = shape.core
    r = shape.box.w / 2 - a
    tx, ty = shape.tail
    ux, uy = tx - cx, ty - cy
    d = math.hypot(ux, uy)
    if d == 0:
        return []
    ux, uy = ux / d, uy / d
    edge = 1 / math.sqrt((ux / (a + r)) ** 2 + (uy / (b + r)) ** 2) + shape.stroke
    span = d - edge
    if span < r * 0.6:
        return []
    # three bubbles, each smaller, evenly spaced, the last one's far edge at the tip
    r1 = r * 0.55
    radii = (r1, r1 * 0.7, r1 * 0.45)
    gap = r1 * 0.3
    need = 2 * sum(radii) + 3 * gap
    k = min(1.0, span / need)
    out = []
    dd = d
    for rad in reversed(radii):
        rr = rad * k
        dd -= rr
        out.append((cx + ux * dd, cy + uy * dd, rr))
        dd -= rr + gap * k
    return out[::-1]


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
    tail = _tail_triangle(shape) if shape.kind != BalloonKind.THOUGHT else None
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
        bubbles += _thought_trail(shape)  # small bubbles trailing towards the thinker
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
    # two masks drawn at twice the size and reduced (antialiased edges): the whole shape
    # grown by the stroke, pasted in black, then its inside, pasted in the fill colour.
    # Greyscale masks: half the work of an RGB layer at twice the size; the colours are
    # pasted as images (Pillow pastes a colour tuple through a mask three times slower)
    outer = Image.new("L", size, 0)
    inner = Image.new("L", size, 0)

    def tx(x: float, y: float) -> tuple[float, float]:
        return (x - ext.x) * SS, (y - ext.y) * SS

    s = shape.stroke * SS
    for grow, draw in ((s, ImageDraw.Draw(outer)), (0, ImageDraw.Draw(inner))):
        for kind, geo in parts:
            if kind == "ellipse":
                (cx, cy), (a, b) = geo
                x, y = tx(cx, cy)
                draw.ellipse(
                    (x - a * SS - grow, y - b * SS - grow, x + a * SS + grow, y + b * SS + grow),
                    fill=255,
                )
            elif kind == "rect":
                x0, y0 = tx(*geo[0])
                x1, y1 = tx(*geo[1])
                draw.rectangle((x0 - grow, y0 - grow, x1 + grow, y1 + grow), fill=255)
            else:
                pts = [tx(*p) for p in geo]
                draw.polygon(pts, fill=255)
                if grow:
                    draw.line([*pts, pts[0]], fill=255, width=int(2 * grow), joint="curve")
        for bx, by, r in bubbles:
            x, y = tx(bx, by)
            rr = r * SS + grow
            draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=255)
    where = (ext.x, ext.y)
    page.paste(Image.new("RGB", (ext.w, ext.h), (0, 0, 0)), where, outer.reduce(SS))
    page.paste(Image.new("RGB", (ext.w, ext.h), FILL[shape.kind]), where, inner.reduce(SS))
