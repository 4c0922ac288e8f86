"""policemag.i18n: one table of words, one date format, for every edition.

Fast: reads tests/sites/epub-basic (no images derived, nothing lettered) and calls the
functions the web pages, the EPUB, the comics and the feed use.
"""

from __future__ import annotations

import re
import string
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from policemag import i18n
from policemag.config import (
    PLUGIN_OPTIONS,
    MagazineConfig,
    config_from_site,
    option_default,
    read_site_config,
)
from policemag.content.comics import read_comic
from policemag.content.magazine import read_magazine
from policemag.errors import ErrorLog
from policemag.i18n import (
    DEFAULT_SECTION_LABELS,
    LANGUAGE_NAMES,
    LANGUAGES,
    MONTH_STYLES,
    MONTHS,
    STRINGS,
    Words,
    format_date,
    t,
)
from policemag.model import Comic, Magazine

TESTS = Path(__file__).parents[1]
PACKAGE = TESTS.parent / "tools" / "policemag"
EPUB_BASIC = TESTS / "sites" / "epub-basic"

MAGHREB = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
]
MASHRIQ = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
NOV_15 = date(2026, 11, 15)
#: strftime or a format spec naming months or weekdays (locale-dependent words)
_WORDED_STRFTIME = re.compile(r"""(strftime\(\s*["'][^"']*|\{[^{}]*:[^{}]*)%[aAbBc]""")
_TIME = re.compile(r'<time datetime="([^"]+)">([^<]+)</time>')


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# --- the tables are complete --------------------------------------------------------


def test_every_key_has_every_language() -> None:
    keys = set().union(*(set(table) for table in STRINGS.values()))
    missing = {lang: sorted(keys - set(STRINGS[lang])) for lang in LANGUAGES}
    assert not any(missing.values()), f"keys without a translation: {missing}"
    empty = [(lang, k) for lang in LANGUAGES for k, v in STRINGS[lang].items() if not v.strip()]
    assert not empty


def test_every_translation_has_the_same_placeholders() -> None:
    for key in STRINGS[i18n.DEFAULT_LANG]:
        fields = {lang: _fields(STRINGS[lang][key]) for lang in LANGUAGES}
        assert len({frozenset(f) for f in fields.values()}) == 1, (key, fields)


def test_months_names_and_section_labels_cover_every_language() -> None:
    for lang in LANGUAGES:
        assert lang in LANGUAGE_NAMES
        for style in MONTH_STYLES:
            names = MONTHS[lang][style]
            assert len(names) == 12 == len(set(names)), (lang, style)
        for section, labels in DEFAULT_SECTION_LABELS.items():
            assert labels.get(lang), (section, lang)


def test_no_other_module_keeps_month_names_or_formats_dates_in_words() -> None:
    """Web, EPUB, comics (transcript, alt texts) and feed print dates only through
    i18n.format_date: no second month table, no locale-dependent strftime."""
    names = {*MAGHREB, *MASHRIQ, *MONTHS["fr"]["maghreb"]} - {"مارس", "mars"}
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "i18n.py":
            continue
        text = path.read_text(encoding="utf-8")
        found = [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
        if found or _WORDED_STRFTIME.search(text):
            offenders.append((path.relative_to(PACKAGE).as_posix(), found))
    assert not offenders


def test_old_word_tables_are_gone() -> None:
    import policemag.comics.html as comics_html
    import policemag.comics.transcript as transcript
    import policemag.config as config

    assert not (PACKAGE / "epub" / "labels.py").exists()
    for module, name in [
        (comics_html, "UI"),
        (comics_html, "LANGUAGE_NAMES"),
        (comics_html, "ORDER_NOTES"),
        (transcript, "KIND_LABELS"),
        (transcript, "WORDS"),
    ]:
        assert not hasattr(module, name), f"{module.__name__}.{name}"
    # config keeps the name (its default), but the table is i18n's
    assert config.DEFAULT_SECTION_LABELS is DEFAULT_SECTION_LABELS


# --- months: Maghreb by default, Mashriq on request ------------------------------------


def test_maghreb_month_names_by_default_mashriq_on_request() -> None:
    assert list(MONTHS["ar"]["maghreb"]) == MAGHREB
    assert list(MONTHS["ar"]["mashriq"]) == MASHRIQ
    assert sum(a != b for a, b in zip(MAGHREB, MASHRIQ, strict=True)) == 6
    for month in range(1, 13):
        day = date(2026, month, 15)
        assert format_date(day, "ar") == f"15 {MAGHREB[month - 1]} 2026"
        assert format_date(day, "ar", months="mashriq") == f"15 {MASHRIQ[month - 1]} 2026"
        # French and English have one set of names
        assert format_date(day, "fr", months="mashriq") == format_date(day, "fr")
    assert format_date(NOV_15, "ar") == "15 نونبر 2026"
    assert format_date(NOV_15, "ar-MA", months="mashriq") == "15 نوفمبر 2026"
    assert format_date(NOV_15, "fr-CA") == "15 novembre 2026"
    with pytest.raises(ValueError, match="months"):
        format_date(NOV_15, "ar", months="levant")


def test_months_setting_in_config_and_mkdocs_yml(tmp_path: Path) -> None:
    assert "months" in PLUGIN_OPTIONS
    assert option_default("months") == "maghreb"
    assert MagazineConfig(root=tmp_path).words.date(NOV_15, "ar") == "15 نونبر 2026"
    mashriq = MagazineConfig(root=tmp_path, months="mashriq")
    assert mashriq.words == Words("ar", "mashriq")
    assert mashriq.words.date(NOV_15, "ar") == "15 نوفمبر 2026"
    assert config_from_site(tmp_path, {}, {"months": "mashriq"}).months == "mashriq"
    assert config_from_site(tmp_path, {}, {}).months == "maghreb"
    with pytest.raises(ValueError, match="months"):
        MagazineConfig(root=tmp_path, months="levant")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nplugins:\n  - policemag:\n      months: mashriq\n", encoding="utf-8"
    )
    assert read_site_config(tmp_path).months == "mashriq"
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nplugins:\n  - policemag:\n      months: levant\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"^mkdocs.yml: policemag options: months"):
        read_site_config(tmp_path)


