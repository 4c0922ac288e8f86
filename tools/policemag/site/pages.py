"""The Markdown of every generated page: home, issues, articles, archive, sections,
comics, search, and the body of the 404 page.

Pure functions of the published magazine; the MkDocs adapter turns each
:class:`PageSource` into a virtual file. Pages are Markdown with raw HTML blocks (the
pieces are :mod:`policemag.site.cards`) so that MkDocs still renders article bodies
(toc, typography) the usual way. Each page also carries its ``head``: Open Graph,
Twitter card and JSON-LD (:mod:`policemag.site.head`), which the adapter puts in the
page's ``<head>``.

The layout (docs/web.md): a front page with the latest issue's cover and cover lines,
one lead story, the other stories in a grid (the comic with its art) and the previous
issues' covers; an article ends with sharing, the previous and next stories of its
issue, the way back to the issue and more from its section.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import yaml

from policemag import urls
from policemag.comics import LetteredComic, render_comic_html
from policemag.config import MagazineConfig
from policemag.content.body import MD_IMAGE
from policemag.content.links import rewrite_links, web_url
from policemag.model import Article, ComicRef, Image, Issue, Magazine, direction_of
from policemag.search import SEARCH_SCRIPT
from policemag.site import head as heads
from policemag.site.blocks import restore, set_aside
from policemag.site.cards import (
    BODY_SIZES,
    ROW_SIZES,
    Media,
    article_nav,
    byline_html,
    cover_tile,
    esc,
    issue_block,
    lang_attrs,
    lead_story,
    related_html,
    share_html,
    story_card,
    text,
    time_html,
)
from policemag.site.share import MAGAZINE, ShareImage
from policemag.site.typography import typeset
from policemag.titles import headline, issue_label, issue_title

__all__ = ["BODY_SIZES", "Media", "PageSource", "build_pages", "esc", "render_not_found"]

#: Previous issues on the front page (the archive has them all).
FRONT_ISSUES = 6
#: Cover lines beside the front page's cover.
COVER_LINES = 4
#: "More from the section" under an article.
RELATED = 3


@dataclass(frozen=True)
class PageSource:
    """A page to generate: its site path (``urls``), source URI, the Markdown MkDocs
    converts (``source``: its generated lines of raw HTML set aside as ``blocks``,
    :mod:`policemag.site.blocks`), language and direction, and ``head``: the HTML of
    its sharing tags and structured data."""

    path: str
    src_uri: str
    source: str
    lang: str
    dir: str
    head: str = ""
    blocks: tuple[str, ...] = ()
    nonce: str = ""

    @property
    def markdown(self) -> str:
        """The page's whole Markdown, every generated line in its place."""
        return restore(self.source, self.blocks, self.nonce) or self.source

    def restore(self, html_text: str) -> str | None:
        """What Markdown made of ``source``, with the blocks back in place (None: a
        placeholder did not come through once; render :attr:`markdown` instead)."""
        return restore(html_text, self.blocks, self.nonce)


@dataclass(frozen=True)
class Shares:
    """The share image of each page (:func:`policemag.site.share.plan_share_images`) and
    the emblem's PNG (the publisher's logo); empty in tests that draw nothing."""

    images: Mapping[str, ShareImage] = field(default_factory=dict)
    logo: str | None = None
    search: bool = True

    def ref(self, page: str) -> heads.ShareRef | None:
        """The page's share image, else the magazine's."""
        found = self.images.get(page) or self.images.get(MAGAZINE)
        return heads.ShareRef(found.path, found.alt) if found else None

    def path(self, page: str) -> str | None:
        found = self.images.get(page)
        return found.path if found else None


NO_SHARES = Shares()


