"""Attacks on the build's edges (issue "Nothing gets in, round 2"): files from outside
the repository, hand-written pages, the output folder, the machine failing.

Each case starts from a built copy of tests/sites/minimal and checks what a user
expects: ``path:line: CODE`` (or a one-line message), a non-zero exit, no traceback,
and site/ exactly as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import tree_digest

Cli = Callable[..., tuple[int, str]]


@pytest.fixture
def repo(built_minimal: Path, tmp_path: Path) -> Path:
    root = tmp_path / "m"
    shutil.copytree(built_minimal, root, symlinks=True)
    return root


def _refused(cli: Cli, repo: Path, expected: str) -> None:
    before = tree_digest(repo / "site")
    for command in ("check", "build"):
        status, out = cli(repo, command)
        assert status != 0, (command, out)
        assert expected in out, (command, out)
        assert "Traceback" not in out
    assert tree_digest(repo / "site") == before


def test_a_symlink_in_pages_to_the_machine_environment_is_refused(cli: Cli, repo: Path) -> None:
    os.symlink("/proc/self/environ", repo / "pages" / "env.txt")
    _refused(cli, repo, "pages/env.txt: E013")


def test_a_symlink_in_the_overrides_is_refused(cli: Cli, repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("/* deploy token */", encoding="utf-8")
    os.symlink(secret, repo / "overrides" / "assets" / "stylesheets" / "x.css")
    _refused(cli, repo, "overrides/assets/stylesheets/x.css: E013")


def test_a_symlinked_folder_in_pages_is_refused(cli: Cli, repo: Path) -> None:
    os.symlink("/etc", repo / "pages" / "etc")
    _refused(cli, repo, "pages/etc: E013")


def test_pages_get_the_article_rules(cli: Cli, repo: Path) -> None:
    (repo / "pages" / "contact.md").write_text(
        "---\ntitle: Contact\n---\n\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    _refused(cli, repo, "pages/contact.md:5: E017")


def test_a_page_with_unknown_front_matter_is_refused(cli: Cli, repo: Path) -> None:
    (repo / "pages" / "contact.md").write_text("---\ntitel: Contact\n---\n\nx\n", encoding="utf-8")
    _refused(cli, repo, "pages/contact.md:2: E004")


def test_a_draft_page_is_never_published(cli: Cli, repo: Path) -> None:
    (repo / "pages" / "plan.md").write_text(
        "---\ntitle: Plan\ndraft: true\n---\n\nleakmarker-pagedraft-5d1c\n", encoding="utf-8"
    )
    status, out = cli(repo, "build")
    assert status == 0, out
    assert not list((repo / "site").rglob("plan*"))
    assert not [p for p in (repo / "site").rglob("*") if p.is_file() and b"leakmarker-pagedraft" in p.read_bytes()]


def test_a_phone_number_in_a_page_is_personal_data(cli: Cli, repo: Path) -> None:
    (repo / "pages" / "contact.md").write_text(
        "---\ntitle: Contact\n---\n\nاتصلوا بالسيد على 0612345678\n", encoding="utf-8"
    )
    _refused(cli, repo, "pages/contact.md:5: W05")


@pytest.mark.parametrize("site_dir", [".", "..", "issues", "comics/x", ".git", "pages"])
def test_the_site_folder_is_never_the_repository_or_an_input(cli: Cli, repo: Path, site_dir: str) -> None:
    (repo / ".git").mkdir(exist_ok=True)
    before = tree_digest(repo)
    status, out = cli(repo, "build", "--site-dir", str(repo / site_dir))
    assert status == 2, out
    assert "--site-dir" in out and "Traceback" not in out
    assert tree_digest(repo) == before


def test_a_full_disk_is_one_line_and_leaves_the_site(cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import policemag.mkdocs_plugin.plugin as plugin

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(repo / "site" / "feed.json"))

    monkeypatch.setattr(plugin, "write_outputs", full)
    (repo / "issues/2026-01-n1/station.md").write_text(
        (repo / "issues/2026-01-n1/station.md").read_text(encoding="utf-8") + "\nجملة.\n", encoding="utf-8"
    )
    before = tree_digest(repo / "site")
    status, out = cli(repo, "build")
    assert status == 1
    assert "No space left on device" in out and "site/ was left as it was" in out
    assert "Traceback" not in out
    assert tree_digest(repo / "site") == before
    assert not [p for p in repo.iterdir() if p.name.startswith(".site-")]


def test_a_committed_cache_entry_is_not_trusted(cli: Cli, repo: Path) -> None:
    """An attacker who can commit can commit a .cache/ too, with plain sha256 digests
    beside edited entries; without the machine's cache secret the entries are rebuilt."""
    import hashlib

    pages = [p for p in (repo / ".cache" / "pages").rglob("*.json")]
    assert pages, "the page cache is where the build keeps rendered pages"
    for entry in pages:
        text = entry.read_text(encoding="utf-8")
        forged = text.replace("</p>", "<script>leakmarker_cache()</script></p>", 1)
        entry.write_text(forged, encoding="utf-8")
        digest = hashlib.sha256(forged.encode("utf-8")).hexdigest()
        entry.with_name(entry.name + ".sha256").write_text(digest + "\n", encoding="ascii")
    status, out = cli(repo, "build")
    assert status == 0, out
    assert not [p for p in (repo / "site").rglob("*.html") if b"leakmarker_cache" in p.read_bytes()]
