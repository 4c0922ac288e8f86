"""Lettering: wrap, fit and draw balloon text with Pillow + raqm, and render whole pages.

Contract:

* text is shaped by raqm (HarfBuzz + FriBiDi) with the edition language's direction
  (``rtl`` for Arabic), so Arabic joins, carries its diacritics, and Latin words and
  digits inside it come out in the right order; we wrap by words ourselves, measuring
  with the same font, direction and language;
* every balloon on a page (sfx apart) is lettered at one size: the largest, from
  :data:`MAX_PX` down to the readable floor (:func:`readable_px`: 14 CSS px when the
  page is shown 390 px wide, 58 px on a 1600 px page), at which all of them fit inside
  their kind's maximum share of the panel and find a place clear of the heads
  (:mod:`policemag.comics.placement`). A balloon that cannot, at the floor, is reported
  (E034 too big, E036 no clear place; comic.yml:line): text is never clipped or shrunk
  below the floor;
* the text block is centred in its shape, and its ink stays inside the shape's body.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from policemag.comics import fonts
from policemag.comics.balloons import Shape, draw_shape, fits_share, outer_size
from policemag.comics.layout import Box
from policemag.comics.placement import PanelState, Rules, placed, search, speaker
from policemag.model import Balloon, BalloonKind, Head
from policemag.model.lang import direction_of

MAX_PX = 64
#: The readable floor: lettering at least this many CSS px when the page is shown this
#: many CSS px wide (a phone), i.e. 58 px on a 1600 px page (:func:`readable_px`).
READABLE_CSS_PX = 14
PHONE_CSS_WIDTH = 390
SFX_MAX_PX = 110
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
    """One balloon, fitted and placed: ``shape.box`` is what the geometry reports;
    ``head``: the index of its speaker's head in the panel (None: no marked speaker)."""

    balloon: Balloon
    text: Text
    shape: Shape
    box: Box
    head: int | None = None


def _direction(lang: str) -> str:
    return direction_of(lang)


def measure_words(
    words: Sequence[str], face: str, size: int, weight: int, lang: str
) -> list[float]:
    return [_length(w, face, size, weight, lang) for w in words]


@functools.lru_cache(maxsize=8192)
def _length(text: str, face: str, size: int, weight: int, lang: str) -> float:
    """Advance width of ``text`` shaped by raqm (cached: wraps measure the same words)."""
    f = fonts.font(face, size, weight)
    return float(f.getlength(text, direction=_direction(lang), language=lang))


@functools.lru_cache(maxsize=8192)
def _line_ink(line: str, face: str, size: int, weight: int, lang: str) -> tuple[float, ...]:
    """Ink box of one line around its baseline-middle anchor (cached, as above)."""
    f = fonts.font(face, size, weight)
    return tuple(f.getbbox(line, anchor="ms", direction=_direction(lang), language=lang))


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


_SENTENCE_END = re.compile(r"[.!?…؟]+[»\"')]*$")


def _sentences(words: Sequence[str]) -> list[list[int]]:
    """Word indices grouped by sentence (a word ending in . ! ? … or ؟ ends one)."""
    out: list[list[int]] = [[]]
    for i, w in enumerate(words):
        out[-1].append(i)
        if _SENTENCE_END.search(w) and i < len(words) - 1:
            out.append([])
    return out


def _no_stranded_starts(
    groups: list[list[int]],
    words: Sequence[str],
    widths: Sequence[float],
    space: float,
    limit: float,
) -> list[list[int]]:
    """A sentence's first word left alone at the end of a line ("... grand-père ! Ne")
    moves down to the next line, when that line stays within ``limit``."""
    out = [list(g) for g in groups]
    for n in range(len(out) - 1):
        line, below = out[n], out[n + 1]
        if len(line) >= 2 and _SENTENCE_END.search(words[line[-2]]):
            moved = [line[-1], *below]
            if sum(widths[i] for i in moved) + space * (len(moved) - 1) <= limit:
                out[n], out[n + 1] = line[:-1], moved
    return out


def _weight(kind: BalloonKind) -> int:
    return fonts.BOLD if kind in (BalloonKind.SHOUT, BalloonKind.SFX) else fonts.REGULAR


