"""Comics in the EPUB: which edition, which page files, and the transcript.

The lettering itself is ``policemag.comics``' job; this module only picks, per comic,
the edition in the book's language and turns the comics package's transcript into
the plain records :mod:`policemag.epub.documents` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from policemag.config import MagazineConfig
from policemag.epub.documents import TranscriptPage, TranscriptPanel
from policemag.errors import ContentErrors, ErrorLog
from policemag.model import Comic


class PageLike(Protocol):
    """What we need of ``policemag.comics.LetteredPage``."""

    jpeg: Path
    width: int
    height: int
    alt: str
    number: int


class LetteredLike(Protocol):
    """What we need of ``policemag.comics.LetteredComic``."""

    pages: Mapping[str, tuple[Any, ...]]


def edition_lang(comic: Comic, book_lang: str) -> str:
    """The comic edition for a book in ``book_lang``: the same language when the comic
    was lettered in it (primary subtags compared), else the comic's first language."""
    primary = book_lang.split("-")[0].lower()
    for lang in comic.languages:
        if lang == book_lang:
            return lang
    for lang in comic.languages:
        if lang.split("-")[0].lower() == primary:
            return lang
    return comic.languages[0]


def letter_all(
    comics: tuple[Comic, ...], config: MagazineConfig, given: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Lettered comics by slug: from ``given`` when the caller has them, else lettered
    now (cached by the comics package). A comic that cannot be lettered is a content
    error: raise :class:`ContentErrors` rather than ship a book without it."""
    out: dict[str, Any] = {}
    missing = [c for c in comics if not given or c.slug not in given]
    if given:
        out.update({c.slug: given[c.slug] for c in comics if c.slug in given})
    if missing:
        from policemag.comics import letter_comic

        log = ErrorLog(config.root)
        for comic in missing:
            lettered = letter_comic(comic, config, log)
            if lettered is not None:
                out[comic.slug] = lettered
        log.raise_if_errors()
        lost = [c.slug for c in missing if c.slug not in out]
        if lost:
            raise ContentErrors([])  # pragma: no cover - letter_comic logs why
    return out


def transcript_pages(comic: Comic, lang: str) -> list[TranscriptPage]:
    """Per page, each panel's alt and balloon texts in reading order, in ``lang``.

    Uses ``policemag.comics.transcript`` (the reading order the web edition shows) when
    that package is present, else the panels in the order comic.yml lists them.
    """
    try:
        from policemag.comics import transcript
    except ImportError:
        return _from_model(comic, lang)
    return [_convert(n, tp) for n, tp in enumerate(transcript(comic, lang), 1)]


def _convert(n: int, tp: Any) -> TranscriptPage:
    panels = []
    for panel in tp.panels:
        texts = tuple(
            (str(getattr(b, "kind", "speech")).removeprefix("BalloonKind.").lower(), b.text)
            if not isinstance(b, str)
            else ("speech", b)
            for b in getattr(panel, "balloons", getattr(panel, "texts", ()))
        )
        panels.append(TranscriptPanel(panel.alt, texts))
    return TranscriptPage(getattr(tp, "number", n), tuple(panels))


def _from_model(comic: Comic, lang: str) -> list[TranscriptPage]:
    return [
        TranscriptPage(
            n,
            tuple(
                TranscriptPanel(
                    panel.alt[lang],
                    tuple((b.kind.value, b.text[lang]) for b in panel.balloons),
                )
                for panel in page.panels
            ),
        )
        for n, page in enumerate(comic.pages, 1)
    ]
