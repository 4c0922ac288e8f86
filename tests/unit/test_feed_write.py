"""Writing feeds: canonical bytes, untouched files when nothing changed; icons; size."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

from PIL import Image
from tests.support.feedcheck import NOW, jsonfeed_validator, load
from tests.support.feedmedia import stand_in_media

from policemag.config import MagazineConfig
from policemag.content.magazine import read_magazine
from policemag.feed import (
    FAVICON,
    ICON,
    build_documents,
    build_feed,
    dump_json,
    feed_icons,
    write_feeds,
)


def test_dump_json_is_utf8_without_escapes_with_final_newline() -> None:
    raw = dump_json({"version": "x", "title": "مجلة الشرطة", "b": [1, "é"]})
    assert raw == '{"version":"x","title":"مجلة الشرطة","b":[1,"é"]}\n'.encode()


def test_write_feeds_rewrites_only_changed_files(tmp_path: Path) -> None:
    docs = {"feed.json": {"version": "1", "items": []}, "a/manifest.json": {"t": "ع"}}
    assert write_feeds(tmp_path, docs) == ["a/manifest.json", "feed.json"]
    feed = tmp_path / "feed.json"
    assert feed.read_bytes() == dump_json(docs["feed.json"])
    os.utime(feed, (1_000_000, 1_000_000))
    assert write_feeds(tmp_path, docs) == []
    assert feed.stat().st_mtime == 1_000_000  # untouched: the server's ETag stays valid
    docs["feed.json"] = {"version": "1", "items": [{"id": "x"}]}
    assert write_feeds(tmp_path, docs) == ["feed.json"]
    assert json.loads(feed.read_text(encoding="utf-8"))["items"] == [{"id": "x"}]
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "feed.json", "manifest.json"]


def test_icons_are_square_pngs_of_the_right_size_and_deterministic() -> None:
    _, _, config = load()
    icons = feed_icons(config)
    assert set(icons) == {ICON, FAVICON}
    for path, size in ((ICON, 512), (FAVICON, 64)):
        with Image.open(io.BytesIO(icons[path])) as im:
            assert im.format == "PNG" and im.size == (size, size)
            # the initial is drawn: more than the two colours of an empty badge
            assert len(im.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 2
    assert feed_icons(config) == icons
    other = feed_icons(MagazineConfig(root=config.root, now=NOW, title="Revue"))
    assert other[ICON] != icons[ICON]


def synthetic_archive(root: Path, issues: int) -> None:
    """``issues`` issues of 5 articles (ar and fr, ~1.5 KB of text each) and a comic."""
    Image.new("RGB", (8, 8), (10, 20, 30)).save(root / "art.png")
    para_ar = "تدعو المديرية العامة للأمن الوطني المواطنين إلى توخي الحذر واليقظة. " * 10
    para_fr = (
        "La direction générale rappelle aux usagers les règles de prudence essentielles. " * 10
    )
    for n in range(1, issues + 1):
        comic = root / "comics" / f"c{n}"
        (comic / "art").mkdir(parents=True)
        (comic / "art" / "p.png").write_bytes((root / "art.png").read_bytes())
        (comic / "comic.yml").write_text(
            'title: {ar: "قصة", fr: "Histoire"}\nsummary: {ar: "ملخص", fr: "Résumé"}\n'
            "languages: [ar, fr]\npages:\n  - panels:\n      - art: art/p.png\n"
            '        alt: {ar: "لوحة", fr: "Case"}\n',
            encoding="utf-8",
        )
        day = date(2016 + n // 12, n % 12 + 1, 1)
        folder = root / "issues" / f"{day:%Y-%m}-n{n}"
        (folder / "images").mkdir(parents=True)
        Image.new("RGB", (6, 8), (n, 0, 0)).save(folder / "images" / "cover.jpg")
        names = [f"a{k}.md" for k in range(5)]
        (folder / "issue.yml").write_text(
            f'number: {n}\ndate: {day}\ntitle: "العدد {n}"\ncover: images/cover.jpg\n'
            f'cover_alt: "غلاف"\ncontents:\n'
            + "".join(f"  - {a}\n" for a in names)
            + f"  - comic: c{n}\n",
            encoding="utf-8",
        )
        for k, name in enumerate(names):
            lang, para = ("fr", para_fr) if k == 4 else ("ar", para_ar)
            (folder / name).write_text(
                f'---\ntitle: "عنوان المقال {k} من العدد {n}"\nsection: news\n'
                f'summary: "ملخص قصير للمقال."\nlang: {lang}\nauthors: ["هيئة التحرير"]\n---\n'
                f"{para}\n\n{para}\n",
                encoding="utf-8",
            )


def test_first_page_of_a_100_issue_archive_is_under_200_kb(tmp_path: Path) -> None:
    synthetic_archive(tmp_path, 100)
    magazine, log = read_magazine(tmp_path)
    assert not log.errors, [str(e) for e in log.errors][:3]
    config = MagazineConfig(root=tmp_path, now=NOW)
    published = magazine.published(NOW)
    media = stand_in_media(published, config)
    pages = build_feed(published, config, media)
    assert len(pages) == 12  # 600 items, 50 a page
    first = dump_json(pages[0])
    assert len(pages[0]["items"]) == config.feed_page_size == 50
    print(f"first page: {len(first)} bytes")
    assert len(first) < 200_000, len(first)
    check = jsonfeed_validator()
    assert list(check.iter_errors(json.loads(first))) == []
    assert len(build_documents(published, config, media)) == 12 + 2 + 100 + 200
