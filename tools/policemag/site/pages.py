"""The Markdown of every generated page: home, issues, articles, archive, sections.

Pure functions of the published magazine; the MkDocs adapter turns each
:class:`PageSource` into a virtual file. Pages are Markdown with raw HTML blocks so
that MkDocs still renders article bodies (toc, typography) the usual way.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import yaml

from policemag import urls
from policemag.comics import LetteredComic, render_comic_html
from policemag.config import MagazineConfig
from policemag.content.body import MD_IMAGE
from policemag.content.links import rewrite_links, web_url
from policemag.i18n import Words
from policemag.model import Article, ComicRef, Image, Issue, Magazine, direction_of
from policemag.search import SEARCH_SCRIPT
from policemag.titles import headline, issue_title


class Media(Protocol):
    """How images appear in pages (responsive sets, hashed names) and where EPUBs are."""

    def image_html(
        self, image: Image, page_path: str, *, lazy: bool, sizes: str, css_class: str = ""
    ) -> str: ...


#: ``sizes`` of an image in the text column (lead, inline figures)
BODY_SIZES = "(max-width: 60rem) 100vw, 45rem"
#: ``sizes`` of a cover or a card thumbnail: full width on a phone, 16rem beside text
THUMB_SIZES = "(max-width: 45em) 100vw, 16rem"


@dataclass(frozen=True)
class PageSource:
    """A page to generate: its site path (``urls``), source URI and Markdown text."""

    path: str
    src_uri: str
    markdown: str
    lang: str
    dir: str


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _front(title: str, lang: str, direction: str, **extra: object) -> str:
    meta = {"title": title, "lang": lang, "dir": direction, **{k: v for k, v in extra.items() if v is not None}}
    # libyaml's emitter when present: 2,000 articles' front matter in 0.1 s, not 1.5 s
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True) + "---\n\n"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _md_title(text: str) -> str:
    """A Markdown heading text with Markdown's specials escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#+!|])", r"\\\1", text)


def src_uri(path: str) -> str:
    """Virtual source file for a site path: ``a/b/`` -> ``a/b.md``, ``""`` -> ``index.md``."""
    return f"{path.rstrip('/')}.md" if path else "index.md"


def build_pages(magazine: Magazine, config: MagazineConfig, media: Media) -> list[PageSource]:
    """Every page of the web edition, sorted by path."""
    pages = [render_home(magazine, config, media), render_archive(magazine, config, media)]
    for issue in magazine.issues:
        pages.append(render_issue(issue, config, media))
        pages.extend(render_article(a, issue, config, media) for a in issue.articles)
    for name, arts in magazine.sections().items():
        pages.extend(render_section(name, arts, magazine, config))
    pages.append(render_search(config))
    return sorted(pages, key=lambda p: p.path)


def _page(path: str, title: str, lang: str, direction: str, body: str, **meta: object) -> PageSource:
    return PageSource(path, src_uri(path), _front(title, lang, direction, **meta) + body, lang, direction)


def _contents_cards(issue: Issue, page: str, config: MagazineConfig, media: Media) -> str:
    words = config.words
    items = []
    for n, entry in enumerate(issue.contents):
        if isinstance(entry, ComicRef):
            comic = entry.comic
            lang = issue.lang if issue.lang in comic.languages else comic.languages[0]
            href = urls.relative(page, urls.comic_page(comic, lang))
            items.append(
                f'<li class="pm-card pm-card--comic"><a href="{href}">'
                f'<span class="pm-card__kicker">{esc(words.t(issue.lang, "comic"))}</span>'
                f'<span class="pm-card__title">{esc(comic.title.get(lang, ""))}</span></a>'
                f'<p class="pm-card__summary">{esc(comic.summary.get(lang, ""))}</p></li>'
            )
            continue
        a = entry
        thumb = (
            media.image_html(a.image, page, lazy=n > 1, sizes=THUMB_SIZES, css_class="pm-card__image") if a.image else ""
        )
        items.append(
            f'<li class="pm-card" lang="{a.lang}" dir="{a.dir}">{thumb}'
            f'<a href="{urls.relative(page, urls.article_page(a))}">'
            f'<span class="pm-card__kicker">{esc(config.section_label(a.section, a.lang))}</span>'
            f'<span class="pm-card__title">{esc(a.title)}</span></a>'
            f'<p class="pm-card__summary">{esc(a.summary)}</p></li>'
        )
    return '<ol class="pm-cards">\n' + "\n".join(items) + "\n</ol>\n"


