"""Derivatives: sizes, metadata stripping, determinism, cache, markup."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageCms, features

from policemag.images import cache as cache_module
from policemag.images import render
from policemag.images.derivatives import (
    ImageBuildError,
    ImageSet,
    ImageSettings,
    build_image_sets,
    picture_html,
    write_image_sets,
)
from policemag.images.probe import probe_image
from policemag.images.settings import COVER_SETTINGS, JPEG, rendition_key, set_key, versions
from policemag_dev.bench_images import make_photo

GPS = {1: "N", 2: (35.0, 41.0, 7.0), 3: "W", 4: (6.0, 1.0, 2.0)}
OLD = 1_600_000_000_000_000_000  # an mtime safely in the past (the hash index skips racy files)


def photo(path: Path, size: tuple[int, int] = (1200, 900), seed: int = 1, **save: object) -> Path:
    make_photo(seed, size).save(path, quality=90, **save)
    os.utime(path, ns=(OLD, OLD))
    return path


def files_of(image_set: ImageSet) -> set[Path]:
    return {r.cached for r in image_set.renditions}


def test_widths_are_never_upscaled_and_attributes_match_files(tmp_path: Path) -> None:
    src = photo(tmp_path / "small.jpg", (700, 500))
    s = build_image_sets([src], tmp_path / "cache", workers=1)[src]
    assert sorted({r.width for r in s.web()}) == [480, 700]
    assert {r.mime for r in s.web()} == {"image/webp", "image/jpeg"}
    for r in s.renditions:
        with Image.open(r.cached) as im:
            assert im.size == (r.width, r.height)
            assert Image.MIME[im.format or ""] == r.mime
        assert r.size == r.cached.stat().st_size
        assert r.path.startswith("media/small.")
        assert r.path.endswith(f".{r.width}.{r.cached.suffix[1:]}")


def test_a_large_photo_gets_the_three_widths_and_epub_and_feed(tmp_path: Path) -> None:
    src = photo(tmp_path / "cover.jpg", (2000, 1500))
    s = build_image_sets([src], tmp_path / "cache", workers=1)[src]
    assert (s.width, s.height) == (2000, 1500)
    assert sorted({r.width for r in s.web()}) == [480, 960, 1600]
    assert (s.epub().mime, s.epub().width, s.epub().height) == ("image/jpeg", 1600, 1200)
    assert (s.feed().mime, s.feed().width) == ("image/webp", 960)
    assert s.best("image/jpeg", 1000).width == 960
    assert s.best("image/jpeg", 100).width == 480
    assert [(r.purpose, r.mime, r.width) for r in s.renditions] == sorted(
        (r.purpose, r.mime, r.width) for r in s.renditions
    )
    with pytest.raises(KeyError):
        s.best("image/avif", 960)


def test_exif_orientation_is_applied_before_sizing(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90: stored landscape, displayed portrait
    src = photo(tmp_path / "portrait.jpg", (2000, 1500), exif=exif)
    s = build_image_sets([src], tmp_path / "cache", workers=1)[src]
    assert (s.width, s.height) == (1500, 2000)
    assert (s.epub().width, s.epub().height) == (1200, 1600)
    for r in s.renditions:
        with Image.open(r.cached) as im:
            assert im.size == (r.width, r.height)
            assert r.height > r.width


def test_gps_and_all_metadata_are_stripped(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x8825] = GPS
    exif[0x010F] = "PhoneMaker"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    src = photo(tmp_path / "scene.jpg", exif=exif, comment=b"suspect name",
                xmp=b"<x:xmpmeta>suspect</x:xmpmeta>", icc_profile=icc)
    assert probe_image(src).has_gps
    settings = ImageSettings(avif=features.check("avif") is True)
    s = build_image_sets([src], tmp_path / "cache", settings, workers=1)[src]
    for r in s.renditions:
        data = r.cached.read_bytes()
        markers = (b"Exif", b"PhoneMaker", b"suspect", b"xmpmeta", b"ICC_PROFILE", b"iCCP", b"eXIf")
        for marker in markers:
            assert marker not in data, (r.path, marker)
        with Image.open(r.cached) as im:
            assert not im.getexif()
            assert not im.getexif().get_ifd(0x8825)
            assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(im.info)


def test_same_input_gives_same_bytes_whatever_the_workers(tmp_path: Path) -> None:
    srcs = [photo(tmp_path / f"p{i}.jpg", (1000, 700), seed=i) for i in range(3)]
    one = build_image_sets(srcs, tmp_path / "c1", workers=1)
    two = build_image_sets(srcs, tmp_path / "c2", workers=2)
    for src in srcs:
        assert [r.path for r in one[src].renditions] == [r.path for r in two[src].renditions]
        for a, b in zip(one[src].renditions, two[src].renditions, strict=True):
            assert a.cached.read_bytes() == b.cached.read_bytes()


def test_warm_call_does_no_image_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = photo(tmp_path / "a.jpg")
    cache = tmp_path / "cache"
    cold = build_image_sets([src], cache, workers=1)
    before = sorted(p for p in cache.rglob("*"))

    def no_work(*args: object) -> None:
        raise AssertionError("image work on a warm cache")

    monkeypatch.setattr(render, "derive", no_work)
    monkeypatch.setattr(cache_module.hashlib, "file_digest", no_work)  # hash index hit
    warm = build_image_sets([src], cache, workers=1)
    assert warm == cold
    assert sorted(p for p in cache.rglob("*")) == before


def test_a_changed_source_changes_the_content_hash(tmp_path: Path) -> None:
    src = photo(tmp_path / "cover.jpg", seed=1)
    cache = tmp_path / "cache"
    first = build_image_sets([src], cache, workers=1)[src]
    photo(src, seed=2)  # same name, same mtime, new bytes
    os.utime(src, ns=(OLD, OLD + 1))
    second = build_image_sets([src], cache, workers=1)[src]
    assert not {r.path for r in first.renditions} & {r.path for r in second.renditions}
    copy = tmp_path / "cover-copy.jpg"
    copy.write_bytes(src.read_bytes())
    third = build_image_sets([copy], cache, workers=1)[copy]
    hashes = {r.path.split(".")[1] for r in third.renditions}
    assert hashes == {r.path.split(".")[1] for r in second.renditions}  # content, not name


def test_transparency_kept_in_webp_and_png_flattened_in_jpeg(tmp_path: Path) -> None:
    im = Image.new("RGBA", (800, 600), (200, 0, 0, 255))
    im.paste((0, 0, 0, 0), (0, 0, 400, 600))
    im.save(src := tmp_path / "logo.png")
    s = build_image_sets([src], tmp_path / "cache", workers=1)[src]
    assert s.epub().mime == "image/png"
    with Image.open(s.best("image/webp", 480).cached) as webp:
        assert webp.mode == "RGBA" and webp.getpixel((5, 5))[3] == 0  # type: ignore[index]
    with Image.open(s.best("image/jpeg", 480).cached) as jpeg:
        assert jpeg.mode == "RGB" and min(jpeg.getpixel((5, 5))) > 245  # type: ignore[arg-type]
    with Image.open(s.epub().cached) as png:
        assert png.mode == "RGBA"


@pytest.mark.parametrize("mode", ["CMYK", "P", "L", "LA"])
def test_other_modes_become_rgb(tmp_path: Path, mode: str) -> None:
    src = tmp_path / ("x.jpg" if mode in ("CMYK", "L") else "x.png")
    make_photo(3, (600, 400)).convert(mode).save(src)
    s = build_image_sets([src], tmp_path / "cache", workers=1)[src]
    for r in s.renditions:
        with Image.open(r.cached) as im:
            assert im.mode in ("RGB", "RGBA")
    assert s.epub().mime == "image/jpeg"  # opaque alpha (LA) is dropped


def test_a_corrupt_file_is_an_error_not_a_hang(tmp_path: Path) -> None:
    good = photo(tmp_path / "good.jpg")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not a png at all")
    with pytest.raises(ImageBuildError) as info:
        build_image_sets([good, bad, junk], tmp_path / "cache", workers=2)
    found = [(p.name, code) for p, code, _ in info.value.problems]
    assert found == [("bad.jpg", "E020"), ("junk.png", "E020")]
    assert "bad.jpg: E020" in str(info.value)


def test_write_image_sets_writes_once(tmp_path: Path) -> None:
    src = photo(tmp_path / "a.jpg")
    sets = build_image_sets([src], tmp_path / "cache", workers=1)
    site = tmp_path / "site"
    written = write_image_sets(sets.values(), site)
    assert written == sorted({r.path for r in sets[src].renditions})
    for r in sets[src].renditions:
        assert (site / r.path).read_bytes() == r.cached.read_bytes()
    assert write_image_sets(sets.values(), site) == []


def test_picture_html(tmp_path: Path) -> None:
    src = photo(tmp_path / "Photo Marché.jpg", (2000, 1500))
    s = build_image_sets([src], tmp_path / "cache", workers=1)[src]
    markup = picture_html(s, 'Agents "au" <marché> & co', "2024-05-n12/news/", css_class="lead")
    img = s.best("image/jpeg", 960)
    assert f'width="{img.width}" height="{img.height}"' in markup
    assert 'alt="Agents &quot;au&quot; &lt;marché&gt; &amp; co"' in markup
    assert 'loading="lazy"' in markup and 'decoding="async"' in markup
    assert 'class="lead"' in markup and 'type="image/webp"' in markup
    urls = re.findall(r'(?:src|srcset)="([^"]+)"', markup)
    for url in ", ".join(urls).split(", "):
        assert url.startswith("../../media/photo-marche."), url
    eager = picture_html(s, "x", "", lazy=False)
    assert 'fetchpriority="high"' in eager and "loading=" not in eager
    assert 'src="media/' in eager


@pytest.mark.skipif(not features.check("avif"), reason="Pillow built without AVIF")
def test_avif_comes_first_when_enabled(tmp_path: Path) -> None:
    src = photo(tmp_path / "a.jpg", (600, 400))
    s = build_image_sets([src], tmp_path / "cache", ImageSettings(avif=True), workers=1)[src]
    assert {r.mime for r in s.web()} == {"image/avif", "image/webp", "image/jpeg"}
    markup = picture_html(s, "x", "")
    assert markup.index("image/avif") < markup.index("image/webp")


def test_small_sources_are_derived_without_a_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pool costs more to start than small images take (a fixed cost of every cold
    build): covers of 320x240 never start one."""
    from policemag.images import derivatives

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started for small images")

    monkeypatch.setattr(derivatives, "process_pool", no_pool)
    srcs = [photo(tmp_path / f"c{i}.jpg", (320, 240), seed=i) for i in range(4)]
    sets = build_image_sets(srcs, tmp_path / "cache", workers=2)
    assert sorted(sets) == sorted(srcs)


