"""The sample EPUB as readers meet it: DAISY Ace, and Chromium (what epub.js runs in).

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
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


@pytest.fixture(scope="module")
def extracted(epub_built: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("epub-x")
    with zipfile.ZipFile(epub_built.path) as zf:
        zf.extractall(out)
    return out / "EPUB" / "text"


@pytest.mark.browser
def test_documents_render_in_chromium(extracted: Path, tmp_path: Path) -> None:
    """Arabic right-to-left in the embedded font; French left-to-right even when the
    reading system forces ``direction: rtl`` on <html> (epub.js does, in an rtl book);
    the comic page fills its viewport. Screenshots at phone size go to tmp_path."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))

        def open_doc(name: str, force_rtl: bool = False) -> None:
            page.goto((extracted / name).as_uri())
            if force_rtl:
                page.add_style_tag(content="html { direction: rtl !important; }")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)

        def style(selector: str, prop: str) -> str:
            return str(page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}"))

        open_doc("a-patrol.xhtml")
        assert style("h1", "direction") == "rtl"
        assert style("p.summary", "textAlign") == "start"
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
        )
        assert any("Noto Sans Arabic" in f for f in loaded)
        # the title starts at the right edge: its right side hugs the body's
        h1 = page.eval_on_selector(
            "h1",
            "e => { const r = document.createRange();"
            " r.selectNodeContents(e); return r.getBoundingClientRect().right }",
        )
        assert h1 > 390 - 40

        open_doc("a-gare.xhtml", force_rtl=True)
        assert style("body", "direction") == "ltr"
        left = page.eval_on_selector(
            "h1",
            "e => { const r = document.createRange();"
            " r.selectNodeContents(e); return r.getBoundingClientRect().left }",
        )
        assert left < 40

        open_doc("comic-road-safety-1.xhtml")
        width = page.eval_on_selector("img", "e => e.getBoundingClientRect().width")
        natural = page.eval_on_selector("img", "e => e.naturalWidth")
        assert natural > 0 and abs(width - 390) < 1
        browser.close()
    assert all(u.startswith("file://") for u in requests)
