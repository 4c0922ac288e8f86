"""XHTML content documents of the EPUB: cover, title page, nav, articles, comic pages.

Every document is written whole here (ebooklib's own templates drop the attributes we
need on <html> and <body>): ``lang``, ``xml:lang`` and ``dir`` on ``<html>`` (epub.js
loads documents as HTML and ignores ``xml:lang``; Readium wants both), no ``dir`` on
``<body>``, and ``dir`` again on the element that wraps the document's content
(``<article>``, ``<section>``, ``<nav>``). epub.js forces ``direction: rtl`` on
``<html>`` in a right-to-left book, so a French document needs its direction below it;
on ``<body>`` it would stop epub.js's paging inside the document (its columns then run
the other way than the book), on the wrapper the text reads left to right and the pages
turn (tests/browser/test_epubjs_paging.py).

All documents live in ``text/``; images in ``images/``, the stylesheet in ``styles/``.
Functions return ``str`` (serialised once by the caller) and are pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from policemag.cache import CacheStore
from policemag.content.figures import figcaption_html, figures_html
from policemag.content.markdown import render_markdown
from policemag.i18n import Words
from policemag.model import Article, Issue, direction_of
from policemag.titles import headline as issue_headline

CSS_HREF = "../styles/magazine.css"


@dataclass(frozen=True)
class Picture:
    """An image as placed in the book: ``href`` relative to the EPUB root folder."""

    href: str
    width: int
    height: int

    @property
    def src(self) -> str:
        """The ``src`` of the image from a document in ``text/``."""
        return "../" + self.href


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents (``href`` relative to ``text/``)."""

    title: str
    href: str
    lang: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class TranscriptPanel:
    alt: str
    texts: tuple[tuple[str, str, str], ...]  # (kind, kind label, text), reading order


@dataclass(frozen=True)
class TranscriptPage:
    number: int
    panels: tuple[TranscriptPanel, ...]


def _a(text: str) -> str:
    return escape(text, quote=True)


def page(
    lang: str,
    title: str,
    body: str,
    *,
    body_class: str = "",
    head_extra: str = "",
    css: bool = True,
) -> str:
    """A complete XHTML document in ``lang`` (its direction follows the language)."""
    d = direction_of(lang)
    cls = f' class="{body_class}"' if body_class else ""
    # no dir on <body>: see the module docstring (the content's wrapper carries it)
    link = f'<link rel="stylesheet" type="text/css" href="{CSS_HREF}"/>\n' if css else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
        f' lang="{_a(lang)}" xml:lang="{_a(lang)}" dir="{d}">\n'
        f'<head>\n<meta charset="utf-8"/>\n<title>{escape(title)}</title>\n{head_extra}{link}</head>\n'
        f"<body{cls}>\n{body}\n</body>\n</html>\n"
    )


def root_attrs(lang: str) -> str:
    """``lang``/``xml:lang``/``dir`` of the element that wraps a document's content."""
    return f' lang="{_a(lang)}" xml:lang="{_a(lang)}" dir="{direction_of(lang)}"'


def lang_attrs(lang: str, context: str) -> str:
    """``lang``/``xml:lang``/``dir`` attributes when ``lang`` differs from ``context``."""
    if lang == context:
        return ""
    return f' lang="{_a(lang)}" xml:lang="{_a(lang)}" dir="{direction_of(lang)}"'


def cover_document(issue: Issue, cover: Picture, words: Words) -> str:
    """The cover page: the (designed) cover image alone, with its alt text."""
    label = words.t(issue.lang, "cover")
    body = (
        f'<section epub:type="cover" class="cover"{root_attrs(issue.lang)} aria-label="{_a(label)}">\n'
        f'<img role="doc-cover" src="{_a(cover.src)}" alt="{_a(issue.cover.alt)}"'
        f' width="{cover.width}" height="{cover.height}"/>\n</section>'
    )
    return page(issue.lang, label, body, body_class="cover")


def title_document(issue: Issue, magazine_title: str, words: Words) -> str:
    """Title page: magazine, issue number, date (:func:`policemag.i18n.format_date`, as
    on the web), the headline (the title without its number: policemag.titles) and theme."""
    lang = issue.lang
    headline = issue_headline(issue, words)
    theme = f'<p class="theme">{escape(issue.theme)}</p>\n' if issue.theme else ""
    title = f'<p class="issue-title">{escape(headline)}</p>\n' if headline else ""
    body = (
        f'<section epub:type="titlepage" class="titlepage"{root_attrs(lang)} aria-labelledby="mag-title">\n'
        f'<h1 id="mag-title">{escape(magazine_title)}</h1>\n'
        f'<p class="issue-number">{escape(words.t(lang, "issue_n", n=issue.number))}</p>\n'
        f'<p class="issue-date"><time datetime="{issue.date.isoformat()}">'
        f"{escape(words.date(issue.date, lang))}</time></p>\n"
        f"{title}{theme}</section>"
    )
    return page(lang, words.t(lang, "titlepage"), body, body_class="titlepage")


