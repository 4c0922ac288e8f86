"""The MkDocs plugin: a thin adapter between MkDocs and the policemag core.

Lifecycle (see notes/web.md): everything is read, validated and derived in
``on_config`` — before MkDocs empties site/ — so a content error stops the build with
``path:line: CODE message`` lines and leaves the previous site/ untouched. Pages are
added as virtual files in ``on_files``; per-page language is switched around each
page's rendering; every other output is written in ``on_post_build``.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from policemag import urls
from policemag.build import (
    Build,
    draw_share_images,
    pin_source_date,
    prepare_build,
    unpin_source_date,
    write_outputs,
    write_search_index,
)
from policemag.cache import REBUILT, REUSED, CacheStore
from policemag.config import PLUGIN_OPTIONS, MagazineConfig, config_from_site, option_default
from policemag.content.markdown import EXTENSIONS, extension_configs
from policemag.content.sanitize import audit_page, sanitize_fragment
from policemag.errors import ContentErrors
from policemag.jobs import EarlyJobs, OutputJobs, start_early_jobs
from policemag.locks import BuildLock
from policemag.mkdocs_plugin.parking import ContentParking
from policemag.mkdocs_plugin.preview import PreviewMixin
from policemag.mkdocs_plugin.render_cache import (
    AuditLedger,
    PageRecord,
    files_key,
    finish_recorded,
    html_store,
    page_key,
    page_store,
    render_cached,
)
from policemag.mkdocs_plugin.sitedir import Emptying
from policemag.model import direction_of
from policemag.search import SEARCH_SCRIPT, search_script
from policemag.site.assets import loads, published
from policemag.site.compress import Precompressor
from policemag.site.finish import finish_content
from policemag.site.pages import PageSource, hand_page_head

log = logging.getLogger("mkdocs.plugins.policemag")


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg,unused-ignore]
    """Writes to ``sys.stderr`` as it is at each record (it may be redirected later)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _content_logger() -> logging.Logger:
    """Where content warnings go: stderr, outside the ``mkdocs`` logger tree.

    MkDocs' strict mode fails a build on any warning logged under ``mkdocs``. Content
    warnings (W050-W054 privacy, E016 unlisted article) must not: whether they block is
    the ``privacy_errors`` option's decision, made before anything is built.
    """
    logger = logging.getLogger("policemag.content")
    if not logger.handlers:
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger

#: What MkDocs adds to markdown_extensions by itself when mkdocs.yml lists none.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")

class _ToMkDocs(logging.Handler):
    """Hands the core's build log (``policemag.build``) to MkDocs' plugin logger, so it
    shows in MkDocs' output like any plugin's (the core does not know MkDocs' names)."""

    def emit(self, record: logging.LogRecord) -> None:
        log.handle(record)


_core_log = logging.getLogger("policemag.build")
if not any(isinstance(h, _ToMkDocs) for h in _core_log.handlers):
    _core_log.addHandler(_ToMkDocs())
    _core_log.propagate = False
    _core_log.setLevel(logging.DEBUG)  # MkDocs' handlers decide what is shown

_HTML_TAG = re.compile(r"<html\b[^>]*>")


class PoliceMagConfig(base.Config):  # type: ignore[no-untyped-call]
    """``plugins: - policemag:`` options in mkdocs.yml: the fields of
    :data:`policemag.config.PLUGIN_OPTIONS`, with MagazineConfig's defaults."""

    title_fr = c.Type(str, default=option_default("title_fr"))
    description = c.Type(str, default="")  # empty: site_description
    feed_page_size = c.Type(int, default=option_default("feed_page_size"))
    privacy_errors = c.Type(bool, default=option_default("privacy_errors"))
    sections = c.Type(dict, default={})  # slug -> {ar, fr} labels: the sections articles may use
    section_labels = c.Type(dict, default={})  # merged over DEFAULT_SECTION_LABELS
    comic_page_size = c.ListOfItems(c.Type(int), default=list(option_default("comic_page_size")))
    search = c.Type(bool, default=option_default("search"))
    months = c.Choice(("maghreb", "mashriq"), default=option_default("months"))
    footer = c.Type(dict, default={})  # publisher, contact, legal, social (config.footer_from)
    share_issues = c.Type(int, default=option_default("share_issues"))


