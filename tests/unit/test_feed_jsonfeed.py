"""JSON Feed 1.1 for the app: valid, complete, stable, leak-free, small enough."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from tests.support.feedcheck import NOW, SITE, jsonfeed_validator, load, site_path, urls_in, walk
from tests.support.feedmedia import site_files, stand_in_media

from policemag import ids
from policemag.feed import MediaLookup, MissingMedia, build_documents, build_feed, dump_json
from policemag.model import Magazine


@pytest.fixture(scope="module")
def built() -> tuple[Magazine, Any, list[dict[str, Any]]]:
    _, published, config = load(page_size=3)
    return published, config, build_feed(published, config, stand_in_media(published, config))


def test_every_page_is_valid_json_feed_1_1_with_formats_checked(built: Any) -> None:
    check = jsonfeed_validator()
    _, _, pages = built
    assert len(pages) == 2
    for page in pages:
        assert [e.message for e in check.iter_errors(json.loads(dump_json(page)))] == []
    # the checker is live: a bad date and a relative URL are both caught
    broken = json.loads(dump_json(pages[0]))
    broken["items"][0]["date_published"] = "15/02/2024"
    broken["items"][1]["url"] = "2024-02-n2/droit/"
    assert len(list(check.iter_errors(broken))) == 2


def test_top_level_fields(built: Any) -> None:
    _, config, pages = built
    first = pages[0]
    assert next(iter(first)) == "version" and first["version"] == "https://jsonfeed.org/version/1.1"
    assert first["title"] == config.title and isinstance(first["title"], str)
    assert first["home_page_url"] == config.site_url
    assert first["feed_url"] == config.url("feed.json")
    assert first["language"] == "ar" and first["description"]
    assert first["icon"] == config.url("feed/icon-512.png")
    assert first["favicon"] == config.url("feed/favicon-64.png")


def test_items_newest_issue_first_in_reading_order(built: Any) -> None:
    _, _, pages = built
    items = [i for p in pages for i in p["items"]]
    order = [(i["_policemag"]["issue"]["number"], i["_policemag"]["position"]) for i in items]
    assert order == [(2, 1), (2, 2), (1, 1), (1, 2), (1, 3)]
    tag = "tag:magazine.police.example,2026:"
    assert [i["id"] for i in items] == [
        tag + "issue/2/article/cyber",
        tag + "issue/2/article/droit",
        tag + "issue/1/article/welcome",
        tag + "issue/1/article/securite-routiere",
        tag + "comic/phone-scam/ar",  # the comic edition's id, as in OPDS and Divina
    ]


def test_paging_fixed_size_and_next_url(built: Any) -> None:
    _, config, pages = built
    assert [len(p["items"]) for p in pages] == [3, 2]
    assert pages[0]["next_url"] == config.url("feed-2.json")
    assert "next_url" not in pages[-1]
    assert all(p["feed_url"] == config.url("feed.json") for p in pages)


def test_empty_archive_is_one_page_without_next() -> None:
    _, published, config = load()
    empty = Magazine(root=published.root, issues=(), comics={})
    pages = build_feed(empty, config, MediaLookup())
    assert len(pages) == 1 and pages[0]["items"] == [] and "next_url" not in pages[0]


def test_article_item_fields(built: Any) -> None:
    _, config, pages = built
    item = pages[0]["items"][0]
    assert item["url"] == config.url("2024-02-n2/cyber/")
    assert item["title"] == "الجرائم الإلكترونية" and item["summary"]
    assert item["language"] == "ar" and item["tags"] == ["ملف العدد"]
    assert item["authors"] == [{"name": "قسم الجرائم الإلكترونية"}, {"name": "هيئة التحرير"}]
    assert re.fullmatch(r"https://.+/media/lead-[0-9a-f]{12}\.webp", item["image"])
    assert item["date_published"] == item["date_modified"] == "2024-02-15T00:00:00Z"
    ext = item["_policemag"]
    assert (ext["kind"], ext["dir"], ext["section"], ext["position"]) == (
        "article",
        "rtl",
        "dossier",
        1,
    )
    assert (ext["image"]["width"], ext["image"]["height"]) == (16, 9)
    issue = ext["issue"]
    assert issue["number"] == 2 and issue["url"] == config.url("2024-02-n2/")
    assert issue["epub"] == {"url": config.url("epub/2024-02-n2.epub"), "size_in_bytes": 1000}
    assert (issue["cover"]["width"], issue["cover"]["height"]) == (12, 16)
    assert item["attachments"] == [
        {
            "url": config.url("epub/2024-02-n2.epub"),
            "mime_type": "application/epub+zip",
            "title": "العدد 2: العدد الثاني",  # the issue's title, as in OPDS and the EPUB
            "size_in_bytes": 1000,
        }
    ]


def test_french_item_is_ltr_and_a_later_embargo_is_its_date(built: Any) -> None:
    _, _, pages = built
    droit = pages[0]["items"][1]
    assert droit["language"] == "fr" and droit["_policemag"]["dir"] == "ltr"
    assert droit["tags"] == ["Droit"]
    # embargo 2024-02-16T09:00+01:00 is after the issue date: it is the publication
    assert droit["date_published"] == "2024-02-16T08:00:00Z"


def test_without_epub_no_epub_link() -> None:
    _, published, config = load()
    media = stand_in_media(published, config, epub_size=0)
    item = build_feed(published, config, media)[0]["items"][0]
    assert "epub" not in item["_policemag"]["issue"] and "attachments" not in item


def test_content_html_has_absolute_urls_and_sized_images(built: Any) -> None:
    _, config, pages = built
    html = pages[0]["items"][0]["content_html"]
    srcs = re.findall(r'src="([^"]+)"', html)
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert srcs and all(s.startswith(config.site_url) for s in srcs)
    assert re.search(r'chart-[0-9a-f]{12}\.webp" width="10" height="10"', html)
    assert sorted(hrefs) == sorted(
        [config.url("2024-01-n1/welcome/#top"), config.url("archive/"), "https://police.example/"]
    )
    french = pages[1]["items"][0]["content_html"]
    assert f'href="{config.url("2024-01-n1/welcome/")}"' in french


def test_comic_item_carries_pages_per_language(built: Any) -> None:
    _, config, pages = built
    comic = pages[1]["items"][-1]
    assert comic["title"] == "احذر المكالمات الاحتيالية" and comic["language"] == "ar"
    assert comic["url"] == config.url("comics/phone-scam/")
    assert comic["image"] == config.url("comics/phone-scam/ar/page-1.webp")
    ext = comic["_policemag"]
    assert (ext["kind"], ext["section"], ext["position"]) == ("comic", "comics", 3)
    editions = ext["comic"]["editions"]
    assert sorted(editions) == ["ar", "fr"]
    fr = editions["fr"]
    assert fr["dir"] == "ltr" and fr["url"] == config.url("comics/phone-scam/fr/")
    assert fr["pages"] == [
        {
            "number": 1,
            "url": config.url("comics/phone-scam/fr/page-1.webp"),
            "width": 1600,
            "height": 2400,
            "mime_type": "image/webp",
            "alt": "Un homme répond au téléphone L'homme raccroche",
            "geometry_url": config.url("comics/phone-scam/fr/page-1.json"),
        }
    ]
    # the transcript follows the image: panel text and balloons in reading order
    assert "الشرطة لا تطلب رمزك أبدا" in comic["content_html"]


def test_feedparser_rs_reads_every_item(built: Any) -> None:
    feedparser_rs = pytest.importorskip("feedparser_rs")
    _, _, pages = built
    for page in pages:
        parsed = feedparser_rs.parse(dump_json(page))
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "json11"
        assert [e.id for e in parsed.entries] == [i["id"] for i in page["items"]]
        assert [e.title for e in parsed.entries] == [i["title"] for i in page["items"]]
        assert [e.get("language") for e in parsed.entries] == [i["language"] for i in page["items"]]


def test_drafts_embargoed_and_their_files_are_absent() -> None:
    everything, published, config = load()
    # the media know every image, the embargoed article's too: the builders must not use it
    docs = build_documents(published, config, stand_in_media(everything, config))
    text = "".join(dump_json(d).decode() for d in docs.values())
    for secret in ("SECRET", "embargoed", "draft", "future", "secret-", "2024-03-n3"):
        assert secret not in text
    assert "الموضوع القادم" in text  # a link to the embargoed article keeps its text, not its href


def test_every_url_points_to_a_written_file() -> None:
    _, published, config = load(page_size=2)
    media = stand_in_media(published, config)
    docs = build_documents(published, config, media)
    written = site_files(published, media, docs)
    found = {url for doc in docs.values() for url in urls_in(doc, config.site_url)}
    assert len(found) > 30
    assert {u for u in found if site_path(u, config.site_url) not in written} == set()


def test_ids_survive_retitling(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    _, before, config = load(root)
    ids = [i["id"] for i in build_feed(before, config, stand_in_media(before, config))[0]["items"]]
    article = root / "issues" / "2024-01-n1" / "welcome.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("مرحبا بكم", "أهلا وسهلا"), encoding="utf-8")
    _, after, config = load(root)
    items = build_feed(after, config, stand_in_media(after, config))[0]["items"]
    assert [i["id"] for i in items] == ids
    assert "أهلا وسهلا" in [i["title"] for i in items]


def test_same_input_same_bytes_whatever_the_clock() -> None:
    def build(now: datetime) -> dict[str, bytes]:
        _, published, config = load(now=now)
        docs = build_documents(published, config, stand_in_media(published, config))
        return {k: dump_json(v) for k, v in docs.items()}

    first = build(NOW)
    assert build(NOW) == first
    # a later build that lifts no further embargo must not change one byte
    assert build(datetime(2026, 1, 1, tzinfo=UTC)) == first


def test_date_modified_follows_content_history_only() -> None:
    _, published, config = load()
    article = published.issue("2024-01-n1").articles[0]

    def item(changed: datetime) -> dict[str, Any]:
        media = stand_in_media(published, config, changed={article.source: changed})
        return next(
            i
            for p in build_feed(published, config, media)
            for i in p["items"]
            if i["id"] == ids.article_id(article, published.issue("2024-01-n1"), config)
        )

    edited = item(datetime(2024, 3, 1, 10, 30, tzinfo=UTC))
    assert edited["date_published"] == "2024-01-15T00:00:00Z"
    assert edited["date_modified"] == "2024-03-01T10:30:00Z"
    # an edit before publication is not a modification the app has to know about
    assert item(datetime(2023, 12, 1, tzinfo=UTC))["date_modified"] == "2024-01-15T00:00:00Z"


def test_no_null_no_empty_and_no_unicode_escapes() -> None:
    _, published, config = load()
    docs = build_documents(published, config, stand_in_media(published, config))
    for name, doc in docs.items():
        empty = [
            p for p, v in walk(doc) if v is None or (v in ([], {}) and not p.endswith(".items"))
        ]
        assert empty == [], name
        raw = dump_json(doc)
        assert b"\\u" not in raw and raw.endswith(b"}\n")
    assert "مجلة الشرطة".encode() in dump_json(docs["feed.json"])


def test_missing_rendition_is_a_caller_bug() -> None:
    _, published, config = load()
    with pytest.raises(MissingMedia):
        build_feed(published, config, MediaLookup())


def test_extension_says_where_it_is_documented() -> None:
    """JSON Feed: an extension object should have an ``about`` URL. The build passes the
    developers' page (docs/app-feed.md published at /developers/) when it publishes it."""
    from dataclasses import replace

    _, published, config = load()
    media = stand_in_media(published, config)
    items = build_feed(published, config, replace(media, about="developers/"))[0]["items"]
    assert {i["_policemag"]["about"] for i in items} == {config.url("developers/")}
    assert all(
        "about" not in i["_policemag"] for i in build_feed(published, config, media)[0]["items"]
    )