def _issue_head(issue: Issue, page: str, config: MagazineConfig, media: Media, *, link_title: bool) -> str:
    lang, words = issue.lang, config.words
    title = esc(headline(issue, words))  # the number is printed just above
    if link_title:
        title = f'<a href="{urls.relative(page, urls.issue_page(issue))}">{title}</a>'
    theme = (
        f'<p class="pm-issue__theme"><span>{esc(words.t(lang, "theme"))}:</span> {esc(issue.theme)}</p>'
        if issue.theme
        else ""
    )
    epub = urls.relative(page, urls.epub_file(issue))
    return (
        '<section class="pm-issue">\n'
        f'<div class="pm-issue__cover">{media.image_html(issue.cover, page, lazy=False, sizes=THUMB_SIZES, css_class="pm-cover")}</div>\n'
        '<div class="pm-issue__meta">\n'
        f'<p class="pm-issue__number">{esc(words.t(lang, "issue"))} {issue.number} · '
        f'<time datetime="{issue.date.isoformat()}">{esc(words.date(issue.date, lang))}</time></p>\n'
        f'<h2 class="pm-issue__title">{title}</h2>\n{theme}\n'
        f'<p><a class="md-button" href="{epub}" type="application/epub+zip" download>{esc(words.t(lang, "epub"))}</a></p>\n'
        "</div>\n</section>\n"
    )


def render_home(magazine: Magazine, config: MagazineConfig, media: Media) -> PageSource:
    """The home: the latest issue with its cover, theme and contents, then older issues."""
    page = urls.HOME
    lang, direction, words = config.lang, "rtl", config.words
    latest = magazine.latest
    body = [f"# {_md_title(config.title)}\n"]
    if latest:
        body.append(f'<p class="pm-kicker">{esc(words.t(lang, "latest"))}</p>\n')
        body.append(_issue_head(latest, page, config, media, link_title=True))
        body.append(f'<h2>{esc(words.t(lang, "contents"))}</h2>\n')
        body.append(_contents_cards(latest, page, config, media))
    older = magazine.issues[1:7]
    if older:
        body.append(f'<h2>{esc(words.t(lang, "all_issues"))}</h2>\n<ul class="pm-issue-list">\n')
        body.extend(_issue_item(i, page, words) for i in older)
        body.append(f'</ul>\n<p><a href="{urls.relative(page, urls.ARCHIVE)}">{esc(words.t(lang, "archive"))}</a></p>\n')
    return _page(page, config.title, lang, direction, "\n".join(body), search=False, pm_kind="home", hide=["toc"])


def _issue_item(issue: Issue, page: str, words: Words) -> str:
    return (
        f'<li><a href="{urls.relative(page, urls.issue_page(issue))}">'
        f"{esc(issue_title(issue, words))}</a> · "
        f'<time datetime="{issue.date.isoformat()}">{esc(words.date(issue.date, issue.lang))}</time></li>\n'
    )


def render_issue(issue: Issue, config: MagazineConfig, media: Media) -> PageSource:
    """One issue: cover, number, date, theme, EPUB link and contents in reading order."""
    page, words = urls.issue_page(issue), config.words
    title = issue_title(issue, words)  # "العدد N: <headline>": the number once
    body = (
        f"# {_md_title(title)}\n\n"
        + _issue_head(issue, page, config, media, link_title=False)
        + f'\n<h2>{esc(words.t(issue.lang, "contents"))}</h2>\n'
        + _contents_cards(issue, page, config, media)
    )
    return _page(page, title, issue.lang, issue.dir, body, search=False, pm_kind="issue", hide=["toc"],
                 description=issue.theme or headline(issue, words))


