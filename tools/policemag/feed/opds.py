"""build_opds: the issues as an OPDS 2.0 catalogue, newest first, paged, and the comics.

Each publication is one issue: open-access acquisition of its EPUB, a link to its
Readium manifest, its cover with real dimensions; its metadata is the issue manifest's
(:func:`policemag.feed.readium.issue_metadata`). Each page also has a group of the comic
editions first published by its issues (Divina profile): open-access acquisition of the
Divina manifest, the web page, page 1 as the image. The title stays a plain string at
feed level (Readium's Kotlin parser reads it with toString()).
"""

from __future__ import annotations

from typing import Any

from policemag import urls
from policemag.config import MagazineConfig
from policemag.feed.common import absolute, compact_doc, first_issues
from policemag.feed.media import MediaLookup
from policemag.feed.readium import (
    DIVINA,
    EPUB_MIME,
    WEBPUB,
    divina_metadata,
    image_link,
    issue_metadata,
    issue_modified,
)
from policemag.model import Comic, Issue, Magazine

OPDS_MIME = "application/opds+json"
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"


def build_opds(
    magazine: Magazine, config: MagazineConfig, media: MediaLookup
) -> list[dict[str, Any]]:
    """OPDS 2.0 pages (``urls.opds_page(n)``), ``config.feed_page_size`` issues each.

    Every page has metadata.numberOfItems/itemsPerPage/currentPage and links self,
    first, last, and previous/next where they exist (they count issues). A page whose
    issues first published comics has a group of their editions (the comics section's
    label as its title). An empty archive gives one page
    with no publications but a navigation link to the web edition (OPDS requires one
    of publications, navigation or groups).
    """
    issues = sorted(magazine.issues, key=lambda i: i.number, reverse=True)
    firsts = first_issues(magazine)
    size = max(1, config.feed_page_size)
    chunks = [issues[i : i + size] for i in range(0, len(issues), size)] or [[]]
    count = len(chunks)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        links = [_link("self", number, config)]
        if count > 1:
            links.append(_link("first", 1, config))
            if number > 1:
                links.append(_link("previous", number - 1, config))
            if number < count:
                links.append(_link("next", number + 1, config))
            links.append(_link("last", count, config))
        links.append({"rel": "alternate", "href": absolute(config, urls.HOME), "type": "text/html"})
        links.append(
            {
                "rel": "related",
                "href": absolute(config, urls.feed_page(1)),
                "type": "application/feed+json",
            }
        )
        page: dict[str, Any] = {
            "metadata": {
                "title": config.title,
                "numberOfItems": len(issues),
                "itemsPerPage": size,
                "currentPage": number,
                "modified": max((issue_modified(i, media) for i in issues), default=None),
            },
            "links": links,
        }
        if chunk:
            page["publications"] = [publication(i, config, media) for i in chunk]
            comics = [
                comic_publication(comic, lang, config, media, issue)
                for issue in chunk
                for comic in issue.comics
                if firsts[comic.slug] is issue
                for lang in comic.languages
            ]
            if comics:
                label = config.section_label("comics", config.lang)
                page["groups"] = [
                    {
                        "metadata": {"title": label, "numberOfItems": len(comics)},
                        "publications": comics,
                    }
                ]
        else:
            page["navigation"] = [
                {"href": absolute(config, urls.HOME), "type": "text/html", "title": config.title}
            ]
        pages.append(compact_doc(page))
    return pages


def _link(rel: str, number: int, config: MagazineConfig) -> dict[str, Any]:
    return {"rel": rel, "href": absolute(config, urls.opds_page(number)), "type": OPDS_MIME}


def publication(issue: Issue, config: MagazineConfig, media: MediaLookup) -> dict[str, Any]:
    """One issue as an OPDS publication."""
    links: list[dict[str, Any]] = []
    size = media.epub_size(issue.id)
    if size:
        links.append(
            {
                "rel": OPEN_ACCESS,
                "href": absolute(config, urls.epub_file(issue)),
                "type": EPUB_MIME,
            }
        )
    # the manifest is an acquisition too (a web publication), so a catalogue built
    # without EPUBs still satisfies "at least one acquisition link"
    links.append(
        {"rel": OPEN_ACCESS, "href": absolute(config, urls.manifest_file(issue)), "type": WEBPUB}
    )
    links.append(
        {"rel": "alternate", "href": absolute(config, urls.issue_page(issue)), "type": "text/html"}
    )
    return compact_doc(
        {
            "metadata": issue_metadata(issue, config, media),
            "links": links,
            "images": [image_link(media.image(issue.cover.path), config)],
        }
    )


def comic_publication(
    comic: Comic, lang: str, config: MagazineConfig, media: MediaLookup, issue: Issue
) -> dict[str, Any]:
    """One comic edition as an OPDS publication (Divina profile), dated by ``issue``,
    the first to publish it."""
    pages = media.pages(comic.slug, lang)
    return compact_doc(
        {
            "metadata": divina_metadata(comic, lang, config, media, issue),
            "links": [
                {
                    "rel": OPEN_ACCESS,
                    "href": absolute(config, urls.divina_file(comic, lang)),
                    "type": DIVINA,
                },
                {
                    "rel": "alternate",
                    "href": absolute(config, urls.comic_page(comic, lang)),
                    "type": "text/html",
                },
            ],
            "images": [image_link(pages[0].image, config)],
        }
    )
