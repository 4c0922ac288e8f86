"""Page layout: reading order, rows, boxes inside the page."""

from __future__ import annotations

import pytest

from policemag.comics.layout import Box, default_rows, layout_boxes

PAGE = (1600, 2400)


def test_rtl_page_starts_top_right_and_reads_rows_right_to_left() -> None:
    boxes = layout_boxes([(800, 600)] * 5, (2, 1, 2), PAGE, "rtl")
    p1, p2, p3, p4, p5 = boxes
    assert p1.y == p2.y and p1.x > p2.x  # panel 1 on the right of panel 2
    assert p3.y > p1.y and p3.w > p1.w  # the full-width middle row
    assert p4.y == p5.y > p3.y and p4.x > p5.x


def test_ltr_page_reads_left_to_right() -> None:
    p1, p2 = layout_boxes([(800, 600)] * 2, (2,), PAGE, "ltr")
    assert p1.x < p2.x and p1.y == p2.y


def test_rtl_is_the_mirror_of_ltr() -> None:
    rtl = layout_boxes([(800, 600)] * 4, None, PAGE, "rtl")
    ltr = layout_boxes([(800, 600)] * 4, None, PAGE, "ltr")
    for r, f in zip(rtl, ltr, strict=True):
        assert (r.y, r.w, r.h) == (f.y, f.w, f.h)
        assert r.x == PAGE[0] - (f.x + f.w)


@pytest.mark.parametrize("n", range(1, 9))
def test_default_grid_fills_the_page_inside_its_margins_without_overlap(n: int) -> None:
    rows = default_rows(n)
    assert sum(rows) == n and max(rows) <= 2
    boxes = layout_boxes([(800, 600)] * n, None, PAGE, "rtl")
    inner = Box(64, 64, PAGE[0] - 128, PAGE[1] - 128)
    assert all(inner.contains(b) for b in boxes)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
    # the last row reaches the bottom margin: the page is filled
    assert max(b.y + b.h for b in boxes) == PAGE[1] - 64


def test_rows_take_height_from_their_art() -> None:
    # a wide row of landscape art and a row of two portrait panels: the portrait row is
    # taller than the landscape art would make it if rows were split evenly
    wide, left, _ = layout_boxes([(960, 720), (640, 960), (640, 960)], (1, 2), PAGE, "rtl")
    assert abs(wide.w / wide.h - 960 / 720) < 0.1
    assert abs(left.w / left.h - 640 / 960) < 0.1
