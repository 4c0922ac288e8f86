"""The pieces the front page, issue, section and article pages are made of: story
cards, the lead story, cover tiles, the issue block, sharing links and the end of an
article. HTML strings, every text escaped (:func:`esc`) and set by
:mod:`policemag.site.typography`.

A card's picture links like its title: the title's link covers the whole card
(``.pm-card__link::after`` in policemag.css), so there is one link per story for
keyboards and screen readers, and a tap anywhere on the card follows it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Protocol
from urllib.parse import quote

from policemag import urls
from policemag.config import MagazineConfig
from policemag.model import Article, Comic, ComicRef, Image, Issue
from policemag.model.lang import direction_of
from policemag.site.typography import typeset
from policemag.titles import headline, issue_label


class Media(Protocol):
    """How images appear in pages (responsive sets, hashed names) and where EPUBs are."""

    def image_html(
        self, image: Image, page_path: str, *, lazy: bool, sizes: str, css_class: str = ""
    ) -> str: ...


#: ``sizes`` of each slot (CSS px; the layout is policemag.css's). Phones are one column
#: with 0.8rem margins; Material's rem is 20 px from 45em (720 px) up.
BODY_SIZES = "(max-width: 45em) 100vw, 38rem"
LEAD_SIZES = "(max-width: 45em) 100vw, (max-width: 76em) 60vw, 44rem"
CARD_SIZES = "(max-width: 45em) 36vw, (max-width: 76em) 45vw, 19rem"
#: the comic's card keeps its picture full width on a phone
COMIC_SIZES = "(max-width: 45em) 100vw, (max-width: 76em) 45vw, 19rem"
ROW_SIZES = "(max-width: 45em) 34vw, 12rem"
#: the issue's cover: 15rem of a root Material sets at 20px (22 and 24 px on wider
#: screens), while ``rem`` in ``sizes`` means 16 px: so in pixels
COVER_SIZES = "(max-width: 45em) 38vw, (min-width: 125em) 360px, (min-width: 100em) 330px, 300px"
TILE_SIZES = "(max-width: 45em) 30vw, 10rem"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def text(value: str, lang: str) -> str:
    """``value`` typeset for ``lang`` and escaped for HTML."""
    return esc(typeset(value, lang))


def lang_attrs(lang: str) -> str:
    return f'lang="{esc(lang)}" dir="{direction_of(lang)}"'


def time_html(issue: Issue, config: MagazineConfig, lang: str) -> str:
    return f'<time datetime="{issue.date.isoformat()}">{esc(config.words.date(issue.date, lang))}</time>'


def comic_edition(comic: Comic, lang: str) -> str:
    """The edition of ``comic`` a reader of ``lang`` gets: theirs, else the first."""
    return lang if lang in comic.languages else comic.languages[0]


def comic_art(comic: Comic, lang: str) -> Image | None:
    """The first panel's art (unlettered), the comic's picture on cards."""
    if not comic.pages or not comic.pages[0].panels:
        return None
    panel = comic.pages[0].panels[0]
    return Image(str(panel.art), panel.art, panel.alt.get(lang) or next(iter(panel.alt.values()), ""))


def story_card(
    entry: Article | ComicRef,
    page: str,
    config: MagazineConfig,
    media: Media,
    *,
    issue_lang: str,
    lazy: bool = True,
    heading: str = "h3",
    sizes: str = CARD_SIZES,
    kicker: str | None = None,
    css: str = "pm-card",
) -> str:
    """One story as a card: picture, kicker (its section), title (the link), summary."""
    if isinstance(entry, ComicRef):
        comic = entry.comic
        lang = comic_edition(comic, issue_lang)
        art = comic_art(comic, lang)
        href = urls.relative(page, urls.comic_page(comic, lang))
        title, summary = comic.title.get(lang, ""), comic.summary.get(lang, "")
        label = config.words.t(lang, "comic")
        css += " pm-card--comic"
        sizes = COMIC_SIZES if sizes == CARD_SIZES else sizes
        picture = media.image_html(art, page, lazy=lazy, sizes=sizes, css_class="pm-card__image") if art else ""
    else:
        lang, href = entry.lang, urls.relative(page, urls.article_page(entry))
        title, summary = entry.title, entry.summary
        label = config.section_label(entry.section, lang)
        image = entry.image
        picture = media.image_html(image, page, lazy=lazy, sizes=sizes, css_class="pm-card__image") if image else ""
        if not image:
            css += " pm-card--text"
    label = label if kicker is None else kicker
    # the card keeps the page's side (its picture where every other card has it); its
    # words read in their own language and direction
    return (
        f'<li class="{css}">'
        + (f'<div class="pm-card__picture" lang="{esc(lang)}">{picture}</div>' if picture else "")
        + f'<div class="pm-card__body" {lang_attrs(lang)}>'
        + (f'<p class="pm-card__kicker">{text(label, lang)}</p>' if label else "")
        + f'<{heading} class="pm-card__title"><a class="pm-card__link" href="{esc(href)}">{text(title, lang)}</a></{heading}>'
        + (f'<p class="pm-card__summary">{text(summary, lang)}</p>' if summary else "")
        + "</div></li>"
    )


def lead_story(article: Article, page: str, config: MagazineConfig, media: Media) -> str:
    """The front page's lead: a large picture, the section, the title, the summary."""
    lang = article.lang
    picture = (
        media.image_html(article.image, page, lazy=False, sizes=LEAD_SIZES, css_class="pm-card__image")
        if article.image
        else ""
    )
    byline = byline_html(article, config)
    return (
        f'<div class="pm-card pm-lead{"" if picture else " pm-card--text"}" {lang_attrs(lang)}>'
        + (f'<div class="pm-card__picture">{picture}</div>' if picture else "")
        + '<div class="pm-card__body">'
        + f'<p class="pm-card__kicker">{text(config.section_label(article.section, lang), lang)}</p>'
        + f'<h2 class="pm-card__title pm-lead__title"><a class="pm-card__link" href="{esc(urls.relative(page, urls.article_page(article)))}">'
        + f"{text(article.title, lang)}</a></h2>"
        + f'<p class="pm-card__summary pm-lead__summary">{text(article.summary, lang)}</p>'
        + byline
        + "</div></div>\n"
    )