def test_large_and_small_sources_mixed_give_the_same_bytes_as_one_worker(tmp_path: Path) -> None:
    """Large sources go to the pool while small ones are derived here: same files."""
    srcs = [photo(tmp_path / f"l{i}.jpg", (1400, 1000), seed=i) for i in range(2)]
    srcs += [photo(tmp_path / f"s{i}.jpg", (300, 200), seed=10 + i) for i in range(2)]
    one = build_image_sets(srcs, tmp_path / "c1", workers=1)
    two = build_image_sets(srcs, tmp_path / "c2", workers=2)
    for src in srcs:
        assert [r.cached.read_bytes() for r in one[src].renditions] == [
            r.cached.read_bytes() for r in two[src].renditions
        ]


def test_resizing_is_in_the_keys_only_when_it_is_not_the_photos() -> None:
    """A photo's rendition and set keys are computed as before ``resample`` and
    ``reducing_gap`` existed (its published names stay); a cover's hold them."""
    photos = ImageSettings()
    encoder = photos.encoder(JPEG)
    before = json.dumps([versions(), "ab", JPEG, 480, 360, encoder], sort_keys=True)
    assert rendition_key("ab", JPEG, 480, 360, photos) == hashlib.sha256(before.encode()).hexdigest()
    fields = {n: getattr(photos, n) for n in photos.__dataclass_fields__}
    del fields["resample"], fields["reducing_gap"]
    before = json.dumps([versions(), "ab", fields], sort_keys=True)
    assert set_key("ab", photos) == hashlib.sha256(before.encode()).hexdigest()
    assert COVER_SETTINGS.resizing() == {"resample": "bilinear", "reducing_gap": 1.0}
    lanczos = replace(COVER_SETTINGS, resample="lanczos", reducing_gap=2.0)
    assert rendition_key("ab", JPEG, 480, 640, COVER_SETTINGS) != rendition_key("ab", JPEG, 480, 640, lanczos)
    assert set_key("ab", COVER_SETTINGS) != set_key("ab", lanczos)
    with pytest.raises(ValueError):
        ImageSettings(resample="nearest")
