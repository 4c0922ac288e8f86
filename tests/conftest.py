"""Shared pytest options and fixtures.

``--update-golden`` rewrites golden files under tests/golden/ instead of comparing.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from policemag.config import MagazineConfig
    from policemag.model import Issue

TESTS = Path(__file__).parent
REPO = TESTS.parent
SITES = TESTS / "sites"
GOLDEN = TESTS / "golden"
#: The default build clock of the test magazines (POLICEMAG_NOW).
NOW = "2026-11-20T12:00:00+00:00"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Any:
    """``golden(name, data)``: compare JSON-able ``data`` with tests/golden/<name>.json.

    Compared as data (key order and formatting of the file do not matter); a difference
    fails with a unified diff of the two as indented JSON, to review, then accept with
    ``pytest --update-golden``.
    """
    update = request.config.getoption("--update-golden")

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def check(name: str, data: Any) -> None:
        path = GOLDEN / f"{name}.json"
        text = dump(data)
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"tests/golden/{name}.json was missing and has been written")
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored != json.loads(text):
            import difflib

            diff = list(difflib.unified_diff(
                dump(stored).splitlines(), text.splitlines(),
                f"tests/golden/{name}.json", "this build", n=4, lineterm="",
            ))
            shown = "\n".join(diff[:400]) + (f"\n... {len(diff) - 400} more lines" if len(diff) > 400 else "")
            pytest.fail(
                f"output differs from tests/golden/{name}.json; review, then accept with "
                f"--update-golden:\n{shown}",
                pytrace=False,
            )

    return check


def build_magazine(source: Path, dest: Path, now: str = NOW, *, privacy_errors: bool = True) -> Path:
    """Copy magazine ``source`` (issues/, comics/) beside the repo's site config into
    ``dest`` and build it with ``policemag build``; return the site folder.

    ``now`` fixes the embargo clock (POLICEMAG_NOW); ``privacy_errors=False`` builds with
    the privacy lint as warnings. Raises on a failed build.
    """
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for name in ("issues", "comics"):
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name, symlinks=True)
    for name in ("overrides", "pages"):
        shutil.copytree(REPO / name, dest / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not privacy_errors:
        config = config.replace("privacy_errors: true", "privacy_errors: false")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    done = run_cli(dest, "build", now=now)
    if done.returncode != 0:
        raise AssertionError(f"build failed:\n{done.stdout}\n{done.stderr}")
    return dest / "site"


def cli_env(now: str = NOW, **extra: str) -> dict[str, str]:
    """Environment for a subprocess that must run *this* checkout's policemag.

    The package may be installed editable from another worktree: PYTHONPATH puts this
    repository's tools/ first. The clock and SOURCE_DATE_EPOCH are fixed.
    """
    import os

    path = os.pathsep.join(p for p in (str(REPO / "tools"), os.environ.get("PYTHONPATH")) if p)
    return {
        **os.environ,
        "PYTHONPATH": path,
        "POLICEMAG_NOW": now,
        "SOURCE_DATE_EPOCH": "1767225600",
        "NO_MKDOCS_2_WARNING": "1",
        **extra,
    }


def run_cli(
    root: Path, *args: str, now: str = NOW, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m policemag.cli -C root *args`` with :func:`cli_env`."""
    return subprocess.run(
        [sys.executable, "-m", "policemag.cli", "-C", str(root), *args],
        env=cli_env(now, **env), capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample magazine, built once per session."""
    return build_magazine(REPO, tmp_path_factory.mktemp("sample"))


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path: two trees compare equal
    exactly when they hold the same files with the same bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str]]:
    """``cli(root, *args)``: run ``policemag -C root *args`` in-process; (status, output)."""
    from policemag.cli import main

    monkeypatch.setenv("POLICEMAG_NOW", NOW)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")

    def run(root: Path, *args: str) -> tuple[int, str]:
        status = main(["-C", str(root), *args])
        captured = capsys.readouterr()
        return status, captured.out + captured.err

    return run


@dataclass(frozen=True)
class BuiltEpub:
    """tests/sites/epub-basic's issue and its EPUB (:func:`epub_built`)."""

    source: Issue  # as read, drafts included
    issue: Issue  # published
    config: MagazineConfig
    path: Path


#: After epub-basic's date, before nothing: drafts are its only filter.
EPUB_NOW = datetime(2026, 2, 1, tzinfo=UTC)


@pytest.fixture(scope="session")
def epub_built(tmp_path_factory: pytest.TempPathFactory) -> BuiltEpub:
    """tests/sites/epub-basic's issue as an EPUB, built once a session with a fresh cache.

    The unit layer reads this EPUB; epubcheck, Ace and a second build from another fresh
    cache (tests/build) and Chromium (tests/browser) check the same file.
    """
    from policemag.config import MagazineConfig
    from policemag.content.magazine import read_magazine
    from policemag.epub import build_epub

    site = SITES / "epub-basic"
    magazine, log = read_magazine(site)
    assert not log.errors, [str(e) for e in log.errors]
    config = MagazineConfig(root=site, now=EPUB_NOW, cache_dir=tmp_path_factory.mktemp("epub-cache"))
    source = magazine.issues[0]
    issue = source.published(EPUB_NOW)
    path = build_epub(issue, config, tmp_path_factory.mktemp("epub"))
    return BuiltEpub(source, issue, config, path)