def nav_document(
    issue: Issue,
    toc: Sequence[TocEntry],
    landmarks: Sequence[tuple[str, str, str]],
    words: Words,
) -> str:
    """The navigation document: table of contents and landmarks, labelled in the
    issue's language. ``landmarks`` are ``(epub:type, href, label)``."""
    toc_title = words.t(issue.lang, "toc")

    def items(entries: Sequence[TocEntry]) -> str:
        out = []
        for e in entries:
            sub = f"\n<ol>\n{items(e.children)}</ol>\n" if e.children else ""
            attrs = lang_attrs(e.lang, issue.lang)
            out.append(f'<li><a href="{_a(e.href)}"{attrs}>{escape(e.title)}</a>{sub}</li>\n')
        return "".join(out)

    marks = "".join(
        f'<li><a epub:type="{t}" href="{_a(h)}">{escape(label)}</a></li>\n'
        for t, h, label in landmarks
    )
    body = (
        f'<nav epub:type="toc" id="toc" role="doc-toc"{root_attrs(issue.lang)} aria-labelledby="toc-title">\n'
        f'<h1 id="toc-title">{escape(toc_title)}</h1>\n<ol>\n{items(toc)}</ol>\n</nav>\n'
        f'<nav epub:type="landmarks" id="landmarks"{root_attrs(issue.lang)} aria-labelledby="landmarks-title" hidden="hidden">\n'
        f'<h2 id="landmarks-title">{escape(words.t(issue.lang, "landmarks"))}</h2>\n'
        f"<ol>\n{marks}</ol>\n</nav>"
    )
    return page(issue.lang, toc_title, body)


def article_document(
    article: Article,
    section_label: str,
    lead: Picture | None,
    pictures: dict[str, Picture],
    cache_root: Path | None = None,
    *,
    words: Words,
) -> str:
    """One article: section, title, byline, lead image, summary and body.

    ``pictures`` maps each image ``src`` as written in the Markdown to its place in
    the book; a src missing there is a programming error (the reader resolved every
    image), so it raises ``KeyError`` rather than shipping a broken reference.
    """
    parts = [
        f'<article{root_attrs(article.lang)} aria-labelledby="title">\n<header>\n'
        f'<p class="section-label">{escape(section_label)}</p>\n'
        f'<h1 id="title">{escape(article.title)}</h1>\n'
    ]
    if article.authors:
        sep = "، " if direction_of(article.lang) == "rtl" else ", "
        names = escape(sep.join(article.authors))
        parts.append(f'<p class="byline">{escape(words.t(article.lang, "by"))} {names}</p>\n')
    parts.append("</header>\n")
    credit = words.t(article.lang, "credit") + words.t(article.lang, "colon")
    if lead is not None and article.image is not None:
        caption = figcaption_html(article.image.caption, article.image.credit, credit)
        parts.append(
            f'<figure class="lead">\n<img src="{_a(lead.src)}" alt="{_a(article.image.alt)}"'
            f' width="{lead.width}" height="{lead.height}"/>\n{caption}</figure>\n'
        )
    parts.append(f'<p class="summary">{escape(article.summary)}</p>\n')
    parts.append(cached_body_xhtml(article.body, pictures, cache_root, credit))
    parts.append("\n</article>")
    return page(article.lang, article.title, "".join(parts))


def cached_body_xhtml(
    markdown_text: str, pictures: dict[str, Picture], cache_root: Path | None, credit_label: str = ""
) -> str:
    """:func:`body_xhtml` through the store under ``cache_root`` (namespace
    ``epub-bodies``; None: no cache).

    Python-Markdown is most of a warm build's time; the key covers everything the
    output depends on (text, picture places, and the code and library versions, as
    every store key).
    """
    if cache_root is None:
        return body_xhtml(markdown_text, pictures, credit_label=credit_label)
    store = CacheStore(cache_root, "epub-bodies")
    key = store.key(
        markdown_text, credit_label,
        *(f"{k}={v.href}:{v.width}x{v.height}" for k, v in sorted(pictures.items())),
    )
    out = store.get_text(key, ".xhtml")
    if out is None:
        # the Markdown step is shared with the feed (namespace markdown): a cold build
        # renders each article's Markdown once for both
        out = body_xhtml(markdown_text, pictures, cache_root, credit_label)
        store.put_text(key, out, ".xhtml")
    return out


