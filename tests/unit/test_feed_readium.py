"""RWPM manifests per issue, Divina manifests per comic, the OPDS 2.0 catalogue."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError
from tests.support.feedcheck import load
from tests.support.feedmedia import stand_in_media
from tests.support.opds_models import OPEN_ACCESS, DivinaManifest, Manifest, OpdsFeed

from policemag.feed import build_divina, build_manifest, build_opds


def test_issue_manifest_is_a_valid_rwpm() -> None:
    _, published, config = load()
    media = stand_in_media(published, config)
    issue = published.issue("2024-02-n2")
    manifest = build_manifest(issue, config, media)
    parsed = Manifest.model_validate(manifest)
    meta = parsed.metadata
    assert meta.type == "https://schema.org/PublicationIssue"
    assert meta.title == "العدد 2: العدد الثاني"  # number, then the title: policemag.titles
    assert meta.identifier == "tag:magazine.police.example,2026:issue/2"
    assert meta.readingProgression == "rtl" and meta.language == ["ar", "fr"]
    assert meta.published == "2024-02-15T00:00:00Z"
    # the latest item (the French article, embargo lifted on the 16th) dates the issue
    assert meta.modified == "2024-02-16T08:00:00Z"
    assert meta.belongsTo is not None and meta.belongsTo.magazine is not None
    assert meta.belongsTo.magazine.name == config.title and meta.belongsTo.magazine.position == 2
    assert [(link.href, link.type, link.title) for link in parsed.readingOrder] == [
        (config.url("2024-02-n2/cyber/"), "text/html", "الجرائم الإلكترونية"),
        (config.url("2024-02-n2/droit/"), "text/html", "Le droit de porter plainte"),
    ]
    self_link = next(link for link in parsed.links if link.rel == "self")
    assert self_link.href == config.url("2024-02-n2/manifest.json")
    assert self_link.type == "application/webpub+json"
    assert any(link.type == "application/epub+zip" for link in parsed.links)
    cover = next(r for r in parsed.resources or [] if r.rel == "cover")
    assert (cover.width, cover.height, cover.type) == (12, 16, "image/webp")
    assert len(parsed.resources or []) == 3  # cover, lead image, chart


def test_manifest_lists_comic_pages_in_reading_order() -> None:
    _, published, config = load()
    manifest = build_manifest(
        published.issue("2024-01-n1"), config, stand_in_media(published, config)
    )
    hrefs = [link["href"] for link in manifest["readingOrder"]]
    assert hrefs == [
        config.url("2024-01-n1/welcome/"),
        config.url("2024-01-n1/securite-routiere/"),
        config.url("comics/phone-scam/"),
    ]
    assert manifest["metadata"]["language"] == ["ar", "fr"]


def test_models_reject_what_the_specs_reject() -> None:
    _, published, config = load()
    good = build_manifest(published.issue("2024-02-n2"), config, stand_in_media(published, config))
    for breakage in (
        lambda m: m["metadata"].update(readingProgression="right-to-left"),
        lambda m: m["metadata"].update(modified="2024-02-16"),
        lambda m: m["links"].pop(0),  # no self link
        lambda m: m["readingOrder"][0].update(href="2024-02-n2/cyber/"),  # relative
        lambda m: m["readingOrder"][0].pop("type"),
        lambda m: m["metadata"].update(language="arabic!"),
    ):
        bad = copy.deepcopy(good)
        breakage(bad)
        with pytest.raises(ValidationError):
            Manifest.model_validate(bad)


def test_divina_manifests_per_language() -> None:
    _, published, config = load()
    media = stand_in_media(published, config)
    comic = published.comics["phone-scam"]
    issue = published.issue("2024-01-n1")
    for lang, progression in (("ar", "rtl"), ("fr", "rtl")):
        parsed = DivinaManifest.model_validate(build_divina(comic, lang, config, media, issue))
        assert parsed.metadata.language == lang
        # panels run the way they were drawn, whatever the lettering language
        assert parsed.metadata.readingProgression == progression
        page = parsed.readingOrder[0]
        assert page.href == config.url(f"comics/phone-scam/{lang}/page-1.webp")
        assert (page.width, page.height) == (1600, 2400)
        other = "fr" if lang == "ar" else "ar"
        assert any(
            link.rel == "alternate" and link.href.endswith(f"/{other}/manifest.json")
            for link in parsed.links
        )


def opds_pages(page_size: int) -> tuple[Any, list[dict[str, Any]]]:
    _, published, config = load(page_size=page_size)
    return config, build_opds(published, config, stand_in_media(published, config))


def test_opds_catalogue_is_valid_and_newest_first() -> None:
    config, pages = opds_pages(50)
    assert len(pages) == 1
    feed = OpdsFeed.model_validate(pages[0])
    assert feed.metadata.title == config.title
    assert (feed.metadata.numberOfItems, feed.metadata.itemsPerPage, feed.metadata.currentPage) == (
        2,
        50,
        1,
    )
    assert [
        link.rel for link in feed.links if link.rel in ("first", "next", "previous", "last")
    ] == []
    publications = feed.publications or []
    assert [p.metadata.identifier for p in publications] == [
        "tag:magazine.police.example,2026:issue/2",
        "tag:magazine.police.example,2026:issue/1",
    ]
    first = publications[0]
    epub = next(link for link in first.links if link.type == "application/epub+zip")
    assert epub.rel == OPEN_ACCESS and epub.href == config.url("epub/2024-02-n2.epub")
    manifest = next(link for link in first.links if link.type == "application/webpub+json")
    assert manifest.href == config.url("2024-02-n2/manifest.json")
    assert (first.images[0].width, first.images[0].height) == (12, 16)
    assert first.metadata.modified == "2024-02-16T08:00:00Z"
    assert first.metadata.published == "2024-02-15T00:00:00Z"


def test_opds_paging_links_are_complete() -> None:
    config, pages = opds_pages(1)
    assert len(pages) == 2
    feeds = [OpdsFeed.model_validate(p) for p in pages]

    def rels(n: int) -> dict[str, str]:
        return {str(link.rel): link.href for link in feeds[n].links}

    assert rels(0)["self"] == config.url("opds.json") and rels(1)["self"] == config.url(
        "opds-2.json"
    )
    assert rels(0)["next"] == config.url("opds-2.json") and "previous" not in rels(0)
    assert rels(1)["previous"] == config.url("opds.json") and "next" not in rels(1)
    for n in (0, 1):
        assert rels(n)["first"] == config.url("opds.json")
        assert rels(n)["last"] == config.url("opds-2.json")
        assert feeds[n].metadata.currentPage == n + 1 and feeds[n].metadata.numberOfItems == 2


def test_opds_without_epubs_still_has_an_acquisition_link() -> None:
    _, published, config = load()
    pages = build_opds(published, config, stand_in_media(published, config, epub_size=0))
    feed = OpdsFeed.model_validate(pages[0])
    for publication in feed.publications or []:
        assert not any(link.type == "application/epub+zip" for link in publication.links)
