"""Content errors as an editor sees them: ``path:line: CODE message``, all at once.

Each test starts from a valid one-issue magazine written to tmp_path, breaks one thing
and asserts the exact error list (so a second, unexpected error fails the test too).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policemag.content.magazine import read_magazine
from policemag_dev.synth import make_photo

ISSUE = "issues/2026-01-n1"

ISSUE_YML = """\
number: 1
date: 2026-01-15
title: "عدد"
lang: ar
cover: images/cover.jpg
cover_alt: "غلاف"
contents:
  - a.md
"""

ARTICLE = """\
---
title: "عنوان"
section: news
summary: "ملخص"
image: images/lead.jpg
image_alt: "صورة"
---

نص.
"""


class Repo:
    """A tiny magazine in a temporary folder; ``root`` is the repository root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.issue = root / ISSUE
        (self.issue / "images").mkdir(parents=True)
        make_photo(1, (16, 12)).save(self.issue / "images" / "cover.jpg")
        make_photo(2, (16, 12)).save(self.issue / "images" / "lead.jpg")
        self.write("issue.yml", ISSUE_YML)
        self.write("a.md", ARTICLE)

    def write(self, name: str, text: str) -> None:
        (self.issue / name).write_text(text, encoding="utf-8")

    def errors(self) -> list[str]:
        _, log = read_magazine(self.root)
        return [str(e) for e in log.errors]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


def test_the_base_magazine_is_valid(repo: Repo) -> None:
    assert repo.errors() == []


def test_unknown_field_suggests_the_known_one(repo: Repo) -> None:
    repo.write("a.md", ARTICLE.replace('summary: "ملخص"\n', 'summary: "ملخص"\nautors: ["س"]\n'))
    assert repo.errors() == [
        f"{ISSUE}/a.md:5: E004 unknown field 'autors' (did you mean 'authors'?)"
    ]


def test_unknown_issue_field_suggests_the_known_one(repo: Repo) -> None:
    repo.write("issue.yml", ISSUE_YML.replace("cover_alt:", "cover_alte:"))
    assert repo.errors() == [
        f"{ISSUE}/issue.yml:1: E003 required field 'cover_alt' is missing",
        f"{ISSUE}/issue.yml:6: E004 unknown field 'cover_alte' (did you mean 'cover_alt'?)",
    ]


def test_impossible_date(repo: Repo) -> None:
    repo.write("issue.yml", ISSUE_YML.replace("2026-01-15", "2026-02-30"))
    [error] = repo.errors()
    assert error.startswith(f"{ISSUE}/issue.yml:2: E006 date: ")
    assert "2026-02-30" in error


def test_embargo_without_timezone(repo: Repo) -> None:
    repo.write(
        "a.md", ARTICLE.replace("section: news\n", "section: news\nembargo: 2026-01-01T09:00:00\n")
    )
    [error] = repo.errors()
    assert error.startswith(f"{ISSUE}/a.md:4: E018 embargo: needs a timezone: write the date, the time and the offset")
    assert "2027-01-15T09:00:00+01:00" in error


def test_yaml_syntax_error_in_front_matter_has_the_file_line(repo: Repo) -> None:
    # line 4 of the file is line 3 of the front matter: the offset must be applied
    repo.write("a.md", ARTICLE.replace('summary: "ملخص"', "summary: a: b"))
    assert repo.errors() == [
        f"{ISSUE}/a.md:4: E002 YAML syntax error: the value of 'summary' contains ':':"
        ' put the whole value in double quotes: summary: "a: b"'
    ]


def test_yaml_syntax_error_in_issue_yml(repo: Repo) -> None:
    repo.write("issue.yml", ISSUE_YML.replace("  - a.md", "  - a.md\n - b.md"))
    [error] = repo.errors()
    assert error.startswith(f"{ISSUE}/issue.yml:9: E002 YAML syntax error:")


def test_duplicate_key_is_an_error_not_a_silent_override(repo: Repo) -> None:
    repo.write("a.md", ARTICLE.replace("section: news\n", 'section: news\ntitle: "آخر"\n'))
    assert repo.errors() == [f"{ISSUE}/a.md:4: E002 YAML syntax error: duplicate key 'title'"]


def test_front_matter_not_closed(repo: Repo) -> None:
    repo.write("a.md", ARTICLE.replace("---\n\n", "\n"))
    assert repo.errors() == [f"{ISSUE}/a.md:1: E008 front matter is not closed with a '---' line"]


def test_image_without_alt(repo: Repo) -> None:
    repo.write("a.md", ARTICLE + "\n![](images/lead.jpg)\n")
    assert repo.errors() == [f"{ISSUE}/a.md:11: E012 image 'images/lead.jpg' has no alt text"]


def test_lead_image_without_image_alt(repo: Repo) -> None:
    repo.write("a.md", ARTICLE.replace('image_alt: "صورة"\n', ""))
    assert repo.errors() == [f"{ISSUE}/a.md:5: E012 lead image 'images/lead.jpg' needs image_alt"]


