"""build_epub: one EPUB 3 per issue.

Layout of the book (paths inside the zip)::

    mimetype                      stored, first
    META-INF/container.xml
    EPUB/content.opf              package: metadata, manifest, spine (rtl)
    EPUB/toc.ncx                  for EPUB 2 reading systems
    EPUB/styles/magazine.css
    EPUB/fonts/NotoSansArabic-{regular,bold}.ttf   subsets
    EPUB/images/<sha>.{jpg,png,webp}
    EPUB/text/cover.xhtml, titlepage.xhtml, nav.xhtml
    EPUB/text/a-<slug>.xhtml      articles, contents order
    EPUB/text/comic-<slug>-<n>.xhtml   fixed-layout comic pages
    EPUB/text/comic-<slug>-text.xhtml  the comic's transcript, right after its pages
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from policemag import ids
from policemag.cache import atomic_write_bytes
from policemag.config import MagazineConfig
from policemag.content.links import rewrite_links
from policemag.epub import documents as docs
from policemag.epub.a11y import accessibility_metadata
from policemag.epub.comicpages import edition_lang, letter_all, transcript_pages
from policemag.epub.package import BookSpec, Item, SpineRef, assemble
from policemag.epub.repack import repack
from policemag.epub.stylesheet import embedded_fonts, stylesheet
from policemag.feed.common import published_at, rfc3339
from policemag.i18n import Words
from policemag.model import Article, ComicRef, Issue, Link
from policemag.titles import creator, issue_languages, issue_title, magazine_title

#: Image types an EPUB may carry (EPUB 3.3 core media types; never AVIF, RSC-032).
MEDIA_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
XHTML = "application/xhtml+xml"


def issue_identifier(issue: Issue, config: MagazineConfig) -> str:
    """The book's ``unique-identifier``: the issue's permanent id
    (:func:`policemag.ids.issue_id`), the same as in the catalogue and the feed, so an
    app ties a downloaded book to its entry; a rebuild or a retitling keeps it."""
    return ids.issue_id(issue, config)


def build_time_of(issue: Issue, config: MagazineConfig) -> datetime:
    """The book's one timestamp: SOURCE_DATE_EPOCH if the caller set it, else the issue
    date (UTC): an issue's EPUB keeps its bytes when later issues are published."""
    moment = config.source_epoch or datetime.combine(issue.date, time(0), UTC)
    return moment.astimezone(UTC)


@dataclass
class _Book:
    """Items and spine as they are decided, in order."""

    items: list[Item] = field(default_factory=list)
    spine: list[SpineRef] = field(default_factory=list)
    pictures: dict[Path, docs.Picture] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)

    def picture(self, source: Path, width: int, height: int, mime: str) -> docs.Picture:
        """Add the image file ``source`` once (named by content hash) and place it."""
        if mime not in MEDIA_TYPES:
            raise ValueError(f"{source}: {mime} cannot go into an EPUB (JPEG, PNG or WebP)")
        if source not in self.pictures:
            data = source.read_bytes()
            digest = hashlib.sha256(data).hexdigest()[:16]
            href = f"images/{digest}{MEDIA_TYPES[mime]}"
            if all(i.href != href for i in self.items):
                self.items.append(Item(f"img-{digest}", href, mime, data))
            self.pictures[source] = docs.Picture(href, width, height)
        return self.pictures[source]

    def document(
        self,
        id_: str,
        name: str,
        xhtml: str,
        *,
        spine: bool = True,
        fixed: bool = False,
        properties: tuple[str, ...] = (),
    ) -> str:
        self.items.append(Item(id_, f"text/{name}", XHTML, xhtml.encode("utf-8"), properties))
        self.texts.append(xhtml)
        if spine:
            self.spine.append(SpineRef(id_, fixed))
        return name


