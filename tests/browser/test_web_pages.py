"""The web edition as a reader meets it, in Debian's Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from .conftest import DESKTOP, PHONE, run_axe

pytestmark = pytest.mark.browser


def _pages(sample_site: Path) -> dict[str, str]:
    """Home, the latest issue, an Arabic article and the French article of the sample."""
    issue = sorted(p.parent.name for p in sample_site.glob("*/manifest.json")) or sorted(
        p.name for p in sample_site.iterdir() if p.is_dir() and p.name[:4].isdigit()
    )
    latest = issue[-1]
    articles = sorted(p.parent for p in (sample_site / latest).glob("*/index.html"))
    arabic = french = None
    for a in articles:
        # the frame is the magazine's (Arabic); the page's own language is on its <article>
        found = re.search(r'<article class="md-content__inner[^"]*" lang="([^"]+)"', (a / "index.html").read_text(encoding="utf-8"))
        lang = found.group(1) if found else ""
        if lang == "fr" and french is None:
            french = a
        elif lang == "ar" and arabic is None:
            arabic = a
    assert arabic and french, "the sample issue needs an Arabic and a French article"
    return {
        "home": "",
        "issue": f"{latest}/",
        "article_ar": f"{latest}/{arabic.name}/",
        "article_fr": f"{latest}/{french.name}/",
        "comic_ar": next(f"comics/{p.parent.name}/" for p in sorted((sample_site / "comics").glob("*/index.html"))),
    }


@pytest.fixture(scope="module")
def pages(sample_site: Path) -> dict[str, str]:
    return _pages(sample_site)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("which", ["home", "issue", "article_ar", "article_fr", "comic_ar"])
def test_axe_has_no_violations(
    browser: Any, site_url: str, pages: dict[str, str], axe_source: str, which: str, viewport: dict[str, int]
) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(site_url + pages[which], wait_until="networkidle")
    violations = run_axe(page, axe_source)
    page.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


@pytest.mark.parametrize("which", ["home", "issue", "article_ar", "article_fr", "comic_ar"])
def test_no_request_leaves_the_machine_and_no_sideways_scroll(
    browser: Any, site_url: str, pages: dict[str, str], which: str
) -> None:
    page = browser.new_page(viewport=PHONE)
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname or r.url))
    page.goto(site_url + pages[which], wait_until="networkidle")
    page.mouse.wheel(0, 20000)
    page.wait_for_timeout(300)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert hosts == {"127.0.0.1"}
    assert width <= PHONE["width"]


def test_one_frame_for_every_page_and_the_article_in_its_own_language(
    browser: Any, site_url: str, pages: dict[str, str]
) -> None:
    """docs/web.md, "One frame": the menu, the search and the footer stay the magazine's
    (Arabic, right to left) on a French article; the article is French, left to right."""
    page = browser.new_page(viewport=PHONE)
    seen, frame = {}, {}
    for which in ("home", "article_ar", "article_fr"):
        page.goto(site_url + pages[which])
        seen[which] = page.evaluate(
            "[document.documentElement.lang, document.documentElement.dir, document.body.dir,"
            " document.querySelector('article.md-content__inner').lang,"
            " getComputedStyle(document.querySelector('.md-typeset p')).direction]"
        )
        frame[which] = page.evaluate(
            "[document.querySelector('.pm-search-link').getAttribute('aria-label'),"
            " Math.round(document.querySelector('label.pm-menu').getBoundingClientRect().left),"
            " getComputedStyle(document.querySelector('.pm-footer')).direction]"
        )
    page.close()
    assert seen["home"] == ["ar", "rtl", "rtl", "ar", "rtl"]
    assert seen["article_ar"] == ["ar", "rtl", "rtl", "ar", "rtl"]
    assert seen["article_fr"] == ["ar", "rtl", "rtl", "fr", "ltr"]
    assert frame["article_fr"] == frame["article_ar"] == frame["home"]  # nothing jumps sides
    assert frame["home"][0] == "البحث" and frame["home"][2] == "rtl"


def _first_view_bytes(browser: Any, url: str) -> int:
    """Bytes transferred for a first, uncached view (CDP, encoded sizes)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    total: list[int] = [0]
    cdp.on("Network.loadingFinished", lambda e: total.__setitem__(0, total[0] + int(e["encodedDataLength"])))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    context.close()
    return total[0]


@pytest.mark.parametrize("which", ["article_ar", "article_fr"])
def test_first_view_of_an_article_on_a_phone_is_under_300_kb(
    browser: Any, site_url: str, pages: dict[str, str], which: str
) -> None:
    # uncompressed: the test server sends no gzip, so this is the worst case
    assert _first_view_bytes(browser, site_url + pages[which]) < 300_000


def _search(browser: Any, site_url: str, query: str, viewport: dict[str, int] = DESKTOP) -> list[str]:
    page = browser.new_page(viewport=viewport)
    page.goto(site_url + "search/", wait_until="networkidle")
    page.fill("#pm-search-q", query)
    # search.js announces the count once the results are on the page
    page.wait_for_function("document.getElementById('pm-search-status').textContent !== ''")
    found = page.eval_on_selector_all("#pm-search-results a", "els => els.map(e => e.getAttribute('href'))")
    page.close()
    return [h for h in found if h]


