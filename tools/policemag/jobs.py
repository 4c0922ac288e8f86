"""Outputs made in a second process while MkDocs renders the pages in this one.

A cold build of a large archive spends as long on EPUBs (Python-Markdown and lxml over
every article) as MkDocs spends on pages, and neither needs the other: on a 2-core
machine they run side by side. :class:`OutputJobs` is started by the MkDocs adapter in
``on_config`` and waited for in ``on_post_build``; the worker stores what it makes in
the cache (:mod:`policemag.cache`) and :func:`policemag.build.write_outputs` then finds
it there. It
is only a speed-up: anything the worker did not store (it failed, or was never
started) is made by ``write_outputs`` itself, which also reports any error.
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
from typing import Any

from policemag.build import (
    Build,
    epub_inputs,
    epub_store,
    make_epub_and_copies,
    make_search_index,
    make_share_images,
    missing_share_images,
    search_key,
    search_store,
)
from policemag.cache import REBUILT
from policemag.site.share import drawing_order
from policemag.workers import start_worker

log = logging.getLogger("policemag.build")


class OutputJobs:
    """Every EPUB not yet stored, made in another process, one issue (with its images and
    comics) a job: on the workers that drew the designed covers when any were drawn
    (forked before any thread ran, or from the fork server under ``mkdocs serve``: they
    have nothing to import, where a spawned worker spent about 0.5 s of CPU importing
    this package), else in one spawned worker (safe under ``serve``'s threads).

    The search index goes to the worker only when few EPUBs are missing (a build after
    an edit: one issue's EPUB and the whole index to make again, about 1 s at 30 issues,
    while the pages render here). When many are (a cold build) it stays in this process:
    the worker would finish after the pages, and it cost 30 MB more at 200 issues.

    The missing share images go to the worker last (a cold build: drawn while the pages
    render, not after them), in two halves, one a worker when the covers' two run: the
    adapter's own drawing then finds them in the cache.
    """

    #: fewer missing EPUBs than this are made in this process (spawning costs ~1 s),
    #: unless the worker starts anyway for the search index
    MIN_JOBS = 4
    #: missing share images (about 9 ms each) that start the worker by themselves
    MIN_SHARES = 64

    def __init__(self, build: Build) -> None:
        self.build = build
        #: the books' compressed copies the worker stored, by key (Precompressor.adopt)
        self.precompressed: dict[str, Any] = {}
        #: (kind, function, arguments) sent once the designed covers are drawn (the
        #: EPUBs read their files)
        self._unsent: list[tuple[str, Any, tuple[Any, ...]]] = []
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
        if len(todo) < self.MIN_JOBS and search is None and len(shares) < self.MIN_SHARES:
            return
        if search is not None:
            self._unsent.append(("search", make_search_index, (search, build.magazine, build.config, build.comics)))
        for key, issue in todo:
            self._unsent.append(("epub", make_epub_and_copies, (key, issue)))
        # after the EPUBs: the pages do not wait for them; in two halves (in drawing
        # order), one for each of the covers' two workers (a single worker draws one,
        # then the other), while the adapter draws from the last
        ordered = sorted(shares.items(), key=lambda item: drawing_order(item[1]))
        half = (len(ordered) + 1) // 2
        for part in (ordered[:half], ordered[half:]):
            if part:
                self._unsent.append(("share", make_share_images, (dict(part), build.config)))
        self.poll()

    def poll(self, *, wait: bool = False) -> None:
        """Send the jobs once the designed covers are drawn (``wait``: wait for them);
        cheap to call for every page."""
        if not self._unsent:
            return
        if not wait and not self.build.covers_ready():
            return
        self.pool = self.build.finish_covers(keep_pool=True) or concurrent.futures.ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn"), initializer=start_worker
        )
        for kind, function, args in self._unsent:
            if kind == "epub":  # its inputs now hold the covers' files as stored
                key, issue = args
                args = (key, *epub_inputs(issue, self.build))
            self.futures.append((kind, self.pool.submit(function, *args)))
        self._unsent.clear()

    def busy(self) -> bool:
        """Whether the worker has jobs left (so the other core is taken)."""
        return bool(self._unsent) or any(not future.done() for _, future in self.futures)

    def finish(self) -> None:
        """Wait for the worker; count what it stored as rebuilt in this process."""
        self.poll(wait=True)
        if self.pool is None:
            return
        for kind, future in self.futures:
            try:
                made = future.result()
                REBUILT[kind] += made if isinstance(made, int) else 1
                if kind == "epub":  # and its unpacked book (build.make_epub), compressed
                    REBUILT["books"] += 1
                    self.precompressed.update(made[1])
            except Exception as exc:
                log.debug("policemag: worker could not make a %s: %r", kind, exc)
        self.pool.shutdown()
        self.pool = None

    def cancel(self) -> None:
        """Stop the worker (the build failed): queued jobs are dropped."""
        self._unsent.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