def test_mkdocs_adapter_declares_the_months_option() -> None:
    from policemag.mkdocs_plugin.plugin import PoliceMagConfig

    schema = dict(PoliceMagConfig._schema)
    assert list(schema) == list(PLUGIN_OPTIONS)
    assert schema["months"].choices == ("maghreb", "mashriq")
    assert schema["months"].default == "maghreb"


# --- one date, every edition -----------------------------------------------------------


class _NoImages:
    """site.pages' Media, without derived images (the dates do not need them)."""

    def image_html(self, image: Any, page_path: str, **_: Any) -> str:
        return ""


class _FeedMedia:
    """The feed's MediaLookup, for one issue without derived images or EPUB."""

    def epub_size(self, issue_id: str) -> int | None:
        return None

    def image(self, source: Path) -> Any:
        from policemag.feed.media import MediaImage

        return MediaImage("media/cover.webp", 800, 1200, "image/webp")


@pytest.fixture(scope="module")
def november(tmp_path_factory: pytest.TempPathFactory) -> tuple[Magazine, Any]:
    """epub-basic's issue, moved to 15 November (a month the two name sets spell apart)."""
    magazine, log = read_magazine(EPUB_BASIC)
    assert not log.errors, [str(e) for e in log.errors]
    issue = replace(magazine.issues[0], date=NOV_15)
    return replace(magazine, issues=(issue,)), issue


@pytest.mark.parametrize("months", MONTH_STYLES)
def test_web_epub_and_feed_print_the_same_date(
    november: tuple[Magazine, Any], months: str, tmp_path: Path
) -> None:
    from policemag.epub.documents import title_document
    from policemag.feed.jsonfeed import issue_extension
    from policemag.site.pages import render_archive, render_article, render_issue

    magazine, issue = november
    config = MagazineConfig(root=EPUB_BASIC, months=months, cache_dir=tmp_path)
    expected = {"ar": format_date(NOV_15, "ar", months=months), "fr": "15 novembre 2026"}
    assert expected["ar"] == ("15 نونبر 2026" if months == "maghreb" else "15 نوفمبر 2026")

    web = render_issue(issue, config, _NoImages()).markdown
    archive = render_archive(magazine, config, _NoImages()).markdown
    french = next(a for a in issue.articles if a.lang.startswith("fr"))
    article = render_article(french, issue, config, _NoImages()).markdown
    epub = title_document(issue, config.title, config.words)
    feed = issue_extension(issue, config, _FeedMedia())  # type: ignore[arg-type]

    for page in (web, archive, epub):
        assert _TIME.findall(page) == [("2026-11-15", expected["ar"])]
    assert _TIME.findall(article) == [("2026-11-15", expected["fr"])]
    # the feed gives the app the machine date; the app words it in the reader's language
    assert feed["date"] == "2026-11-15"


