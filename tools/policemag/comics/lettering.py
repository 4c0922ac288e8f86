"""Lettering: wrap, fit and draw balloon text with Pillow + raqm, and render whole pages.

Contract:

* text is shaped by raqm (HarfBuzz + FriBiDi) with the edition language's direction
  (``rtl`` for Arabic), so Arabic joins, carries its diacritics, and Latin words and
  digits inside it come out in the right order; we wrap by words ourselves, measuring
  with the same font, direction and language;
* every balloon on a page (sfx apart) is lettered at one size: the largest, from
  :data:`MAX_PX` down to :data:`MIN_PX` (for a 1600 px wide page, scaled with the page),
  at which all of them fit inside their kind's maximum share of the panel. A balloon
  that cannot fit at the minimum size is reported (E034, comic.yml:line): text is never
  clipped or shrunk below the minimum;
* the text block is centred in its shape, and its ink stays inside the shape's body.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from policemag.comics import fonts
from policemag.comics.balloons import Shape, draw_shape, place
from policemag.comics.layout import Box
from policemag.model import Balloon, BalloonKind
from policemag.model.lang import direction_of

MAX_PX = 44
MIN_PX = 22
SFX_MAX_PX = 96
STEP = 2
TEXT_COLOUR = (17, 17, 17)
SFX_FILL = (235, 64, 40)
SFX_ANGLE = 7.0  # degrees, counter-clockwise
#: Preferred text measure as a share of the panel width, before widening to fit.
MEASURE = {BalloonKind.CAPTION: 0.8, BalloonKind.SFX: 0.9}
DEFAULT_MEASURE = 0.45
ASPECT = 2.2


def scaled(px: int, page_width: int) -> int:
    """A size given for a 1600 px page, at ``page_width``."""
    return max(8, round(px * page_width / 1600))


@dataclass(frozen=True)
class Text:
    """A wrapped text block: lines in reading order, ink extents around its anchor.

    Lines are drawn centred on x = 0 with baselines at 0, pitch, 2*pitch... ``ink`` is
    (left, top, right, bottom) of all their pixels relative to that anchor.
    """

    lines: tuple[str, ...]
    lang: str
    face: str
    size: int
    weight: int
    pitch: int
    ink: tuple[int, int, int, int]

    @property
    def width(self) -> int:
        return self.ink[2] - self.ink[0]

    @property
    def height(self) -> int:
        return self.ink[3] - self.ink[1]

    def font(self) -> object:
        return fonts.font(self.face, self.size, self.weight)


@dataclass(frozen=True)
class Lettered:
    """One balloon, fitted and placed: ``shape.box`` is what the geometry reports."""

    balloon: Balloon
    text: Text
    shape: Shape
    box: Box


def _direction(lang: str) -> str:
    return direction_of(lang)


def measure_words(
    words: Sequence[str], face: str, size: int, weight: int, lang: str
) -> list[float]:
    f = fonts.font(face, size, weight)
    d = _direction(lang)
    return [f.getlength(w, direction=d, language=lang) for w in words]


def wrap(widths: Sequence[float], space: float, measure: float) -> list[list[int]] | None:
    """Greedy wrap of word indices into lines no wider than ``measure``; None if a word is wider."""
    lines: list[list[int]] = []
    current: list[int] = []
    width = 0.0
    for i, w in enumerate(widths):
        if w > measure:
            return None
        if current and width + space + w > measure:
            lines.append(current)
            current, width = [], 0.0
        width = width + space + w if current else w
        current.append(i)
    if current:
        lines.append(current)
    return lines


def balanced(widths: Sequence[float], space: float, measure: float) -> list[list[int]] | None:
    """The narrowest wrap with as few lines as at ``measure``: lines of similar length."""
    best = wrap(widths, space, measure)
    if best is None:
        return None
    lo, hi = max(widths), measure
    for _ in range(10):
        mid = (lo + hi) / 2
        trial = wrap(widths, space, mid)
        if trial is not None and len(trial) <= len(best):
            best, hi = trial, mid
        else:
            lo = mid
    return best


#: French typography: no line break before ! ? : ; » or after «.
_NARROW_NBSP = "\u202f"


def _bind_punctuation(text: str, lang: str) -> str:
    if not lang.startswith("fr"):
        return text
    text = re.sub(r"\s+([!?:;»])", _NARROW_NBSP + r"\1", text)
    return re.sub(r"«\s+", "«" + _NARROW_NBSP, text)


def _weight(kind: BalloonKind) -> int:
    return fonts.BOLD if kind in (BalloonKind.SHOUT, BalloonKind.SFX) else fonts.REGULAR


def make_text(text: str, lang: str, kind: BalloonKind, size: int, measure: float) -> Text | None:
    """Wrap ``text`` at ``size`` within ``measure`` px; None if a single word is wider."""
    face = fonts.face_for(lang, kind.value)
    weight = _weight(kind)
    # split on ordinary spaces only: no-break spaces (U+00A0, U+202F) bind words
    words = re.split(r"[ \t\r\n]+", _bind_punctuation(text, lang).strip())
    if kind in (BalloonKind.SHOUT, BalloonKind.SFX) and direction_of(lang) == "ltr":
        words = [w.upper() for w in words]
    widths = measure_words(words, face, size, weight, lang)
    space = fonts.font(face, size, weight).getlength(" ", direction=_direction(lang), language=lang)
    groups = balanced(widths, space, measure)
    if groups is None:
        return None
    lines = tuple(" ".join(words[i] for i in g) for g in groups)
    f = fonts.font(face, size, weight)
    pitch = fonts.line_pitch(lang, size)
    left = top = 1e9
    right = bottom = -1e9
    for n, line in enumerate(lines):
        x0, y0, x1, y1 = f.getbbox(line, anchor="ms", direction=_direction(lang), language=lang)
        left, right = min(left, x0), max(right, x1)
        top, bottom = min(top, y0 + n * pitch), max(bottom, y1 + n * pitch)
    ink = (math.floor(left), math.floor(top), math.ceil(right), math.ceil(bottom))
    return Text(lines, lang, face, size, weight, pitch, ink)


def _measure(balloon: Balloon, lang: str, size: int, panel: Box) -> float:
    """The first measure to try: captions and sfx use most of the panel; other balloons
    aim at a text block about :data:`ASPECT` times wider than tall (rounder balloons)."""
    if balloon.kind in MEASURE:
        return MEASURE[balloon.kind] * panel.w
    face = fonts.face_for(lang, balloon.kind.value)
    f = fonts.font(face, size, _weight(balloon.kind))
    length = f.getlength(balloon.text[lang], direction=_direction(lang), language=lang)
    if length <= 0.55 * panel.w:  # short: one line
        return length + 1
    ideal = math.sqrt(ASPECT * length * fonts.line_pitch(lang, size))
    return min(max(ideal, DEFAULT_MEASURE * panel.w), 0.9 * panel.w)


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


#: Where to try a balloon (offsets relative to the panel) when it would cover the text of
#: a balloon placed before it: first up and down, then sideways.
NUDGES = (
    [(0.0, 0.0)]
    + [
        (dx, dy * k)
        for k in (0.04, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3, 0.4, 0.5)
        for dx in (0.0,)
        for dy in (1, -1)
    ]
    + [(dx * k, 0.0) for k in (0.1, 0.2, 0.3) for dx in (1, -1)]
)


def text_rect(item_shape: Shape, text: Text, kind: BalloonKind) -> Box:
    """The page rectangle the text's ink covers (the whole box for a rotated sfx)."""
    if kind == BalloonKind.SFX:
        return item_shape.box
    cx, cy = item_shape.centre
    return Box(
        math.floor(cx - text.width / 2),
        math.floor(cy - text.height / 2),
        text.width + 2,
        text.height + 2,
    )


