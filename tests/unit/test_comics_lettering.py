"""Lettering: text stays inside its balloon, wrapping rules, balloons do not hide text."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops

from policemag.comics.layout import Box
from policemag.comics.lettering import (
    MAX_PX,
    draw_balloons,
    letter_panel_balloons,
    make_text,
    readable_px,
    text_rect,
)
from policemag.comics.pages import _number_panels
from policemag.model import Balloon, BalloonKind

PANEL = Box(40, 40, 1472, 1100)
TEXTS = {
    "ar": "سنرسل لك رمزاً من 6 أرقام عبر SMS. اقرأه لي بسرعة يا حاجّ!",
    "fr": "Vous allez recevoir un code à 6 chiffres par SMS. Lisez-le-moi vite !",
}


def _page(items: list, text: bool) -> Image.Image:
    page = Image.new("RGB", (1560, 1180), (90, 140, 200))
    draw_balloons(page, items, text=text)
    return page


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("kind", list(BalloonKind))
def test_text_pixels_stay_inside_the_balloon(kind: BalloonKind, lang: str) -> None:
    balloon = Balloon(kind, (0.5, 0.4), dict(TEXTS), tail=(0.2, 0.9), line=7)
    [[item]] = letter_panel_balloons([(PANEL, [balloon])], lang, 1600)
    shapes = _page([item], text=False)
    full = _page([item], text=True)
    ink = ImageChops.difference(shapes, full).getbbox()
    assert ink is not None, "no text was drawn"
    box = item.box
    assert (
        box.x <= ink[0] and box.y <= ink[1] and ink[2] <= box.x + box.w and ink[3] <= box.y + box.h
    )
    assert PANEL.contains(box)


def test_arabic_is_shaped_right_to_left() -> None:
    # joined Arabic is narrower than its isolated letters, and raqm draws RTL: the first
    # word of a line ends up on the right
    text = make_text("بنك", "ar", BalloonKind.SPEECH, 44, 1000)
    spaced = make_text("ب ن ك", "ar", BalloonKind.SPEECH, 44, 1000)
    assert text is not None and spaced is not None
    assert text.width < spaced.width * 0.8


def test_french_punctuation_never_starts_a_line() -> None:
    for measure in range(120, 700, 20):
        t = make_text(
            "Non, grand-père ! Ne lui donne pas le code !", "fr", BalloonKind.SPEECH, 44, measure
        )
        if t is not None:
            assert not any(line.startswith(("!", "?", ":", ";")) for line in t.lines)


def test_a_word_wider_than_the_measure_does_not_wrap() -> None:
    assert make_text("Anticonstitutionnellement", "fr", BalloonKind.SPEECH, 44, 100) is None


def test_one_size_for_every_balloon_of_a_page() -> None:
    short = Balloon(BalloonKind.SPEECH, (0.5, 0.2), {"fr": "Oui."}, line=1)
    long = Balloon(BalloonKind.SPEECH, (0.5, 0.7), {"fr": " ".join(["mot"] * 24)}, line=2)
    [[a, b]] = letter_panel_balloons([(PANEL, [short, long])], "fr", 1600)
    assert readable_px(1600) <= a.text.size == b.text.size < MAX_PX


def test_a_later_balloon_does_not_cover_an_earlier_ones_text() -> None:
    first = Balloon(BalloonKind.SPEECH, (0.5, 0.3), {"ar": TEXTS["ar"]}, line=1)
    second = Balloon(BalloonKind.THOUGHT, (0.5, 0.3), {"ar": "رمز؟ ربما يريدون مساعدتي..."}, line=2)
    [[a, b]] = letter_panel_balloons([(PANEL, [first, second])], "ar", 1600)
    r = text_rect(a.shape, a.text, a.balloon.kind)
    s = b.box
    assert r.x + r.w <= s.x or s.x + s.w <= r.x or r.y + r.h <= s.y or s.y + s.h <= r.y


def test_panel_numbers_sit_on_the_reading_start_corner() -> None:
    page = Image.new("RGB", (1560, 1180), "white")
    _number_panels(page, [PANEL], "rtl")

    def dark(x: int, y: int) -> int:
        crop = page.convert("L").crop((x - 8, y - 8, x + 8, y + 8))
        return sum(crop.histogram()[:60])

    assert dark(PANEL.x + PANEL.w, PANEL.y) > 100  # a black disc on the top-right corner
    assert dark(PANEL.x, PANEL.y) == 0