def render_article_body(article: Article, page: str, media: Media) -> str:
    """The article's Markdown with each image replaced by its responsive HTML."""
    by_src = {img.src: img for img in article.images}
    out = []
    # links to articles, issues, comics and sections: relative URLs from this page
    for line in rewrite_links(article, web_url(page)).body.splitlines():
        stripped = line.strip()
        whole = MD_IMAGE.fullmatch(stripped)
        if whole and whole.group("src") in by_src:
            img = by_src[whole.group("src")]
            out.append(
                f'<figure class="pm-figure">{media.image_html(img, page, lazy=True, sizes=BODY_SIZES)}'
                f"<figcaption>{esc(img.alt)}</figcaption></figure>"
            )
            continue

        def inline(m: re.Match[str]) -> str:
            img = by_src.get(m.group("src"))
            return media.image_html(img, page, lazy=True, sizes=BODY_SIZES) if img else m.group(0)

        out.append(MD_IMAGE.sub(inline, line))
    return "\n".join(out) + "\n"


def render_article(article: Article, issue: Issue, config: MagazineConfig, media: Media) -> PageSource:
    """One article: kicker (section, issue), title, authors, lead image, body."""
    page = urls.article_page(article)
    lang, words = article.lang, config.words
    kicker = (
        f'<p class="pm-kicker"><a href="{urls.relative(page, urls.section_page(article.section))}">'
        f"{esc(config.section_label(article.section, lang))}</a> · "
        f'<a href="{urls.relative(page, urls.issue_page(issue))}">{esc(words.t(lang, "issue"))} {issue.number}</a> · '
        f'<time datetime="{issue.date.isoformat()}">{esc(words.date(issue.date, lang))}</time></p>\n'
    )
    byline = (
        f'<p class="pm-byline">{esc(words.t(lang, "by"))}: {esc("، ".join(article.authors) if article.dir == "rtl" else ", ".join(article.authors))}</p>\n'
        if article.authors
        else ""
    )
    lead = (
        f'<figure class="pm-lead">{media.image_html(article.image, page, lazy=False, sizes=BODY_SIZES)}'
        f"<figcaption>{esc(article.image.alt)}</figcaption></figure>\n"
        if article.image
        else ""
    )
    body = (
        kicker
        + f"\n# {_md_title(article.title)}\n\n"
        + f'<p class="pm-summary">{esc(article.summary)}</p>\n'
        + byline
        + lead
        + "\n"
        + render_article_body(article, page, media)
    )
    return _page(page, article.title, lang, article.dir, body, description=article.summary,
                 pm_kind="article", section=article.section)


def render_archive(magazine: Magazine, config: MagazineConfig, media: Media) -> PageSource:
    """All issues by year, newest first."""
    page = urls.ARCHIVE
    lang, words = config.lang, config.words
    body = [f"# {_md_title(words.t(lang, 'archive'))}\n"]
    for year, issues in _by_year(magazine):
        body.append(f'<h2 id="y{year}">{year}</h2>\n<ul class="pm-issue-list">\n')
        body.extend(_issue_item(i, page, words) for i in issues)
        body.append("</ul>\n")
    return _page(page, words.t(lang, "archive"), lang, "rtl", "\n".join(body), search=False, pm_kind="archive")


def _by_year(magazine: Magazine) -> Iterator[tuple[int, list[Issue]]]:
    years: dict[int, list[Issue]] = {}
    for issue in magazine.issues:
        years.setdefault(issue.date.year, []).append(issue)
    for year in sorted(years, reverse=True):
        yield year, years[year]


#: Articles per section page: a section page stays the same size (about 35 KB of HTML)
#: however large the archive grows; older articles are on the next pages.
SECTION_PAGE_SIZE = 50