@functools.lru_cache(maxsize=4096)
def make_text(
    text: str, lang: str, kind: BalloonKind, size: int, measure: float, by_sentence: bool = False
) -> Text | None:
    """Wrap ``text`` at ``size`` within ``measure`` px; None if a single word is wider.

    ``by_sentence``: one sentence a line, if that takes as many lines as the balanced wrap
    (else None)."""
    face = fonts.face_for(lang, kind.value)
    weight = _weight(kind)
    # split on ordinary spaces only: no-break spaces (U+00A0, U+202F) bind words
    words = re.split(r"[ \t\r\n]+", _bind_punctuation(text, lang).strip())
    if kind in (BalloonKind.SHOUT, BalloonKind.SFX) and direction_of(lang) == "ltr":
        words = [w.upper() for w in words]
    widths = measure_words(words, face, size, weight, lang)
    space = _length(" ", face, size, weight, lang)
    groups = balanced(widths, space, measure)
    if groups is None:
        return None
    if by_sentence:
        # a letterer breaks between sentences when that takes no more lines (and a line a
        # little longer than the measure: the balloon's share of the panel still holds)
        sentences = _sentences(words)
        if not (
            1 < len(sentences) == len(groups)
            and all(
                sum(widths[i] for i in g) + space * (len(g) - 1) <= measure * 1.2 for g in sentences
            )
        ):
            return None
        groups = sentences
    else:
        groups = _no_stranded_starts(groups, words, widths, space, measure * 1.2)
    lines = tuple(" ".join(words[i] for i in g) for g in groups)
    pitch = fonts.line_pitch(lang, size)
    left = top = 1e9
    right = bottom = -1e9
    for n, line in enumerate(lines):
        x0, y0, x1, y1 = _line_ink(line, face, size, weight, lang)
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
    length = _length(balloon.text[lang], face, size, _weight(balloon.kind), lang)
    if length <= 0.55 * panel.w:  # short: one line
        return length + 1
    ideal = math.sqrt(ASPECT * length * fonts.line_pitch(lang, size))
    return min(max(ideal, DEFAULT_MEASURE * panel.w), 0.9 * panel.w)


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


#: Text measures to try, as factors of the preferred one (:func:`_measure`): the
#: preferred shape first, then wider and flatter, then narrower and taller ones.
MEASURES = (1.0, 1.3, 0.8, 1.6, 0.65, 2.0, 2.6)


def _texts(balloon: Balloon, lang: str, size: int, panel: Box) -> list[Text]:
    """The distinct wraps of the balloon's text worth trying, preferred first."""
    base = _measure(balloon, lang, size, panel)
    out: list[Text] = []
    seen: set[tuple[str, ...]] = set()
    for n, factor in enumerate(MEASURES):
        measure = min(base * factor, panel.w * 0.9)
        # one sentence a line is preferred, up to 1.6 times the preferred measure
        for by_sentence in (True, False) if n < 4 else (False,):
            text = make_text(balloon.text[lang], lang, balloon.kind, size, measure, by_sentence)
            if text is not None and text.lines not in seen:
                seen.add(text.lines)
                out.append(text)
    return out


def _block(text: Text, kind: BalloonKind, size: int) -> tuple[float, float]:
    """The block a shape must hold for that text (an sfx: its rotated outlined letters)."""
    if kind == BalloonKind.SFX:
        return _rotated_size(
            text.width + 2 * _sfx_stroke(size), text.height + 2 * _sfx_stroke(size)
        )
    return float(text.width), float(text.height)


#: Why a balloon could not be lettered at a size: too big for its share of the panel
#: (E034), or no position clear of the heads and the other balloons (E036).
TOO_BIG = "too-big"
BLOCKED = "blocked"


def fit(
    balloon: Balloon,
    lang: str,
    size: int,
    panel: Box,
    stroke: int,
    state: PanelState | None = None,
    head: int | None = None,
    rules: Rules | None = None,
) -> Lettered | str:
    """Letter ``balloon`` at exactly ``size`` in ``panel`` at the clear position nearest
    to its ``at``, trying each wrap of its text (:data:`MEASURES`); the nearest wins, the
    preferred wrap on a tie. Returns :data:`TOO_BIG` or :data:`BLOCKED` when it cannot."""
    state = state or PanelState(panel, [], [], direction_of(lang) == "rtl")
    rules = rules or Rules.for_page(1600, stroke)
    best: tuple[Shape, float, Text] | None = None
    too_big = True
    for text in _texts(balloon, lang, size, panel):
        w, h = _block(text, balloon.kind, size)
        ow, oh = outer_size(balloon.kind, w, h, size)
        if not fits_share(balloon.kind, ow, oh, panel, stroke):
            continue
        too_big = False
        found = search(
            state, balloon, head, w, h, size, stroke, rules, best[1] if best else math.inf
        )
        if found is not None:
            best = (found[0], found[1], text)
            if found[1] == 0:
                break
    if best is None:
        return TOO_BIG if too_big else BLOCKED
    return Lettered(balloon, best[2], best[0], best[0].box, head)


def _sfx_stroke(size: int) -> int:
    return max(2, round(size * 0.07))


def _rotated_size(w: float, h: float) -> tuple[float, float]:
    r = math.radians(SFX_ANGLE)
    return w * math.cos(r) + h * math.sin(r), w * math.sin(r) + h * math.cos(r)


