"""What ``policemag serve`` adds to a build: drafts shown with a banner, and the fast
path that puts an edited article on screen without a whole build.

**Drafts and embargoes in a preview.** ``MagazineConfig.drafts`` (only ``serve --drafts``
sets it; no mkdocs.yml option can) keeps drafts in the published magazine
(:func:`visible_magazine`); ``serve --at`` moves the embargo clock (``now``). A preview
(``MagazineConfig.preview``) marks every page that a real build would not publish now
with a banner (:func:`held_back`): مسودة for a draft, محظور النشر حتى ... for an embargo
that has not lifted. Previews are built into a temporary folder, never site/.

**The fast path.** An editor's save of an article that is already published is the
common case: :func:`update_build` reads that file again (with the same reader and
lints as a whole build), puts it into the previous build's magazine and makes again
only the pages that can show it, the article's first: its own page, the other articles
of its issue (previous/next), the articles that list it as related, its issue, the
home page and its section's pages. Those whose Markdown changed are returned; the
adapter renders them through MkDocs as a whole build would. Everything else (EPUB,
feed, search, any page this misses) comes from a whole build run after it, whose
result replaces the preview (docs/performance.md, "The serve loop").

Anything else (a new or removed file, issue.yml, comics, images, a draft, a change of
section, an edit to a title printed on the issue's designed cover, an article with links
to other articles, issues, comics, sections or its own headings: they are resolved and
checked against the whole magazine) returns None: the caller makes a whole build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policemag import urls
from policemag.config import MagazineConfig
from policemag.content.articles import read_article
from policemag.content.links import find_links, is_internal
from policemag.content.privacy import lint_article
from policemag.errors import ContentErrors, ErrorLog
from policemag.model import Article, Issue, Magazine
from policemag.site.pages import PageSource

if TYPE_CHECKING:
    from policemag.build import Build


def visible_magazine(everything: Magazine, config: MagazineConfig) -> Magazine:
    """What a build shows: :meth:`Magazine.published` at ``config.now``; with
    ``config.drafts`` (``serve --drafts``), drafts too (their ``draft`` flag kept)."""
    if not config.drafts:
        return everything.published(config.now)
    cleared = replace(
        everything,
        issues=tuple(
            replace(
                i,
                draft=False,
                contents=tuple(replace(c, draft=False) if isinstance(c, Article) else c for c in i.contents),
            )
            for i in everything.issues
        ),
    )
    shown = cleared.published(config.now)
    kept = {(i.id, a.slug) for i in shown.issues for a in i.articles}
    ids = {i.id for i in shown.issues}
    issues = tuple(
        replace(i, contents=tuple(c for c in i.contents if not isinstance(c, Article) or (i.id, c.slug) in kept))
        for i in everything.issues
        if i.id in ids
    )
    return replace(shown, issues=issues)


@dataclass(frozen=True)
class Banner:
    """Why a previewed page would not be published now: ``kind`` is ``draft`` or
    ``embargo`` (then ``until`` is when it lifts)."""

    kind: str
    lang: str
    until: datetime | None = None

    def text(self, config: MagazineConfig) -> str:
        words = config.words
        if self.kind == "draft":
            return words.t(self.lang, "preview_draft")
        assert self.until is not None
        until = self.until
        when = f"{words.date(until.date(), self.lang)} {until:%H:%M} (UTC{until:%z})"
        when = when[:-3] + ":" + when[-3:] if until.utcoffset() is not None else when
        return words.t(self.lang, "preview_embargo", when=when)


def held_back(magazine: Magazine, now: datetime | None = None) -> dict[str, Banner]:
    """Site path -> banner of every page of ``magazine`` (as a preview built it) that a
    real build would not publish at ``now`` (default: the clock): drafts, and what is
    under an embargo that has not lifted."""
    now = now or datetime.now(UTC)
    out: dict[str, Banner] = {}

    def banner(draft: bool, embargo: datetime | None, lang: str) -> Banner | None:
        if draft:
            return Banner("draft", lang)
        if embargo is not None and embargo > now:
            return Banner("embargo", lang, embargo)
        return None

    placed_openly: set[str] = set()
    held_comics: dict[str, Banner] = {}
    for issue in magazine.issues:
        own = banner(issue.draft, issue.embargo, issue.lang)
        if own is not None:
            out[urls.issue_page(issue)] = own
        for article in issue.articles:
            mark = own or banner(article.draft, article.embargo, article.lang)
            if mark is not None:
                out[urls.article_page(article)] = mark
        for comic in issue.comics:
            if own is None:
                placed_openly.add(comic.slug)
            else:
                held_comics.setdefault(comic.slug, own)
    for slug, mark in held_comics.items():
        if slug in placed_openly:
            continue
        comic = magazine.comics[slug]
        for lang in comic.languages:
            out[urls.comic_page(comic, lang)] = replace(mark, lang=lang)
    return out


# -- the fast path -------------------------------------------------------------------


@dataclass(frozen=True)
class Update:
    """The build after the edits and the pages whose Markdown changed (the edited
    articles' own pages first)."""

    build: Build
    pages: list[PageSource]


def update_build(build: Build, changed: Iterable[Path]) -> Update | None:
    """The fast path (module docstring): ``build`` with the edited articles read again.

    Returns None when the change needs a whole build. Raises :class:`ContentErrors`
    when an edited file has errors (the caller shows them; ``build`` is unchanged).
    """
    config = build.config
    magazine = build.magazine
    where = {a.source.resolve(): (issue, a) for issue in magazine.issues for a in issue.articles}
    paths = sorted({Path(p).resolve() for p in changed})
    if not paths or any(p not in where for p in paths):
        return None
    log = ErrorLog(config.root)
    edited: list[tuple[Article, Article]] = []
    for path in paths:
        issue, old = where[path]
        new = read_article(old.source, issue.id, issue.number, issue.lang, config.root, log)
        if new is not None:
            lint_article(new, log, "error" if config.privacy_errors else "warning")
        if log.errors:
            continue
        if new is None or not _same_place(old, new, config):
            return None
        if any(is_internal(f.dest) or f.dest.startswith("#") for f in find_links(new.body)):
            return None  # links are resolved and checked against the whole magazine (E060, E061)
        edited.append((old, new))
    if log.errors:
        raise ContentErrors(log.errors, log.warnings)
    replacements = {id(old): new for old, new in edited}
    issues = []
    for issue in magazine.issues:
        if any(id(c) in replacements for c in issue.contents):
            new_issue = replace(issue, contents=tuple(replacements.get(id(c), c) for c in issue.contents))
            if _cover_words(issue) != _cover_words(new_issue):
                return None  # the designed cover shows article titles: a whole build draws it
            issue = new_issue
        issues.append(issue)
    after = replace(magazine, issues=tuple(issues))
    shares = build.shares
    if any(_share_fields(o) != _share_fields(n) for o, n in edited):
        from policemag.site.share import plan_share_images

        shares = replace(shares, images=plan_share_images(after, config, build.images))
    candidates = _pages_showing(after, [new for _, new in edited], build, shares)
    before = {p.path: p for p in build.pages}
    if any(p.path not in before for p in candidates):
        return None  # a page appears (a section grew a page): the navigation changes
    changed_pages: list[PageSource] = []
    seen: set[str] = set()
    for page in candidates:
        if page.path in seen:
            continue
        seen.add(page.path)
        if page != before[page.path]:
            changed_pages.append(page)
    pages = [({p.path: p for p in changed_pages}).get(p.path, p) for p in build.pages]
    new_build = replace(
        build, magazine=after, pages=pages, shares=shares, warnings=log.warnings, source_date_before=None
    )
    return Update(new_build, changed_pages)


def _same_place(old: Article, new: Article, config: MagazineConfig) -> bool:
    """Whether ``new`` keeps every page of the site where it was: still shown, same
    section, same images (their renditions are derived by a whole build)."""
    shown = config.drafts or not new.draft
    shown = shown and (new.embargo is None or new.embargo <= config.now)
    return (
        shown
        and (old.draft == new.draft or config.drafts)
        and new.section == old.section
        and [(i.path, i.src) for i in new.all_images] == [(i.path, i.src) for i in old.all_images]
    )


def _cover_words(issue: Issue) -> list[tuple[str, str]]:
    return [(a.title, a.lang) for a in issue.articles]


def _share_fields(article: Article) -> tuple[object, ...]:
    return (article.title, article.summary, article.lang, article.section, article.image)


def _pages_showing(magazine: Magazine, edited: list[Article], build: Build, shares: Any) -> list[PageSource]:
    """The pages that can show ``edited`` articles, made by the web edition's own
    functions as :func:`policemag.site.pages.build_pages` calls them: each article's own
    page first, then its issue's other articles (previous and next), the articles that
    list it as related, its issue, the home page and its section's pages."""
    from policemag.site.media import SiteMedia
    from policemag.site.pages import (
        RELATED,
        article_pages,
        render_home,
        render_issue,
        render_section,
    )

    config = build.config
    media = SiteMedia(build.images)
    sections = magazine.sections()
    issue_of = {a.source: i for i in magazine.issues for a in i.articles}
    out = article_pages(magazine, config, media, shares, only=edited)
    near: list[Article] = []
    for a in edited:
        near += issue_of[a.source].articles
        near += sections[a.section][: RELATED + 1]
    out += article_pages(magazine, config, media, shares, only=[a for a in near if all(a is not e for e in edited)])
    for issue in {id(issue_of[a.source]): issue_of[a.source] for a in edited}.values():
        out.append(render_issue(issue, config, media, shares))
    out.append(render_home(magazine, config, media, shares))
    for section in sorted({a.section for a in edited}):
        out += render_section(section, sections[section], magazine, config, media, shares)
    return out
