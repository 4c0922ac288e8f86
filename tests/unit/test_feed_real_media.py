"""The feed built from the real images and comics stages, through media_from."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.support.feedcheck import NOW, REPO, SITE, jsonfeed_validator, load, site_path, urls_in
from tests.support.feedmedia import site_files

from policemag.config import MagazineConfig
from policemag.errors import ErrorLog
from policemag.feed import build_documents, dump_json, media_from


def test_feed_from_real_derivatives_and_lettering(tmp_path: Path) -> None:
    from policemag.comics import letter_comic
    from policemag.comics.html import write_comic_assets
    from policemag.images.derivatives import build_image_sets

    root = tmp_path / "site-src"
    shutil.copytree(SITE, root)
    _, published, _ = load(root)
    config = MagazineConfig(root=root, now=NOW, cache_dir=tmp_path / "cache", feed_page_size=50)
    sources = {i.cover.path for i in published.issues} | {
        img.path for a in published.articles for img in a.all_images
    }
    image_sets = build_image_sets(sources, tmp_path / "cache" / "images", workers=1)
    log = ErrorLog(root)
    lettered = {}
    for slug, comic in published.comics.items():
        result = letter_comic(comic, config, log)
        assert result is not None, [str(e) for e in log]
        lettered[slug] = result
    media = media_from(image_sets, lettered, {i.id: 4242 for i in published.issues})
    docs = build_documents(published, config, media)

    feed = json.loads(dump_json(docs["feed.json"]))
    if (
        os.environ.get("POLICEMAG_JSONFEED_SCHEMA")
        or (REPO / "node_modules" / "jsonfeed-schema").is_dir()
    ):
        assert list(jsonfeed_validator().iter_errors(feed)) == []  # schema-checked elsewhere too
    lead = next(i for i in feed["items"] if i["id"] == "tag:magazine.police.example,2026:issue/2/article/cyber")
    assert lead["image"].endswith(".webp") and "/media/" in lead["image"]
    # every written comic asset is what the feed points to, and nothing else
    written_assets = set()
    for result in lettered.values():
        written_assets |= set(write_comic_assets(result, tmp_path / "out"))
    comic_urls = {
        site_path(u, config.site_url) for d in docs.values() for u in urls_in(d, config.site_url)
    }
    assert {p for p in comic_urls if p.startswith("comics/") and "/page-" in p} == written_assets
    written = site_files(published, media, docs)
    assert {p for p in comic_urls if p not in written} == set()
