"""How an issue is named in every output: its number once, then its headline.

``issue.yml``'s ``title`` is the headline only; the build writes "العدد 112" itself. An
older issue.yml may still start its title with the number ("العدد 112: ..."): the
headline drops that prefix, so no output ever shows the number twice.

- :func:`issue_label`: "العدد 112" (the issue's language: "N° 112" in French);
- :func:`headline`: the title without a leading issue number;
- :func:`issue_title`: "العدد 112: أمنك يبدأ من يقظتك", the one title of the issue in
  the EPUB (``dc:title``), the OPDS catalogue, the issue manifest and the feed;
- :func:`creator`: who made the issue, as libraries list it (the editorial team);
- :func:`issue_languages`: the issue's language, then the others its EPUB carries.
"""

from __future__ import annotations

import re

from policemag.config import MagazineConfig
from policemag.i18n import LANGUAGES, Words, primary
from policemag.model import Article, Issue

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
#: What may separate a number written into the title from the headline.
_SEPARATOR = r"[\s:：\-–—،,.|/]*"


def issue_label(issue: Issue, words: Words) -> str:
    """The label "العدد 112", in the issue's language."""
    return words.t(issue.lang, "issue_n", n=issue.number)


def headline(issue: Issue, words: Words) -> str:
    """The issue's title without a leading "العدد 112:" (in any language we write, with
    Western or Arabic-Indic digits); the title as written otherwise."""
    title = issue.title.strip()
    folded = title.translate(_ARABIC_DIGITS)
    for lang in LANGUAGES:
        label = words.t(lang, "issue_n", n=issue.number)
        match = re.match(re.escape(label) + r"(?!\d)" + _SEPARATOR, folded, flags=re.IGNORECASE)
        if match:
            return title[match.end() :].strip()
    return title


def issue_title(issue: Issue, words: Words) -> str:
    """The title "العدد 112: <headline>", or the label alone when there is no headline."""
    rest = headline(issue, words)
    label = issue_label(issue, words)
    return f"{label}{words.t(issue.lang, 'colon')}{rest}" if rest else label


def magazine_title(lang: str, config: MagazineConfig) -> str:
    """The magazine's name in ``lang``: the French name for French, else the main one."""
    return config.title_fr if primary(lang) == "fr" else config.title


def creator(issue: Issue, config: MagazineConfig) -> str:
    """The issue's creator: the magazine's editorial team, in the issue's language."""
    words = config.words
    return words.t(issue.lang, "editorial_team", magazine=magazine_title(issue.lang, config))


def issue_languages(issue: Issue) -> list[str]:
    """The issue's language first, then every other language of its contents in
    reading order: articles, and each comic in the edition its EPUB carries
    (:func:`policemag.epub.comicpages.edition_lang`). EPUB ``dc:language``, OPDS and
    the manifest list exactly these."""
    from policemag.epub.comicpages import edition_lang

    out = [issue.lang]
    for entry in issue.contents:
        lang = entry.lang if isinstance(entry, Article) else edition_lang(entry.comic, issue.lang)
        if lang not in out:
            out.append(lang)
    return out
