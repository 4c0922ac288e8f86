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
    ``path`` the absolute file, ``line`` where it was referenced. ``alt`` is for screen
    readers only; ``caption`` and ``credit`` are what readers see under the picture
    (front matter ``image_caption``/``image_credit``, or the Markdown image's title:
    ``![alt](x.jpg "caption © credit")``), empty when the editor gave none.
    """

    src: str
    path: Path
    alt: str
    line: int = 0
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Link:
    """A link in an article's body to something the magazine publishes, resolved.

    ``start``/``end`` delimit the destination as written in ``Article.body`` (so each
    edition can put its own URL there), ``line`` is its line in the file. ``kind`` is
    ``article``, ``issue``, ``comic`` or ``section``; ``key`` names the target
    (``<issue-id>/<slug>``, the issue's id, the comic's or the section's slug);
    ``path`` is the target's site path (:mod:`policemag.urls`) and ``fragment`` the
    ``#...`` the editor wrote, without the ``#``. ``html``: written in a raw HTML
    attribute (the new URL is escaped for it).
    """

    start: int
    end: int
    line: int
    dest: str
    kind: str
    key: str
    path: str
    fragment: str = ""
    html: bool = False

    @property
    def anchor(self) -> str:
        return f"#{self.fragment}" if self.fragment else ""




@dataclass(frozen=True)
class Article:
    """One article of an issue.

    ``uid`` is the permanent identifier the editor gave (front matter ``id``), or ""
    when none was given: outputs take :func:`policemag.ids.article_id`, which derives
    one from the issue number and the file name. It survives a retitling.
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
    #: links to other articles, issues, comics and sections (policemag.content.links)
    links: tuple[Link, ...] = ()

    def is_published(self, now: datetime) -> bool:
        """False for drafts and for articles whose embargo has not lifted at ``now``."""
        if self.draft:
            return False
        return self.embargo is None or self.embargo <= now

    @property
    def all_images(self) -> tuple[Image, ...]:
        return ((self.image,) if self.image else ()) + self.images
