"""make_photo: repeatable, photo-like pixels for every scene and size."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image, ImageStat

from policemag_dev.synth import SCENES, make_photo


def _digest(im: Image.Image) -> str:
    return hashlib.sha256(im.tobytes()).hexdigest()


def _jpeg_bytes(im: Image.Image) -> int:
    out = io.BytesIO()
    im.save(out, "JPEG", quality=85)
    return len(out.getvalue())


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_same_seed_same_pixels_other_seed_other_pixels(scene: str) -> None:
    a = make_photo(42, (320, 240), scene)
    assert a.size == (320, 240) and a.mode == "RGB"
    assert _digest(a) == _digest(make_photo(42, (320, 240), scene))
    assert _digest(a) != _digest(make_photo(43, (320, 240), scene))


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_looks_like_a_photo_not_flat_colours(scene: str) -> None:
    im = make_photo(3, (320, 240), scene)
    stddev = ImageStat.Stat(im).stddev
    assert min(stddev) > 15, stddev  # shapes and light, not one flat fill
    colours = im.getcolors(maxcolors=320 * 240)
    assert colours is not None and len(colours) > 5000  # gradients and grain
    # grain and texture make JPEG work like on a photo (about 1-3 bits per pixel at
    # quality 85), where a flat picture of the same size is mostly JPEG headers
    flat = _jpeg_bytes(Image.new("RGB", im.size, (90, 120, 150)))
    assert _jpeg_bytes(im) > max(8_000, 4 * flat)


def test_scenes_differ_from_each_other() -> None:
    digests = {_digest(make_photo(1, (96, 64), s)) for s in SCENES}
    assert len(digests) == len(SCENES)


@pytest.mark.parametrize("size", [(1, 1), (64, 48), (48, 64), (7, 300), (300, 7), (2000, 90)])
def test_any_size_is_drawn(size: tuple[int, int]) -> None:
    for seed in range(5):
        for scene in SCENES:
            assert make_photo(seed, size, scene).size == size


def test_unknown_scene_and_empty_size_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown scene 'beach'"):
        make_photo(1, (10, 10), "beach")
    with pytest.raises(ValueError, match="at least 1x1"):
        make_photo(1, (0, 10))
