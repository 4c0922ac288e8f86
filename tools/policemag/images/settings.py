"""What derivatives are made and how they are encoded: one frozen, picklable value.

Every field that changes output bytes is part of a rendition's key (see :func:`versions`
and ``policemag.images.cache``); changing a setting re-derives only what it affects,
because each rendition is cached under its own key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache

import PIL
from PIL import features

#: Not a cache version (the cache's keys carry the package's code version, so any code
#: change derives every rendition again): the version of the published file names.
#: ``media/<stem>.<hash10>.<width>.<ext>`` hashes the rendition key, which holds this
#: value; files under media/ are served as immutable, so bump it when the pixel pipeline
#: changes bytes (filters, conversions, encoder calls) and browsers get new URLs.
#: A setting that changes bytes is in the key itself (``encoder``, ``resizing``): a new
#: value needs no bump, a new default does.
PIXELS_VERSION = "2"

WEBP = "image/webp"
JPEG = "image/jpeg"
PNG = "image/png"
AVIF = "image/avif"
#: File extension of each output type.
EXTENSIONS = {WEBP: "webp", JPEG: "jpg", PNG: "png", AVIF: "avif"}
#: Resampling filters a rendition may be resized with (Pillow's names).
RESAMPLES = ("lanczos", "bicubic", "bilinear")


@dataclass(frozen=True)
class ImageSettings:
    """Sizes and encoder settings of the derivatives.

    ``widths``: the web sizes (CSS pixels for a 60rem column at 1x/2x, and phones);
    a source is never upscaled. ``webp_method`` 3 was chosen by measurement
    (docs/images.md): as small as libwebp's default 4 (0.3% smaller) and up to 10% faster;
    method 2 is 2.6x faster to encode but 7% larger than ``vipsthumbnail`` at the same
    quality. JPEG is baseline with optimised Huffman tables: progressive saves
    1% and costs 4x the encode time, and some EPUB readers mishandle progressive JPEG.
    AVIF is off by default: at ``avif_speed`` 6 it costs about 5x a WebP encode.
    The feed (Android app) gets ``feed_mime`` at most ``feed_width`` wide.
    ``resample`` and ``reducing_gap``: how each size is resized from the next larger one
    (``render._scaled``): Lanczos after Pillow's integer box reduction while 2x the
    target remains (docs/images.md); covers take a cheaper pair (:data:`COVER_SETTINGS`).
    They are in a key only when they differ from these defaults
    (:meth:`resizing`), so the photos' keys and published names are those made before
    the fields existed.
    """

    widths: tuple[int, ...] = (480, 960, 1600)
    webp_quality: int = 80
    webp_method: int = 3
    jpeg_quality: int = 82
    avif: bool = False
    avif_quality: int = 60
    avif_speed: int = 6
    epub_long_side: int = 1600
    feed_width: int = 960
    feed_mime: str = WEBP
    resample: str = "lanczos"
    reducing_gap: float = 2.0

    def __post_init__(self) -> None:
        if not self.widths or any(w < 1 for w in self.widths):
            raise ValueError("widths must be positive and not empty")
        if self.resample not in RESAMPLES or not self.reducing_gap >= 1:
            raise ValueError(f"resample {self.resample!r}, reducing_gap {self.reducing_gap}")
        if self.feed_mime not in (WEBP, JPEG) and not (self.avif and self.feed_mime == AVIF):
            raise ValueError(f"feed_mime {self.feed_mime} is not produced")

    @property
    def web_mimes(self) -> tuple[str, ...]:
        """Formats of the ``<picture>`` set, in the order browsers should try them."""
        return (AVIF, WEBP, JPEG) if self.avif else (WEBP, JPEG)

    def resizing(self) -> dict[str, str | float]:
        """``resample`` and ``reducing_gap`` where they differ from the defaults: what the
        keys hold of them (nothing, for every photo made before they existed)."""
        default = ImageSettings.__dataclass_fields__
        return {
            name: getattr(self, name)
            for name in ("resample", "reducing_gap")
            if getattr(self, name) != default[name].default
        }

    def encoder(self, mime: str) -> dict[str, int | bool]:
        """Pillow ``save`` options for ``mime`` (beyond the format): part of the key."""
        if mime == WEBP:
            return {"quality": self.webp_quality, "method": self.webp_method}
        if mime == JPEG:
            return {"quality": self.jpeg_quality, "optimize": True, "progressive": False}
        if mime == AVIF:
            # One thread: we parallelise across images, and fewer moving parts, same bytes.
            return {"quality": self.avif_quality, "speed": self.avif_speed, "max_threads": 1}
        if mime == PNG:
            return {"compress_level": 9}
        raise ValueError(f"unknown output type {mime}")


#: Designed covers (:mod:`policemag.images.cover`, 1200x1600) on the web are shown at
#: most 360 CSS px wide (300 on most desktops; ``site.cards.COVER_SIZES``) and 38vw on a
#: phone (at most 274 CSS px): 960 px serves a screen of up to 2.6 device pixels per CSS
#: pixel on the widest desktop, 3.5 on a phone, so the
#: 1200 px web rendition (a WebP encode, a quarter of a cover's image work) was never
#: chosen. The EPUB keeps its 1200x1600 JPEG (``epub_long_side``) and the feed its 960.
#: WebP method 2, not 3: a cover is drawn for every issue in every cold build, and its
#: two WebP encodes were 40 % of its CPU (88 ms of 210); method 2 takes 40 ms, for files
#: 4 % larger at the same quality (measured on seven covers: 960 px 264 -> 275 KB in
#: all, 480 px 126 -> 131 KB), the pixels the same to the eye. Photos keep method 3.
#: Resized with bilinear, the 480 px from the 960 px by a 2x2 box (``reducing_gap`` 1:
#: an exact halving): 1200 -> 960 costs 15 ms a cover (bicubic 25, Lanczos 33), the
#: 960 px 43 dB from bicubic's, the same to the eye, type included (docs/images.md).
COVER_SETTINGS = ImageSettings(
    widths=(480, 960), webp_method=2, resample="bilinear", reducing_gap=1.0
)

#: Codecs whose version is part of every key.
LIBRARIES = ("webp", "jpg", "zlib", "avif", "littlecms2")


@cache
def versions() -> str:
    """Pipeline and codec versions: a Pillow or libwebp upgrade may change bytes, so it
    changes keys (and therefore file names) too."""
    parts = {
        "code": PIXELS_VERSION,  # the name "code" is part of every published file name
        "pillow": PIL.__version__,
        **{lib: features.version(lib) or "" for lib in LIBRARIES},
    }
    return json.dumps(parts, sort_keys=True)


def rendition_key(
    source_sha: str, mime: str, width: int, height: int, settings: ImageSettings
) -> str:
    """Key of one output: hex sha256 of everything its bytes depend on."""
    parts: list[object] = [versions(), source_sha, mime, width, height, settings.encoder(mime)]
    resizing = settings.resizing()
    if resizing:  # only then: the keys of every photo made before stay
        parts.append(resizing)
    text = json.dumps(parts, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def set_key(source_sha: str, settings: ImageSettings) -> str:
    """Key of a whole image set: the source and every setting (which renditions exist)."""
    resizing = settings.resizing()
    fields = {name: getattr(settings, name) for name in settings.__dataclass_fields__}
    for name in ("resample", "reducing_gap"):
        if name not in resizing:
            del fields[name]
    text = json.dumps([versions(), source_sha, fields], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()
