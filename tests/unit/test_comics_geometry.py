"""Balloons clear of faces, tails that stop at the mouth, reading order: checked on the
published geometry of every page of the sample comic and of the fixture comics, and the
errors an artist gets when a balloon cannot be placed or read."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from tests.conftest import REPO, SITES
from tests.support.comicgeometry import problems, tip_gap

from policemag.comics import letter_comic
from policemag.comics.balloons import draw_shape, outline, shape_at, tail_polygon, with_tail
from policemag.comics.geometry import clear_of, convex, convex_rect
from policemag.comics.lettering import PHONE_CSS_WIDTH, READABLE_CSS_PX, readable_px
from policemag.comics.pages import LetteredComic
from policemag.comics.placement import GAP
from policemag.config import MagazineConfig
from policemag.content.comics import read_comic
from policemag.errors import ErrorLog
from policemag.model import BalloonKind

COMICS = sorted([REPO / "comics" / "phone-scam" / "comic.yml", *SITES.glob("*/comics/*/comic.yml")])


def _name(path: Path) -> str:
    return path.parent.relative_to(REPO).as_posix()


@pytest.fixture(scope="module", params=COMICS, ids=_name)
def lettered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = request.param
    root = REPO if path.is_relative_to(REPO / "comics") else path.parents[2]
    log = ErrorLog(root)
    comic = read_comic(path, root, log)
    assert comic is not None, [str(e) for e in log]
    cfg = MagazineConfig(root=root, cache_dir=tmp_path_factory.mktemp("cache"))
    result = letter_comic(comic, cfg, log)
    assert result is not None, [str(e) for e in log]
    return result, log


def test_every_page_follows_the_letterers_rules(lettered: Any) -> None:
    result, _ = lettered
    found = [
        p for pages in result.pages.values() for page in pages for p in problems(page.geometry)
    ]
    assert found == []


def test_tails_stop_a_small_gap_before_the_speakers_head(lettered: Any) -> None:
    result, _ = lettered
    for pages in result.pages.values():
        for page in pages:
            for gap in tip_gap(page.geometry):
                assert GAP * page.width - 1 <= gap <= GAP * page.width * 1.5 + 1


def test_the_sample_and_fixtures_letter_both_languages_alike_and_readably(lettered: Any) -> None:
    result, log = lettered
    assert [str(w) for w in log.warnings] == []  # no W038: no translation shrinks a page
    for pages in result.pages.values():
        for page in pages:
            css_px = page.geometry["font_size"] * PHONE_CSS_WIDTH / page.width
            assert css_px >= READABLE_CSS_PX


def test_sample_speakers_are_named_and_every_speech_has_its_speaker() -> None:
    log = ErrorLog(REPO)
    comic = read_comic(REPO / "comics" / "phone-scam" / "comic.yml", REPO, log)
    assert comic is not None
    for page in comic.pages:
        for panel in page.panels:
            assert panel.heads, f"{panel.art.name}: mark the heads"
            for b in panel.balloons:
                if b.kind in (BalloonKind.SPEECH, BalloonKind.THOUGHT, BalloonKind.SHOUT):
                    assert b.by in comic.characters and b.tail is None


@pytest.mark.parametrize(
    "kind", [BalloonKind.SPEECH, BalloonKind.THOUGHT, BalloonKind.SHOUT, BalloonKind.CAPTION]
)
def test_drawn_pixels_stay_inside_the_published_outline_and_tail(kind: BalloonKind) -> None:
    shape = shape_at(kind, 420, 150, 64, (500, 300), 4)
    shape = with_tail(shape, (820, 560))
    page = Image.new("RGB", (1000, 700), (90, 140, 200))
    blank = page.copy()
    draw_shape(page, shape)
    diff = ImageChops.difference(page, blank).convert("L").point(lambda v: 255 if v > 8 else 0)
    body = convex(outline(shape))
    tail_points = tail_polygon(shape)
    tail = convex(tail_points) if tail_points else None
    if kind != BalloonKind.CAPTION:
        assert tail is not None
    px = diff.load()
    outside = []
    for y in range(0, 700, 3):
        for x in range(0, 1000, 3):
            if px[x, y]:
                dot = convex_rect((x - 0.5, y - 0.5, x + 0.5, y + 0.5))
                if clear_of(dot, body, 0.0) and (tail is None or clear_of(dot, tail, 0.0)):
                    outside.append((x, y))
    assert outside == []


# --- what an artist gets wrong -------------------------------------------------------

HEAD = """\
title: {{ar: "اختبار", fr: "Essai"}}
summary: {{ar: "قصة", fr: "Histoire"}}
lang: ar
languages: [ar, fr]
characters:
  amina: {{ar: "أمينة", fr: "Amina"}}
