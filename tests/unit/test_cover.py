"""The designed cover (policemag.images.cover): what it says, that it says only what is
published, that the same issue gives the same pixels and renditions, the cache (a damaged
cover is drawn again), the alt text."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from tests.conftest import EPUB_NOW, REPO, SITES

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
    cover_key,
    cover_text,
    designed_cover,
    designed_covers,
    draw_cover,
    image_sets,
    with_designed_cover,
)
from policemag.images.derivatives import ImageBuildError, ImageSet
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


def test_same_issue_same_pixels_and_a_magazine_cover_size(issue_and_config: tuple) -> None:
    _, issue, config = issue_and_config
    photo = issue.cover.path.read_bytes()
    text = cover_text(issue, config)
    first, second = draw_cover(photo, text), draw_cover(photo, text)
    assert first.tobytes() == second.tobytes()
    assert (first.size, first.mode) == (SIZE, "RGB")
    # the band across the top is navy, the foot darkened: type reads on any photo
    assert first.getpixel((5, 5)) == pytest.approx(cover_art.NAVY, abs=12)
    other = draw_cover(photo, replace(text, headline="عنوان آخر"))
    assert other.tobytes() != first.tobytes()
    # the key names the renditions: it follows every word and the photo
    assert cover_key(photo, text) == cover_key(photo, text)
    assert cover_key(photo, replace(text, headline="عنوان آخر")) != cover_key(photo, text)
    assert cover_key(photo + b"\0", text) != cover_key(photo, text)


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
    draw_cover(photo, text)  # and it draws


def test_designed_cover_is_cached_by_content(issue_and_config: tuple, tmp_path: Path) -> None:
    _, issue, config = issue_and_config
    config = replace(config, cache_dir=tmp_path / "cache")
    before = REBUILT["covers"]
    first = designed_cover(issue, config)
    assert REBUILT["covers"] == before + 1
    hits = REUSED["covers"]
    assert designed_cover(issue, config) == first and REUSED["covers"] == hits + 1
    assert REBUILT["covers"] == before + 1
    # the path names no file: it is the key of the image set and the renditions' stem
    assert first.name == f"{issue.id}-cover" and (tmp_path / "cache" / "covers") in first.parents
    assert not first.exists() and not (tmp_path / "cache" / "covers").exists()
    sets = image_sets([first], config)
    assert {r.path.split(".")[0] for r in sets[first].renditions} == {f"media/{issue.id}-cover"}


def _damage(image_set: ImageSet) -> None:
    rendition = image_set.best("image/webp", 480)
    rendition.cached.write_bytes(b"\0" * rendition.size)  # same size: only the digest tells


def test_a_damaged_cover_is_drawn_again_with_the_same_bytes(
    issue_and_config: tuple, tmp_path: Path
) -> None:
    """No picture of the cover is kept to derive from: a rendition or a set record that
    is missing or damaged has the cover drawn again, by designed_covers (a build) and by
    image_sets (the images stage), to the same names and bytes."""
    _, issue, config = issue_and_config
    config = replace(config, cache_dir=tmp_path / "cache")
    path = designed_cover(issue, config)
    first = image_sets([path], config)[path]
    good = [(r.path, r.cached.read_bytes()) for r in first.renditions]
    _damage(first)
    before = REBUILT["covers"]
    assert designed_cover(issue, config) == path and REBUILT["covers"] == before + 1
    assert [(r.path, r.cached.read_bytes()) for r in image_sets([path], config)[path].renditions] == good
    _damage(first)  # found by the images stage: drawn again there
    again = image_sets([path], config)[path]
    assert REBUILT["covers"] == before + 2
    assert [(r.path, r.cached.read_bytes()) for r in again.renditions] == good
    first.renditions[0].cached.unlink()  # a missing rendition
    assert image_sets([path], config)[path] == first and REBUILT["covers"] == before + 3
    for record in (tmp_path / "cache" / "image-sets").rglob("*.json"):
        record.write_text("{}")  # a damaged record
    assert image_sets([path], config)[path] == first and REBUILT["covers"] == before + 4
    assert [(r.path, r.cached.read_bytes()) for r in first.renditions] == good


def test_a_designed_cover_this_process_never_met_is_an_error(
    issue_and_config: tuple, tmp_path: Path
) -> None:
    _, issue, config = issue_and_config
    config = replace(config, cache_dir=tmp_path / "cache")
    key = "ab" * 32
    unknown = config.cache / "covers" / key[:2] / key / f"{issue.id}-cover"
    with pytest.raises(ImageBuildError, match="E020"):
        image_sets([unknown], config)


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
    images stage deriving them from a lossless file of the picture, and the images
    stage then derives nothing."""
    from policemag.images import derivatives, render

    magazine, config = _published("feed-basic")
    assert len(magazine.issues) >= 2  # two covers: a pool
    leftover = tmp_path / "w1" / "covers" / "ab" / ("ab" * 32) / "2024-01-n1-cover.png"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"an earlier version's PNG")
    runs = {}
    for workers in (1, 2):
        cfg = replace(config, cache_dir=tmp_path / f"w{workers}")
        before = REBUILT["covers"], REBUILT["image-sets"]
        designed = designed_covers(magazine, cfg, workers=workers)
        n = len(magazine.issues)
        assert (REBUILT["covers"], REBUILT["image-sets"]) == (before[0] + n, before[1] + n)
        with monkeypatch.context() as m:  # every set is found: nothing is drawn or derived
            m.setattr(derivatives.render, "derive", lambda *a: pytest.fail(f"derived again: {a[0]}"))
            m.setattr(render, "derive_image", lambda *a: pytest.fail("drawn again"))
            sets = image_sets([i.cover.path for i in designed.issues], cfg)
        runs[workers] = [
            [(r.path, r.cached.read_bytes()) for r in sets[i.cover.path].renditions]
            for i in designed.issues
        ]
    assert runs[1] == runs[2]
    assert not leftover.parent.exists()  # pruned: nothing is stored under covers/ now
    # the record the worker stored is the one derived from a PNG of the drawn picture
    source = magazine.issues[0]
    text = cover_text(source, config)
    photo = source.cover.path.read_bytes()
    png = tmp_path / f"{source.id}-cover.png"
    draw_cover(photo, text).save(png)
    key = cover_key(photo, text)
    stored = ImageCache(tmp_path / "w2").load_set(set_key(key, COVER_SETTINGS))
    assert stored == render.derive(str(png), key, COVER_SETTINGS, str(tmp_path / "fresh"))


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


