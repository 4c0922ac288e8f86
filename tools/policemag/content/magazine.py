"""read_magazine: the whole repository into a :class:`Magazine`, all errors at once."""

from __future__ import annotations

from pathlib import Path

from policemag.content.comics import read_comic
from policemag.content.issues import read_issue
from policemag.errors import ErrorLog
from policemag.model import Comic, Issue, Magazine


def read_magazine(root: Path) -> tuple[Magazine, ErrorLog]:
    """Read comics/ then issues/ under ``root``.

    Returns the magazine built from whatever was valid plus the log; callers must not
    publish anything when ``log.errors`` is non-empty. Drafts and embargoed articles are
    read and validated like the rest (an editor wants their errors too); filtering them
    out is :meth:`Magazine.published`'s job.
    """
    root = root.resolve()
    log = ErrorLog(root)
    comics: dict[str, Comic] = {}
    for path in sorted((root / "comics").glob("*/comic.yml")):
        comic = read_comic(path, root, log)
        if comic:
            comics[comic.slug] = comic
    issues: list[Issue] = []
    numbers: dict[int, Path] = {}
    for path in sorted((root / "issues").glob("*/issue.yml")):
        issue = read_issue(path, comics, root, log)
        if issue is None:
            continue
        if issue.number in numbers:
            other = log.relpath(numbers[issue.number])
            log.add(path, 1, "E010", f"issue number {issue.number} is already used by {other}")
            continue
        numbers[issue.number] = path
        issues.append(issue)
    issues.sort(key=lambda i: i.number, reverse=True)
    return Magazine(root=root, issues=tuple(issues), comics=comics), log
