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
from policemag.comics.transcript import transcript, words
from policemag.model.lang import direction_of

LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English"}
#: Shown to readers of an edition whose direction differs from the original's.
ORDER_NOTES = {
    ("fr", "rtl"): "Cette bande dessinée se lit de droite à gauche, comme l'original : "
    "suivez les numéros des cases.",
    ("en", "rtl"): "This comic reads right to left, like the original: follow the panel numbers.",
    ("ar", "ltr"): "تُقرأ هذه القصة من اليسار إلى اليمين كالأصل: اتبع أرقام الخانات.",
}
UI = {
    "ar": {
        "other": "اقرأ أيضاً بـ",
        "alt_more": "النص الكامل في التفريغ أسفله",
        "guided": "خانة بخانة",
        "pages": "صفحات القصة",
        "next": "الخانة التالية",
        "prev": "الخانة السابقة",
        "close": "إغلاق",
    },
    "fr": {
        "other": "Lire aussi en",
        "alt_more": "texte complet dans la transcription ci-dessous",
        "guided": "Case par case",
        "pages": "Pages de la bande dessinée",
        "next": "Case suivante",
        "prev": "Case précédente",
        "close": "Fermer",
    },
    "en": {
        "other": "Also in",
        "alt_more": "full text in the transcript below",
        "guided": "Panel by panel",
        "pages": "Comic pages",
        "next": "Next panel",
        "prev": "Previous panel",
        "close": "Close",
    },
}


def asset_path(page: LetteredPage, ext: str) -> str:
    """Site path of a page's asset: ``comics/<slug>/<lang>/page-<n>.<ext>``."""
    return f"comics/{page.slug}/{page.lang}/page-{page.number}.{ext}"


def _ui(lang: str) -> dict[str, str]:
    return UI.get(lang.split("-")[0], UI["en"])


def render_comic_html(
    lettered: LetteredComic, lang: str, page_path: str, asset_url: Callable[[str], str]
) -> str:
    """The HTML fragment of the comic's page in ``lang`` (see the module's contract)."""
    comic = lettered.comic
    d = direction_of(lang)
    ui, w = _ui(lang), words(lang)
    e = escape
    slug = e(comic.slug)
    out = [
        f'<article class="pm-comic" lang="{e(lang)}" dir="{d}" data-pm-comic="{slug}"'
        f' data-pm-reading="{comic.dir}" data-pm-guided="{e(ui["guided"])}"'
        f' data-pm-next="{e(ui["next"])}"'
        f' data-pm-prev="{e(ui["prev"])}" data-pm-close="{e(ui["close"])}">',
        f"<h1>{e(comic.title[lang])}</h1>",
        f'<p class="pm-comic-summary">{e(comic.summary[lang])}</p>',
    ]
    others = [o for o in comic.languages if o != lang]
    if others:
        links = ", ".join(
            f'<a href="{e(urls.relative(page_path, urls.comic_page(comic, o)))}" hreflang="{e(o)}"'
            f' lang="{e(o)}" dir="{direction_of(o)}">{e(LANGUAGE_NAMES.get(o, o))}</a>'
            for o in others
        )
        out.append(f'<p class="pm-comic-languages">{e(ui["other"])}: {links}</p>')
    note = ORDER_NOTES.get((lang.split("-")[0], comic.dir)) if d != comic.dir else None
    if note:
        out.append(f'<p class="pm-comic-order">{e(note)}</p>')
    pages = lettered.pages[lang]
    total = len(pages)
    out.append(f'<ol class="pm-comic-pages" aria-label="{e(ui["pages"])}">')
    for page in pages:
        label = f"{w['page']} {page.number} {w['of']} {total}"
        alt = (
            f"{comic.title[lang]}، {label}: {ui['alt_more']}"
            if d == "rtl"
            else (f"{comic.title[lang]}, {label}: {ui['alt_more']}")
        )
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
    out.append(_transcript_html(lettered, lang))
    out.append("</article>")
    return "\n".join(out) + "\n"


def _transcript_html(lettered: LetteredComic, lang: str) -> str:
    comic = lettered.comic
    w = words(lang)
    e = escape
    slug = e(comic.slug)
    colon = ": " if lang.startswith("ar") else " : "
    out = [
        f'<section class="pm-comic-transcript" aria-labelledby="{slug}-transcript">',
        f'<h2 id="{slug}-transcript">{e(w["transcript"])}</h2>',
    ]
    for page in transcript(comic, lang):
        out.append(f'<h3 id="{slug}-transcript-{page.number}">{e(w["page"])} {page.number}</h3>')
        out.append('<ol class="pm-panels">')
        for panel in page.panels:
            out.append(
                f'<li class="pm-panel" data-pm-panel="{page.number}-{panel.number}">'
                f'<p class="pm-panel-alt"><span class="pm-panel-label">'
                f"{e(w['panel'])} {panel.number}{colon}</span>"
                f"{e(panel.alt)}</p>"
            )
            if panel.balloons:
                out.append('<ol class="pm-balloons">')
                for b in panel.balloons:
                    out.append(
                        f'<li class="pm-balloon pm-{e(b.kind)}" data-pm-kind="{e(b.kind)}">'
                        f'<span class="pm-kind">{e(b.label)}{colon}</span><q>{e(b.text)}</q></li>'
                    )
                out.append("</ol>")
            out.append("</li>")
        out.append("</ol>")
    out.append("</section>")
    return "\n".join(out)


def write_comic_assets(lettered: LetteredComic, site_dir: Path) -> list[str]:
    """Put every language's WebP pages (hard links to the cache, so an unchanged page keeps
    its mtime and ETag) and geometry JSON into ``site_dir``; site paths, sorted."""
    from policemag.incremental import link_or_copy

    written: list[str] = []
    for pages in lettered.pages.values():
        for page in pages:
            webp, js = asset_path(page, "webp"), asset_path(page, "json")
            target = site_dir / webp
            link_or_copy(page.webp, target)
            data = json.dumps(
                page.geometry, ensure_ascii=False, sort_keys=True, separators=(",", ":")
            )
            (site_dir / js).write_text(data + "\n", encoding="utf-8")
            written += [webp, js]
    return sorted(written)
