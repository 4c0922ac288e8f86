"""The benchmark's parts that can be checked without timing: the synthetic archive,
the plain-site export and the search-bytes arithmetic. ``scripts/bench.sh`` itself is
run by hand (README, Benchmark); its numbers are never asserted."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from tests.conftest import REPO

from policemag.content.magazine import read_magazine
from policemag.site.pages import SECTION_PAGE_SIZE
from policemag_dev.archive import make_archive
from policemag_dev.bench import Row, plain_site, print_table
from policemag_dev.bench_search import sent_size


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return make_archive(
        tmp_path_factory.mktemp("a") / "m",
        REPO,
        3,
        image_issues=1,
        photos_per_issue=2,
        photo_size=(64, 48),
    )


def test_archive_is_a_valid_magazine_of_arabic_and_french_articles(archive) -> None:  # type: ignore[no-untyped-def]
    magazine, log = read_magazine(archive.root)
    assert log.errors == [], [str(e) for e in log.errors]
    assert [i.id for i in magazine.issues] == list(archive.issue_ids)
    articles = magazine.articles
    assert len(articles) == 30
    assert {a.lang for a in articles} == {"ar", "fr"}
    words = [len(a.body.split()) for a in articles]
    assert min(words) >= 800 and max(words) <= 1000
    assert magazine.issues[0].comics and len(archive.photos) == 2
    assert archive.edit_target.exists()


def test_archive_is_deterministic(archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    again = make_archive(
        tmp_path / "m", REPO, 3, image_issues=1, photos_per_issue=2, photo_size=(64, 48)
    )
    for path in sorted(archive.root.joinpath("issues").rglob("*")):
        if path.is_file():
            twin = again.root / path.relative_to(archive.root)
            assert twin.read_bytes() == path.read_bytes(), path


def test_plain_site_has_the_same_pages_as_markdown(archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = plain_site(archive, tmp_path / "plain", sidebar=False)
    pages = {p.relative_to(site / "docs").as_posix() for p in (site / "docs").rglob("*.md")}
    assert "index.md" in pages and f"{archive.issue_ids[0]}/article-01.md" in pages
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "nav:\n  - index.md" in config
    assert "  - smarty\n" in config and "policemag" not in config  # the floor is plain Python-Markdown
    assert len(pages) > 30
    article = (site / "docs" / f"{archive.issue_ids[0]}/article-01.md").read_text(encoding="utf-8")
    assert '<p class="pm-kicker">' in article and "<!--pm-" not in article  # the whole Markdown


def test_sent_size_is_gzip_unless_already_compressed(tmp_path: Path) -> None:
    text = tmp_path / "a.js"
    text.write_bytes(b"x" * 10_000)
    packed = tmp_path / "b.pf_index"
    packed.write_bytes(gzip.compress(bytes(range(256)) * 4))
    assert sent_size(text) < 100
    assert sent_size(packed) == packed.stat().st_size


def test_table_prints_every_row(capsys: pytest.CaptureFixture[str]) -> None:
    print_table(
        [Row("x", "1 s", "2 s", 0.5, "<= 1x", True), Row("y", "-", "-", None, "(info)", None)]
    )
    out = capsys.readouterr().out
    assert "| x | 1 s | 2 s | 0.50 | <= 1x | yes |" in out and "| y |" in out


def test_section_pages_are_paged(archive) -> None:  # type: ignore[no-untyped-def]
    from policemag.config import MagazineConfig
    from policemag.site.pages import render_section

    magazine, _ = read_magazine(archive.root)
    config = MagazineConfig(root=archive.root)
    arts = magazine.articles * 6  # 180 entries
    pages = render_section("news", arts, magazine, config)
    assert [p.path for p in pages] == [
        "sections/news/",
        "sections/news/2/",
        "sections/news/3/",
        "sections/news/4/",
    ]
    assert all(p.markdown.count("<li ") <= SECTION_PAGE_SIZE for p in pages)
    assert 'rel="next" href="../../sections/news/2/"' in pages[0].markdown
    assert 'rel="prev" href="../../../sections/news/"' in pages[1].markdown


def test_the_fixed_cost_archive_has_a_small_cover_of_its_own_per_issue(tmp_path: Path) -> None:
    """The 30-issue rows (policemag_dev.bench_fixed): N articles an issue, each issue
    its own small cover (thirty covers to derive, as a real archive has)."""
    small = make_archive(tmp_path / "s", REPO, 2, image_issues=0, articles_per_issue=3, cover_size=(32, 24))
    covers = [(small.root / "issues" / i / "images" / "cover.jpg").read_bytes() for i in small.issue_ids]
    assert len(set(covers)) == 2
    assert [len(list((small.root / "issues" / i).glob("*.md"))) for i in small.issue_ids] == [3, 3]
    magazine, log = read_magazine(small.root)
    assert log.errors == [] and len(magazine.articles) == 6
