"""A build that dies half-way leaves the previous site/ as it was.

``policemag build`` writes into a temporary folder beside site/ and swaps it in only when
complete. Three ways to die: a bug in a writer (an exception), Ctrl-C while writing
(KeyboardInterrupt), and SIGKILL of the process (no clean-up code runs at all: the next
build removes what it left).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NOW, cli_env, tree_digest

import policemag.mkdocs_plugin.plugin
from policemag.cli import clean_leftovers, main

pytestmark = pytest.mark.slow


def beside_site(root: Path) -> list[str]:
    """What a build may leave next to site/: nothing but site/ itself."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".site", "site")))


@pytest.fixture
def copy(built_minimal: Path, tmp_path: Path) -> Path:
    root = tmp_path / "m"
    shutil.copytree(built_minimal, root, symlinks=True)
    # a visible change, so that a build that did complete would show in site/
    station = root / "issues/2026-01-n1/station.md"
    station.write_text(station.read_text(encoding="utf-8") + "\nفقرة جديدة.\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("failure", [RuntimeError("bug in a writer"), KeyboardInterrupt()])
def test_a_writer_dying_half_way_changes_nothing(
    copy: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    before = tree_digest(copy / "site")
    seen: list[Path] = []

    def dies_half_way(build: Any, site_dir: Path, **kwargs: Any) -> None:
        seen.append(site_dir)
        (site_dir / "half-written.json").write_text("{", encoding="utf-8")
        assert (site_dir / "2026-01-n1/station/index.html").exists()  # pages are written
        raise failure

    monkeypatch.setattr(policemag.mkdocs_plugin.plugin, "write_outputs", dies_half_way)
    monkeypatch.setenv("POLICEMAG_NOW", NOW)
    with pytest.raises(type(failure)):
        main(["-C", str(copy), "build"])
    assert seen and seen[0].parent == copy and seen[0].name != "site"  # a temporary folder
    assert tree_digest(copy / "site") == before
    assert beside_site(copy) == ["site"]


def test_a_killed_build_leaves_site_intact_and_the_next_build_cleans_up(copy: Path) -> None:
    before = tree_digest(copy / "site")
    process = subprocess.Popen(
        [sys.executable, "-m", "policemag.cli", "-C", str(copy), "build"],
        env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        # kill it once it is writing pages into its temporary folder
        while time.monotonic() < deadline and not list(copy.glob(".site-*/2026-01-n1")):
            assert process.poll() is None, "the build ended before it could be killed"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert tree_digest(copy / "site") == before
    assert [p.name.startswith(f".site-{process.pid}-") for p in copy.glob(".site-*")] == [True]
    done = subprocess.run(
        [sys.executable, "-m", "policemag.cli", "-C", str(copy), "build"],
        env=cli_env(), capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert beside_site(copy) == ["site"]
    assert "فقرة جديدة" in (copy / "site/2026-01-n1/station/index.html").read_text(encoding="utf-8")


def test_a_build_killed_between_the_renames_gets_its_site_back(copy: Path) -> None:
    before = tree_digest(copy / "site")
    (copy / "site").rename(copy / "site.old")  # what a kill between the two renames leaves
    (copy / ".site-999999999-x").mkdir()  # and a temporary folder of a dead process
    clean_leftovers(copy / "site")
    assert tree_digest(copy / "site") == before
    assert beside_site(copy) == ["site"]
