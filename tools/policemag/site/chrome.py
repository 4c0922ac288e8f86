"""What the theme's templates print around every page: the masthead, the section bar,
the search link and the footer (overrides/partials/*.html read it as ``pm``).

The frame of every page is the magazine's (Arabic, right to left), whatever the
language of the page's own content: the menu, the search and the footer stay where a
reader left them (docs/web.md, "One frame"). So these words are in the magazine's
language, and the footer adds the publisher's name in French for French readers.
Values (publisher, contact, social accounts) are the ``footer:`` settings of mkdocs.yml;
words are policemag.i18n's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from policemag import urls
from policemag.config import MagazineConfig
from policemag.i18n import primary
from policemag.model import Magazine
from policemag.model.lang import direction_of
from policemag.site.fonts import FONTS
from policemag.titles import issue_label

#: The app developers' page (docs/app-feed.md), in the footer, not the readers' menu.
DEVELOPERS = urls.DEVELOPERS
ABOUT = "about/"


def _tel(number: str) -> str:
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def site_chrome(magazine: Magazine, config: MagazineConfig, pages: Iterable[str]) -> dict[str, Any]:
    """The ``pm`` context of the templates. ``pages``: the site paths the build
    publishes (the footer links only to pages that exist)."""
    have = set(pages)
    lang, words = config.lang, config.words
    t = words.t
    bar: list[dict[str, str]] = []
    if magazine.latest is not None:
        bar.append({"title": issue_label(magazine.latest, words), "path": urls.issue_page(magazine.latest), "section": ""})
    for section in magazine.sections():
        bar.append({"title": config.section_label(section, lang), "path": urls.section_page(section), "section": section})
    bar.append({"title": t(lang, "archive"), "path": urls.ARCHIVE, "section": ""})
    footer = config.footer
    other = "fr" if primary(lang) != "fr" else "ar"
    links = [
        (t(lang, "about"), ABOUT),
        (t(lang, "legal"), footer.legal),
        (t(lang, "archive"), urls.ARCHIVE),
        (t(lang, "developers"), DEVELOPERS),
    ]
    contact = []
    if footer.text("address", lang):
        contact.append({"label": "", "text": footer.text("address", lang), "href": ""})
    if footer.phone:
        contact.append({"label": t(lang, "phone"), "text": footer.phone, "href": _tel(footer.phone), "ltr": "1"})
    if footer.email:
        contact.append({"label": t(lang, "email"), "text": footer.email, "href": "mailto:" + footer.email, "ltr": "1"})
    if footer.emergency:
        contact.append(
            {"label": t(lang, "emergency"), "text": footer.emergency, "href": _tel(footer.emergency), "ltr": "1", "strong": "1"}
        )
    year = magazine.latest.date.year if magazine.latest else None
    publisher = footer.text("publisher", lang)
    return {
        "lang": lang,
        "dir": direction_of(lang),
        "title": config.title,
        "title_fr": config.title_fr,
        "other_lang": other,
        "home_label": t(lang, "masthead_home", magazine=config.title),
        "search": t(lang, "search"),
        "sections": t(lang, "sections_bar"),
        "bar": bar,
        # both faces are on every page (Arabic letters; digits and French are Latin):
        # fetched with the stylesheets, so the first paint has them and nothing reflows
        "preload_fonts": [f"assets/fonts/{f.out_name}" for f in FONTS],
        "footer": {
            "publisher": publisher,
            "publisher_other": footer.text("publisher", other) if footer.text("publisher", other) != publisher else "",
            "publisher_label": t(lang, "publisher"),
            "contact_label": t(lang, "contact"),
            "contact": contact,
            "follow_label": t(lang, "follow"),
            "social": [
                {"name": s.name, "url": s.url, "icon": s.icon or f"fontawesome/brands/{s.name.lower().replace(' ', '-')}"}
                for s in footer.social
            ],
            "links_label": config.title,
            "links": [{"title": title, "path": path} for title, path in links if path and path in have],
            "year": year,
        },
    }
