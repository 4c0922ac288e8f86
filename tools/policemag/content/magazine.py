"""read_magazine: the whole repository into a :class:`Magazine`, all errors at once."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from policemag.content.comics import read_comic
from policemag.content.issues import read_issue
from policemag.content.links import check_publication, check_section_links, resolve_links
from policemag.content.names import check_issue_folder, slug_problem
from policemag.content.privacy import lint_privacy
from policemag.errors import ContentError, ErrorLog
from policemag.model import Comic, Issue, Magazine
from policemag.workers import pool_size, process_pool, start_method


def read_magazine(
    root: Path,
    *,
    privacy_errors: bool = False,
    sections: Collection[str] | None = None,
    now: datetime | None = None,
) -> tuple[Magazine, ErrorLog]:
    """Read comics/ then issues/ under ``root``, resolve the links between them, then
    run the privacy lint.

    Returns the magazine built from whatever was valid plus the log; callers must not
    publish anything when ``log.errors`` is non-empty. Drafts and embargoed articles are
    read and validated like the rest (an editor wants their errors too); filtering them
    out is :meth:`Magazine.published`'s job. Privacy findings (W050-W054) are warnings,
    or errors when ``privacy_errors`` is true. With ``sections`` (the slugs mkdocs.yml
    declares), an article in any other section is E062; with ``now``, a link to
    something that would not be published while the linking article is, is E061
    (:func:`policemag.content.links.check_publication`).
    """
    root = root.resolve()
    log = ErrorLog(root)
    comics: dict[str, Comic] = {}
    for path in sorted((root / "comics").glob("*/comic.yml")):
        if not _inside(path, root, log):
            continue
        problem = slug_problem(path.parent.name, "comic")
        if problem:
            log.add(path, 0, *problem)
            continue
        comic = read_comic(path, root, log)
        if comic:
            comics[comic.slug] = comic
    issues: list[Issue] = []
    numbers: dict[int, Path] = {}
    paths = [
        path for path in sorted((root / "issues").glob("*/issue.yml"))
        if _inside(path, root, log) and check_issue_folder(path.parent, root, log)
    ]  # fmt: skip
    for path, issue in zip(paths, _read_issues(paths, comics, root, log), strict=True):
        if issue is None:
            continue
        if issue.number in numbers:
            other = log.relpath(numbers[issue.number])
            log.add(path, key_line(path, "number"), "E010",
                    f"issue number {issue.number} is already used by {other}")
            continue
        numbers[issue.number] = path
        issues.append(issue)
    _check_unique_ids(issues, log)
    issues.sort(key=lambda i: i.number, reverse=True)
    issues = resolve_links(issues, comics, root, log)
    magazine = Magazine(root=root, issues=tuple(issues), comics=comics)
    if sections is not None:
        _check_sections(magazine, sections, log)
        check_section_links(magazine, sections, log)
    if now is not None:
        check_publication(magazine, now, log, sections)
    lint_privacy(magazine, log, "error" if privacy_errors else "warning")
    return magazine, log


#: Issues from which an archive is read on two processes or more (when this process can
#: fork: under ``serve``'s threads a pool would start from a fork server, slower than
#: reading): 200 issues, 3.2 s -> about 2 s on two cores.
PARALLEL_FROM = 40
#: Issues a worker reads at a time.
_CHUNK = 10


def _read_issues(paths: list[Path], comics: dict[str, Comic], root: Path, log: ErrorLog) -> list[Issue | None]:
    """:func:`read_issue` of each path, in order, its errors in ``log``: on every core
    for a large archive (the same issues and errors as read here, tested)."""
    workers = pool_size(len(paths) // _CHUNK)
    if len(paths) < PARALLEL_FROM or workers < 2 or start_method() != "fork":
        return [read_issue(path, comics, root, log) for path in paths]
    chunks = [paths[i : i + _CHUNK] for i in range(0, len(paths), _CHUNK)]
    out: list[Issue | None] = []
    with process_pool(workers) as pool:
        for issues, items in pool.map(_read_chunk, chunks, [comics] * len(chunks), [root] * len(chunks)):
            out.extend(issues)
            log.items.extend(items)
    return out


def _read_chunk(paths: list[Path], comics: dict[str, Comic], root: Path) -> tuple[list[Issue | None], list[ContentError]]:
    """Read ``paths`` in a worker; the issues and the errors found."""
    log = ErrorLog(root)
    return [read_issue(path, comics, root, log) for path in paths], log.items


def _check_sections(magazine: Magazine, sections: Collection[str], log: ErrorLog) -> None:
    """E062 for an article whose section mkdocs.yml does not declare."""
    declared = sorted(sections)
    for article in magazine.articles:
        if article.section in sections:
            continue
        hint = difflib.get_close_matches(article.section, declared, n=1, cutoff=0.6)
        tip = f"did you mean '{hint[0]}'? " if hint else ""
        log.add(article.source, key_line(article.source, "section"), "E062",
                f"section '{article.section}' is not declared ({tip}declared: {', '.join(declared)});"
                " a new section is declared once, with its Arabic and French labels, under"
                " plugins: - policemag: sections: in mkdocs.yml")


def _check_unique_ids(issues: list[Issue], log: ErrorLog) -> None:
    """E019 for every front matter ``id`` another article already has (the app and the
    EPUB readers would take them for one article), naming the first."""
    first: dict[str, Path] = {}
    for issue in issues:
        for article in issue.articles:
            if not article.uid:
                continue
            if article.uid in first:
                other = log.relpath(first[article.uid])
                log.add(article.source, key_line(article.source, "id"), "E019",
                        f"id '{article.uid}' is already used by {other}: give each article its own")
            else:
                first[article.uid] = article.source


def key_line(path: Path, key: str) -> int:
    """The line of top-level key ``key`` in a YAML file or an article's front matter
    (1 if not found)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith((f"{key}:", f"{key} :")):
            return number
        if number > 1 and line.rstrip() == "---":
            break
    return 1


def _inside(path: Path, root: Path, log: ErrorLog) -> bool:
    """False (and E013) when a folder or file found by globbing is a link out of ``root``.

    Content outside the repository is not reviewed in its pull requests: following such
    a link could publish anything on the build machine.
    """
    for item in (path.parent, path):
        if not item.resolve().is_relative_to(root):
            log.add(item, 0, "E013", "is a symbolic link pointing outside the repository")
            return False
    return True