def _front(title: str, lang: str, direction: str, **extra: object) -> str:
    meta = {"title": title, "lang": lang, "dir": direction, **{k: v for k, v in extra.items() if v is not None}}
    # libyaml's emitter when present: 2,000 articles' front matter in 0.1 s, not 1.5 s
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True) + "---\n\n"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _md_title(value: str) -> str:
    """A Markdown heading text with Markdown's specials escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#+!|])", r"\\\1", value)


def src_uri(path: str) -> str:
    """Virtual source file for a site path: ``a/b/`` -> ``a/b.md``, ``""`` -> ``index.md``."""
    return f"{path.rstrip('/')}.md" if path else "index.md"


def build_pages(
    magazine: Magazine, config: MagazineConfig, media: Media, shares: Shares = NO_SHARES
) -> list[PageSource]:
    """Every page of the web edition, sorted by path."""
    pages = [render_home(magazine, config, media, shares), render_archive(magazine, config, media, shares)]
    pages += [render_issue(issue, config, media, shares) for issue in magazine.issues]
    pages += article_pages(magazine, config, media, shares)
    for name, arts in magazine.sections().items():
        pages.extend(render_section(name, arts, magazine, config, media, shares))
    pages.append(render_search(config, shares))
    return sorted(pages, key=lambda p: p.path)


def article_pages(
    magazine: Magazine,
    config: MagazineConfig,
    media: Media,
    shares: Shares = NO_SHARES,
    only: Iterable[Article] | None = None,
) -> list[PageSource]:
    """The article pages of :func:`build_pages` (``only``: those of these articles, as
    the whole build makes them: ``policemag serve`` renders an edited article so)."""
    wanted = None if only is None else {id(a) for a in only}
    sections = magazine.sections()
    issues = {i.id: i for i in magazine.issues}
    pages = []
    for issue in magazine.issues:
        for a in issue.articles:
            if wanted is not None and id(a) not in wanted:
                continue
            related = [o for o in sections.get(a.section, ()) if o is not a][:RELATED]
            pages.append(render_article(a, issue, config, media, related=related, shares=shares, issues=issues))
    return pages


def _page(
    path: str, title: str, lang: str, direction: str, body: str | Sequence[tuple[str, bool]],
    *, head: str = "", **meta: object,
) -> PageSource:
    """A page whose ``body`` is generated (a string), or made of parts ``(text,
    generated)`` where an editor's Markdown is not generated: its generated raw HTML
    is set aside from what MkDocs converts (:mod:`policemag.site.blocks`)."""
    # every generated page is a magazine page: no docs table of contents beside it
    meta.setdefault("hide", ["toc"])
    parts = [(body, True)] if isinstance(body, str) else list(body)
    source, blocks, nonce = set_aside([(_front(title, lang, direction, **meta), False), *parts])
    return PageSource(path, src_uri(path), source, lang, direction, head, blocks, nonce)


def _head(
    config: MagazineConfig, shares: Shares, page: str, title: str, description: str, lang: str,
    *, kind: str = "website", data: Sequence[dict[str, object]] = (), published: str = "", section: str = "",
) -> str:
    return heads.render_head(
        heads.Head(page, typeset(title, lang), typeset(description, lang), lang, kind, shares.ref(page),
                   tuple(data), published, section),
        config,
    )


def _hidden_h1(value: str, lang: str) -> str:
    """The page's ``<h1>`` when the masthead already shows its words."""
    return f'<h1 class="pm-visually-hidden">{text(value, lang)}</h1>\n'


# -- front page, issues, archive -----------------------------------------------------


