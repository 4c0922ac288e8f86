"""build_feed: the archive as JSON Feed 1.1 pages for the reader app.

One item per published article and comic placement, newest issue first and the
issue's reading order within it. Item ids are permanent (:attr:`Article.uid`), so an
app deduplicates across retitlings, URL changes and paging. Everything an app needs
beyond JSON Feed (issue, direction, EPUB, comic pages) is in the ``_policemag``
extension object of each item; docs/app-feed.md documents it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policemag import urls
from policemag.config import MagazineConfig
from policemag.feed.common import (
    absolute,
    comic_uid,
    compact_doc,
    iso_date,
    issue_uid,
    modified_at,
    published_at,
    rfc3339,
)
from policemag.feed.html import article_html, comic_html
from policemag.feed.icons import FAVICON, ICON
from policemag.feed.media import MediaImage, MediaLookup
from policemag.model import Article, Comic, Image, Issue, Magazine, direction_of

VERSION = "https://jsonfeed.org/version/1.1"
MIME = "application/feed+json"
EPUB_MIME = "application/epub+zip"
EXTENSION = "_policemag"
COMICS_SECTION = "comics"


def build_feed(
    magazine: Magazine, config: MagazineConfig, media: MediaLookup
) -> list[dict[str, Any]]:
    """JSON Feed pages of ``magazine`` (already filtered by ``Magazine.published``).

    Page 1 is ``urls.feed_page(1)`` (feed.json), page n ``urls.feed_page(n)``; each holds
    ``config.feed_page_size`` items (the last one fewer) and every page but the last
    has ``next_url``. Always at least one page, even for an empty archive. Pure: same
    input, same output; no value is ``None``. Raises ``MissingMedia`` when ``media``
    lacks an image or comic page the content uses.
    """
    items = feed_items(magazine, config, media)
    size = max(1, config.feed_page_size)
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    home = absolute(config, urls.HOME)
    pages: list[dict[str, Any]] = []
    for number, chunk in enumerate(chunks, start=1):
        last = number == len(chunks)
        page = {
            "version": VERSION,
            "title": config.title,
            "home_page_url": home,
            "feed_url": absolute(config, urls.feed_page(1)),
            "description": config.description,
            "language": config.lang,
            "icon": absolute(config, ICON),
            "favicon": absolute(config, FAVICON),
            "authors": [{"name": config.title, "url": home}],
            "next_url": None if last else absolute(config, urls.feed_page(number + 1)),
        }
        # items is required even when empty: added after compact_doc, which drops []
        pages.append(compact_doc(page) | {"items": chunk})
    return pages


def feed_items(
    magazine: Magazine, config: MagazineConfig, media: MediaLookup
) -> list[dict[str, Any]]:
    """All items, newest issue first (highest number), then the issue's reading order."""
    published = {a.source.resolve(): a for a in magazine.articles}
    items: list[dict[str, Any]] = []
    for issue in sorted(magazine.issues, key=lambda i: i.number, reverse=True):
        about = issue_extension(issue, config, media)
        # positions count published contents only: a gap would hint at a hidden article
        for position, entry in enumerate(issue.contents, start=1):
            if isinstance(entry, Article):
                item = _article_item(entry, issue, position, about, config, media, published)
            else:
                item = _comic_item(entry.comic, issue, position, about, config, media)
            items.append(compact_doc(item))
    return items


def issue_extension(issue: Issue, config: MagazineConfig, media: MediaLookup) -> dict[str, Any]:
    """What every item of ``issue`` says about it in ``_policemag.issue``."""
    size = media.epub_size(issue.id)
    epub = {"url": absolute(config, urls.epub_file(issue)), "size_in_bytes": size} if size else None
    return {
        "id": issue_uid(issue),
        "number": issue.number,
        "title": issue.title,
        "date": iso_date(issue.date),
        "language": issue.lang,
        "dir": issue.dir,
        "url": absolute(config, urls.issue_page(issue)),
        "manifest_url": absolute(config, urls.manifest_file(issue)),
        "cover": image_object(media.image(issue.cover.path), config, issue.cover.alt),
        "epub": epub,
    }


