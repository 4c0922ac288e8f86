"""Links between articles, issues, comics and sections: written, found, checked, and
rewritten for each edition.

How an editor writes them (docs/editors.md, "Links"):

* an article: its file, relative to the article that links, as GitHub shows it:
  ``[text](other.md)`` in the same issue, ``[text](../2026-10-n111/other.md)`` in
  another, with an optional ``#heading``;
* an issue: ``[text](issue:111)``, by its number;
* a comic: ``[text](comic:phone-scam)``, by its folder (the edition in the article's
  language when the comic has one, else its first);
* a section: ``[text](section:news)``, a slug declared in mkdocs.yml.

Everything else is left as written: full addresses (``https://``, ``mailto:``,
``tel:``) and links within the page (``#heading``). Any other relative link (an image,
a PDF, a folder, ``/about/``) is an error: nothing but those four kinds is published
at a known address.

:func:`find_links` finds destinations as Python-Markdown reads them (inline links,
reference definitions, raw ``<a href>``), outside code, with their line and span;
:func:`resolve_links` turns each into a :class:`~policemag.model.Link` (E060 when the
target does not exist, with a did-you-mean); :func:`check_publication` refuses a link
that would give away the address of something not yet published (E061); and
:func:`rewrite_links` puts each edition's URL in place of what the editor wrote:
relative URLs on the web, in-book hrefs in the EPUB (absolute URLs for other issues),
absolute URLs in the feed. Every scan here is linear in the body's length.
"""

from __future__ import annotations

import bisect
import difflib
import html
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

import markdown

from policemag import urls
from policemag.content.markdown import EXTENSIONS, extension_configs
from policemag.errors import ErrorLog
from policemag.model import Article, Comic, ComicRef, Issue, Link, Magazine

#: The written forms of links to things that are not files.
SCHEMES = ("issue", "comic", "section")
#: Destinations left as written: addresses outside the magazine.
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_FENCE_OPEN = re.compile(r"(?:~{3,}|`{3,})", re.MULTILINE)
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)
#: After "](": the destination, <in angle brackets> or without spaces (one level of
#: balanced parentheses), then an optional title, then ")". Possessive: no backtracking.
_DESTINATION = re.compile(
    r"[ \t]*+\n?[ \t]*+(?:<([^<>\n]*+)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*+\))++))"
    r"(?:\s++(?:\"[^\"]*+\"|'[^']*+'|\([^()]*+\)))?\s*+\)",
)
#: A reference definition, as Python-Markdown's ReferenceProcessor reads it.
_REF_DEF = re.compile(r"^[ ]{0,3}\[([^\[\]\n]*)\]:[ \t]*+\n?[ \t]*+(<[^<>\n]*>|\S+)", re.MULTILINE)
#: An href in a raw HTML <a> tag (the tag scanned once, up to its end).
_HTML_HREF = re.compile(
    r"<a\b[^<>]*?\shref\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>]+))", re.IGNORECASE
)


@dataclass(frozen=True)
class FoundLink:
    """A destination as written: its span in the body, its 0-based line there, and
    whether it sits in a raw HTML attribute."""

    start: int
    end: int
    line: int
    dest: str
    html: bool = False


# ---------------------------------------------------------------- finding


