"""The reader's web edition as the core writes it (policemag.site): article navigation,
section labels, the 404 page, the footer settings, Open Graph and JSON-LD, share images
and precompressed files. Fast: tests/sites/epub-basic read, nothing derived."""

from __future__ import annotations

import gzip
import io
import json
import re
from datetime import UTC, datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import brotli
import pytest

from policemag import urls
from policemag.config import MagazineConfig, config_from_site, footer_from
from policemag.content.magazine import read_magazine
from policemag.i18n import DEFAULT_SECTION_LABELS
from policemag.model import Article, ComicRef, Image, Magazine
from policemag.site.chrome import site_chrome
from policemag.site.compress import cache_control, precompress
from policemag.site.pages import (
    Shares,
    build_pages,
    render_article,
    render_comic_pages,
    render_not_found,
    render_section,
)
from policemag.site.share import MAGAZINE, SIZE, emblem_svg, plan_share_images, render_share

TESTS = Path(__file__).parents[1]
EPUB_BASIC = TESTS / "sites" / "epub-basic"
REPO = TESTS.parent
NOW = datetime(2026, 11, 20, tzinfo=UTC)


class _NoImages:
    def image_html(self, image: Image, page_path: str, **_: Any) -> str:
        return f'<img src="x.jpg" alt="{image.alt}" width="3" height="2">'


@pytest.fixture(scope="module")
def magazine() -> Magazine:
    everything, _ = read_magazine(EPUB_BASIC)
    return everything.published(NOW)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> MagazineConfig:
    return MagazineConfig(root=REPO, now=NOW, cache_dir=tmp_path_factory.mktemp("cache"))


