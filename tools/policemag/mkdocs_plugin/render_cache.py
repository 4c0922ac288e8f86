"""Page render cache for the MkDocs adapter: only pages whose Markdown changed are
converted again (Python-Markdown and its extensions are most of a warm build).

Entries live in the core's store (:class:`policemag.cache.CacheStore`, namespace
``pages``), keyed by the page's Markdown, source path and URL and :func:`files_key`
(MkDocs and Markdown settings, the set of files; the store adds the code version), and
verified on every read. Touches MkDocs 1.6 internals (``Page.render``'s results):
pinned in pyproject; a render that logged a warning is never stored, so ``--strict``
still sees every problem. A page's entry also holds what ``on_page_content`` made of
the render (:func:`finish_recorded`): one entry a page, written once it is finished.
The whole-page audit's passes are one entry a build (:class:`AuditLedger`).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from policemag.cache import REBUILT, REUSED, CacheStore, digest
from policemag.site.blocks import anchor_ids
from policemag.site.pages import PageSource


def page_store(cache_root: Path) -> CacheStore:
    """Pages are counted by :func:`render_cached` (renders that are not stored count too)."""
    return CacheStore(cache_root, "pages", count=False)


def files_key(files: Files, config: MkDocsConfig) -> str:
    """The digest of what every page's HTML depends on besides its own Markdown and the
    code: MkDocs and Markdown versions and settings, and the set of files (links resolve
    against it)."""
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
    # hashed once here, not with every page's key (about 100 KB at 2,000 pages)
    return digest(f"{mkdocs.__version__}|{md.__version__}|{settings}|{uris}")


def page_key(store: CacheStore, files: str, page: Page, markdown: str) -> str:
    """The key of ``page`` rendered from ``markdown``; ``files`` is :func:`files_key`."""
    return store.key(files, page.file.src_uri, page.url or "", markdown)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class PageRecord:
    """What :func:`render_cached` knows of a page between its render and its
    ``on_page_content``: the entry's key, the record (``content``, ``toc``, ``title``,
    ``anchors``; ``lang`` and ``finished`` once finished) and whether it came from the
    store."""

    key: str
    data: dict[str, Any]
    stored: bool


def render_cached(
    page: Page, store: CacheStore, key: str, config: MkDocsConfig, files: Files, source: PageSource | None = None
) -> PageRecord | None:
    """Page.render, or its stored result. Only renders that logged no warning and link
    to no anchor of another page are stored: a cache hit must not hide what --strict
    would have reported. ``source``: the generated page, whose set-aside HTML is put
    back after the render (:mod:`policemag.site.blocks`).

    Returns the page's record, which :func:`finish_recorded` completes and stores
    with the finished content (one entry per page: the render and what
    ``on_page_content`` makes of it); None for a render that must not be stored."""
    stored = store.get_text(key, ".json")
    try:
        data = json.loads(stored) if stored is not None else None
    except ValueError:
        data = None
    if data is not None:
        page.content = data["content"]
        page.toc = TableOfContents([_anchor(t) for t in data["toc"]])
        page._title_from_render = data["title"]
        page.present_anchor_ids = set(data["anchors"])
        page.links_to_anchors = {}
        REUSED["page"] += 1
        return PageRecord(key, data, stored=True)
    watcher = _Warnings()
    logging.getLogger("mkdocs").addHandler(watcher)
    try:
        Page.render(page, config, files)
        if source is not None and source.blocks:
            _put_back(page, source, config, files)
    finally:
        logging.getLogger("mkdocs").removeHandler(watcher)
    REBUILT["page"] += 1
    if watcher.count or page.links_to_anchors:
        return None
    record = {
        "content": page.content,
        "toc": [_token(a) for a in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
    }
    return PageRecord(key, record, stored=False)


def _put_back(page: Page, source: PageSource, config: MkDocsConfig, files: Files) -> None:
    """The set-aside lines of HTML back in ``page``'s content, their ids among its
    anchors, as MkDocs would have found them; should a placeholder not have come
    through once, the page is rendered again from its whole Markdown."""
    content = source.restore(page.content or "")
    if content is None:
        page.markdown = source.markdown
        Page.render(page, config, files)
        return
    page.content = content
    page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(source.blocks)


def finish_recorded(
    store: CacheStore,
    record: PageRecord | None,
    html_text: str,
    lang: str,
    finish: Callable[[str, str], str],
    html: CacheStore,
) -> str:
    """``finish(html_text, lang)`` for a page rendered by :func:`render_cached`: read
    from its record when the record was stored finished from the same content and
    language, else made and stored with the record. A page without a record (never
    stored) goes through :func:`finished_cached` (``html``)."""
    if record is None:
        return finished_cached(html, html_text, lang, finish)
    data = record.data
    if record.stored and data.get("lang") == lang and data.get("content") == html_text and "finished" in data:
        return str(data["finished"])
    done = finish(html_text, lang)
    data["lang"], data["finished"] = lang, done
    store.put_text(record.key, json.dumps(data, ensure_ascii=False), ".json")
    return done


def _token(a: AnchorLink) -> dict[str, Any]:
    return {"title": a.title, "id": a.id, "level": a.level, "children": [_token(c) for c in a.children]}


def _anchor(t: dict[str, Any]) -> AnchorLink:
    a = AnchorLink(t["title"], t["id"], t["level"])
    a.children = [_anchor(c) for c in t["children"]]
    return a


# -- what the plugin does to each rendered page, kept by digest -------------------------


def html_store(cache_root: Path) -> CacheStore:
    """Namespace ``page-html``: the audit's ledger, and the finished content of pages
    whose render is never stored (by the digest of what it is made from)."""
    return CacheStore(cache_root, "page-html", count=False)


def finished_cached(store: CacheStore, html_text: str, lang: str, finish: Callable[[str, str], str]) -> str:
    """``finish(html_text, lang)`` (the sanitizer and typesetting of ``on_page_content``),
    or its stored result for the same input and code."""
    key = store.key("content", lang, html_text)
    stored = store.get_text(key, ".html")
    if stored is not None:
        return stored
    out = finish(html_text, lang)
    store.put_text(key, out, ".html")
    return out


class AuditLedger:
    """Whole pages that passed the audit (``on_post_page``) with this code, by digest,
    kept as one entry of ``page-html`` (one file, not one per page): a page whose exact
    bytes passed before is not audited again. Only passes are kept, so a page the audit
    changes is audited (and reported) on every build. :meth:`save` keeps what passed in
    this build; made once per build (``on_config``)."""

    def __init__(self, store: CacheStore) -> None:
        self.store = store
        self.key = store.key("audit-ledger")
        self._before: frozenset[str] | None = None
        self.passed: set[str] = set()

    def _known(self) -> frozenset[str]:
        if self._before is None:
            text = self.store.get_text(self.key, ".txt")
            self._before = frozenset(text.split()) if text else frozenset()
        return self._before

    def audited(self, output: str, audit: Callable[[str], tuple[str, list[str]]]) -> tuple[str, list[str]]:
        """``audit(output)``, or ``(output, [])`` when these bytes passed it before."""
        digest = self.store.key("audit", output)
        if digest in self.passed or digest in self._known():
            self.passed.add(digest)
            return output, []
        out, removed = audit(output)
        if not removed:
            self.passed.add(digest)
        return out, removed

    def save(self) -> None:
        """Store the pages that passed in this build (when that changed anything)."""
        if self.passed != self._known():
            self.store.put_text(self.key, "\n".join(sorted(self.passed)) + "\n", ".txt")
            self._before = frozenset(self.passed)
