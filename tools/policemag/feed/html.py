"""Item bodies for the feed: the article's HTML with every URL made absolute.

An app shows ``content_html`` outside the site, so a relative ``src`` or ``href``
would point nowhere. Images go to their feed rendition (content-hashed names), links
to other articles, issues, comics and sections (:mod:`policemag.content.links`) to
their absolute web addresses, links within the article to its own page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from policemag import urls
from policemag.config import MagazineConfig
from policemag.content.figures import figures_html
from policemag.content.links import absolute_url, rewrite_links
from policemag.content.markdown import render_markdown
from policemag.feed.common import absolute
from policemag.feed.media import ComicPageMedia, MediaImage, MediaLookup, MissingMedia
from policemag.model import Article, Comic

# nh3 writes every attribute double-quoted, with '&' and '"' escaped: a regex is safe here.
_HREF = re.compile(r'\shref="([^"]*)"')


def article_html(
    article: Article,
    config: MagazineConfig,
    media: MediaLookup,
    published: Mapping[Path, Article],
    shown: frozenset[str] | None = None,
) -> str:
    """Sanitised HTML of ``article``'s body with absolute URLs.

    ``published`` maps the resolved source path of every published article to it: a
    link to an article not in it (a draft, an embargoed one) loses its ``href``, so that
    not even its file name leaves the repository. An image with no rendition in
    ``media`` (a source the build did not derive: the lint refuses it first) is left
    out, not linked to a file that does not exist. ``shown``: :func:`shown_pages` of
    ``published``, made once by a caller with many articles (else here).
    """
    page_url = absolute(config, urls.article_page(article))
    sized: dict[str, MediaImage] = {}
    # links to articles, issues, comics and sections: their absolute web addresses
    if shown is None:
        shown = shown_pages(published)
    linked = rewrite_links(article, absolute_url(config.url, shown))
    body = render_markdown(
        linked.body, _src_rewriter(article, config, media, sized), config.cache
    )
    # images with a caption or credit as <figure> (policemag.content.figures)
    credit = config.words.t(article.lang, "credit") + config.words.t(article.lang, "colon")
    body = figures_html(body, credit)
    body = _HREF.sub(lambda m: _href(m.group(1), article, page_url, config, published), body)
    # real dimensions let the app reserve space before the image arrives (no reflow)
    return _IMG.sub(lambda m: _with_size(m.group(0), sized), body)


def shown_pages(published: Mapping[Path, Article]) -> frozenset[str]:
    """``<issue>/<slug>`` of every published article: the pages links may point to."""
    return frozenset(f"{a.issue_id}/{a.slug}" for a in published.values())


_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\ssrc="([^"]*)"')


def _with_size(tag: str, sized: Mapping[str, MediaImage]) -> str:
    src = _SRC.search(tag)
    if src is None:
        return ""  # its source was dropped (rewrite): nothing to show
    image = sized.get(html.unescape(src.group(1))) if src else None
    if image is None or " width=" in tag:
        return tag
    end = -2 if tag.endswith("/>") else -1
    return f'{tag[:end].rstrip()} width="{image.width}" height="{image.height}"{tag[end:]}'


def _src_rewriter(
    article: Article, config: MagazineConfig, media: MediaLookup, sized: dict[str, MediaImage]
) -> Callable[[str], str | None]:
    by_src = {img.src: img.path for img in article.all_images}

    def rewrite(src: str) -> str | None:
        if urlsplit(src).scheme in ("http", "https"):
            return src
        source = by_src.get(src) or (article.source.parent / src).resolve()
        try:
            image = media.image(source)
        except MissingMedia:  # not an image the build made (the lint reports it): dropped
            return None
        url = absolute(config, image.path)
        sized[url] = image
        return url

    return rewrite


def _href(
    raw: str,
    article: Article,
    page_url: str,
    config: MagazineConfig,
    published: Mapping[Path, Article],
) -> str:
    value = html.unescape(raw)
    parts = urlsplit(value)
    if parts.scheme or value.startswith("//"):
        return f' href="{raw}"'
    if parts.path.endswith(".md"):
        target = published.get((article.source.parent / parts.path).resolve())
        if target is None:
            return ""
        url = absolute(config, urls.article_page(target))
        if parts.fragment:
            url += "#" + parts.fragment
        return f' href="{html.escape(url)}"'
    return f' href="{html.escape(urljoin(page_url, value))}"'


def comic_html(
    comic: Comic, lang: str, pages: tuple[ComicPageMedia, ...], config: MagazineConfig
) -> str:
    """Every lettered page as an image, each followed by its transcript.

    The transcript (panel descriptions and balloon text in reading order) is what a
    screen reader or a text-only view needs; the image alone carries no text.
    """
    out: list[str] = []
    for page, source in zip(pages, comic.pages, strict=False):
        img = page.image
        out.append(
            f'<figure><img src="{html.escape(absolute(config, img.path))}"'
            f' alt="{html.escape(page.alt)}" width="{img.width}" height="{img.height}" />'
        )
        lines: list[str] = []
        for panel in source.panels:
            if panel.alt.get(lang):
                lines.append(f"<li>{html.escape(panel.alt[lang])}</li>")
            lines.extend(
                f"<li>{html.escape(b.text[lang])}</li>" for b in panel.balloons if b.text.get(lang)
            )
        if lines:
            out.append("<figcaption><ol>" + "".join(lines) + "</ol></figcaption>")
        out.append("</figure>")
    return "".join(out)


__all__ = ["MissingMedia", "article_html", "comic_html"]
