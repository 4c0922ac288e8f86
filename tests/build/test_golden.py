"""The sample magazine's outputs frozen as golden files (tests/golden/sample/).

The repository's own magazine is built once a session (``sample_site``, with the clock
and SOURCE_DATE_EPOCH fixed: builds are reproducible, so nothing is normalised) and
each output is compared parsed, so a change anywhere shows up as a diff of data to
review: the JSON Feed, the issue's Readium manifest, the EPUB's package document and
navigation document, and one article page's ``<main>``. XML and HTML become nested
``[name, {attributes}, *content]`` lists (tests/support/canonical.py).

After a deliberate change: ``python3 -m pytest tests/build/test_golden.py --update-golden``,
then read ``git diff tests/golden`` before committing it.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.support.canonical import html_node, xml_document

ISSUE = "2026-11-n112"
#: Arabic, with diacritics, a lead image in every format, headings and its table of contents
ARTICLE = "phone-scam-awareness"


def _epub_member(site: Path, member: str) -> bytes:
    with zipfile.ZipFile(site / "epub" / f"{ISSUE}.epub") as zf:
        return zf.read(member)


OUTPUTS: dict[str, Callable[[Path], Any]] = {
    "sample/feed": lambda site: json.loads((site / "feed.json").read_text(encoding="utf-8")),
    f"sample/{ISSUE}.manifest": lambda site: json.loads(
        (site / ISSUE / "manifest.json").read_text(encoding="utf-8")
    ),
    f"sample/{ISSUE}.opf": lambda site: xml_document(_epub_member(site, "EPUB/content.opf")),
    f"sample/{ISSUE}.nav": lambda site: xml_document(_epub_member(site, "EPUB/text/nav.xhtml")),
    f"sample/{ARTICLE}.main": lambda site: html_node(
        (site / ISSUE / ARTICLE / "index.html").read_text(encoding="utf-8"), "main"
    ),
}


@pytest.mark.parametrize("name", OUTPUTS)
def test_sample_output_matches_its_golden_file(
    name: str, sample_site: Path, golden: Callable[[str, Any], None]
) -> None:
    golden(name, OUTPUTS[name](sample_site))