def fit(
    balloon: Balloon, lang: str, size: int, panel: Box, stroke: int, avoid: Sequence[Box] = ()
) -> Lettered | None:
    """Letter ``balloon`` at exactly ``size`` in ``panel``, widening the measure if needed,
    and moving it (:data:`NUDGES`) so that its shape covers none of the ``avoid`` boxes."""
    base = _measure(balloon, lang, size, panel)
    for widen in (1.0, 1.3, 1.6, 2.0):
        measure = min(base * widen, panel.w * 0.9)
        text = make_text(balloon.text[lang], lang, balloon.kind, size, measure)
        if text is not None:
            w, h = float(text.width), float(text.height)
            if balloon.kind == BalloonKind.SFX:
                w, h = _rotated_size(
                    text.width + 2 * _sfx_stroke(size), text.height + 2 * _sfx_stroke(size)
                )
            ax, ay = balloon.at
            for dx, dy in NUDGES:
                at = (min(max(ax + dx, 0.0), 1.0), min(max(ay + dy, 0.0), 1.0))
                shape = place(balloon.kind, w, h, size, panel, at, balloon.tail, stroke)
                if shape is None:
                    break  # too big at this measure: no position will do
                if not any(_overlaps(shape.box, other) for other in avoid):
                    return Lettered(balloon, text, shape, shape.box)
        if measure >= panel.w * 0.9:
            break
    return None