def render_home(magazine: Magazine, config: MagazineConfig, media: Media, shares: Shares = NO_SHARES) -> PageSource:
    """The front page: the latest issue (cover, number, date, headline, theme, cover
    lines), its lead story, its other stories in a grid, then the previous issues."""
    page, lang, words = urls.HOME, config.lang, config.words
    body = [_hidden_h1(config.title, lang)]
    latest = magazine.latest
    if latest:
        body.append(issue_block(latest, page, config, media, heading="h2", link_title=True, lines=COVER_LINES))
        articles = latest.articles
        lead = articles[0] if articles else None
        if lead is not None:
            body.append(lead_story(lead, page, config, media))
        rest = [e for e in latest.contents if e is not lead]
        if rest:
            body.append(
                f'<h2 class="pm-rule">{text(words.t(latest.lang, "in_this_issue"), latest.lang)}</h2>\n'
                '<ol class="pm-grid">\n'
                + "\n".join(story_card(e, page, config, media, issue_lang=latest.lang) for e in rest)
                + "\n</ol>\n"
            )
    older = magazine.issues[1 : 1 + FRONT_ISSUES]
    if older:
        body.append(
            f'<h2 class="pm-rule">{text(words.t(lang, "previous_issues"), lang)}</h2>\n<ol class="pm-tiles">\n'
            + "\n".join(cover_tile(i, page, config, media, with_date=False) for i in older)
            + f'\n</ol>\n<p class="pm-more-link"><a href="{urls.relative(page, urls.ARCHIVE)}">'
            f'{text(words.t(lang, "archive"), lang)}</a></p>\n'
        )
    data = heads.home_data(config, logo=shares.logo, search=shares.search)
    head = _head(config, shares, page, config.title, config.description, lang, data=data)
    return _page(page, config.title, lang, "rtl", "\n".join(body), head=head, search=False, pm_kind="home",
                 description=config.description)


def _parts(issue: Issue) -> list[tuple[str, str, str]]:
    out = []
    for entry in issue.contents:
        if isinstance(entry, ComicRef):
            ed = entry.comic.languages[0] if issue.lang not in entry.comic.languages else issue.lang
            out.append(("ComicStory", entry.comic.title.get(ed, ""), urls.comic_page(entry.comic, ed)))
        else:
            out.append(("NewsArticle", entry.title, urls.article_page(entry)))
    return out


def render_issue(issue: Issue, config: MagazineConfig, media: Media, shares: Shares = NO_SHARES) -> PageSource:
    """One issue: cover, number, date, headline, theme, EPUB link, then its contents in
    reading order."""
    page, words, lang = urls.issue_page(issue), config.words, issue.lang
    title = issue_title(issue, words)
    body = (
        _hidden_h1(title, lang)
        + issue_block(issue, page, config, media, heading="p", link_title=False, lines=0)
        + f'\n<h2 class="pm-rule">{text(words.t(lang, "contents"), lang)}</h2>\n<ol class="pm-grid">\n'
        + "\n".join(
            story_card(e, page, config, media, issue_lang=lang, lazy=n > 1) for n, e in enumerate(issue.contents)
        )
        + "\n</ol>\n"
    )
    description = issue.theme or headline(issue, words) or title
    data = heads.issue_data(issue, config, image=shares.path(page), cover=None, logo=shares.logo, parts=_parts(issue))
    head = _head(config, shares, page, title, description, lang, data=[data], published=issue.date.isoformat())
    return _page(page, typeset(title, lang), lang, issue.dir, body, head=head, search=False, pm_kind="issue",
                 description=typeset(description, lang))


def render_archive(magazine: Magazine, config: MagazineConfig, media: Media, shares: Shares = NO_SHARES) -> PageSource:
    """Every issue's cover, by year, newest first."""
    page, lang, words = urls.ARCHIVE, config.lang, config.words
    body = [f"# {_md_title(words.t(lang, 'archive'))}\n"]
    for year, issues in _by_year(magazine):
        body.append(
            f'<h2 id="y{year}" class="pm-rule">{year}</h2>\n<ol class="pm-tiles">\n'
            + "\n".join(cover_tile(i, page, config, media, with_date=True) for i in issues)
            + "\n</ol>\n"
        )
    title = words.t(lang, "archive")
    head = _head(config, shares, page, title, config.description, lang)
    return _page(page, title, lang, "rtl", "\n".join(body), head=head, search=False, pm_kind="archive")


