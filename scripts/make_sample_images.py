"""Generate the sample magazine's and the test fixtures' images with images.synth.

Run from the repository root: ``PYTHONPATH=tools python scripts/make_sample_images.py``.
Every file is fully determined by the table below (seed, scene, size, EXIF description)
and is rewritten on each run, so the committed JPEGs can always be regenerated; a run
that changes bytes means Pillow's drawing or its JPEG encoder changed.

The embargo fixture's unpublished images carry their leak marker three ways: in the file
name, in the EXIF ImageDescription and in their pixels (a seed of their own), so that a
leak test can find them in any output, renamed or re-encoded or not.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from policemag_dev.synth import make_photo

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "issues/2026-11-n112/images"
MINIMAL = "tests/sites/minimal/issues/2026-01-n1/images"
EMBARGO = "tests/sites/embargo/issues/2026-05-n50/images"
EMBARGO_DRAFT_ISSUE = "tests/sites/embargo/issues/2026-06-n51/images"

#: EXIF tag of the image description (TIFF 0x010E).
IMAGE_DESCRIPTION = 0x010E


@dataclass(frozen=True)
class Picture:
    path: str
    seed: int
    scene: str
    size: tuple[int, int]
    description: str = ""
    quality: int = 82


PICTURES: tuple[Picture, ...] = (
    # the sample issue: covers and leads at a modest web size
    Picture(f"{SAMPLE}/cover.jpg", 112, "border", (1200, 1600)),
    Picture(f"{SAMPLE}/proximity-station.jpg", 1, "street", (1600, 1067)),
    Picture(f"{SAMPLE}/proximity-desk.jpg", 2, "office", (1200, 800)),
    Picture(f"{SAMPLE}/cyber-unit.jpg", 3, "office", (1600, 1067)),
    Picture(f"{SAMPLE}/border-post.jpg", 4, "border", (1600, 1067)),
    Picture(f"{SAMPLE}/border-road.jpg", 5, "landscape", (1200, 800)),
    Picture(f"{SAMPLE}/records-office.jpg", 6, "office", (1600, 1067)),
    Picture(f"{SAMPLE}/recruitment-day.jpg", 7, "crowd", (1600, 1067)),
    Picture(f"{SAMPLE}/honours-ceremony.jpg", 8, "crowd", (1600, 1067)),
    Picture(f"{SAMPLE}/honours-patrol.jpg", 9, "street", (1200, 800)),
    # tests/sites/minimal: tiny images
    Picture(f"{MINIMAL}/cover.jpg", 1001, "street", (64, 48)),
    Picture(f"{MINIMAL}/station.jpg", 1002, "office", (64, 48)),
    Picture(f"{MINIMAL}/frontier.jpg", 1003, "border", (64, 48)),
    # tests/sites/embargo: one image per marker, each with pixels of its own
    Picture(f"{EMBARGO}/cover.jpg", 5000, "crowd", (64, 48)),
    Picture(f"{EMBARGO}/published.jpg", 5001, "street", (64, 48), "published lead image"),
    Picture(
        f"{EMBARGO}/leakmarker-draft-7f3a.jpg", 0x7F3A, "office", (64, 48), "LEAKMARKER-DRAFT-7f3a"
    ),
    Picture(
        f"{EMBARGO}/leakmarker-embargo-91c2.jpg",
        0x91C2,
        "border",
        (64, 48),
        "LEAKMARKER-EMBARGO-91c2",
    ),
    Picture(
        f"{EMBARGO}/leakmarker-lift-3b8e.jpg", 0x3B8E, "landscape", (64, 48), "LEAKMARKER-LIFT-3b8e"
    ),
    Picture(
        f"{EMBARGO_DRAFT_ISSUE}/leakmarker-issuedraft-55d0.jpg",
        0x55D0,
        "crowd",
        (64, 48),
        "LEAKMARKER-ISSUEDRAFT-55d0",
    ),
)


def write(picture: Picture, root: Path = ROOT) -> Path:
    """Draw and save one picture as a baseline, optimised JPEG; return its path."""
    path = root / picture.path
    path.parent.mkdir(parents=True, exist_ok=True)
    image: Image.Image = make_photo(picture.seed, picture.size, picture.scene)
    exif = Image.Exif()
    if picture.description:
        exif[IMAGE_DESCRIPTION] = picture.description
    image.save(path, "JPEG", quality=picture.quality, optimize=True, exif=exif.tobytes())
    return path


def main() -> int:
    for picture in PICTURES:
        path = write(picture)
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
