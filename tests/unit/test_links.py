"""Links between articles, issues, comics and sections (policemag.content.links):
found as Python-Markdown reads them, checked with did-you-mean, refused when they would
give away what is not published, rewritten for each edition."""

from __future__ import annotations

import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.conftest import SITES

from policemag import urls
from policemag.config import MagazineConfig
from policemag.content.links import (
    UNPUBLISHED,
    absolute_url,
    find_links,
    heading_ids,
    rewrite_links,
    web_url,
)
from policemag.content.magazine import read_magazine
from policemag.content.markdown import render_markdown
from policemag.epub.build import book_links
from policemag.model import Article, Magazine

ISSUE = "issues/2026-01-n1"
SECOND = "issues/2026-02-n2"
NOW = datetime(2026, 3, 1, tzinfo=UTC)
SECTIONS = ("news", "awareness", "legal")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """tests/sites/minimal with a second issue (2), whose article may link anywhere,
    and the epub-basic comic."""
    root = tmp_path / "m"
    shutil.copytree(SITES / "minimal", root)
    shutil.copytree(SITES / "epub-basic" / "comics", root / "comics")
    second = root / SECOND
    (second / "images").mkdir(parents=True)
    shutil.copy(root / ISSUE / "images" / "cover.jpg", second / "images" / "cover.jpg")
    (second / "issue.yml").write_text(
        'number: 2\ndate: 2026-02-15\ntitle: "الثاني"\ncover: images/cover.jpg\ncover_alt: "غلاف"\n'
        "contents:\n  - note.md\n  - later.md\n  - comic: road-safety\n",
        encoding="utf-8",
    )
    write(root, "later.md", "نص.\n", "embargo: 2099-01-01T09:00:00+01:00\n")
    write(root, "note.md", "نص.\n")
    return root


def write(root: Path, name: str, body: str, extra: str = "") -> Path:
    path = root / SECOND / name
    path.write_text(
        f'---\ntitle: "مقال"\nsection: news\nsummary: "ملخص."\n{extra}---\n\n{body}', encoding="utf-8"
    )
    return path


def errors(root: Path, now: datetime = NOW) -> list[str]:
    _, log = read_magazine(root, sections=SECTIONS, now=now)
    return [str(e) for e in log.errors]


def note(magazine: Magazine) -> Article:
    return next(a for a in magazine.articles if a.slug == "note")


# -- finding ---------------------------------------------------------------------------


def test_links_are_found_where_markdown_sees_them() -> None:
    body = (
        "[a](a.md) and ![img](p.jpg) and [![alt](p.jpg)](issue:3)\n"
        "\\[not](x.md) `[code](y.md)` [<b>](<spaced name.md> \"t\")\n"
        "\n```\n[fenced](z.md)\n```\n\n"
        '<a href="h.md">h</a> <A HREF=\'s.md\'>s</A>\n'
        "[ref]: section:news\n[^1]: a footnote, not a link\n"
    )
    found = [(f.line, f.dest, f.html) for f in find_links(body)]
    assert found == [
        (0, "a.md", False), (0, "issue:3", False), (1, "spaced name.md", False),
        (7, "h.md", True), (7, "s.md", True), (8, "section:news", False),
    ]
    for f in find_links(body):  # each span is the destination as written
        assert body[f.start : f.end] == f.dest or f.html


def test_finding_links_is_linear_on_hostile_text() -> None:
    for body in ("[" * 200_000, "`" * 200_000, "](" * 100_000, "<a href" * 50_000, "[x](" * 50_000,
                 "<!--" * 100_000, "`a` " * 50_000):
        start = time.perf_counter()
        find_links(body)
        assert time.perf_counter() - start < 2, body[:10]


def test_heading_ids_are_those_of_every_edition() -> None:
    ids = heading_ids("## Sur la route\n\n## سرية البحث\n\n## x {#custom}\n")
    assert ids == {"sur-la-route", "سرية-البحث", "custom"}


