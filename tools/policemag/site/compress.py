"""Text files precompressed beside themselves, and the cache policy the host applies.

A static host (nginx ``gzip_static``/``brotli_static``, Netlify, Cloudflare Pages, a CDN)
sends ``x.html.br`` or ``x.html.gz`` instead of compressing ``x.html`` on every request
when the file is there: the reader gets the smallest bytes the build could make, and the
server spends no CPU on it (docs/web.md, "Cache and compression").

- Which files: text types (:data:`TEXT_SUFFIXES`) of at least :data:`MIN_SIZE` bytes;
  a compressed copy is written only when it is smaller than the file.
- How: gzip level 6 with no name and no timestamp in its header, brotli quality 11 for
  the theme's assets (few, loaded by every page, cached for a year) and quality 7 for
  pages and data; no brotli for what only the reader app reads (:data:`_APP_ONLY`).
  Measured on the 200-issue site (94 MB of HTML, 76 MB of books, search shards and
  feeds): gzip 9 made .gz files 0.9 % (HTML) and 2.3 % (the rest) smaller in
  2.3 times the time (9.2 s instead of 4.0 s), for the few clients that do not take
  brotli; brotli 11 makes pages 10 % smaller than 7 in 45 times the time (190 s
  instead of 4.6 s). Same bytes in, same bytes out.
- Cached by the sha256 of the file under ``.cache/precompressed/`` (:class:`Precompressor`):
  a warm build hashes, verifies and links, it does not compress again. A cold build
  compresses in a process pool when there is enough to do, and the MkDocs adapter starts
  on the pages and the theme's assets while the EPUB worker is still busy
  (:meth:`Precompressor.update`): the stage is off the build's critical path.

:func:`cache_control` is the policy, one function for the sample server
(``policemag_dev.serve``), the tests and the documented nginx configuration.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import brotli

from policemag.cache import REBUILT, REUSED, CacheStore, atomic_link, atomic_write_bytes
from policemag.workers import process_pool

#: Suffixes of the files worth compressing (images, fonts, EPUBs are compressed already).
TEXT_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".json", ".svg", ".xml", ".xhtml", ".txt", ".webmanifest", ".opf", ".ncx"}
)
#: Smaller files gain nothing that pays for the extra request header work.
MIN_SIZE = 512
#: zlib's default: level 9 costs 2.3 times the time for .gz files 1 to 2 % smaller.
GZIP_LEVEL = 6
#: Store namespace under ``.cache/``.
NAMESPACE = "precompressed"
#: Folders whose files are named by their content (``name.<hash>.ext``) or live under a
#: hashed folder: they never change, so browsers keep them for a year.
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8,64}\.[^/]+$")
_HASHED_FOLDER = re.compile(r"(^|/)search-index/[0-9a-f]{8,64}/")

IMMUTABLE = "public, max-age=31536000, immutable"
#: Pages and feeds: kept, but asked again each time (a lifted embargo or a correction
#: shows at once; an unchanged page costs a 304).
REVALIDATE = "public, no-cache"
#: Files with a stable name that are not pages (EPUBs, the app's icons): a day.
DAY = "public, max-age=86400"


def cache_control(path: str) -> str:
    """The ``Cache-Control`` header of the site file at ``path`` (relative, '/').

    >>> cache_control("assets/stylesheets/policemag.3f2a9c1d.css")
    'public, max-age=31536000, immutable'
    >>> cache_control("media/2026-11-n112-cover.0123456789.960.webp")
    'public, max-age=31536000, immutable'
    >>> cache_control("assets/stylesheets/main.57a0d79d.min.css")
    'public, max-age=31536000, immutable'
    >>> cache_control("2026-11-n112/index.html"), cache_control("feed.json")
    ('public, no-cache', 'public, no-cache')
    >>> cache_control("epub/2026-11-n112.epub")
    'public, max-age=86400'
    """
    if _HASHED_NAME.search(path) or _HASHED_FOLDER.search(path):
        return IMMUTABLE
    if path.endswith((".html", ".json", ".xml", ".txt", ".webmanifest")) or path.endswith("/") or not path:
        return REVALIDATE
    return DAY


#: Read by the reader app and other OPDS/Readium clients, not by browsers: the feeds,
#: the catalogue, the manifests and the unpacked books (docs/app-feed.md). Android's HTTP
#: stacks (OkHttp, HttpURLConnection) ask for gzip only, so a ``.br`` of these was never
#: sent: none is made (a third of the bytes a cold 30-issue build compressed twice).
_APP_ONLY = re.compile(r"^(books/|(feed|opds)(-\d+)?\.json$|(.+/)?manifest\.json$)")


def _quality(path: str) -> int:
    """Brotli quality of the ``.br`` copy of ``path``; 0: no ``.br`` copy.

    >>> _quality("assets/javascripts/bundle.js"), _quality("2026-11-n112/index.html")
    (11, 7)
    >>> _quality("books/2026-11-n112/text/a-x.xhtml"), _quality("feed-2.json"), _quality("2026-11-n112/manifest.json")
    (0, 0, 0)
    """
    if path.startswith("assets/"):
        return 11
    return 0 if _APP_ONLY.match(path) else 7


def copies_key(store: CacheStore, sha: str, path: str) -> str:
    """The store key of the copies of a file with sha256 ``sha`` at site path ``path``:
    its bytes and the brotli quality its path gets (the same bytes under two qualities
    are two entries)."""
    return store.key(sha, str(_quality(path)))


def compressed(data: bytes, path: str) -> dict[str, bytes]:
    """``{".gz": ..., ".br": ...}`` for ``data`` (the file at site path ``path``), each only
    when it is smaller than ``data``.

    >>> sorted(compressed(b"<p>police</p>" * 100, "a/index.html"))
    ['.br', '.gz']
    >>> compressed(b"x", "a.css")
    {}
    """
    if len(data) < MIN_SIZE:
        return {}
    out = {".gz": gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)}
    quality = _quality(path)
    if quality:
        out[".br"] = brotli.compress(data, quality=quality)
    return {k: v for k, v in out.items() if len(v) < len(data)}


def text_files(site_dir: Path) -> Iterable[Path]:
    """The files of ``site_dir`` to precompress, sorted."""
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file() and not path.name.startswith("."):
            yield path


#: Copies, by suffix, and the sha256 of each (``{}``: the file gains nothing).
Copies = dict[str, str]
#: Below this much work (bytes, brotli 11 counted :data:`_SLOW_WEIGHT` times) the misses
#: are compressed in this process: a pool costs more to start (from a fork server:
#: about 0.3 s, up to a second under ``serve``) than it saves. A one-edit build has a few
#: pages and shards to compress; a cold one, megabytes.
POOL_MIN_WORK = 4 << 20
#: brotli 11 takes about 8 times as long a byte as gzip 6 and brotli 7 together (the
#: theme's assets: 1.6 s against 0.2 s for 1.3 MB).
_SLOW_WEIGHT = 8


def _store_copies(store: CacheStore, key: str, made: dict[str, bytes]) -> Copies:
    """Write ``made`` as the blobs ``<key>.gz``/``<key>.br``; their digests by suffix."""
    copies: Copies = {}
    for suffix, blob in sorted(made.items()):
        atomic_write_bytes(store.path(key, suffix), blob)
        copies[suffix] = hashlib.sha256(blob).hexdigest()
    return copies


def _make_copies(source: str, sha: str, rel: str, store: CacheStore, key: str) -> Copies | None:
    """Compress the file at ``source`` and store its copies under ``key`` (in a worker
    or here); None when its bytes are no longer the ones hashed (``sha``)."""
    data = Path(source).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha:
        return None
    return _store_copies(store, key, compressed(data, rel))


def _verified(store: CacheStore, key: str, copies: Copies) -> bool:
    """Whether every blob of ``copies`` is stored with the digest the manifest names."""
    for suffix, sha in copies.items():
        try:
            data = store.path(key, suffix).read_bytes()
        except OSError:
            return False
        if hashlib.sha256(data).hexdigest() != sha:
            return False
    return True


class Precompressor:
    """The ``.gz`` and ``.br`` copies of one build's site/, made once per content.

    The store (namespace ``precompressed``) holds, per content and brotli quality, the
    blobs ``<key>.gz`` and ``<key>.br`` (``key`` = ``store.key(sha256 of the file,
    quality)``), and one manifest: every key the last build used and the sha256 of each
    of its blobs (``{}`` when nothing gains), sealed like any entry
    (:class:`policemag.cache.CacheStore`). A blob is used only when the sealed manifest
    names it and its bytes have the digest named there; anything else (a blob edited
    through its hard link in site/, a manifest this machine did not seal, a build that
    died before writing its manifest) is a miss and is compressed again. One manifest
    write a build instead of a sealed folder per file: a cold 30-issue build wrote 1,116
    folders, 3,348 files and as many seals (about 3 s on this file system).

    :meth:`update` (any number of times, optional) makes sure the copies of the given
    files' current bytes are stored; :meth:`finish` (once, when every file is in place)
    links the copies of every text file beside it, removes stale ones, writes the
    manifest and prunes the store. The bytes never depend on where or in how many
    processes they were made.
    """

    def __init__(self, site_dir: Path, cache_root: Path) -> None:
        self.site_dir = site_dir
        self.store = CacheStore(cache_root, NAMESPACE, count=False)  # counted per file below
        self._manifest_key = self.store.key("manifest")
        self._stored = _read_manifest(self.store)  # the last build's keys, not yet verified
        #: copies verified or made by this build, by key
        self.entries: dict[str, Copies] = {}
        #: file (relative path) -> (its stat when hashed, its key, its sha256): each file
        #: is hashed once a build
        self._seen: dict[str, tuple[tuple[int, int, int], str, str]] = {}
        #: misses handed over by :meth:`submit`: queued until they are worth a pool, then
        #: compressed by it while the build goes on
        self._queued: dict[str, tuple[str, str, int, int]] = {}  # key -> (rel, sha, weight, size)
        self._queued_work = 0
        self._pending: dict[str, Future[Copies | None]] = {}
        self._pending_work: dict[str, int] = {}
        self._submitted: set[str] = set()  # site paths
        self._pool: ProcessPoolExecutor | None = None

    def update(self, paths: Iterable[Path] | None = None, *, busy: Callable[[], bool] | None = None) -> dict[Path, str]:
        """Store the copies of ``paths`` (default: every text file of site/ now) that are
        not stored yet; returns each path's key (files under :data:`MIN_SIZE` have none).

        ``busy``: compress misses here, one at a time, only while it returns True
        (another process of the build has the second core), and leave the rest to a
        later call (:meth:`finish`: one pool, forked once the caller's other pools are
        shut down). Every file is hashed and every stored copy verified either way.
        """
        keys: dict[Path, str] = {}
        todo: dict[str, tuple[Path, str, str, int]] = {}  # key -> (path, sha, rel, size)
        waiting: dict[str, tuple[Path, str, str, int]] = {}  # the background pool's
        self._send_queued()
        self._drop_queued()  # too few to send: found below as misses
        for path in text_files(self.site_dir) if paths is None else paths:
            found = self._key(path)
            if found is None:
                continue
            key, sha, rel, size = found
            keys[path] = key
            if key in self._pending:
                waiting[key] = (path, sha, rel, size)
                continue
            if key not in self.entries and key not in todo and not self._reuse(key):
                todo[key] = (path, sha, rel, size)
        # heaviest first: the long brotli-11 assets start early and a pool drains evenly
        order = sorted(todo, key=lambda k: (-_weight(todo[k][2], todo[k][3]), k))
        if busy is None:
            self._make(order, todo, keys)
            failed = self._collect()
            todo.update(waiting)
            for key in failed:  # a file changed while the worker read it
                if key in todo:
                    self._make_here(key, todo, keys)
        else:
            while order and busy():
                self._make_here(order.pop(0), todo, keys)
        return keys

    def submit(self, rel: str, data: bytes) -> None:
        """``data`` is about to be written at site path ``rel`` (a page MkDocs writes
        after this call): its copies are made by a background worker while the build
        goes on, once the misses submitted add up to :data:`POOL_MIN_WORK` (a build
        after an edit has a few pages to compress: they are left to :meth:`finish`).

        The worker is sent the file's path, not its bytes (queued bytes took the build's
        peak memory over its bound at 200 issues), once the file is written: at the next
        call, when MkDocs has written this page. A file written with other bytes than
        submitted is compressed again by :meth:`update`."""
        self._send_queued()  # the previous page is on disk now
        self._submitted.add(rel)
        if len(data) < MIN_SIZE:
            return
        sha = hashlib.sha256(data).hexdigest()
        key = copies_key(self.store, sha, rel)
        if key in self.entries or key in self._pending or key in self._queued or self._reuse(key):
            return
        self._queued[key] = (rel, sha, _weight(rel, len(data)), len(data))
        self._queued_work += self._queued[key][2]

    def _reuse(self, key: str) -> bool:
        """Take the copies the last build stored under ``key`` if they are intact."""
        stored = self._stored.get(key)
        if stored is None or not _verified(self.store, key, stored):
            return False
        self.entries[key] = stored
        REUSED[NAMESPACE] += 1
        return True

    def adopt(self, entries: Mapping[str, Copies]) -> None:
        """Take copies another process of this build stored (:func:`precompress_files`)."""
        for key, copies in sorted(entries.items()):
            if key not in self.entries:
                self.entries[key] = copies
                REBUILT[NAMESPACE] += 1

    def submit_new(self, under: str = "") -> None:
        """:meth:`submit` every text file of site/ (of its folder ``under``: an edition
        just written, not the whole tree again, 25,000 files at 200 issues) not
        submitted yet, as it is now (the theme's assets once MkDocs has copied them;
        each edition's files once written)."""
        for path in text_files(self.site_dir / under):
            rel = path.relative_to(self.site_dir).as_posix()
            if rel not in self._submitted:
                self.submit(rel, path.read_bytes())
        self._send_queued()

    def _send_queued(self) -> None:
        """Send the queued misses (written by now) to the background pool, started once
        they are worth it."""
        if self._pool is None and self._queued_work < POOL_MIN_WORK:
            return
        if self._pool is None:
            self._pool = process_pool(_pool_workers(), fork=False)
        for key, (rel, sha, weight, size) in self._queued.items():
            path = self.site_dir / rel
            self._pending[key] = self._pool.submit(_make_copies, str(path), sha, rel, self.store, key)
            self._pending_work[key] = weight
            # hashed already: update() need not read it again. Should the file not hold
            # the bytes submitted, the worker finds out (it checks the digest) and
            # update() compresses the file as it is
            with contextlib.suppress(OSError):
                st = path.stat()
                if st.st_size == size:
                    self._seen[rel] = ((st.st_ino, st.st_size, st.st_mtime_ns), key, sha)
        self._drop_queued()

    def _drop_queued(self) -> None:
        self._queued.clear()
        self._queued_work = 0

    def _collect(self) -> list[str]:
        """Wait for the background pool's copies and count them; returns the keys it
        could not make (the file's bytes were not the ones submitted)."""
        failed = []
        for key, future in sorted(self._pending.items()):
            copies = future.result()
            if copies is None:
                failed.append(key)
            else:
                self.entries[key] = copies
                REBUILT[NAMESPACE] += 1
        self._pending.clear()
        self._pending_work.clear()
        return failed

    def close(self) -> None:
        """Stop the background pool (after :meth:`finish`, or when the build failed:
        queued work is dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._pending.clear()
        self._pending_work.clear()
        self._drop_queued()

    def _key(self, path: Path) -> tuple[str, str, str, int] | None:
        """(key, sha256, relative path, size) of the file at ``path``; None when small."""
        st = path.stat()
        if st.st_size < MIN_SIZE:
            return None
        rel = path.relative_to(self.site_dir).as_posix()
        stat = (st.st_ino, st.st_size, st.st_mtime_ns)
        seen = self._seen.get(rel)
        if seen is not None and seen[0] == stat:
            return seen[1], seen[2], rel, st.st_size  # hashed earlier this build, unchanged
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        key = copies_key(self.store, sha, rel)
        self._seen[rel] = (stat, key, sha)
        return key, sha, rel, st.st_size

    def _make(self, order: list[str], todo: dict[str, tuple[Path, str, str, int]], keys: dict[Path, str]) -> None:
        """Compress the misses ``order``: in a pool when they are enough work."""
        work = sum(_weight(todo[k][2], todo[k][3]) for k in order)
        workers = min(os.cpu_count() or 1, len(order))
        if workers < 2 or work < POOL_MIN_WORK:
            for key in order:
                self._make_here(key, todo, keys)
            return
        # This process takes a share itself: one worker fewer (each holds 30 to 40 MB; at
        # 200 issues the tree's peak is made here, beside this process's 300 MB). Shares
        # balanced by weight, heaviest first (``order`` is).
        shares: list[list[str]] = [[] for _ in range(workers)]
        # the background pool's backlog (pages submitted while they were written) is
        # the workers' share already
        backlog = sum(w for k, w in self._pending_work.items() if not self._pending[k].done())
        loads = [0] + [backlog // (workers - 1)] * (workers - 1)
        for key in order:
            i = loads.index(min(loads))
            shares[i].append(key)
            loads[i] += _weight(todo[key][2], todo[key][3])
        futures: dict[str, Future[Copies | None]] = {}
        # not forked: at 200 issues this process holds about 300 MB here, and two forked
        # workers took the tree's peak RSS from 320 to 948 MB; they need only paths
        if self._pool is None:
            self._pool = process_pool(workers - 1, fork=False)
        for key in (k for share in shares[1:] for k in share):
            path, sha, rel, _ = todo[key]
            futures[key] = self._pool.submit(_make_copies, str(path), sha, rel, self.store, key)
        for key in shares[0]:
            self._make_here(key, todo, keys)
        for key, future in futures.items():
            copies = future.result()
            if copies is None:  # the file changed since it was hashed
                self._make_here(key, todo, keys)
            else:
                self.entries[key] = copies
                REBUILT[NAMESPACE] += 1

    def _make_here(self, key: str, todo: dict[str, tuple[Path, str, str, int]], keys: dict[Path, str]) -> None:
        path, _, rel, _ = todo[key]
        data = path.read_bytes()  # hashed again: the bytes compressed are the bytes keyed
        sha = hashlib.sha256(data).hexdigest()
        actual = copies_key(self.store, sha, rel)
        if actual != key:
            st = path.stat()
            self._seen[rel] = ((st.st_ino, st.st_size, st.st_mtime_ns), actual, sha)
            keys[path] = actual
        self.entries[actual] = _store_copies(self.store, actual, compressed(data, rel))
        REBUILT[NAMESPACE] += 1

    def finish(self) -> int:
        """Link the copies of every text file of site/ beside it (a stale copy beside a
        file that no longer gains from it is removed), write the manifest, prune the
        store; returns how many copies were linked."""
        paths = list(text_files(self.site_dir))
        try:
            keys = self.update(paths)
        finally:
            self.close()
        count = 0
        for path in paths:
            key = keys.get(path, "")
            copies = self.entries.get(key, {})
            for suffix in (".gz", ".br"):
                target = path.with_name(path.name + suffix)
                if suffix in copies:
                    atomic_link(self.store.path(key, suffix), target)
                    count += 1
                else:
                    target.unlink(missing_ok=True)
        used = {k: self.entries[k] for k in sorted(set(keys.values()))}
        if used != self._stored:
            self.store.put_bytes(self._manifest_key, json.dumps(used, sort_keys=True).encode(), ".json")
        kept = [self.store.path(self._manifest_key, ".json")]
        kept += [self.store.path(k, suffix) for k, copies in used.items() for suffix in copies]
        self.store.prune(kept)
        return count


def precompress_files(files: Mapping[str, bytes], cache_root: Path) -> dict[str, Copies]:
    """Store the copies of ``files`` (site path -> bytes, not yet in site/) as
    :class:`Precompressor` would make them; returns them by key, for
    :meth:`Precompressor.adopt` (the output worker compresses the books it unpacks while
    the pages are written)."""
    store = CacheStore(cache_root, NAMESPACE, count=False)
    out: dict[str, Copies] = {}
    for rel, data in sorted(files.items()):
        if Path(rel).suffix not in TEXT_SUFFIXES or len(data) < MIN_SIZE:
            continue
        key = copies_key(store, hashlib.sha256(data).hexdigest(), rel)
        if key not in out:
            out[key] = _store_copies(store, key, compressed(data, rel))
    return out


def precompress_paths(files: Mapping[str, str], cache_root: Path) -> dict[str, Copies]:
    """:func:`precompress_files` of files on disk (site path -> file): the theme's assets
    before MkDocs copies them (:class:`policemag.jobs.EarlyJobs`)."""
    return precompress_files({rel: Path(path).read_bytes() for rel, path in files.items()}, cache_root)


def stored_copies(files: Mapping[str, str], cache_root: Path) -> bool:
    """Whether the last build's manifest names the copies of every file of ``files``
    (site path -> file): a look, not a check (the precompressor verifies what it links)."""
    store = CacheStore(cache_root, NAMESPACE, count=False)
    manifest = _read_manifest(store)
    for rel, path in files.items():
        data = Path(path).read_bytes()
        if Path(rel).suffix not in TEXT_SUFFIXES or len(data) < MIN_SIZE:
            continue
        if copies_key(store, hashlib.sha256(data).hexdigest(), rel) not in manifest:
            return False
    return True


def _read_manifest(store: CacheStore) -> dict[str, Copies]:
    """The keys the last build used and their copies' digests (sealed: see
    :class:`Precompressor`); empty when there is none or it cannot be read."""
    data = store.get_bytes(store.key("manifest"), ".json")
    if data is None:
        return {}
    try:
        loaded = json.loads(data)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _pool_workers() -> int:
    """Workers of the pool beside this process, which takes a share itself."""
    return max(1, (os.cpu_count() or 1) - 1)


def _weight(rel: str, size: int) -> int:
    return size * (_SLOW_WEIGHT if _quality(rel) == 11 else 1)


def precompress(site_dir: Path, cache_root: Path, precompressor: Precompressor | None = None) -> int:
    """Write ``.gz`` and ``.br`` beside every text file of ``site_dir`` (a stale copy
    beside a file that no longer gains from it is removed); returns how many were written.

    ``precompressor``: the one the MkDocs adapter started on the pages (its work is kept).
    """
    return (precompressor or Precompressor(site_dir, cache_root)).finish()
