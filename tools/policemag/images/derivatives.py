"""Image derivatives: sizes and formats for the web, the EPUB and the app feed.

Read side: :func:`build_image_sets` derives (or finds in the cache) every rendition of
every source and returns typed :class:`ImageSet` values. Write side:
:func:`write_image_sets` puts their files into site/, :func:`picture_html` writes the
markup. Sources are expected to have passed ``probe_image``; a source that still fails to
decode raises :class:`ImageBuildError` with E020/E021, it never hangs the build.
"""

from __future__ import annotations

import filecmp
import html
import os
import re
import unicodedata
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policemag.cache import atomic_link
from policemag.images import render
from policemag.images.cache import ImageCache
from policemag.images.settings import EXTENSIONS, JPEG, ImageSettings, set_key
from policemag.urls import relative
from policemag.workers import pool_size, process_pool

__all__ = [
    "ImageBuildError",
    "ImageSet",
    "ImageSettings",
    "Rendition",
    "build_image_sets",
    "image_set_of",
    "picture_html",
    "stored_image_set",
    "write_image_sets",
]

#: Site folder of every derivative.
MEDIA = "media/"


@dataclass(frozen=True)
class Rendition:
    """One derived file. ``path`` is its site path, content-hashed
    (``media/<stem>.<hash10>.<width>.<ext>``): the bytes behind a path never change, so it
    can be served as immutable. ``cached`` is the file to copy from. ``purpose``: web, epub
    or feed; an epub or feed rendition may share its file (and path) with a web one."""

    path: str
    cached: Path
    width: int
    height: int
    mime: str
    size: int
    purpose: str = "web"


@dataclass(frozen=True)
class ImageSet:
    """All renditions of one source; ``width`` x ``height`` is the source as displayed
    (after EXIF orientation). ``renditions`` are sorted by (purpose, mime, width)."""

    source: Path
    width: int
    height: int
    renditions: tuple[Rendition, ...]

    def web(self) -> tuple[Rendition, ...]:
        """The ``<picture>`` set: each web width x each web format (at least one width)."""
        return tuple(r for r in self.renditions if r.purpose == "web")

    def best(self, mime: str, max_width: int) -> Rendition:
        """The widest web rendition of ``mime`` not wider than ``max_width``, else the
        narrowest. Raises KeyError when ``mime`` is not produced (AVIF when off)."""
        of_type = [r for r in self.web() if r.mime == mime]
        if not of_type:
            raise KeyError(f"no {mime} rendition of {self.source.name}")
        fitting = [r for r in of_type if r.width <= max_width]
        if fitting:
            return max(fitting, key=lambda r: r.width)
        return min(of_type, key=lambda r: r.width)

    def epub(self) -> Rendition:
        """Long side <= ``epub_long_side``; JPEG, or PNG when the source has transparency."""
        return next(r for r in self.renditions if r.purpose == "epub")

    def feed(self) -> Rendition:
        """The app's image: ``feed_mime`` at most ``feed_width`` wide (WebP 960 by default)."""
        return next(r for r in self.renditions if r.purpose == "feed")


class ImageBuildError(Exception):
    """Sources that could not be derived: ``problems`` holds (path, code, message),
    sorted; ``str()`` gives one ``path: CODE message`` line each."""

    def __init__(self, problems: list[tuple[Path, str, str]]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(f"{p}: {code} {msg}" for p, code, msg in self.problems))


