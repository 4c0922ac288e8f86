"""Deterministic, photo-like test images drawn with Pillow alone.

The sample magazine, the test fixtures and the image benchmark need pictures that behave
like photographs (soft gradients, edges, texture and sensor grain, so JPEG and WebP
encoders work as hard as on real photos) without committing anyone's photo.

Contract of :func:`make_photo`:

* the same ``(seed, size, scene)`` gives the same pixels (with the same Pillow build):
  every random choice comes from ``random.Random(seed)``, never from the global state
  or from ``Image.effect_noise`` (which uses C ``rand()`` and is not seeded);
* any size from 1x1 up to 60 MP; a 4000x3000 image takes about a second on one core:
  the scene is drawn at most ~1200 px wide, softened and scaled up, and only the grain
  is made at full resolution;
* the result is an RGB image with no metadata.

>>> a = make_photo(7, (64, 48), "border")
>>> a.size, a.mode, a.tobytes() == make_photo(7, (64, 48), "border").tobytes()
((64, 48), 'RGB', True)
>>> a.tobytes() == make_photo(8, (64, 48), "border").tobytes()
False
"""

from __future__ import annotations

import random

from PIL import Image, ImageChops, ImageFilter, ImageOps

from policemag_dev.scenes import SCENES

#: Longest side of the canvas a scene is drawn on; larger images are scaled up from it
#: (a photo's detail is mostly texture and grain, which are added at full size).
DRAW_MAX = 1200


def make_photo(seed: int, size: tuple[int, int], scene: str = "street") -> Image.Image:
    """A photo-like RGB image of ``scene`` (one of :data:`SCENES`), fully determined by
    ``seed``, ``size`` and ``scene``.

    Raises ValueError for an unknown scene or a size below 1x1.
    """
    if scene not in SCENES:
        raise ValueError(f"unknown scene {scene!r} (one of {', '.join(sorted(SCENES))})")
    width, height = size
    if width < 1 or height < 1:
        raise ValueError(f"size must be at least 1x1, got {size}")
    rng = random.Random(f"{scene}:{seed}")  # str seeds hash deterministically (sha512)
    # draw at most DRAW_MAX px and at least ~256 px on the long side: tiny images are
    # drawn larger and scaled down, so that their shapes do not collapse to nothing
    factor = max(width, height) / min(DRAW_MAX, max(256, max(width, height)))
    canvas = Image.new("RGB", (max(1, round(width / factor)), max(1, round(height / factor))))
    SCENES[scene](canvas, rng)
    canvas = _texture(canvas, rng)
    canvas = _light(canvas, rng)
    canvas = canvas.filter(ImageFilter.GaussianBlur(0.7))  # lens softness
    if canvas.size != (width, height):
        canvas = canvas.resize((width, height), Image.Resampling.BICUBIC)
    return _grain(canvas, rng, amplitude=5)


# --------------------------------------------------------------------------- finishing


def _texture(img: Image.Image, rng: random.Random) -> Image.Image:
    """Mottled surface texture (plaster, asphalt, foliage) at drawing resolution."""
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    mottle = noise.filter(ImageFilter.GaussianBlur(max(1.0, min(w, h) / 300)))
    mottle = ImageOps.autocontrast(mottle).point(lambda v: 128 + (v - 128) * 40 // 128)
    return ImageChops.soft_light(img, Image.merge("RGB", (mottle, mottle, mottle)))


def _light(img: Image.Image, rng: random.Random) -> Image.Image:
    """Soft lighting: a warm or cool light from one side and a vignette."""
    w, h = img.size
    radial = Image.radial_gradient("L")  # 0 in the centre, 255 at the edge
    big = int(max(w, h) * 1.8)
    light = radial.resize((big, big), Image.Resampling.BILINEAR)
    cx = int(w * rng.uniform(0.25, 0.75)) - big // 2
    cy = int(h * rng.uniform(0.2, 0.6)) - big // 2
    mask = light.crop((-cx, -cy, -cx + w, -cy + h))
    tint = rng.choice([(255, 244, 225), (235, 242, 255), (255, 250, 240)])
    shade = ImageOps.colorize(mask, tint, (120, 118, 125))
    return ImageChops.multiply(img, shade).point(lambda v: min(255, int(v * 1.18)))


def _grain(img: Image.Image, rng: random.Random, amplitude: int) -> Image.Image:
    """Add luminance grain of +-``amplitude`` levels at full resolution."""
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    noise = noise.point(lambda v: v * (2 * amplitude) // 255)
    bands = [ImageChops.add(band, noise, 1.0, -amplitude) for band in img.split()]
    return Image.merge("RGB", bands)
