"""Nothing unpublished leaks: the embargo fixture built at two instants, every output searched.

tests/sites/embargo (see its README) carries a unique marker in every draft and
embargoed text, image name and image EXIF. Each build is searched with
tests/support/leakscan.py: file names, bytes, zip members (EPUB), gzip payloads (sitemap),
the search index's words, decoded JSON, HTML and %-escapes, and re-encoded pictures. Positive controls
prove that each channel is actually searched: the article whose embargo lifts must be
found through all of them once it is published.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SITES, build_magazine
from tests.support.leakscan import find_markers, find_pictures

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
    # positive control: published pictures are found, so the comparison works (the
    # cover photo is no control: outputs show the designed cover, lettered over it)
    assert found.pop("published")
    found.pop("cover")
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
