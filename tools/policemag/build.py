"""One build, from repository to outputs, without MkDocs.

``prepare_build`` reads and validates everything and does the derived work that can
fail (image probing, comic lettering) before anything is written; ``write_outputs``
then writes the files that MkDocs does not (media, fonts, EPUBs, feeds, search index).
The MkDocs plugin and the CLI both drive these two functions.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from policemag import urls
from policemag.comics import LetteredComic, letter_comic, write_comic_assets
from policemag.config import MagazineConfig
from policemag.content.magazine import read_magazine
from policemag.errors import ContentError, ContentErrors, ErrorLog
from policemag.images.derivatives import (
    ImageBuildError,
    ImageSet,
    build_image_sets,
    write_image_sets,
)
from policemag.model import Magazine
from policemag.web.i18n import t
from policemag.web.media import SiteMedia, published_images
from policemag.web.pages import PageSource, build_pages, render_comic_pages, src_uri

log = logging.getLogger("mkdocs.plugins.policemag")


@dataclass
class Build:
    config: MagazineConfig
    magazine: Magazine  # what is published: no drafts, nothing under embargo
    pages: list[PageSource]
    images: dict[Path, ImageSet]
    comics: dict[str, LetteredComic]
    warnings: list[ContentError] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)


def prepare_build(config: MagazineConfig) -> Build:
    """Read, validate and derive; raise :class:`ContentErrors` listing every error."""
    everything, errors = read_magazine(config.root, privacy_errors=config.privacy_errors)
    errors.raise_if_errors()
    magazine = everything.published(config.now)
    pin_source_date(config.root, magazine)
    images = derive_images(magazine, config, errors)
    comics = letter_comics(magazine, config, errors)
    errors.raise_if_errors()
    media = SiteMedia(images)
    pages = (
        build_pages(magazine, config, media)
        + render_comic_pages(magazine, comics)
        + developer_pages(config)
    )
    return Build(config, magazine, pages, images, comics, errors.warnings, build_nav(magazine, config))


def derive_images(magazine: Magazine, config: MagazineConfig, errors: ErrorLog) -> dict[Path, ImageSet]:
    """Every rendition of every published image (cached by content hash, in parallel)."""
    try:
        return build_image_sets(published_images(magazine), config.cache / "images")
    except ImageBuildError as exc:
        for path, code, message in exc.problems:
            errors.add(path, 0, code, message)
        raise ContentErrors(errors.errors) from None


def letter_comics(magazine: Magazine, config: MagazineConfig, errors: ErrorLog) -> dict[str, LetteredComic]:
    """Every published comic lettered in each of its languages (cached); fit errors logged."""
    out: dict[str, LetteredComic] = {}
    for slug in sorted(magazine.comics):
        lettered = letter_comic(magazine.comics[slug], config, errors)
        if lettered is not None:
            out[slug] = lettered
    return out


def pin_source_date(root: Path, magazine: Magazine) -> None:
    """Give every timestamp in the outputs one content-derived instant.

    MkDocs (sitemap ``lastmod``), fontTools (the fonts' ``head.modified``) and the EPUB
    read SOURCE_DATE_EPOCH and fall back to the clock without it, so two builds of the
    same content on different days would differ. When it is unset, empty (CI templates
    often export it empty, and MkDocs then crashes) or not a number, it is set for this
    process to the time of the last git commit of ``root``, else to the newest published
    issue's date (00:00 UTC), else 0.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return
    epoch = _last_commit_time(root)
    if epoch is None and magazine.latest:
        day = magazine.latest.date
        epoch = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch or 0)


def _last_commit_time(root: Path) -> int | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True, text=True, check=False, timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip()
    return int(value) if done.returncode == 0 and value.isdigit() else None


def build_nav(magazine: Magazine, config: MagazineConfig) -> list[Any]:
    """A short navigation: home, latest issue, archive, sections, search.

    Articles stay out of the sidebar on purpose: a sidebar listing the whole archive
    makes every page grow with the archive (notes/performance.md).
    """
    lang = config.lang
    nav: list[Any] = [{t(lang, "home"): "index.md"}]
    if magazine.latest:
        nav.append({f"{t(lang, 'issue')} {magazine.latest.number}": src_uri(urls.issue_page(magazine.latest))})
    nav.append({t(lang, "archive"): src_uri(urls.ARCHIVE)})
    sections = [
        {config.section_label(s, lang): src_uri(urls.section_page(s))} for s in magazine.sections()
    ]
    if sections:
        nav.append({t(lang, "sections"): sections})
    nav.append({t(lang, "search"): src_uri(urls.SEARCH)})
    if (config.root / APP_DOC).exists():
        nav.append({t(lang, "developers"): src_uri(DEVELOPERS)})
    return nav


APP_DOC = "docs/app-feed.md"
DEVELOPERS = "developers/"


def developer_pages(config: MagazineConfig) -> list[PageSource]:
    """docs/app-feed.md, the app developers' guide, published as an English page."""
    doc = config.root / APP_DOC
    if not doc.exists():
        return []
    text = doc.read_text(encoding="utf-8")
    front = "---\ntitle: App developers\nlang: en\ndir: ltr\nsearch: false\n---\n\n"
    return [PageSource(DEVELOPERS, src_uri(DEVELOPERS), front + text, "en", "ltr")]


def write_outputs(build: Build, site_dir: Path, *, pagefind: bool = True) -> None:
    """Write media, fonts and the other editions into ``site_dir`` (after the pages)."""
    from policemag.feed import build_documents, feed_icons, media_from, write_bytes, write_feeds
    from policemag.web.fonts import write_fonts

    write_image_sets(build.images.values(), site_dir)
    for slug in sorted(build.comics):
        write_comic_assets(build.comics[slug], site_dir)
    write_fonts(site_dir, build.config.cache)
    epub_sizes = write_epubs(build, site_dir)
    media = media_from(build.images, build.comics, epub_sizes)
    write_feeds(site_dir, build_documents(build.magazine, build.config, media))
    write_bytes(site_dir, feed_icons(build.config))
    if pagefind:
        run_pagefind(site_dir)


def write_epubs(build: Build, site_dir: Path) -> dict[str, int]:
    """One EPUB per published issue under site/epub/; returns issue id -> size in bytes."""
    from policemag.epub import build_epub

    sizes = {}
    for issue in build.magazine.issues:
        path = build_epub(issue, build.config, site_dir / "epub", images=build.images, comics=build.comics)
        sizes[issue.id] = path.stat().st_size
    return sizes


def run_pagefind(site_dir: Path) -> None:
    """Index the built pages with Pagefind (the binary ships in the PyPI wheel)."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "ar", "--silent"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"pagefind failed: {done.stderr or done.stdout}")