def build_image_sets(
    paths: Iterable[Path],
    cache_dir: Path,
    settings: ImageSettings = ImageSettings(),  # noqa: B008 (frozen, so a safe default)
    workers: int | None = None,
) -> dict[Path, ImageSet]:
    """Derive every rendition of ``paths`` not already in the cache under ``cache_dir``
    (the cache root, ``MagazineConfig.cache``; see :mod:`policemag.images.cache`).

    Sources are keyed by the sha256 of their bytes, the settings and the code and codec
    versions. A warm call (nothing changed) does no image work: it hashes the sources
    (or, for unchanged size and mtime, reads their hash from an index), reads one small
    JSON record per source and checks its files against their digests. Missing sets are derived in parallel, one source per task,
    on ``workers`` processes (default: all cores). Output bytes do not depend on the
    number of workers. Raises :class:`ImageBuildError` listing every source that failed.
    """
    cache = ImageCache(cache_dir)
    sources = sorted({Path(p) for p in paths})
    found: dict[Path, dict[str, Any]] = {}
    todo: list[tuple[Path, str, str]] = []
    for path in sources:
        sha = cache.source_sha(path)
        key = set_key(sha, settings)
        record = cache.load_set(key)
        if record is None:
            todo.append((path, sha, key))
        else:
            found[path] = record
    cache.save_index()
    problems: list[tuple[Path, str, str]] = []
    # the same bytes under several names (a masthead reused as every cover) are derived once
    first: dict[str, tuple[Path, str, str]] = {}
    for entry in todo:
        first.setdefault(entry[2], entry)
    unique = list(first.values())
    records = dict(zip((k for _, _, k in unique), _derive_all(unique, cache, settings, workers), strict=True))
    for path, _, key in todo:
        record = records[key]
        if "error" in record:
            problems.append((path, record["error"][0], record["error"][1]))
        else:
            if first[key][0] == path:
                cache.store_set(key, record)
            found[path] = record
    if problems:
        raise ImageBuildError(problems)
    return {path: image_set_of(path, found[path], cache) for path in sources}


def _derive_all(
    todo: list[tuple[Path, str, str]],
    cache: ImageCache,
    settings: ImageSettings,
    workers: int | None,
) -> list[dict[str, Any]]:
    """Run :func:`render.derive` for each entry, in order of ``todo``.

    Small sources (under :data:`SMALL_PIXELS`) are derived in this process: a pool costs
    more to start (fork, or forkserver under ``serve``: up to a second) than they take.
    Large ones go to a pool of ``workers`` processes when there are at least two of
    them; the small ones are derived here meanwhile.
    """
    files = str(cache.root)
    large = [i for i, (p, _, _) in enumerate(todo) if _pixels(p) >= SMALL_PIXELS]
    workers = pool_size(len(large), workers)
    if workers == 1:
        return [render.derive(str(p), sha, settings, files) for p, sha, _ in todo]
    # Largest files first: the long tasks start early and the pool drains evenly.
    order = sorted(large, key=lambda i: (-todo[i][0].stat().st_size, i))
    futures: dict[int, Future[dict[str, Any]]] = {}
    done: dict[int, dict[str, Any]] = {}
    with process_pool(workers, images=True) as pool:  # fork, or forkserver under serve's threads
        for i in order:
            path, sha, _ = todo[i]
            futures[i] = pool.submit(render.derive, str(path), sha, settings, files)
        for i, (path, sha, _) in enumerate(todo):
            if i not in futures:
                done[i] = render.derive(str(path), sha, settings, files)
        return [done[i] if i in done else futures[i].result() for i in range(len(todo))]


#: Sources with fewer pixels are derived without a pool (a 1 MP JPEG takes about 0.1 s).
SMALL_PIXELS = 1_000_000


def _pixels(path: Path) -> int:
    """Width x height from the file's header (no decoding); 0 when unreadable (the
    derivation then reports the error)."""
    from PIL import Image

    try:
        with Image.open(path) as im:
            return int(im.width * im.height)
    except Exception:
        return 0


def stored_image_set(
    path: Path, source_sha: str, cache: ImageCache, settings: ImageSettings
) -> ImageSet | None:
    """The image set of ``path`` whose source is named ``source_sha``, if its record and
    every rendition are in the cache intact (else None: nothing is derived here)."""
    record = cache.load_set(set_key(source_sha, settings))
    return None if record is None else image_set_of(path, record, cache)


