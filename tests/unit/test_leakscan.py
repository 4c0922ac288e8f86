"""The leak scanner itself (tests/support/leakscan.py), on one file per encoding an output
may use; tests/build/test_leaks.py runs it over built sites."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path
from urllib.parse import quote

from tests.support.leakscan import find_markers


def test_the_scanner_finds_markers_however_they_are_encoded(tmp_path: Path) -> None:
    """The scanner itself, on one file per encoding an output may use."""
    m = "LEAKMARKER-TEST-a1b2"
    site = tmp_path / "site"
    (site / "feed").mkdir(parents=True)
    (site / "plain.html").write_text(f"<p>{m}</p>", encoding="utf-8")
    (site / "feed" / "escaped.json").write_text(
        json.dumps({"t": "\u0645" + m.replace("-", "\u2010")}).replace("LEAK", "\\u004cEAK"),
        encoding="utf-8",
    )
    (site / "entities.html").write_text("&#76;EAKMARKER&#45;TEST&#x2d;a1b2", encoding="utf-8")
    (site / "link.html").write_text(f'<a href="/{quote(m.lower())}%2Fx">', encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(f"<loc>/{m.lower()}/</loc>".encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("EPUB/text.xhtml", f"<p>{m}</p>")
        zf.writestr(f"EPUB/images/{m.lower()}.jpg", b"\xff\xd8")
    (site / "issue.epub").write_bytes(buffer.getvalue())
    (site / "search-index" / "0" / "t").mkdir(parents=True)  # words one by one, as stored
    (site / "search-index" / "0" / "t" / "61-31.json").write_text('{"a1b2":[0,9],"lift":[0,3]}')
    (site / f"{m.lower()}.txt").write_text("nothing inside", encoding="utf-8")
    found = {f.where for f in find_markers(site, [m])}
    assert found == {
        "plain.html",
        "feed/escaped.json",
        "entities.html",
        "link.html",
        "sitemap.xml.gz!gunzip",
        "issue.epub",  # the member's name is stored in the zip's directory
        "issue.epub!EPUB/text.xhtml",
        f"issue.epub!EPUB/images/{m.lower()}.jpg (name)",
        "search-index/0/t/61-31.json",
        f"{m.lower()}.txt (name)",
    }
    assert find_markers(site, ["LEAKMARKER-OTHER-ffff"]) == []

