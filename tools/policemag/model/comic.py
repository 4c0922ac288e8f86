"""Comics: pages of panels with balloons whose text lives in data, per language."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from policemag.model.lang import Direction


class BalloonKind(StrEnum):
    CAPTION = "caption"
    SPEECH = "speech"
    THOUGHT = "thought"
    SHOUT = "shout"
    SFX = "sfx"


@dataclass(frozen=True)
class Balloon:
    """A balloon; ``at`` and ``tail`` are relative to the panel (0..1, x from the left)."""

    kind: BalloonKind
    at: tuple[float, float]
    text: dict[str, str]
    tail: tuple[float, float] | None = None
    line: int = 0


@dataclass(frozen=True)
class Panel:
    art: Path
    alt: dict[str, str]
    balloons: tuple[Balloon, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class ComicPage:
    """A page; ``layout`` is panels per row, top to bottom (None: a default grid)."""

    panels: tuple[Panel, ...]
    layout: tuple[int, ...] | None = None
    line: int = 0


@dataclass(frozen=True)
class Comic:
    slug: str
    folder: Path
    source: Path
    title: dict[str, str]
    summary: dict[str, str]
    lang: str
    dir: Direction
    languages: tuple[str, ...]
    pages: tuple[ComicPage, ...]
