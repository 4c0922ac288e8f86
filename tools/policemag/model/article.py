"""Articles and the images they carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from policemag.model.lang import Direction


@dataclass(frozen=True)
class Image:
    """A raster image used by the content, resolved inside the repository.

    ``src`` is the path as the editor wrote it (relative to the referring file),
    ``path`` the absolute file, ``line`` where it was referenced.
    """

    src: str
    path: Path
    alt: str
    line: int = 0


@dataclass(frozen=True)
class Article:
    """One article of an issue.

    ``uid`` is the permanent identifier (front matter ``id`` or derived from the issue
    number and the file name): feeds and EPUBs use it, it survives a retitling.
    ``body`` is the Markdown after the front matter; ``body_line`` the line it starts on.
    """

    uid: str
    slug: str
    issue_id: str
    source: Path
    title: str
    section: str
    summary: str
    lang: str
    dir: Direction
    body: str
    body_line: int
    authors: tuple[str, ...] = ()
    image: Image | None = None
    images: tuple[Image, ...] = field(default=())
    embargo: datetime | None = None
    draft: bool = False
    privacy_ok: tuple[str, ...] = ()  # privacy lint kinds the editor allowed (content.privacy)

    def is_published(self, now: datetime) -> bool:
        """False for drafts and for articles whose embargo has not lifted at ``now``."""
        if self.draft:
            return False
        return self.embargo is None or self.embargo <= now

    @property
    def all_images(self) -> tuple[Image, ...]:
        return ((self.image,) if self.image else ()) + self.images
