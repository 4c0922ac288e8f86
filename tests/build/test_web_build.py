"""Building a tiny magazine end to end: pages, languages, failure without damage."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

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
    expected = {
        "index.html": ("ar", "rtl"),
        "archive/index.html": ("ar", "rtl"),
        "2026-01-n1/index.html": ("ar", "rtl"),
        "2026-01-n1/road/index.html": ("ar", "rtl"),
        "2026-01-n1/frontiere/index.html": ("fr", "ltr"),
        "sections/awareness/index.html": ("ar", "rtl"),
        "search/index.html": ("ar", "rtl"),
    }
    for path, (lang, direction) in expected.items():
        tag = _html_tag(web_basic / path)
        assert f'lang="{lang}"' in tag and f'dir="{direction}"' in tag, (path, tag)


def test_french_article_has_french_interface_strings(web_basic: Path) -> None:
    html = (web_basic / "2026-01-n1/frontiere/index.html").read_text(encoding="utf-8")
    assert 'aria-label="Recherche"' in html
    assert "Numéro 1" in html and "15 janvier 2026" in html
    assert '<body dir="ltr"' in html


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


def test_no_page_links_to_another_host(web_basic: Path) -> None:
    for page in web_basic.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', text):
            assert url.startswith("https://magazine.police.example/"), (page, url)
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
