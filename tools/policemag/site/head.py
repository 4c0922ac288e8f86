"""What a page tells the apps it is shared to and the search engines that index it:
Open Graph and Twitter card tags, and schema.org JSON-LD.

Every page gets ``og:title``, ``og:description``, ``og:url``, ``og:image`` (its share
image, 1200x630, :mod:`policemag.site.share`), ``og:locale`` and a
``summary_large_image`` Twitter card. Structured data:

- an article: ``NewsArticle`` (headline, description, image, datePublished,
  dateModified, author, inLanguage, publisher, articleSection) ``isPartOf`` its
  ``PublicationIssue``, itself ``isPartOf`` the ``Periodical``;
- an issue: ``PublicationIssue`` with its number, date, cover and contents (``hasPart``);
- a comic edition: ``ComicStory`` in its issue;
- the home: the ``Periodical`` and the ``WebSite`` with its search (``SearchAction``).

Dates are the issue's publication date (content, never the clock). JSON is written by
``json.dumps`` with ``<``, ``>`` and ``&`` escaped, so no value can close the script
element; tag values are HTML-escaped.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from policemag import urls
from policemag.config import MagazineConfig
from policemag.i18n import primary
from policemag.model import Article, Comic, Issue
from policemag.titles import headline, issue_label, issue_title, magazine_title

#: og:locale of each language we publish in (Morocco: the magazine's country).
LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en_GB"}
SHARE_WIDTH, SHARE_HEIGHT = 1200, 630


@dataclass(frozen=True)
class ShareRef:
    """A page's share image as the head names it: site path, size and alt text."""

    path: str
    alt: str
    width: int = SHARE_WIDTH
    height: int = SHARE_HEIGHT


@dataclass(frozen=True)
class Head:
    """What the ``<head>`` of one page says about it."""

    page: str
    title: str
    description: str
    lang: str
    kind: str  # og:type: article or website
    image: ShareRef | None
    data: tuple[dict[str, Any], ...] = ()
    published: str = ""  # ISO date (article:published_time)
    section: str = ""


def _locale(lang: str) -> str:
    return LOCALES.get(primary(lang), primary(lang))


def render_head(head: Head, config: MagazineConfig) -> str:
    """The ``<meta>`` tags and JSON-LD scripts of one page, as HTML."""
    e = html.escape
    url = config.url(head.page)
    site_name = config.title
    rows = [
        ("property", "og:type", head.kind),
        ("property", "og:site_name", site_name),
        ("property", "og:title", head.title),
        ("property", "og:description", head.description),
        ("property", "og:url", url),
        ("property", "og:locale", _locale(head.lang)),
    ]
    for other in ("ar", "fr"):
        if other != primary(head.lang):
            rows.append(("property", "og:locale:alternate", _locale(other)))
    if head.image:
        rows += [
            ("property", "og:image", config.url(head.image.path)),
            ("property", "og:image:type", "image/jpeg"),
            ("property", "og:image:width", str(head.image.width)),
            ("property", "og:image:height", str(head.image.height)),
            ("property", "og:image:alt", head.image.alt),
        ]
    if head.kind == "article":
        if head.published:
            rows.append(("property", "article:published_time", head.published))
        if head.section:
            rows.append(("property", "article:section", head.section))
    rows += [
        ("name", "twitter:card", "summary_large_image" if head.image else "summary"),
        ("name", "twitter:title", head.title),
        ("name", "twitter:description", head.description),
    ]
    if head.image:
        rows += [
            ("name", "twitter:image", config.url(head.image.path)),
            ("name", "twitter:image:alt", head.image.alt),
        ]
    account = x_account(config)
    if account:
        rows.append(("name", "twitter:site", account))
    out = [f'<meta {attr}="{e(key)}" content="{e(value)}">' for attr, key, value in rows if value]
    for block in head.data:
        out.append(f'<script type="application/ld+json">{json_ld(block)}</script>')
    return "\n".join(out) + "\n"


def x_account(config: MagazineConfig) -> str:
    """The magazine's X (Twitter) account as ``@name``, from its footer's social accounts.

    >>> from pathlib import Path
    >>> from policemag.config import config_from_site
    >>> x_account(config_from_site(Path("."), {}, {"footer": {"social": [{"name": "X", "url": "https://x.com/police_ma"}]}}))
    '@police_ma'
    """
    for account in config.footer.social:
        host, _, path = account.url.removeprefix("https://").partition("/")
        name = path.strip("/").split("/")[0]
        if host in ("x.com", "www.x.com", "twitter.com", "www.twitter.com") and name:
            return "@" + name
    return ""


