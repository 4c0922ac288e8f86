"""Page render cache for the MkDocs adapter: only pages whose Markdown changed are
converted again (Python-Markdown and its extensions are most of a warm build).

Keyed by the page's Markdown and :func:`files_key` (code, MkDocs and Markdown settings,
the set of files). Touches MkDocs 1.6 internals (``Page.render``'s results): pinned in
pyproject; a render that logged a warning is never stored, so ``--strict`` still sees
every problem.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from policemag.incremental import REBUILT, REUSED, code_version


def files_key(files: Files, config: MkDocsConfig) -> str:
    """What every page's HTML depends on besides its own Markdown: the code, MkDocs and
    Markdown settings, and the set of files (links resolve against it)."""
    import markdown as md
    import mkdocs

    uris = "\n".join(sorted(f.src_uri for f in files))
    # repr of extension options may show functions (toc slugify) by address: strip the
    # addresses, and hash mkdocs.yml itself for what a repr does not show
    settings = re.sub(
        r" at 0x[0-9a-f]+",
        "",
        repr((config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"])),
    )
    settings += Path(config.config_file_path).read_text(encoding="utf-8")
    return hashlib.sha256(
        f"{code_version()}|{mkdocs.__version__}|{md.__version__}|{settings}|{uris}".encode()
    ).hexdigest()


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def render_cached(page: Page, path: Path, config: MkDocsConfig, files: Files) -> None:
    """Page.render, or its stored result. Only renders that logged no warning and link
    to no anchor of another page are stored: a cache hit must not hide what --strict
    would have reported."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if data is not None:
        page.content = data["content"]
        page.toc = TableOfContents([_anchor(t) for t in data["toc"]])
        page._title_from_render = data["title"]
        page.present_anchor_ids = set(data["anchors"])
        page.links_to_anchors = {}
        REUSED["page"] += 1
        return
    watcher = _Warnings()
    logging.getLogger("mkdocs").addHandler(watcher)
    try:
        Page.render(page, config, files)
    finally:
        logging.getLogger("mkdocs").removeHandler(watcher)
    REBUILT["page"] += 1
    if watcher.count or page.links_to_anchors:
        return
    record = {
        "content": page.content,
        "toc": [_token(a) for a in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _token(a: AnchorLink) -> dict[str, Any]:
    return {"title": a.title, "id": a.id, "level": a.level, "children": [_token(c) for c in a.children]}


def _anchor(t: dict[str, Any]) -> AnchorLink:
    a = AnchorLink(t["title"], t["id"], t["level"])
    a.children = [_anchor(c) for c in t["children"]]
    return a