def byline_html(article: Article, config: MagazineConfig) -> str:
    if not article.authors:
        return ""
    words, lang = config.words, article.lang
    names = words.t(lang, "comma").join(article.authors)
    return f'<p class="pm-byline">{text(words.t(lang, "by") + words.t(lang, "colon") + names, lang)}</p>'


def cover_tile(issue: Issue, page: str, config: MagazineConfig, media: Media, *, with_date: bool) -> str:
    """An issue in a grid of covers: the cover (linked like the label), the number, the
    headline, and the date when ``with_date``."""
    words, lang = config.words, issue.lang
    href = esc(urls.relative(page, urls.issue_page(issue)))
    title = headline(issue, words)
    return (
        f'<li class="pm-card pm-tile" {lang_attrs(lang)}>'
        f'<div class="pm-card__picture">{media.image_html(issue.cover, page, lazy=True, sizes=TILE_SIZES, css_class="pm-tile__cover")}</div>'
        '<div class="pm-card__body">'
        f'<p class="pm-card__title pm-tile__label"><a class="pm-card__link" href="{href}">{text(issue_label(issue, words), lang)}</a></p>'
        + (f'<p class="pm-card__summary">{text(title, lang)}</p>' if title else "")
        + (f'<p class="pm-meta">{time_html(issue, config, lang)}</p>' if with_date else "")
        + "</div></li>"
    )


def issue_block(
    issue: Issue, page: str, config: MagazineConfig, media: Media, *, heading: str, link_title: bool, lines: int
) -> str:
    """The issue's cover beside its number, date, headline, theme, first contents
    (``lines`` of them, the cover lines) and the buttons to read or download it."""
    words, lang = config.words, issue.lang
    issue_href = esc(urls.relative(page, urls.issue_page(issue)))
    title = text(headline(issue, words) or issue_label(issue, words), lang)
    if link_title:
        title = f'<a href="{issue_href}">{title}</a>'
    theme = (
        f'<p class="pm-front__theme"><span class="pm-front__theme-label">{text(words.t(lang, "theme"), lang)}</span> '
        f"{text(issue.theme, lang)}</p>"
        if issue.theme
        else ""
    )
    cover_lines = []
    for entry in issue.contents[:lines]:
        if isinstance(entry, ComicRef):
            ed = comic_edition(entry.comic, lang)
            href, title_text, entry_lang = urls.comic_page(entry.comic, ed), entry.comic.title.get(ed, ""), ed
        else:
            href, title_text, entry_lang = urls.article_page(entry), entry.title, entry.lang
        # the list keeps the issue's side; a French title reads left to right inside it
        cover_lines.append(
            f'<li><a href="{esc(urls.relative(page, href))}" {lang_attrs(entry_lang)}>{text(title_text, entry_lang)}</a></li>'
        )
    listed = (
        f'<ul class="pm-coverlines" aria-label="{esc(words.t(lang, "in_this_issue"))}">' + "".join(cover_lines) + "</ul>"
        if cover_lines
        else ""
    )
    read = (
        f'<a class="md-button md-button--primary" href="{issue_href}">{text(words.t(lang, "read_issue"), lang)}</a> '
        if link_title
        else ""
    )
    epub = esc(urls.relative(page, urls.epub_file(issue)))
    cover = media.image_html(issue.cover, page, lazy=False, sizes=COVER_SIZES, css_class="pm-front__image")
    cover = f'<a class="pm-front__cover" href="{issue_href}">{cover}</a>' if link_title else f'<div class="pm-front__cover">{cover}</div>'
    return (
        f'<section class="pm-front" {lang_attrs(lang)}>\n{cover}\n<div class="pm-front__text">\n'
        f'<p class="pm-kicker"><span class="pm-issue-label">{text(issue_label(issue, words), lang)}</span>'
        f' <span aria-hidden="true">·</span> {time_html(issue, config, lang)}</p>\n'
        f'<{heading} class="pm-front__title">{title}</{heading}>\n{theme}\n{listed}\n'
        f'<p class="pm-actions">{read}<a class="md-button" href="{epub}" type="application/epub+zip" download>'
        f'{text(words.t(lang, "epub"), lang)}</a></p>\n'
        "</div>\n</section>\n"
    )


