"""build_feed: the archive as JSON Feed 1.1 pages for the reader app.

One item per published article and per comic, newest issue first and the issue's
reading order within it; a comic placed in several issues is one item, with the issue
that first published it. Item ids are permanent (:mod:`policemag.ids`), so an app
deduplicates across retitlings, URL changes and paging. Everything an app needs
beyond JSON Feed (issue, direction, EPUB, comic pages) is in the ``_policemag``
extension object of each item; docs/app-feed.md documents it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policemag import ids, urls
from policemag.config import MagazineConfig
from policemag.feed.common import (
    absolute,
    compact_doc,
    first_issues,
    iso_date,
    modified_at,
    published_at,
    rfc3339,
)
from policemag.feed.html import article_html, comic_html, shown_pages
from policemag.feed.icons import FAVICON, ICON
from policemag.feed.media import MediaImage, MediaLookup
from policemag.model import Article, Comic, Image, Issue, Magazine, direction_of
from policemag.titles import headline, issue_title

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
    """All items, newest issue first (highest number), then the issue's reading order.

    A comic is one item, placed with the issue that first published it: a rerun in a
    later issue adds no item (its id and URL would repeat); that issue's manifest and
    EPUB still carry it, and its ``position`` is skipped in the later issue."""
    published = {a.source.resolve(): a for a in magazine.articles}
    shown = shown_pages(published)
    firsts = first_issues(magazine)
    items: list[dict[str, Any]] = []
    for issue in sorted(magazine.issues, key=lambda i: i.number, reverse=True):
        about = issue_extension(issue, config, media)
        # positions count published contents only: a gap would hint at a hidden article
        for position, entry in enumerate(issue.contents, start=1):
            if isinstance(entry, Article):
                item = _article_item(entry, issue, position, about, config, media, published, shown)
            elif firsts[entry.slug] is issue:
                item = _comic_item(entry.comic, issue, position, about, config, media)
            else:
                continue
            items.append(compact_doc(item))
    return items


def issue_extension(issue: Issue, config: MagazineConfig, media: MediaLookup) -> dict[str, Any]:
    """What every item of ``issue`` says about it in ``_policemag.issue``."""
    size = media.epub_size(issue.id)
    epub = {"url": absolute(config, urls.epub_file(issue)), "size_in_bytes": size} if size else None
    return {
        "id": ids.issue_id(issue, config),
        "number": issue.number,
        "title": issue_title(issue, config.words),
        "headline": headline(issue, config.words) or None,
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


def _epub_attachment(about: dict[str, Any]) -> list[dict[str, Any]] | None:
    epub = about.get("epub")
    if not epub:
        return None
    return [
        {
            "url": epub["url"],
            "mime_type": EPUB_MIME,
            "title": about["title"],
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
    shown: frozenset[str],
) -> dict[str, Any]:
    when = published_at(issue, article)
    sources = [article.source, *(img.path for img in article.all_images)]
    lead = media.image(article.image.path) if article.image else None
    return {
        "id": ids.article_id(article, issue, config),
        "url": absolute(config, urls.article_page(article)),
        "title": article.title,
        "summary": article.summary,
        "content_html": article_html(article, config, media, published, shown),
        "image": absolute(config, lead.path) if lead else None,
        "date_published": rfc3339(when),
        "date_modified": rfc3339(modified_at(when, media, sources)),
        "authors": [{"name": name} for name in article.authors],
        "tags": [config.section_label(article.section, article.lang)],
        "language": article.lang,
        "attachments": _epub_attachment(about),
        EXTENSION: {
            "about": absolute(config, media.about) if media.about else None,
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
    lang = ids.comic_lang(comic)
    pages = media.pages(comic.slug, lang)
    sources = [comic.source, *(p.art for page in comic.pages for p in page.panels)]
    editions = {}
    for edition in comic.languages:
        editions[edition] = {
            "id": ids.comic_edition_id(comic, edition, config),
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
        "id": ids.comic_edition_id(comic, lang, config),
        "url": absolute(config, urls.comic_page(comic, lang)),
        "title": comic.title[lang],
        "summary": comic.summary.get(lang),
        "content_html": comic_html(comic, lang, pages, config),
        "image": absolute(config, pages[0].image.path),
        "date_published": rfc3339(when),
        "date_modified": rfc3339(modified_at(when, media, sources)),
        "tags": [config.section_label(COMICS_SECTION, lang)],
        "language": lang,
        "attachments": _epub_attachment(about),
        EXTENSION: {
            "about": absolute(config, media.about) if media.about else None,
            "kind": "comic",
            "dir": comic.dir,
            "section": COMICS_SECTION,
            "position": position,
            "issue": about,
            "comic": {"slug": comic.slug, "editions": editions},
        },
    }