def _by_year(magazine: Magazine) -> Iterator[tuple[int, list[Issue]]]:
    years: dict[int, list[Issue]] = {}
    for issue in magazine.issues:
        years.setdefault(issue.date.year, []).append(issue)
    for year in sorted(years, reverse=True):
        yield year, years[year]


# -- articles --------------------------------------------------------------------------


def _figcaption(image: Image, lang: str, config: MagazineConfig) -> str:
    """The visible caption and credit of an image (never its alt text, which is for
    screen readers); empty when the editor gave neither."""
    caption, credit = image.caption, image.credit
    if not caption and not credit:
        return ""
    words = config.words
    parts = [f'<span class="pm-caption">{text(caption, lang)}</span>'] if caption else []
    if credit:
        parts.append(f'<span class="pm-credit">{text(words.t(lang, "credit") + words.t(lang, "colon") + credit, lang)}</span>')
    return f"<figcaption>{' '.join(parts)}</figcaption>"


def render_article_body(article: Article, page: str, media: Media, config: MagazineConfig | None = None) -> str:
    """The article's Markdown with each image replaced by its responsive HTML (a figure,
    with its caption when the editor gave one)."""
    by_src = {img.src: img for img in article.images}
    out = []
    # links to articles, issues, comics and sections: relative URLs from this page
    for line in rewrite_links(article, web_url(page)).body.splitlines():
        stripped = line.strip()
        whole = MD_IMAGE.fullmatch(stripped)
        if whole and whole.group("src") in by_src:
            img = by_src[whole.group("src")]
            caption = _figcaption(img, article.lang, config) if config else ""
            out.append(
                f'<figure class="pm-figure">{media.image_html(img, page, lazy=True, sizes=BODY_SIZES)}{caption}</figure>'
            )
            continue

        def inline(m: re.Match[str]) -> str:
            img = by_src.get(m.group("src"))
            return media.image_html(img, page, lazy=True, sizes=BODY_SIZES) if img else m.group(0)

        out.append(MD_IMAGE.sub(inline, line))
    return "\n".join(out) + "\n"


def render_article(
    article: Article,
    issue: Issue,
    config: MagazineConfig,
    media: Media,
    *,
    related: Sequence[Article] = (),
    shares: Shares = NO_SHARES,
    issues: Mapping[str, Issue] | None = None,
) -> PageSource:
    """One article: kicker (section, issue, date), title, summary, byline, lead image,
    body; then sharing, the previous and next stories, the issue and ``related``: more
    from its section (each with its issue's number when ``issues``, by id, are given)."""
    page = urls.article_page(article)
    lang, words = article.lang, config.words
    kicker = (
        f'<p class="pm-kicker"><a class="pm-kicker__section" href="{urls.relative(page, urls.section_page(article.section))}">'
        f"{text(config.section_label(article.section, lang), lang)}</a> <span aria-hidden=\"true\">·</span> "
        f'<a class="pm-issue-label" href="{urls.relative(page, urls.issue_page(issue))}">{text(issue_label(issue, words) if lang == issue.lang else words.t(lang, "issue_n", n=issue.number), lang)}</a>'
        f' <span aria-hidden="true">·</span> {time_html(issue, config, lang)}</p>\n'
    )
    lead = ""
    if article.image:
        lead = (
            f'<figure class="pm-lead-figure">{media.image_html(article.image, page, lazy=False, sizes=BODY_SIZES)}'
            f"{_figcaption(article.image, lang, config)}</figure>\n"
        )
    url = config.url(page)
    body = [
        (
            kicker
            + f"\n# {_md_title(typeset(article.title, lang))}\n\n"
            + f'<p class="pm-summary">{text(article.summary, lang)}</p>\n'
            + byline_html(article, config)
            + "\n"
            + lead
            + "\n",
            True,
        ),
        (render_article_body(article, page, media, config), False),  # the editor's Markdown
        (
            "\n"
            + share_html(typeset(article.title, lang), url, lang, config)
            + article_nav(article, issue, page, lang, config)
            + related_html(article, related, page, config, media, issues),
            True,
        ),
    ]
    label = config.section_label(article.section, lang)
    data = heads.article_data(
        article, issue, config, image=shares.path(page),
        lead=None, logo=shares.logo,
    )
    head = _head(config, shares, page, article.title, article.summary, lang, kind="article", data=[data],
                 published=issue.date.isoformat(), section=label)
    return _page(page, typeset(article.title, lang), lang, article.dir, body, head=head,
                 description=typeset(article.summary, lang), pm_kind="article", section=article.section)


