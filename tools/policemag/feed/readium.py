"""Readium Web Publication Manifests: one per issue, and Divina ones for comics.

A manifest lets a Readium-based app open an issue as a web publication (its article
pages in reading order, right to left) without downloading the EPUB first.
"""

from __future__ import annotations

from typing import Any

from policemag import urls
from policemag.config import MagazineConfig
from policemag.feed.common import (
    absolute,
    compact_doc,
    issue_uid,
    languages,
    modified_at,
    published_at,
    rfc3339,
)
from policemag.feed.media import MediaImage, MediaLookup
from policemag.model import Article, Comic, ComicRef, Issue

CONTEXT = "https://readium.org/webpub-manifest/context.jsonld"
WEBPUB = "application/webpub+json"
DIVINA = "application/divina+json"
DIVINA_PROFILE = "https://readium.org/webpub-manifest/profiles/divina"
ISSUE_TYPE = "https://schema.org/PublicationIssue"
EPUB_MIME = "application/epub+zip"


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


def build_manifest(issue: Issue, config: MagazineConfig, media: MediaLookup) -> dict[str, Any]:
    """The RWPM of ``issue`` (already filtered by ``Issue.published``), for
    ``urls.manifest_file(issue)``.

    readingOrder: the issue's article and comic pages (absolute URLs, text/html) in
    reading order; resources: the cover and the images those pages carry. The EPUB is
    linked as an alternate only when ``media`` knows its size (i.e. it was written).
    Raises ``MissingMedia`` if an image has no rendition.
    """
    cover = media.image(issue.cover.path)
    reading: list[dict[str, Any]] = []
    resources: list[dict[str, Any]] = [image_link(cover, config, "cover")]
    langs: list[str] = []
    for entry in issue.contents:
        if isinstance(entry, Article):
            langs.append(entry.lang)
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
            langs.append(comic.lang)
            reading.append(
                {
                    "href": absolute(config, urls.comic_page(comic, comic.languages[0])),
                    "type": "text/html",
                    "title": comic.title.get(comic.languages[0]),
                }
            )
    links = [{"rel": "self", "href": absolute(config, urls.manifest_file(issue)), "type": WEBPUB}]
    if media.epub_size(issue.id):
        links.append(
            {"rel": "alternate", "href": absolute(config, urls.epub_file(issue)), "type": EPUB_MIME}
        )
    links.append(
        {"rel": "alternate", "href": absolute(config, urls.issue_page(issue)), "type": "text/html"}
    )
    lang_list = languages(issue.lang, langs)
    metadata = {
        "@type": ISSUE_TYPE,
        "title": issue.title,
        "identifier": issue_uid(issue),
        "language": lang_list[0] if len(lang_list) == 1 else lang_list,
        "description": issue.theme,
        "publisher": config.title,
        "readingProgression": issue.dir,
        "published": rfc3339(published_at(issue)),
        "modified": issue_modified(issue, media),
        "belongsTo": belongs_to(issue, config),
    }
    return compact_doc(
        {
            "@context": CONTEXT,
            "metadata": metadata,
            "links": links,
            "readingOrder": reading,
            "resources": resources,
        }
    )


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
    art = [p.art for page in comic.pages for p in page.panels]
    published = published_at(issue) if issue else None
    metadata = {
        "@type": "https://schema.org/ComicStory",
        "conformsTo": DIVINA_PROFILE,
        "title": comic.title.get(lang),
        "description": comic.summary.get(lang),
        "identifier": f"tag:policemag,comics:/{comic.slug}/{lang}",
        "language": lang,
        # panels run the way the comic was drawn, whatever language is lettered in
        "readingProgression": comic.dir,
        "layout": "fixed",
        "numberOfPages": len(pages),
        "published": rfc3339(published) if published else None,
        "modified": rfc3339(modified_at(published, media, [comic.source, *art]))
        if published
        else None,
    }
    reading = []
    for n, page in enumerate(pages):
        link = image_link(page.image, config, "cover" if n == 0 else None)
        link["title"] = page.alt
        reading.append(link)
    return compact_doc(
        {"@context": CONTEXT, "metadata": metadata, "links": links, "readingOrder": reading}
    )
