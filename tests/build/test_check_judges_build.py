"""``check`` is the build's judge: what it passes builds, what it refuses the build
refuses (issue 14, "Editors can trust check").

Each case is one mutation of the repository's own sample magazine, as an editor could
make it: language tags, links, sections, numbers, folders and dates, YAML forms,
images, captions, comics, embargoes and drafts. Each runs through ``policemag check``
and ``policemag build`` (in-process, as tests/build/test_bad_inputs.py does); both
must give the same verdict (the expected one), print no traceback, report the same
``path:line: CODE`` lines, and a refused build must write nothing. A few refused cases
also run through ``mkdocs build --strict`` in a real process, over a site/ built
before: it must stop before touching it (README: "fails on the same errors before
touching site/").
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import REPO, build_magazine, cli_env, tree_digest

pytestmark = pytest.mark.slow

ISSUE = "issues/2026-11-n112"
YML = f"{ISSUE}/issue.yml"
STATION = f"{ISSUE}/proximity-station.md"  # Arabic, news, lead image, one body image
BORDER = f"{ISSUE}/border-travellers.md"  # French, awareness, '## Avant de partir'
LAW = f"{ISSUE}/personal-data-law.md"
COMIC = "comics/phone-scam/comic.yml"
#: A line of the body of STATION that is a paragraph of its own.
PARAGRAPH = "\n\nاقرأ أيضا {link}.\n"

Mutation = Callable[[Path], None]


def edit(rel: str, old: str, new: str) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def append(rel: str, text: str) -> Mutation:
    def mutate(root: Path) -> None:
        with (root / rel).open("a", encoding="utf-8") as f:
            f.write(text)

    return mutate


def link(dest: str) -> Mutation:
    return append(STATION, PARAGRAPH.format(link=f"[هنا]({dest})"))


def both(*mutations: Mutation) -> Mutation:
    def mutate(root: Path) -> None:
        for m in mutations:
            m(root)

    return mutate


def second_issue(extra_contents: str = "", body: str = "نص.\n", folder: str = "2026-12-n113") -> Mutation:
    """A second issue (113) with one article and, optionally, more contents."""

    def mutate(root: Path) -> None:
        issue = root / "issues" / folder
        (issue / "images").mkdir(parents=True)
        shutil.copy(root / ISSUE / "images" / "cover.jpg", issue / "images" / "cover.jpg")
        (issue / "issue.yml").write_text(
            "number: 113\ndate: 2026-12-15\ntitle: \"الطريق أولا\"\nlang: ar\n"
            "cover: images/cover.jpg\ncover_alt: \"غلاف\"\ncontents:\n  - note.md\n" + extra_contents,
            encoding="utf-8",
        )
        (issue / "note.md").write_text(
            f'---\ntitle: "ملاحظة"\nsection: news\nsummary: "ملخص."\n---\n\n{body}', encoding="utf-8"
        )

    return mutate


def declare_section(root: Path) -> None:
    edit("mkdocs.yml", "      sections:\n", "      sections:\n        traffic: {ar: سير وجولان, fr: Circulation}\n")(root)


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Mutation
    expected: str | None  # None: check and build pass; else a code check must report


CASES = [
    # languages: tags normalised, a region kept, a language without words refused
    Case("issue lang upper case", edit(YML, "lang: ar\n", "lang: AR\n"), None),
    Case("issue lang with a region", edit(YML, "lang: ar\n", "lang: ar-MA\n"), None),
    Case("article lang fr-CA", edit(BORDER, "lang: fr\n", "lang: fr-ca\n"), None),
    Case("article lang FR", edit(BORDER, "lang: fr\n", "lang: FR\n"), None),
    Case("article lang fr-MA", edit(BORDER, "lang: fr\n", "lang: fr-MA\n"), None),
    Case("article lang without words", edit(BORDER, "lang: fr\n", "lang: es\n"), "E007"),
    Case("article lang three letters", edit(BORDER, "lang: fr\n", "lang: fra\n"), "E007"),
    Case("issue lang with an underscore", edit(YML, "lang: ar\n", "lang: ar_MA\n"), "E007"),
    # links
    Case("link to an article", link("border-travellers.md"), None),
    Case("link to a heading", link("border-travellers.md#avant-de-partir"), None),
    Case("link to an Arabic heading", link("personal-data-law.md#سرية-البحث"), None),
    Case("links to the issue, the comic, a section", both(link("issue:112"), link("comic:phone-scam"), link("section:legal")), None),
    Case("reference link and raw HTML link", append(STATION, "\n\n[هنا][r] و<a href=\"honours-ceremony.md\">هنا</a>\n\n[r]: recruitment-2027.md\n"), None),
    Case("link in code is text", append(STATION, "\n\n`[x](nope.md)`\n"), None),
    Case("link to another issue's article", second_issue(body="[العدد السابق](../2026-11-n112/border-travellers.md) و[هنا](issue:112)\n"), None),
    Case("link to a missing article", link("border-traveller.md"), "E060"),
    Case("link to a missing heading", link("border-travellers.md#avant"), "E060"),
    Case("link to a missing issue", link("issue:999"), "E060"),
    Case("link to a missing comic", link("comic:phone-scams"), "E060"),
    Case("link to an undeclared section", link("section:awarnes"), "E060"),
    Case("link to an image", link("images/cover.jpg"), "E060"),
    Case("link to a site path", link("/about/"), "E060"),
    Case("link to an issue folder", link("../2026-11-n112/"), "E060"),
    Case("link to an embargoed article", both(link("border-travellers.md"), edit(BORDER, "lang: fr\n", "lang: fr\nembargo: 2099-01-15T09:00:00+01:00\n")), "E061"),
    Case("link to a draft article", both(link("border-travellers.md"), edit(BORDER, "lang: fr\n", "lang: fr\ndraft: true\n")), "E061"),
    Case("links between articles of one embargo", both(
        link("border-travellers.md"),
        edit(BORDER, "lang: fr\n", "lang: fr\nembargo: 2099-01-15T09:00:00+01:00\n"),
        edit(STATION, "section: news\n", "section: news\nembargo: 2099-01-15T09:00:00+01:00\n"),
    ), None),
    Case("link to a draft issue's article",
         both(second_issue(extra_contents="draft: true\n"), link("../2026-12-n113/note.md")), "E061"),
    # sections
    Case("undeclared section", edit(LAW, "section: legal\n", "section: lgal\n"), "E062"),
    Case("section with capitals", edit(LAW, "section: legal\n", "section: Legal\n"), "E005"),
    Case("new section declared in mkdocs.yml", both(declare_section, edit(LAW, "section: legal\n", "section: traffic\n")), None),
    # issue identity
    Case("number with a leading zero", edit(YML, "number: 112\n", "number: 0112\n"), "E005"),
    Case("number that is not the folder's", edit(YML, "number: 112\n", "number: 113\n"), "E063"),
    Case("date in another month than the folder's", edit(YML, "date: 2026-11-15\n", "date: 2026-12-15\n"), "E063"),
    Case("date in the folder's month", edit(YML, "date: 2026-11-15\n", "date: 2026-11-02\n"), None),
    Case("title repeating the number (a warning)", edit(YML, 'title: "', 'title: "العدد 112: '), None),
    Case("two issues with one number",
         both(second_issue(folder="2026-12-n112"), edit("issues/2026-12-n112/issue.yml", "number: 113", "number: 112")),
         "E010"),
    # YAML forms
    Case("unquoted colon in a title", edit(STATION, 'title: "افتتاح', "title: افتتاح: "), "E002"),
    Case("mis-indented key", edit(STATION, "section: news\n", "  section: news\n"), "E002"),
    Case("tab indentation", edit(YML, "  - proximity-station.md\n", "\t- proximity-station.md\n"), "E002"),
    Case("a quote at a plain value's end", edit(YML, 'theme: "الاحتيال', 'theme: الاحتيال"'), None),
    Case("quote never closed", edit(STATION, 'summary: "فتح', 'summary: "فتح "مركز'), "E002"),
    Case("duplicate key", edit(STATION, "section: news\n", "section: news\nsection: legal\n"), "E002"),
    Case("misspelt key", edit(STATION, "authors:", "autors:"), "E004"),
    Case("YAML alias", edit(YML, "cover_alt:", "theme2: &x y\ncover_alt:"), "E009"),
    Case("embargo without timezone", edit(STATION, "section: news\n", "section: news\nembargo: 2027-01-15T09:00:00\n"), "E018"),
    Case("embargo in a local form", edit(STATION, "section: news\n", "section: news\nembargo: 15/01/2027 09:00\n"), "E006"),
    Case("embargoed article held back", edit(STATION, "section: news\n", "section: news\nembargo: 2099-01-15T09:00:00+01:00\n"), None),
    Case("draft article held back", edit(LAW, "section: legal\n", "section: legal\ndraft: true\n"), None),
    # images and captions
    Case("body image with caption and credit", edit(STATION, "](images/proximity-desk.jpg)", '](images/proximity-desk.jpg "مكتب الاستقبال © نادية الفاسي")'), None),
    Case("lead image caption and credit", edit(STATION, "image_alt:", 'image_caption: "المركز الجديد"\nimage_credit: "م. ب."\nimage_alt:'), None),
    Case("caption with HTML", edit(STATION, "image_alt:", 'image_caption: "<b>x</b>"\nimage_alt:'), "E017"),
    Case("caption without an image", edit(LAW, "image: images/records-office.jpg\n", 'image_caption: "x"\n'), "E003"),
    Case("missing image", edit(STATION, "](images/proximity-desk.jpg)", "](images/proximity-dsk.jpg)"), "E014"),
    Case("image without alt text", append(STATION, "\n\n![](images/cover.jpg)\n"), "E012"),
    Case("image outside the repository", append(STATION, "\n\n![x](../../../../etc/passwd)\n"), "E013"),
    # comics
    Case("unknown comic in contents", edit(YML, "comic: phone-scam", "comic: phone-scams"), "E015"),
    Case("comic in a second issue", second_issue(extra_contents="  - comic: phone-scam\n"), None),
    Case("unknown balloon kind", edit(COMIC, "kind: sfx", "kind: noise"), "E030"),
    Case("balloon outside its panel", edit(COMIC, "at: [0.33, 0.4]", "at: [1.33, 0.4]"), "E032"),
    Case("comic text missing for a language", edit(COMIC, '              fr: "Dring ! Dring !"\n', ""), "E031"),
    # hand-written pages: MkDocs' strict build stops on a link it cannot find
    Case("page link to another page", append("pages/about.md", "\n[الإشعار القانوني](legal.md)\n"), None),
    Case("page link to a missing page", append("pages/about.md", "\n[اتصل بنا](contact.md)\n"), "E060"),
    # contents
    Case("contents entry not found", edit(YML, "  - recruitment-2027.md", "  - recruitment.md"), "E011"),
    Case("script in the body", append(STATION, "\n\n<script>alert(1)</script>\n"), "E017"),
]

_LINE = re.compile(r"^(\S+?:\d+: E\d{3}) (?!.*\(warning\)$)", re.MULTILINE)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample magazine, built once (its cache makes the cases' builds warm)."""
    root = tmp_path_factory.mktemp("sample") / "m"
    build_magazine(REPO, root)
    return root


