"""One build, from repository to outputs, without MkDocs.

``prepare_build`` reads and validates everything and does the derived work that can
fail (image probing, comic lettering) before anything is written; ``write_outputs``
then writes the files that MkDocs does not (media, fonts, EPUBs, feeds, search index).
The MkDocs plugin and the CLI both drive these two functions.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policemag import urls
from policemag.cache import REBUILT, REUSED, CacheStore, atomic_link, link_tree
from policemag.comics import LetteredComic, letter_comic, write_comic_assets
from policemag.config import MagazineConfig
from policemag.content.magazine import read_magazine
from policemag.content.pages import check_confined, read_pages
from policemag.errors import ContentError, ContentErrors, ErrorLog
from policemag.images.cover import CoverDrawing, image_sets, start_designed_covers
from policemag.images.derivatives import (
    ImageBuildError,
    ImageSet,
    Rendition,
    write_image_sets,
)
from policemag.model import Issue, Magazine
from policemag.preview import visible_magazine
from policemag.site import share as share_images
from policemag.site.chrome import site_chrome
from policemag.site.media import SiteMedia, published_images
from policemag.site.pages import (
    PageSource,
    Shares,
    build_pages,
    render_comic_pages,
    render_not_found,
    src_uri,
)
from policemag.site.share import ShareImage, emblem_png_path, plan_share_images

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from policemag.site.compress import Precompressor

log = logging.getLogger("policemag.build")


@dataclass
class Build:
    config: MagazineConfig
    magazine: Magazine  # what is published: no drafts, nothing under embargo
    pages: list[PageSource]
    images: dict[Path, ImageSet]
    comics: dict[str, LetteredComic]
    warnings: list[ContentError] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)
    #: SOURCE_DATE_EPOCH before the site build pinned it (see :func:`pin_source_date`)
    source_date_before: str | None = None
    #: pages/ files (MkDocs src_uri) that are drafts: never published
    draft_pages: frozenset[str] = frozenset()
    #: share images by page path and the emblem's PNG (policemag.site.share)
    shares: Shares = field(default_factory=Shares)
    #: what the templates print around every page (policemag.site.chrome)
    chrome: dict[str, Any] = field(default_factory=dict)
    #: the 404 page's content and head (MkDocs writes 404.html from the theme)
    not_found: PageSource | None = None
    #: the magazine as read, drafts and embargoed articles included (``check`` lists
    #: what is held back)
    everything: Magazine | None = None
    #: share images already in the cache, by key (:func:`draw_share_images`)
    share_files: dict[str, Path] | None = None
    #: unpacked books the output worker stored in this build, by ``books`` key: their
    #: contents (:func:`make_epub_and_copies`, :func:`write_books`)
    fresh_books: dict[str, Any] = field(default_factory=dict)
    #: designed covers still being drawn (their planned sets are in ``images`` until
    #: :meth:`finish_covers`)
    covers: CoverDrawing | None = None

    def covers_ready(self) -> bool:
        """Whether every designed cover is drawn (nothing waits in :meth:`finish_covers`)."""
        return self.covers is None or self.covers.done()

    def finish_covers(self, *, keep_pool: bool = False) -> ProcessPoolExecutor | None:
        """Wait for the designed covers being drawn and put their image sets, as stored
        (verified, with their files' sizes), in ``images``: before anything reads the
        covers' files (EPUBs, site/, feeds). ``keep_pool``: return the drawing's pool
        of workers, running, for the caller to use and shut down (None when no pool
        drew covers, or it is gone)."""
        if self.covers is None:
            return None
        drawing, self.covers = self.covers, None
        pool = drawing.finish(keep_pool=keep_pool)
        paths = [job.path for job in drawing.jobs]
        self.images.update(image_sets(paths, self.config))
        return pool

    @functools.cached_property
    def published_repr(self) -> str:
        """``repr`` of the published magazine (every field and text): the feed and the
        search index keys both hash it (0.2 s at 2,000 articles, so made once)."""
        return repr(self.magazine)

    @functools.cached_property
    def epub_keys(self) -> dict[str, str]:
        """:func:`epub_key` of every published issue, by issue id: the EPUB worker and
        :func:`write_epubs` both need them."""
        return {issue.id: epub_key(issue, self) for issue in self.magazine.issues}


def prepare_build(config: MagazineConfig) -> Build:
    """Read, validate and derive; raise :class:`ContentErrors` listing every error."""
    everything, errors = read_magazine(
        config.root, privacy_errors=config.privacy_errors, sections=config.sections, now=config.now
    )
    check_confined(config.root, errors)
    hand_pages = read_pages(config.root, errors, privacy_errors=config.privacy_errors)
    errors.raise_if_errors()
    # each published issue gets its designed cover (policemag.images.cover): the EPUB,
    # the feeds and the web all show it
    # (drawn on a pool while the pages are written: their renditions' names are known)
    magazine, covers = start_designed_covers(visible_magazine(everything, config), config)
    try:
        images = derive_images(magazine, config, errors, covers.planned_sets() if covers else None)
        comics = letter_comics(magazine, config, errors)
        errors.raise_if_errors()
    except BaseException:
        if covers is not None:
            covers.cancel()
        raise
    media = SiteMedia(images)
    shares = Shares(plan_share_images(magazine, config, images), emblem_png_path(config), config.search)
    pages = (
        build_pages(magazine, config, media, shares)
        + render_comic_pages(magazine, comics, config, shares)
        + developer_pages(config)
    )
    drafts = frozenset(p.src_uri for p in hand_pages if p.draft)
    published = [p.path for p in pages] + [_page_path(p.src_uri) for p in hand_pages if not p.draft]
    return Build(
        config, magazine, pages, images, comics, errors.warnings, build_nav(magazine, config),
        draft_pages=drafts, shares=shares, chrome=site_chrome(magazine, config, published),
        not_found=render_not_found(config, shares), everything=everything, covers=covers,
    )


def _page_path(src: str) -> str:
    """The site path of a pages/ file: ``about.md`` -> ``about/``, ``a/index.md`` -> ``a/``."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def derive_images(
    magazine: Magazine, config: MagazineConfig, errors: ErrorLog, planned: dict[Path, ImageSet] | None = None
) -> dict[Path, ImageSet]:
    """Every rendition of every published image (cached by content hash, in parallel);
    ``planned``: the sets of the designed covers being drawn."""
    try:
        return image_sets(published_images(magazine), config, planned)
    except ImageBuildError as exc:
        for path, code, message in exc.problems:
            errors.add(path, 0, code, message)
        raise ContentErrors(errors.errors) from None