# -- checking ---------------------------------------------------------------------------


def test_every_kind_of_link_resolves(root: Path) -> None:
    write(root, "note.md", "[a](../2026-01-n1/station.md#الخدمات) [b](issue:1) [c](comic:road-safety)"
          " [d](section:awareness) [e](later.md) [f](https://police.example/) [g](#top) [h](mailto:x@y.ma)\n\n## top\n",
          "embargo: 2099-01-01T09:00:00+01:00\n")
    assert errors(root) == []
    magazine, _ = read_magazine(root, sections=SECTIONS, now=NOW)
    kinds = [(link.kind, link.key, link.path, link.fragment) for link in note(magazine).links]
    assert kinds == [
        ("article", "2026-01-n1/station", "2026-01-n1/station/", "الخدمات"),
        ("issue", "2026-01-n1", "2026-01-n1/", ""),
        ("comic", "road-safety", "comics/road-safety/", ""),
        ("section", "awareness", "sections/awareness/", ""),
        ("article", "2026-02-n2/later", "2026-02-n2/later/", ""),
    ]


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("nott.md", "E060 link 'nott.md': no article issues/2026-02-n2/nott.md (did you mean 'note.md'?)"),
        ("../2026-01-n1/stations.md", "(did you mean '../2026-01-n1/station.md'?)"),
        ("station.md", "(did you mean '../2026-01-n1/station.md'?)"),
        ("../2026-01-n1/station.md#الخدمة", "no heading with the id 'الخدمة' in issues/2026-01-n1/station.md (did you mean '#الخدمات'?)"),
        ("#nowhere", "no heading with the id 'nowhere' in this article"),
        ("issue:9", "there is no issue 9 (issues: 1, 2)"),
        ("issue:2026-01-n1", "write the issue's number, e.g. issue:112 (did you mean 'issue:1'?)"),
        ("comic:road-safty", "unknown comic 'road-safty' (did you mean 'comic:road-safety'?)"),
        ("section:awarness", "no section 'awarness' (did you mean 'section:awareness'? declared: awareness, legal, news)"),
        ("issue:1#x", "only a link to an article can go to one of its headings"),
        ("images/cover.jpg", "an image is shown with ![alt](path), not linked"),
        ("report.pdf", "only articles (.md), issues, comics and sections have an address on the site"),
        ("../2026-01-n1/", "to link to an issue, write issue:1"),
        ("../../comics/road-safety/comic.yml", "to link to a comic, write comic:road-safety"),
        ("/about/", "starts with '/': write a path relative to this article"),
        ("../../../../etc/passwd.md", "points outside the repository"),
    ],
)
def test_a_link_that_leads_nowhere_is_e060_with_a_hint(root: Path, link: str, message: str) -> None:
    write(root, "note.md", f"نص.\n\nاقرأ [هنا]({link}).\n")
    [error] = errors(root)
    assert error.startswith(f"{SECOND}/note.md:9: E060 "), error
    assert message in error


