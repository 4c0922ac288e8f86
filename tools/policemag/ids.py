"""Permanent ids of what the magazine publishes: issues, articles, comic editions.

One id per thing, the same in every output: the EPUB's ``unique-identifier``, the OPDS
catalogue, the issue manifest (RWPM), the Divina manifests and the JSON Feed. They are
RFC 4151 tag URIs::

    tag:<authority>,<date>:<specific>

- ``authority`` is the host of ``site_url`` (``magazine.police.example``): the magazine
  holds that domain, so nobody else mints ids under it;
- ``date`` is :data:`TAG_DATE`, fixed forever: a day on which the magazine held the
  domain. It never follows the issue or the build, so an id never changes;
- ``specific`` names the thing by what never changes about it: an issue by its number,
  an article by its issue's number and its file name, a comic edition by the comic's
  slug and the edition's language. Characters outside RFC 3986's ``pchar`` (Arabic file
  names, spaces) are percent-encoded, so every id is a valid URI.

=================  ==========================================================
issue              ``tag:magazine.police.example,2026:issue/112``
article            ``tag:magazine.police.example,2026:issue/112/article/<slug>``
                   (or the article's front matter ``id``)
comic edition      ``tag:magazine.police.example,2026:comic/<slug>/<lang>``
=================  ==========================================================

docs/app-feed.md ("Ids") documents them for app developers; tests/golden/ids.json
freezes them. Changing a form here re-keys every reader's library: never do it.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from policemag.config import MagazineConfig
from policemag.model import Article, Comic, Issue

#: The tag date: 2026, the year the magazine published its first issue on its domain.
TAG_DATE = "2026"

#: RFC 4151's grammar (with RFC 3986's pchar), for tests and for front matter ids.
TAG_URI = re.compile(
    r"^tag:"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"|[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+)"
    r",\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
    r":(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*"
    r"(?:#(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$"
)


def authority(config: MagazineConfig) -> str:
    """The tagging authority: ``site_url``'s host, lower case, without port."""
    host = urlsplit(config.site_url).hostname
    if not host:
        raise ValueError(f"site_url {config.site_url!r} has no host: ids need one")
    return host.lower()


def tag(config: MagazineConfig, specific: str) -> str:
    """``tag:<authority>,<TAG_DATE>:<specific>``; ``specific`` is percent-encoded
    where RFC 3986's pchar does not allow a character ('/' stays)."""
    return f"tag:{authority(config)},{TAG_DATE}:{quote(specific, safe='/-._~:@!$&()*+,;=')}"


def issue_id(issue: Issue, config: MagazineConfig) -> str:
    """The issue: by its number, which never changes (its title or date may)."""
    return tag(config, f"issue/{issue.number}")


def article_id(article: Article, issue: Issue, config: MagazineConfig) -> str:
    """The article: its front matter ``id`` when the editor gave one (kept through a
    move to another issue), else from its issue's number and its file name."""
    if article.uid:
        return article.uid
    return tag(config, f"issue/{issue.number}/article/{article.slug}")


def comic_edition_id(comic: Comic, lang: str, config: MagazineConfig) -> str:
    """One lettered edition of a comic, whichever issues place it."""
    return tag(config, f"comic/{comic.slug}/{lang}")


def comic_lang(comic: Comic) -> str:
    """The comic's main edition: its own language when it was lettered in it."""
    return comic.lang if comic.lang in comic.languages else comic.languages[0]
