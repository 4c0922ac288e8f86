"""The pixel work: decode one source once, derive every rendition, store them in the cache.

:func:`derive` runs in a worker process and is the only function here that touches disk.
It is a pure function of the source bytes and the settings: no metadata survives (EXIF,
GPS, XMP, comments and ICC are all dropped; colours are converted to sRGB first, so
dropping the profile does not shift them), and the same input gives the same bytes.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageOps, JpegImagePlugin

from policemag.cache import CacheStore
from policemag.images.cache import rendition_entry, rendition_suffix, renditions_store
from policemag.images.probe import MAX_PIXELS
from policemag.images.settings import AVIF, JPEG, PNG, WEBP, ImageSettings, rendition_key

#: Pillow format name of each output type.
FORMATS = {WEBP: "WEBP", JPEG: "JPEG", PNG: "PNG", AVIF: "AVIF"}
#: A source narrower than a requested width adds its own width only when it is this much
#: wider than the next smaller size: a 1000 px source gives 480 and 960, not also 1000.
MIN_STEP = 1.2
#: Pillow's filter of each ``ImageSettings.resample``.
RESAMPLE = {
    "lanczos": Image.Resampling.LANCZOS,
    "bicubic": Image.Resampling.BICUBIC,
    "bilinear": Image.Resampling.BILINEAR,
}
#: EXIF orientations that swap width and height.
_SWAPS = {5, 6, 7, 8}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Target:
    """One output to make: ``purpose`` is web, epub or feed (feed repeats a web one)."""

    purpose: str
    mime: str
    width: int
    height: int


def scaled_height(width: int, src_w: int, src_h: int) -> int:
    """Height for ``width`` keeping the aspect ratio, rounded half up, at least 1."""
    return max(1, (2 * width * src_h + src_w) // (2 * src_w))


def web_widths(src_w: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """Widths of the web set for a source ``src_w`` wide: never upscaled, at least one.

    >>> web_widths(4000, (480, 960, 1600))
    (480, 960, 1600)
    >>> web_widths(700, (480, 960, 1600))
    (480, 700)
    >>> web_widths(1000, (480, 960, 1600))
    (480, 960)
    >>> web_widths(300, (480, 960, 1600))
    (300,)
    """
    fits = sorted({w for w in widths if w <= src_w})
    if src_w < max(widths) and src_w not in fits and (not fits or src_w >= fits[-1] * MIN_STEP):
        fits.append(src_w)
    return tuple(fits)


#: The longest side a rendition may have: WebP's limit (16383 px), the smallest of the
#: formats made (JPEG allows 65535). A tall infographic is narrowed to fit.
MAX_SIDE = 16383


def fit_side(width: int, src_w: int, src_h: int) -> tuple[int, int]:
    """``width`` x its height, narrowed when the height would pass :data:`MAX_SIDE`.

    >>> fit_side(960, 1200, 17000)
    (960, 13600)
    >>> fit_side(1200, 1200, 17000)
    (1156, 16377)
    """
    height = scaled_height(width, src_w, src_h)
    if height <= MAX_SIDE:
        return width, height
    width = max(1, MAX_SIDE * src_w // src_h)
    return width, min(MAX_SIDE, scaled_height(width, src_w, src_h))


def plan(src_w: int, src_h: int, alpha: bool, settings: ImageSettings) -> tuple[Target, ...]:
    """Every rendition of a ``src_w`` x ``src_h`` image (as displayed, after orientation).

    Web: each width x each web format. EPUB: long side <= ``epub_long_side``, JPEG, or PNG
    when the image has real transparency. Feed: the web ``feed_mime`` rendition at most
    ``feed_width`` wide (else the smallest). Sorted by (purpose, mime, width).
    """
    sizes = dict.fromkeys(fit_side(w, src_w, src_h) for w in web_widths(src_w, settings.widths))
    web = [Target("web", mime, w, h) for w, h in sizes for mime in settings.web_mimes]
    side = settings.epub_long_side
    if max(src_w, src_h) <= side:
        ew, eh = src_w, src_h
    elif src_w >= src_h:
        ew, eh = side, scaled_height(side, src_w, src_h)
    else:
        ew, eh = max(1, (2 * side * src_w + src_h) // (2 * src_h)), side
    epub = Target("epub", PNG if alpha else JPEG, ew, eh)
    feeds = [t for t in web if t.mime == settings.feed_mime]
    fitting = [t for t in feeds if t.width <= settings.feed_width]
    feed = max(fitting, key=lambda t: t.width) if fitting else min(feeds, key=lambda t: t.width)
    targets = [*web, epub, Target("feed", feed.mime, feed.width, feed.height)]
    return tuple(sorted(targets, key=lambda t: (t.purpose, t.mime, t.width)))


class _Unreadable(Exception):
    """A decoding problem, carried back to the parent as a value (code, message)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message


