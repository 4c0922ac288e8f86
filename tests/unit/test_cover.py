"""The designed cover (policemag.images.cover): what it says, that it says only what is
published, that the same issue gives the same bytes, the cache, the alt text."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from tests.conftest import EPUB_NOW, SITES

from policemag.cache import REBUILT, REUSED
from policemag.comics import fonts
from policemag.config import MagazineConfig
from policemag.content.magazine import read_magazine
from policemag.images import cover_art
from policemag.images.cache import ImageCache
from policemag.images.cover import (
    SIZE,
    CoverLine,
    CoverText,
    cover_alt,
    cover_text,
    designed_cover,
    designed_covers,
    image_sets,
    render_cover,
    with_designed_cover,
)
from policemag.images.derivatives import build_image_sets
from policemag.images.settings import COVER_SETTINGS, set_key
from policemag.model import Issue
from policemag.preview import visible_magazine


@pytest.fixture(scope="module")
def issue_and_config(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Issue, Issue, MagazineConfig]:
    magazine, log = read_magazine(SITES / "epub-basic")
    assert not log.errors
    config = MagazineConfig(
        root=SITES / "epub-basic", now=EPUB_NOW, cache_dir=tmp_path_factory.mktemp("cover-cache")
    )
    source = magazine.issues[0]
    return source, source.published(EPUB_NOW), config


def test_the_cover_says_number_date_headline_theme_and_cover_lines(issue_and_config: tuple) -> None:
    _, issue, config = issue_and_config
    text = cover_text(issue, config)
    assert (text.masthead, text.number, text.date) == ("مجلة الشرطة", "العدد 7", "15 يناير 2026")
    assert text.headline == "السلامة على الطرق" and text.kicker == "الوقاية من حوادث السير"
    # the first contents in reading order: two Arabic titles, then the French one
    assert [(line.text, line.lang) for line in text.lines] == [
        ("يوم مع دورية الشرطة", "ar"),
        ("احذروا الاحتيال الهاتفي", "ar"),
        ("Voyager en sécurité : la gare routière", "fr"),
    ]


def test_only_published_titles_reach_the_cover(issue_and_config: tuple) -> None:
    source, issue, config = issue_and_config
    draft = next(a for a in source.articles if a.draft)
    assert draft.title in [line.text for line in cover_text(source, config).lines]  # as read
    assert draft.title not in repr(cover_text(issue, config))  # as published
    assert draft.title not in cover_alt(issue, config)


def test_a_numbered_title_gives_the_number_once(issue_and_config: tuple) -> None:
    _, issue, config = issue_and_config
    text = cover_text(replace(issue, title="العدد 7: السلامة على الطرق"), config)
    assert text.headline == "السلامة على الطرق" and text.number == "العدد 7"


def test_same_issue_same_bytes_and_a_magazine_cover_size(issue_and_config: tuple) -> None:
    _, issue, config = issue_and_config
    photo = issue.cover.path.read_bytes()
    text = cover_text(issue, config)
    first, second = render_cover(photo, text), render_cover(photo, text)
    assert first == second
    with Image.open(io.BytesIO(first)) as im:
        assert (im.format, im.size, im.mode) == ("PNG", SIZE, "RGB")
        # the band across the top is navy, the foot darkened: type reads on any photo
        assert im.getpixel((5, 5)) == pytest.approx(cover_art.NAVY, abs=12)
    other = render_cover(photo, replace(text, headline="عنوان آخر"))
    assert other != first


def test_long_text_wraps_and_never_leaves_the_canvas() -> None:
    measure = SIZE[0] - 2 * 64
    f = fonts.font("arabic", 92, fonts.BOLD)
    lines = cover_art._wrap(" ".join(["كلمة طويلة نسبيا"] * 30), f, "ar", measure, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(cover_art._length(f, line, "ar") <= measure for line in lines)
    photo = (SITES / "epub-basic" / "issues" / "2026-01-n7" / "images" / "cover.jpg").read_bytes()
    text = CoverText(
        "ar", "مجلة الشرطة", "العدد 7", "15 يناير 2026", "ملف " * 40, "عنوان " * 60,
        tuple(CoverLine("Un titre français assez long " * 6, "fr") for _ in range(3)),
    )  # fmt: skip
    layout = cover_art._foot_layout(text, measure, 1.0)
    band = 222
    assert layout.height < SIZE[1] - band - 2 * 64  # the foot fits under the band
    render_cover(photo, text)  # and it draws


def test_designed_cover_is_cached_by_content(issue_and_config: tuple, tmp_path: Path) -> None:
    _, issue, config = issue_and_config
    config = replace(config, cache_dir=tmp_path / "cache")
    before = REBUILT["covers"]
    first = designed_cover(issue, config)
    assert REBUILT["covers"] == before + 1
    hits = REUSED["covers"]
    assert designed_cover(issue, config) == first and REUSED["covers"] == hits + 1
    assert REBUILT["covers"] == before + 1
    assert (
        first.name == f"{issue.id}-cover.png" and (tmp_path / "cache" / "covers") in first.parents
    )
    # a damaged entry is not reused
    first.write_bytes(b"not a png")
    again = designed_cover(issue, config)
    assert again.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and REBUILT["covers"] == before + 2


def test_with_designed_cover_replaces_cover_and_alt_once(issue_and_config: tuple) -> None:
    _, issue, config = issue_and_config
    designed = with_designed_cover(issue, config)
    assert designed.cover.path != issue.cover.path and designed.cover.src == issue.cover.src
    assert with_designed_cover(designed, config) is designed  # idempotent
    alt = designed.cover.alt
    assert alt.startswith("غلاف مجلة الشرطة، العدد 7، 15 يناير 2026.")
    assert "في هذا العدد: يوم مع دورية الشرطة؛ احذروا الاحتيال الهاتفي؛ Voyager" in alt
    assert alt.endswith("الصورة: " + issue.cover.alt)


def _published(site: str) -> tuple:
    magazine, log = read_magazine(SITES / site)
    assert not log.errors
    config = MagazineConfig(root=SITES / site, now=EPUB_NOW)
    return visible_magazine(magazine, config), config


def test_covers_made_in_a_pool_are_the_bytes_of_one_process_with_their_renditions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """designed_covers draws the missing covers on workers, each deriving its cover's
    renditions from the picture in memory: the same files as one process and as the
    images stage deriving them from the PNG, and the images stage then derives nothing."""
    from policemag.images import derivatives, render

    magazine, config = _published("feed-basic")
    assert len(magazine.issues) >= 2  # two covers: a pool
    runs = {}
    for workers in (1, 2):
        cfg = replace(config, cache_dir=tmp_path / f"w{workers}")
        before = REBUILT["covers"], REBUILT["image-sets"]
        designed = designed_covers(magazine, cfg, workers=workers)
        n = len(magazine.issues)
        assert (REBUILT["covers"], REBUILT["image-sets"]) == (before[0] + n, before[1] + n)
        with monkeypatch.context() as m:  # every set is found: nothing is decoded or encoded
            m.setattr(derivatives.render, "derive", lambda *a: pytest.fail(f"derived again: {a[0]}"))
            sets = build_image_sets([i.cover.path for i in designed.issues], cfg.cache, COVER_SETTINGS)
        runs[workers] = [
            (i.cover.path.read_bytes(), [(r.path, r.cached.read_bytes()) for r in sets[i.cover.path].renditions])
            for i in designed.issues
        ]
    assert runs[1] == runs[2]
    # the record the worker stored is the one the images stage derives from the PNG file
    cover = designed.issues[0].cover.path
    sha = hashlib.sha256(cover.read_bytes()).hexdigest()
    stored = ImageCache(tmp_path / "w2").load_set(set_key(sha, COVER_SETTINGS))
    assert stored == render.derive(str(cover), sha, COVER_SETTINGS, str(tmp_path / "fresh"))
    fresh = build_image_sets([cover], tmp_path / "fresh", COVER_SETTINGS)
    assert [(r.path, r.cached.read_bytes()) for r in fresh[cover].renditions] == runs[2][0][1]


def test_cover_renditions_are_what_the_web_and_the_book_show(tmp_path: Path) -> None:
    """A designed cover gets web renditions up to 960 px (it is never shown wider than
    274 CSS px), the EPUB its 1200x1600 JPEG, the feed its 960 px one; the build's
    image stage (image_sets) finds the sets the cover workers stored."""
    magazine, config = _published("feed-basic")
    cfg = replace(config, cache_dir=tmp_path / "c")
    designed = designed_covers(magazine, cfg, workers=1)
    cover = designed.issues[0].cover.path
    before = REBUILT["image-sets"]
    sets = image_sets([cover, *(i.cover.path for i in designed.issues)], cfg)
    assert REBUILT["image-sets"] == before  # nothing derived again
    web = {(r.width, r.mime) for r in sets[cover].renditions if r.purpose == "web"}
    assert {w for w, _ in web} == {480, 960}
    epub = sets[cover].epub()
    assert (epub.width, epub.height, epub.mime) == (1200, 1600, "image/jpeg")


def test_the_cover_png_is_lossless(issue_and_config: tuple) -> None:
    """The PNG is an intermediate at a fast setting: decoded, it is the drawn picture."""
    _, issue, config = issue_and_config
    text = cover_text(issue, config)
    photo = issue.cover.path.read_bytes()
    drawn = cover_art.draw_cover(photo, text)
    with Image.open(io.BytesIO(render_cover(photo, text))) as im:
        assert im.mode == "RGB" and im.tobytes() == drawn.tobytes()

