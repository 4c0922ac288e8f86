"""Privacy lint through a whole build: a warning publishes, the option refuses.

The patterns and the check are tests/unit/test_privacy.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import SITES, build_magazine
from tests.support.leakscan import find_markers

STATION = "issues/2026-01-n1/station.md"


def append(root: Path, rel: str, text: str) -> int:
    """Append ``text`` to a file; return the line number of its first line."""
    path = root / rel
    before = path.read_text(encoding="utf-8")
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def enable_privacy_errors(root: Path) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "privacy_errors: false" in text
    config.write_text(text.replace("privacy_errors: false", "privacy_errors: true"), encoding="utf-8")


@pytest.mark.slow
def test_build_publishes_with_a_warning_and_refuses_with_the_option(
    tmp_path: Path, cli: Callable[..., tuple[int, str]]
) -> None:
    """mkdocs.yml has strict: true; a privacy warning must not fail it, only the option."""
    source = tmp_path / "source"
    shutil.copytree(SITES / "minimal", source)
    line = append(source, STATION, "\nالهاتف 0612345678\n") + 1
    root = tmp_path / "m"
    site = build_magazine(source, root, privacy_errors=False)  # raises if the warning failed the strict build
    page = (site / "2026-01-n1/station/index.html").read_text(encoding="utf-8")
    assert "0612345678" in page
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    enable_privacy_errors(root)
    status, out = cli(root, "build")
    assert status == 1
    assert f"{STATION}:{line}: W051 " in out
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


@pytest.mark.slow
def test_privacy_ok_markers_reach_no_output(tmp_path: Path) -> None:
    """The markers are for the lint: pages, EPUB, feed and search index never carry them."""
    source = tmp_path / "source"
    shutil.copytree(SITES / "minimal", source)
    append(source, STATION, "\nمكتب الصحافة 0537000000 <!-- privacy-ok: phone -->\n")
    issue = source / "issues/2026-01-n1/issue.yml"
    issue.write_text(issue.read_text(encoding="utf-8").replace(
        "cover_alt: ", "theme: \"الهاتف 0537000000\"  # privacy-ok: phone\ncover_alt: "), encoding="utf-8")
    site = build_magazine(source, tmp_path / "m")  # privacy_errors: the markers must work
    page = (site / "2026-01-n1/station/index.html").read_text(encoding="utf-8")
    assert "0537000000" in page
    assert find_markers(site, ["privacy-ok"]) == []
