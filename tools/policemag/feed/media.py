"""What the feed builders need to know about files other stages wrote.

The feed builders are pure: they never open an image, never look at the EPUB, never
letter a comic. The caller runs those stages first and hands their results over in a
:class:`MediaLookup`, usually made by :func:`media_from` from the images, comics and
EPUB stages' own return values. Every URL a builder writes comes either from
:mod:`policemag.urls` or from this lookup, which is how "every URL in the feed points to
a file that was written" holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from policemag.epub.contents import BookContents


class MissingMedia(LookupError):
    """A builder needed a file the caller did not provide: a bug in the caller, not content."""


@dataclass(frozen=True)
class MediaImage:
    """One image file in site/: ``path`` is its site path (content-hashed when possible)."""

    path: str
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class ComicPageMedia:
    """One lettered comic page in one language: its image and its geometry JSON."""

    number: int
    image: MediaImage
    geometry: str
    alt: str


@dataclass(frozen=True)
class MediaLookup:
    """Everything the builders read about written files, keyed by source.

    - ``images``: source image (its absolute path, as in :class:`~policemag.model.Image`)
      to the rendition the feed uses.
    - ``epub_sizes``: issue id to the size in bytes of ``urls.epub_file(issue)``. An issue
      missing here has no EPUB: builders then leave out every EPUB link.
    - ``comic_pages``: comic slug to language to its lettered pages in reading order.
    - ``changed``: optional last-change instant of source files (e.g. from git history);
      it only ever moves ``date_modified``/``modified`` later than the publication instant.
    - ``books``: issue id to the structure of its EPUB as unpacked under
      ``urls.book_dir(issue)`` (:func:`policemag.epub.contents.book_contents`): the issue
      manifest's reading order. Without it the manifest falls back to the web pages.
    - ``about``: site path of the page that documents the ``_policemag`` extension
      (``urls.DEVELOPERS``), when the build publishes it.
    """

    images: Mapping[Path, MediaImage] = field(default_factory=dict)
    epub_sizes: Mapping[str, int] = field(default_factory=dict)
    comic_pages: Mapping[str, Mapping[str, tuple[ComicPageMedia, ...]]] = field(
        default_factory=dict
    )
    changed: Mapping[Path, datetime] = field(default_factory=dict)
    books: Mapping[str, BookContents] = field(default_factory=dict)
    about: str | None = None

    def image(self, source: Path) -> MediaImage:
        """The rendition of ``source``; raise :class:`MissingMedia` when there is none."""
        found = self.images.get(source) or self.images.get(source.resolve())
        if found is None:
            raise MissingMedia(f"no feed rendition for {source}")
        return found

    def epub_size(self, issue_id: str) -> int | None:
        return self.epub_sizes.get(issue_id)

    def book(self, issue_id: str) -> BookContents | None:
        return self.books.get(issue_id)

    def pages(self, slug: str, lang: str) -> tuple[ComicPageMedia, ...]:
        """Lettered pages of comic ``slug`` in ``lang``; raise :class:`MissingMedia` if none."""
        pages = self.comic_pages.get(slug, {}).get(lang)
        if not pages:
            raise MissingMedia(f"no lettered pages for comic {slug!r} in {lang!r}")
        return pages

    def last_change(self, sources: Sequence[Path]) -> datetime | None:
        """Latest known change among ``sources`` (None when none is known)."""
        known = [self.changed[p] for p in sources if p in self.changed]
        return max(known) if known else None


# --- structural types of the other stages' results (images, comics), so that this
# module does not import them and the feed can be built and tested on its own.


class RenditionLike(Protocol):
    @property
    def path(self) -> object: ...  # a site path (str or PurePosixPath)
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def mime(self) -> str: ...


class ImageSetLike(Protocol):
    def feed(self) -> RenditionLike: ...


class LetteredPageLike(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def alt(self) -> str: ...


class LetteredComicLike(Protocol):
    @property
    def pages(self) -> Mapping[str, Sequence[LetteredPageLike]]: ...


def comic_page_image(slug: str, lang: str, number: int) -> str:
    """Site path of a lettered page image, as the comics stage writes it."""
    return f"comics/{slug}/{lang}/page-{number}.webp"


def comic_page_geometry(slug: str, lang: str, number: int) -> str:
    """Site path of a lettered page's geometry (panels, balloons) JSON."""
    return f"comics/{slug}/{lang}/page-{number}.json"


def media_from(
    image_sets: Mapping[Path, ImageSetLike],
    lettered_comics: Mapping[str, LetteredComicLike],
    epub_sizes: Mapping[str, int],
    changed: Mapping[Path, datetime] | None = None,
    books: Mapping[str, BookContents] | None = None,
    about: str | None = None,
) -> MediaLookup:
    """A :class:`MediaLookup` from the stages' results.

    ``image_sets`` is what ``build_image_sets`` returned, ``lettered_comics`` maps a
    comic slug to what ``letter_comic`` returned for it, ``epub_sizes`` maps an issue id
    to the size of its written EPUB.
    """
    images: dict[Path, MediaImage] = {}
    for source, image_set in image_sets.items():
        r = image_set.feed()
        images[source] = MediaImage(str(r.path), r.width, r.height, r.mime)
    comics: dict[str, dict[str, tuple[ComicPageMedia, ...]]] = {}
    for slug, lettered in lettered_comics.items():
        comics[slug] = {
            lang: tuple(
                ComicPageMedia(
                    number=p.number,
                    image=MediaImage(
                        comic_page_image(slug, lang, p.number), p.width, p.height, "image/webp"
                    ),
                    geometry=comic_page_geometry(slug, lang, p.number),
                    alt=p.alt,
                )
                for p in pages
            )
            for lang, pages in lettered.pages.items()
        }
    return MediaLookup(
        images=images,
        epub_sizes=dict(epub_sizes),
        comic_pages=comics,
        changed=dict(changed or {}),
        books=dict(books or {}),
        about=about,
    )
