"""Where a balloon goes in its panel: clear of heads, its tail to the speaker's mouth.

Contract (the letterer's rules, checked again on the published geometry by the tests):

* a balloon's body (:func:`~policemag.comics.balloons.outline`) keeps :attr:`Rules.gap`
  px away from every head box and :attr:`Rules.air` px away from the bodies and tails of
  the balloons placed before it in the panel;
* a tail points at its speaker's mouth and stops where that line meets the head box
  grown by :attr:`Rules.gap`: outside the head, a small gap before it. At least
  :attr:`Rules.min_tail` px of it show outside the body (two and a half times that for
  a thought's trail of bubbles). It crosses no other head and no
  other balloon. Without a marked head, a tail stops :attr:`Rules.gap` px short of the
  point ``tail`` gives (an off-panel voice, a phone that is not marked);
* balloons keep the reading order (sound effects apart, they are part of the picture):
  each one starts lower than the one before it, or at about the same height and further
  along the reading direction (:func:`reads_after`);
* the balloon goes where the artist put it (``at``) when that is clear, else to the
  nearest clear position inside the panel (a grid of 1/40 of the panel, nearest first).
"""

from __future__ import annotations

import functools
import heapq
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from policemag.comics.balloons import (
    Shape,
    centre_range,
    outline_rel,
    reach,
    shape_at,
    tail_polygon,
    with_tail,
)
from policemag.comics.geometry import (
    Convex,
    Point,
    Rect,
    clear_of,
    convex,
    convex_rect,
    inflate,
    rects_clear,
    segment_entry,
)
from policemag.comics.layout import Box
from policemag.model import Balloon, BalloonKind, Head

#: Air between a tail's tip and its speaker's head box, and between a balloon and any
#: head, as a share of the page width (19 px on a 1600 px page, 5 CSS px on a phone).
GAP = 0.012
#: The shortest tail that shows outside its balloon, as a share of the page width.
MIN_TAIL = 0.02
#: Candidate positions: a grid of this fraction of the panel's smaller side.
GRID = 40


@dataclass(frozen=True)
class Rules:
    """The distances above in page pixels."""

    gap: float
    min_tail: float
    air: float  # between two balloons

    @classmethod
    def for_page(cls, page_width: int, stroke: int) -> Rules:
        return cls(
            gap=max(3.0, round(page_width * GAP)),
            min_tail=max(4.0, round(page_width * MIN_TAIL)),
            air=float(stroke * 2),
        )


def head_rect(panel: Box, head: Head) -> Rect:
    left, top, right, bottom = head.box
    return (
        panel.x + left * panel.w,
        panel.y + top * panel.h,
        panel.x + right * panel.w,
        panel.y + bottom * panel.h,
    )


def speaker(balloon: Balloon, heads: Sequence[Head]) -> int | None:
    """Index of the head the balloon's tail points at: ``by``'s head in this panel, else
    the head whose box holds the ``tail`` point (the nearest mouth if several do)."""
    if balloon.kind in (BalloonKind.CAPTION, BalloonKind.SFX):
        return None
    if balloon.by is not None:
        return next((i for i, h in enumerate(heads) if h.who == balloon.by), None)
    if balloon.tail is None:
        return None
    tx, ty = balloon.tail
    inside = [
        (math.dist(h.mouth, (tx, ty)), i)
        for i, h in enumerate(heads)
        if h.box[0] <= tx <= h.box[2] and h.box[1] <= ty <= h.box[3]
    ]
    return min(inside)[1] if inside else None


@dataclass
class Placed:
    """A balloon placed in a panel, with what later balloons must keep clear of."""

    shape: Shape
    body: Convex
    tail: Convex | None
    head: int | None  # index of its speaker's head in the panel


@functools.lru_cache(maxsize=4096)
def _body_rel(kind: BalloonKind, a: float, b: float, w: int, h: int, stroke: int) -> Convex:
    return convex(outline_rel(kind, a, b, w, h, stroke))


def body(shape: Shape) -> Convex:
    """The shape's body (:func:`~policemag.comics.balloons.outline`) as a :class:`Convex`."""
    a, b = shape.core
    rel = _body_rel(shape.kind, a, b, shape.box.w, shape.box.h, shape.stroke)
    return rel.moved(shape.centre[0] + rel.cx, shape.centre[1] + rel.cy)


def placed(shape: Shape, head: int | None) -> Placed:
    tail = tail_polygon(shape)
    return Placed(shape, body(shape), convex(tail) if tail else None, head)