def _probe_words() -> list[tuple[str, str]]:
    """(query, article slug) pairs from the sample's own Arabic bodies.

    For a word written with the article "ال" (and for one written with و/ف before it),
    the query is the bare word without "ال" and without diacritics, as a reader types it.
    """
    import re

    from policemag.content.magazine import read_magazine

    REPO = Path(__file__).resolve().parents[2]

    magazine, _ = read_magazine(REPO)
    harakat = re.compile("[\u064b-\u0652\u0670\u0640]")
    out: list[tuple[str, str]] = []
    for article in magazine.latest.articles if magazine.latest else ():
        if article.lang != "ar" or article.draft or article.embargo:
            continue
        words = re.findall("[\u0621-\u0652]+", article.body)
        plain = [harakat.sub("", w) for w in words]
        with_al = [w for w in plain if w.startswith("ال") and len(w) >= 7]
        with_wal = [w for w in plain if w.startswith(("وال", "فال")) and len(w) >= 8]
        if with_al:
            out.append((with_al[0], article.slug))
            out.append((with_al[0][2:], article.slug))
        if with_wal:
            out.append((with_wal[0][3:], article.slug))
        if len(out) >= 6:
            break
    assert out, "the sample needs Arabic articles"
    return out


def test_search_finds_arabic_body_words_with_and_without_al_and_diacritics(
    browser: Any, site_url: str
) -> None:
    misses = []
    for query, slug in _probe_words():
        hits = _search(browser, site_url, query)
        if not any(f"/{slug}/" in h for h in hits):
            misses.append((query, slug, hits[:3]))
    assert misses == []


def test_guided_comic_view_follows_the_reading_direction_and_is_accessible(
    browser: Any, site_url: str, pages: dict[str, str], axe_source: str
) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(site_url + pages["comic_ar"], wait_until="networkidle")
    page.locator("button.pm-guided-open").first.click()
    dialog = page.locator("dialog.pm-guided")
    dialog.wait_for()
    where = dialog.locator("[aria-live] .pm-guided-where")
    assert where.inner_text().endswith("الخانة 1 من 2")
    page.keyboard.press("ArrowLeft")  # forward in a right-to-left comic
    page.wait_for_function("document.querySelector('.pm-guided-where').textContent.endsWith('الخانة 2 من 2')")
    page.keyboard.press("ArrowRight")  # back
    page.wait_for_function("document.querySelector('.pm-guided-where').textContent.endsWith('الخانة 1 من 2')")
    violations = run_axe(page, axe_source)
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached", timeout=5000)  # closed and removed, focus back
    assert page.evaluate("document.activeElement.className") == "pm-guided-open"
    page.close()
    assert [v["id"] for v in violations] == []


def test_search_reads_words_in_the_browser_as_the_index_does(browser: Any, site_url: str) -> None:
    """search.js and policemag.search.text fold the same texts to the same terms."""
    from policemag.content.magazine import read_magazine
    from policemag.search.text import terms

    magazine, _ = read_magazine(Path(__file__).resolve().parents[2])
    texts = [a.title + " " + a.body for a in magazine.articles] + [
        "إِنَّ الشُّرْطَةَ والشرطة للشرطة بالشرطة وشرطة ـــ أمن مسؤول مسئول ٢٠٢٦ ۱۹",
        "L'Arnaque aux faux gendarmes : ÉVITEZ-LES ! Prix, voix, bus, œuvre, ﬁn",
        "SMS ٣ رسائل، مواطنيها والمواطنون مستشفى ﻻ",
    ]
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url + "search/", wait_until="networkidle")
    in_browser = page.evaluate("texts => texts.map(t => window.policemagSearch.terms(t))", texts)
    page.close()
    assert in_browser == [list(terms(t)) for t in texts]


def test_search_finds_french_and_diacritised_words_and_says_when_nothing_matches(
    browser: Any, site_url: str, axe_source: str
) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(site_url + "search/?q=" + "voyageurs", wait_until="networkidle")
    page.wait_for_selector("#pm-search-results li")
    first = page.locator("#pm-search-results li").first
    assert (first.get_attribute("lang"), first.get_attribute("dir")) == ("fr", "ltr")
    assert "voyageur" in first.locator("mark").first.inner_text().lower()
    violations = run_axe(page, axe_source)
    page.fill("#pm-search-q", "كلمةلاوجودلها")
    page.wait_for_function("document.querySelectorAll('#pm-search-results li').length === 0")
    assert "كلمةلاوجودلها" in page.inner_text("#pm-search-status")
    page.close()
    assert [v["id"] for v in violations] == []
    plain = _search(browser, site_url, "الاحتيال")
    marked = _search(browser, site_url, "الاِحْتِيَال")
    assert plain and plain == marked
