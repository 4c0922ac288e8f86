"""Building a tiny magazine end to end: pages, languages, failure without damage."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tests.conftest import SITES, build_magazine, cli_env, tree_digest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def web_basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_magazine(SITES / "web-basic", tmp_path_factory.mktemp("web-basic"))


def _html_tag(page: Path) -> str:
    m = re.search(r"<html\b[^>]*>", page.read_text(encoding="utf-8"))
    assert m
    return m.group(0)


def test_every_page_exists_with_lang_and_dir_on_html(web_basic: Path) -> None:
    """One frame (docs/web.md): <html> carries the magazine's language and direction on
    every page; a French article is French on its <article>."""
    expected = {
        "index.html": "ar",
        "archive/index.html": "ar",
        "2026-01-n1/index.html": "ar",
        "2026-01-n1/road/index.html": "ar",
        "2026-01-n1/frontiere/index.html": "fr",
        "sections/awareness/index.html": "ar",
        "search/index.html": "ar",
    }
    for path, lang in expected.items():
        tag = _html_tag(web_basic / path)
        assert 'lang="ar"' in tag and 'dir="rtl"' in tag, (path, tag)
        article = re.search(r'<article class="md-content__inner[^"]*" lang="([^"]+)" dir="([^"]+)"',
                            (web_basic / path).read_text(encoding="utf-8"))
        assert article and article.groups() == (lang, "ltr" if lang == "fr" else "rtl"), path
    assert 'lang="ar" dir="rtl"' in _html_tag(web_basic / "404.html")


def test_french_article_in_the_magazine_frame_with_french_words(web_basic: Path) -> None:
    html = (web_basic / "2026-01-n1/frontiere/index.html").read_text(encoding="utf-8")
    frame, article = html.split("<article", 1)
    article = unescape(article)
    assert 'aria-label="البحث"' in frame and '<body dir="rtl"' in frame  # the frame stays Arabic
    assert "N°\u00a01" in article and "15\u00a0janvier\u00a02026" in article  # French words, no break
    assert "Numéro 1" not in html and "العدد" not in article.split('class="pm-article-nav"')[0]


def test_article_page_shows_section_authors_lead_image_with_alt(web_basic: Path) -> None:
    html = (web_basic / "2026-01-n1/road/index.html").read_text(encoding="utf-8")
    assert "توعية" in html  # section label
    assert "سلمى الإدريسي" in html
    assert 'alt="سيارات تعبر طريقا حضريا عند الغروب"' in html
    img = re.search(r'<img[^>]+alt="سيارات[^>]+>', html)
    assert img and "width=" in img.group(0) and "height=" in img.group(0)


def test_issue_page_lists_contents_in_reading_order(web_basic: Path) -> None:
    html = (web_basic / "2026-01-n1/index.html").read_text(encoding="utf-8")
    assert html.index("road/") < html.index("frontiere/")
    assert "السلامة الطرقية" in html  # theme


def test_no_page_loads_anything_from_another_host(web_basic: Path) -> None:
    """Nothing a page fetches comes from another host. Links may leave the site only to
    share a page (plain links to the apps, policemag.site.cards.SHARE_TARGETS) and to the
    magazine's own accounts (mkdocs.yml footer.social)."""
    from policemag.config import read_site_config
    from policemag.site.cards import SHARE_TARGETS

    config = read_site_config(web_basic.parent)
    allowed = {urlsplit(pattern).netloc for _, _, pattern in SHARE_TARGETS}
    allowed |= {urlsplit(account.url).netloc for account in config.footer.social}
    for page in web_basic.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|srcset|poster|data)="(https?://[^"]+)"', text):
            raise AssertionError((page, url))
        for url in re.findall(r'<link\b[^>]*href="(https?://[^"]+)"', text):
            assert url.startswith("https://magazine.police.example/"), (page, url)  # canonical
        for url in re.findall(r'<a\b[^>]*href="(https?://[^"]+)"', text):
            host = urlsplit(url).netloc
            assert host == "magazine.police.example" or host in allowed, (page, url)
        assert "fonts.googleapis" not in text


def test_a_content_error_leaves_the_previous_site_unchanged(tmp_path: Path) -> None:
    site = build_magazine(SITES / "web-basic", tmp_path / "m")
    before = tree_digest(site)
    issue = tmp_path / "m/issues/2026-01-n1/issue.yml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("date: 2026-01-15", "date: 2026-01-45"), encoding="utf-8")
    for command in (["-m", "policemag.cli", "-C", str(tmp_path / "m"), "build"],
                    ["-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "m/mkdocs.yml")]):
        done = subprocess.run(
            [sys.executable, *command], env=cli_env(), capture_output=True, text=True, check=False
        )
        out = done.stdout + done.stderr
        assert done.returncode != 0
        assert "issues/2026-01-n1/issue.yml:2: E006" in out
        assert "Traceback" not in out
    after = tree_digest(site)
    assert after == before
    shutil.rmtree(tmp_path / "m")