#: Where a page can be shared without any script of theirs: plain links.
SHARE_TARGETS = (
    ("whatsapp", "WhatsApp", "https://wa.me/?text={text}%20{url}"),
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("x", "X", "https://x.com/intent/post?text={text}&url={url}"),
    ("telegram", "Telegram", "https://t.me/share/url?url={url}&text={text}"),
)


def share_html(title: str, url: str, lang: str, config: MagazineConfig) -> str:
    """Sharing: the Web Share API button (shown by share.js when the browser has it) and
    plain links to the apps readers use, which work without any script."""
    words = config.words
    q_url, q_text = quote(url, safe=""), quote(title, safe="")
    links = [
        f'<li><a class="pm-share__link pm-share__link--{key}" href="{esc(pattern.format(url=q_url, text=q_text))}"'
        f' rel="noopener">{name}</a></li>'
        for key, name, pattern in SHARE_TARGETS
    ]
    mail = f"mailto:?subject={q_text}&body={q_url}"
    links.append(
        f'<li><a class="pm-share__link pm-share__link--email" href="{esc(mail)}">{text(words.t(lang, "share_email"), lang)}</a></li>'
    )
    return (
        f'<aside class="pm-share" aria-label="{esc(words.t(lang, "share_label"))}">'
        f'<p class="pm-share__title">{text(words.t(lang, "share"), lang)}</p>'
        f'<button type="button" class="md-button md-button--primary pm-share__native" hidden'
        f' data-pm-share-url="{esc(url)}" data-pm-share-title="{esc(title)}">{text(words.t(lang, "share"), lang)}</button>'
        f'<ul class="pm-share__links">{"".join(links)}</ul></aside>\n'
    )


def _entry_link(entry: Article | ComicRef, page: str, issue_lang: str) -> tuple[str, str, str]:
    """(href, title, lang) of a contents entry."""
    if isinstance(entry, ComicRef):
        ed = comic_edition(entry.comic, issue_lang)
        return urls.relative(page, urls.comic_page(entry.comic, ed)), entry.comic.title.get(ed, ""), ed
    return urls.relative(page, urls.article_page(entry)), entry.title, entry.lang


def article_nav(
    here: Article | ComicRef, issue: Issue, page: str, lang: str, config: MagazineConfig
) -> str:
    """The end of a story: the previous and next stories in the issue's reading order,
    and the way back to the issue's contents."""
    words = config.words
    contents = list(issue.contents)
    index = next(
        (n for n, e in enumerate(contents) if e is here or (isinstance(e, ComicRef) and isinstance(here, ComicRef) and e.slug == here.slug)),
        -1,
    )
    items = []
    for rel, key, n in (("prev", "previous_article", index - 1), ("next", "next_article", index + 1)):
        if index < 0 or not 0 <= n < len(contents):
            continue
        href, title, entry_lang = _entry_link(contents[n], page, issue.lang)
        items.append(
            f'<li class="pm-article-nav__{rel}"><a rel="{rel}" href="{esc(href)}">'
            f'<span class="pm-article-nav__dir">{text(words.t(lang, key), lang)}</span>'
            f'<span class="pm-article-nav__title" {lang_attrs(entry_lang)}>{text(title, entry_lang)}</span></a></li>'
        )
    back = words.t(lang, "back_to_issue", issue=words.t(lang, "issue_n", n=issue.number))
    return (
        f'<nav class="pm-article-nav" aria-label="{esc(words.t(lang, "article_nav"))}">'
        + (f'<ul>{"".join(items)}</ul>' if items else "")
        + f'<p class="pm-article-nav__issue"><a href="{esc(urls.relative(page, urls.issue_page(issue)))}">{text(back, lang)}</a></p>'
        "</nav>\n"
    )


def related_html(
    article: Article,
    related: Sequence[Article],
    page: str,
    config: MagazineConfig,
    media: Media,
    issues: Mapping[str, Issue] | None = None,
) -> str:
    """"More from the section": other articles of the article's section, newest first,
    each with its issue's number (when ``issues``, by id, are given)."""
    if not related:
        return ""
    lang, words = article.lang, config.words
    label = config.section_label(article.section, lang)
    section = esc(urls.relative(page, urls.section_page(article.section)))
    cards = "".join(
        story_card(a, page, config, media, issue_lang=a.lang, sizes=ROW_SIZES, css="pm-card pm-card--row",
                   kicker=words.t(a.lang, "issue_n", n=issues[a.issue_id].number) if issues and a.issue_id in issues else "")
        for a in related
    )
    return (
        '<section class="pm-related" aria-labelledby="pm-related-title">'
        f'<h2 id="pm-related-title" class="pm-rule"><a href="{section}">{text(words.t(lang, "more_from", section=label), lang)}</a></h2>'
        f'<ol class="pm-list">{cards}</ol></section>\n'
    )