def letter_comics(magazine: Magazine, config: MagazineConfig, errors: ErrorLog) -> dict[str, LetteredComic]:
    """Every published comic lettered in each of its languages (cached); fit errors logged."""
    out: dict[str, LetteredComic] = {}
    for slug in sorted(magazine.comics):
        lettered = letter_comic(magazine.comics[slug], config, errors)
        if lettered is not None:
            out[slug] = lettered
    return out


def pin_source_date(root: Path, magazine: Magazine) -> str | None:
    """Give every timestamp in the outputs one content-derived instant.

    MkDocs (sitemap ``lastmod``), fontTools (the fonts' ``head.modified``) and the EPUB
    read SOURCE_DATE_EPOCH and fall back to the clock without it, so two builds of the
    same content on different days would differ. When it is unset, empty (CI templates
    often export it empty, and MkDocs then crashes) or not a number, it is set to the
    newest published issue's date (00:00 UTC), else 0: derived from the content, not
    from git, so a commit that changes no content changes no output. The previous value
    is returned for :func:`unpin_source_date` (the plugin calls it when the build ends).
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if (previous or "").strip().isdigit():
        return previous
    epoch = 0
    if magazine.latest:
        day = magazine.latest.date
        epoch = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    return previous


def unpin_source_date(previous: str | None) -> None:
    """Put SOURCE_DATE_EPOCH back as it was before :func:`pin_source_date`."""
    if previous is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = previous


def build_nav(magazine: Magazine, config: MagazineConfig) -> list[Any]:
    """A short navigation: home, latest issue, archive, sections, search.

    Articles stay out of the sidebar on purpose: a sidebar listing the whole archive
    makes every page grow with the archive (notes/performance.md).
    """
    lang, t = config.lang, config.words.t
    nav: list[Any] = [{t(lang, "home"): "index.md"}]
    if magazine.latest:
        nav.append({f"{t(lang, 'issue')} {magazine.latest.number}": src_uri(urls.issue_page(magazine.latest))})
    nav.append({t(lang, "archive"): src_uri(urls.ARCHIVE)})
    sections = [
        {config.section_label(s, lang): src_uri(urls.section_page(s))} for s in magazine.sections()
    ]
    if sections:
        nav.append({t(lang, "sections"): sections})
    nav.append({t(lang, "search"): src_uri(urls.SEARCH)})
    # the app developers' page is in the footer (policemag.site.chrome), not the readers' menu
    return nav


APP_DOC = "docs/app-feed.md"
DEVELOPERS = "developers/"


def developer_pages(config: MagazineConfig) -> list[PageSource]:
    """docs/app-feed.md, the app developers' guide, published as an English page."""
    doc = config.root / APP_DOC
    if not doc.exists():
        return []
    text = doc.read_text(encoding="utf-8")
    front = "---\ntitle: App developers\nlang: en\ndir: ltr\nsearch: false\n---\n\n"
    return [PageSource(DEVELOPERS, src_uri(DEVELOPERS), front + text, "en", "ltr")]


