"""Drawing the designed cover (:mod:`policemag.images.cover` decides its words).

The editor gives a photo (``cover:`` in issue.yml); the build letters over it, with
Pillow + raqm (HarfBuzz and FriBiDi: Arabic joins and keeps its diacritics, French and
digits keep their order), right to left for an Arabic issue:

- a band across the top: the masthead (the magazine's name, Noto Kufi Arabic), and at
  its other end the issue number ("العدد 112") and the date as the web prints them;
- a red rule under it;
- at the foot, over a gradient that keeps white type readable on any photo: the theme
  as a kicker, the headline (the issue's title without its number: policemag.titles),
  and the cover lines, the first contents of the issue in reading order (a comic with
  its label). French titles are set left to right in Noto Sans, on the same right-hand
  edge.

Text never leaves the canvas: the headline shrinks (down to :data:`HEADLINE_MIN`) and
wraps to at most four lines; a cover line longer than two lines ends with "…".
Same inputs (and library versions), same pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from policemag.comics import fonts
from policemag.i18n import t
from policemag.images.render import fit_photo
from policemag.model.lang import direction_of

#: Width x height of the designed cover (3:4, the sample photos' shape; phones' shelves
#: show covers at 2:3 to 3:4 and crop nothing that matters: the text keeps a margin).
SIZE = (1200, 1600)
HEADLINE_MAX, HEADLINE_MIN = 92, 56
NAVY = (11, 37, 69)
RED = (200, 16, 46)
WHITE = (255, 255, 255)
PALE = (226, 232, 240)


@dataclass(frozen=True)
class CoverLine:
    """One cover line: ``text`` in ``lang``; ``label`` (e.g. "قصة مصورة") before it."""

    text: str
    lang: str
    label: str = ""


@dataclass(frozen=True)
class CoverText:
    """Every word on the cover, decided from the issue (all of it goes into the key)."""

    lang: str
    masthead: str
    number: str
    date: str
    kicker: str
    headline: str
    lines: tuple[CoverLine, ...]


def draw_cover(photo: bytes, text: CoverText, size: tuple[int, int] = SIZE) -> Image.Image:
    """The cover as an RGB picture of ``size``."""
    width, height = size
    canvas = fit_photo(photo, size, centering=(0.5, 0.45))
    unit = width / 1200
    margin = round(64 * unit)
    rtl = direction_of(text.lang) == "rtl"
    # head: a navy band, a red rule; foot: a gradient from clear to dark navy, under the
    # headline and cover lines. Each is pasted through a mask onto the photo's own rows:
    # one pass over them in RGB (compositing RGBA layers and converting back: 3x).
    band = round(212 * unit)
    rule = band + round(10 * unit)
    # (an RGB picture through a mask: Pillow blends it twice as fast as a colour)
    canvas.paste(Image.new("RGB", (width, band), NAVY), (0, 0), Image.new("L", (width, band), 238))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, band, width, rule), fill=RED)

    foot = _foot_layout(text, width - 2 * margin, unit)
    top_of_text = height - margin - foot.height
    fade_from = max(round(height * 0.35), top_of_text - round(260 * unit), rule + 1)
    # every column of the ramp is the same: made one pixel wide, then repeated
    ramp = Image.linear_gradient("L").resize((1, height - fade_from))
    ramp = ramp.point(lambda v: min(235, round(v * 1.25)))
    mask = ramp.resize((width, height - fade_from), Image.Resampling.NEAREST)
    canvas.paste(Image.new("RGB", mask.size, _darker(NAVY)), (0, fade_from), mask)

    start = width - margin if rtl else margin  # where lines begin
    end = margin if rtl else width - margin  # where the issue number sits
    info_font = fonts.font(fonts.face_for(text.lang), round(46 * unit), fonts.BOLD)
    date_font = fonts.font(fonts.face_for(text.lang), round(34 * unit), fonts.REGULAR)
    info_w = max(
        _length(info_font, text.number, text.lang), _length(date_font, text.date, text.lang)
    )
    mast_room = width - 2 * margin - info_w - round(40 * unit)
    mast_size = round(132 * unit)
    mast_face = "kufi" if rtl else "latin"
    while (
        mast_size > 40
        and _length(fonts.font(mast_face, mast_size, fonts.BOLD), text.masthead, text.lang)
        > mast_room
    ):
        mast_size -= 4
    mast_font = fonts.font(mast_face, mast_size, fonts.BOLD)
    _text(draw, (start, round(band * 0.72)), text.masthead, mast_font, text.lang, WHITE, rtl)
    # the number and the date: a block of their own at the line's end, aligned as the
    # language aligns (flush right in Arabic)
    info = end + round(info_w) if rtl else end - round(info_w)
    _text(draw, (info, round(band * 0.45)), text.number, info_font, text.lang, WHITE, rtl)
    _text(draw, (info, round(band * 0.80)), text.date, date_font, text.lang, PALE, rtl)

    y = top_of_text
    for block in foot.blocks:
        if block.kind == "kicker":
            pad = round(14 * unit)
            w = max(_length(block.font, line, block.lang) for line in block.lines)
            x0, x1 = (start - w - 2 * pad, start) if rtl else (start, start + w + 2 * pad)
            draw.rectangle((x0, y, x1, y + block.height), fill=RED)
            inner = start - pad if rtl else start + pad
            for n, line in enumerate(block.lines):
                _text(
                    draw,
                    (inner, y + block.ascent + n * block.pitch + pad // 2),
                    line,
                    block.font,
                    block.lang,
                    WHITE,
                    rtl,
                )
        elif block.kind == "rule":
            draw.rectangle(
                (margin, y + block.height // 2 - 1, width - margin, y + block.height // 2 + 1),
                fill=(*PALE, 255),
            )
        else:
            for n, line in enumerate(block.lines):
                _text(
                    draw,
                    (start, y + block.ascent + n * block.pitch),
                    line,
                    block.font,
                    block.lang,
                    block.colour,
                    rtl,
                    marker=block.marker and n == 0,
                    unit=unit,
                )
        y += block.height + block.gap
    return canvas


@dataclass(frozen=True)
class _Block:
    kind: str  # kicker | headline | line | rule
    lines: tuple[str, ...]
    lang: str
    font: ImageFont.FreeTypeFont
    pitch: int
    ascent: int
    height: int
    gap: int
    colour: tuple[int, int, int] = WHITE
    marker: bool = False


@dataclass(frozen=True)
class _Foot:
    blocks: tuple[_Block, ...]

    @property
    def height(self) -> int:
        return sum(b.height + b.gap for b in self.blocks) - (
            self.blocks[-1].gap if self.blocks else 0
        )


def _foot_layout(text: CoverText, measure: int, unit: float) -> _Foot:
    """The foot's blocks, top to bottom, with their wrapped lines and heights."""
    blocks: list[_Block] = []
    if text.kicker:
        f = fonts.font(fonts.face_for(text.lang), round(36 * unit), fonts.BOLD)
        lines = _wrap(text.kicker, f, text.lang, measure - round(28 * unit), 2)
        blocks.append(
            _block("kicker", lines, text.lang, f, 1.5, round(22 * unit), pad=round(14 * unit))
        )
    if text.headline:
        size = HEADLINE_MAX
        while True:
            f = fonts.font(fonts.face_for(text.lang), round(size * unit), fonts.BOLD)
            lines = _wrap(text.headline, f, text.lang, measure, 3 if size > HEADLINE_MIN else 4)
            if not lines[-1].endswith("…") or size <= HEADLINE_MIN:
                break
            size -= 4
        blocks.append(_block("headline", lines, text.lang, f, 1.45, round(26 * unit)))
    if text.lines:
        blocks.append(
            _block(
                "rule",
                (),
                text.lang,
                fonts.font("arabic", 10),
                1,
                round(18 * unit),
                fixed=round(4 * unit),
            )
        )
    for line in text.lines:
        f = fonts.font(fonts.face_for(line.lang), round(36 * unit), 600)
        body = f"{line.label}{t(line.lang, 'colon')}{line.text}" if line.label else line.text
        wrapped = _wrap(body, f, line.lang, measure - round(36 * unit), 2)
        blocks.append(
            _block("line", wrapped, line.lang, f, 1.5, round(14 * unit), colour=PALE, marker=True)
        )
    return _Foot(tuple(blocks))


