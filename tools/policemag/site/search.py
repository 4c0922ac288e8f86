"""What the search index holds: one document per published article and per comic
language edition, newest issue first (the index is built by :mod:`policemag.search`).

Only the published magazine is given here, so a draft or an embargoed article cannot
reach the index. Articles are searched by title, summary and body text; comics by
title, summary, panel descriptions and balloon texts (their transcript).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from policemag import urls
from policemag.cache import CacheStore
from policemag.comics import LetteredComic
from policemag.comics.transcript import transcript
from policemag.config import MagazineConfig
from policemag.content.markdown import render_markdown
from policemag.i18n import Words
from policemag.model import Article, Issue, Magazine
from policemag.search.index import SearchDoc

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain_text(html_text: str) -> str:
    """Visible text of an HTML fragment, one space between words.

    >>> plain_text("<p>الأمن <strong>أولا</strong></p><p>Suite&nbsp;!</p>")
    'الأمن أولا Suite !'
    """
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", html_text))).strip()


#: Store namespace of the articles' body text (:func:`article_text`).
TEXT_NAMESPACE = "search-text"


def article_text(body: str, cache_root: Path) -> str:
    """The visible text of an article's body (Markdown, rendered and sanitised), kept in
    the store by the body: the output worker stores it as it makes the issue's EPUB
    (:func:`policemag.build.make_epub_and_copies`), so the build's own process reads
    2,000 short entries at 200 issues instead of sanitising 2,000 bodies again (0.7 s
    at the end of a cold build)."""
    store = CacheStore(cache_root, TEXT_NAMESPACE)
    key = store.key(body)
    text = store.get_text(key, ".txt")
    if text is None:
        text = plain_text(render_markdown(body, cache_root=cache_root))
        store.put_text(key, text, ".txt")
    return text


def search_docs(
    magazine: Magazine, config: MagazineConfig, comics: dict[str, LetteredComic]
) -> list[SearchDoc]:
    """Search documents of ``magazine`` (which must be the published one)."""
    cache: Path = config.cache
    ui = config.words
    docs: list[SearchDoc] = []
    seen: set[str] = set()
    # The bodies' text oldest issue first: in a cold build the output worker stores it
    # as it makes the EPUBs, newest first (policemag.jobs), while this process makes the
    # index; from opposite ends each renders half the bodies, and the other's half is
    # read (the same order, both rendered most bodies twice: 0.7 s at 30 issues).
    texts = {a.body: "" for issue in magazine.issues for a in issue.articles}
    for body in reversed(texts):
        texts[body] = article_text(body, cache)
    for issue in magazine.issues:
        for item in issue.contents:
            if isinstance(item, Article):
                body = texts[item.body]
                label = config.section_label(item.section, item.lang)
                docs.append(
                    SearchDoc(urls.article_page(item), item.title, item.lang, issue.date.isoformat(),
                              f"{label} · {_issue(issue, item.lang, ui)}", f"{item.summary} {body}")
                )
                continue
            comic = item.comic
            if comic.slug in seen or comic.slug not in comics:
                continue
            seen.add(comic.slug)
            for lang in comic.languages:
                words = [
                    text
                    for page in transcript(comic, lang, ui)
                    for panel in page.panels
                    for text in (panel.alt, *(b.text for b in panel.balloons))
                ]
                docs.append(
                    SearchDoc(urls.comic_page(comic, lang), comic.title[lang], lang,
                              issue.date.isoformat(), f"{ui.t(lang, 'comic')} · {_issue(issue, lang, ui)}",
                              " ".join([comic.summary[lang], *words]))
                )
    return docs


def _issue(issue: Issue, lang: str, words: Words) -> str:
    return f"{words.t(lang, 'issue')} {issue.number}"
