"""read_issue: issues/<id>/issue.yml and the articles it lists into an :class:`Issue`."""

from __future__ import annotations

from pathlib import Path

from policemag.content.articles import read_article
from policemag.content.body import check_image
from policemag.content.files import read_yaml
from policemag.content.names import slug_problem
from policemag.content.paths import PathProblem, resolve_inside
from policemag.content.schemas import ComicEntry, IssueFile, validate
from policemag.errors import ErrorLog
from policemag.model import Comic, ComicRef, Issue, direction_of
from policemag.model.issue import ContentsItem


def read_issue(path: Path, comics: dict[str, Comic], root: Path, log: ErrorLog) -> Issue | None:
    """Read issue.yml, its cover and every article in ``contents``."""
    data = read_yaml(path, log)
    if data is None:
        return None
    spec = validate(IssueFile, data, path, log)
    if spec is None:
        return None
    folder = path.parent
    issue_id = folder.name
    cover = check_image(root, folder, spec.cover, spec.cover_alt, path, data.lines.get("cover", 1), log)
    contents: list[ContentsItem] = []
    seen: set[str] = set()
    entries = data["contents"]
    for n, entry in enumerate(spec.contents):
        line = entries.lines[n]
        if isinstance(entry, ComicEntry):
            comic = comics.get(entry.comic)
            if comic is None:
                log.add(path, line, "E015", f"unknown comic '{entry.comic}' (no comics/{entry.comic}/comic.yml)")
            else:
                contents.append(ComicRef(comic, line))
            continue
        if entry in seen:
            log.add(path, line, "E016", f"'{entry}' is listed twice")
            continue
        seen.add(entry)
        try:
            article_path = resolve_inside(root, folder, entry)
        except PathProblem as exc:
            log.add(path, line, "E011" if exc.code == "E014" else exc.code, exc.message)
            continue
        if article_path.parent != folder.resolve() or article_path.suffix != ".md":
            log.add(path, line, "E011", f"'{entry}': articles are .md files in the issue's folder")
            continue
        problem = slug_problem(article_path.stem, "article")
        if problem:
            log.add(path, line, *problem)
        article = read_article(article_path, issue_id, spec.number, spec.lang, root, log)
        if article:
            contents.append(article)
    for stray in sorted(folder.glob("*.md")):
        if stray.name not in seen:
            log.add(stray, 0, "E016", "article is not listed in issue.yml contents", "warning")
    if cover is None:
        return None
    return Issue(
        id=issue_id,
        number=spec.number,
        date=spec.date,
        title=spec.title,
        lang=spec.lang,
        dir=direction_of(spec.lang),
        cover=cover,
        folder=folder,
        source=path,
        contents=tuple(contents),
        theme=spec.theme,
        embargo=spec.embargo,
        draft=spec.draft,
        privacy_ok=tuple(spec.privacy_ok),
    )
