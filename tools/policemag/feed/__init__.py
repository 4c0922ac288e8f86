"""The app's feeds: JSON Feed 1.1, OPDS 2.0 catalogue, Readium manifests (RWPM, Divina).

Pure builders take the already published magazine (``Magazine.published(now)``) and a
:class:`MediaLookup` of files other stages wrote, and return JSON-able dicts;
:func:`write_feeds` writes them. :func:`build_documents` assembles everything a build
writes, keyed by site path. Contract for app developers: docs/app-feed.md.
"""

from __future__ import annotations

from typing import Any

from policemag import urls
from policemag.config import MagazineConfig
from policemag.feed.common import first_issues
from policemag.feed.icons import FAVICON, ICON, feed_icons
from policemag.feed.jsonfeed import build_feed
from policemag.feed.media import (
    ComicPageMedia,
    MediaImage,
    MediaLookup,
    MissingMedia,
    media_from,
)
from policemag.feed.opds import build_opds
from policemag.feed.readium import build_divina, build_manifest
from policemag.feed.write import dump_json, write_bytes, write_feeds
from policemag.model import Magazine


def build_documents(
    magazine: Magazine, config: MagazineConfig, media: MediaLookup
) -> dict[str, dict[str, Any]]:
    """Every JSON document of the feed stage, keyed by site path: feed pages, OPDS
    pages, one manifest per issue, one Divina manifest per comic and language.

    The icons (:func:`feed_icons`) are bytes, not documents: the caller writes them
    with :func:`write_bytes`.
    """
    docs: dict[str, dict[str, Any]] = {}
    for n, page in enumerate(build_feed(magazine, config, media), start=1):
        docs[urls.feed_page(n)] = page
    for n, page in enumerate(build_opds(magazine, config, media), start=1):
        docs[urls.opds_page(n)] = page
    for issue in sorted(magazine.issues, key=lambda i: i.number):
        docs[urls.manifest_file(issue)] = build_manifest(issue, config, media)
    # a comic's Divina manifest is dated by its first publication
    first_issue = first_issues(magazine)
    for slug in sorted(first_issue):
        comic = magazine.comics[slug]
        for lang in comic.languages:
            docs[urls.divina_file(comic, lang)] = build_divina(
                comic, lang, config, media, first_issue[slug]
            )
    return docs


__all__ = [
    "FAVICON",
    "ICON",
    "ComicPageMedia",
    "MediaImage",
    "MediaLookup",
    "MissingMedia",
    "build_divina",
    "build_documents",
    "build_feed",
    "build_manifest",
    "build_opds",
    "dump_json",
    "feed_icons",
    "media_from",
    "write_bytes",
    "write_feeds",
]