def derive(source: str, sha: str, settings: ImageSettings, cache_root: str) -> dict[str, Any]:
    """Make every rendition of ``source`` that is not in the cache under ``cache_root``
    yet (or no longer matches its digest there).

    Returns the set record (see ``policemag.images.cache``): ``width``, ``height``,
    ``renditions`` [{purpose, key, entry, mime, width, height, size}] (``key`` is the
    published key, ``entry`` the store's), or ``{"error": [code,
    message]}`` when the file cannot be decoded (E020) or is too large (E021). Errors are
    values, not exceptions, because they cross a process boundary.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _derive(Path(source), sha, settings, Path(cache_root))
    except _Unreadable as exc:
        return {"error": [exc.code, exc.message]}
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return {"error": ["E021", f"image is too large: {exc}"]}


def _derive(source: Path, sha: str, settings: ImageSettings, cache_root: Path) -> dict[str, Any]:
    try:
        im: Image.Image = Image.open(source)
        stored_w, stored_h = im.size
        if stored_w * stored_h > MAX_PIXELS:
            too_many = f"image has {stored_w}x{stored_h} pixels, more than {MAX_PIXELS:,}"
            raise _Unreadable("E021", too_many)
        swap = im.getexif().get(0x0112, 1) in _SWAPS
        src_w, src_h = (stored_h, stored_w) if swap else (stored_w, stored_h)
        # Plan without alpha first: the largest target decides the JPEG decode scale.
        fraction = max(t.width / src_w for t in plan(src_w, src_h, False, settings))
        if isinstance(im, JpegImagePlugin.JpegImageFile):
            im.draft(None, (math.ceil(stored_w * fraction), math.ceil(stored_h * fraction)))
        im.load()
        im = ImageOps.exif_transpose(im)
        base = _to_srgb(im)
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _Unreadable("E020", f"not a readable image ({exc})") from None
    return _derive_base(base, src_w, src_h, sha, settings, cache_root)


def derive_image(image: Image.Image, sha: str, settings: ImageSettings, cache_root: str) -> dict[str, Any]:
    """:func:`derive` for a source already in memory, as displayed (no EXIF orientation),
    named ``sha``: for a picture this process has just drawn and never stored (a
    designed cover, named by the key of what it is drawn from), so it is not encoded
    and decoded again. The same record and bytes as :func:`derive` of a lossless file
    of it whose digest is ``sha``. ``image`` is taken over, not copied (1.5 ms a cover):
    its ``info`` is cleared, its pixels left as they are."""
    base = _to_srgb(image)  # may be ``image`` itself, info cleared
    return _derive_base(base, *base.size, sha, settings, Path(cache_root))


def _derive_base(
    base: Image.Image, src_w: int, src_h: int, sha: str, settings: ImageSettings, cache_root: Path
) -> dict[str, Any]:
    """Every rendition of a ``src_w`` x ``src_h`` source (as displayed) from ``base`` (RGB
    or RGBA in sRGB; smaller than the source when a JPEG was decoded at a reduced scale),
    made or found in the cache."""
    store = renditions_store(cache_root)
    record = planned_record(src_w, src_h, base.mode == "RGBA", sha, settings, store)
    sized: dict[tuple[int, int], Image.Image] | None = None
    for row in record["renditions"]:
        size, mime = (row["width"], row["height"]), row["mime"]
        path = store.get_file(row["entry"], rendition_suffix(mime))
        if path is None:
            if sized is None:
                sizes = {(r["width"], r["height"]) for r in record["renditions"]}
                sized = _scaled(base, sizes, settings)
            data = encode(_for_encoder(sized[size]), mime, settings)
            path = store.put_bytes(row["entry"], data, rendition_suffix(mime))
        row["size"] = path.stat().st_size
    return record


def _scaled(
    base: Image.Image, sizes: set[tuple[int, int]], settings: ImageSettings
) -> dict[tuple[int, int], Image.Image]:
    """``base`` at every size, each made from the next larger one (the largest from
    ``base``): 1600 -> 960 -> 480 instead of the source three times (a designed cover's
    two resizes 60 -> 53 ms; a 12 MP photo's three, about half), indistinguishable (a
    480 px cover 52.7 dB PSNR from the direct one). Resized with ``settings.resample``
    after Pillow's integer box reduction while ``settings.reducing_gap`` times the
    target remains (2: as vips_resize does). Every size is made whatever the cache
    holds, so a rendition's bytes never depend on which others were stored."""
    resample, gap = RESAMPLE[settings.resample], settings.reducing_gap
    # Premultiplied alpha while resampling, else transparent pixels bleed dark fringes.
    current = base.convert("RGBa") if base.mode == "RGBA" else base
    out = {}
    for size in sorted(sizes, key=lambda s: (-s[0] * s[1], s)):
        if current.size != size:
            current = current.resize(size, resample, reducing_gap=gap)
        out[size] = current
    return out