def draw_share_images(
    build: Build, *, workers: int | None = None, beside_worker: bool = False,
    between: Callable[[], None] | None = None,
) -> None:
    """Put every share image in the cache now, on up to ``workers`` processes; then
    :func:`write_outputs` only links them. The MkDocs adapter calls this while the
    output worker (:mod:`policemag.jobs`) still works: this process would otherwise
    wait for it idle. ``beside_worker``: the worker draws the missing ones too (from
    the first, :func:`make_share_images`); this process from the last, until they meet,
    calling ``between`` after each image (the adapter sends the worker its jobs once
    the covers are drawn)."""
    from policemag.site import share

    meet = "last" if beside_worker else None
    build.share_files = share.draw_share_images(
        dict(build.shares.images), build.config, workers, meet=meet, between=between
    )


def missing_share_images(build: Build) -> dict[str, ShareImage]:
    """The planned share images not in the cache (by a look for their files: whether a
    stored one is intact is checked when it is used), by page path."""
    store = CacheStore(build.config.cache, share_images.NAMESPACE)
    plans = build.shares.images.items()
    return {page: p for page, p in plans if not store.path(p.key, ".jpg").exists()}


def make_icons(config: MagazineConfig) -> None:
    """The feed's icons and the emblem's PNG into the store (the output worker's first
    job in a cold build: about 0.25 s that ``write_outputs`` otherwise spent at its end,
    on one core)."""
    from policemag.feed import feed_icons

    feed_icons(config)
    share_images.emblem_png(config)


def make_share_images(plans: dict[str, ShareImage], config: MagazineConfig) -> int:
    """Draw ``plans`` into the cache in this process (the output worker's job,
    :mod:`policemag.jobs`); returns how many were drawn."""
    before = REBUILT[share_images.NAMESPACE]
    share_images.draw_share_images(plans, config, workers=1, meet="first")
    return REBUILT[share_images.NAMESPACE] - before