def test_a_file_no_issue_lists_is_named_so(root: Path) -> None:
    (root / SECOND / "stray.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    write(root, "note.md", "[x](stray.md)\n")
    assert errors(root) == [
        f"{SECOND}/note.md:7: E060 link 'stray.md': issues/2026-02-n2/stray.md is not listed in the"
        " contents of issues/2026-02-n2/issue.yml, so it is never published"
    ]


def test_a_link_to_an_article_with_errors_adds_none(root: Path) -> None:
    write(root, "later.md", "نص.\n", "sektion: x\n")
    write(root, "note.md", "[x](later.md)\n")
    assert [e.split(": ")[1][:4] for e in errors(root)] == ["E004"]


# -- what is not published yet ---------------------------------------------------------


def test_a_link_to_a_later_embargo_names_the_target_and_its_embargo(root: Path) -> None:
    write(root, "note.md", "[x](later.md)\n")
    assert errors(root) == [
        f"{SECOND}/note.md:7: E061 link 'later.md': the article issues/2026-02-n2/later.md is under"
        " embargo until 2099-01-01T09:00:00+01:00, and this article is published before then: the"
        " link would give its address away; remove it, or give this article an embargo at least as late"
    ]


def test_the_same_embargo_or_a_lifted_one_is_fine(root: Path) -> None:
    write(root, "note.md", "[x](later.md)\n", "embargo: 2099-01-01T09:00:00+01:00\n")
    assert errors(root) == []
    write(root, "note.md", "[x](later.md)\n")
    assert errors(root, now=datetime(2099, 1, 1, 8, tzinfo=UTC)) == []  # lifted: published


def test_a_link_to_a_draft_or_from_a_draft(root: Path) -> None:
    write(root, "later.md", "نص.\n", "draft: true\n")
    write(root, "note.md", "[x](later.md)\n")
    [error] = errors(root)
    assert "E061 link 'later.md': the article issues/2026-02-n2/later.md is a draft" in error
    write(root, "note.md", "[x](later.md)\n", "draft: true\n")
    assert errors(root) == []  # a draft links to anything: it leaks nothing


def test_a_draft_issue_hides_its_articles_sections_and_comics(root: Path) -> None:
    yml = root / SECOND / "issue.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("contents:", "draft: true\ncontents:"), encoding="utf-8")
    station = root / ISSUE / "station.md"
    station.write_text(station.read_text(encoding="utf-8") + "\n[a](../2026-02-n2/note.md) [b](issue:2)\n", encoding="utf-8")
    found = errors(root)
    assert len(found) == 2 and all(" E061 " in e and "draft" in e for e in found), found


def test_a_section_or_a_comic_nobody_publishes_has_no_page(root: Path) -> None:
    yml = root / SECOND / "issue.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - comic: road-safety\n", ""), encoding="utf-8")
    write(root, "note.md", "[a](section:legal) [b](comic:road-safety)\n")
    found = errors(root)
    assert any("the section 'legal' has no article yet, so it has no page" in e for e in found)
    assert any("the comic 'road-safety' is in no issue, so it is never published" in e for e in found)


# -- rewriting -------------------------------------------------------------------------


def test_each_edition_gets_its_own_address(root: Path) -> None:
    write(root, "note.md", "[a](../2026-01-n1/station.md#الخدمات) [b](issue:2) [c](section:news)\n"
          '<a href="../2026-01-n1/frontiere.md">d</a>\n')
    magazine, log = read_magazine(root, sections=SECTIONS, now=NOW)
    assert not log.errors
    article = note(magazine)
    config = MagazineConfig(root=root, site_url="https://mag.example/")
    web = rewrite_links(article, web_url(urls.article_page(article))).body
    assert "(../../2026-01-n1/station/#الخدمات)" in web and "(../../2026-02-n2/)" in web
    assert '<a href="../../2026-01-n1/frontiere/">' in web
    feed = rewrite_links(article, absolute_url(config.url)).body
    assert "(https://mag.example/2026-01-n1/station/#الخدمات)" in feed
    assert "(https://mag.example/sections/news/)" in feed
    issue = magazine.issue("2026-02-n2")
    book = rewrite_links(article, book_links(issue, config)).body
    assert "(titlepage.xhtml)" in book  # its own issue: the book's title page
    assert "(https://mag.example/2026-01-n1/station/#الخدمات)" in book  # another issue: the web


def test_a_target_an_edition_does_not_publish_keeps_its_text_only(root: Path) -> None:
    write(root, "note.md", "[secret title](later.md)\n", "draft: true\n")
    magazine, _ = read_magazine(root, sections=SECTIONS, now=NOW)
    linked = rewrite_links(note(magazine), absolute_url(MagazineConfig(root=root).url, shown=set()))
    assert UNPUBLISHED in linked.body
    html = render_markdown(linked.body)
    assert "later" not in html and "secret title" in html and "href" not in html