@dataclass
class PanelState:
    """A panel being lettered: its box, heads (page px) and the balloons placed so far."""

    box: Box
    heads: list[Rect]
    mouths: list[Point]
    rtl: bool
    items: list[Placed] = field(default_factory=list)
    shapes: list[Convex] = field(default_factory=list)  # the heads, as convex shapes

    def __post_init__(self) -> None:
        self.shapes = [convex_rect(r) for r in self.heads]

    @classmethod
    def of(cls, box: Box, heads: Sequence[Head], rtl: bool) -> PanelState:
        return cls(box, [head_rect(box, h) for h in heads], [box.at(*h.mouth) for h in heads], rtl)


def reads_after(prev: Box, cur: Box, rtl: bool) -> bool:
    """Whether a reader meets ``cur`` after ``prev``: it starts lower, or at about the same
    height (a third of the smaller one's height) and further along the reading direction."""
    band = min(prev.h, cur.h) / 3
    if cur.y >= prev.y + band:
        return True
    if cur.y <= prev.y - band:
        return False
    pc, cc = prev.x + prev.w / 2, cur.x + cur.w / 2
    return cc < pc if rtl else cc > pc


@functools.lru_cache(maxsize=16)
def _offsets(n: int) -> tuple[tuple[int, int, int], ...]:
    """Grid offsets (i, j, i*i + j*j) within +-n, nearest first (ties in a fixed order)."""
    return tuple(
        sorted(
            ((i, j, i * i + j * j) for i in range(-n, n + 1) for j in range(-n, n + 1)),
            key=lambda o: (o[2], o[1], o[0]),
        )
    )


