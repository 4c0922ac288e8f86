"""Plane geometry for lettering: rectangles, convex polygons, rays.

Everything a balloon is checked against is convex: a head is an axis-aligned rectangle,
a balloon's body is enclosed by a convex polygon (:func:`policemag.comics.balloons.outline`)
and a tail is a triangle. Two shapes are *clear* of each other when one of 64 fixed
directions separates them by at least ``margin`` pixels (:func:`clear_of`): the
separating axis theorem with a fixed set of axes, fast because each shape's reach in
those directions (its support function) is computed once. The same functions check the
published geometry in the tests.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[float, float]
#: An axis-aligned rectangle as (left, top, right, bottom), page pixels.
Rect = tuple[float, float, float, float]


def inflate(r: Rect, m: float) -> Rect:
    return (r[0] - m, r[1] - m, r[2] + m, r[3] + m)


def rect_points(r: Rect) -> list[Point]:
    return [(r[0], r[1]), (r[2], r[1]), (r[2], r[3]), (r[0], r[3])]


def bounds(poly: Sequence[Point]) -> Rect:
    xs = [p[0] for p in poly]
    ys = [p[1] for p in poly]
    return (min(xs), min(ys), max(xs), max(ys))


def rects_clear(a: Rect, b: Rect, margin: float = 0.0) -> bool:
    """True when ``a`` and ``b`` are at least ``margin`` apart along x or y."""
    return (
        a[2] + margin <= b[0]
        or b[2] + margin <= a[0]
        or a[3] + margin <= b[1]
        or b[3] + margin <= a[1]
    )


#: Directions in which shapes are compared (every 5.625 degrees, both axes among them).
K = 64
DIRS: tuple[Point, ...] = tuple(
    (math.cos(2 * math.pi * k / K), math.sin(2 * math.pi * k / K)) for k in range(K)
)


@dataclass(frozen=True)
class Convex:
    """A convex shape by its support function: ``h[k]`` is how far it reaches from its
    centre (``cx``, ``cy``) in direction :data:`DIRS` ``[k]``; ``box`` its bounds."""

    cx: float
    cy: float
    h: tuple[float, ...]
    box: Rect

    def moved(self, cx: float, cy: float) -> Convex:
        """The same shape centred on (cx, cy)."""
        dx, dy = cx - self.cx, cy - self.cy
        b = self.box
        return Convex(cx, cy, self.h, (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy))


def convex(points: Sequence[Point]) -> Convex:
    """The convex hull of ``points`` (page px), by its support function."""
    box = bounds(points)
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    rel = [(x - cx, y - cy) for x, y in points]
    h = tuple(max(x * ux + y * uy for x, y in rel) for ux, uy in DIRS)
    return Convex(cx, cy, h, box)


def convex_rect(r: Rect) -> Convex:
    hw, hh = (r[2] - r[0]) / 2, (r[3] - r[1]) / 2
    h = tuple(hw * abs(ux) + hh * abs(uy) for ux, uy in DIRS)
    return Convex((r[0] + r[2]) / 2, (r[1] + r[3]) / 2, h, r)


def clear_of(p: Convex, q: Convex, margin: float = 0.0) -> bool:
    """True when some direction of :data:`DIRS` separates ``p`` and ``q`` by at least
    ``margin`` px (then they are surely that far apart; the separating axis theorem
    with a fixed set of axes: exact for rectangles, within a hair for other shapes)."""
    if rects_clear(p.box, q.box, margin):
        return True
    dx, dy = p.cx - q.cx, p.cy - q.cy
    half = K // 2
    # start from the direction pointing from p to q: the likeliest separating axis
    k0 = round(math.atan2(-dy, -dx) / (2 * math.pi) * K) % K
    ph, qh = p.h, q.h
    for i in range(K):
        k = (k0 + (i + 1) // 2 * (1 if i % 2 else -1)) % K
        ux, uy = DIRS[k]
        if ph[k] + qh[(k + half) % K] + dx * ux + dy * uy + margin <= 0:
            return True
    return False


def convex_clear(p: Sequence[Point], q: Sequence[Point], margin: float = 0.0) -> bool:
    """:func:`clear_of` for two point sets (their convex hulls)."""
    return clear_of(convex(p), convex(q), margin)


def poly_rect_clear(p: Sequence[Point], r: Rect, margin: float = 0.0) -> bool:
    """True when the convex hull of ``p`` is at least ``margin`` away from rectangle ``r``."""
    if rects_clear(bounds(p), r, margin):
        return True
    return clear_of(convex(p), convex_rect(r), margin)


def point_rect_distance(p: Point, r: Rect) -> float:
    dx = max(r[0] - p[0], 0.0, p[0] - r[2])
    dy = max(r[1] - p[1], 0.0, p[1] - r[3])
    return math.hypot(dx, dy)


def inside_rect(p: Point, r: Rect) -> bool:
    return r[0] <= p[0] <= r[2] and r[1] <= p[1] <= r[3]


def segment_entry(a: Point, b: Point, r: Rect) -> float | None:
    """Where the segment a→b first enters rectangle ``r``, as t in [0, 1]; 0 if ``a`` is
    inside; None if it never enters (Liang–Barsky)."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - r[0]), (dx, r[2] - a[0]), (-dy, a[1] - r[1]), (dy, r[3] - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return t0


def ellipse_ring(a: float, b: float, offset: float, n: int = 32) -> list[Point]:
    """A convex polygon, centred on (0, 0), that encloses the ellipse of semi-axes ``a``,
    ``b`` grown by ``offset`` px on every side: ``n`` points of that offset curve, pushed
    out by (more than) the largest gap between a chord and the curve."""

    def at(t: float) -> Point:
        c, s = math.cos(t), math.sin(t)
        nx, ny = b * c, a * s  # outward normal of the ellipse at (a cos t, b sin t)
        d = math.hypot(nx, ny) or 1.0
        return a * c + offset * nx / d, b * s + offset * ny / d

    step = 2 * math.pi / n
    pts = [at(k * step) for k in range(n)]
    sag, near = 0.0, math.inf
    for k in range(n):
        (x1, y1), (x2, y2) = pts[k], pts[(k + 1) % n]
        mx, my = at((k + 0.5) * step)
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        # how far the curve's midpoint lies outside the chord, and the chord's distance
        # from the centre
        sag = max(sag, abs((x2 - x1) * (my - y1) - (y2 - y1) * (mx - x1)) / length)
        near = min(near, abs(x1 * y2 - x2 * y1) / length)
    # scaling about the centre by k moves every chord out by (k - 1) times its distance
    scale = 1 + (sag * 1.5 + 1.0) / max(near, 1.0)
    return [(x * scale, y * scale) for x, y in pts]
