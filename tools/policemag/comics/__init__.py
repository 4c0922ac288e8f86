"""Comic pages laid out and lettered by the build (Pillow + raqm), in every language.

The web, EPUB and feed writers call exactly these: :func:`letter_comic`,
:func:`transcript`, :func:`render_comic_html`, :func:`write_comic_assets` (and the
benchmark :func:`bench_lettering`). Nothing here imports MkDocs.
"""

from policemag.comics.html import render_comic_html, write_comic_assets
from policemag.comics.pages import LetteredComic, LetteredPage, bench_lettering, letter_comic
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
    "bench_lettering",
    "letter_comic",
    "render_comic_html",
    "transcript",
    "write_comic_assets",
]