class _Links(HTMLParser):
    """Every <a> as (href, rel, class, text) and every element's lang."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self._open: dict[str, str] | None = None
        self.forms: list[dict[str, str]] = []
        self.inputs: list[dict[str, str]] = []
        self.langs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "lang" in a:
            self.langs.append(a["lang"])
        if tag == "a":
            self._open = {**a, "text": ""}
            self.links.append(self._open)
        elif tag == "form":
            self.forms.append(a)
        elif tag == "input":
            self.inputs.append(a)

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None


def _parse(markdown: str) -> _Links:
    parser = _Links()
    parser.feed(markdown)
    return parser


def _resolve(page: str, href: str) -> str:
    """The site path a relative href from ``page`` points at."""
    parts = page.rstrip("/").split("/") if page else []
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts) + ("/" if href.endswith("/") else "")


# -- article navigation ------------------------------------------------------------------


def test_article_ends_with_previous_and_next_in_reading_order_and_the_issue(
    magazine: Magazine, config: MagazineConfig
) -> None:
    issue = magazine.issues[0]
    entries = list(issue.contents)
    targets = [
        urls.comic_page(e.comic, issue.lang if issue.lang in e.comic.languages else e.comic.languages[0])
        if isinstance(e, ComicRef) else urls.article_page(e)
        for e in entries
    ]
    assert any(isinstance(e, ComicRef) for e in entries)  # the comic is in the reading order
    for n, entry in enumerate(entries):
        if not isinstance(entry, Article):
            continue
        page = urls.article_page(entry)
        links = _parse(render_article(entry, issue, config, _NoImages()).markdown).links
        rel = {link["rel"]: _resolve(page, link["href"]) for link in links if link.get("rel") in ("prev", "next")}
        assert rel.get("prev") == (targets[n - 1] if n > 0 else None), entry.slug
        assert rel.get("next") == (targets[n + 1] if n + 1 < len(targets) else None), entry.slug
        back = [link for link in links if _resolve(page, link["href"]) == urls.issue_page(issue)]
        assert back, "a way back to the issue"


def test_more_from_the_section_links_only_to_that_section(magazine: Magazine, config: MagazineConfig) -> None:
    pages = {p.path: p for p in build_pages(magazine, config, _NoImages())}
    sections = magazine.sections()
    for article in magazine.articles:
        page = urls.article_page(article)
        html = pages[page].markdown
        related = html.split('class="pm-related"', 1)
        others = [a for a in sections[article.section] if a is not article]
        if not others:
            assert len(related) == 1
            continue
        links = {_resolve(page, link["href"]) for link in _parse(related[1]).links}
        assert {urls.article_page(a) for a in others[:3]} <= links
        assert links <= {urls.article_page(a) for a in others} | {urls.section_page(article.section)}


def test_comic_page_ends_with_the_issue_reading_order(magazine: Magazine, config: MagazineConfig) -> None:
    from policemag.comics.pages import LetteredComic

    comic = next(iter(magazine.comics.values()))
    lettered = LetteredComic(comic, {lang: () for lang in comic.languages})
    pages = render_comic_pages(magazine, {comic.slug: lettered}, config)
    page = pages[0]
    rel = {link["rel"]: _resolve(page.path, link["href"]) for link in _parse(page.markdown).links if link.get("rel")}
    issue = magazine.issues[0]
    before = issue.contents[next(n for n, e in enumerate(issue.contents) if isinstance(e, ComicRef)) - 1]
    assert isinstance(before, Article)
    assert rel["prev"] == urls.article_page(before)


# -- section labels ------------------------------------------------------------------------


def test_section_labels_in_each_language_never_the_slug(magazine: Magazine, config: MagazineConfig) -> None:
    for section, labels in DEFAULT_SECTION_LABELS.items():
        for lang in ("ar", "fr"):
            assert config.section_label(section, lang) == labels[lang]
    pages = {p.path: p.markdown for p in build_pages(magazine, config, _NoImages())}
    for article in magazine.articles:
        html = pages[urls.article_page(article)]
        label = DEFAULT_SECTION_LABELS[article.section][article.lang[:2]]
        kicker = re.search(r'class="pm-kicker__section"[^>]*>([^<]+)<', html)
        assert kicker and kicker.group(1) == label, article.slug
    for section, articles in magazine.sections().items():
        page = render_section(section, articles, magazine, config, _NoImages())[0]
        assert f"\n# {DEFAULT_SECTION_LABELS[section]['ar']}\n" in page.markdown
        assert f"title: {DEFAULT_SECTION_LABELS[section]['ar']}\n" in page.markdown
    chrome = site_chrome(magazine, config, [])
    bar = [item["title"] for item in chrome["bar"] if item["section"]]
    assert bar == [DEFAULT_SECTION_LABELS[s]["ar"] for s in magazine.sections()]
    assert not any(s in bar for s in magazine.sections())


def test_the_developers_page_is_in_the_footer_not_the_menu(magazine: Magazine, config: MagazineConfig) -> None:
    from policemag.build import build_nav

    nav = json.dumps(build_nav(magazine, config), ensure_ascii=False)
    assert "developers" not in nav
    chrome = site_chrome(magazine, config, ["developers/", "about/", "archive/"])
    assert "developers/" in [link["path"] for link in chrome["footer"]["links"]]


# -- 404 -----------------------------------------------------------------------------------


def test_404_speaks_arabic_with_a_french_line_a_search_box_and_the_way_home(config: MagazineConfig) -> None:
    page = render_not_found(config)
    parsed = _parse(page.markdown)
    assert (page.lang, page.dir) == ("ar", "rtl")
    assert parsed.langs[0] == "ar" and "fr" in parsed.langs
    assert "الصفحة غير موجودة" in page.markdown and "Page introuvable" in page.markdown
    assert [f["action"] for f in parsed.forms] == ["/search/"]
    assert [i["name"] for i in parsed.inputs] == ["q"]
    homes = [link for link in parsed.links if link["href"] == "/"]
    assert len(homes) == 2  # Arabic button, French line
    served_under = MagazineConfig(root=REPO, site_url="https://police.example/magazine/")
    assert 'action="/magazine/search/"' in render_not_found(served_under).markdown


# -- footer settings -----------------------------------------------------------------------


def test_footer_settings_are_read_and_checked() -> None:
    footer = footer_from({
        "publisher": {"ar": "الناشر", "fr": "L'éditeur"},
        "email": "contact@police.example", "phone": "+212 5 37 00 00 00", "emergency": "19",
        "legal": "legal/", "social": [{"name": "Facebook", "url": "https://www.facebook.com/p"}],
    })
    assert footer.text("publisher", "fr-MA") == "L'éditeur"
    assert footer.social[0].name == "Facebook"
    for bad in ({"email": "nope"}, {"legal": "https://evil.example/"}, {"social": [{"name": "X", "url": "http://x.com"}]},
                {"colour": "red"}, {"phone": "<script>"}):
        with pytest.raises(ValueError, match="footer"):
            footer_from(bad)
    config = config_from_site(REPO, {}, {"footer": {"emergency": "19"}})
    assert config.footer.emergency == "19"


def test_footer_shows_publisher_contact_emergency_and_accounts(magazine: Magazine) -> None:
    config = config_from_site(REPO, {}, {"footer": {
        "publisher": {"ar": "المديرية", "fr": "La direction"}, "email": "c@police.example",
        "emergency": "19", "social": [{"name": "YouTube", "url": "https://www.youtube.com/@p"}],
    }})
    footer = site_chrome(magazine, config, [])["footer"]
    assert (footer["publisher"], footer["publisher_other"]) == ("المديرية", "La direction")
    assert {c["href"] for c in footer["contact"]} == {"mailto:c@police.example", "tel:19"}
    assert footer["social"][0]["icon"] == "fontawesome/brands/youtube"


# -- Open Graph and JSON-LD ------------------------------------------------------------------


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.data: list[dict[str, Any]] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            self.meta.setdefault(a.get("property") or a.get("name") or "", []).append(a["content"])
        self._script = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._script:
            self.data.append(json.loads(data))

    def handle_endtag(self, tag: str) -> None:
        self._script = False


def _head(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def shared_pages(magazine: Magazine, config: MagazineConfig) -> dict[str, Any]:
    shares = Shares(plan_share_images(magazine, config, {}), "media/share/emblem.0123.png")
    return {p.path: p for p in build_pages(magazine, config, _NoImages(), shares)}


def test_article_has_open_graph_and_a_news_article(
    magazine: Magazine, config: MagazineConfig, shared_pages: dict[str, Any]
) -> None:
    issue = magazine.issues[0]
    article = next(a for a in issue.articles if a.lang == "fr")
    head = _head(shared_pages[urls.article_page(article)].head)
    url = config.url(urls.article_page(article))
    assert head.meta["og:type"] == ["article"]
    assert head.meta["og:url"] == [url]
    assert head.meta["og:locale"] == ["fr_MA"]
    assert head.meta["og:title"][0].replace("\u202f", " ") == article.title
    image = head.meta["og:image"][0]
    assert re.fullmatch(r"https://magazine\.police\.example/media/share/2026-01-n7-gare\.[0-9a-f]{16}\.jpg", image)
    assert head.meta["og:image:width"] == ["1200"] and head.meta["og:image:height"] == ["630"]
    assert head.meta["twitter:card"] == ["summary_large_image"]
    assert head.meta["article:published_time"] == ["2026-01-15"]
    (data,) = head.data
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == article.title and data["inLanguage"] == "fr"
    assert data["datePublished"] == data["dateModified"] == "2026-01-15"
    assert data["image"] == [image]
    assert data["author"] == [{"@type": "Person", "name": n} for n in article.authors] or data["author"][0]["@type"] == "Organization"
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["logo"]["url"].endswith("media/share/emblem.0123.png")
    assert data["articleSection"] == "Actualités"
    part = data["isPartOf"]
    assert (part["@type"], part["issueNumber"], part["datePublished"]) == ("PublicationIssue", "7", "2026-01-15")
    assert part["isPartOf"]["@type"] == "Periodical" and part["isPartOf"]["name"] == config.title


def test_issue_and_home_have_their_structured_data(
    magazine: Magazine, config: MagazineConfig, shared_pages: dict[str, Any]
) -> None:
    issue = magazine.issues[0]
    (data,) = _head(shared_pages[urls.issue_page(issue)].head).data
    assert data["@type"] == "PublicationIssue" and data["issueNumber"] == "7"
    assert [p["url"] for p in data["hasPart"]] == [
        config.url(urls.comic_page(e.comic, "ar")) if isinstance(e, ComicRef) else config.url(urls.article_page(e))
        for e in issue.contents
    ]
    home = _head(shared_pages[""].head)
    types = [d["@type"] for d in home.data]
    assert types == ["Periodical", "WebSite"]
    action = home.data[1]["potentialAction"]
    assert action["target"]["urlTemplate"] == config.url("search/") + "?q={search_term_string}"
    assert home.meta["og:type"] == ["website"]
    # every page has a share image: the archive has the magazine's own
    assert "media/share/magazine." in _head(shared_pages["archive/"].head).meta["og:image"][0]


def test_values_stay_data_in_the_head(magazine: Magazine, config: MagazineConfig) -> None:
    from dataclasses import replace

    issue = magazine.issues[0]
    article = replace(issue.articles[0], title='</script><script>alert(1)</script> "x"', summary="a & <b>")
    head = render_article(article, issue, config, _NoImages()).head
    assert "<script>alert" not in head and "</script><script>" not in head
    parsed = _head(head)
    assert parsed.data[0]["headline"] == article.title
    assert parsed.meta["og:description"] == ["a & <b>"]


# -- share images ----------------------------------------------------------------------------


def test_share_images_are_planned_for_every_page_and_drawn_alike(
    magazine: Magazine, config: MagazineConfig
) -> None:
    from PIL import Image as PILImage

    plans = plan_share_images(magazine, config, {})
    issue = magazine.issues[0]
    assert set(plans) >= {MAGAZINE, "", urls.issue_page(issue), *(urls.article_page(a) for a in issue.articles)}
    assert plans[""] == plans[urls.issue_page(issue)]  # the home shares the latest issue
    assert plans == plan_share_images(magazine, config, {})  # names are known before drawing
    article = next(a for a in issue.articles if a.lang == "fr")
    card = plans[urls.article_page(article)].card
    assert card.lang == "fr" and card.kicker == "Actualités"
    first = render_share(card, emblem_svg(config))
    assert first == render_share(card, emblem_svg(config))
    with PILImage.open(io.BytesIO(first)) as im:
        assert (im.format, im.size) == ("JPEG", SIZE)



def test_share_images_drawn_on_a_pool_are_the_bytes_drawn_here(
    magazine: Magazine, config: MagazineConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many missing images are drawn on every core, a few here: same files, each counted
    once as rebuilt (a worker's counts stay in the worker), none as reused."""
    from dataclasses import replace

    from policemag.cache import REBUILT, REUSED
    from policemag.site import share

    plans = plan_share_images(magazine, config, {})
    sites = {}
    for pool_from in (1, 10_000):
        monkeypatch.setattr(share, "POOL_FROM", pool_from)
        cfg = replace(config, cache_dir=tmp_path / f"cache-{pool_from}")
        site = tmp_path / f"site-{pool_from}"
        rebuilt, reused = REBUILT["share"], REUSED["share"]
        written = share.write_share_images(plans, cfg, site)
        assert REBUILT["share"] - rebuilt == len(written) and REUSED["share"] == reused
        sites[pool_from] = {path: (site / path).read_bytes() for path in written}
    assert sites[1] == sites[10_000] and len(sites[1]) == len({p.path for p in plans.values()}) + 1