# -- sections, comics, search, 404 ---------------------------------------------------------

#: Articles per section page: a section page stays the same size however large the
#: archive grows; older articles are on the next pages.
SECTION_PAGE_SIZE = 50


def render_section(
    section: str,
    articles: tuple[Article, ...],
    magazine: Magazine,
    config: MagazineConfig,
    media: Media | None = None,
    shares: Shares = NO_SHARES,
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
        for k, a in enumerate(chunk):
            issue = numbers[a.issue_id]
            kicker = issue_label(issue, words) if a.lang == issue.lang else words.t(a.lang, "issue_n", n=issue.number)
            if media is not None:
                items.append(story_card(a, page, config, media, issue_lang=a.lang, heading="h2", sizes=ROW_SIZES,
                                        kicker=kicker, css="pm-card pm-card--row", lazy=k > 2))
            else:
                items.append(
                    f'<li class="pm-card pm-card--row pm-card--text" {lang_attrs(a.lang)}><div class="pm-card__body">'
                    f'<p class="pm-card__kicker">{text(kicker, a.lang)}</p><h2 class="pm-card__title">'
                    f'<a class="pm-card__link" href="{urls.relative(page, urls.article_page(a))}">{text(a.title, a.lang)}</a></h2>'
                    f'<p class="pm-card__summary">{text(a.summary, a.lang)}</p></div></li>'
                )
        links = []
        if n > 1:
            links.append(f'<a rel="prev" href="{urls.relative(page, urls.section_page(section, n - 1))}">{esc(words.t(lang, "newer"))}</a>')
        if n < len(chunks):
            links.append(f'<a rel="next" href="{urls.relative(page, urls.section_page(section, n + 1))}">{esc(words.t(lang, "older"))}</a>')
        pager = f'<nav class="pm-pager" aria-label="{esc(label)}">{" · ".join(links)}</nav>\n' if links else ""
        title = label if n == 1 else f"{label} ({words.t(lang, 'page')} {n})"
        body = f"# {_md_title(title)}\n\n<ol class=\"pm-list\">\n" + "\n".join(items) + "\n</ol>\n" + pager
        head = _head(config, shares, page, title, config.description, lang)
        out.append(_page(page, title, lang, "rtl", body, head=head, search=False, pm_kind="section"))
    return out


def render_comic_pages(
    magazine: Magazine,
    comics: dict[str, LetteredComic],
    config: MagazineConfig,
    shares: Shares = NO_SHARES,
) -> list[PageSource]:
    """One page per comic and language: lettered pages, a language switch, a transcript
    (policemag.comics.html), then the previous and next stories of its issue."""
    pages = []
    placed: dict[str, tuple[Issue, ComicRef]] = {}
    for issue in reversed(magazine.issues):  # the newest issue that places it wins
        for entry in issue.contents:
            if isinstance(entry, ComicRef):
                placed[entry.slug] = (issue, entry)
    for slug in sorted(comics):
        lettered = comics[slug]
        comic = lettered.comic
        where = placed.get(slug)
        for lang in comic.languages:
            page = urls.comic_page(comic, lang)
            body = render_comic_html(
                lettered, lang, page, functools.partial(urls.relative, page), config.words
            )
            if where is not None:
                body += "\n" + share_html(comic.title[lang], config.url(page), lang, config)
                body += article_nav(where[1], where[0], page, lang, config)
            data = heads.comic_data(comic, lang, where[0] if where else None, config,
                                    image=shares.path(page), logo=shares.logo)
            head = _head(config, shares, page, comic.title[lang], comic.summary[lang], lang, kind="article",
                         data=[data], published=where[0].date.isoformat() if where else "")
            pages.append(
                _page(page, typeset(comic.title[lang], lang), lang, direction_of(lang), body, head=head,
                      description=typeset(comic.summary[lang], lang), pm_kind="comic")
            )
    return pages


def render_search(config: MagazineConfig, shares: Shares = NO_SHARES) -> PageSource:
    """The search page: a form, a live status line and the results list, run by
    ``search.js`` (loaded only here) over the index in site/search/."""
    page = urls.SEARCH
    lang, words = config.lang, config.words
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
        # not <noscript>: its content parses differently with and without scripting,
        # which sanitizers cannot follow; search.js hides this line instead
        f'<p id="pm-search-nojs">{esc(words.t(lang, "search_noscript"))}</p>\n'
    )
    title = words.t(lang, "search")
    head = _head(config, shares, page, title, words.t(lang, "search_label"), lang)
    # the script is not part of the content (which is sanitized): the adapter adds it
    return _page(
        page, title, lang, "rtl", body, head=head, search=False, pm_kind="search",
        pm_script=SEARCH_SCRIPT, description=words.t(lang, "search_label"),
    )