def render_section(
    section: str, articles: tuple[Article, ...], magazine: Magazine, config: MagazineConfig
) -> list[PageSource]:
    """A section's articles, newest issue first, :data:`SECTION_PAGE_SIZE` a page,
    with links to the newer and older pages."""
    lang, words = config.lang, config.words
    label = config.section_label(section, lang)
    numbers = {i.id: i for i in magazine.issues}
    chunks = [articles[i : i + SECTION_PAGE_SIZE] for i in range(0, len(articles), SECTION_PAGE_SIZE)] or [()]
    out = []
    for n, chunk in enumerate(chunks, start=1):
        page = urls.section_page(section, n)
        items = []
        for a in chunk:
            issue = numbers[a.issue_id]
            items.append(
                f'<li lang="{a.lang}" dir="{a.dir}"><a href="{urls.relative(page, urls.article_page(a))}">{esc(a.title)}</a>'
                f' <span class="pm-meta">· {esc(words.t(a.lang, "issue"))} {issue.number}</span>'
                f'<p class="pm-card__summary">{esc(a.summary)}</p></li>\n'
            )
        links = []
        if n > 1:
            links.append(f'<a rel="prev" href="{urls.relative(page, urls.section_page(section, n - 1))}">{esc(words.t(lang, "newer"))}</a>')
        if n < len(chunks):
            links.append(f'<a rel="next" href="{urls.relative(page, urls.section_page(section, n + 1))}">{esc(words.t(lang, "older"))}</a>')
        pager = f'<nav class="pm-pager" aria-label="{esc(label)}">{" · ".join(links)}</nav>\n' if links else ""
        title = label if n == 1 else f"{label} ({words.t(lang, 'page')} {n})"
        body = f"# {_md_title(title)}\n\n<ul class=\"pm-section-list\">\n" + "".join(items) + "</ul>\n" + pager
        out.append(_page(page, title, lang, "rtl", body, search=False, pm_kind="section"))
    return out


def render_comic_pages(
    magazine: Magazine, comics: dict[str, LetteredComic], config: MagazineConfig
) -> list[PageSource]:
    """One page per comic and language: lettered pages, a language switch, a transcript."""
    pages = []
    for slug in sorted(comics):
        lettered = comics[slug]
        comic = lettered.comic
        for lang in comic.languages:
            page = urls.comic_page(comic, lang)
            body = render_comic_html(
                lettered, lang, page, functools.partial(urls.relative, page), config.words
            )
            pages.append(
                _page(page, comic.title[lang], lang, direction_of(lang), body,
                      description=comic.summary[lang], pm_kind="comic", hide=["toc"])
            )
    return pages


def render_search(config: MagazineConfig) -> PageSource:
    """The search page: a form, a live status line and the results list, run by
    ``search.js`` (loaded only here) over the index in site/search/."""
    page = urls.SEARCH
    lang, words = config.lang, config.words
    script = urls.relative(page, SEARCH_SCRIPT)
    strings = " ".join(
        f'data-{key}="{esc(words.t(lang, "search_" + key))}"' for key in ("count", "none", "failed")
    )
    body = (
        f"# {_md_title(words.t(lang, 'search'))}\n\n"
        f'<form class="pm-search" role="search" action="./" method="get" data-root="{urls.relative(page, "")}"'
        f' data-index="{urls.relative(page, urls.SEARCH_INDEX)}" {strings}>\n'
        f'<label for="pm-search-q">{esc(words.t(lang, "search_label"))}</label>\n'
        f'<div class="pm-search__row"><input id="pm-search-q" name="q" type="search" dir="auto"'
        f' autocomplete="off" enterkeyhint="search">'
        f'<button type="submit" class="md-button md-button--primary">{esc(words.t(lang, "search_go"))}</button></div>\n'
        "</form>\n"
        '<p id="pm-search-status" class="pm-search__status" role="status" aria-live="polite"></p>\n'
        '<ol id="pm-search-results" class="pm-search__results"></ol>\n'
        f'<button id="pm-search-more" type="button" class="md-button" hidden>{esc(words.t(lang, "search_more"))}</button>\n'
        f'<noscript><p>{esc(words.t(lang, "search_noscript"))}</p></noscript>\n'
        f'<script src="{script}" defer></script>\n'
    )
    return _page(page, words.t(lang, "search"), lang, "rtl", body, search=False, pm_kind="search", hide=["toc"])
