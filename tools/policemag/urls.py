"""Where every page and file lives in site/: one place, shared by all writers.

Paths are relative to the site root, use '/' and end with '/' for pages (served as
``index.html``). Absolute URLs come from :meth:`MagazineConfig.url`.
"""

from __future__ import annotations

from policemag.model import Article, Comic, Issue

HOME = ""
ARCHIVE = "archive/"
SEARCH = "search/"
#: The search index's folder (policemag.search.index)
SEARCH_INDEX = "search-index/"
#: The unpacked books' folder (:func:`book_dir`).
BOOKS = "books/"
FEED = "feed.json"
OPDS = "opds.json"
#: The app developers' guide (docs/app-feed.md), when the magazine publishes it
DEVELOPERS = "developers/"


def issue_page(issue: Issue) -> str:
    return f"{issue.id}/"


def article_page(article: Article) -> str:
    return f"{article.issue_id}/{article.slug}/"


def comic_page(comic: Comic, lang: str) -> str:
    """The comic's page in ``lang``; its first language is the default edition."""
    base = f"comics/{comic.slug}/"
    return base if lang == comic.languages[0] else f"{base}{lang}/"


def section_page(section: str, number: int = 1) -> str:
    """Page ``number`` (1-based) of a section's list: ``sections/news/``, ``sections/news/2/``."""
    return f"sections/{section}/" if number == 1 else f"sections/{section}/{number}/"


def epub_file(issue: Issue) -> str:
    return f"epub/{issue.id}.epub"


def book_dir(issue: Issue) -> str:
    """The issue's EPUB unpacked (its ``EPUB/`` folder): the documents the issue
    manifest's ``readingOrder`` points at, with their stylesheet, fonts and images."""
    return f"{BOOKS}{issue.id}/"


def manifest_file(issue: Issue) -> str:
    return f"{issue.id}/manifest.json"


def feed_page(number: int) -> str:
    """JSON Feed page ``number`` (1-based): ``feed.json``, then ``feed-2.json``, ..."""
    return FEED if number == 1 else f"feed-{number}.json"


def opds_page(number: int) -> str:
    """OPDS catalogue page ``number`` (1-based): ``opds.json``, then ``opds-2.json``, ..."""
    return OPDS if number == 1 else f"opds-{number}.json"


def divina_file(comic: Comic, lang: str) -> str:
    """The Divina manifest of a comic's edition in ``lang``."""
    return f"comics/{comic.slug}/{lang}/manifest.json"


def page_file(page_path: str) -> str:
    """The HTML file of a page path: ``"a/b/"`` -> ``"a/b/index.html"``."""
    return f"{page_path}index.html"


def relative(from_page: str, to_path: str) -> str:
    """Relative URL from the page at ``from_page`` to ``to_path`` (both site paths).

    >>> relative("2026-11-n112/news/", "2026-11-n112/")
    '../../2026-11-n112/'
    >>> relative("", "archive/")
    'archive/'
    >>> relative("a/b/", "media/x.webp")
    '../../media/x.webp'
    """
    depth = from_page.count("/")
    return "../" * depth + to_path if to_path or depth else "./"