def image_object(
    image: MediaImage, config: MagazineConfig, alt: str | None = None
) -> dict[str, Any]:
    return {
        "url": absolute(config, image.path),
        "width": image.width,
        "height": image.height,
        "mime_type": image.mime,
        "alt": alt,
    }


def _lead_object(image: MediaImage, config: MagazineConfig, lead: Image) -> dict[str, Any]:
    """The lead image, with its visible ``caption`` and ``credit`` when the editor gave
    them (absent otherwise; ``alt`` is for screen readers, never shown as a caption)."""
    out = image_object(image, config, lead.alt)
    if lead.caption:
        out["caption"] = lead.caption
    if lead.credit:
        out["credit"] = lead.credit
    return out


def _epub_attachment(issue: Issue, about: dict[str, Any]) -> list[dict[str, Any]] | None:
    epub = about.get("epub")
    if not epub:
        return None
    return [
        {
            "url": epub["url"],
            "mime_type": EPUB_MIME,
            "title": issue.title,
            "size_in_bytes": epub["size_in_bytes"],
        }
    ]


def _article_item(
    article: Article,
    issue: Issue,
    position: int,
    about: dict[str, Any],
    config: MagazineConfig,
    media: MediaLookup,
    published: dict[Path, Article],
) -> dict[str, Any]:
    when = published_at(issue, article)
    sources = [article.source, *(img.path for img in article.all_images)]
    lead = media.image(article.image.path) if article.image else None
    return {
        "id": article.uid,
        "url": absolute(config, urls.article_page(article)),
        "title": article.title,
        "summary": article.summary,
        "content_html": article_html(article, config, media, published),
        "image": absolute(config, lead.path) if lead else None,
        "date_published": rfc3339(when),
        "date_modified": rfc3339(modified_at(when, media, sources)),
        "authors": [{"name": name} for name in article.authors],
        "tags": [config.section_label(article.section, article.lang)],
        "language": article.lang,
        "attachments": _epub_attachment(issue, about),
        EXTENSION: {
            "kind": "article",
            "dir": article.dir,
            "section": article.section,
            "position": position,
            "image": _lead_object(lead, config, article.image) if lead and article.image else None,
            "issue": about,
        },
    }


def _comic_item(
    comic: Comic,
    issue: Issue,
    position: int,
    about: dict[str, Any],
    config: MagazineConfig,
    media: MediaLookup,
) -> dict[str, Any]:
    when = published_at(issue)
    lang = comic.lang if comic.lang in comic.languages else comic.languages[0]
    pages = media.pages(comic.slug, lang)
    sources = [comic.source, *(p.art for page in comic.pages for p in page.panels)]
    editions = {}
    for edition in comic.languages:
        editions[edition] = {
            "title": comic.title.get(edition),
            "summary": comic.summary.get(edition),
            "dir": direction_of(edition),
            "url": absolute(config, urls.comic_page(comic, edition)),
            "manifest_url": absolute(config, urls.divina_file(comic, edition)),
            "pages": [
                {
                    "number": p.number,
                    **image_object(p.image, config, p.alt),
                    "geometry_url": absolute(config, p.geometry),
                }
                for p in media.pages(comic.slug, edition)
            ],
        }
    return {
        "id": comic_uid(issue, comic),
        "url": absolute(config, urls.comic_page(comic, lang)),
        "title": comic.title[lang],
        "summary": comic.summary.get(lang),
        "content_html": comic_html(comic, lang, pages, config),
        "image": absolute(config, pages[0].image.path),
        "date_published": rfc3339(when),
        "date_modified": rfc3339(modified_at(when, media, sources)),
        "tags": [config.section_label(COMICS_SECTION, lang)],
        "language": lang,
        "attachments": _epub_attachment(issue, about),
        EXTENSION: {
            "kind": "comic",
            "dir": comic.dir,
            "section": COMICS_SECTION,
            "position": position,
            "issue": about,
            "comic": {"slug": comic.slug, "editions": editions},
        },
    }
