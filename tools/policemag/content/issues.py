"""read_issue: issues/<id>/issue.yml and the articles it lists into an :class:`Issue`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path

from policemag.content.articles import read_article
from policemag.content.body import check_image
from policemag.content.files import read_yaml
from policemag.content.names import slug_problem
from policemag.content.paths import PathProblem, resolve_inside
from policemag.content.schemas import ComicEntry, IssueFile, validate
from policemag.errors import ErrorLog
from policemag.i18n import LANGUAGES, t
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
    check_identity(issue_id, spec, path, data.lines, log)
    check_title(spec, path, data.lines.get("title", 1), log)
    cover = check_image(root, folder, spec.cover, spec.cover_alt, path, data.lines.get("cover", 1), log)
    contents: list[ContentsItem] = []
    seen: set[str] = set()
    entries = data["contents"]
    for n, entry in enumerate(spec.contents):
        line = entries.lines[n]
        if isinstance(entry, ComicEntry):
            comic = comics.get(entry.comic)
            if comic is None:
                hint = difflib.get_close_matches(entry.comic, sorted(comics), n=1, cutoff=0.6)
                tip = f"did you mean '{hint[0]}'? " if hint else ""
                log.add(path, line, "E015", f"unknown comic '{entry.comic}' ({tip}no comics/{entry.comic}/comic.yml)")
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
            if exc.code == "E014":
                names = sorted(p.name for p in folder.glob("*.md"))
                hint = difflib.get_close_matches(entry, names, n=1, cutoff=0.6)
                tip = f" (did you mean '{hint[0]}'?)" if hint else f" (the folder has: {', '.join(names)})" if names else ""
                log.add(path, line, "E011", f"'{entry}' not found in {folder.name}/{tip}")
            else:
                log.add(path, line, exc.code, exc.message)
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
            log.add(stray, 1, "E016", "article is not listed in issue.yml contents: it is not published", "warning")
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


_FOLDER = re.compile(r"([0-9]{4})-([0-9]{2})-n([0-9]+)")


def check_identity(folder: str, spec: IssueFile, path: Path, lines: Mapping[str, int], log: ErrorLog) -> None:
    """E063 when the folder's name (``<yyyy-mm>-n<number>``, the issue's address) does
    not say the date's year and month and the issue's number. (A folder not named so
    at all is E042, from :mod:`policemag.content.names`.)"""
    m = _FOLDER.fullmatch(folder)
    if m is None:
        return
    expected = f"{spec.date:%Y-%m}-n{spec.number}"
    if folder == expected:
        return
    year, month, number = int(m.group(1)), int(m.group(2)), int(m.group(3))
    wrong = []
    if number != spec.number:
        wrong.append(("number", f"number {number}", f"number: {spec.number}"))
    if (year, month) != (spec.date.year, spec.date.month):
        wrong.append(("date", f"{m.group(1)}-{m.group(2)}", f"date: {spec.date.isoformat()}"))
    said = " and ".join(w[1] for w in wrong)
    wrote = " and ".join(w[2] for w in wrong)
    log.add(path, lines.get(wrong[0][0], 1), "E063",
            f"the folder {folder}/ says {said}, but issue.yml has {wrote}: name the folder"
            f" {expected}/ (before the issue is published: its name is its address),"
            " or correct issue.yml")


#: Words that may stand before the number in a title ("عدد 112", "No 112", "#112").
_NUMBER_WORDS = r"(?:العدد|عدد|الرقم|رقم|n°|nº|no\.?|num[ée]ro|issue|#)"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def check_title(spec: IssueFile, path: Path, line: int, log: ErrorLog) -> None:
    """W064 when the title repeats the issue's number: the build writes "العدد 112"
    itself before the headline, so the reader would see it twice."""
    title = spec.title.translate(_DIGITS)
    labels = [t(lang, "issue_n", n=spec.number) for lang in LANGUAGES]
    pattern = _NUMBER_WORDS + r"\s*" + str(spec.number) + r"(?![0-9])"
    if not any(label.lower() in title.lower() for label in labels) and not re.search(pattern, title, re.I):
        return
    rest = re.sub(r"^\s*" + pattern + r"[\s:：\-–—،,.|/]*", "", title, flags=re.I).strip()
    fix = f'title: "{rest}"' if rest else "a headline of its own"
    log.add(path, line, "W064",
            f"the title repeats the issue number: the build writes"
            f" '{t(spec.lang, 'issue_n', n=spec.number)}' itself before the headline; write {fix}",
            "warning")
