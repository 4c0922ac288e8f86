"""Fonts made once per package version: shipped, copied by builds, remade only for a
different font package (then kept in the cache). docs/performance.md, "Fixed cost"."""

from __future__ import annotations

from pathlib import Path

import pytest

from policemag import fonts
from policemag.site import fonts as web_fonts


def _no_fonttools(*args: object, **kwargs: object) -> bytes:
    raise AssertionError("a shipped font was made again")


def test_web_fonts_are_copied_from_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_fonts, "make_woff2", _no_fonttools)
    written = web_fonts.write_fonts(tmp_path / "site", tmp_path / "cache")
    assert written == ["assets/fonts/arabic.woff2", "assets/fonts/latin.woff2", "assets/stylesheets/fonts.css"]
    for font in web_fonts.FONTS:
        shipped = (fonts.SHIPPED / font.out_name).read_bytes()
        assert (tmp_path / "site/assets/fonts" / font.out_name).read_bytes() == shipped
    assert not (tmp_path / "cache" / "fonts").exists()  # nothing made, nothing stored


@pytest.mark.parametrize("face", ["arabic", "latin"])
def test_epub_static_instances_ship(face: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "make_static_instance", _no_fonttools)
    for weight in fonts.INSTANCE_WEIGHTS:
        data = fonts.static_instance(face, weight)
        assert data[:4] == b"\x00\x01\x00\x00"  # a TrueType font, expanded


def test_another_font_package_makes_the_font_once_and_caches_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manifest names the source font it was made from: a different installed font
    is not served the shipped file; its own font is made once, then read from the cache."""
    monkeypatch.setattr(fonts, "source_sha", lambda face: "0" * 64)
    made: list[str] = []

    def make() -> bytes:
        made.append("x")
        return b"made for this font"

    for _ in range(2):
        data = fonts.prepared_font("arabic.woff2", "arabic", web_fonts.woff2_recipe(web_fonts.ARABIC), make, tmp_path)
        assert data == b"made for this font"
    assert made == ["x"]


def test_a_damaged_or_differently_made_shipped_font_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipe = web_fonts.woff2_recipe(web_fonts.ARABIC)
    assert fonts.shipped_font("arabic.woff2", "arabic", recipe) is not None
    assert fonts.shipped_font("arabic.woff2", "arabic", recipe + " changed") is None
    damaged = tmp_path / "fonts"
    damaged.mkdir()
    for item in fonts.SHIPPED.iterdir():
        (damaged / item.name).write_bytes(item.read_bytes())
    (damaged / "arabic.woff2").write_bytes(b"wOF2 not the font")
    monkeypatch.setattr(fonts, "SHIPPED", damaged)
    assert fonts.shipped_font("arabic.woff2", "arabic", recipe) is None


def test_every_shipped_font_is_in_the_manifest_with_its_licence() -> None:
    files = {p.name for p in fonts.SHIPPED.iterdir()}
    listed = {e["file"] for e in fonts.manifest().values()}
    assert listed == files - {fonts.MANIFEST, "LICENSE-arabic.txt", "LICENSE-latin.txt"}
    for face in {e["face"] for e in fonts.manifest().values()}:
        assert "SIL Open Font License" in (fonts.SHIPPED / f"LICENSE-{face}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("face", ["arabic", "latin"])
def test_a_book_subset_cut_from_the_base_is_the_one_cut_from_the_whole_instance(face: str) -> None:
    """EPUB fonts: a book's subset is cut from the shipped base subset (ten times faster
    for the Latin face); the bytes are those of a cut from the whole static instance."""
    import io

    from policemag.epub import stylesheet

    texts = {
        "arabic": "الشُّرطة في الحيّ: ١٩ و19، «المواطنون» يرحّبون؟ WhatsApp",
        "latin": "La police rappelle : « ne donnez jamais votre code ». Œuvre, été, 19 €",
    }
    chars = stylesheet._chars(texts[face])
    assert {c for c in chars if ord(c) in stylesheet._cmap(face)} <= set(stylesheet.base_chars(face))
    weight = 700
    whole = stylesheet._subset(io.BytesIO(fonts.static_instance(face, weight)), chars)
    base = stylesheet._subset(io.BytesIO(stylesheet.base_subset(face, weight)), chars)
    assert base == whole