def test_paths_escaping_the_repository(repo: Repo) -> None:
    outside = repo.root.parent / "outside.jpg"
    make_photo(3, (16, 12)).save(outside)
    os.symlink(outside, repo.issue / "images" / "link.jpg")
    repo.write(
        "a.md",
        ARTICLE + "\n![x](../../../outside.jpg)\n\n![x](/etc/hosts)\n\n![x](images/link.jpg)\n",
    )
    assert repo.errors() == [
        f"{ISSUE}/a.md:11: E013 '../../../outside.jpg' points outside the repository",
        f"{ISSUE}/a.md:13: E013 '/etc/hosts' must be a relative path inside the repository",
        f"{ISSUE}/a.md:15: E013 'images/link.jpg' points outside the repository",
    ]


def test_missing_image(repo: Repo) -> None:
    repo.write("a.md", ARTICLE + "\n![x](images/missing.jpg)\n")
    assert repo.errors() == [f"{ISSUE}/a.md:11: E014 'images/missing.jpg' not found"]


def test_missing_cover(repo: Repo) -> None:
    (repo.issue / "images" / "cover.jpg").unlink()
    assert repo.errors() == [f"{ISSUE}/issue.yml:5: E014 'images/cover.jpg' not found"]


def test_duplicate_issue_number(repo: Repo) -> None:
    second = repo.root / "issues" / "2026-02-n1"
    (second / "images").mkdir(parents=True)
    (second / "images" / "cover.jpg").write_bytes(
        (repo.issue / "images" / "cover.jpg").read_bytes()
    )
    (second / "issue.yml").write_text(
        ISSUE_YML.replace("2026-01-15", "2026-02-15").replace("  - a.md\n", "  - b.md\n"),
        encoding="utf-8",
    )
    (second / "b.md").write_text(
        ARTICLE.replace('image: images/lead.jpg\nimage_alt: "صورة"\n', ""), encoding="utf-8"
    )
    magazine, log = read_magazine(repo.root)
    assert [str(e) for e in log.errors] == [
        f"issues/2026-02-n1/issue.yml:1: E010 issue number 1 is already used by {ISSUE}/issue.yml"
    ]
    assert [i.id for i in magazine.issues] == ["2026-01-n1"]


def test_unknown_comic(repo: Repo) -> None:
    repo.write("issue.yml", ISSUE_YML + "  - comic: phone-scams\n")
    assert repo.errors() == [
        f"{ISSUE}/issue.yml:9: E015 unknown comic 'phone-scams' (no comics/phone-scams/comic.yml)"
    ]


def test_invalid_language_tag(repo: Repo) -> None:
    repo.write("a.md", ARTICLE.replace("section: news\n", "section: news\nlang: french\n"))
    assert repo.errors() == [
        f"{ISSUE}/a.md:4: E007 lang: invalid language tag 'french' (BCP 47, e.g. ar, fr, ar-MA)"
    ]


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        '<p onclick="steal()">x</p>',
        '<iframe src="https://example.com"></iframe>',
    ],
)
def test_script_in_body(repo: Repo, html: str) -> None:
    repo.write("a.md", ARTICLE + "\n" + html + "\n")
    assert repo.errors() == [
        f"{ISSUE}/a.md:11: E017 script, event handler or embedded page in raw HTML"
    ]


def test_script_in_a_code_block_is_refused_too(repo: Repo) -> None:
    # the web edition has no fenced code blocks: there, this <script> would run
    repo.write("a.md", ARTICLE + "\n```html\n<script>alert(1)</script>\n```\n")
    assert repo.errors() == [
        f"{ISSUE}/a.md:12: E017 script, event handler or embedded page in raw HTML"
    ]


def test_images_in_code_blocks_are_text(repo: Repo) -> None:
    repo.write("a.md", ARTICLE + "\n```\n![](images/missing.jpg)\n```\n")
    assert repo.errors() == []


def test_html_in_title(repo: Repo) -> None:
    repo.write("a.md", ARTICLE.replace('title: "عنوان"', 'title: "<b>عنوان</b>"'))
    assert repo.errors() == [
        f"{ISSUE}/a.md:2: E017 title: HTML is not allowed here: write plain text"
        " (got '<b>عنوان</b>')"
    ]


def test_not_an_image_named_jpg(repo: Repo) -> None:
    (repo.issue / "images" / "notes.jpg").write_text("not an image", encoding="utf-8")
    make_photo(4, (16, 12)).save(repo.issue / "images" / "really-png.jpg", format="PNG")
    repo.write("a.md", ARTICLE + "\n![x](images/notes.jpg)\n\n![x](images/really-png.jpg)\n")
    errors = repo.errors()
    assert [e.split(" (")[0] for e in errors] == [
        f"{ISSUE}/a.md:11: E020 images/notes.jpg: not a readable image",
        f"{ISSUE}/a.md:13: E020 images/really-png.jpg: file is PNG but named .jpg",
    ]
    # messages name files as the editor wrote them, never with this machine's paths
    assert str(repo.root) not in "\n".join(errors)


def test_all_errors_are_reported_in_one_run(repo: Repo) -> None:
    repo.write("issue.yml", ISSUE_YML + "  - comic: nope\n")
    repo.write(
        "a.md", ARTICLE.replace("section: news", "section: News") + "\n![](images/missing.jpg)\n"
    )
    codes = [e.split(": ")[1].split()[0] for e in repo.errors()]
    assert codes == ["E005", "E012", "E014", "E015"]  # sorted by file, then line
