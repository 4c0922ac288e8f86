"""The comic's web page fragment and its assets in site/.

Contract of :func:`render_comic_html`: a fragment, in ``lang`` with its ``dir``, holding
the title, the summary, links to the other language editions (``hreflang``), every page
image (``width``/``height``, ``alt``, lazy after the first) and the transcript as
headings and ordered lists, balloons marked by kind. The guided view (one panel at a
time, arrow keys following the reading direction) is progressive enhancement: the
``data-*`` attributes here, overrides/assets/javascripts/comic.js adds the button. The
fragment needs no script to be complete.

:func:`write_comic_assets` copies the WebP pages and their geometry JSON to
``comics/<slug>/<lang>/page-<n>.webp|.json`` and returns the site paths (sorted).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from pathlib import Path

from policemag import urls
from policemag.comics.pages import LetteredComic, LetteredPage
from policemag.comics.transcript import DEFAULT_WORDS, SPOKEN, transcript
from policemag.i18n import Words, language_name
from policemag.model.lang import direction_of


def asset_path(page: LetteredPage, ext: str) -> str:
    """Site path of a page's asset: ``comics/<slug>/<lang>/page-<n>.<ext>``."""
    return f"comics/{page.slug}/{page.lang}/page-{page.number}.{ext}"


def render_comic_html(
    lettered: LetteredComic,
    lang: str,
    page_path: str,
    asset_url: Callable[[str], str],
    words: Words = DEFAULT_WORDS,
) -> str:
    """The HTML fragment of the comic's page in ``lang`` (see the module's contract);
    interface words in ``lang``, or in the magazine's language (``words.lang``)."""
    comic = lettered.comic
    d = direction_of(lang)

    def ui(key: str, **fields: object) -> str:
        return words.t(lang, key, **fields)

    e = escape
    slug = e(comic.slug)
    out = [
        f'<article class="pm-comic" lang="{e(lang)}" dir="{d}" data-pm-comic="{slug}"'
        f' data-pm-reading="{comic.dir}" data-pm-guided="{e(ui("comic_guided"))}"'
        f' data-pm-next="{e(ui("comic_next"))}"'
        f' data-pm-prev="{e(ui("comic_prev"))}" data-pm-close="{e(ui("comic_close"))}"'
        # templates the guided view fills in: "page 2 of 3", "panel 1 of 2"
        f' data-pm-page-of="{e(ui("page_of", n="{n}", total="{total}"))}"'
        f' data-pm-panel-of="{e(ui("panel_of", n="{n}", total="{total}"))}">',
        f"<h1>{e(comic.title[lang])}</h1>",
        f'<p class="pm-comic-summary">{e(comic.summary[lang])}</p>',
    ]
    others = [o for o in comic.languages if o != lang]
    if others:
        links = ", ".join(
            f'<a href="{e(urls.relative(page_path, urls.comic_page(comic, o)))}" hreflang="{e(o)}"'
            f' lang="{e(o)}" dir="{direction_of(o)}">{e(language_name(o))}</a>'
            for o in others
        )
        out.append(f'<p class="pm-comic-languages">{e(ui("comic_other"))}: {links}</p>')
    if d != comic.dir:
        note = ui(f"comic_order_{comic.dir}")
        out.append(f'<p class="pm-comic-order">{e(note)}</p>')
    pages = lettered.pages[lang]
    total = len(pages)
    out.append(f'<ol class="pm-comic-pages" aria-label="{e(ui("comic_pages"))}">')
    for page in pages:
        label = ui("page_of", n=page.number, total=total)
        alt = f"{comic.title[lang]}{ui('comma')}{label}: {ui('comic_alt_more')}"
        lazy = ' loading="lazy"' if page.number > 1 else ""
        out.append(
            f'<li><figure class="pm-comic-page" id="{slug}-page-{page.number}"'
            f' data-pm-geometry="{e(asset_url(asset_path(page, "json")))}">'
            f'<img src="{e(asset_url(asset_path(page, "webp")))}"'
            f' width="{page.width}" height="{page.height}"'
            f' alt="{e(alt)}"{lazy} decoding="async">'
            f'<figcaption><a href="#{slug}-transcript-{page.number}">{e(label)}</a></figcaption>'
            "</figure></li>"
        )
    out.append("</ol>")
    out.append(_transcript_html(lettered, lang, words))
    out.append("</article>")
    return "\n".join(out) + "\n"


def _transcript_html(lettered: LetteredComic, lang: str, words: Words) -> str:
    comic = lettered.comic
    e = escape
    slug = e(comic.slug)
    colon = words.t(lang, "colon")
    out = [
        f'<section class="pm-comic-transcript" aria-labelledby="{slug}-transcript">',
        f'<h2 id="{slug}-transcript">{e(words.t(lang, "transcript"))}</h2>',
    ]
    for page in transcript(comic, lang, words):
        page_n = words.t(lang, "page_n", n=page.number)
        out.append(f'<h3 id="{slug}-transcript-{page.number}">{e(page_n)}</h3>')
        out.append('<ol class="pm-panels">')
        for panel in page.panels:
            out.append(
                f'<li class="pm-panel" data-pm-panel="{page.number}-{panel.number}">'
                f'<p class="pm-panel-alt"><span class="pm-panel-label">'
                f"{e(words.t(lang, 'panel_n', n=panel.number))}{colon}</span>"
                f"{e(panel.alt)}</p>"
            )
            if panel.balloons:
                out.append('<ol class="pm-balloons">')
                for b in panel.balloons:
                    # speech is quoted; narration and sound effects are not
                    said = (
                        f"<q>{e(b.text)}</q>" if b.kind in SPOKEN else f"<span>{e(b.text)}</span>"
                    )
                    who = " pm-who" if b.speaker else ""
                    out.append(
                        f'<li class="pm-balloon pm-{e(b.kind)}" data-pm-kind="{e(b.kind)}">'
                        f'<span class="pm-kind{who}">{e(b.label)}{colon}</span>{said}</li>'
                    )
                out.append("</ol>")
            out.append("</li>")
        out.append("</ol>")
    out.append("</section>")
    return "\n".join(out)


def write_comic_assets(lettered: LetteredComic, site_dir: Path) -> list[str]:
    """Put every language's WebP pages (hard links to the cache, so an unchanged page keeps
    its mtime and ETag) and geometry JSON into ``site_dir``; site paths, sorted."""
    from policemag.cache import atomic_link, atomic_write_text

    written: list[str] = []
    for pages in lettered.pages.values():
        for page in pages:
            webp, js = asset_path(page, "webp"), asset_path(page, "json")
            target = site_dir / webp
            atomic_link(page.webp, target)
            data = json.dumps(
                page.geometry, ensure_ascii=False, sort_keys=True, separators=(",", ":")
            )
            atomic_write_text(site_dir / js, data + "\n")
            written += [webp, js]
    return sorted(written)
