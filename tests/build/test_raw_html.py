"""Harmless inline HTML reaches the built web page (the refusals are
tests/unit/test_raw_html.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import SITES, build_magazine

STATION = "issues/2026-01-n1/station.md"

#: the same paragraph tests/unit/test_raw_html.py passes through check
HARMLESS = (
    '<abbr title="المديرية العامة للأمن الوطني">م.ع.أ.و</abbr> تعلن، والمساحة 20 م<sup>2</sup>'
    ' و H<sub>2</sub>O، <span dir="ltr">Police</span>. يبدأ البث on time = 9h.'
)


def add_to_body(root: Path, markdown: str) -> None:
    path = root / STATION
    path.write_text(path.read_text(encoding="utf-8") + "\n" + markdown + "\n", encoding="utf-8")


@pytest.mark.slow
def test_harmless_inline_html_reaches_the_web_page(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(SITES / "minimal", source)
    add_to_body(source, HARMLESS)
    site = build_magazine(source, tmp_path / "m")
    html = (site / "2026-01-n1/station/index.html").read_text(encoding="utf-8")
    assert '<abbr title="المديرية العامة للأمن الوطني">م.ع.أ.و</abbr>' in html
    assert "م<sup>2</sup>" in html and "H<sub>2</sub>O" in html
