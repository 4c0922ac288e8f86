"""Check that a file is a real, sane raster image before anything uses it."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

#: Decompression-bomb guard: larger images are refused (a 12-24 MP photo is fine).
MAX_PIXELS = 60_000_000
#: Files larger than this are refused before decoding: a committed photo of good quality
#: is a few MB; anything near this is a raw export or an attack, and slows every build.
MAX_BYTES = 25_000_000
#: Formats an editor may commit, by Pillow format name, and the extensions they go with.
FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}


class ImageProblem(Exception):
    """``code`` is E020 (unreadable or mislabelled) or E021 (too large)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int
    format: str
    has_gps: bool


def probe_image(path: Path, max_pixels: int = MAX_PIXELS) -> ImageInfo:
    """Open and fully decode ``path``; raise :class:`ImageProblem` if it is not sane.

    Decoding at reduced size (``draft``) keeps this cheap for JPEG while still reading
    the whole stream, so truncated files are caught here and not in a writer.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImageProblem("E021", f"file has {size:,} bytes, more than {MAX_BYTES:,}")
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                fmt = im.format or "?"
                w, h = im.size
                if w * h > max_pixels:
                    raise ImageProblem(
                        "E021", f"image has {w}x{h} pixels, more than {max_pixels:,}"
                    )
                allowed = FORMATS.get(fmt)
                if allowed is None:
                    raise ImageProblem(
                        "E020", f"{fmt} images are not accepted (use JPEG, PNG or WebP)"
                    )
                if path.suffix.lower() not in allowed:
                    raise ImageProblem("E020", f"file is {fmt} but named {path.suffix}")
                gps = (
                    bool(im.getexif().get_ifd(0x8825)) if fmt in ("JPEG", "WEBP", "PNG") else False
                )
                if fmt == "JPEG":
                    im.draft("RGB", (max(1, w // 8), max(1, h // 8)))
                im.load()
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageProblem("E021", f"image is too large: {exc}") from None
    except FileNotFoundError:
        raise ImageProblem("E020", "image file not found") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem("E020", f"not a readable image ({exc})") from None
    return ImageInfo(w, h, fmt, gps)


def has_gps(path: Path) -> bool:
    """True when the image's EXIF holds a GPS block (reads the header only, no pixels).

    A file that cannot be read answers False: :func:`probe_image` reports it.
    """
    try:
        with Image.open(path) as im:
            return bool(im.getexif().get_ifd(0x8825))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