def candidates(
    kind: BalloonKind,
    reach: Rect,
    panel: Box,
    stroke: int,
    at: tuple[float, float],
    snaps: tuple[Sequence[float], Sequence[float]] = ((), ()),
) -> Iterator[tuple[float, float, float]]:
    """Centres to try, nearest to ``at`` first, as (x, y, distance in px): a grid of
    1/:data:`GRID` of the panel's smaller side, merged with the lines ``snaps`` (x and y
    values where the shape just touches something: a narrow gap the grid would step
    over). Captions stay on the panel's top or bottom edge (the one ``at`` names first)."""
    lo_x, hi_x, lo_y, hi_y = centre_range(kind, reach, panel, stroke)
    ax, ay = panel.at(*at)
    x0, y0 = min(max(ax, lo_x), hi_x), min(max(ay, lo_y), hi_y)
    step = max(4.0, min(panel.w, panel.h) / GRID)
    nx = math.ceil((hi_x - lo_x) / step)
    xs = [x for x in snaps[0] if lo_x <= x <= hi_x]
    if kind == BalloonKind.CAPTION:
        edges = (lo_y, hi_y) if at[1] < 0.5 else (hi_y, lo_y)
        for n, y in enumerate(edges):
            row = [(abs(i) * step, x0 + i * step) for i in range(-nx, nx + 1)]
            row += [(abs(x - x0), x) for x in xs]
            for d, x in sorted(row):
                if lo_x - 0.5 <= x <= hi_x + 0.5:
                    yield x, y, d + n * panel.h
        return
    ny = math.ceil((hi_y - lo_y) / step)
    ys = [y for y in snaps[1] if lo_y <= y <= hi_y]
    grid_x = [
        x0 + i * step for i in range(-nx, nx + 1) if lo_x - 0.5 <= x0 + i * step <= hi_x + 0.5
    ]
    grid_y = [
        y0 + j * step for j in range(-ny, ny + 1) if lo_y - 0.5 <= y0 + j * step <= hi_y + 0.5
    ]
    extra = sorted(
        {(math.hypot(x - x0, y - y0), x, y) for x in xs for y in grid_y + ys}
        | {(math.hypot(x - x0, y - y0), x, y) for x in grid_x for y in ys}
    )

    def grid() -> Iterator[tuple[float, float, float]]:
        for i, j, d2 in _offsets(-(-max(nx, ny) // 16) * 16):  # a few grids, sorted once
            if -nx <= i <= nx and -ny <= j <= ny:
                x, y = x0 + i * step, y0 + j * step
                if lo_x - 0.5 <= x <= hi_x + 0.5 and lo_y - 0.5 <= y <= hi_y + 0.5:
                    yield math.sqrt(d2) * step, x, y

    for d, x, y in heapq.merge(grid(), extra):
        yield x, y, d


def snaps(state: PanelState, reach: Rect, rules: Rules) -> tuple[list[float], list[float]]:
    """Centre lines where a shape whose body reaches ``reach`` around its centre (left,
    top, right, bottom) just clears a head or a placed balloon."""
    xs: list[float] = []
    ys: list[float] = []
    edges = [(r, rules.gap) for r in state.heads]
    edges += [(item.body.box, rules.air) for item in state.items]
    for (x0, y0, x1, y1), m in edges:
        xs += [x0 - m - reach[2] - 1, x1 + m - reach[0] + 1]
        ys += [y0 - m - reach[3] - 1, y1 + m - reach[1] + 1]
    return xs, ys


def tip_for(
    state: PanelState,
    shape: Shape,
    head: int | None,
    tail: tuple[float, float] | None,
    rules: Rules,
) -> tuple[bool, Point | None]:
    """Where the tail of ``shape`` ends: (usable, tip). Not usable when the speaker's head
    is under the balloon or the tail would be shorter than :attr:`Rules.min_tail`."""
    cx, cy = shape.centre
    if head is not None:
        mx, my = state.mouths[head]
        t = segment_entry((cx, cy), (mx, my), inflate(state.heads[head], rules.gap))
        if t is None or t <= 0:
            return False, None
        tip = (cx + (mx - cx) * t, cy + (my - cy) * t)
    elif tail is not None:
        px, py = state.box.at(*tail)
        d = math.hypot(px - cx, py - cy)
        if d <= rules.gap:
            return True, None  # the point is under the balloon: no tail
        tip = (px - (px - cx) / d * rules.gap, py - (py - cy) / d * rules.gap)
    else:
        return True, None
    d = math.hypot(tip[0] - cx, tip[1] - cy)
    # a thought's trail of three bubbles needs more room than a tail
    shortest = rules.min_tail * (2.5 if shape.kind == BalloonKind.THOUGHT else 1)
    if d - reach(shape, (tip[0] - cx) / d, (tip[1] - cy) / d) < shortest:
        return False, None
    return True, tip


def _inner(shape: Shape) -> Rect:
    """A rectangle surely inside the body (the core ellipse's inscribed rectangle)."""
    cx, cy = shape.centre
    a, b = shape.core
    if shape.kind in (BalloonKind.CAPTION, BalloonKind.SFX):
        return (shape.box.x, shape.box.y, shape.box.x + shape.box.w, shape.box.y + shape.box.h)
    k = 1 / math.sqrt(2)
    return (cx - a * k, cy - b * k, cx + a * k, cy + b * k)


def clear(state: PanelState, shape: Shape, head: int | None, rules: Rules) -> bool:
    """Whether ``shape`` (with its tail) may go there: see the module's contract."""
    kind = shape.kind
    if kind != BalloonKind.SFX:
        prev = next((p for p in reversed(state.items) if p.shape.kind != BalloonKind.SFX), None)
        if prev is not None and not reads_after(prev.shape.box, shape.box, state.rtl):
            return False
    me = body(shape)
    inner = _inner(shape)
    for hc in state.shapes:
        if rects_clear(me.box, hc.box, rules.gap):
            continue
        if not rects_clear(inner, hc.box, rules.gap) or not clear_of(me, hc, rules.gap):
            return False
    for item in state.items:
        if not clear_of(me, item.body, rules.air):
            return False
        if item.tail is not None and not clear_of(me, item.tail, rules.air):
            return False
    points = tail_polygon(shape) if shape.tail is not None else None
    if points is not None:
        tail = convex(points)
        for i, hc in enumerate(state.shapes):
            if not clear_of(tail, hc, 0.0 if i == head else float(shape.stroke)):
                return False
        for item in state.items:
            if not clear_of(tail, item.body, rules.air):
                return False
    return True


def search(
    state: PanelState,
    balloon: Balloon,
    head: int | None,
    text_w: float,
    text_h: float,
    size: int,
    stroke: int,
    rules: Rules,
    limit: float = math.inf,
) -> tuple[Shape, float] | None:
    """The clear position nearest to ``balloon.at`` for that text block (closer than
    ``limit`` px), as (shape, distance); None if there is none."""
    base = shape_at(balloon.kind, text_w, text_h, size, (0.0, 0.0), stroke)
    b = body(base).box
    # the body's reach around its centre, a pixel more for the rounding of its box
    cx, cy = base.centre
    reach = (b[0] - cx - 1, b[1] - cy - 1, b[2] - cx + 1, b[3] - cy + 1)
    lines = snaps(state, reach, rules)
    for x, y, d in candidates(balloon.kind, reach, state.box, stroke, balloon.at, lines):
        if d >= limit:
            return None
        shape = shape_at(balloon.kind, text_w, text_h, size, (x, y), stroke)
        usable, tip = tip_for(state, shape, head, balloon.tail, rules)
        if not usable:
            continue
        shape = with_tail(shape, tip)
        if clear(state, shape, head, rules):
            return shape, d
    return None
