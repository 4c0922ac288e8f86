"""letter_comic: fit errors with comic.yml lines, the cache, determinism, geometry."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from policemag.comics import letter_comic, pages, transcript
from policemag.config import MagazineConfig
from policemag.content.comics import read_comic
from policemag.errors import ErrorLog
from policemag.model import Comic

REPO = Path(__file__).resolve().parents[2]

TINY = """\
title: {{ar: "اختبار", fr: "Essai"}}
summary: {{ar: "قصة قصيرة", fr: "Une histoire courte"}}
lang: ar
languages: [ar, fr]
pages:
  - panels:
      - art: art/a.png
        alt: {{ar: "غرفة زرقاء", fr: "Une pièce bleue"}}
        balloons:
          - kind: caption
            at: [0.5, 0.05]
            text: {{ar: "في المساء", fr: "Le soir"}}
          - kind: speech
            at: [0.5, 0.4]
            tail: [0.2, 0.9]
            text: {{ar: "{speech_ar}", fr: "{speech_fr}"}}
      - art: art/b.png
        alt: {{ar: "غرفة خضراء", fr: "Une pièce verte"}}
"""


def tiny_comic(
    root: Path, speech_ar: str = "مرحبا يا جدي!", speech_fr: str = "Bonjour, grand-père !"
) -> Comic:
    folder = root / "comics" / "tiny"
    (folder / "art").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (400, 300), (60, 90, 200)).save(folder / "art" / "a.png")
    Image.new("RGB", (400, 300), (60, 160, 90)).save(folder / "art" / "b.png")
    (folder / "comic.yml").write_text(
        TINY.format(speech_ar=speech_ar, speech_fr=speech_fr), encoding="utf-8"
    )
    log = ErrorLog(root)
    comic = read_comic(folder / "comic.yml", root, log)
    assert comic is not None, list(log)
    return comic


def config(root: Path, cache: Path | None = None) -> MagazineConfig:
    return MagazineConfig(
        root=root, cache_dir=cache or root / ".cache", comic_page_size=(800, 1200)
    )


def test_text_that_cannot_fit_is_e034_at_the_balloons_line(tmp_path: Path) -> None:
    comic = tiny_comic(tmp_path, speech_fr=" ".join(["beaucoup"] * 400))
    log = ErrorLog(tmp_path)
    assert letter_comic(comic, config(tmp_path), log) is None
    [error] = log.errors
    assert error.code == "E034"
    assert error.path == "comics/tiny/comic.yml"
    lines = (tmp_path / "comics/tiny/comic.yml").read_text(encoding="utf-8").splitlines()
    speech = next(n for n, line in enumerate(lines, start=1) if "- kind: speech" in line)
    assert error.line == speech == 13
    assert "(fr)" in error.message
    assert str(error).startswith("comics/tiny/comic.yml:13: E034")


def test_second_run_renders_nothing_and_a_text_change_renders_one_page(tmp_path: Path) -> None:
    comic = tiny_comic(tmp_path)
    cfg = config(tmp_path)
    before = pages.RENDERS
    first = letter_comic(comic, cfg, ErrorLog(tmp_path))
    assert first is not None and pages.RENDERS - before == 2  # 1 page x 2 languages
    mtimes = {p.webp: p.webp.stat().st_mtime_ns for ps in first.pages.values() for p in ps}
    second = letter_comic(comic, cfg, ErrorLog(tmp_path))
    assert second is not None and pages.RENDERS - before == 2
    assert {p.webp: p.webp.stat().st_mtime_ns for ps in second.pages.values() for p in ps} == mtimes
    changed = tiny_comic(tmp_path, speech_fr="Salut !")
    third = letter_comic(changed, cfg, ErrorLog(tmp_path))
    assert third is not None and pages.RENDERS - before == 3  # only the French page
    assert third.pages["ar"][0].webp == first.pages["ar"][0].webp
    assert third.pages["fr"][0].webp != first.pages["fr"][0].webp
    assert not first.pages["fr"][0].webp.exists()  # the stale render was dropped


def test_same_input_same_bytes(tmp_path: Path) -> None:
    comic = tiny_comic(tmp_path)
    a = letter_comic(comic, config(tmp_path, tmp_path / "c1"), ErrorLog(tmp_path))
    b = letter_comic(comic, config(tmp_path, tmp_path / "c2"), ErrorLog(tmp_path))
    assert a is not None and b is not None
    for pa, pb in zip(a.pages["fr"] + a.pages["ar"], b.pages["fr"] + b.pages["ar"], strict=True):
        for attr in ("png", "webp", "jpeg"):
            assert getattr(pa, attr).read_bytes() == getattr(pb, attr).read_bytes()


def test_pages_carry_files_sizes_and_alt(tmp_path: Path) -> None:
    comic = tiny_comic(tmp_path)
    lettered = letter_comic(comic, config(tmp_path), ErrorLog(tmp_path))
    assert lettered is not None and list(lettered.pages) == ["ar", "fr"]
    page = lettered.pages["fr"][0]
    with Image.open(page.webp) as im:
        assert im.format == "WEBP" and im.size == (page.width, page.height) == (800, 1200)
    with Image.open(page.jpeg) as im:
        assert im.format == "JPEG"
    assert "Une pièce bleue" in page.alt and "Bonjour, grand-père !" in page.alt
    assert page.alt.startswith("Essai, Page 1 sur 1.")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Any:
    log = ErrorLog(REPO)
    comic = read_comic(REPO / "comics" / "phone-scam" / "comic.yml", REPO, log)
    assert comic is not None, list(log)
    cfg = MagazineConfig(root=REPO, cache_dir=tmp_path_factory.mktemp("cache"))
    lettered = letter_comic(comic, cfg, log)
    assert lettered is not None, list(log)
    return lettered


def test_sample_comic_geometry(sample: Any, golden: Any) -> None:
    """The published geometry, frozen; balloon outlines (32 points each, derived from the
    box and kind) are left out of the golden file to keep its diffs readable."""

    def trimmed(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: trimmed(v) for k, v in value.items() if k != "outline"}
        if isinstance(value, list):
            return [trimmed(v) for v in value]
        return value

    golden(
        "comic-phone-scam-geometry",
        {lang: [trimmed(p.geometry) for p in ps] for lang, ps in sample.pages.items()},
    )


def test_sample_comic_uses_every_kind_and_reads_right_to_left(sample: Any) -> None:
    comic = sample.comic
    kinds = {b.kind.value for page in comic.pages for panel in page.panels for b in panel.balloons}
    assert kinds == {"caption", "speech", "thought", "shout", "sfx"}
    assert len(comic.pages) >= 2 and sum(len(p.panels) for p in comic.pages) >= 5
    for ps in sample.pages.values():
        for page in ps:
            panels = page.geometry["panels"]
            for a, b in itertools.pairwise(panels):
                if a["box"][1] == b["box"][1]:  # same row
                    assert a["box"][0] > b["box"][0]
            for panel in panels:
                x, y, w, h = panel["box"]
                for balloon in panel["balloons"]:
                    bx, by, bw, bh = balloon["box"]
                    assert x <= bx and y <= by and bx + bw <= x + w and by + bh <= y + h


def test_transcript_follows_reading_order(sample: Any) -> None:
    pages_ = transcript(sample.comic, "fr")
    assert [p.number for p in pages_] == [1, 2, 3]
    first, second = pages_[0], pages_[1]
    assert [p.number for p in first.panels] == [1, 2]
    assert [b.kind for b in first.panels[0].balloons] == ["caption", "sfx"]
    assert [b.kind for b in second.panels[0].balloons] == ["speech", "thought"]
    assert second.panels[0].balloons[1].kind == "thought"
    assert pages_[-1].panels[-1].balloons[-1].text.startswith("Ne donnez jamais")
    # the geometry lists the same balloons in the same order
    geo = sample.pages["fr"][1].geometry["panels"][0]["balloons"]
    assert [g["text"] for g in geo] == [b.text for b in second.panels[0].balloons]
    assert [g["speaker"] for g in geo] == ["L'appelant", "Hadj Ahmed"]
    # the transcript (and the page alt texts built from it) says who speaks
    assert [b.label for b in second.panels[0].balloons] == ["L'appelant", "Hadj Ahmed (pensée)"]
    assert [b.label for b in second.panels[1].balloons] == ["Salma (cri)"]
    assert [b.label for b in first.panels[0].balloons] == ["Récitatif", "Bruitage"]
    arabic = transcript(sample.comic, "ar")
    assert [b.label for b in arabic[1].panels[0].balloons] == ["المتصل", "الحاج أحمد (تفكير)"]
    assert "Salma (cri) : «\u00a0Non, grand-père" in sample.pages["fr"][1].alt


def test_transparent_art_lies_on_white_not_black(tmp_path: Path) -> None:
    comic = tiny_comic(tmp_path)
    Image.new("RGBA", (400, 300), (0, 0, 0, 0)).save(comic.pages[0].panels[1].art)
    base, boxes = pages.compose_page(comic, 0, (800, 1200))
    box = boxes[1]
    assert base.getpixel((box.x + box.w // 2, box.y + box.h // 2)) == (255, 255, 255)