pages:
  - panels:
      - art: art/a.png
        alt: {{ar: "امرأة", fr: "Une femme"}}
        heads:
          - {{who: amina, box: {box}, mouth: {mouth}}}
        balloons:
          - kind: speech
            by: {by}
            at: [0.5, 0.2]
            text: {{ar: "{ar}", fr: "{fr}"}}
"""


def _comic(root: Path, **fields: str) -> tuple[Path, ErrorLog, Any]:
    values = {
        "box": "[0.3, 0.5, 0.7, 0.9]",
        "mouth": "[0.5, 0.8]",
        "by": "amina",
        "ar": "مرحبا!",
        "fr": "Bonjour !",
        **fields,
    }
    folder = root / "comics" / "essai"
    (folder / "art").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (800, 600), (60, 90, 200)).save(folder / "art" / "a.png")
    path = folder / "comic.yml"
    path.write_text(HEAD.format(**values), encoding="utf-8")
    log = ErrorLog(root)
    return path, log, read_comic(path, root, log)


def _line(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def _config(root: Path) -> MagazineConfig:
    return MagazineConfig(root=root, cache_dir=root / ".cache", comic_page_size=(800, 1200))


def test_a_clear_comic_letters_with_its_tail_on_the_mouth(tmp_path: Path) -> None:
    _, log, comic = _comic(tmp_path)
    assert comic is not None, [str(e) for e in log]
    lettered = letter_comic(comic, _config(tmp_path), log)
    assert isinstance(lettered, LetteredComic), [str(e) for e in log]
    page = lettered.pages["fr"][0].geometry
    assert problems(page) == []
    [balloon] = page["panels"][0]["balloons"]
    assert balloon["by"] == "amina" and balloon["speaker"] == "Amina" and balloon["head"] == 0
    assert page["panels"][0]["heads"][0]["name"] == "Amina"


@pytest.mark.parametrize(
    ("fields", "needle", "message"),
    [
        ({"mouth": "[0.9, 0.2]"}, "- {who: amina", "mouth [0.9, 0.2] is outside its head box"),
        (
            {"box": "[0.7, 0.5, 0.3, 0.9]"},
            "- {who: amina",
            "is empty: write [left, top, right, bottom]",
        ),
        ({"by": "omar"}, "by: omar", "unknown character 'omar' (known: amina)"),
    ],
)
def test_head_and_speaker_mistakes_are_e037_at_their_line(
    tmp_path: Path, fields: dict[str, str], needle: str, message: str
) -> None:
    path, log, comic = _comic(tmp_path, **fields)
    assert comic is None
    [error] = log.errors
    assert (error.code, error.line) == ("E037", _line(path, needle))
    assert message in error.message


def test_a_tail_beside_a_marked_speaker_is_e037(tmp_path: Path) -> None:
    folder = tmp_path / "comics" / "essai"
    path, _, _ = _comic(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "by: amina\n", "by: amina\n            tail: [0.5, 0.8]\n"
    )
    path.write_text(text, encoding="utf-8")
    log = ErrorLog(tmp_path)
    assert read_comic(folder / "comic.yml", tmp_path, log) is None
    [error] = log.errors
    assert (error.code, error.line) == ("E037", _line(path, "tail: [0.5, 0.8]"))


def test_a_head_box_outside_the_panel_is_e032(tmp_path: Path) -> None:
    path, log, comic = _comic(tmp_path, box="[0.3, 0.5, 1.2, 0.9]")
    assert comic is None
    assert [(e.code, e.line) for e in log.errors] == [("E032", _line(path, "- {who: amina"))]


def test_a_balloon_with_no_place_clear_of_the_heads_is_e036_at_its_line(tmp_path: Path) -> None:
    # the head fills the panel but for a strip too thin for any balloon
    path, log, comic = _comic(tmp_path, box="[0.0, 0.08, 1.0, 1.0]", mouth="[0.5, 0.5]")
    assert comic is not None
    assert letter_comic(comic, _config(tmp_path), log) is None
    assert {(e.code, e.line) for e in log.errors} == {("E036", _line(path, "- kind: speech"))}
    [first, _] = log.errors
    assert str(first).startswith(f"comics/essai/comic.yml:{_line(path, '- kind: speech')}: E036")
    assert "clear of the heads" in first.message


def test_text_under_the_readable_floor_is_e034_with_the_floor(tmp_path: Path) -> None:
    long = " ".join(["mot"] * 90)
    path, log, comic = _comic(tmp_path, fr=long)
    assert comic is not None
    assert letter_comic(comic, _config(tmp_path), log) is None
    [error] = log.errors
    floor = readable_px(800)
    assert (error.code, error.line) == ("E034", _line(path, "- kind: speech"))
    assert (
        f"({floor} px, {READABLE_CSS_PX} CSS px on a {PHONE_CSS_WIDTH} px wide phone)"
        in error.message
    )
    assert "(fr)" in error.message


def test_a_translation_that_shrinks_the_page_is_a_warning_naming_the_balloon(
    tmp_path: Path,
) -> None:
    longer = (
        "Bonjour, ma chère voisine ! Avez-vous bien reçu le colis que je vous ai envoyé"
        " hier soir ? Il y avait des gâteaux."
    )
    path, log, comic = _comic(
        tmp_path, fr=longer, box="[0.3, 0.62, 0.7, 0.95]", mouth="[0.5, 0.85]"
    )
    assert comic is not None
    wide = MagazineConfig(root=tmp_path, cache_dir=tmp_path / ".cache", comic_page_size=(800, 600))
    lettered = letter_comic(comic, wide, log)
    assert lettered is not None, [str(e) for e in log]
    sizes = {lang: pages[0].geometry["font_size"] for lang, pages in lettered.pages.items()}
    assert sizes["fr"] < sizes["ar"]
    [warning] = log.warnings
    assert (warning.code, warning.line) == ("W038", _line(path, "- kind: speech"))
    assert f"lettered at {sizes['fr']} px in 'fr' but {sizes['ar']} px in 'ar'" in warning.message
    assert "«Bonjour, ma chère voisine" in warning.message


def test_a_tail_pointing_into_a_head_finds_its_speaker(tmp_path: Path) -> None:
    path, _, _ = _comic(tmp_path)
    text = path.read_text(encoding="utf-8").replace("by: amina\n", "tail: [0.45, 0.7]\n")
    path.write_text(text, encoding="utf-8")
    log = ErrorLog(tmp_path)
    comic = read_comic(path, tmp_path, log)
    assert comic is not None, [str(e) for e in log]
    lettered = letter_comic(comic, _config(tmp_path), log)
    assert lettered is not None
    page = lettered.pages["ar"][0].geometry
    [balloon] = page["panels"][0]["balloons"]
    assert balloon["head"] == 0 and balloon["by"] == "amina"
    assert problems(page) == []


def test_the_rules_are_checked_for_real() -> None:
    """The checker itself: a balloon on a face, a tail into it, the wrong order."""
    head = {"who": "a", "name": "A", "box": [100, 100, 100, 100], "mouth": [150, 180]}
    square = [[90, 90], [210, 90], [210, 150], [90, 150]]
    bad = {
        "number": 1,
        "lang": "fr",
        "reading": "rtl",
        "width": 1600,
        "panels": [
            {
                "number": 1,
                "box": [0, 0, 800, 800],
                "heads": [head],
                "balloons": [
                    {
                        "kind": "speech",
                        "text": "b",
                        "by": "a",
                        "head": 0,
                        "box": [90, 90, 120, 60],
                        "outline": square,
                        "tail": [[150, 120], [150, 160], [160, 120]],
                        "tip": [150, 160],
                    },
                    {
                        "kind": "speech",
                        "text": "a",
                        "by": None,
                        "head": None,
                        "box": [300, 10, 120, 60],
                        "outline": [[300, 10], [420, 10], [420, 70], [300, 70]],
                        "tail": None,
                        "tip": None,
                    },
                ],
            }
        ],
    }
    found = "\n".join(problems(bad))
    assert "meets head 1" in found
    assert "ends inside its speaker's head" in found
    assert "is placed before" in found


def test_docs_show_how_to_mark_heads() -> None:
    doc = (REPO / "docs" / "comics.md").read_text(encoding="utf-8")
    assert "heads:" in doc and "mouth:" in doc and "by:" in doc
    picture = REPO / "docs" / "images" / "comic-heads.png"
    assert f"]({picture.relative_to(REPO / 'docs').as_posix()})" in doc
    with Image.open(picture) as im:
        assert im.format == "PNG" and im.width >= 800


def test_yaml_example_in_the_docs_is_valid(tmp_path: Path) -> None:
    """The heads example of docs/comics.md reads without error (with art of its own)."""
    doc = (REPO / "docs" / "comics.md").read_text(encoding="utf-8")
    block = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    folder = tmp_path / "comics" / "doc"
    (folder / "art").mkdir(parents=True)
    for name in ("p1-1.png",):
        Image.new("RGB", (1472, 1120), "white").save(folder / "art" / name)
    (folder / "comic.yml").write_text(textwrap.dedent(block), encoding="utf-8")
    log = ErrorLog(tmp_path)
    assert read_comic(folder / "comic.yml", tmp_path, log) is not None, [str(e) for e in log]