def _block(
    kind: str,
    lines: Sequence[str],
    lang: str,
    f: ImageFont.FreeTypeFont,
    leading: float,
    gap: int,
    *,
    pad: int = 0,
    fixed: int | None = None,
    colour: tuple[int, int, int] = WHITE,
    marker: bool = False,
) -> _Block:
    size = int(f.size)
    rtl = direction_of(lang) == "rtl"
    pitch = round(size * (leading if rtl else leading - 0.25))
    ascent = round(size * (1.0 if rtl else 0.95))
    height = (
        fixed
        if fixed is not None
        else ascent + (len(lines) - 1) * pitch + round(size * (0.45 if rtl else 0.3)) + pad
    )
    return _Block(kind, tuple(lines), lang, f, pitch, ascent, height, gap, colour, marker)


def _length(f: ImageFont.FreeTypeFont, text: str, lang: str) -> float:
    return float(f.getlength(text, direction=direction_of(lang), language=lang))


def _wrap(
    text: str, f: ImageFont.FreeTypeFont, lang: str, measure: float, max_lines: int
) -> tuple[str, ...]:
    """Greedy word wrap to ``measure``; past ``max_lines`` the last line ends with "…"."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if current and _length(f, trial, lang) > measure:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    if len(lines) <= max_lines and all(_length(f, line, lang) <= measure for line in lines):
        return tuple(lines)
    kept = lines[:max_lines]
    last = kept[-1]
    rest = " ".join(lines[max_lines - 1 :])
    last = rest
    while last and _length(f, last + "…", lang) > measure:
        cut = last.rsplit(" ", 1)
        last = cut[0] if len(cut) == 2 else last[:-1]
    kept[-1] = last.rstrip(" ،,:;-") + "…"
    return tuple(kept)


def _text(
    draw: ImageDraw.ImageDraw,
    at: tuple[int, int],
    text: str,
    f: ImageFont.FreeTypeFont,
    lang: str,
    colour: tuple[int, int, int],
    from_right: bool,
    *,
    marker: bool = False,
    unit: float = 1.0,
) -> None:
    """Draw ``text`` with its baseline at ``at``, starting there: towards the left when
    ``from_right`` (the right edge is ``at``), else towards the right. A ``marker`` puts a
    red square where the line starts and moves the text past it."""
    x, y = at
    if marker:
        side = round(16 * unit)
        gap = round(20 * unit)
        top = y - round(f.size * 0.55)
        box = (x - side, top, x, top + side) if from_right else (x, top, x + side, top + side)
        draw.rectangle(box, fill=RED)
        x = x - side - gap if from_right else x + side + gap
    draw.text(
        (x, y),
        text,
        font=f,
        fill=colour,
        anchor="rs" if from_right else "ls",
        direction=direction_of(lang),
        language=lang,
    )


def _darker(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    r, g, b = colour
    return (r // 2, g // 2, b // 2)
