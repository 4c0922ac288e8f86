"""Same content, same SOURCE_DATE_EPOCH: the same bytes, whatever the day or the folder.

The sample magazine is built twice from scratch, in different folders and with build
clocks (POLICEMAG_NOW) on different days that publish the same articles, then rebuilt
in place with a warm cache on a third day. Every output file must have the same bytes:
pages, sitemap, search index, fonts, media, EPUB, feeds. Nothing is excluded. The
EPUB of tests/sites/epub-basic, built a second time from a fresh cache, is the same too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import REPO, build_magazine, run_cli, tree_digest

pytestmark = pytest.mark.slow


def test_two_days_two_folders_one_warm_rebuild_same_bytes(tmp_path: Path) -> None:
    first = build_magazine(REPO, tmp_path / "a", now="2026-11-20T12:00:00+00:00")
    second = build_magazine(REPO, tmp_path / "other" / "b", now="2026-11-23T08:30:00+01:00")
    a, b = tree_digest(first), tree_digest(second)
    assert len(a) > 50 and any(p.endswith(".epub") for p in a)  # a whole site
    assert sorted(set(a) ^ set(b)) == []
    assert sorted(p for p in a if a[p] != b[p]) == []
    # a third day, a warm cache, the same folder
    done = run_cli(tmp_path / "a", "build", now="2026-11-25T23:59:59-05:00")
    assert done.returncode == 0, done.stderr
    assert tree_digest(first) == a


def test_without_source_date_epoch_the_dates_come_from_the_content(tmp_path: Path) -> None:
    """Unset or empty (as CI templates often export it): no clock in the outputs."""
    site = build_magazine(REPO, tmp_path / "a")
    fonts = {p: h for p, h in tree_digest(site).items() if p.endswith(".woff2")}
    done = run_cli(tmp_path / "a", "build", SOURCE_DATE_EPOCH="")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # derived from the content: the newest issue's date, not today's
    assert "<lastmod>2026-11-15</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    # fonts keep their source's timestamp whatever SOURCE_DATE_EPOCH says
    assert {p: h for p, h in tree_digest(site).items() if p.endswith(".woff2")} == fonts


def test_an_epub_built_again_from_a_fresh_cache_has_the_same_bytes(
    epub_built: Any, tmp_path: Path
) -> None:
    """A fresh cache too, so cached fonts or images cannot hide nondeterminism."""
    from dataclasses import replace

    from policemag.epub import build_epub

    config = replace(epub_built.config, cache_dir=tmp_path / "cache")
    again = build_epub(epub_built.issue, config, tmp_path / "out")
    assert epub_built.path.name == again.name == "2026-01-n7.epub"
    assert epub_built.path.read_bytes() == again.read_bytes()
