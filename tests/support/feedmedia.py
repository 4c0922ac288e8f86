"""Stand-ins for the images, comics and EPUB stages, to build feeds without them.

Feed tests call :func:`stand_in_media`
instead of running those stages: it goes through :func:`media_from` with objects shaped
like the real stages' results, so it checks that adapter too. :func:`site_files` lists
what a whole build would write, to check that every URL of a feed leads to a file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image as PILImage

from policemag import urls
from policemag.config import MagazineConfig
from policemag.feed.icons import FAVICON, ICON
from policemag.feed.media import MediaLookup, media_from
from policemag.model import Comic, Magazine


@dataclass(frozen=True)
class StandInRendition:
    path: str
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class StandInImageSet:
    rendition: StandInRendition

    def feed(self) -> StandInRendition:
        return self.rendition


@dataclass(frozen=True)
class StandInPage:
    number: int
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class StandInLetteredComic:
    pages: Mapping[str, tuple[StandInPage, ...]]


def stand_in_image_set(source: Path) -> StandInImageSet:
    """A WebP rendition named by the source's content hash, as the images stage does."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    with PILImage.open(source) as im:
        width, height = im.size
    return StandInImageSet(
        StandInRendition(f"media/{source.stem}-{digest}.webp", width, height, "image/webp")
    )


def stand_in_lettering(comic: Comic, config: MagazineConfig) -> StandInLetteredComic:
    width, height = config.comic_page_size
    return StandInLetteredComic(
        {
            lang: tuple(
                StandInPage(n, width, height, " ".join(p.alt.get(lang, "") for p in page.panels))
                for n, page in enumerate(comic.pages, start=1)
            )
            for lang in comic.languages
        }
    )


def stand_in_media(
    magazine: Magazine,
    config: MagazineConfig,
    epub_size: int = 1000,
    changed: Mapping[Path, datetime] | None = None,
) -> MediaLookup:
    """Media for every image, comic and issue of ``magazine`` (every EPUB ``epub_size`` bytes)."""
    sources = {i.cover.path for i in magazine.issues}
    sources |= {img.path for a in magazine.articles for img in a.all_images}
    sets = {p: stand_in_image_set(p) for p in sorted(sources)}
    lettered = {slug: stand_in_lettering(c, config) for slug, c in magazine.comics.items()}
    sizes = {i.id: epub_size for i in magazine.issues}
    return media_from(sets, lettered, sizes, changed)


def site_files(magazine: Magazine, media: MediaLookup, documents: Mapping[str, object]) -> set[str]:
    """Site paths (files, pages as ``.../index.html``) a build would write."""
    files = {urls.page_file(urls.HOME), urls.page_file(urls.ARCHIVE), ICON, FAVICON}
    files |= set(documents)
    files |= {img.path for img in media.images.values()}
    for issue in magazine.issues:
        files.add(urls.page_file(urls.issue_page(issue)))
        if media.epub_size(issue.id):
            files.add(urls.epub_file(issue))
        files |= {urls.page_file(urls.article_page(a)) for a in issue.articles}
    for comic in magazine.comics.values():
        for lang in comic.languages:
            files.add(urls.page_file(urls.comic_page(comic, lang)))
    for editions in media.comic_pages.values():
        for pages in editions.values():
            for page in pages:
                files |= {page.image.path, page.geometry}
    return files
