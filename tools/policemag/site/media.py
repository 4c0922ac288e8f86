"""Images in pages: which files the site needs and the HTML that shows them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policemag.images.derivatives import ImageSet, picture_html
from policemag.model import Image, Magazine


def published_images(magazine: Magazine) -> list[Path]:
    """Every image a published page shows (covers, leads, inline, and each published
    comic's first panel, its picture on cards), sorted, no duplicates."""
    paths = {i.cover.path for i in magazine.issues}
    paths.update(img.path for a in magazine.articles for img in a.all_images)
    for comic in magazine.comics.values():
        if comic.pages and comic.pages[0].panels:
            paths.add(comic.pages[0].panels[0].art)
    return sorted(paths)


@dataclass(frozen=True)
class SiteMedia:
    """Responsive, content-hashed renditions (see :mod:`policemag.images.derivatives`)."""

    sets: dict[Path, ImageSet]

    def image_html(
        self, image: Image, page_path: str, *, lazy: bool, sizes: str, css_class: str = ""
    ) -> str:
        return picture_html(
            self.sets[image.path], image.alt, page_path, sizes=sizes, lazy=lazy, css_class=css_class or None
        )