class FitError(Exception):
    """Balloons that cannot be lettered at the readable size: too big for their panel
    (E034) or with no position clear of the heads (E036)."""

    def __init__(self, misfits: Sequence[tuple[Balloon, str]], lang: str) -> None:
        super().__init__(f"{len(misfits)} balloon(s) in '{lang}' cannot be lettered")
        self.misfits = tuple(sorted(misfits, key=lambda m: m[0].line))
        self.balloons = tuple(b for b, _ in self.misfits)
        self.lang = lang


@dataclass(frozen=True)
class PanelInput:
    """What the lettering needs of a panel: its page box, balloons and heads."""

    box: Box
    balloons: Sequence[Balloon]
    heads: Sequence[Head] = ()


@dataclass(frozen=True)
class PageLettering:
    """A page's balloons lettered at one ``size``, per panel in reading order;
    ``limited_by``: the balloons that did not fit at the next larger size (what made the
    page's lettering smaller), as (panel index, balloon index)."""

    size: int
    panels: list[list[Lettered]]
    limited_by: tuple[tuple[int, int], ...]


def readable_px(page_width: int) -> int:
    """The smallest lettering size on a page ``page_width`` px wide: text of
    :data:`READABLE_CSS_PX` CSS px when the page is shown :data:`PHONE_CSS_WIDTH` px wide."""
    return math.ceil(READABLE_CSS_PX * page_width / PHONE_CSS_WIDTH - 1e-9)


def _letter_at(
    panels: Sequence[PanelInput],
    lang: str,
    size: int,
    stroke: int,
    page_width: int,
    rtl: bool,
) -> tuple[list[list[Lettered]], list[tuple[Balloon, str, int, int]]]:
    """Every balloon at ``size`` (sfx at their own size), in order, each placed clear of
    the heads and of the balloons before it in its panel. Returns the lettered balloons
    and the misfits (balloon, why, panel index, balloon index)."""
    rules = Rules.for_page(page_width, stroke)
    floor = readable_px(page_width)
    out: list[list[Lettered]] = []
    misfits: list[tuple[Balloon, str, int, int]] = []
    for p, panel in enumerate(panels):
        state = PanelState.of(panel.box, panel.heads, rtl)
        row: list[Lettered] = []
        for n, b in enumerate(panel.balloons):
            head = speaker(b, panel.heads)
            placed_: Lettered | str = TOO_BIG
            if b.kind == BalloonKind.SFX:
                top = max(scaled(SFX_MAX_PX, page_width), floor)
                for s in [*range(top, floor, -STEP * 2), floor]:
                    placed_ = fit(b, lang, s, panel.box, stroke, state, head, rules)
                    if isinstance(placed_, Lettered):
                        break
            else:
                placed_ = fit(b, lang, size, panel.box, stroke, state, head, rules)
            if isinstance(placed_, Lettered):
                row.append(placed_)
                state.items.append(placed(placed_.shape, head))
            else:
                misfits.append((b, placed_, p, n))
        out.append(row)
    return out, misfits


def letter_page_balloons(
    panels: Sequence[PanelInput | tuple[Box, Sequence[Balloon]]],
    lang: str,
    page_width: int,
    reading: str | None = None,
) -> PageLettering:
    """Fit every balloon of a page at one common size, the largest from :data:`MAX_PX`
    down to the readable floor (:func:`readable_px`) at which all of them fit and find a
    clear place; raises :class:`FitError` with every misfit at the floor.

    ``reading`` is the comic's direction (balloons keep its reading order in every
    edition); by default the edition language's.
    """
    items = [p if isinstance(p, PanelInput) else PanelInput(*p) for p in panels]
    rtl = (reading or direction_of(lang)) == "rtl"
    hi, lo = max(scaled(MAX_PX, page_width), readable_px(page_width)), readable_px(page_width)
    stroke = max(2, round(page_width * 0.0025))
    size = hi
    limited: tuple[tuple[int, int], ...] = ()
    while True:
        lettered, misfits = _letter_at(items, lang, size, stroke, page_width, rtl)
        if not misfits:
            return PageLettering(size, lettered, limited)
        if size <= lo:
            raise FitError([(b, why) for b, why, _, _ in misfits], lang)
        limited = tuple((p, n) for _, _, p, n in misfits)
        size = max(lo, size - STEP)


def letter_panel_balloons(
    panels: Sequence[PanelInput | tuple[Box, Sequence[Balloon]]],
    lang: str,
    page_width: int,
    reading: str | None = None,
) -> list[list[Lettered]]:
    """:func:`letter_page_balloons`, the lettered balloons only: per panel, in the order
    given (their reading order)."""
    return letter_page_balloons(panels, lang, page_width, reading).panels


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