def write_outputs(
    build: Build, site_dir: Path, *, search: bool = True, precompressor: Precompressor | None = None
) -> None:
    """Write media, fonts and the other editions into ``site_dir`` (after the pages).

    EPUBs, feed documents and the search index are reused from the cache
    (:mod:`policemag.cache`: namespaces ``epub``, ``feed``, ``feed-files``, ``search``)
    when their inputs did not change: a warm build does none of that work, and site/
    gets hard links to the stored files, which keep their inode and mtime.

    ``precompressor``: the MkDocs adapter's, which made the pages' compressed copies
    while the EPUB worker ran (:mod:`policemag.site.compress`); else one is made here.
    """
    from policemag.feed import feed_icons, write_bytes
    from policemag.site.compress import Precompressor, precompress
    from policemag.site.fonts import write_fonts
    from policemag.site.share import write_share_images

    build.config.cache.mkdir(parents=True, exist_ok=True)
    build.finish_covers()
    write_image_sets(build.images.values(), site_dir)
    for slug in sorted(build.comics):
        write_comic_assets(build.comics[slug], site_dir)
    write_fonts(site_dir, build.config.cache)
    # each edition's text files are compressed in the background while the next is
    # written (policemag.site.compress); the last ones, and any miss, by precompress
    if precompressor is None:
        precompressor = Precompressor(site_dir, build.config.cache)
    submit = precompressor.submit_new
    epub_sizes = write_epubs(build, site_dir)
    if search:  # first: its hundreds of shards are the most to compress
        write_search_index(build, site_dir)  # after the EPUBs: their Markdown is cached
        submit(urls.SEARCH_INDEX)
    books = write_books(build, site_dir)
    submit(urls.BOOKS)
    write_feed_documents(build, site_dir, epub_sizes, books)
    write_bytes(site_dir, feed_icons(build.config))
    write_share_images(dict(build.shares.images), build.config, site_dir, build.share_files)
    precompress(site_dir, build.config.cache, precompressor)  # last: every text file is in place
    log.info("policemag: rebuilt %s; reused %s", dict(sorted(REBUILT.items())), dict(sorted(REUSED.items())))


def _config_key(config: MagazineConfig) -> str:
    """Every setting that shapes the EPUB and feed bytes (not ``now``: the published
    magazine already reflects it). ``source_epoch`` is among them: the caller's
    SOURCE_DATE_EPOCH, not the sitemap pin, which moves with every new issue."""
    fields = {k: v for k, v in vars(config).items() if k not in ("now", "cache_dir", "preview", "drafts")}
    return repr(sorted(fields.items()))


def epub_store(config: MagazineConfig) -> CacheStore:
    return CacheStore(config.cache, "epub")


def epub_key(issue: Issue, build: Build) -> str:
    """What one issue's EPUB depends on: the issue as published (text, metadata, paths),
    its images' EPUB renditions, its lettered comics, the settings (and the code, as
    every store key)."""
    images = sorted({p.path for p in [issue.cover, *(i for a in issue.articles for i in a.all_images)]})
    # what an EPUB rendition's bytes are: its name hashes them (a cover being drawn has
    # the same name and dimensions, but no size yet)
    renditions = [repr(_identity(build.images[p].epub())) for p in images]
    comics = [repr(build.comics.get(c.slug)) for c in issue.comics]
    return epub_store(build.config).key(repr(issue), _config_key(build.config), *renditions, *comics)


def _identity(rendition: Rendition) -> tuple[str, int, int, str]:
    return rendition.path, rendition.width, rendition.height, rendition.mime


def write_epubs(build: Build, site_dir: Path) -> dict[str, int]:
    """One EPUB per published issue under site/epub/; returns issue id -> size in bytes.

    An issue whose :func:`epub_key` is stored is not rebuilt: its stored file is linked
    (:class:`policemag.jobs.OutputJobs` may have stored it from another process).
    """
    store = epub_store(build.config)
    sizes, kept = {}, []
    for issue in build.magazine.issues:
        key = build.epub_keys[issue.id]
        stored = store.get_file(key, ".epub") or make_epub(key, *epub_inputs(issue, build))
        atomic_link(stored, site_dir / urls.epub_file(issue))
        sizes[issue.id] = stored.stat().st_size
        kept.append(stored)
    store.prune(kept)
    return sizes


