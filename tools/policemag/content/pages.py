"""The hand-written pages (pages/) and the theme overrides (overrides/) as inputs.

MkDocs publishes every file of pages/ and copies the static files of overrides/; both
are content a pull request can change, so they get the rules articles get:

* :func:`check_confined` — no file or folder under ``issues/``, ``comics/``, ``pages/``
  or ``overrides/`` is a symbolic link leaving the repository (E013): MkDocs follows
  links, and ``pages/env.txt -> /proc/self/environ`` would publish the build machine's
  environment.
* :func:`read_pages` — every ``pages/**/*.md`` has valid front matter (its own schema,
  :class:`PageFrontMatter`), its body passes the body lint (E017 raw HTML, images with
  alt text inside the repository) and the privacy lint; ``draft: true`` pages are
  listed so the adapter leaves them out of the site.
"""

from __future__ import annotations

import difflib
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from pydantic import Field, StrictBool

from policemag.content.body import lint_body
from policemag.content.files import read_text, read_yaml
from policemag.content.frontmatter import FrontMatterError, split_front_matter
from policemag.content.links import find_links, is_internal
from policemag.content.privacy import lint_file
from policemag.content.schemas import Lang, PlainText, PrivacyKind, _Schema, validate
from policemag.errors import ErrorLog

#: Folders whose files reach the outputs (directly or as sources).
INPUT_FOLDERS = ("issues", "comics", "pages", "overrides")


class PageFrontMatter(_Schema):
    """Front matter of a hand-written page (pages/*.md)."""

    title: PlainText
    lang: Lang | None = None
    dir: Literal["rtl", "ltr"] | None = None
    description: PlainText | None = None
    search: StrictBool = True
    hide: list[Literal["navigation", "toc", "footer", "path", "tags"]] = Field(default_factory=list)
    draft: StrictBool = False
    privacy_ok: list[PrivacyKind] = Field(default_factory=list)


@dataclass(frozen=True)
class HandPage:
    """A page of pages/: ``src_uri`` relative to pages/ (MkDocs' name for it)."""

    src_uri: str
    path: Path
    draft: bool


def check_confined(root: Path, log: ErrorLog) -> None:
    """E013 for every symbolic link under the input folders that leaves ``root``."""
    root = root.resolve()
    for folder in INPUT_FOLDERS:
        top = root / folder
        if top.is_symlink() and not top.resolve().is_relative_to(root):
            log.add(top, 0, "E013", "is a symbolic link pointing outside the repository")
            continue
        for current, dirs, files in os.walk(top, followlinks=False):
            for name in sorted(dirs + files):
                item = Path(current) / name
                if item.is_symlink() and not item.resolve().is_relative_to(root):
                    log.add(item, 0, "E013", "is a symbolic link pointing outside the repository")


def read_pages(root: Path, log: ErrorLog, *, privacy_errors: bool = False) -> list[HandPage]:
    """Every Markdown page of pages/, validated and linted (see the module docstring)."""
    root = root.resolve()
    top = root / "pages"
    pages: list[HandPage] = []
    for path in sorted(top.rglob("*.md")) if top.is_dir() else []:
        if not path.resolve().is_relative_to(root):
            continue  # reported by check_confined
        page = _read_page(path, top, root, log, privacy_errors)
        if page is not None:
            pages.append(page)
    _check_page_links(pages, top, log)
    return pages


def _check_page_links(pages: list[HandPage], top: Path, log: ErrorLog) -> None:
    """E060 for a link of a page that MkDocs would not find (its strict build stops on
    it after writing site/): a path with an extension (``contact.md``, ``x.pdf``) must
    name a file of pages/ that is published. Paths without one (``../2026-11-n112/``,
    a page of the site) are left to the editor; article link forms are for articles.
    """
    drafts = {p.src_uri for p in pages if p.draft}
    files = {f.relative_to(top).as_posix() for f in top.rglob("*") if f.is_file()} - drafts
    for page in pages:
        text = page.path.read_text(encoding="utf-8")
        _, body, body_line = split_front_matter(text)
        for found in find_links(body):
            if not is_internal(found.dest) or found.dest.startswith(("/", "\\")):
                continue
            line = body_line + found.line
            if ":" in found.dest.split("/")[0]:
                log.add(page.path, line, "E060",
                        f"link '{found.dest}': issue:, comic: and section: links are written in"
                        " articles; a page links to the site's pages by their path (../archive/)")
                continue
            path = unquote(found.dest.split("#")[0].split("?")[0])
            if not posixpath.splitext(path)[1]:
                continue
            where = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
            if where in files:
                continue
            hint = difflib.get_close_matches(where, sorted(files), n=1, cutoff=0.6)
            why = "a draft" if where in drafts else (
                "not a file of pages/ (an issue or article is linked by its path on the site:"
                " ../2026-11-n112/proximity-station/)" if where.endswith(".md") else "not a file of pages/")
            tip = f" (did you mean '{posixpath.relpath(hint[0], posixpath.dirname(page.src_uri) or '.')}'?)" if hint else ""
            log.add(page.path, line, "E060", f"link '{found.dest}': pages/{where} is {why}{tip}")


def _read_page(path: Path, top: Path, root: Path, log: ErrorLog, privacy_errors: bool) -> HandPage | None:
    text = read_text(path, log)
    if text is None:
        return None
    try:
        yaml_text, body, body_line = split_front_matter(text)
    except FrontMatterError as exc:
        log.add(path, exc.line, "E008", exc.message.replace("an article", "a page"))
        return None
    data = read_yaml(path, log, yaml_text, first_line=2, front_matter=True)
    if data is None:
        return None
    fm = validate(PageFrontMatter, data, path, log, first_line=2)
    lint_body(body, body_line, path, root, log)
    if fm is None:
        return None
    lint_file(path, set(fm.privacy_ok), log, "error" if privacy_errors else "warning")
    return HandPage(path.relative_to(top).as_posix(), path, fm.draft)