class PoliceMagPlugin(PreviewMixin, BasePlugin[PoliceMagConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.build: Build | None = None
        self._lock: BuildLock | None = None
        self.jobs: OutputJobs | None = None
        self._files_key: str | None = None
        self._pages: CacheStore | None = None
        self._html: CacheStore | None = None
        #: each page's render record, from its render to its on_page_content
        self._records: dict[str, PageRecord | None] = {}
        self._ledger: AuditLedger | None = None
        self._parking = ContentParking()
        self._emptying: Emptying | None = None
        #: the generated pages by source URI (their head, their set-aside HTML)
        self._sources: dict[str, PageSource] = {}
        self._renamed: dict[str, str] = {}
        self._assets: tuple[list[Any], list[Any]] | None = None
        #: the .gz/.br copies, made from each page's bytes as MkDocs writes it
        self._copies: Precompressor | None = None
        self._copies_started = False
        #: the work a cold build does before reading the magazine (policemag.jobs)
        self._early: EarlyJobs | None = None

    def settings(self, config: MkDocsConfig) -> MagazineConfig:
        """The core's settings from MkDocs' validated config (the same mapping
        ``policemag check`` reads from mkdocs.yml without MkDocs)."""
        root = Path(config.config_file_path).parent
        site = {
            "site_url": config.site_url,
            "site_name": config.site_name,
            "site_description": config.site_description,
            "theme": {"language": config.theme["language"]},
        }
        return config_from_site(root, site, {k: self.config[k] for k in PLUGIN_OPTIONS})

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # one Markdown configuration for web, EPUB and feed: the core declares it
        extra = [e for e in config.markdown_extensions if e not in MKDOCS_BUILTIN_EXTENSIONS]
        if extra:
            raise PluginError(
                f"mkdocs.yml: markdown_extensions {extra}: Markdown is configured once, in "
                "policemag.content.markdown (web, EPUB and feed render alike); remove them "
                "from mkdocs.yml (docs/architecture.md)"
            )
        config.markdown_extensions = list(EXTENSIONS)
        config.mdx_configs = extension_configs()
        settings = self.preview_settings(self.settings(config))  # serve only
        REBUILT.clear()  # per build (mkdocs serve keeps the plugin across rebuilds)
        REUSED.clear()
        # one build at a time per repository: they share the cache (policemag.locks)
        self._release_lock()
        self._lock = BuildLock(settings.cache)
        self._lock.acquire()
        self._close_early()
        self._early = start_early_jobs(
            settings, list(config.theme.dirs), _unpublished_theme_files(config), config.theme.custom_dir
        )
        try:
            self.build = prepare_build(settings)
        except ContentErrors as exc:
            self._close_early(wait=True)
            self._release_lock()
            raise PluginError(
                f"{len(exc.errors)} content error(s):\n{exc}\nNothing was written."
            ) from None
        for warning in self.build.warnings:
            _content_logger().warning(f"{warning} (warning)")
        # MkDocs reads SOURCE_DATE_EPOCH while it builds (sitemap); restored at the end
        self.build.source_date_before = pin_source_date(self.build.config.root, self.build.magazine)
        config.nav = self.build.nav
        if self.jobs is not None:
            self.jobs.cancel()
        # EPUBs and search on the other core while pages render
        self.jobs = OutputJobs(self.build, icons=self._early is None)
        self._files_key = None
        self._pages = page_store(self.build.config.cache)
        self._records = {}
        self._ledger = AuditLedger(self._html_store())
        self._parking = ContentParking()
        self._sources = {p.src_uri: p for p in self.build.pages}
        return config

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Render each page through a cache: only pages whose Markdown (or the site's set
        of files, or the code) changed are converted again (docs/performance.md).

        The theme prints ``page.meta`` values (title, description) into HTML unescaped:
        they are escaped here, once, for that HTML context (docs/security.md).
        """
        assert self.build is not None
        page.meta = {k: html.escape(v, quote=True) if isinstance(v, str) else v for k, v in page.meta.items()}
        if self._files_key is None:
            self._files_key = files_key(files, config)
        store = self._pages or page_store(self.build.config.cache)
        source = self._sources.get(page.file.src_uri)
        blocks = source.blocks if source is not None else ()
        key = page_key(store, self._files_key, page, "\n".join((markdown, *blocks)))
        page.render = lambda config, files: self._render(page, store, key, config, files)  # type: ignore[method-assign]
        if self.jobs is not None:
            self.jobs.poll()  # the EPUBs go to the worker once the covers are drawn
        return markdown

    def _render(self, page: Page, store: CacheStore, key: str, config: MkDocsConfig, files: Files) -> None:
        source = self._sources.get(page.file.src_uri)
        self._records[page.file.src_uri] = render_cached(page, store, key, config, files, source)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        for draft in self.build.draft_pages:  # pages/ drafts are never published
            file = files.get_file_from_path(draft)
            if file is not None:
                files.remove(file)
        for page in self.build.pages:
            files.append(File.generated(config, page.src_uri, content=page.source))
        _drop_unused_theme_files(files, config)
        if self.build.config.search:
            # the search script ships with the package: it reads the index this package
            # writes, so a magazine's overrides/ cannot hold an older copy of it
            files.append(File.generated(config, SEARCH_SCRIPT, abs_src_path=str(search_script())))
        self._fingerprint(files, config)
        return files

    def _fingerprint(self, files: Files, config: MkDocsConfig) -> None:
        """Our stylesheets and scripts are published under content-hashed names
        (policemag.site.assets), and the pages name those: they can be cached for good."""
        scripts = [s.path if hasattr(s, "path") else str(s) for s in config.extra_javascript]
        wanted = {*map(str, config.extra_css), *scripts, SEARCH_SCRIPT}
        renamed: dict[str, str] = {}
        for file in files:
            if file.src_uri in wanted and not file.is_documentation_page():
                new, data = published(file.src_uri, file.content_bytes)
                if data != file.content_bytes:  # a minified stylesheet
                    file.content_bytes = data
                file.dest_uri = new
                for cached in ("url", "abs_dest_path"):
                    file.__dict__.pop(cached, None)
                renamed[file.src_uri] = new
        config.extra_css = [renamed.get(str(p), str(p)) for p in config.extra_css]
        for n, script in enumerate(config.extra_javascript):
            if hasattr(script, "path"):
                script.path = renamed.get(script.path, script.path)
            else:
                config.extra_javascript[n] = renamed.get(str(script), str(script))
        self._renamed = renamed

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._parking.park_last()  # every page is rendered: none is templated yet
        if self.build is not None:
            self._close_copies()
            self.build.config.cache.mkdir(parents=True, exist_ok=True)
            self._copies = Precompressor(Path(config.site_dir), self.build.config.cache)
            self._copies_started = False
        return super().on_env(env, config=config, files=files)

    @event_priority(100)  # first: other plugins' handlers see the page's content
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Every page keeps the magazine's frame (language, direction, menu): the page's
        own language is on its ``<article>`` (overrides/main.html; docs/web.md). The
        templates get the frame's words and data (``pm``) and the page's head tags.
        The page's content comes back from its compressed copy (mkdocs_plugin/parking.py)."""
        assert self.build is not None
        self._parking.restore(page)
        context["pm"] = self.build.chrome
        source = self._sources.get(page.file.src_uri)
        head = source.head if source is not None else None
        if head is None:  # a page of pages/ (about, developers)
            head = hand_page_head(
                page.url, str(page.meta.get("title") or page.title or ""), str(page.meta.get("description") or ""),
                str(page.meta.get("lang") or config.theme["language"]), self.build.config, self.build.shares,
            )
        context["pm_head"] = head
        # a page loads only the theme assets its kind uses (policemag.site.assets)
        kind = str(page.meta.get("pm_kind") or "")
        self._assets = (config.extra_css, config.extra_javascript)
        config.extra_css = [p for p in config.extra_css if loads(str(p), kind)]
        config.extra_javascript = [s for s in config.extra_javascript if loads(getattr(s, "path", str(s)), kind)]
        return context

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The rendered content of every page through the allow-list sanitizer, then
        typeset in its language with its tables boxed (policemag.site.finish)."""
        lang = str(page.meta.get("lang") or config.theme["language"])
        record = self._records.pop(page.file.src_uri, None)
        store = self._pages or page_store(self._html_store().root)
        done = finish_recorded(store, record, html_text, lang, _finish, self._html_store())
        self._parking.rendered(page)  # its Markdown dropped, its content parked (parking.py)
        return done

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        """404.html: its content and head come from the core (policemag.site.pages)."""
        if template_name == "404.html" and self.build is not None and self.build.not_found is not None:
            context["pm"] = self.build.chrome
            context["pm_404"] = self.build.not_found.markdown
            context["pm_head"] = self.build.not_found.head
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name != "404.html":
            return output_content
        output = self._frame(output_content, config)
        return audit_page(output)[0]

    @event_priority(-100)  # last: the audit sees the page as it will be written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self._parking.release(page)  # written next: its content is not needed again
        if self.jobs is not None:
            self.jobs.poll()
        output = self._post_page(output, page=page, config=config)
        if page.meta.get("pm_script") == SEARCH_SCRIPT:
            # the page's own script, outside its (sanitized) content; only ours
            script = self._renamed.get(SEARCH_SCRIPT, SEARCH_SCRIPT)
            src = html.escape(posixpath.relpath(script, posixpath.dirname(page.file.dest_uri)))
            output = output.replace("</body>", f'<script src="{src}" defer></script>\n</body>', 1)
        if self._ledger is None:
            self._ledger = AuditLedger(self._html_store())
        output, removed = self._ledger.audited(output, audit_page)
        if removed:
            _content_logger().warning(
                f"{page.file.src_uri}: unsafe markup removed from the page: {', '.join(removed)}"
            )
        output = self.with_banner(output, page)  # serve's previews only
        self._submit_copies(output, page)
        return output

    def _submit_copies(self, output: str, page: Page) -> None:
        """Hand the page's bytes (as MkDocs writes them) to the precompressor, which
        compresses them in a background worker while the other pages are templated; the
        first page also hands over the theme's assets, copied to site/ by then."""
        if self._copies is None:
            return
        if not self._copies_started:
            self._copies_started = True
            if self._early is not None:  # the theme's copies, made while the magazine was read
                self._copies.adopt(self._early.copies())
            self._copies.submit_new()
        self._copies.submit(page.file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))

    def _close_copies(self) -> None:
        if self._copies is not None:
            self._copies.close()
            self._copies = None

    def _post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._assets is not None:
            config.extra_css, config.extra_javascript = self._assets
            self._assets = None
        return self._frame(output, config)

    @staticmethod
    def _frame(output: str, config: MkDocsConfig) -> str:
        """Material puts ``dir`` on ``<body>`` only; reading systems and screen readers
        want the frame's language and direction on ``<html>``."""
        lang = config.theme["language"]
        direction = config.theme.get("direction") or direction_of(lang)
        return _HTML_TAG.sub(f'<html lang="{lang}" dir="{direction}" class="no-js">', output, count=1)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """site/'s old files are moved aside and deleted while the pages render, not
        one by one by MkDocs before it starts (mkdocs_plugin/sitedir.py)."""
        self._emptying = Emptying(Path(config.site_dir))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.build is not None
        site_dir = Path(config.site_dir)
        try:
            if self._ledger is not None:
                self._ledger.save()
            # the pages and the theme's assets are written (their copies mostly made by
            # the background pool while the pages were templated): while the worker still
            # makes EPUBs, the other misses are compressed on this core, which waited idle;
            # what is left goes to write_outputs (policemag.site.compress)
            self.build.config.cache.mkdir(parents=True, exist_ok=True)
            if self._copies is None:
                self._copies = Precompressor(site_dir, self.build.config.cache)
            copies = self._copies
            search = self.build.config.search
            if self.jobs is not None:
                copies.update(busy=self.jobs.busy)
                # while the worker makes EPUBs this process would wait for it: it draws
                # the share images meanwhile, alone (the other core is the worker's),
                # and sends the worker its jobs as soon as the covers are drawn (they
                # may be done after the last page asked; waiting idle for them cost
                # 0.4 s at 30 issues)
                busy = self.jobs.busy()
                draw_share_images(
                    self.build, workers=1 if busy else None, beside_worker=busy, between=self.jobs.poll
                )
                self.jobs.poll(wait=True)
                if search and self.jobs.busy() and not self.jobs.makes_search:
                    # the workers finish their last EPUBs: the search index is made here
                    # meanwhile, not after them (an article whose Markdown they have not
                    # stored yet is converted here too: the last issue's few)
                    write_search_index(self.build, site_dir)
                    copies.submit_new(urls.SEARCH_INDEX)
                    search = False
                self.jobs.finish()
                copies.adopt(self.jobs.precompressed)
            write_outputs(self.build, site_dir, search=search, precompressor=copies)
        finally:
            self._close_copies()
            self._close_early(wait=True)
            unpin_source_date(self.build.source_date_before)
            self._release_lock()
            self._finish_emptying()

    def _finish_emptying(self) -> None:
        emptying, self._emptying = self._emptying, None
        if emptying is not None:
            emptying.finish()

    def _html_store(self) -> CacheStore:
        """Finished and audited pages by digest (render_cache.html_store): a warm build
        sanitizes, typesets and audits no page again."""
        assert self.build is not None
        root = self.build.config.cache
        if self._html is None or self._html.root != root:
            self._html = html_store(root)
        return self._html

    def _release_lock(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    def _close_early(self, *, wait: bool = False) -> None:
        early, self._early = self._early, None
        if early is not None:
            early.close(wait=wait)

    def on_build_error(self, *, error: Exception) -> None:
        self._close_copies()
        if self.build is not None and self.build.covers is not None:
            self.build.covers.cancel()
        self._close_early(wait=True)
        self._release_lock()
        self._finish_emptying()
        if self.jobs is not None:
            self.jobs.cancel()
        if self.build is not None:
            unpin_source_date(self.build.source_date_before)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(config.config_file_path).parent
        for folder in ("issues", "comics"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server


#: What Material copies for its own search (lunr, its 34 languages' stemmers, a word
#: segmenter for Thai, the search worker: about 1 MB, of which 680 KB is wordcut.js),
#: used only when Material's search plugin is on; ours is policemag.search.
MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def _unpublished_theme_files(config: MkDocsConfig) -> tuple[str, ...]:
    """The theme's files (site path prefixes) left out of site/ (:data:`MATERIAL_SEARCH_FILES`
    unless Material's search plugin is on)."""
    if any(name in config.plugins for name in ("search", "material/search")):
        return ()
    return MATERIAL_SEARCH_FILES


def _drop_unused_theme_files(files: Files, config: MkDocsConfig) -> None:
    """Leave Material's search files out of site/ when its search plugin is off (this
    magazine's search is our own): nothing unused is published, and nothing unused is
    compressed at brotli 11 in every cold build (1.1 s of CPU)."""
    if not _unpublished_theme_files(config):
        return
    docs = Path(config.docs_dir).resolve()
    for file in list(files):
        if not file.src_uri.startswith(MATERIAL_SEARCH_FILES) or file.abs_src_path is None:
            continue
        if docs in Path(file.abs_src_path).resolve().parents:
            continue  # the magazine's own file under pages/
        files.remove(file)


def _finish(html_text: str, lang: str) -> str:
    """What ``on_page_content`` makes of a page's rendered content (kept by digest)."""
    return finish_content(sanitize_fragment(html_text, "web"), lang)
