"""What an editor meets besides links (issue 14): language tags, sections declared in
mkdocs.yml, the issue's folder, number, date and title, captions and credits, YAML
mistakes in editor words, did-you-mean, and the ``policemag`` command outside a
magazine or listing what is held back."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from tests.conftest import SITES

from policemag.cli import cmd_new_issue, held_back, main
from policemag.config import MagazineConfig, config_from_site, sections_from
from policemag.content.figures import figures_html, split_title
from policemag.content.magazine import read_magazine
from policemag.content.schemas import normalise_lang
from policemag.content.yamlfile import YamlError, load_yaml
from policemag.epub.documents import Picture, article_document, body_xhtml
from policemag.i18n import Words

ISSUE = "issues/2026-01-n1"
STATION = f"{ISSUE}/station.md"
YML = f"{ISSUE}/issue.yml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(SITES / "minimal", tmp_path / "m")
    return tmp_path / "m"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(root: Path, **kwargs: object) -> list[str]:
    _, log = read_magazine(root, **kwargs)  # type: ignore[arg-type]
    return [str(e) for e in log]


# -- languages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "tag"),
    [("ar", "ar"), ("AR", "ar"), ("ar-ma", "ar-MA"), ("fr-CA", "fr-CA"), ("FR", "fr"), ("fr-MA", "fr-MA"),
     ("ar-Arab", "ar-Arab"), ("ar-arab-ma", "ar-Arab-MA"), ("en-GB", "en-GB")],
)
def test_language_tags_are_normalised(written: str, tag: str) -> None:
    assert normalise_lang(written) == tag


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("es", "E007 lang: language tag 'es': the magazine has no interface words in 'es' (it has ar, fr, en;"),
        ("fra", "E007 lang: invalid language tag 'fra': write 'fr' (the two-letter code)"),
        ("ar_MA", "E007 lang: invalid language tag 'ar_MA': BCP 47 separates with '-': write 'ar-MA'"),
        ("arabic", "E007 lang: invalid language tag 'arabic' (BCP 47, e.g. ar, fr, ar-MA)"),
    ],
)
def test_a_language_the_magazine_cannot_frame_is_e007(root: Path, written: str, message: str) -> None:
    edit(root, STATION, "section: news\n", f"section: news\nlang: {written}\n")
    [error] = found(root)
    assert error.startswith(f"{STATION}:4: {message}"), error


def test_an_article_keeps_the_normalised_tag_and_its_direction(root: Path) -> None:
    edit(root, STATION, "section: news\n", "section: news\nlang: FR-ca\n")
    edit(root, YML, "lang: ar\n", "lang: AR-ma\n")
    magazine, log = read_magazine(root)
    assert not log.errors
    issue = magazine.issues[0]
    station = next(a for a in issue.articles if a.slug == "station")
    assert (issue.lang, issue.dir, station.lang, station.dir) == ("ar-MA", "rtl", "fr-CA", "ltr")


# -- sections ----------------------------------------------------------------------------


def test_sections_are_declared_in_mkdocs_yml_with_both_labels() -> None:
    config = config_from_site(Path("."), {}, {"sections": {"news": {"ar": "أخبار", "fr": "Actualités"},
                                                           "traffic": {"ar": "السير", "fr": "Circulation"}}})
    assert config.sections == ("news", "traffic")
    assert config.section_label("traffic", "fr-CA") == "Circulation"
    assert MagazineConfig(root=Path(".")).sections[:2] == ("news", "awareness")  # none declared: the defaults
    with pytest.raises(ValueError, match=r"sections.traffic: needs a label in fr"):
        sections_from({"traffic": {"ar": "السير"}})
    with pytest.raises(ValueError, match=r"sections: 'Traffic' is not a slug"):
        sections_from({"Traffic": {"ar": "السير", "fr": "Circulation"}})


def test_an_undeclared_section_is_e062_with_the_closest_and_where_to_declare(root: Path) -> None:
    edit(root, STATION, "section: news\n", "section: nwes\n")
    assert found(root, sections=("news", "awareness")) == [
        f"{STATION}:3: E062 section 'nwes' is not declared (did you mean 'news'? declared: awareness, news);"
        " a new section is declared once, with its Arabic and French labels, under plugins: - policemag:"
        " sections: in mkdocs.yml"
    ]


def test_mkdocs_yml_with_a_bad_section_declaration_stops_check(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "mkdocs.yml").write_text("plugins:\n  - policemag:\n      sections:\n        news: {ar: أخبار}\n", encoding="utf-8")
    assert main(["-C", str(root), "check"]) == 1
    assert "sections.news: needs a label in fr" in capsys.readouterr().err


# -- the issue's folder, number, date and title ---------------------------------------------


def test_a_number_the_folder_does_not_say_is_e063_with_the_fix(root: Path) -> None:
    edit(root, YML, "number: 1\n", "number: 7\n")
    assert found(root) == [
        f"{YML}:1: E063 the folder 2026-01-n1/ says number 1, but issue.yml has number: 7: name the folder"
        " 2026-01-n7/ (before the issue is published: its name is its address), or correct issue.yml"
    ]


def test_a_date_in_another_month_is_e063(root: Path) -> None:
    edit(root, YML, "date: 2026-01-15\n", "date: 2025-12-31\n")
    [error] = found(root)
    assert error.startswith(f"{YML}:2: E063 the folder 2026-01-n1/ says 2026-01, but issue.yml has date: 2025-12-31:")
    assert "name the folder 2025-12-n1/" in error


@pytest.mark.parametrize("title", ["العدد 1: الأمن أولا", "عدد 1 — الأمن أولا", "N° 1 : la sécurité d'abord", "العدد ١: الأمن أولا"])
def test_a_title_repeating_the_number_is_a_warning_with_the_headline(root: Path, title: str) -> None:
    edit(root, YML, 'title: "العدد الأول"', f'title: "{title}"')
    _, log = read_magazine(root)
    assert not log.errors
    [warning] = log.warnings
    assert str(warning).startswith(f"{YML}:3: W064 the title repeats the issue number")
    assert "'العدد 1'" in str(warning)


def test_a_headline_gets_no_warning(root: Path) -> None:
    assert found(root) == []  # "العدد الأول" ("the first issue") holds no number


def test_new_issue_writes_a_headline_not_the_number(root: Path) -> None:
    assert cmd_new_issue(root, today=date(2026, 2, 3)) == 0
    magazine, log = read_magazine(root)
    assert not log.errors and not [w for w in log.warnings if w.code == "W064"]
    assert "2" not in magazine.issue("2026-02-n2").title


# -- captions and credits -------------------------------------------------------------------


def test_captions_and_credits_are_apart_from_the_alt_text(root: Path) -> None:
    edit(root, STATION, "image_alt:", 'image_caption: "المركز الجديد"\nimage_credit: "س. م."\nimage_alt:')
    edit(root, f"{ISSUE}/frontiere.md", "](images/frontier.jpg)", '](images/frontier.jpg "Le poste à l\'aube © K. B.")')
    magazine, log = read_magazine(root)
    assert not log.errors
    station, frontier = magazine.issues[0].articles
    assert (station.image.caption, station.image.credit) == ("المركز الجديد", "س. م.")  # type: ignore[union-attr]
    [photo] = frontier.images
    assert (photo.caption, photo.credit, photo.alt) == ("Le poste à l'aube", "K. B.", "Un poste-frontière avec une barrière rouge et blanche.")


def test_a_caption_without_an_image_is_e003(root: Path) -> None:
    edit(root, f"{ISSUE}/frontiere.md", "lang: fr\n", 'lang: fr\nimage_caption: "x"\n')
    assert found(root) == [f"{ISSUE}/frontiere.md:6: E003 image_caption given without image"]


def test_split_title() -> None:
    assert split_title("Caption © Credit") == ("Caption", "Credit")
    assert split_title("© Credit") == ("", "Credit")
    assert split_title("Caption") == ("Caption", "")


def test_the_epub_shows_captions_under_figures_never_the_alt(root: Path) -> None:
    pic = Picture("images/x.jpg", 10, 10)
    body = body_xhtml('نص\n\n![وصف للقارئ الآلي](x.jpg "تعليق © مصور")\n\n![بدون](x.jpg)\n', {"x.jpg": pic},
                      credit_label="تصوير: ")
    assert '<figure class="figure"><img' in body
    assert '<figcaption><span class="caption">تعليق</span> <span class="credit">تصوير: مصور</span></figcaption>' in body
    assert body.count("<figcaption>") == 1 and "وصف للقارئ الآلي</" not in body and 'title="' not in body
    edit(root, STATION, "image_alt:", 'image_caption: "المركز"\nimage_alt:')
    magazine, _ = read_magazine(root)
    station = magazine.issues[0].articles[0]
    xhtml = article_document(station, "أخبار", pic, {}, words=Words("ar"))
    assert '<span class="caption">المركز</span>' in xhtml


def test_figures_keep_inline_images_and_untitled_ones() -> None:
    html = '<p>a <img src="x" alt="y" title="t"> b</p><p><img src="x" alt="y"></p>'
    assert figures_html(html, "Photo : ") == html


# -- YAML in editor words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: العدد: أمنك\n", 1, "the value of 'title' contains ':': put the whole value in double quotes: title: \"العدد: أمنك\""),
        ('title: "x"\n  section: news\n', 2, "'section' is indented differently from the lines above it"),
        ('title: "x"\nsection: news\n summary: "y"\n', 3, "'summary' is indented more than the line above it"),
        ('title "x"\nsection: news\n', 1, "'title \"x\"' has no ':' after its key (write key: value)"),
        ("contents:\n  - a.md\n - b.md\n", 3, "this list item ('- ...') does not start in the same column"),
        ('title: "x"\n\tsection: news\n', 2, "a tab indents this line: YAML is indented with spaces only"),
        ('title: "x\nsection: news\n', 1, "a quote opened on this line is never closed"),
        ('authors: ["a", "b"\nsection: news\n', 1, "the '[' opened on this line is not closed with ']'"),
        ("title: 'l'école'\n", 1, "is quoted with ' and has another ' inside it"),
        ("title: @x\n", 1, "a value cannot start with '@' unless it is quoted"),
    ],
)
def test_yaml_mistakes_are_explained_with_the_fix(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlError) as raised:
        load_yaml(text)
    assert raised.value.line == line
    assert message in raised.value.message, raised.value.message


# -- did you mean ---------------------------------------------------------------------------


def test_missing_contents_comics_and_images_name_the_closest(root: Path) -> None:
    edit(root, YML, "  - frontiere.md\n", "  - frontier.md\n  - comic: road-safty\n")
    shutil.copytree(SITES / "epub-basic" / "comics", root / "comics")
    edit(root, STATION, "image: images/station.jpg", "image: images/staton.jpg")
    errors = found(root)
    assert f"{YML}:9: E011 'frontier.md' not found in 2026-01-n1/ (did you mean 'frontiere.md'?)" in errors
    assert f"{YML}:10: E015 unknown comic 'road-safty' (did you mean 'road-safety'? no comics/road-safty/comic.yml)" in errors
    assert f"{STATION}:6: E014 'images/staton.jpg' not found (did you mean 'images/station.jpg'?)" in errors


def test_an_unlisted_article_warning_has_a_line(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(root / STATION, root / ISSUE / "extra.md")
    main(["-C", str(root), "check", "--format", "json"])
    [warning] = [w for w in json.loads(capsys.readouterr().out) if w["code"] == "E016"]
    assert warning["line"] == 1 and warning["severity"] == "warning"


# -- the command --------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["new-issue"], ["build"]])
def test_outside_a_magazine_nothing_is_read_or_written(tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    assert main(["-C", str(empty), *command]) == 2
    assert "is not a magazine repository" in capsys.readouterr().err
    assert list(empty.iterdir()) == []


def test_without_c_the_magazine_above_is_found(root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(root / ISSUE)
    assert main(["check"]) == 0
    assert "ok: 1 issue(s)" in capsys.readouterr().out
    monkeypatch.chdir(root.parent)
    assert main(["check"]) == 2
    assert not (root.parent / "issues").exists()


def test_check_lists_what_is_held_back(root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    edit(root, STATION, "section: news\n", "section: news\nembargo: 2027-01-15T09:00:00+01:00\n")
    edit(root, f"{ISSUE}/frontiere.md", "lang: fr\n", "lang: fr\ndraft: true\n")
    monkeypatch.setenv("POLICEMAG_NOW", "2026-11-20T12:00:00+00:00")
    magazine, _ = read_magazine(root)
    assert held_back(magazine, datetime(2026, 11, 20, tzinfo=UTC)) == [
        f"{STATION}: embargo until 2027-01-15T09:00:00+01:00",
        f"{ISSUE}/frontiere.md: draft",
    ]
    assert held_back(magazine, datetime(2027, 2, 1, tzinfo=UTC)) == [f"{ISSUE}/frontiere.md: draft"]
    edit(root, YML, "contents:", "draft: true\ncontents:")
    magazine, _ = read_magazine(root)
    assert held_back(magazine, datetime(2026, 11, 20, tzinfo=UTC)) == [f"{ISSUE}/ (issue 1): draft"]
    assert os.environ["POLICEMAG_NOW"]


def test_new_issue_for_a_publication_date(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(root), "new-issue", "--date", "2026-12-10"]) == 0
    assert capsys.readouterr().out == "created issues/2026-12-n2/ (issue 2, dated 2026-12-10, draft)\n"
    assert found(root) == []  # the folder says the date's month: no E063
    with pytest.raises(SystemExit):
        main(["-C", str(root), "new-issue", "--date", "10/12/2026"])
    assert "write the date as YYYY-MM-DD" in capsys.readouterr().err