def build_epub(
    issue: Issue,
    config: MagazineConfig,
    out_dir: Path,
    *,
    images: Mapping[Path, Any] | None = None,
    comics: Mapping[str, Any] | None = None,
) -> Path:
    """Write ``out_dir/<issue.id>.epub`` and return its path.

    ``issue`` must already be the published issue (``Issue.published(now)``): this
    function writes every article it is given, drafts included. ``images`` are
    ``policemag.images`` ImageSets by source path (built here when None) and must cover
    the cover and every article image; ``comics`` are lettered comics by slug (lettered
    here when None). Same inputs and SOURCE_DATE_EPOCH give the same bytes.
    Raises ``ContentErrors`` when a comic cannot be lettered.

    The cover is the issue's designed cover (:mod:`policemag.images.cover`): the build
    passes issues that already have it; an issue that has not is given it here.
    """
    from policemag.images.cover import with_designed_cover

    issue = with_designed_cover(issue, config)
    words, lang = config.words, issue.lang
    if images is None:
        images = _image_sets(issue, config)
    lettered = letter_all(issue.comics, config, comics)
    book = _Book()

    def place(path: Path) -> docs.Picture:
        r = images[path].epub()
        return book.picture(Path(r.cached), r.width, r.height, r.mime)

    cover = place(issue.cover.path)
    cover_id = next(i.id for i in book.items if i.href == cover.href)
    book.document("cover", "cover.xhtml", docs.cover_document(issue, cover, words))
    book.document(
        "titlepage",
        "titlepage.xhtml",
        docs.title_document(issue, magazine_title(lang, config), words),
    )
    book.spine.append(SpineRef("nav"))

    toc: list[docs.TocEntry] = []
    links = book_links(issue, config)
    for entry in issue.contents:
        if isinstance(entry, Article):
            toc.append(_add_article(book, rewrite_links(entry, links), config, place))
        elif isinstance(entry, ComicRef):
            toc.append(_add_comic(book, entry, lettered[entry.slug], issue.lang, words))

    first = toc[0].href if toc else "titlepage.xhtml"
    landmarks = [
        ("cover", "cover.xhtml", words.t(lang, "cover")),
        ("titlepage", "titlepage.xhtml", words.t(lang, "titlepage")),
        ("toc", "nav.xhtml#toc", words.t(lang, "toc")),
        ("bodymatter", first, words.t(lang, "start")),
    ]
    nav = docs.nav_document(issue, toc, landmarks, words)
    book.document("nav", "nav.xhtml", nav, spine=False, properties=("nav",))

    text = "".join(book.texts)
    # French documents and passages (dir="ltr") read in the Latin face
    fonts = embedded_fonts(text, config.cache, text if 'dir="ltr"' in text else "")
    for n, font in enumerate(fonts):
        book.items.append(Item(f"font-{n}", f"fonts/{font.name}", "font/ttf", font.data))
    book.items.append(
        Item("css", "styles/magazine.css", "text/css", stylesheet(fonts).encode("utf-8"))
    )

    moment = build_time_of(issue, config)
    # the catalogue's title ("العدد 7: <headline>"); the magazine is the collection, so
    # reading systems shelve the issues together, in order
    magazine = magazine_title(lang, config)
    langs = issue_languages(issue)
    spec = BookSpec(
        identifier=issue_identifier(issue, config),
        title=issue_title(issue, words),
        lang=issue.lang,
        direction=issue.dir,
        modified=moment,
        date=rfc3339(published_at(issue)),
        publisher=magazine,
        collection=magazine,
        position=issue.number,
        creator=creator(issue, config),
        contributors=_contributors(issue),
        description=issue.theme,
        cover_id=cover_id,
        items=book.items,
        spine=book.spine,
        toc=_flat_toc(toc),
        meta=accessibility_metadata(
            lang,
            has_comics=bool(issue.comics),
            certifier=magazine,
            words=words,
        ),
        other_langs=langs[1:],
    )
    data = repack(assemble(spec), moment)
    return _write(out_dir / f"{issue.id}.epub", data)


def _contributors(issue: Issue) -> list[str]:
    """Article authors in reading order, each once (``dc:contributor``)."""
    names: list[str] = []
    for article in issue.articles:
        names += [n for n in article.authors if n not in names]
    return names


def book_links(issue: Issue, config: MagazineConfig) -> Callable[[Link], str]:
    """Where a link of an article of ``issue`` points in its EPUB: a document of the
    book when the target is in it (an article, the issue's title page, a comic's first
    page), else the target's absolute web address (another issue, a section)."""
    articles = {f"{a.issue_id}/{a.slug}": f"a-{a.slug}.xhtml" for a in issue.articles}
    comics = {c.slug: f"comic-{c.slug}-1.xhtml" for c in issue.comics if c.pages}

    def url(link: Link) -> str:
        if link.kind == "article" and link.key in articles:
            return articles[link.key] + link.anchor
        if link.kind == "issue" and link.key == issue.id:
            return "titlepage.xhtml"
        if link.kind == "comic" and link.key in comics:
            return comics[link.key]
        return config.url(link.path) + link.anchor

    return url


def _add_article(
    book: _Book, article: Article, config: MagazineConfig, place: Any
) -> docs.TocEntry:
    lead = place(article.image.path) if article.image else None
    pictures = {img.src: place(img.path) for img in article.images}
    xhtml = docs.article_document(
        article,
        config.section_label(article.section, article.lang),
        lead,
        pictures,
        config.cache,
        words=config.words,
    )
    name = book.document(f"a-{article.slug}", f"a-{article.slug}.xhtml", xhtml)
    return docs.TocEntry(article.title, name, article.lang)


def _add_comic(
    book: _Book, ref: ComicRef, lettered: Any, book_lang: str, words: Words
) -> docs.TocEntry:
    """Fixed-layout pages, then the transcript (see docs/epub.md for why)."""
    comic = ref.comic
    lang = edition_lang(comic, book_lang)
    title = comic.title[lang]
    names: list[str] = []
    children: list[docs.TocEntry] = []
    for page in lettered.pages[lang]:
        pic = book.picture(Path(page.jpeg), page.width, page.height, "image/jpeg")
        page_title = words.t(lang, "comic_page_title", title=title, n=page.number)
        alt = page.alt or page_title
        name = book.document(
            f"c-{comic.slug}-{page.number}",
            f"comic-{comic.slug}-{page.number}.xhtml",
            docs.comic_page_document(lang, page_title, alt, pic),
            fixed=True,
        )
        names.append(name)
        children.append(docs.TocEntry(words.t(lang, "page_n", n=page.number), name, lang))
    heading = words.t(lang, "epub_transcript", title=title)
    pages = transcript_pages(comic, lang, words)
    text_name = book.document(
        f"c-{comic.slug}-text",
        f"comic-{comic.slug}-text.xhtml",
        docs.transcript_document(
            lang, heading, pages, lambda n: f"comic-{comic.slug}-{n}.xhtml", words
        ),
    )
    children.append(docs.TocEntry(words.t(lang, "transcript_short"), text_name, lang))
    return docs.TocEntry(title, names[0] if names else text_name, lang, tuple(children))


def _flat_toc(toc: list[docs.TocEntry]) -> list[tuple[str, str]]:
    return [(e.title, f"text/{e.href}") for e in toc]


def _image_sets(issue: Issue, config: MagazineConfig) -> Mapping[Path, Any]:
    from policemag.images.cover import image_sets

    paths = [issue.cover.path] + [img.path for a in issue.articles for img in a.all_images]
    return image_sets(paths, config)


def _write(path: Path, data: bytes) -> Path:
    """Write atomically: a reader never sees half an EPUB."""
    return atomic_write_bytes(path, data)
