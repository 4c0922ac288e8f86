"""Outputs made in a second process while MkDocs renders the pages in this one.

A cold build of a large archive spends as long on EPUBs (Python-Markdown and lxml over
every article) as MkDocs spends on pages, and neither needs the other: on a 2-core
machine they run side by side. :class:`OutputJobs` is started by the MkDocs adapter in
``on_config`` and waited for in ``on_post_build``; the worker stores what it makes in
the cache (:mod:`policemag.cache`) and :func:`policemag.build.write_outputs` then finds
it there. It
is only a speed-up: anything the worker did not store (it failed, or was never
started) is made by ``write_outputs`` itself, which also reports any error.

:class:`EarlyJobs` is the same idea before the magazine is read: what a cold build
needs that depends on nothing of the magazine (the feed's icons, the theme's
compressed copies), made on the otherwise idle core.
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from policemag.build import (
    Build,
    epub_inputs,
    epub_store,
    make_epub_and_copies,
    make_icons,
    make_search_index,
    make_share_images,
    missing_share_images,
    search_key,
    search_store,
)
from policemag.cache import REBUILT
from policemag.config import MagazineConfig
from policemag.site.compress import TEXT_SUFFIXES, Copies, precompress_paths, stored_copies
from policemag.site.share import drawing_order
from policemag.workers import pool_size, start_method, start_worker

log = logging.getLogger("policemag.build")


class OutputJobs:
    """Every EPUB not yet stored, made in another process: on the workers that drew the
    designed covers when any were drawn (forked before any thread ran, or from the fork
    server under ``mkdocs serve``: they have nothing to import, where a spawned worker
    spent about 0.5 s of CPU importing this package), else in one spawned worker (safe
    under ``serve``'s threads).

    One job an issue (the worker holds one issue, its images and comics at a time), sent
    once the designed covers are drawn: when that is after the last page, the adapter
    sends them before its own work in ``on_post_build`` (:meth:`poll` with ``wait``),
    or both workers sat idle while this process drew share images (seen with py-spy).

    The search index goes to the worker only when few EPUBs are missing (a build after
    an edit: one issue's EPUB and the whole index to make again, about 1 s at 30 issues,
    while the pages render here). When many are (a cold build) it stays in this process:
    the worker would finish after the pages, and it cost 30 MB more at 200 issues.

    The missing share images go after the EPUBs (a cold build: drawn while the pages
    render, not after them), in parts in drawing order, one a worker, while the
    adapter draws from the last; each takes what another stored meanwhile.
    """

    #: fewer missing EPUBs than this are made in this process (spawning costs ~1 s),
    #: unless the worker starts anyway for the search index
    MIN_JOBS = 4
    #: missing share images (about 9 ms each) that start the worker by themselves
    MIN_SHARES = 64

    def __init__(self, build: Build, *, icons: bool = True) -> None:
        """``icons``: draw the feed's icons first in a cold build (False: the
        :class:`EarlyJobs` of this build draw them)."""
        self.build = build
        self._icons = icons
        #: the books' compressed copies the worker stored, by key (Precompressor.adopt)
        self.precompressed: dict[str, Any] = {}
        epubs = epub_store(build.config)
        todo = [(build.epub_keys[i.id], i) for i in build.magazine.issues]
        todo = [(key, issue) for key, issue in todo if not epubs.path(key, ".epub").exists()]
        search = None
        if build.config.search and len(todo) < self.MIN_JOBS:
            key = search_key(build)
            if not search_store(build.config).path(key).is_dir():
                search = key
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        self.futures: list[tuple[str, concurrent.futures.Future[Any]]] = []
        shares = missing_share_images(build)
        #: what is sent once the designed covers are drawn (the EPUBs read their files)
        self._search = search
        self._epubs = todo
        self._shares = sorted(shares.items(), key=lambda item: drawing_order(item[1]))
        self._unsent = not (len(todo) < self.MIN_JOBS and search is None and len(shares) < self.MIN_SHARES)
        self.poll()

    def poll(self, *, wait: bool = False) -> None:
        """Send the jobs once the designed covers are drawn (``wait``: wait for them);
        cheap to call for every page."""
        if not self._unsent:
            return
        if not wait and not self.build.covers_ready():
            return
        self._unsent = False
        self.pool = self.build.finish_covers(keep_pool=True) or concurrent.futures.ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn"), initializer=start_worker
        )
        build = self.build
        if self._search is not None:
            args = (self._search, build.magazine, build.config, build.comics)
            self.futures.append(("search", self.pool.submit(make_search_index, *args)))
        if self._epubs and self._icons:  # a cold build: first what write_outputs would draw at its end
            self.futures.append(("icons", self.pool.submit(make_icons, build.config)))
        for key, issue in self._epubs:  # its inputs now hold the covers' files as stored
            self.futures.append(("epub", self.pool.submit(make_epub_and_copies, key, *epub_inputs(issue, build))))
        # after the EPUBs, in parts in drawing order, one a worker
        parts = pool_size(max(len(self._shares), 1))
        step = -(-len(self._shares) // parts)
        for n in range(parts):
            shares = dict(self._shares[n * step : (n + 1) * step])
            if shares:
                self.futures.append(("share", self.pool.submit(make_share_images, shares, build.config)))

    @property
    def makes_search(self) -> bool:
        """Whether the search index is one of the worker's jobs."""
        return self._search is not None

    def busy(self) -> bool:
        """Whether the worker has jobs left (so the other core is taken)."""
        return self._unsent or any(not future.done() for _, future in self.futures)

    def finish(self) -> None:
        """Wait for the worker; count what it stored as rebuilt in this process."""
        self.poll(wait=True)
        if self.pool is None:
            return
        for kind, future in self.futures:
            try:
                made = future.result()
            except Exception as exc:
                log.debug("policemag: worker could not make a %s: %r", kind, exc)
                continue
            if kind == "share":
                if made:
                    REBUILT["share"] += made
            elif kind == "epub":  # and its unpacked book (build.make_epub), compressed
                _, copies, fresh = made
                REBUILT["epub"] += 1
                REBUILT["books"] += 1
                self.precompressed.update(copies)
                if fresh is not None:
                    self.build.fresh_books[fresh[0]] = fresh[1]
            elif kind == "search":
                REBUILT["search"] += 1
        self.pool.shutdown()
        self.pool = None

    def cancel(self) -> None:
        """Stop the worker (the build failed): queued jobs are dropped."""
        self._unsent = False
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None


