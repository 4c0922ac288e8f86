"""Issues: numbered, dated, with contents in reading order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from policemag.model.article import Article, Image
from policemag.model.comic import Comic
from policemag.model.lang import Direction


@dataclass(frozen=True)
class ComicRef:
    """A comic placed in an issue's contents."""

    comic: Comic
    line: int = 0

    @property
    def slug(self) -> str:
        return self.comic.slug


ContentsItem = Article | ComicRef


@dataclass(frozen=True)
class Issue:
    """One issue. ``id`` is its folder name under issues/ and part of every URL."""

    id: str
    number: int
    date: date
    title: str
    lang: str
    dir: Direction
    cover: Image
    folder: Path
    source: Path
    contents: tuple[ContentsItem, ...]
    theme: str | None = None
    embargo: datetime | None = None
    draft: bool = False
    privacy_ok: tuple[str, ...] = ()  # privacy lint kinds the editor allowed (content.privacy)

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(c for c in self.contents if isinstance(c, Article))

    @property
    def comics(self) -> tuple[Comic, ...]:
        return tuple(c.comic for c in self.contents if isinstance(c, ComicRef))

    def is_published(self, now: datetime) -> bool:
        if self.draft:
            return False
        return self.embargo is None or self.embargo <= now

    def published(self, now: datetime) -> Issue:
        """This issue without the articles that are drafts or still under embargo."""
        kept = tuple(
            c for c in self.contents if not isinstance(c, Article) or c.is_published(now)
        )
        return replace(self, contents=kept)
