"""Readium Web Publication Manifests: one per issue, and Divina ones for comics.

A manifest lets a Readium-based app open an issue as a web publication without
downloading the EPUB first: it conforms to the EPUB profile and its reading order is the
EPUB's own XHTML documents, unpacked under ``books/<issue-id>/`` (no site header, menus
or scripts), with their stylesheet, fonts and images as resources, right to left.
:func:`issue_metadata` is shared with the OPDS catalogue: an issue has one title, id,
language list, description, creator and date everywhere, the EPUB's included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from policemag import ids, urls
from policemag.config import MagazineConfig
from policemag.feed.common import (
    absolute,
    compact_doc,
    modified_at,
    published_at,
    rfc3339,
)
from policemag.feed.media import MediaImage, MediaLookup
from policemag.model import Article, Comic, ComicRef, Issue
from policemag.titles import creator, issue_languages, issue_title

if TYPE_CHECKING:
    from policemag.epub.contents import BookContents, BookLink, TocEntry

CONTEXT = "https://readium.org/webpub-manifest/context.jsonld"
WEBPUB = "application/webpub+json"
DIVINA = "application/divina+json"
DIVINA_PROFILE = "https://readium.org/webpub-manifest/profiles/divina"
EPUB_PROFILE = "https://readium.org/webpub-manifest/profiles/epub"
ISSUE_TYPE = "https://schema.org/PublicationIssue"
EPUB_MIME = "application/epub+zip"
XHTML = "application/xhtml+xml"


def image_link(image: MediaImage, config: MagazineConfig, rel: str | None = None) -> dict[str, Any]:
    """A Link Object for an image, with its real width and height."""
    return compact_doc(
        {
            "rel": rel,
            "href": absolute(config, image.path),
            "type": image.mime,
            "width": image.width,
            "height": image.height,
        }
    )


def issue_modified(issue: Issue, media: MediaLookup) -> str:
    """Last change of anything in ``issue``: its file, cover, articles and comics."""
    instants = [modified_at(published_at(issue), media, [issue.source, issue.cover.path])]
    for entry in issue.contents:
        if isinstance(entry, Article):
            sources = [entry.source, *(i.path for i in entry.all_images)]
            instants.append(modified_at(published_at(issue, entry), media, sources))
        else:
            art = [p.art for page in entry.comic.pages for p in page.panels]
            instants.append(modified_at(published_at(issue), media, [entry.comic.source, *art]))
    return rfc3339(max(instants))


def belongs_to(issue: Issue, config: MagazineConfig) -> dict[str, Any]:
    """The magazine this issue belongs to, and the issue's position in it (its number)."""
    return {
        "magazine": {
            "name": config.title,
            "identifier": absolute(config, urls.HOME),
            "position": issue.number,
            "issue": {"position": issue.number},
        }
    }


def contributors(issue: Issue) -> list[str]:
    """Article authors in reading order, each once."""
    names: list[str] = []
    for article in issue.articles:
        names += [n for n in article.authors if n not in names]
    return names


def issue_metadata(issue: Issue, config: MagazineConfig, media: MediaLookup) -> dict[str, Any]:
    """What OPDS and the issue manifest both say about ``issue`` (and the EPUB too:
    tests compare them): one title (number and headline), one id, languages, theme,
    editorial team and article authors, dates, the magazine and the issue's place in it."""
    langs = issue_languages(issue)
    return {
        "@type": ISSUE_TYPE,
        "title": issue_title(issue, config.words),
        "identifier": ids.issue_id(issue, config),
        "language": langs[0] if len(langs) == 1 else langs,
        "description": issue.theme,
        "author": creator(issue, config),
        "contributor": contributors(issue) or None,
        "publisher": config.title,
        "readingProgression": issue.dir,
        "published": rfc3339(published_at(issue)),
        "modified": issue_modified(issue, media),
        "belongsTo": belongs_to(issue, config),
    }


def divina_links(issue: Issue, config: MagazineConfig) -> list[dict[str, Any]]:
    """The Divina manifest of every comic edition placed in ``issue`` (rel ``related``)."""
    out = []
    for comic in issue.comics:
        for lang in comic.languages:
            out.append(
                {
                    "rel": "related",
                    "href": absolute(config, urls.divina_file(comic, lang)),
                    "type": DIVINA,
                    "title": comic.title.get(lang),
                    "language": lang,
                }
            )
    return out


