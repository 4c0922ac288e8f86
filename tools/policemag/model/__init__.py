"""The typed domain model: what the repository says, validated and resolved.

Everything here is immutable and free of I/O; ``policemag.content`` builds it.
"""

from policemag.model.article import Article, Image, Link
from policemag.model.comic import Balloon, BalloonKind, Comic, ComicPage, Head, Panel
from policemag.model.issue import ComicRef, Issue
from policemag.model.lang import direction_of
from policemag.model.magazine import Magazine

__all__ = [
    "Article",
    "Balloon",
    "BalloonKind",
    "Comic",
    "ComicPage",
    "ComicRef",
    "Head",
    "Image",
    "Issue",
    "Link",
    "Magazine",
    "Panel",
    "direction_of",
]
