"""Incremental builds: what a warm or one-edit build rebuilds, seen from its outputs.

EPUBs, feed documents and the search index are hard links to files stored by input
hash (policemag.cache): an output that was not rebuilt is the same inode with the
same mtime in the new site/. No timings here (the benchmark measures them).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO

from policemag_dev.archive import make_archive

# PYTHONPATH: the subprocess must run this checkout's code, not another installed copy
ENV = {
    **os.environ,
    "POLICEMAG_NOW": "2030-01-01T00:00:00+00:00",
    "SOURCE_DATE_EPOCH": "1767225600",
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONPATH": str(REPO / "tools"),
}


def _build(root: Path, env: dict[str, str] = ENV) -> str:
    """``mkdocs build``; returns the log line of what was rebuilt and reused."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [line for line in done.stderr.splitlines() if "policemag: rebuilt" in line]
    assert lines, done.stderr
    return lines[-1]


def _stamps(site: Path, *globs: str) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file matching ``globs``, by site path."""
    return {
        p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for g in globs
        for p in site.glob(g)
        if p.is_file()
    }


@pytest.mark.slow
def test_warm_build_rebuilds_nothing_and_one_edit_only_its_issue(tmp_path: Path) -> None:
    archive = make_archive(
        tmp_path / "m", REPO, 2, image_issues=1, photos_per_issue=2, photo_size=(640, 480)
    )
    root, site = archive.root, archive.root / "site"
    _build(root)
    outputs = (
        "epub/*.epub",
        "*.json",
        "*/manifest.json",
        "search-index/**/*",
        "media/*",
        "comics/**/*.webp",
    )
    cold = _stamps(site, *outputs)
    image_cache = _stamps(root / ".cache", "images/**/*", "image-sets/**/*", "comics/**/*")
    assert any(k.startswith("epub/") for k in cold) and "feed.json" in cold
    assert any(k.startswith("search-index/") for k in cold)

    warm = _build(root)  # nothing changed
    assert "rebuilt {}" in warm, warm
    assert _stamps(site, *outputs) == cold
    assert _stamps(root / ".cache", "images/**/*", "image-sets/**/*", "comics/**/*") == image_cache

    older, newer = archive.issue_ids[1], archive.issue_ids[0]
    assert archive.edit_target.parent.name == older
    with archive.edit_target.open("a", encoding="utf-8") as fh:
        fh.write("\nفقرة مضافة بعد النشر.\n")
    one = _build(root)
    # the edited article's page only; its issue's EPUB; the feed; the search index
    assert "'page': 1," in one and "'epub': 1," in one and "'search': 1" in one, one
    edited = _stamps(site, *outputs)
    changed = {k for k in cold if edited.get(k) != cold[k]}
    assert f"epub/{older}.epub" in changed
    assert f"epub/{newer}.epub" not in changed
    assert "feed.json" in changed  # carries the article's text
    assert f"{newer}/manifest.json" not in changed
    assert not {k for k in changed if k.startswith(("media/", "comics/"))}
    assert any(k.startswith("search-index/") for k in changed)


@pytest.mark.slow
def test_same_input_same_bytes_with_and_without_the_store(tmp_path: Path) -> None:
    """A stored EPUB is the EPUB a fresh build makes: reuse never changes bytes."""
    archive = make_archive(
        tmp_path / "m", REPO, 1, image_issues=1, photos_per_issue=2, photo_size=(320, 240)
    )
    _build(archive.root)
    first = {p.name: p.read_bytes() for p in (archive.root / "site/epub").iterdir()}
    feed = (archive.root / "site/feed.json").read_bytes()
    import shutil

    for outputs in ("epub", "feed", "feed-files", "search"):
        shutil.rmtree(archive.root / ".cache" / outputs)
    _build(archive.root)
    assert {p.name: p.read_bytes() for p in (archive.root / "site/epub").iterdir()} == first
    assert (archive.root / "site/feed.json").read_bytes() == feed


@pytest.mark.slow
def test_a_new_issue_leaves_the_older_epubs_untouched(tmp_path: Path) -> None:
    """Without SOURCE_DATE_EPOCH the sitemap's date follows the newest issue; the older
    issues' EPUBs must not follow it (an app would download every issue again)."""
    import re
    import shutil

    archive = make_archive(tmp_path / "m", REPO, 2, image_issues=0, photos_per_issue=0)
    root, site = archive.root, archive.root / "site"
    env = {k: v for k, v in ENV.items() if k != "SOURCE_DATE_EPOCH"}
    _build(root, env)
    before = _stamps(site, "epub/*.epub")
    issues = sorted((root / "issues").glob("*/issue.yml"))
    numbers = [int(re.search(r"^number: (\d+)", p.read_text(encoding="utf-8"), re.M)[1]) for p in issues]
    newest = issues[numbers.index(max(numbers))].parent
    new = root / "issues" / "2099-01-n999"
    shutil.copytree(newest, new)
    text = (new / "issue.yml").read_text(encoding="utf-8")
    text = re.sub(r"^number: \d+", "number: 999", text, flags=re.M)
    text = re.sub(r"^date: .*$", "date: 2099-01-01", text, flags=re.M)  # the folder says 2099-01 (E063)
    (new / "issue.yml").write_text(text, encoding="utf-8")
    for md in new.glob("*.md"):  # permanent ids must stay unique
        md.write_text(re.sub(r"^id: .*\n", "", md.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    _build(root, env)
    after = _stamps(site, "epub/*.epub")
    assert set(after) == set(before) | {"epub/2099-01-n999.epub"}
    assert {k: after[k] for k in before} == before


@pytest.mark.slow
def test_epubs_made_by_the_worker_are_the_epubs_made_in_process(tmp_path: Path) -> None:
    """Enough issues for jobs.OutputJobs to use its second process: the EPUBs it stores
    are byte for byte those this process makes (fewer missing EPUBs than MIN_JOBS are
    made here), and the log counts them as rebuilt."""
    import re

    from policemag.jobs import OutputJobs

    n = OutputJobs.MIN_JOBS + 1
    archive = make_archive(tmp_path / "m", REPO, n, image_issues=1, photos_per_issue=2, photo_size=(320, 240))
    root, site = archive.root, archive.root / "site"
    first = _build(root)
    assert f"'epub': {n}," in first
    by_worker = {p.name: p.read_bytes() for p in (site / "epub").iterdir()}
    # the share images went to the workers after the EPUBs (a part each), and this
    # process drew from the other end while they were busy: each counted once as rebuilt
    # (one may be drawn twice at each of the two places where drawers meet; the
    # emblem's PNG is made by the workers' first job, or here when it was not done),
    # and found here when another made it; the bytes are the ones this process draws
    shares = {p.name: p.read_bytes() for p in (site / "media" / "share").iterdir() if p.suffix == ".jpg"}
    rebuilt = re.search(r"rebuilt \{[^}]*'share': (\d+)\b", first)
    assert rebuilt is not None and len(shares) <= int(rebuilt.group(1)) <= len(shares) + 3, first
    _assert_drawn_here_alike(root, shares, tmp_path / "here")
    store = root / ".cache" / "epub"
    names = sorted(by_worker)
    for batch in (names[: OutputJobs.MIN_JOBS - 1], names[OutputJobs.MIN_JOBS - 1 :]):
        inodes = {(site / "epub" / name).stat().st_ino for name in batch}
        for stored in store.rglob("*.epub"):
            if stored.stat().st_ino in inodes:
                stored.unlink()
        assert re.search(rf"rebuilt \{{[^}}]*'epub': {len(batch)}\b", _build(root))
        assert {name: (site / "epub" / name).read_bytes() for name in batch} == {
            name: by_worker[name] for name in batch
        }


def _assert_drawn_here_alike(root: Path, shares: dict[str, bytes], cache: Path) -> None:
    from dataclasses import replace
    from unittest import mock

    from policemag.build import prepare_build
    from policemag.cli import site_settings
    from policemag.site.share import write_share_images

    with mock.patch.dict(os.environ, {k: ENV[k] for k in ("POLICEMAG_NOW", "SOURCE_DATE_EPOCH")}):
        config = replace(site_settings(root), cache_dir=cache)
        build = prepare_build(config)
    here = cache.parent / "site-here"
    written = write_share_images(dict(build.shares.images), config, here)
    drawn = {Path(p).name: (here / p).read_bytes() for p in written if p.endswith(".jpg")}
    assert drawn == shares
