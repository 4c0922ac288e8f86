"""The MkDocs plugin: a thin adapter between MkDocs and the policemag core.

Lifecycle (see notes/web.md): everything is read, validated and derived in
``on_config`` — before MkDocs empties site/ — so a content error stops the build with
``path:line: CODE message`` lines and leaves the previous site/ untouched. Pages are
added as virtual files in ``on_files``; per-page language is switched around each
page's rendering; every other output is written in ``on_post_build``.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from policemag.build import (
    Build,
    pin_source_date,
    prepare_build,
    unpin_source_date,
    write_outputs,
)
from policemag.cache import REBUILT, REUSED, CacheStore
from policemag.config import PLUGIN_OPTIONS, MagazineConfig, config_from_site, option_default
from policemag.content.markdown import EXTENSIONS, extension_configs
from policemag.errors import ContentErrors
from policemag.jobs import OutputJobs
from policemag.mkdocs_plugin.render_cache import files_key, page_key, page_store, render_cached
from policemag.model import direction_of
from policemag.search import SEARCH_SCRIPT, search_script

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


class PoliceMagPlugin(BasePlugin[PoliceMagConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.build: Build | None = None
        self._saved_theme: tuple[Any, Any] | None = None
        self.jobs: OutputJobs | None = None
        self._files_key: str | None = None
        self._pages: CacheStore | None = None

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
        settings = self.settings(config)
        REBUILT.clear()  # per build (mkdocs serve keeps the plugin across rebuilds)
        REUSED.clear()
        try:
            self.build = prepare_build(settings)
        except ContentErrors as exc:
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
        self.jobs = OutputJobs(self.build)  # EPUBs and search on the other core while pages render
        self._files_key = None
        self._pages = page_store(self.build.config.cache)
        return config

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Render each page through a cache: only pages whose Markdown (or the site's set
        of files, or the code) changed are converted again (docs/performance.md)."""
        assert self.build is not None
        if self._files_key is None:
            self._files_key = files_key(files, config)
        store = self._pages or page_store(self.build.config.cache)
        key = page_key(store, self._files_key, page, markdown)
        page.render = lambda config, files: render_cached(page, store, key, config, files)  # type: ignore[method-assign]
        return markdown

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        for page in self.build.pages:
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        if self.build.config.search:
            # the search script ships with the package: it reads the index this package
            # writes, so a magazine's overrides/ cannot hold an older copy of it
            files.append(File.generated(config, SEARCH_SCRIPT, abs_src_path=str(search_script())))
        return files

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        lang = page.meta.get("lang")
        if lang and lang != config.theme["language"]:
            self._saved_theme = (config.theme["language"], config.theme.get("direction"))
            config.theme["language"] = lang
            config.theme["direction"] = page.meta.get("dir", "ltr")
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        lang = config.theme["language"]
        direction = page.meta.get("dir") or config.theme.get("direction") or "rtl"
        if self._saved_theme is not None:
            config.theme["language"], config.theme["direction"] = self._saved_theme
            self._saved_theme = None
        # Material puts dir on <body> only; reading systems and screen readers want it on <html>
        html = f'<html lang="{lang}" dir="{direction}" class="no-js">'
        output = _HTML_TAG.sub(html, output, count=1)
        site_lang = config.theme["language"]
        if lang != site_lang:
            # the site's own navigation stays Arabic around a French article: say so
            nav = '<nav class="md-nav md-nav--primary"'
            site_dir = direction_of(site_lang)
            output = output.replace(nav, f'{nav} lang="{site_lang}" dir="{site_dir}"', 1)
            title = '<div class="md-header__title"'
            output = output.replace(title, f'{title} lang="{site_lang}"', 1)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.build is not None
        try:
            if self.jobs is not None:
                self.jobs.finish()
            write_outputs(self.build, Path(config.site_dir), search=self.build.config.search)
        finally:
            unpin_source_date(self.build.source_date_before)

    def on_build_error(self, *, error: Exception) -> None:
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