def site_root(config: MagazineConfig) -> str:
    """The site's root as an absolute path ("/" or "/magazine/"): the 404 page is served
    at any depth, so its links cannot be relative."""
    path = urlsplit(config.site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def render_not_found(config: MagazineConfig, shares: Shares = NO_SHARES) -> PageSource:
    """The 404 page's content: what happened in the magazine's language with a French
    line, a search box and the way home (links from the site's root). Not a page of
    its own: MkDocs writes 404.html from the theme's template, around this."""
    lang, words = config.lang, config.words
    root = esc(site_root(config))
    search = f"{root}{urls.SEARCH}"
    others = [o for o in ("fr",) if o != lang]
    body = [
        f'<div class="pm-404" {lang_attrs(lang)}>',
        '<p class="pm-404__code" aria-hidden="true">404</p>',
        f"<h1>{text(words.t(lang, 'not_found'), lang)}</h1>",
        f"<p>{text(words.t(lang, 'not_found_text'), lang)}</p>",
        f'<form class="pm-search" role="search" action="{search}" method="get">'
        f'<label for="pm-404-q">{text(words.t(lang, "search_label"), lang)}</label>'
        f'<div class="pm-search__row"><input id="pm-404-q" name="q" type="search" dir="auto" enterkeyhint="search">'
        f'<button type="submit" class="md-button md-button--primary">{text(words.t(lang, "search_go"), lang)}</button></div></form>',
        f'<p><a class="md-button" href="{root}">{text(words.t(lang, "back_home"), lang)}</a></p>',
    ]
    for other in others:
        body.append(
            f'<p class="pm-404__other" {lang_attrs(other)}><strong>{text(words.t(other, "not_found"), other)}.</strong> '
            f'{text(words.t(other, "not_found_text"), other)} '
            f'<a href="{search}">{text(words.t(other, "search"), other)}</a> · '
            f'<a href="{root}">{text(words.t(other, "back_home"), other)}</a></p>'
        )
    body.append("</div>")
    title = words.t(lang, "not_found")
    head = _head(config, shares, "404.html", title, words.t(lang, "not_found_text"), lang)
    return PageSource("404.html", "404.html", "\n".join(body) + "\n", lang, direction_of(lang), head)



def hand_page_head(
    path: str, title: str, description: str, lang: str, config: MagazineConfig, shares: Shares = NO_SHARES
) -> str:
    """The sharing tags of a page the build did not generate (pages/, the developers'
    page): the magazine's share image, the page's own title and description."""
    return _head(config, shares, path, title, description or config.description, lang)
