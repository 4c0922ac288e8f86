"""What the plugin does for ``policemag serve`` (:mod:`policemag.mkdocs_plugin.serve`):
preview settings, the state the fast path renders pages with, and the banners of
pages held back from a real build (:mod:`policemag.preview`).

A mixin of :class:`policemag.mkdocs_plugin.plugin.PoliceMagPlugin`; nothing here acts
unless ``serve`` set :attr:`PreviewMixin.preview` (no mkdocs.yml option can).
"""

from __future__ import annotations

import dataclasses
import html
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policemag.build import Build
from policemag.config import MagazineConfig
from policemag.model import direction_of
from policemag.preview import Banner, held_back
from policemag.site.pages import PageSource

_BODY = re.compile(r"<body\b[^>]*>")

#: The banner's look: inline, so that it needs nothing of the theme's stylesheets.
BANNER_STYLE = (
    "position:sticky;top:0;z-index:10;margin:0;padding:.75rem 1rem;background:#b3261e;"
    "color:#fff;font-weight:700;text-align:center;font-size:1rem"
)


class PreviewMixin:
    """``preview``: MagazineConfig fields serve sets (``preview``, ``drafts``).
    ``site_files``, ``site_nav``, ``site_env``: the last build's MkDocs state, which the
    serve loop renders edited pages with."""

    build: Build | None
    _sources: dict[str, PageSource]

    preview: dict[str, Any] = {}  # noqa: RUF012 (replaced per instance, never mutated)
    site_files: Files | None = None
    site_nav: Navigation | None = None
    site_env: Any = None
    _banners: tuple[int, dict[str, Banner]] = (0, {})

    def preview_settings(self, settings: MagazineConfig) -> MagazineConfig:
        return dataclasses.replace(settings, **self.preview) if self.preview else settings

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.site_nav, self.site_files = nav, files
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.site_env = env
        return env

    def use_build(self, build: Build) -> None:
        """The serve loop's fast path: pages rendered from now on use ``build``."""
        self.build = build
        self._sources = {p.src_uri: p for p in build.pages}

    def with_banner(self, output: str, page: Page) -> str:
        """A preview's page that a real build would not publish now, with its banner."""
        build = self.build
        if build is None or not build.config.preview:
            return output
        if self._banners[0] != id(build):
            self._banners = (id(build), held_back(build.magazine))
        banner = self._banners[1].get(page.url)
        if banner is None:
            return output
        text = html.escape(banner.text(build.config))
        div = (
            f'<div class="pm-preview-banner" role="note" lang="{banner.lang}" '
            f'dir="{direction_of(banner.lang)}" style="{BANNER_STYLE}">{text}</div>'
        )
        found = _BODY.search(output)
        at = found.end() if found else 0
        return output[:at] + div + output[at:]
