"""Nothing unpublished leaks: the embargo fixture built at two instants, every output searched.

tests/sites/embargo (see its README) carries a unique marker in every draft and
embargoed text, image name and image EXIF. Each build is searched with
tests/leakscan.py: file names, bytes, zip members (EPUB), gzip payloads (sitemap),
the search index's words, decoded JSON, HTML and %-escapes, and re-encoded pictures. Positive controls
prove that each channel is actually searched: the article whose embargo lifts must be
found through all of them once it is published.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

from ..conftest import SITES, build_magazine
from ..leakscan import find_markers, find_pictures

pytestmark = pytest.mark.slow

FIXTURE = SITES / "embargo"
DRAFT, EMBARGO, LIFT, ISSUEDRAFT = (
    "LEAKMARKER-DRAFT-7f3a",
    "LEAKMARKER-EMBARGO-91c2",
    "LEAKMARKER-LIFT-3b8e",
    "LEAKMARKER-ISSUEDRAFT-55d0",
)
NEVER = [DRAFT, EMBARGO, ISSUEDRAFT]
#: 2026-06-01T09:00:00+01:00, the embargo of leakmarker-lift-3b8e.md, in UTC
BEFORE_LIFT = "2026-06-01T07:59:59+00:00"
AT_LIFT = "2026-06-01T08:00:00Z"
LIFT_PAGE = "2026-05-n50/leakmarker-lift-3b8e/index.html"


def _images(*names: str) -> dict[str, Path]:
    found = {p.stem: p for p in FIXTURE.rglob("images/*.jpg")}
    return {n: found[n] for n in names}


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_magazine(FIXTURE, tmp_path_factory.mktemp("before"), now=BEFORE_LIFT)


@pytest.fixture(scope="module")
def at_lift(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # a different offset on purpose: the instant counts, not how it is written
    return build_magazine(FIXTURE, tmp_path_factory.mktemp("at"), now="2026-06-01T10:00:00+02:00")


def test_before_the_lift_no_marker_appears_anywhere(before: Path) -> None:
    assert find_markers(before, [*NEVER, LIFT, "leakmarker"]) == []


def test_before_the_lift_no_unpublished_picture_appears(before: Path) -> None:
    found = find_pictures(
        before,
        _images("published", "cover", "leakmarker-draft-7f3a", "leakmarker-embargo-91c2",
                "leakmarker-lift-3b8e", "leakmarker-issuedraft-55d0"),
    )
    # positive control: published pictures are found, so the comparison works
    assert found.pop("published") and found.pop("cover")
    assert found == {name: [] for name in found}


def test_embargo_lifts_exactly_at_its_instant(before: Path, at_lift: Path) -> None:
    assert not (before / LIFT_PAGE).exists()
    assert (before / "2026-05-n50/published/index.html").exists()
    assert (at_lift / LIFT_PAGE).exists()
    assert LIFT in (at_lift / LIFT_PAGE).read_text(encoding="utf-8")


def test_after_the_lift_only_the_lifted_article_appears(at_lift: Path) -> None:
    assert find_markers(at_lift, NEVER) == []
    found = find_pictures(
        at_lift,
        _images("leakmarker-lift-3b8e", "leakmarker-draft-7f3a", "leakmarker-embargo-91c2",
                "leakmarker-issuedraft-55d0"),
    )
    assert found.pop("leakmarker-lift-3b8e")
    assert found == {name: [] for name in found}


def test_the_scan_sees_through_every_output_once_published(at_lift: Path) -> None:
    """Positive control on the real build: each channel finds the lifted article."""
    where = {(f.where, f.how) for f in find_markers(at_lift, [LIFT])}
    assert (LIFT_PAGE, "text") in where
    assert ("sitemap.xml.gz!gunzip", "text") in where
    assert any(w.startswith("search-index/") and "/d/" in w and h == "text" for w, h in where)
    assert any(w.startswith("search-index/") and "/t/" in w and h == "search term" for w, h in where)
    assert any(w.startswith("media/") and w.endswith("(name)") for w, _ in where)
    assert ("feed.json", "text") in where
    assert ("2026-05-n50/manifest.json", "text") in where
    assert any(w.startswith("epub/2026-05-n50.epub!EPUB/text/") and h == "text" for w, h in where)
    pictures = find_pictures(at_lift, _images("leakmarker-lift-3b8e"))["leakmarker-lift-3b8e"]
    assert any(p.startswith("epub/") for p in pictures), pictures
    assert any(p.startswith("media/") for p in pictures), pictures


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

