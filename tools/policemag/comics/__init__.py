"""Comic pages laid out and lettered by the build (Pillow + raqm), in every language.

The web, EPUB and feed writers call exactly these: :func:`letter_comic`,
:func:`transcript`, :func:`render_comic_html`, :func:`write_comic_assets`.
Nothing here imports MkDocs.
"""

from policemag.comics.html import render_comic_html, write_comic_assets
from policemag.comics.pages import LetteredComic, LetteredPage, letter_comic
from policemag.comics.transcript import (
    TranscriptBalloon,
    TranscriptPage,
    TranscriptPanel,
    transcript,
)

__all__ = [
    "LetteredComic",
    "LetteredPage",
    "TranscriptBalloon",
    "TranscriptPage",
    "TranscriptPanel",
    "letter_comic",
    "render_comic_html",
    "transcript",
    "write_comic_assets",
]
