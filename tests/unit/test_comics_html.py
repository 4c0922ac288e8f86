"""render_comic_html and write_comic_assets on a tiny lettered comic."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policemag.comics import letter_comic, render_comic_html, write_comic_assets
from policemag.comics.pages import LetteredComic
from policemag.config import MagazineConfig
from policemag.content.comics import read_comic
from policemag.errors import ErrorLog

YML = """\
title: {ar: "الرمز لا يعطى", fr: "Le code & la banque"}
summary: {ar: "ملخص", fr: "Résumé"}
lang: ar
languages: [ar, fr]
pages:
  - panels:
      - art: art/a.png
        alt: {ar: "رجل وهاتف", fr: "Un homme et un téléphone"}
        balloons:
          - kind: caption
            at: [0.5, 0.05]
            text: {ar: "في المساء", fr: "Le soir"}
          - kind: speech
            at: [0.5, 0.4]
            tail: [0.2, 0.9]
            text: {ar: "ألو؟", fr: "Allô ?"}
  - panels:
      - art: art/a.png
        alt: {ar: "الحفيدة", fr: "La petite-fille"}
        balloons:
          - kind: shout
            at: [0.5, 0.3]
            text: {ar: "لا!", fr: "Non !"}
"""


@pytest.fixture(scope="module")
def lettered(tmp_path_factory: pytest.TempPathFactory) -> LetteredComic:
    from PIL import Image

    root = tmp_path_factory.mktemp("repo")
    folder = root / "comics" / "code"
    (folder / "art").mkdir(parents=True)
    Image.new("RGB", (400, 300), (60, 90, 200)).save(folder / "art" / "a.png")
    (folder / "comic.yml").write_text(YML, encoding="utf-8")
    log = ErrorLog(root)
    comic = read_comic(folder / "comic.yml", root, log)
    assert comic is not None, list(log)
    result = letter_comic(comic, MagazineConfig(root=root, comic_page_size=(400, 600)), log)
    assert result is not None, list(log)
    return result


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = Tags()
    p.feed(html)
    return p.tags


def test_french_page_links_the_arabic_edition_and_lazy_loads_later_pages(
    lettered: LetteredComic,
) -> None:
    html = render_comic_html(lettered, "fr", "comics/code/fr/", lambda p: "/" + p)
    tags = parse(html)
    article = tags[0]
    assert article[0] == "article" and article[1]["lang"] == "fr" and article[1]["dir"] == "ltr"
    assert article[1]["data-pm-reading"] == "rtl"
    [link] = [a for t, a in tags if t == "a" and a.get("hreflang")]
    assert link == {"href": "../../../comics/code/", "hreflang": "ar", "lang": "ar", "dir": "rtl"}
    imgs = [a for t, a in tags if t == "img"]
    assert [i["src"] for i in imgs] == [
        "/comics/code/fr/page-1.webp",
        "/comics/code/fr/page-2.webp",
    ]
    assert all(i["width"] == "400" and i["height"] == "600" and i["alt"] for i in imgs)
    assert "loading" not in imgs[0] and imgs[1]["loading"] == "lazy"
    assert "Le code &amp; la banque" in html  # escaped
    assert "de droite à gauche" in html  # the reading-order note for the LTR edition


def test_arabic_page_transcript_is_ordered_and_marks_balloon_kinds(lettered: LetteredComic) -> None:
    html = render_comic_html(lettered, "ar", "comics/code/", lambda p: p)
    tags = parse(html)
    assert tags[0][1]["dir"] == "rtl"
    assert "pm-comic-order" not in html  # the original direction needs no note
    kinds = [a["data-pm-kind"] for t, a in tags if t == "li" and "data-pm-kind" in a]
    assert kinds == ["caption", "speech", "shout"]
    # speech is quoted, narration is not; no speaker marked in this comic
    assert "<span>في المساء</span>" in html and "<q>ألو؟</q>" in html and "pm-who" not in html
    # the guided view's templates, in the page's language
    article = tags[0][1]
    assert article["data-pm-page-of"] == "الصفحة {n} من {total}"
    assert article["data-pm-panel-of"] == "الخانة {n} من {total}"
    assert html.index("في المساء") < html.index("ألو؟") < html.index("لا!")
    assert [t for t, _ in tags].count("h3") == 2
    [link] = [a for t, a in tags if t == "a" and a.get("hreflang")]
    assert link["href"] == "../../comics/code/fr/" and link["hreflang"] == "fr"


def test_write_comic_assets(lettered: LetteredComic, tmp_path: Path) -> None:
    written = write_comic_assets(lettered, tmp_path)
    assert written == sorted(written)
    assert "comics/code/ar/page-2.webp" in written and "comics/code/fr/page-1.json" in written
    assert len(written) == 8
    geometry = json.loads((tmp_path / "comics/code/fr/page-1.json").read_text(encoding="utf-8"))
    speech = geometry["panels"][0]["balloons"][1]
    assert {k: speech[k] for k in ("kind", "text", "by", "speaker")} == {
        "kind": "speech",
        "text": "Allô ?",
        "by": None,
        "speaker": None,
    }
    assert len(speech["box"]) == 4 and len(speech["outline"]) >= 16 and len(speech["tip"]) == 2
    assert (tmp_path / "comics/code/ar/page-1.webp").read_bytes() == lettered.pages["ar"][
        0
    ].webp.read_bytes()