def fresh(sample: Path, dest: Path) -> Path:
    """A copy of the sample with its warm cache and without site/."""
    shutil.copytree(sample, dest, ignore=lambda d, names: ["site"] if Path(d) == sample else [])
    return dest


_TWICE = re.compile(r"(العدد|N°) ?112\s*[:،-]?\s*(العدد|N°) ?112")


def _number_twice(site: Path) -> list[str]:
    """Files of ``site`` (pages, feeds, the EPUB's documents) where "العدد 112" follows
    itself: the title is the headline, the build writes the number once."""
    found = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".xhtml", ".opf", ".xml") and _TWICE.search(path.read_text(encoding="utf-8", errors="replace")):
            found.append(str(path.relative_to(site)))
    with zipfile.ZipFile(site / "epub" / "2026-11-n112.epub") as book:
        found += [n for n in book.namelist() if n.endswith((".xhtml", ".opf")) and _TWICE.search(book.read(n).decode())]
    return found


def test_there_are_at_least_forty_mutations() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    assert sum(c.expected is None for c in CASES) >= 15  # passing cases build whole sites


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_and_build_agree(case: Case, sample: Path, tmp_path: Path, cli: Callable[..., tuple[int, str]]) -> None:
    root = fresh(sample, tmp_path / "m")
    case.mutate(root)
    checked, check_out = cli(root, "check")
    built, build_out = cli(root, "build")
    for out in (check_out, build_out):
        assert "Traceback" not in out and "Error:" not in out.replace("Aborted", ""), out
    assert (checked == 0) == (case.expected is None), check_out
    assert (built == 0) == (checked == 0), f"check said {checked}, build said {built}:\n{check_out}\n---\n{build_out}"
    if case.expected is None:
        assert (root / "site" / "index.html").is_file()
        assert (root / "site" / "epub" / "2026-11-n112.epub").is_file()
        assert not _number_twice(root / "site"), "an output shows the issue number twice"
        return
    assert re.search(rf"^\S+:\d+: {case.expected} ", check_out, re.MULTILINE), check_out
    # the build names the same problems, at the same places
    assert set(_LINE.findall(check_out)) <= set(_LINE.findall(build_out)), build_out
    assert not (root / "site").exists(), "a refused build wrote site/"


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.name in ("link to an embargoed article", "undeclared section", "link to a missing heading")],
    ids=lambda c: c.name,
)
def test_mkdocs_strict_stops_before_touching_site(case: Case, sample: Path, tmp_path: Path) -> None:
    root = fresh(sample, tmp_path / "m")
    shutil.copytree(sample / "site", root / "site")
    before = tree_digest(root / "site")
    case.mutate(root)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")],
        env=cli_env(), capture_output=True, text=True, check=False, cwd=root,
    )
    assert done.returncode != 0
    assert f" {case.expected} " in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert tree_digest(root / "site") == before


def test_the_serve_fast_path_leaves_links_to_a_whole_build(sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``policemag serve``'s fast path reads one saved article again: an article with
    links goes through a whole build, where links are resolved and checked (E060, E061)."""
    from policemag.build import prepare_build
    from policemag.config import read_site_config
    from policemag.preview import update_build

    monkeypatch.setenv("POLICEMAG_NOW", "2026-11-20T12:00:00+00:00")
    root = fresh(sample, tmp_path / "m")
    build = prepare_build(read_site_config(root))
    edit(STATION, "استقبل حي الياسمين", "استقبل حي الياسمين الجميل")(root)
    assert update_build(build, [root / STATION]) is not None  # no link: the fast path
    link("border-travellers.md")(root)
    assert update_build(build, [root / STATION]) is None