def _for_encoder(im: Image.Image) -> Image.Image:
    """``im`` (one of :func:`_scaled`'s, which are this module's own: not copied, 4 ms
    a cover's five renditions) ready to encode: straight alpha, no ``info``."""
    out = im.convert("RGBA") if im.mode == "RGBa" else im
    out.info = {}  # resize copies info: nothing of the source may reach an encoder
    return out


def planned_record(
    src_w: int, src_h: int, alpha: bool, sha: str, settings: ImageSettings, store: CacheStore
) -> dict[str, Any]:
    """The set record :func:`derive` makes for a ``src_w`` x ``src_h`` source named
    ``sha``, before anything is made: names, sizes in pixels, store entries (``size``,
    the bytes of each file, is 0 until it is made). A designed cover's pages are
    written from it while the cover is drawn (:mod:`policemag.images.cover`)."""
    rows = []
    for t in plan(src_w, src_h, alpha, settings):
        key = rendition_key(sha, t.mime, t.width, t.height, settings)
        rows.append({"purpose": t.purpose, "key": key, "entry": rendition_entry(store, key), "mime": t.mime,
                     "width": t.width, "height": t.height, "size": 0})
    return {"width": src_w, "height": src_h, "renditions": rows}


def encode(im: Image.Image, mime: str, settings: ImageSettings) -> bytes:
    """Encode an RGB or RGBA image without any metadata; JPEG flattens alpha on white."""
    if mime == JPEG and im.mode == "RGBA":
        flat = Image.new("RGB", im.size, (255, 255, 255))
        flat.paste(im, mask=im.getchannel("A"))
        im = flat
    im.info = {}
    im.encoderinfo = {}  # one picture may be saved in two formats: none of one's options
    buf = io.BytesIO()
    im.save(buf, FORMATS[mime], exif=b"", **settings.encoder(mime))
    return buf.getvalue()


def fit_photo(photo: bytes | Path, size: tuple[int, int], centering: tuple[float, float]) -> Image.Image:
    """The photo (its bytes, or its file), upright, in RGB, cropped to fill ``size``
    about ``centering``: a designed cover's and a share image's background. A JPEG is
    decoded at the smallest scale (1/2, 1/4, 1/8) that still covers ``size`` (a 12 MP
    portrait photo at 1/2: a quarter of the pixels to decode and resize), a photo
    stored on its side included. Resized with bicubic: Lanczos costs 1.5x for the same
    picture to the eye, and a small photo is upscaled, where Lanczos only adds ringing.
    Turned and converted in place, not copied: two copies of a 12 MP photo cost more
    than decoding it. Unlike :func:`derive`, colours are not converted to sRGB."""
    with Image.open(io.BytesIO(photo) if isinstance(photo, bytes) else photo) as src:
        swap = src.getexif().get(0x0112, 1) in _SWAPS  # stored on its side
        src.draft("RGB", (size[1], size[0]) if swap else size)  # JPEG only; else nothing
        ImageOps.exif_transpose(src, in_place=True)
        base = src if src.mode == "RGB" else src.convert("RGB")
        return ImageOps.fit(base, size, Image.Resampling.BICUBIC, centering=centering)


def _to_srgb(im: Image.Image) -> Image.Image:
    """RGB, or RGBA when some pixel is not opaque, in sRGB (using the ICC profile if any)."""
    icc = im.info.get("icc_profile")
    transparent = "transparency" in im.info
    if im.mode.startswith("I;16") or im.mode == "I":
        # 16-bit greyscale: Pillow's conversion to L clips instead of scaling.
        im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif im.mode in ("1", "F"):
        im = im.convert("L")
    if im.mode in ("P", "PA", "LA", "La", "RGBa") or (transparent and im.mode in ("L", "RGB")):
        im = im.convert("RGBA")
    alpha = im.getchannel("A") if im.mode == "RGBA" else None
    colour = im.convert("RGB") if im.mode == "RGBA" else im
    if icc:
        colour = _icc_to_srgb(colour, icc)
    if colour.mode != "RGB":
        colour = colour.convert("RGB")  # L, CMYK without a usable profile
    if alpha is not None and alpha.getextrema() != (255, 255):
        colour.putalpha(alpha)
    colour.info = {}
    return colour


def _icc_to_srgb(im: Image.Image, icc: bytes) -> Image.Image:
    """Convert through the embedded profile; a broken profile is ignored, not an error
    (browsers ignore it too). An sRGB profile needs no work."""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if im.mode == "RGB" and "srgb" in ImageCms.getProfileDescription(profile).lower():
            return im
        out = ImageCms.profileToProfile(
            im, profile, _SRGB, renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return im
    return out if out is not None else im