def json_ld(data: Mapping[str, Any]) -> str:
    """``data`` as JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` as escapes.

    >>> json_ld({"headline": "</script><script>alert(1)</script>"})
    '{"headline": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(dict(data), ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# -- schema.org ----------------------------------------------------------------------


def publisher(config: MagazineConfig, logo: str | None) -> dict[str, Any]:
    """The magazine's publisher as an Organization (from the footer settings)."""
    name = config.footer.text("publisher", config.lang) or config.title
    org: dict[str, Any] = {"@type": "Organization", "name": name, "url": config.url("")}
    if logo:
        org["logo"] = {"@type": "ImageObject", "url": config.url(logo)}
    return org


def periodical(config: MagazineConfig, logo: str | None) -> dict[str, Any]:
    return {
        "@type": "Periodical",
        "@id": config.url("") + "#periodical",
        "name": config.title,
        "alternateName": config.title_fr,
        "url": config.url(""),
        "inLanguage": [config.lang, "fr"] if primary(config.lang) != "fr" else [config.lang],
        "publisher": publisher(config, logo),
    }


def publication_issue(issue: Issue, config: MagazineConfig, logo: str | None) -> dict[str, Any]:
    words = config.words
    return {
        "@type": "PublicationIssue",
        "@id": config.url(urls.issue_page(issue)) + "#issue",
        "issueNumber": str(issue.number),
        "name": issue_title(issue, words),
        "datePublished": issue.date.isoformat(),
        "url": config.url(urls.issue_page(issue)),
        "inLanguage": issue.lang,
        "isPartOf": periodical(config, logo),
    }


def _images(*paths: str | None, config: MagazineConfig) -> list[str]:
    return [config.url(p) for p in paths if p]


def article_data(
    article: Article,
    issue: Issue,
    config: MagazineConfig,
    *,
    image: str | None,
    lead: str | None,
    logo: str | None,
) -> dict[str, Any]:
    """The article's ``NewsArticle``."""
    words = config.words
    authors: list[dict[str, Any]] = [{"@type": "Person", "name": a} for a in article.authors] or [
        {"@type": "Organization", "name": words.t(article.lang, "editorial_team", magazine=magazine_title(article.lang, config))}
    ]
    day = issue.date.isoformat()
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": config.url(urls.article_page(article)) + "#article",
        "mainEntityOfPage": config.url(urls.article_page(article)),
        "url": config.url(urls.article_page(article)),
        "headline": article.title,
        "description": article.summary,
        "image": _images(image, lead, config=config),
        "datePublished": day,
        "dateModified": day,
        "author": authors,
        "inLanguage": article.lang,
        "articleSection": config.section_label(article.section, article.lang),
        "publisher": publisher(config, logo),
        "isPartOf": publication_issue(issue, config, logo),
    }


def issue_data(
    issue: Issue, config: MagazineConfig, *, image: str | None, cover: str | None, logo: str | None,
    parts: Sequence[tuple[str, str, str]] = (),
) -> dict[str, Any]:
    """The issue's ``PublicationIssue``; ``parts`` are (type, name, site path)."""
    data = {"@context": "https://schema.org", **publication_issue(issue, config, logo)}
    data["headline"] = headline(issue, config.words) or issue_label(issue, config.words)
    if issue.theme:
        data["about"] = issue.theme
    data["image"] = _images(image, cover, config=config)
    data["hasPart"] = [{"@type": kind, "name": name, "url": config.url(path)} for kind, name, path in parts]
    return data


def comic_data(
    comic: Comic, lang: str, issue: Issue | None, config: MagazineConfig, *, image: str | None, logo: str | None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ComicStory",
        "@id": config.url(urls.comic_page(comic, lang)) + "#comic",
        "name": comic.title[lang],
        "headline": comic.title[lang],
        "description": comic.summary[lang],
        "url": config.url(urls.comic_page(comic, lang)),
        "inLanguage": lang,
        "image": _images(image, config=config),
        "publisher": publisher(config, logo),
    }
    if issue is not None:
        data["datePublished"] = issue.date.isoformat()
        data["isPartOf"] = publication_issue(issue, config, logo)
    return data


def home_data(config: MagazineConfig, *, logo: str | None, search: bool) -> tuple[dict[str, Any], ...]:
    """The ``Periodical`` and the ``WebSite`` (with its search when the site has one)."""
    site: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config.title,
        "alternateName": config.title_fr,
        "url": config.url(""),
        "inLanguage": config.lang,
        "publisher": publisher(config, logo),
    }
    if search:
        site["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": config.url(urls.SEARCH) + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        }
    return ({"@context": "https://schema.org", **periodical(config, logo)}, site)