def _sfx_stroke(size: int) -> int:
    return max(2, round(size * 0.07))


def _rotated_size(w: float, h: float) -> tuple[float, float]:
    r = math.radians(SFX_ANGLE)
    return w * math.cos(r) + h * math.sin(r), w * math.sin(r) + h * math.cos(r)


class FitError(Exception):
    """Balloon texts that do not fit at the minimum size (reported as E034)."""

    def __init__(self, balloons: Sequence[Balloon], lang: str) -> None:
        super().__init__(f"{len(balloons)} balloon(s) in '{lang}' do not fit at the minimum size")
        self.balloons = tuple(balloons)
        self.lang = lang


def _letter_at(
    panels: Sequence[tuple[Box, Sequence[Balloon]]],
    lang: str,
    size: int,
    stroke: int,
    page_width: int,
) -> tuple[list[list[Lettered]], list[Balloon]]:
    """Every balloon at ``size`` (sfx at their own size), in order, each avoiding the text
    of those before it in its panel. Returns the lettered balloons and the misfits."""
    out: list[list[Lettered]] = []
    misfits: list[Balloon] = []
    for box, balloons in panels:
        row: list[Lettered] = []
        for b in balloons:
            avoid = [text_rect(item.shape, item.text, item.balloon.kind) for item in row]
            if b.kind == BalloonKind.SFX:
                placed = None
                for s in range(
                    scaled(SFX_MAX_PX, page_width), scaled(MIN_PX, page_width) - 1, -STEP
                ):
                    placed = fit(b, lang, s, box, stroke, avoid)
                    if placed is not None:
                        break
            else:
                placed = fit(b, lang, size, box, stroke, avoid)
            if placed is None:
                misfits.append(b)
            else:
                row.append(placed)
        out.append(row)
    return out, misfits


def letter_panel_balloons(
    panels: Sequence[tuple[Box, Sequence[Balloon]]], lang: str, page_width: int
) -> list[list[Lettered]]:
    """Fit every balloon of a page at one common size, the largest that works; raises
    :class:`FitError` with every misfit at the minimum size.

    Returns, per panel, its lettered balloons in the order given (their reading order).
    """
    hi, lo = scaled(MAX_PX, page_width), scaled(MIN_PX, page_width)
    stroke = max(2, round(page_width * 0.0025))
    size = hi
    while True:
        lettered, misfits = _letter_at(panels, lang, size, stroke, page_width)
        if not misfits:
            return lettered
        if size <= lo:
            raise FitError(sorted(misfits, key=lambda b: b.line), lang)
        size = max(lo, size - STEP)


def draw_text(page: Image.Image, item: Lettered) -> None:
    """Draw the balloon's text centred in its shape (sfx: outlined, rotated)."""
    t = item.text
    f = fonts.font(t.face, t.size, t.weight)
    d = _direction(t.lang)
    cx, cy = item.shape.centre
    if item.balloon.kind == BalloonKind.SFX:
        stroke = _sfx_stroke(t.size)
        pad = stroke * 2
        layer = Image.new("RGBA", (t.width + 2 * pad, t.height + 2 * pad), (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        ox, oy = pad - t.ink[0], pad - t.ink[1]
        for n, line in enumerate(t.lines):
            draw.text(
                (ox, oy + n * t.pitch),
                line,
                font=f,
                anchor="ms",
                direction=d,
                language=t.lang,
                fill=SFX_FILL,
                stroke_width=stroke,
                stroke_fill=(0, 0, 0),
            )
        layer = layer.rotate(SFX_ANGLE, resample=Image.Resampling.BILINEAR, expand=True)
        page.paste(layer, (round(cx - layer.width / 2), round(cy - layer.height / 2)), layer)
        return
    draw = ImageDraw.Draw(page)
    # centre the ink block (not the line boxes) on the shape's centre
    x = cx - (t.ink[0] + t.ink[2]) / 2
    y = cy - (t.ink[1] + t.ink[3]) / 2
    for n, line in enumerate(t.lines):
        draw.text(
            (round(x), round(y) + n * t.pitch),
            line,
            font=f,
            anchor="ms",
            direction=d,
            language=t.lang,
            fill=TEXT_COLOUR,
        )


def draw_balloons(
    page: Image.Image, items: Sequence[Lettered], text: bool = True, shapes: bool = True
) -> None:
    """Draw shapes then text of every lettered balloon, in order (later ones on top)."""
    for item in items:
        if shapes:
            draw_shape(page, item.shape)
        if text:
            draw_text(page, item)