#: Covers whose pixels are pinned: Arabic and French, photos larger and smaller than the
#: cover (cropped down, upscaled), with a kicker or not, three cover lines or none.
PINNED = {
    "ar-sample": (
        REPO / "issues" / "2026-11-n112" / "images" / "cover.jpg",
        CoverText(
            "ar", "مجلة الشرطة", "العدد 112", "15 نونبر 2026", "أمنك يبدأ من يقظتك",
            "الاحتيال الهاتفي وسلامة المسافرين",
            (CoverLine("افتتاح مركز جديد لشرطة القرب", "ar"),
             CoverLine("لَا تُفْشِ رَمْزَكَ السِّرِّيَّ", "ar"),
             CoverLine("الرمز لا يُعطى لأحد", "ar", "قصة مصورة")),
        ),
    ),
    "ar-portrait": (
        SITES / "epub-basic" / "issues" / "2026-01-n7" / "images" / "cover.jpg",
        CoverText("ar", "مجلة الشرطة", "العدد 7", "15 يناير 2026", "", "السلامة على الطرق", ()),
    ),
    "fr-small": (
        SITES / "markdown" / "issues" / "2026-02-n2" / "images" / "cover.jpg",
        CoverText(
            "fr", "Revue de la police", "N° 2", "1 février 2026", "Dossier",
            "Voyager en sécurité : la gare routière et ses nouveaux guichets",
            (CoverLine("Un titre français", "fr"), CoverLine("عنوان عربي", "ar")),
        ),
    ),
    "fr-320x240": (
        None,  # _bench_photo(): the benchmark archive's covers are this size
        CoverText(
            "fr", "Revue de la police", "N° 30", "1 juin 2012", "Sécurité routière",
            "La patrouille de nuit",
            (CoverLine("Un titre français", "fr"), CoverLine("Un autre, plus long que le premier", "fr"),
             CoverLine("Le code ne se donne à personne", "fr", "Bande dessinée")),
        ),
    ),
}  # fmt: skip


def _bench_photo() -> bytes:
    """A 320x240 photo made here (lossless: its pixels do not depend on a codec)."""
    r = Image.linear_gradient("L").resize((320, 240))
    g = Image.radial_gradient("L").resize((320, 240))
    b = r.transpose(Image.Transpose.ROTATE_90).resize((320, 240))
    out = io.BytesIO()
    Image.merge("RGB", (r, g, b)).save(out, "PNG")
    return out.getvalue()


#: sha256 of each pinned cover's RGB pixels, with this environment's Pillow, FreeType,
#: raqm, HarfBuzz and FriBiDi (a library upgrade may change them: then update the pins).
#: Drawing code that changes them must bump policemag.images.cover.VERSION: the
#: published names hash cover_key, not the pixels, and media/ is served immutable.
PINS = {
    "ar-sample": "b9f440ac538149ce4dd551482f162c1fb2ad73a486c12cc48d7d3b3a7d9e2be8",
    "ar-portrait": "ea685f1ab3caa3fd9eef581b64d7f2d3f536c89a735b52468cc17d51effd6866",
    "fr-small": "915dc32d7ae06c51848c3fa3c918e4450254e200835b74d2dff1edd26d637528",
    "fr-320x240": "9c99fbb47e25ffe8f98b8ea2bc27a654cf3b218ef9943b217165acd420518369",
}


@pytest.mark.parametrize("name", PINNED)
def test_the_drawing_keeps_its_pixels(name: str) -> None:
    photo, text = PINNED[name]
    pixels = draw_cover(photo.read_bytes() if photo else _bench_photo(), text).tobytes()
    assert hashlib.sha256(pixels).hexdigest() == PINS[name], (
        "the designed cover's pixels changed: bump policemag.images.cover.VERSION (its "
        "renditions' published names must change too), then update PINS"
    )


@pytest.mark.parametrize("orientation", [1, 6])
def test_a_large_jpeg_is_decoded_at_the_smallest_scale_that_covers_the_cover(
    orientation: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A photo more than twice the cover's size is decoded at 1/2 (libjpeg's DCT
    scaling), upright or stored on its side (EXIF 6: 3400 wide as stored, 2600 shown)."""
    upright = Image.open(io.BytesIO(_bench_photo())).resize((2600, 3400))
    stored = upright if orientation == 1 else upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    stored.save(out, "JPEG", quality=90, exif=exif)
    fitted, fit = [], ImageOps.fit
    spy = lambda im, *a, **k: fitted.append(im.size) or fit(im, *a, **k)  # noqa: E731
    monkeypatch.setattr(ImageOps, "fit", spy)
    text = PINNED["fr-320x240"][1]
    cover = draw_cover(out.getvalue(), text)
    assert fitted == [(1300, 1700)] and cover.size == SIZE
