"""Search a built site for marker strings and pictures wherever they may hide.

A leak is a marker (e.g. ``LEAKMARKER-DRAFT-7f3a``) or a picture of an unpublished image
found in *any* output: file and folder names, file bytes, members of zip files (EPUB),
gzip payloads (sitemap.xml.gz), text after decoding JSON ``\\uXXXX``
escapes, HTML entities and %-escapes, and re-encoded images (compared by a tiny
grey-level thumbnail, since a derivative has other bytes than its source).

Used by tests/build/test_leaks.py (tested itself by tests/unit/test_leakscan.py); kept
apart so other suites (EPUB, feed) can reuse it.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from PIL import Image

_GZIP = b"\x1f\x8b"
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_NOT_ALNUM = re.compile(rb"[^0-9a-z]+")
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"RIFF", b"GIF8")
#: Mean absolute grey-level difference (0-255) below which two thumbnails are the same
#: picture. Distinct fixture images differ by 20 or more; a re-encode by under 5.
SAME_PICTURE = 8.0


@dataclass(frozen=True)
class Finding:
    where: str  # "file", "file!member", "file!gunzip", with "(name)" for a name match
    marker: str
    how: str  # which decoding exposed it


@dataclass(frozen=True)
class Blob:
    """One thing to search: a file, a zip member or a decompressed payload."""

    name: str
    data: bytes


def blobs(site: Path) -> Iterator[Blob]:
    """Every file under ``site`` and, recursively, what it contains (zip, gzip)."""
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield from _expand(Blob(path.relative_to(site).as_posix(), path.read_bytes()))


def _expand(blob: Blob, depth: int = 0) -> Iterator[Blob]:
    yield blob
    if depth > 3:  # a zip in a gzip in a zip is already paranoid
        return
    if blob.data[:2] == _GZIP:
        yield from _expand(Blob(blob.name + "!gunzip", gzip.decompress(blob.data)), depth + 1)
    elif blob.data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(blob.data)) as zf:
            for info in zf.infolist():
                yield from _expand(Blob(f"{blob.name}!{info.filename}", zf.read(info)), depth + 1)


def text_views(text: str) -> Iterator[tuple[str, str]]:
    """``text`` as written and as decoded by each escaping an output may use."""
    yield "text", text
    yield "html-unescaped", html.unescape(text)
    yield "percent-decoded", unquote(unquote(text))
    yield "json-unescaped", _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if text[:1] in "[{":
        try:
            decoded = json.loads(text)
        except ValueError:
            return
        yield "json-decoded", json.dumps(decoded, ensure_ascii=False)


def _squash(data: bytes) -> bytes:
    """Lowercase ASCII letters and digits only: catches slugs, CBOR words, "a b", "a_b"."""
    return _NOT_ALNUM.sub(b"", data.lower())


def find_markers(site: Path, markers: list[str]) -> list[Finding]:
    """Every place where one of ``markers`` shows through, however it is encoded.

    Three needles per marker: the marker itself (case-insensitive) in every decoded
    view; the marker with separators removed (``leakmarkerdraft7f3a``, as in slugs and
    search terms); and in the search index's term shards, where words are stored one
    by one, the marker's last part (its unique hex suffix) alone.
    """
    findings: list[Finding] = []
    wanted = [
        (m, m.lower(), _squash(m.encode()), m.rsplit("-", 1)[-1].lower().encode())
        for m in markers
    ]
    for blob in blobs(site):
        member = blob.name.rsplit("!", 1)[-1]
        names = {"name": member, "name-percent-decoded": unquote(unquote(member))}
        data = blob.data
        flat = _squash(data)
        is_index = blob.name.startswith("search-index/") and "/t/" in blob.name
        try:
            views = [(how, v.lower()) for how, v in text_views(data.decode("utf-8"))]
        except UnicodeDecodeError:
            views = []
        for marker, lower, squashed, suffix in wanted:
            for how, name in names.items():
                if lower in name.lower() or squashed in _squash(name.encode()):
                    findings.append(Finding(f"{blob.name} (name)", marker, how))
            if squashed in flat:
                findings.append(Finding(blob.name, marker, "bytes"))
            if is_index and b'"' + suffix + b'"' in data.lower():
                findings.append(Finding(blob.name, marker, "search term"))
            for how, view in views:
                if lower in view or squashed in _squash(view.encode()):
                    findings.append(Finding(blob.name, marker, how))
    return sorted(set(findings), key=lambda f: (f.where, f.marker, f.how))


def thumbnail(data: bytes) -> list[int] | None:
    """A 16x16 grey-level signature of an image, or None when ``data`` is no image."""
    if not data.startswith(_IMAGE_MAGIC) and data[4:8] != b"ftyp":
        return None
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.draft("L", (64, 64))
            return list(im.convert("L").resize((16, 16), Image.Resampling.BOX).tobytes())
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def difference(a: list[int], b: list[int]) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def find_pictures(site: Path, sources: dict[str, Path]) -> dict[str, list[str]]:
    """For each named source image, the outputs that show the same picture."""
    wanted = {name: thumbnail(path.read_bytes()) for name, path in sources.items()}
    found: dict[str, list[str]] = {name: [] for name in sources}
    for blob in blobs(site):
        sig = thumbnail(blob.data)
        if sig is None:
            continue
        for name, ref in wanted.items():
            if ref is not None and difference(sig, ref) < SAME_PICTURE:
                found[name].append(blob.name)
    return found