class EarlyJobs:
    """What a cold build makes before it has read the magazine, in one process beside
    this one while this one reads it and plans the pages (the second core was idle for
    the first second of a 30-issue build): the feed's icons and the emblem's PNG
    (:func:`policemag.build.make_icons`), and the compressed copies of the theme's
    assets (brotli 11 for Material's script and stylesheets: 0.33 s), which the
    precompressor then adopts instead of making them (:meth:`copies`). Neither depends on
    the magazine; both only fill the store, so work not done in time costs nothing but
    itself.

    A plain forked process and a pipe, not a pool: a pool's manager thread would make
    every later pool of the build start from a fork server (:func:`start_method`),
    whose workers import this package again."""

    def __init__(self, config: MagazineConfig, theme: dict[str, str]) -> None:
        context = multiprocessing.get_context("fork")
        self._results, sender = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_early_work, args=(config, theme, sender, os.getpid()), daemon=True, name="policemag-early"
        )
        self.process.start()
        sender.close()

    def copies(self) -> dict[str, Copies]:
        """The theme's copies when they are made by now, else none (never waits)."""
        try:
            if self._results.poll():
                found = self._results.recv()
                return found if isinstance(found, dict) else {}
        except (EOFError, OSError):  # the process died: the precompressor makes them
            pass
        return {}

    def close(self, *, wait: bool = False) -> None:
        """``wait``: until the process has ended (no process of a build may write to
        the store once the build ends); else it ends by itself."""
        self._results.close()  # (first: a process blocked on a full pipe then stops)
        if wait:
            self.process.join()


def _early_work(config: MagazineConfig, theme: dict[str, str], results: Connection, owner: int) -> None:
    start_worker(owner, images=True)
    try:
        make_icons(config)
        results.send(precompress_paths(theme, config.cache))
    except Exception as exc:  # what is not made here the build makes, and reports
        log.debug("policemag: early work stopped: %r", exc)
    finally:
        results.close()


def start_early_jobs(
    config: MagazineConfig, theme_dirs: list[str], skip: tuple[str, ...] = (), own: str | None = None
) -> EarlyJobs | None:
    """:class:`EarlyJobs` when the store lacks the theme's compressed copies (a cold
    build), else None. ``theme_dirs``: MkDocs' theme folders, first wins; ``skip``: site
    paths that will not be published (prefixes); ``own``: the magazine's theme folder
    (``custom_dir``), whose stylesheets and scripts the adapter publishes minified under
    other names (:mod:`policemag.site.assets`): left out."""
    if start_method() != "fork" or (os.cpu_count() or 1) < 2:  # (serve's threads; one core: no idle core)
        return None
    theme = theme_files(theme_dirs, skip)
    if own is not None:
        mine = Path(own).resolve()
        theme = {rel: path for rel, path in theme.items() if mine not in Path(path).resolve().parents}
    if not theme or stored_copies(theme, config.cache):
        return None
    return EarlyJobs(config, theme)


def theme_files(theme_dirs: list[str], skip: tuple[str, ...] = ()) -> dict[str, str]:
    """The theme's text assets as MkDocs copies them into site/ (site path -> file; the
    first theme folder holding a path wins), but those under a ``skip`` prefix."""
    out: dict[str, str] = {}
    for folder in theme_dirs:
        root = Path(folder)
        for path in sorted((root / "assets").rglob("*")):
            rel = path.relative_to(root).as_posix()
            if rel not in out and path.suffix in TEXT_SUFFIXES and not rel.startswith(skip) and path.is_file():
                out[rel] = str(path)
    return out
