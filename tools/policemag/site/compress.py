"""Text files precompressed beside themselves, and the cache policy the host applies.

A static host (nginx ``gzip_static``/``brotli_static``, Netlify, Cloudflare Pages, a CDN)
sends ``x.html.br`` or ``x.html.gz`` instead of compressing ``x.html`` on every request
when the file is there: the reader gets the smallest bytes the build could make, and the
server spends no CPU on it (docs/web.md, "Cache and compression").

- Which files: text types (:data:`TEXT_SUFFIXES`) of at least :data:`MIN_SIZE` bytes;
  a compressed copy is written only when it is smaller than the file.
- How: gzip level 9 with no name and no timestamp in its header, brotli quality 11 for
  the theme's assets (few, loaded by every page, cached for a year) and quality 7 for
  pages and data (within 1 % of quality 11 on our HTML, 30 times faster: a 2,000-page
  archive stays a few seconds). Same bytes in, same bytes out.
- Cached by the sha256 of the file under ``.cache/precompressed/``: a warm build hashes
  and links, it does not compress again.

:func:`cache_control` is the policy, one function for the sample server
(``policemag_dev.serve``), the tests and the documented nginx configuration.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import brotli

from policemag.cache import CacheStore, atomic_link

#: Suffixes of the files worth compressing (images, fonts, EPUBs are compressed already).
TEXT_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".json", ".svg", ".xml", ".xhtml", ".txt", ".webmanifest", ".opf", ".ncx"}
)
#: Smaller files gain nothing that pays for the extra request header work.
MIN_SIZE = 512
#: Store namespace under ``.cache/``.
NAMESPACE = "precompressed"
#: Folders whose files are named by their content (``name.<hash>.ext``) or live under a
#: hashed folder: they never change, so browsers keep them for a year.
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8,64}\.[^/]+$")
_HASHED_FOLDER = re.compile(r"(^|/)search-index/[0-9a-f]{8,64}/")

IMMUTABLE = "public, max-age=31536000, immutable"
#: Pages and feeds: kept, but asked again each time (a lifted embargo or a correction
#: shows at once; an unchanged page costs a 304).
REVALIDATE = "public, no-cache"
#: Files with a stable name that are not pages (EPUBs, the app's icons): a day.
DAY = "public, max-age=86400"


def cache_control(path: str) -> str:
    """The ``Cache-Control`` header of the site file at ``path`` (relative, '/').

    >>> cache_control("assets/stylesheets/policemag.3f2a9c1d.css")
    'public, max-age=31536000, immutable'
    >>> cache_control("media/2026-11-n112-cover.0123456789.960.webp")
    'public, max-age=31536000, immutable'
    >>> cache_control("assets/stylesheets/main.57a0d79d.min.css")
    'public, max-age=31536000, immutable'
    >>> cache_control("2026-11-n112/index.html"), cache_control("feed.json")
    ('public, no-cache', 'public, no-cache')
    >>> cache_control("epub/2026-11-n112.epub")
    'public, max-age=86400'
    """
    if _HASHED_NAME.search(path) or _HASHED_FOLDER.search(path):
        return IMMUTABLE
    if path.endswith((".html", ".json", ".xml", ".txt", ".webmanifest")) or path.endswith("/") or not path:
        return REVALIDATE
    return DAY


def _quality(path: str) -> int:
    return 11 if path.startswith("assets/") else 7


def compressed(data: bytes, path: str) -> dict[str, bytes]:
    """``{".gz": ..., ".br": ...}`` for ``data`` (the file at site path ``path``), each only
    when it is smaller than ``data``.

    >>> sorted(compressed(b"<p>police</p>" * 100, "a/index.html"))
    ['.br', '.gz']
    >>> compressed(b"x", "a.css")
    {}
    """
    if len(data) < MIN_SIZE:
        return {}
    out = {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, quality=_quality(path)),
    }
    return {k: v for k, v in out.items() if len(v) < len(data)}


def text_files(site_dir: Path) -> Iterable[Path]:
    """The files of ``site_dir`` to precompress, sorted."""
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file() and not path.name.startswith("."):
            yield path


def precompress(site_dir: Path, cache_root: Path) -> int:
    """Write ``.gz`` and ``.br`` beside every text file of ``site_dir`` (a stale copy
    beside a file that no longer gains from it is removed); returns how many were written."""
    store = CacheStore(cache_root, NAMESPACE)
    kept: list[Path] = []
    count = 0
    for path in text_files(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        key = store.key(hashlib.sha256(data).hexdigest(), str(_quality(rel)))
        stored = store.get_dir(key) if len(data) >= MIN_SIZE else None
        if stored is None and len(data) >= MIN_SIZE:
            made = compressed(data, rel)  # nothing to store when nothing gains
            if made:
                stored = store.put_dir(key, {suffix.lstrip("."): blob for suffix, blob in made.items()})
        if stored is not None:
            kept.append(stored)
        for suffix in (".gz", ".br"):
            target = path.with_name(path.name + suffix)
            source = stored / suffix.lstrip(".") if stored is not None else None
            if source is not None and source.is_file():
                atomic_link(source, target)
                count += 1
            else:
                target.unlink(missing_ok=True)
    store.prune(kept)
    return count