def test_comic_words_are_the_same_in_transcript_alt_text_and_epub(comic: Comic) -> None:
    from policemag.comics.transcript import page_alt, transcript
    from policemag.epub.comicpages import transcript_pages
    from policemag.epub.documents import transcript_document

    words = Words()
    for lang, expected in [("ar", "الصفحة 1 من 2"), ("fr", "Page 1 sur 2")]:
        alt = page_alt(comic, lang, 1, words)
        assert expected == t(lang, "page_of", n=1, total=2)
        assert expected in alt
        assert t(lang, "panel_n", n=1) in alt
        kinds = [b.label for p in transcript(comic, lang, words)[0].panels for b in p.balloons]
        assert kinds == [t(lang, "kind_caption"), t(lang, "kind_speech")]
        epub = transcript_document(
            lang, "x", transcript_pages(comic, lang, words), lambda n: f"p{n}.xhtml", words
        )
        colon = t(lang, "colon")
        for word in (t(lang, "page_n", n=2), t(lang, "panel_n", n=1), *(k + colon for k in kinds)):
            assert word in epub, word


# --- language tags and fallback ----------------------------------------------------------


def test_language_tags_resolve_to_their_primary_subtag() -> None:
    for tag, lang in [
        ("ar-MA", "ar"),
        ("fr-CA", "fr"),
        ("FR", "fr"),
        ("fr_BE", "fr"),
        ("en-GB", "en"),
    ]:
        assert t(tag, "archive") == STRINGS[lang]["archive"]
        assert format_date(NOV_15, tag) == format_date(NOV_15, lang)
    config = MagazineConfig(root=Path("."))
    assert config.section_label("news", "FR-ca") == "Actualités"


def test_missing_language_falls_back_to_the_magazine_language_not_english() -> None:
    assert t("es", "archive") == STRINGS["ar"]["archive"]  # default magazine: Arabic
    assert t("es", "archive", fallback="fr-FR") == "Archives"
    assert Words("fr").t("de", "comic") == "Bande dessinée"
    assert Words("fr").date(NOV_15, "de") == "15 novembre 2026"
    assert Words().date(NOV_15, "de") == "15 نونبر 2026"
    assert MagazineConfig(root=Path("."), lang="fr").section_label("news", "es") == "Actualités"
    assert MagazineConfig(root=Path(".")).section_label("news", "es") == "أخبار"


def test_missing_string_falls_back_to_the_magazine_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    partial = {**STRINGS, "fr": {k: v for k, v in STRINGS["fr"].items() if k != "archive"}}
    monkeypatch.setattr(i18n, "STRINGS", partial)
    assert i18n.t("fr", "archive", fallback="ar") == STRINGS["ar"]["archive"]
    assert i18n.t("fr", "archive", fallback="en") == "Archive"
    with pytest.raises(KeyError):
        i18n.t("ar", "no-such-key")


def test_comic_edition_in_an_unknown_language_takes_the_magazine_words(
    tmp_path: Path,
) -> None:
    """A Spanish edition gets the magazine's words (Arabic, or French), never English."""
    from policemag.comics.transcript import page_alt, transcript

    es = _read_comic(tmp_path, ["ar", "es"])
    arabic = transcript(es, "es", Words("ar"))[0].panels[0].balloons
    assert [b.label for b in arabic] == ["تعليق", "كلام"]
    french = transcript(es, "es", Words("fr"))[0].panels[0].balloons
    assert [b.label for b in french] == ["Récitatif", "Bulle"]
    assert "Speech" not in page_alt(es, "es", 1, Words("ar"))
    assert page_alt(es, "es", 1, Words("fr")).startswith("Titulo, Page 1 sur 2.")


# --- a tiny comic (no lettering) ---------------------------------------------------------

_COMIC = """\
title: {ar: "العنوان", fr: "Titre", es: "Titulo"}
summary: {ar: "ملخص", fr: "Résumé", es: "Resumen"}
lang: ar
languages: LANGS
pages:
  - panels:
      - art: art/a.png
        alt: {ar: "رجل وهاتف", fr: "Un homme et un téléphone", es: "Un hombre"}
        balloons:
          - kind: caption
            at: [0.5, 0.1]
            text: {ar: "في المساء", fr: "Le soir", es: "Por la noche"}
          - kind: speech
            at: [0.5, 0.5]
            text: {ar: "ألو؟", fr: "Allô ?", es: "¿Diga?"}
  - panels:
      - art: art/a.png
        alt: {ar: "الحفيدة", fr: "La petite-fille", es: "La nieta"}
"""


def _read_comic(root: Path, langs: list[str]) -> Comic:
    from PIL import Image

    folder = root / "comics" / "c"
    (folder / "art").mkdir(parents=True)
    Image.new("RGB", (40, 30), (60, 90, 200)).save(folder / "art" / "a.png")
    text = _COMIC.replace("LANGS", "[" + ", ".join(langs) + "]")
    (folder / "comic.yml").write_text(text, encoding="utf-8")
    log = ErrorLog(root)
    comic = read_comic(folder / "comic.yml", root, log)
    assert comic is not None, [str(e) for e in log]
    return comic


@pytest.fixture
def comic(tmp_path: Path) -> Comic:
    return _read_comic(tmp_path, ["ar", "fr"])
