"""One permanent id per issue, article and comic edition (policemag.ids), frozen.

The golden file tests/golden/ids.json lists every id of the test magazines: an id that
changes re-keys every reader's library and duplicates every feed item, so a diff there
must be deliberate (``--update-golden``, then read ``git diff tests/golden/ids.json``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from tests.conftest import EPUB_NOW, REPO, SITES
from tests.support.feedmedia import stand_in_media

from policemag import ids
from policemag.config import MagazineConfig
from policemag.content.magazine import read_magazine
from policemag.feed import build_documents
from policemag.model import Magazine

#: the repository's own magazine ("sample") and the test magazines
MAGAZINES = ("sample", "feed-basic", "epub-basic", "minimal")


def _published(site: str) -> tuple[Magazine, MagazineConfig]:
    root = REPO if site == "sample" else SITES / site
    magazine, log = read_magazine(root)
    assert not log.errors, [str(e) for e in log.errors]
    config = MagazineConfig(root=root, now=EPUB_NOW.replace(year=2027))
    return magazine.published(config.now), config


def _all_ids(magazine: Magazine, config: MagazineConfig) -> dict[str, str]:
    out: dict[str, str] = {}
    for issue in magazine.issues:
        out[f"issue {issue.id}"] = ids.issue_id(issue, config)
        for article in issue.articles:
            out[f"article {issue.id}/{article.slug}"] = ids.article_id(article, issue, config)
    for comic in magazine.comics.values():
        for lang in comic.languages:
            out[f"comic {comic.slug}/{lang}"] = ids.comic_edition_id(comic, lang, config)
    return out


def test_ids_are_frozen(golden: Callable[[str, Any], None]) -> None:
    found = {}
    for site in MAGAZINES:
        magazine, config = _published(site)
        found[site] = _all_ids(magazine, config)
    golden("ids", found)


@pytest.mark.parametrize("site", MAGAZINES)
def test_every_id_is_a_valid_tag_uri_or_the_editors_urn(site: str) -> None:
    magazine, config = _published(site)
    every = _all_ids(magazine, config)
    assert len(set(every.values())) == len(every)  # never two things with one id
    for what, value in every.items():
        if value.startswith("urn:uuid:"):  # given in front matter by the editor
            assert what.startswith("article"), what
            continue
        assert ids.TAG_URI.match(value), (what, value)
        assert value.startswith("tag:magazine.police.example,2026:"), value


def test_tag_authority_is_the_site_host_and_the_date_is_fixed() -> None:
    magazine, config = _published("minimal")
    issue = magazine.issues[0]
    other = replace(config, site_url="https://Revue.Police.example:8443/sub/")
    assert ids.issue_id(issue, other) == "tag:revue.police.example,2026:issue/1"
    # neither the title nor the date of the issue changes it
    later = replace(issue, title="x", date=issue.date.replace(year=2030))
    assert ids.issue_id(later, config) == ids.issue_id(issue, config)


def test_front_matter_id_wins_and_odd_file_names_are_encoded() -> None:
    magazine, config = _published("minimal")
    issue = magazine.issues[0]
    station, frontiere = issue.articles
    assert (
        ids.article_id(frontiere, issue, config) == "urn:uuid:c2e7c81d-01fb-4cd0-899e-b2a807dbcd0a"
    )
    arabic = replace(station, slug="مركز شرطة")
    value = ids.article_id(arabic, issue, config)
    assert value == (
        "tag:magazine.police.example,2026:issue/1/article/"
        "%D9%85%D8%B1%D9%83%D8%B2%20%D8%B4%D8%B1%D8%B7%D8%A9"
    )
    assert ids.TAG_URI.match(value)


def test_tag_uri_grammar() -> None:
    good = [
        "tag:example.com,2026:x",
        "tag:a-b.example,2026-11:issue/1",
        "tag:me@example.org,2026-01-15:a#b",
    ]
    bad = ["tag:policemag,112:/issue", "tag:example.com:x", "tag:example.com,26:x", "tag:exa mple.com,2026:x",
           "tag:example.com,2026:é", "tag:policemag,comics:/x"]  # fmt: skip
    assert all(ids.TAG_URI.match(v) for v in good)
    assert not any(ids.TAG_URI.match(v) for v in bad)


def test_one_id_in_the_epub_opds_manifests_and_feed(epub_built: Any) -> None:
    """The issue: EPUB unique-identifier = OPDS = issue manifest = feed. Each comic
    edition: OPDS = Divina manifest = feed (item or edition)."""
    config = epub_built.config
    magazine, _ = read_magazine(SITES / "epub-basic")
    published = magazine.published(EPUB_NOW)
    docs = build_documents(published, config, stand_in_media(published, config))
    issue = published.issues[0]
    expected = ids.issue_id(issue, config)

    with zipfile.ZipFile(epub_built.path) as zf:
        opf = etree.fromstring(zf.read("EPUB/content.opf"))
    unique = opf.get("unique-identifier")
    dc = "{http://purl.org/dc/elements/1.1/}identifier"
    assert [e.text for e in opf.iter(dc) if e.get("id") == unique] == [expected]

    opds = docs["opds.json"]
    assert [p["metadata"]["identifier"] for p in opds["publications"]] == [expected]
    assert docs[f"{issue.id}/manifest.json"]["metadata"]["identifier"] == expected
    items = docs["feed.json"]["items"]
    assert {i["_policemag"]["issue"]["id"] for i in items} == {expected}

    comic = published.comics["road-safety"]
    editions = {lang: ids.comic_edition_id(comic, lang, config) for lang in comic.languages}
    group = [p["metadata"]["identifier"] for g in opds["groups"] for p in g["publications"]]
    assert group == list(editions.values())
    for lang, value in editions.items():
        assert docs[f"comics/road-safety/{lang}/manifest.json"]["metadata"]["identifier"] == value
    (item,) = [i for i in items if i["_policemag"]["kind"] == "comic"]
    assert item["id"] == editions[item["language"]]
    assert {k: e["id"] for k, e in item["_policemag"]["comic"]["editions"].items()} == editions
    article_ids = [i["id"] for i in items if i["_policemag"]["kind"] == "article"]
    assert article_ids == [ids.article_id(a, issue, config) for a in issue.articles]


def test_a_comic_in_two_issues_is_one_item(tmp_path: Path) -> None:
    """A rerun comic gives no second feed item (same id, same URL), one OPDS entry per
    edition, and both issue manifests link its Divina manifests."""
    import shutil

    site = tmp_path / "m"
    shutil.copytree(SITES / "feed-basic", site)
    second = site / "issues" / "2024-02-n2" / "issue.yml"
    text = second.read_text(encoding="utf-8")
    second.write_text(
        text.replace("contents:\n", "contents:\n  - comic: phone-scam\n", 1), encoding="utf-8"
    )
    magazine, log = read_magazine(site)
    assert not log.errors, [str(e) for e in log.errors]
    config = MagazineConfig(root=site, now=EPUB_NOW.replace(year=2024, month=6))
    published = magazine.published(config.now)
    assert all(any(c.slug == "phone-scam" for c in i.comics) for i in published.issues)
    docs = build_documents(published, config, stand_in_media(published, config))
    items = [i for name, d in docs.items() if name.startswith("feed") for i in d["items"]]
    assert len({i["id"] for i in items}) == len(items)
    assert len({i["url"] for i in items}) == len(items)
    comics = [i for i in items if i["_policemag"]["kind"] == "comic"]
    assert len(comics) == 1 and comics[0]["_policemag"]["issue"]["number"] == 1  # its first
    groups = [
        p
        for name, d in docs.items()
        if name.startswith("opds")
        for g in d.get("groups", [])
        for p in g["publications"]
    ]
    assert len(groups) == len(published.comics["phone-scam"].languages)
    for issue in published.issues:
        links = docs[f"{issue.id}/manifest.json"]["links"]
        assert any(link["type"] == "application/divina+json" for link in links), issue.id
