"""policemag.jobs.EarlyJobs: a cold build's work that needs nothing of the magazine,
in a process beside the build while it reads the magazine."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import brotli
import pytest

from policemag import jobs
from policemag.config import MagazineConfig
from policemag.jobs import EarlyJobs, start_early_jobs, theme_files
from policemag.site.compress import Precompressor, precompress_files

REPO = Path(__file__).parents[2]


def a_theme(root: Path) -> Path:
    theme = root / "theme"
    (theme / "assets" / "javascripts").mkdir(parents=True)
    (theme / "assets" / "javascripts" / "bundle.js").write_text("function f(a){return a+1};\n" * 300)
    (theme / "assets" / "javascripts" / "lunr").mkdir()
    (theme / "assets" / "javascripts" / "lunr" / "x.js").write_text("var lunr = 1;\n" * 300)
    (theme / "assets" / "stylesheets").mkdir()
    (theme / "assets" / "stylesheets" / "main.css").write_text("body{color:#123}\n" * 300)
    (theme / "main.html").write_text("<html></html>")  # a template, not an asset
    return theme


def test_theme_files_are_what_mkdocs_copies_but_the_unpublished(tmp_path: Path) -> None:
    theme = a_theme(tmp_path)
    override = tmp_path / "override"
    (override / "assets" / "stylesheets").mkdir(parents=True)
    (override / "assets" / "stylesheets" / "main.css").write_text("body{color:red}\n" * 100)
    found = theme_files([str(override), str(theme)], ("assets/javascripts/lunr/",))
    assert found == {
        "assets/javascripts/bundle.js": str(theme / "assets/javascripts/bundle.js"),
        "assets/stylesheets/main.css": str(override / "assets/stylesheets/main.css"),  # the first folder wins
    }


@pytest.fixture(autouse=True)
def _as_a_build_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    # a build starts them on one thread; other tests of this process may have left some
    monkeypatch.setattr(jobs, "start_method", lambda: "fork")


def test_early_copies_are_the_precompressors_and_made_once(tmp_path: Path) -> None:
    theme = a_theme(tmp_path)
    config = MagazineConfig(root=REPO, cache_dir=tmp_path / "cache")
    threads = threading.active_count()
    early = start_early_jobs(config, [str(theme)])
    assert early is not None
    assert threading.active_count() == threads  # later pools still fork (no manager thread)
    copies = _wait_for_copies(early)
    early.close(wait=True)
    files = {rel: Path(path).read_bytes() for rel, path in theme_files([str(theme)]).items()}
    assert copies == precompress_files(files, config.cache) and len(copies) == 3
    blob = next(config.cache.rglob("*.br"))
    assert brotli.decompress(blob.read_bytes()) in files.values()
    # the build links them into site/ and writes its manifest: the next build starts
    # nothing, even for a file no copy was made of (random bytes gain nothing)
    (theme / "assets" / "javascripts" / "noise.js").write_bytes(os.urandom(4096))
    site = tmp_path / "site"
    for rel, path in theme_files([str(theme)]).items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, site / rel)
    precompressor = Precompressor(site, config.cache)
    precompressor.adopt(copies)
    precompressor.finish()
    assert (site / "assets/javascripts/bundle.js.br").read_bytes() == brotli.compress(files["assets/javascripts/bundle.js"], quality=11)
    assert not (site / "assets/javascripts/noise.js.gz").exists()
    assert start_early_jobs(config, [str(theme)]) is None


def test_the_magazines_own_theme_files_are_left_to_the_adapter(tmp_path: Path) -> None:
    # overrides/ stylesheets and scripts are published minified under other names
    # (site/assets.py): copies of the originals would never be used, and a build would
    # never find them in its manifest (early jobs again in every warm build)
    theme = a_theme(tmp_path)
    own = tmp_path / "overrides"
    (own / "assets" / "stylesheets").mkdir(parents=True)
    (own / "assets" / "stylesheets" / "policemag.css").write_text(".pm{color:red}\n" * 100)
    config = MagazineConfig(root=REPO, cache_dir=tmp_path / "cache")
    early = start_early_jobs(config, [str(own), str(theme)], ("assets/javascripts/lunr/",), own=str(own))
    assert early is not None
    copies = _wait_for_copies(early)
    early.close(wait=True)
    theme_only = {rel: Path(p).read_bytes() for rel, p in theme_files([str(theme)], ("assets/javascripts/lunr/",)).items()}
    assert copies == precompress_files(theme_only, tmp_path / "other-cache") and len(copies) == 2


def _wait_for_copies(early: EarlyJobs) -> dict[str, dict[str, str]]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        copies = early.copies()
        if copies:
            return copies
        time.sleep(0.05)
    raise AssertionError("no copies from the early process")