def find_links(body: str) -> list[FoundLink]:
    """Every link destination Python-Markdown would see in ``body``, in order: inline
    links (not images), reference definitions and ``<a href>`` in raw HTML, outside
    fenced code and code spans.

    >>> [(f.line, f.dest) for f in find_links("see [x](a.md) and\\n[y](<b c.md> 'b')\\n\\n`[z](c.md)`")]
    [(0, 'a.md'), (1, 'b c.md')]
    >>> [f.dest for f in find_links("[![alt](p.jpg)](issue:3)\\n\\n[r]: section:news")]
    ['issue:3', 'section:news']
    """
    if "[" not in body and "href" not in body.lower():
        return []
    text = _mask_code(body)
    breaks = [m.start() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_left(breaks, offset)

    found: list[FoundLink] = []
    if "](" in text:
        for offset, chunk in _chunks(text):
            if "](" not in chunk:
                continue
            for opening, closing in _bracket_pairs(chunk):
                if opening > 0 and chunk[opening - 1] == "!" and not _escaped(chunk, opening - 1):
                    continue  # an image: the body lint checks those
                if not chunk.startswith("(", closing + 1):
                    continue
                m = _DESTINATION.match(chunk, closing + 2)
                if m is None:
                    continue
                group = 1 if m.group(1) is not None else 2
                start, end = offset + m.start(group), offset + m.end(group)
                found.append(FoundLink(start, end, line_of(start), body[start:end]))
    if "]:" in text:
        for m in _REF_DEF.finditer(text):
            if m.group(1).startswith("^"):
                continue  # a footnote
            start, end = m.start(2), m.end(2)
            if text[start] == "<":
                start, end = start + 1, end - 1
            found.append(FoundLink(start, end, line_of(start), body[start:end]))
    if "href" in text.lower():
        for m in _HTML_HREF.finditer(text):
            group = next(g for g in (1, 2, 3) if m.group(g) is not None)
            start, end = m.start(group), m.end(group)
            found.append(FoundLink(start, end, line_of(start), html.unescape(body[start:end]), True))
    return sorted(found, key=lambda f: f.start)


def _mask_code(body: str) -> str:
    """``body`` with HTML comments, fenced code blocks and code spans blanked (same
    length, newlines kept): a link written in code or in a comment is text."""
    body = _mask_comments(body)
    if "`" not in body and "~~~" not in body:
        return body
    chars = list(body)
    lines = body.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    n = 0
    while n < len(lines):
        m = _FENCE_OPEN.match(lines[n])
        if m:
            fence = m.group()
            for end in range(n + 1, len(lines)):
                if lines[end].rstrip(" ") == fence:
                    for k in range(starts[n], starts[end] + len(lines[end])):
                        if chars[k] != "\n":
                            chars[k] = " "
                    n = end
                    break
        n += 1
    masked = "".join(chars)
    if "`" not in masked:
        return masked
    for number, line in enumerate(masked.split("\n")):
        if "`" in line:
            for a, b in _code_spans(line):
                for k in range(starts[number] + a, starts[number] + b):
                    chars[k] = " "
    return "".join(chars)


def _mask_comments(text: str) -> str:
    """``text`` with each ``<!-- ... -->`` blanked (an unclosed one runs to the end, as in
    HTML); one pass."""
    if "<!--" not in text:
        return text
    out: list[str] = []
    at = 0
    while True:
        start = text.find("<!--", at)
        if start < 0:
            out.append(text[at:])
            return "".join(out)
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        out += [text[at:start], re.sub(r"[^\n]", " ", text[start:end])]
        at = end


def _code_spans(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each code span on ``line``: a run of backticks closed by the
    next run of the same length (Python-Markdown's rule), in linear time."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"(?<!\\)`+", line)]
    following: dict[int, int] = {}
    next_of_length: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        length = runs[k][1] - runs[k][0]
        if length in next_of_length:
            following[k] = next_of_length[length]
        next_of_length[length] = k
    k = 0
    while k < len(runs):
        if k in following:
            yield runs[k][0], runs[following[k]][1]
            k = following[k] + 1
        else:
            k += 1


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, chunk) for each run of text between blank lines."""
    start = 0
    for m in re.finditer(r"\n[ \t\r]*\n", text):
        yield start, text[start : m.start()]
        start = m.end()
    yield start, text[start:]


def _bracket_pairs(chunk: str) -> list[tuple[int, int]]:
    """(opening, closing) of every matched pair of unescaped square brackets."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for m in _BRACKET.finditer(chunk):
        token = m.group()
        if token == "[":
            stack.append(m.start())
        elif token == "]" and stack:
            pairs.append((stack.pop(), m.start()))
    return sorted(pairs)


def _escaped(text: str, at: int) -> bool:
    n = at
    while n > 0 and text[n - 1] == "\\":
        n -= 1
    return (at - n) % 2 == 1


# ---------------------------------------------------------------- resolving


def is_internal(dest: str) -> bool:
    """True when ``dest`` names something of the magazine (a relative path or one of
    :data:`SCHEMES`), False for addresses outside it and links within the page."""
    if not dest or dest.startswith(("#", "?", "//")):
        return False
    m = _SCHEME.match(dest)
    if m and len(m.group(1)) > 1:  # "C:" is not a scheme an editor means
        return m.group(1).lower() in SCHEMES
    return True


class _Index:
    """What links can point at, from the whole magazine as read (drafts included)."""

    def __init__(self, issues: Sequence[Issue], comics: dict[str, Comic], root: Path, log: ErrorLog) -> None:
        self.root = root
        self.log = log
        self.articles: dict[str, tuple[Article, Issue]] = {}
        self.issues = {i.number: i for i in issues}
        self.comics = comics
        self.ids: dict[str, set[str]] = {}
        for issue in issues:
            for article in issue.articles:
                self.articles[self.rel(article.source)] = (article, issue)

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def missing_heading(self, article: Article, fragment: str, dest: str) -> str | None:
        """Why ``#fragment`` names no heading of ``article`` (None when it does): the
        EPUB refuses a link to an id its document does not have."""
        key = self.rel(article.source)
        if key not in self.ids:
            self.ids[key] = heading_ids(article.body)
        ids = self.ids[key]
        if unquote(fragment) in ids:
            return None
        hint = difflib.get_close_matches(unquote(fragment), sorted(ids), n=1, cutoff=0.5)
        tip = f" (did you mean '#{hint[0]}'?)" if hint else ""
        where = "this article" if dest.startswith("#") else key
        return f"link '{dest}': no heading with the id '{fragment}' in {where}{tip}"


def heading_ids(body: str) -> set[str]:
    """The ids of ``body``'s headings as every edition writes them (the one Markdown
    configuration's toc: Arabic letters kept, lower case; ``{#id}`` as written)."""
    if "#" not in body and "\n==" not in body and "\n--" not in body:
        return set()
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=extension_configs())
    md.convert(body)
    ids: set[str] = set()
    stack = list(getattr(md, "toc_tokens", []))
    while stack:
        token = stack.pop()
        ids.add(str(token["id"]))
        stack.extend(token.get("children", []))
    return ids


def resolve_links(
    issues: Sequence[Issue], comics: dict[str, Comic], root: Path, log: ErrorLog
) -> list[Issue]:
    """``issues`` with every article's links found and resolved (``Article.links``);
    E060 for a link whose target does not exist or that is written in a form the
    editions cannot publish."""
    index = _Index(issues, comics, root, log)
    out: list[Issue] = []
    for issue in issues:
        contents: list[Article | ComicRef] = []
        for entry in issue.contents:
            if isinstance(entry, Article):
                links = tuple(_resolved(entry, index, log))
                if links:
                    entry = replace(entry, links=links)
            contents.append(entry)
        out.append(replace(issue, contents=tuple(contents)))
    return out


def _resolved(article: Article, index: _Index, log: ErrorLog) -> Iterator[Link]:
    for found in find_links(article.body):
        line = article.body_line + found.line
        if found.dest.startswith("#") and len(found.dest) > 1:
            problem = index.missing_heading(article, found.dest[1:], found.dest)
            if problem:
                log.add(article.source, line, "E060", problem)
            continue
        if not is_internal(found.dest):
            continue
        target = _target(found.dest, article, index)
        if target is None:
            continue
        if isinstance(target, str):
            log.add(article.source, line, "E060", target)
            continue
        kind, key, path, fragment = target
        if fragment and kind != "article":
            log.add(article.source, line, "E060",
                    f"link '{found.dest}': only a link to an article can go to one of its headings (#...)")
            continue
        if fragment:
            problem = index.missing_heading(index.articles[key_path(key)][0], fragment, found.dest)
            if problem:
                log.add(article.source, line, "E060", problem)
                continue
        yield Link(found.start, found.end, line, found.dest, kind, key, path, fragment, found.html)


def key_path(key: str) -> str:
    """The repository path of the article ``<issue-id>/<slug>``."""
    return f"issues/{key}.md"


_Target = tuple[str, str, str, str]  # kind, key, site path, fragment


def _target(dest: str, article: Article, index: _Index) -> _Target | str | None:
    """The target of ``dest`` written in ``article``, or the message of what is wrong
    (None: nothing to say, another error covers it)."""
    m = _SCHEME.match(dest)
    if m and len(m.group(1)) > 1:
        scheme = m.group(1).lower()
        value, _, fragment = dest[m.end() :].partition("#")
        return _named_target(scheme, value.strip(), fragment, dest, article, index)
    if dest.startswith(("/", "\\")):
        return (f"link '{dest}' starts with '/': write a path relative to this article"
                " (other.md, ../2026-10-n111/other.md), issue:N, comic:slug or section:slug;"
                " for another site, a full https:// address")
    written, _, fragment = dest.partition("#")
    written = written.partition("?")[0]
    if not written:
        return f"link '{dest}' has no target"
    folder = posixpath.dirname(index.rel(article.source))
    where = posixpath.normpath(posixpath.join(folder, unquote(written)))
    if where == ".." or where.startswith("../"):
        return f"link '{dest}' points outside the repository"
    if where.endswith(".md"):
        found = index.articles.get(where)
        if found is not None:
            target, _ = found
            return "article", f"{target.issue_id}/{target.slug}", urls.article_page(target), fragment
        return _missing_article(dest, written, where, folder, index)
    parts = where.split("/")
    if parts[0] == "issues" and len(parts) in (2, 3) and (len(parts) == 2 or parts[2] == "issue.yml"):
        number = next((n for n, i in index.issues.items() if i.id == parts[1]), None)
        hint = f"issue:{number}" if number is not None else "issue:N (its number)"
        return f"link '{dest}': to link to an issue, write {hint}"
    if parts[0] == "comics" and len(parts) in (2, 3):
        return f"link '{dest}': to link to a comic, write comic:{parts[1]}"
    if "@" in written and "/" not in written:
        return f"link '{dest}': an e-mail address is written mailto:{written}"
    what = "an image is shown with ![alt](path), not linked" if _is_image(where) else (
        "only articles (.md), issues, comics and sections have an address on the site")
    return (f"link '{dest}': {what}; write other.md, ../<issue>/other.md, issue:N, comic:slug"
            " or section:slug, or a full https:// address")


def _is_image(path: str) -> bool:
    return path.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"))


def _missing_article(dest: str, written: str, where: str, folder: str, index: _Index) -> str | None:
    """Why ``where`` is no article, with the closest name; None when the file is an
    article with errors of its own (reported already: once fixed, the link works)."""
    path = index.root / where
    if any(e.path == where and e.severity == "error" for e in index.log.items):
        return None
    if path.is_file():
        if where.startswith("issues/") and where.count("/") == 2:
            return (f"link '{dest}': {where} is not listed in the contents of"
                    f" {posixpath.dirname(where)}/issue.yml, so it is never published")
        return (f"link '{dest}': {where} is not an article of an issue; links go to articles"
                " (issues/<issue>/<file>.md), issue:N, comic:slug or section:slug")
    known = set(index.articles)
    target_folder = index.root / posixpath.dirname(where)
    if target_folder.is_dir():  # articles that could not be read count too
        known |= {posixpath.join(posixpath.dirname(where), f.name) for f in target_folder.glob("*.md")}
    candidates = {posixpath.relpath(p, folder): p for p in sorted(known)}
    hint = difflib.get_close_matches(written, list(candidates), n=1, cutoff=0.6)
    if not hint and "/" not in written:  # the name alone, against every issue's articles
        names = {posixpath.basename(p): posixpath.relpath(p, folder) for p in sorted(known)}
        close = difflib.get_close_matches(written, list(names), n=1, cutoff=0.6)
        hint = [names[close[0]]] if close else []
    tip = f" (did you mean '{hint[0]}'?)" if hint else ""
    return f"link '{dest}': no article {where}{tip}"


def _named_target(
    scheme: str, value: str, fragment: str, dest: str, article: Article, index: _Index
) -> _Target | str:
    if scheme == "issue":
        number = int(value) if value.isdigit() and len(value) < 10 else None
        if number is None:
            by_id = next((n for n, i in index.issues.items() if i.id == value), None)
            tip = f" (did you mean 'issue:{by_id}'?)" if by_id is not None else ""
            return f"link '{dest}': write the issue's number, e.g. issue:112{tip}"
        issue = index.issues.get(number)
        if issue is None:
            known = sorted(index.issues, key=lambda n: abs(n - number))[:3]
            tip = f" (issues: {', '.join(str(n) for n in sorted(known))})" if known else ""
            return f"link '{dest}': there is no issue {number}{tip}"
        return "issue", issue.id, urls.issue_page(issue), fragment
    if scheme == "comic":
        comic = index.comics.get(value)
        if comic is None:
            hint = difflib.get_close_matches(value, list(index.comics), n=1, cutoff=0.6)
            tip = f" (did you mean 'comic:{hint[0]}'?)" if hint else f" (no comics/{value}/comic.yml)"
            return f"link '{dest}': unknown comic '{value}'{tip}"
        lang = _edition(comic, article.lang)
        return "comic", comic.slug, urls.comic_page(comic, lang), fragment
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        return f"link '{dest}': a section is written by its slug, e.g. section:news"
    return "section", value, urls.section_page(value), fragment


def _edition(comic: Comic, lang: str) -> str:
    """The comic's edition a reader of ``lang`` is sent to: that language, or one of
    the same primary language, else the comic's first."""
    if lang in comic.languages:
        return lang
    primary = lang.split("-")[0].lower()
    return next((c for c in comic.languages if c.split("-")[0].lower() == primary), comic.languages[0])


# ---------------------------------------------------------------- publication

#: When something is published: never (a draft), or from an instant (None: always).
_Release = tuple[bool, datetime | None, str]  # (ever, from, why it waits)


def check_publication(
    magazine: Magazine, now: datetime, log: ErrorLog, sections: Collection[str] | None = None
) -> None:
    """E061 for each link from an article to something that would not be published
    while that article is: a draft, or an embargo lifting later than the article's own
    (and not yet lifted at ``now``). The link would give the target's address away,
    and the web edition would link to a page that does not exist. Links between
    articles that wait for the same instant are fine, and so is anything published by
    ``now``: the verdict only ever gets milder as time passes.

    With ``sections`` (the declared slugs), a link to any other section is E060.
    """
    issue_release = {i.id: _issue_release(i) for i in magazine.issues}
    articles: dict[str, tuple[Article, _Release]] = {}
    for issue in magazine.issues:
        for a in issue.articles:
            articles[f"{a.issue_id}/{a.slug}"] = (a, _article_release(a, issue_release[issue.id]))
    comic_release: dict[str, _Release] = {}
    section_release: dict[str, _Release] = {}
    for issue in magazine.issues:
        for slug in (c.slug for c in issue.comics):
            comic_release[slug] = _earliest(comic_release.get(slug), issue_release[issue.id])
    for _, (a, release) in articles.items():
        section_release[a.section] = _earliest(section_release.get(a.section), release)
    for _, (article, own) in sorted(articles.items()):
        if not own[0] or not article.links:
            continue  # never published: its links leak nothing
        start = max(now, own[1]) if own[1] is not None else now
        for link in article.links:
            if link.kind == "section" and sections is not None and link.key not in sections:
                continue  # reported by check_section_links
            target = _release_of(link, articles, issue_release, comic_release, section_release)
            ever, when, why = target
            if ever and (when is None or when <= start):
                continue
            what = _what(link)
            if not ever:
                log.add(article.source, link.line, "E061",
                        f"link '{link.dest}': {what} {why}: the link would give its address"
                        " away; remove it until that is published")
            else:
                assert when is not None
                log.add(article.source, link.line, "E061",
                        f"link '{link.dest}': {what} {why} {when.isoformat()}, and this article"
                        " is published before then: the link would give its address away;"
                        " remove it, or give this article an embargo at least as late")


def _what(link: Link) -> str:
    if link.kind == "article":
        return f"the article issues/{link.key}.md"
    if link.kind == "issue":
        return f"the issue {link.key}"
    return f"the {link.kind} '{link.key}'"


def _issue_release(issue: Issue) -> _Release:
    if issue.draft:
        return False, None, f"is in issues/{issue.id}, a draft"
    return True, issue.embargo, f"is in issues/{issue.id}, under embargo until"


def _article_release(article: Article, issue: _Release) -> _Release:
    if not issue[0]:
        return issue
    if article.draft:
        return False, None, "is a draft"
    if article.embargo is not None and (issue[1] is None or article.embargo > issue[1]):
        return True, article.embargo, "is under embargo until"
    return issue


def _earliest(a: _Release | None, b: _Release) -> _Release:
    """The release of something shown as soon as either ``a`` or ``b`` is."""
    if a is None or not a[0]:
        return b if (a is None or b[0]) else a
    if not b[0]:
        return a
    if a[1] is None or (b[1] is not None and a[1] <= b[1]):
        return a
    return b


def _release_of(
    link: Link,
    articles: dict[str, tuple[Article, _Release]],
    issues: dict[str, _Release],
    comics: dict[str, _Release],
    sections: dict[str, _Release],
) -> _Release:
    if link.kind == "article":
        found = articles.get(link.key)
        return found[1] if found else (False, None, "is not in the magazine")
    if link.kind == "issue":
        of_issue = issues.get(link.key, (False, None, "is not in the magazine"))
        return (False, None, "is a draft") if not of_issue[0] else (True, of_issue[1], "is under embargo until")
    if link.kind == "comic":
        of_comic = comics.get(link.key)
        if of_comic is None:
            return False, None, "is in no issue, so it is never published"
        return of_comic if of_comic[0] else (False, None, "is only in issues that are drafts")
    of_section = sections.get(link.key)
    if of_section is None:
        return False, None, "has no article yet, so it has no page"
    return of_section if of_section[0] else (False, None, "has only draft articles, so it has no page")


def check_section_links(magazine: Magazine, sections: Collection[str], log: ErrorLog) -> None:
    """E060 for a link to a section mkdocs.yml does not declare (with a did-you-mean)."""
    declared = sorted(sections)
    for article in magazine.articles:
        for link in article.links:
            if link.kind != "section" or link.key in sections:
                continue
            hint = difflib.get_close_matches(link.key, declared, n=1, cutoff=0.6)
            tip = f"did you mean 'section:{hint[0]}'? " if hint else ""
            log.add(article.source, link.line, "E060",
                    f"link '{link.dest}': no section '{link.key}' ({tip}declared: {', '.join(declared)})")


# ---------------------------------------------------------------- rewriting


#: The destination of a link to something an edition does not publish (only a preview
#: can have one: ``check`` refuses them): no scheme the sanitizer keeps, so every
#: edition keeps the link's text and drops its href.
UNPUBLISHED = "unpublished:"


def rewrite_links(article: Article, url: Callable[[Link], str | None]) -> Article:
    """``article`` with each link's destination replaced by ``url(link)`` (None: a
    target this edition does not publish: :data:`UNPUBLISHED`)."""
    if not article.links:
        return article
    body = article.body
    out: list[str] = []
    at = 0
    for link in sorted(article.links, key=lambda k: k.start):
        new = url(link) or UNPUBLISHED
        if link.html:
            new = html.escape(new, quote=True)
        elif re.search(r"[\s()<>]", new):
            new = f"<{new}>"
        out += [body[at : link.start], new]
        at = link.end
    out.append(body[at:])
    return replace(article, body="".join(out), links=())


def web_url(page: str) -> Callable[[Link], str]:
    """Links from the web page at site path ``page``: relative URLs."""
    return lambda link: urls.relative(page, link.path) + link.anchor


def absolute_url(site_url: Callable[[str], str], shown: Iterable[str] | None = None) -> Callable[[Link], str | None]:
    """Links as absolute URLs (``site_url``: ``MagazineConfig.url``); with ``shown``,
    the keys of the articles this edition publishes, a link to any other article points
    nowhere (a preview's leftovers: ``check`` refuses such links)."""
    keep = shown if shown is None or isinstance(shown, (set, frozenset)) else set(shown)

    def url(link: Link) -> str | None:
        if keep is not None and link.kind == "article" and link.key not in keep:
            return None
        return site_url(link.path) + link.anchor

    return url
