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


#: Text each face sets: Arabic with its joining forms, lam-alef ligatures (لا لأ لإ لآ),
#: tatweel and marks (shadda, fatha, damma, kasra, sukun, tanwin); French with accents.
_SAMPLES = {
    "arabic": "الشُّرطةُ في الحيّ: لا، لأنّ لإدارة لآخر ـــ مُسْتَشْفًى ١٩ و19، «المواطنون» يرحّبون؟ WhatsApp",
    "latin": "La police rappelle : « ne donnez jamais votre code ». Œuvre, été, fiancé, 19 €",
}


def _shaped(font: bytes, text: str, direction: str) -> list[tuple[int, int, int, int, int, object]]:
    """What a reader draws: each glyph's cluster, advance, offsets and outline extents."""
    import uharfbuzz as hb

    hb_font = hb.Font(hb.Face(font))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = direction
    hb.shape(hb_font, buf)
    out = []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        assert info.codepoint != 0, f"{text!r}: a character has no glyph (.notdef)"
        extents = hb_font.get_glyph_extents(info.codepoint)
        box = (extents.x_bearing, extents.y_bearing, extents.width, extents.height) if extents else None
        out.append((info.cluster, pos.x_advance, pos.y_advance, pos.x_offset, pos.y_offset, box))
    return out


@pytest.mark.parametrize("face", ["arabic", "latin"])
@pytest.mark.parametrize("weight", [400, 700])
def test_a_book_subset_shapes_its_text_as_the_whole_font_does(face: str, weight: int) -> None:
    """EPUB fonts are cut by HarfBuzz's subsetter (docs/performance.md, "EPUB fonts"):
    the subset must keep every glyph shaping reaches (contextual forms, ligatures, mark
    positions), so the text shaped with it draws exactly what the whole instance draws;
    and the same characters give the same bytes."""
    from policemag.epub import stylesheet

    text = _SAMPLES[face]
    direction = "rtl" if face == "arabic" else "ltr"
    whole = fonts.static_instance(face, weight)
    cut = stylesheet.subset_font(stylesheet._instance_face(face, weight, None), stylesheet._chars(text))
    assert len(cut) < len(whole) / 4
    for word in text.split():
        assert _shaped(cut, word, direction) == _shaped(whole, word, direction)
    assert _shaped(cut, text, direction) == _shaped(whole, text, direction)
    again = stylesheet.subset_font(stylesheet._instance_face(face, weight, None), stylesheet._chars(text))
    assert again == cut


def test_a_subset_keeps_the_fonts_names_and_licence() -> None:
    """The OFL asks that the copyright and licence travel with the font (name IDs 0, 13, 14)."""
    import io

    from fontTools.ttLib import TTFont

    from policemag.epub import stylesheet

    cut = stylesheet.subset_font(stylesheet._instance_face("arabic", 400, None), "ب")
    names = {n.nameID for n in TTFont(io.BytesIO(cut))["name"].names}
    assert {0, 1, 2, 13, 14} <= names