def epub_inputs(issue: Issue, build: Build) -> tuple[Issue, MagazineConfig, dict[Path, ImageSet], dict[str, LetteredComic]]:
    """What :func:`build_epub` needs for ``issue``, and no more (it is sent to a worker)."""
    paths = {issue.cover.path} | {i.path for a in issue.articles for i in a.all_images}
    comics = {c.slug: build.comics[c.slug] for c in issue.comics if c.slug in build.comics}
    return issue, build.config, {p: build.images[p] for p in paths}, comics


def make_epub(
    key: str, issue: Issue, config: MagazineConfig, images: dict[Path, ImageSet], comics: dict[str, LetteredComic]
) -> Path:
    """Build one issue's EPUB into the store (in this process or a worker's), and the
    book unpacked for the web reader (namespace ``books``, :func:`write_books`) unless
    it is stored: in a cold build the worker is idle most of the time, this process is
    not (about 10 ms a book)."""
    return _make_epub(key, issue, config, images, comics)[0]


def make_epub_and_copies(
    key: str, issue: Issue, config: MagazineConfig, images: dict[Path, ImageSet], comics: dict[str, LetteredComic]
) -> tuple[Path, dict[str, Any], tuple[str, Any] | None]:
    """:func:`make_epub` in the output worker, which also compresses the unpacked book's
    files as the site will hold them (their copies by key, for the precompressor: at
    200 issues 3,000 files the build's last pass no longer makes). The third value,
    when this call stored the unpacked book: its ``books`` key and its contents
    (:func:`write_books` then neither reads nor verifies again what this build wrote:
    0.8 s at 200 issues)."""
    from policemag.epub.contents import contents_of
    from policemag.site.compress import precompress_files
    from policemag.site.search import article_text

    stored, files, book_key = _make_epub(key, issue, config, images, comics)
    if config.search:  # their Markdown is rendered by now: the index reads their text
        for article in issue.articles:
            article_text(article.body, config.cache)
    prefix = urls.book_dir(issue)
    copies = precompress_files({prefix + name: data for name, data in files.items()}, config.cache)
    return stored, copies, (book_key, contents_of(files)) if book_key is not None else None


def _make_epub(
    key: str, issue: Issue, config: MagazineConfig, images: dict[Path, ImageSet], comics: dict[str, LetteredComic]
) -> tuple[Path, dict[str, bytes], str | None]:
    """:func:`make_epub`; also the unpacked book's files (unzipped once) and their
    ``books`` key when they were stored here (None: they already were)."""
    from policemag.epub import build_epub
    from policemag.epub.contents import book_files

    config.cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=config.cache, prefix=f".epub-{os.getpid()}-") as tmp:
        data = build_epub(issue, config, Path(tmp), images=images, comics=comics).read_bytes()
    stored = epub_store(config).put_bytes(key, data, ".epub")
    books = book_store(config)
    book_key = books.key(key)
    files = book_files(data)
    if books.path(book_key).is_dir():  # write_books verifies it, and remakes a bad one
        return stored, files, None
    books.put_dir(book_key, files)
    return stored, files, book_key


def book_store(config: MagazineConfig) -> CacheStore:
    """The unpacked books, each keyed by its EPUB's key (:func:`write_books`)."""
    return CacheStore(config.cache, "books")


