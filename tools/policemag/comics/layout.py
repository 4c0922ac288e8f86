"""Page layout: where each panel goes on a fixed-size page, in reading order.

Contract:

* a page is ``config.comic_page_size`` pixels (default 1600x2400), white, with an outer
  margin and gutters between panels that scale with the page width;
* ``layout`` gives panels per row, top to bottom; without it :func:`default_rows` picks a
  grid of at most two panels a row;
* within a row panels share the width equally; rows share the height in proportion to
  the natural height of their art (so art is cropped as little as possible);
* reading order follows the comic's language: an RTL comic starts top-right and reads
  each row right to left. Every lettered edition keeps the original's layout and order
  (the panels were drawn for it): see docs/comics.md;
* art is scaled to cover its box and cropped around its centre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageOps

from policemag.model.lang import Direction

#: Margins and gutters as fractions of the page width.
MARGIN = 0.04
GUTTER = 0.02
BORDER = 0.0025


@dataclass(frozen=True)
class Box:
    """A rectangle in page pixels: ``x, y`` top-left, ``w, h`` size."""

    x: int
    y: int
    w: int
    h: int

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]

    def at(self, rx: float, ry: float) -> tuple[float, float]:
        """Page pixel of a point given relative to this box (0..1)."""
        return self.x + rx * self.w, self.y + ry * self.h

    def contains(self, other: Box) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.x + other.w <= self.x + self.w
            and other.y + other.h <= self.y + self.h
        )


def default_rows(n: int) -> tuple[int, ...]:
    """A sensible grid for ``n`` panels: rows of two, a full-width row where it is odd.

    >>> default_rows(1), default_rows(3), default_rows(5), default_rows(6)
    ((1,), (1, 2), (2, 1, 2), (2, 2, 2))
    """
    grids = {1: (1,), 2: (1, 1), 3: (1, 2), 4: (2, 2), 5: (2, 1, 2), 6: (2, 2, 2)}
    if n in grids:
        return grids[n]
    return (2,) * (n // 2) + ((1,) if n % 2 else ())


def layout_boxes(
    art_sizes: Sequence[tuple[int, int]],
    rows: Sequence[int] | None,
    page_size: tuple[int, int],
    direction: Direction,
) -> list[Box]:
    """Panel boxes in reading order (the order of ``art_sizes``).

    ``rows`` must sum to ``len(art_sizes)`` (comic.yml is validated for that, E035).
    """
    rows = tuple(rows) if rows else default_rows(len(art_sizes))
    assert sum(rows) == len(art_sizes), "layout must match panels (validated as E035)"
    width, height = page_size
    margin = round(width * MARGIN)
    gutter = round(width * GUTTER)
    inner_w = width - 2 * margin
    inner_h = height - 2 * margin - gutter * (len(rows) - 1)

    # natural height of each row: its panels' widths times their art's aspect ratio
    natural: list[float] = []
    start = 0
    for count in rows:
        w = (inner_w - gutter * (count - 1)) / count
        sizes = art_sizes[start : start + count]
        natural.append(sum(w * ah / aw for aw, ah in sizes) / count)
        start += count
    scale = inner_h / sum(natural)

    boxes: list[Box] = []
    y = float(margin)
    for count, nat in zip(rows, natural, strict=True):
        row_h = nat * scale
        y0, y1 = round(y), round(y + row_h)
        for i in range(count):
            x0 = margin + i * (inner_w + gutter) / count
            x1 = margin + (i + 1) * (inner_w + gutter) / count - gutter
            if direction == "rtl":  # first panel of the row on the right
                x0, x1 = width - x1, width - x0
            boxes.append(Box(round(x0), y0, round(x1) - round(x0), y1 - y0))
        y += row_h + gutter
    return boxes


def compose(
    arts: Sequence[Image.Image], boxes: Sequence[Box], page_size: tuple[int, int]
) -> Image.Image:
    """The page with every art scaled to cover its box (centre crop) and a thin frame."""
    page = Image.new("RGB", page_size, "white")
    border = max(2, round(page_size[0] * BORDER))
    draw = ImageDraw.Draw(page)
    for art, box in zip(arts, boxes, strict=True):
        fitted = ImageOps.fit(art.convert("RGB"), (box.w, box.h), Image.Resampling.BILINEAR)
        page.paste(fitted, (box.x, box.y))
        draw.rectangle(
            (box.x, box.y, box.x + box.w - 1, box.y + box.h - 1), outline="black", width=border
        )
    return page