def body_xhtml(
    markdown_text: str, pictures: dict[str, Picture], cache_root: Path | None = None, credit_label: str = ""
) -> str:
    """Markdown to an XHTML fragment (the sanitised HTML of :func:`render_markdown`,
    re-serialised as XML), images pointing into the book with their sizes, an image
    with a caption or credit in a ``<figure>`` (:mod:`policemag.content.figures`)."""
    used: dict[str, Picture] = {}

    def rewrite(src: str) -> str | None:
        pic = pictures.get(src)
        if pic is None:  # not an image the build made (the lint reports it): dropped
            return None
        used[pic.src] = pic
        return pic.src

    html = figures_html(render_markdown(markdown_text, rewrite_src=rewrite, cache_root=cache_root), credit_label)
    if not html.strip():
        return ""
    out: list[str] = []
    for frag in lxml_html.fragments_fromstring(html):
        if isinstance(frag, str):
            out.append(escape(frag))
            continue
        if frag.tag == "img" and not frag.get("src"):
            # a raw-HTML image whose source the build did not make (see _fix_tree)
            out.append(escape(frag.tail or ""))
            continue
        _fix_tree(frag, used)
        out.append(etree.tostring(frag, encoding="unicode", method="xml"))
    return "".join(out)


#: The footnote back-link's text in the book: a character every embedded font has.
BACKREF_TEXT = "^"


def _fix_tree(root: etree._Element, used: dict[str, Picture]) -> None:
    # an image whose source the build did not make lost its src in the sanitizer
    for img in [el for el in root.iter("img") if not el.get("src") and el.getparent() is not None]:
        img.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        # ids must be XML names in XHTML: Markdown footnotes write "fn:1"
        if "id" in el.attrib:
            el.set("id", el.get("id", "").replace(":", "-"))
        href = el.get("href")
        if el.tag == "a" and "footnote-backref" in (el.get("class") or "").split():
            # "↩" is in none of the embedded fonts (nor is its text-style selector): the
            # reading system would fall back to a font of its own for it
            el.text = BACKREF_TEXT
        if el.tag == "a" and href and href.startswith("#"):
            el.set("href", href.replace(":", "-"))
        if el.tag == "img":
            pic = used.get(el.get("src", ""))
            if pic is not None:
                el.set("width", str(pic.width))
                el.set("height", str(pic.height))
            el.attrib.pop("loading", None)
            el.attrib.pop("decoding", None)


def comic_page_document(lang: str, title: str, alt: str, pic: Picture) -> str:
    """A fixed-layout comic page: the lettered page fills a viewport of its own size."""
    head = f'<meta name="viewport" content="width={pic.width}, height={pic.height}"/>\n'
    body = f'<img src="{_a(pic.src)}" alt="{_a(alt)}" width="{pic.width}" height="{pic.height}"/>'
    return page(lang, title, body, body_class="comic-page", head_extra=head)


def transcript_document(
    lang: str,
    heading: str,
    pages: Sequence[TranscriptPage],
    page_href: Callable[[int], str],
    words: Words,
) -> str:
    """The comic's text alternative: per page, each panel's description and the text
    of its balloons in reading order, with a link back to the page image."""
    colon = words.t(lang, "colon")
    parts = [
        f'<section class="transcript"{root_attrs(lang)} aria-labelledby="tr-title">\n<h1 id="tr-title">{escape(heading)}</h1>\n'
    ]
    for p in pages:
        pid = f"page-{p.number}"
        parts.append(
            f'<section aria-labelledby="{pid}">\n<h2 id="{pid}"><a href="{_a(page_href(p.number))}">'
            f"{escape(words.t(lang, 'page_n', n=p.number))}</a></h2>\n<ol>\n"
        )
        for n, panel in enumerate(p.panels, 1):
            texts = "".join(
                f'<p class="balloon balloon-{_a(kind)}"><span class="speaker">{escape(label)}{colon}</span>'
                f"{escape(text)}</p>\n"
                for kind, label, text in panel.texts
            )
            parts.append(
                f'<li aria-label="{_a(words.t(lang, "panel_n", n=n))}">\n'
                f'<p class="panel-alt">{escape(panel.alt)}</p>\n{texts}</li>\n'
            )
        parts.append("</ol>\n</section>\n")
    parts.append("</section>")
    return page(lang, heading, "".join(parts), body_class="transcript")
