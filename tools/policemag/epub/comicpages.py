"""Comics in the EPUB: which edition, which page files, and the transcript.

The lettering itself is ``policemag.comics``' job; this module only picks, per comic,
the edition in the book's language and turns the comics package's transcript into
the plain records :mod:`policemag.epub.documents` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policemag.config import MagazineConfig
from policemag.epub.documents import TranscriptPage, TranscriptPanel
from policemag.errors import ErrorLog
from policemag.i18n import Words
from policemag.model import Comic


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
    error: raise ``ContentErrors`` rather than ship a book without it."""
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
            raise RuntimeError(f"letter_comic returned nothing and logged no error for {lost}")
    return out


def transcript_pages(comic: Comic, lang: str, words: Words) -> list[TranscriptPage]:
    """Per page, each panel's alt and balloon texts in reading order, in ``lang``:
    ``policemag.comics.transcript``, the same order the web edition shows."""
    from policemag.comics import transcript

    return [
        TranscriptPage(
            tp.number,
            tuple(
                TranscriptPanel(panel.alt, tuple((b.kind, b.label, b.text) for b in panel.balloons))
                for panel in tp.panels
            ),
        )
        for tp in transcript(comic, lang, words)
    ]
