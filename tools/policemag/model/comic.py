"""Comics: pages of panels with balloons whose text lives in data, per language."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    """A balloon; ``at`` and ``tail`` are relative to the panel (0..1, x from the left).

    ``by`` names the speaker (a key of :attr:`Comic.characters`): when that character's
    head is marked in the panel, the tail points at its mouth.
    """

    kind: BalloonKind
    at: tuple[float, float]
    text: dict[str, str]
    tail: tuple[float, float] | None = None
    line: int = 0
    by: str | None = None


@dataclass(frozen=True)
class Head:
    """Where a character's head is in a panel: a keep-clear box ``(left, top, right,
    bottom)`` and the ``mouth`` inside it, relative to the panel (0..1). ``who`` is a key
    of :attr:`Comic.characters` (None: someone who never speaks)."""

    box: tuple[float, float, float, float]
    mouth: tuple[float, float]
    who: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Panel:
    art: Path
    alt: dict[str, str]
    balloons: tuple[Balloon, ...] = ()
    line: int = 0
    heads: tuple[Head, ...] = ()


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
    #: who speaks: character key -> name per language (the transcript names speakers)
    characters: dict[str, dict[str, str]] = field(default_factory=dict)