def write_books(build: Build, site_dir: Path) -> dict[str, Any]:
    """Each issue's EPUB unpacked under ``urls.book_dir(issue)``: the reading documents
    of its manifest (no site chrome). The unpacked folder is kept in the cache (namespace
    ``books``, keyed by the EPUB's key; :func:`make_epub` stores it beside the EPUB) and
    hard-linked into site/ like the EPUB itself. Returns the books' structure by issue id
    (:class:`policemag.epub.contents.BookContents`) for the manifests."""
    from policemag.epub.contents import book_contents, book_files

    store = book_store(build.config)
    books, kept = {}, []
    for issue in build.magazine.issues:
        key = store.key(build.epub_keys[issue.id])
        if key in build.fresh_books and store.path(key).is_dir():  # the worker stored it in this build
            folder, books[issue.id] = store.path(key), build.fresh_books[key]
        else:
            folder = store.get_dir(key) or store.put_dir(key, book_files(site_dir / urls.epub_file(issue)))
            books[issue.id] = book_contents(folder)
        link_tree(folder, site_dir / urls.book_dir(issue))
        kept.append(folder)
    store.prune(kept)
    return books


def write_feed_documents(
    build: Build, site_dir: Path, epub_sizes: dict[str, int], books: dict[str, Any] | None = None
) -> None:
    """JSON Feed, OPDS and Readium manifests: rebuilt only when the published magazine,
    its media, the settings or the code changed. Each document is stored by the hash of
    its bytes, so a rebuild keeps the inode and mtime of every document it did not change
    (an edit in one issue leaves the other issues' manifests as they were)."""
    from policemag.feed import build_documents, dump_json, media_from

    books = books or {}
    # the extension's documentation: the developers' page, when this build publishes it
    about = DEVELOPERS if any(p.path == DEVELOPERS for p in build.pages) else None
    media = media_from(build.images, build.comics, epub_sizes, books=books, about=about)
    store = CacheStore(build.config.cache, "feed")
    # content-addressed (key = sha256 of the bytes, no code version): a document whose
    # bytes did not change keeps its stored file, so its inode, across any rebuild
    blobs = CacheStore(build.config.cache, "feed-files")
    key = store.key(
        build.published_repr, _config_key(build.config),
        repr(sorted(build.images.items())), repr(sorted(build.comics.items())), repr(sorted(epub_sizes.items())),
        repr(sorted(books.items())), repr(about),
    )
    stored = store.get_bytes(key, ".json")
    index: dict[str, str] | None = json.loads(stored) if stored is not None else None
    if index is not None and any(blobs.get_file(sha) is None for sha in index.values()):
        index = None  # a document is missing or damaged: make them all again
    if index is None:
        index = {}
        for path, doc in build_documents(build.magazine, build.config, media).items():
            data = dump_json(doc)
            sha = hashlib.sha256(data).hexdigest()
            if blobs.get_file(sha) is None:
                blobs.put_bytes(sha, data)
            index[path] = sha
        store.put_bytes(key, json.dumps(index, sort_keys=True).encode(), ".json")
    for path, sha in sorted(index.items()):
        atomic_link(blobs.path(sha), site_dir / path)
    store.prune([store.path(key, ".json")])
    blobs.prune([blobs.path(sha) for sha in index.values()])


def search_store(config: MagazineConfig) -> CacheStore:
    return CacheStore(config.cache, "search")


def search_key(build: Build) -> str:
    """What the search index depends on: the published magazine, the lettered comics,
    the settings and the code (:func:`policemag.site.search.search_docs` reads no more)."""
    return search_store(build.config).key(
        build.published_repr, _config_key(build.config), repr(sorted(build.comics.items())),
    )


def make_search_index(
    key: str, magazine: Magazine, config: MagazineConfig, comics: dict[str, LetteredComic]
) -> Path:
    """Build the search index into the store; returns the stored folder."""
    from policemag.search.index import build_search_index
    from policemag.site.search import search_docs

    files = build_search_index(search_docs(magazine, config, comics))
    return search_store(config).put_dir(key, files)


def write_search_index(build: Build, site_dir: Path) -> None:
    """The search index (:mod:`policemag.search`) under site/search-index/, made again
    only when :func:`search_key` changed."""
    store = search_store(build.config)
    key = search_key(build)
    stored = store.get_dir(key) or make_search_index(key, build.magazine, build.config, build.comics)
    link_tree(stored, site_dir / urls.SEARCH_INDEX)
    store.prune([stored])