def build_manifest(issue: Issue, config: MagazineConfig, media: MediaLookup) -> dict[str, Any]:
    """The RWPM of ``issue`` (already filtered by ``Issue.published``), for
    ``urls.manifest_file(issue)``.

    With the issue's EPUB (``media.book``): ``conformsTo`` the EPUB profile, a
    ``readingOrder`` of the book's linear XHTML documents (comic pages with
    ``properties.layout`` ``fixed``), every other file of the book in ``resources``
    (the cover with ``rel: cover``, images with their size) and the book's ``toc``.
    Without it (a build that made no EPUB) the reading order is the issue's web pages.
    ``links``: self, the EPUB, the web page, and each comic edition's Divina manifest.
    Raises ``MissingMedia`` if an image has no rendition.
    """
    book = media.book(issue.id)
    links = [{"rel": "self", "href": absolute(config, urls.manifest_file(issue)), "type": WEBPUB}]
    if media.epub_size(issue.id):
        links.append(
            {"rel": "alternate", "href": absolute(config, urls.epub_file(issue)), "type": EPUB_MIME}
        )
    links.append(
        {"rel": "alternate", "href": absolute(config, urls.issue_page(issue)), "type": "text/html"}
    )
    links += divina_links(issue, config)
    metadata = issue_metadata(issue, config, media)
    toc: list[dict[str, Any]] | None = None
    if book is None:
        reading, resources = _web_reading_order(issue, config, media)
    else:
        metadata = {"conformsTo": EPUB_PROFILE, **metadata, "layout": "reflowable"}
        reading, resources, toc = _book_reading_order(issue, book, config)
    return compact_doc(
        {
            "@context": CONTEXT,
            "metadata": metadata,
            "links": links,
            "readingOrder": reading,
            "resources": resources,
            "toc": toc,
        }
    )


def _book_reading_order(
    issue: Issue, book: BookContents, config: MagazineConfig
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    base = urls.book_dir(issue)

    def link(item: BookLink) -> dict[str, Any]:
        return compact_doc(
            {
                "rel": item.rel,
                "href": absolute(config, base + item.href),
                "type": item.media_type,
                "title": item.title,
                "width": item.width,
                "height": item.height,
                "properties": {"layout": "fixed"} if item.fixed else None,
            }
        )

    def toc(entry: TocEntry) -> dict[str, Any]:
        return compact_doc(
            {
                "href": absolute(config, base + entry.href),
                "type": XHTML,
                "title": entry.title,
                "children": [toc(c) for c in entry.children],
            }
        )

    return (
        [link(i) for i in book.reading_order],
        [link(i) for i in book.resources],
        [toc(e) for e in book.toc],
    )


def _web_reading_order(
    issue: Issue, config: MagazineConfig, media: MediaLookup
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The issue's web pages and their images, when no EPUB was built to read from."""
    reading: list[dict[str, Any]] = []
    resources = [image_link(media.image(issue.cover.path), config, "cover")]
    for entry in issue.contents:
        if isinstance(entry, Article):
            reading.append(
                {
                    "href": absolute(config, urls.article_page(entry)),
                    "type": "text/html",
                    "title": entry.title,
                }
            )
            for img in entry.all_images:
                link = image_link(media.image(img.path), config)
                if link not in resources and link | {"rel": "cover"} not in resources:
                    resources.append(link)
        elif isinstance(entry, ComicRef):
            comic = entry.comic
            reading.append(
                {
                    "href": absolute(config, urls.comic_page(comic, comic.languages[0])),
                    "type": "text/html",
                    "title": comic.title.get(comic.languages[0]),
                }
            )
    return reading, resources


def divina_metadata(
    comic: Comic, lang: str, config: MagazineConfig, media: MediaLookup, issue: Issue | None
) -> dict[str, Any]:
    """What the Divina manifest and the OPDS catalogue say about one comic edition;
    ``issue`` (the comic's first placement) dates it and names its magazine."""
    pages = media.pages(comic.slug, lang)
    art = [p.art for page in comic.pages for p in page.panels]
    published = published_at(issue) if issue else None
    return {
        "@type": "https://schema.org/ComicStory",
        "conformsTo": DIVINA_PROFILE,
        "title": comic.title.get(lang),
        "description": comic.summary.get(lang),
        "identifier": ids.comic_edition_id(comic, lang, config),
        "language": lang,
        "publisher": config.title,
        # panels run the way the comic was drawn, whatever language is lettered in
        "readingProgression": comic.dir,
        "layout": "fixed",
        "numberOfPages": len(pages),
        "published": rfc3339(published) if published else None,
        "modified": rfc3339(modified_at(published, media, [comic.source, *art]))
        if published
        else None,
    }


def build_divina(
    comic: Comic, lang: str, config: MagazineConfig, media: MediaLookup, issue: Issue | None = None
) -> dict[str, Any]:
    """A Divina manifest (``urls.divina_file(comic, lang)``) of the lettered edition of
    ``comic`` in ``lang``: its page images in reading order with width and height,
    other languages as ``alternate`` links. ``issue`` (its first placement) dates it.
    Raises ``MissingMedia`` when the comic was not lettered in ``lang``.
    """
    pages = media.pages(comic.slug, lang)
    links: list[dict[str, Any]] = [
        {"rel": "self", "href": absolute(config, urls.divina_file(comic, lang)), "type": DIVINA}
    ]
    for other in comic.languages:
        if other != lang:
            links.append(
                {
                    "rel": "alternate",
                    "href": absolute(config, urls.divina_file(comic, other)),
                    "type": DIVINA,
                }
            )
    links.append(
        {
            "rel": "alternate",
            "href": absolute(config, urls.comic_page(comic, lang)),
            "type": "text/html",
        }
    )
    metadata = divina_metadata(comic, lang, config, media, issue)
    reading = []
    for n, page in enumerate(pages):
        link = image_link(page.image, config, "cover" if n == 0 else None)
        link["title"] = page.alt
        reading.append(link)
    return compact_doc(
        {"@context": CONTEXT, "metadata": metadata, "links": links, "readingOrder": reading}
    )
