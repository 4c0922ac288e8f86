"""Names that become URLs: issue folders, article files, comic folders (E041, E042).

An issue folder's name is its URL at the site's top (``/2026-11-n112/``), an article's
file name its page (``/2026-11-n112/proximity-station/``) and the last part of its id, a
comic's folder its pages (``/comics/phone-scam/``). So:

* an **issue folder** is named ``<yyyy-mm>-n<number>`` (``2026-11-n112``), as
  ``policemag new-issue`` makes it: no name the build writes at the top of the site
  (``feed.json``, ``search``, ``sitemap.xml``...) can be one;
* an **article file** and a **comic folder** are named with lowercase ASCII letters,
  digits and '-' (``proximity-station.md``): no ``#``, ``?``, ``%`` or space, which
  would need escaping in every link (a ``#`` cuts the URL), no capitals (two names
  differing in case are one file on some computers), no Arabic or accented letters
  (percent-encoded in every URL and id: ``مقال`` is ``%D9%85%D9%82%D8%A7%D9%84``); and
  not ``index``, the issue's own page.

docs/editors.md ("Names") says the same for editors.
"""

from __future__ import annotations

import re
from pathlib import Path

from policemag.errors import ErrorLog

ISSUE_FOLDER = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])-n[1-9][0-9]{0,5}")
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?")
#: What the build writes at the top of the site (besides the pages of pages/).
TOP_LEVEL = frozenset(
    {
        "404.html", "archive", "assets", "comics", "developers", "epub", "feed", "feed.json",
        "index.html", "media", "opds.json", "robots.txt", "search", "search-index",
        "sections", "sitemap.xml", "sitemap.xml.gz",
    }
)
#: Names an article or comic may not take: their folder's own page.
RESERVED_SLUGS = frozenset({"index"})


def generated_top_level(root: Path) -> set[str]:
    """Every top-level name of the site: :data:`TOP_LEVEL`, the numbered feed and
    catalogue pages, and the pages of pages/ (``about.md`` is ``about/``)."""
    names = set(TOP_LEVEL)
    pages = root / "pages"
    if pages.is_dir():
        for item in pages.iterdir():
            names.add(item.stem if item.suffix == ".md" else item.name)
    return names


def check_issue_folder(folder: Path, root: Path, log: ErrorLog) -> bool:
    """False (and E041 or E042) when ``folder``'s name cannot be an issue's URL."""
    name = folder.name
    if ISSUE_FOLDER.fullmatch(name):
        return True
    taken = name in generated_top_level(root) or re.fullmatch(r"(feed|opds)-[0-9]+\.json", name)
    if taken:
        log.add(folder / "issue.yml", 0, "E041",
                f"issue folder '{name}' has the name of a page or file the build writes at the"
                " top of the site: name it <yyyy-mm>-n<number>, e.g. 2026-11-n112")
    else:
        log.add(folder / "issue.yml", 0, "E042",
                f"issue folder '{name}' is not named <yyyy-mm>-n<number> (e.g. 2026-11-n112):"
                " the name is the issue's address on the site")
    return False


def slug_problem(name: str, what: str) -> tuple[str, str] | None:
    """(code, message) when ``name`` (an article file's stem, a comic folder) cannot be
    a page name, else None.

    >>> slug_problem("proximity-station", "article")
    >>> slug_problem("index", "article")[0]
    'E041'
    >>> slug_problem("a#b", "article")[1]
    "article file name 'a#b' needs escaping in a URL ('#'): use lowercase letters a-z, digits and '-'"
    """
    if name in RESERVED_SLUGS:
        return "E041", f"{what} name '{name}' is the name of its folder's own page: choose another"
    if SLUG.fullmatch(name):
        return None
    bad = sorted({c for c in name if not re.fullmatch(r"[a-z0-9-]", c)})
    if not bad:
        why = "must start and end with a letter or digit and have at most 80 characters"
    elif any(c in "#?%& /\\\"'<>" or c.isspace() for c in bad):
        why = "needs escaping in a URL (" + ", ".join(repr(c) for c in bad if not c.isalnum()) + ")"
    elif any(c.isupper() for c in bad):
        why = "has capitals (two names differing only in case are one file on some computers)"
    elif any(ord(c) > 127 for c in bad):
        why = "has letters outside a-z (they would be percent-encoded in every URL and id)"
    else:
        why = "has characters other than a-z, 0-9 and '-' (" + ", ".join(repr(c) for c in bad) + ")"
    noun = "article file name" if what == "article" else f"{what} folder name"
    return "E042", f"{noun} '{name}' {why}: use lowercase letters a-z, digits and '-'"