def image_set_of(path: Path, record: dict[str, Any], cache: ImageCache) -> ImageSet:
    """The :class:`ImageSet` of ``path`` described by a set ``record`` (as
    :func:`policemag.images.render.derive` makes, or plans, it)."""
    stem = _slug(path.stem)
    renditions = tuple(
        Rendition(
            path=f"{MEDIA}{stem}.{row['key'][:10]}.{row['width']}.{EXTENSIONS[row['mime']]}",
            cached=cache.cached_file(row),
            width=row["width"],
            height=row["height"],
            mime=row["mime"],
            size=row["size"],
            purpose=row["purpose"],
        )
        for row in record["renditions"]
    )
    ordered = tuple(sorted(renditions, key=lambda r: (r.purpose, r.mime, r.width)))
    return ImageSet(path, record["width"], record["height"], ordered)


def _slug(stem: str) -> str:
    """A URL-safe ASCII file stem: what an editor named the file, where possible
    (accents folded: ``Marché`` -> ``marche``; Arabic names become ``image``)."""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")[:40].strip("-")
    return slug or "image"


def write_image_sets(sets: Iterable[ImageSet], site_dir: Path) -> list[str]:
    """Put every rendition at ``site_dir/<path>``: a hard link to the cache file where
    possible (no copy; the site and the cache must then not be edited in place), else a
    copy. Files already identical are left alone. Returns the site paths written, sorted."""
    written: list[str] = []
    seen: set[str] = set()
    for image_set in sets:
        for r in image_set.renditions:
            if r.path in seen:
                continue
            seen.add(r.path)
            dest = site_dir / r.path
            if dest.exists() and (
                os.path.samefile(dest, r.cached)
                or (dest.stat().st_size == r.size and filecmp.cmp(dest, r.cached, shallow=False))
            ):
                continue
            atomic_link(r.cached, dest)
            written.append(r.path)
    return sorted(written)


def picture_html(
    image_set: ImageSet,
    alt: str,
    page_path: str,
    *,
    sizes: str = "(max-width: 60rem) 100vw, 60rem",
    lazy: bool = True,
    css_class: str | None = None,
) -> str:
    """``<picture>`` markup for the page at site path ``page_path``.

    One ``<source>`` per modern format (AVIF, WebP), then an ``<img>`` whose ``src`` is
    the JPEG at most 960 wide and whose ``width``/``height`` are that file's, so the
    browser reserves the right box. ``lazy=False`` is for the first image of a page (the
    likely Largest Contentful Paint): it is fetched eagerly with high priority.
    """
    def srcset(mime: str) -> str:
        return ", ".join(
            f"{html.escape(relative(page_path, r.path))} {r.width}w"
            for r in image_set.web()
            if r.mime == mime
        )

    esc_sizes = html.escape(sizes)
    parts = ["<picture>"]
    mimes = sorted({r.mime for r in image_set.web()} - {JPEG}, key=_mime_order)
    for mime in mimes:
        parts.append(f'<source type="{mime}" srcset="{srcset(mime)}" sizes="{esc_sizes}">')
    img = image_set.best(JPEG, 960)
    attrs = [
        f'src="{html.escape(relative(page_path, img.path))}"',
        f'srcset="{srcset(JPEG)}"',
        f'sizes="{esc_sizes}"',
        f'width="{img.width}"',
        f'height="{img.height}"',
        f'alt="{html.escape(alt)}"',
    ]
    attrs += ['loading="lazy"', 'decoding="async"'] if lazy else ['fetchpriority="high"']
    if css_class:
        attrs.append(f'class="{html.escape(css_class)}"')
    parts.append(f"<img {' '.join(attrs)}>")
    parts.append("</picture>")
    return "".join(parts)


def _mime_order(mime: str) -> int:
    """Browsers take the first ``<source>`` they support: smallest format first."""
    return {"image/avif": 0, "image/webp": 1}.get(mime, 2)
