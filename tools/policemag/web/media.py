"""Images in pages: which files the site needs and the HTML that shows them."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image as PILImage

from policemag import urls
from policemag.model import Image, Magazine
from policemag.web.pages import esc


def published_images(magazine: Magazine) -> list[Path]:
    """Every image a published page shows (covers, leads, inline), sorted, no duplicates."""
    paths = {i.cover.path for i in magazine.issues}
    paths.update(img.path for a in magazine.articles for img in a.all_images)
    return sorted(paths)


@dataclass
class SiteMedia:
    """Original images under content-hashed names (``media/<hash>/<name>``)."""

    files: dict[Path, tuple[str, int, int]] = field(default_factory=dict)

    @classmethod
    def plan(cls, paths: list[Path]) -> SiteMedia:
        media = cls()
        for path in paths:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            with PILImage.open(path) as im:
                w, h = im.size
            media.files[path] = (f"media/{digest}/{path.name}", w, h)
        return media

    def image_html(self, image: Image, page_path: str, *, lazy: bool, css_class: str = "") -> str:
        site_path, w, h = self.files[image.path]
        cls = f' class="{css_class}"' if css_class else ""
        loading = ' loading="lazy" decoding="async"' if lazy else ' fetchpriority="high"'
        return (
            f'<img src="{urls.relative(page_path, site_path)}" alt="{esc(image.alt)}"'
            f' width="{w}" height="{h}"{loading}{cls}>'
        )

    def write(self, site_dir: Path) -> list[str]:
        written = []
        for source, (site_path, _, _) in sorted(self.files.items()):
            target = site_dir / site_path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written.append(site_path)
        return sorted(written)