def test_share_images_shared_by_two_processes_are_drawn_once_each(
    magazine: Magazine, config: MagazineConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output worker draws the missing share images from the first, the build from
    the last; each takes what the other stored meanwhile: every image is drawn once (at
    most one twice, where they meet), and the files are the ones a single drawer makes."""
    import threading
    from dataclasses import replace

    from policemag.site import share

    plans = plan_share_images(magazine, config, {})
    alone = share.draw_share_images(plans, replace(config, cache_dir=tmp_path / "alone"), workers=1)
    shared = replace(config, cache_dir=tmp_path / "shared")
    drawn: list[str] = []
    real = share.render_share

    def counted(card: share.ShareCard, emblem: bytes) -> bytes:
        drawn.append(card.title)
        return real(card, emblem)

    monkeypatch.setattr(share, "render_share", counted)
    worker = threading.Thread(target=share.draw_share_images, args=(plans, shared, 1), kwargs={"meet": "first"})
    worker.start()
    here = share.draw_share_images(plans, shared, 1, meet="last")
    worker.join()
    assert len(alone) <= len(drawn) <= len(alone) + 1
    assert {k: p.read_bytes() for k, p in here.items()} == {k: p.read_bytes() for k, p in alone.items()}

# -- precompressed files and the cache policy -------------------------------------------------


def test_text_files_are_precompressed_beside_themselves(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    page = "<p>" + "مجلة الشرطة " * 200 + "</p>"
    (site / "a" / "index.html").write_text(page, encoding="utf-8")
    (site / "tiny.css").write_text("a{}", encoding="utf-8")
    (site / "photo.webp").write_bytes(b"RIFF" * 400)
    assert precompress(site, tmp_path / "cache") == 2
    data = (site / "a" / "index.html").read_bytes()
    assert gzip.decompress((site / "a" / "index.html.gz").read_bytes()) == data
    assert brotli.decompress((site / "a" / "index.html.br").read_bytes()) == data
    assert not (site / "tiny.css.gz").exists() and not (site / "photo.webp.gz").exists()
    first = (site / "a" / "index.html.gz").read_bytes()
    (site / "a" / "index.html.gz").unlink()
    precompress(site, tmp_path / "cache")
    assert (site / "a" / "index.html.gz").read_bytes() == first  # same bytes, from the cache


def test_cache_policy_by_name() -> None:
    assert cache_control("assets/stylesheets/policemag.0123456789ab.css").endswith("immutable")
    assert cache_control("media/share/2026-01-n7-gare.0123456789abcdef.jpg").endswith("immutable")
    assert cache_control("search-index/0123456789abcdef/t/ab.json").endswith("immutable")
    assert cache_control("index.html") == cache_control("feed.json") == "public, no-cache"
    assert cache_control("assets/fonts/arabic.woff2") == "public, max-age=86400"


# -- captions ----------------------------------------------------------------------------------


def test_captions_show_caption_and_credit_never_the_alt_text(magazine: Magazine, config: MagazineConfig) -> None:
    from dataclasses import replace

    issue = magazine.issues[0]
    french = next(a for a in issue.articles if a.lang == "fr")
    photo = Image("images/x.jpg", Path("x.jpg"), "Un poste-frontière sous un auvent blanc")
    plain = render_article(replace(french, image=photo), issue, config, _NoImages()).markdown
    assert "<figcaption>" not in plain.split("pm-lead-figure", 1)[1].split("</figure>", 1)[0]
    captioned = replace(photo, caption="Le poste, à l'aube", credit="Service photo")
    html = render_article(replace(french, image=captioned), issue, config, _NoImages()).markdown
    figure = html.split('class="pm-lead-figure"', 1)[1].split("</figure>", 1)[0]
    caption = re.search(r"<figcaption>(.*?)</figcaption>", figure)
    assert caption is not None
    text = unescape(caption.group(1))
    assert "l\u2019aube" in text and "Photo\u202f: Service photo" in text
    assert photo.alt not in text
