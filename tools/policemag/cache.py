"""The one cache of the build and the one way to write a file: atomically.

**Writing.** Every file the package writes (cache entries, EPUBs, feed documents, links
into site/) goes through :func:`atomic_write_bytes`, :func:`atomic_write_text` or
:func:`atomic_link`: the data goes to a temporary file in the same folder, named with
the process id and a random part (two processes, or two threads, writing the same path
never share a temporary file), and is renamed over the target. A reader sees the old
file or the new one, never half of one; on any failure the temporary file is removed.

**Caching.** Everything derived is stored under ``.cache/<namespace>/`` by a
:class:`CacheStore`: one store, one key function, one code version.

* ``store.key(*parts)`` hashes :func:`code_version` (the shipped package's own files and
  the versions of the libraries that shape outputs), the namespace and the parts the
  caller names (content, settings). Any change to the package invalidates every entry:
  coarse, never stale. ``tools/policemag_dev`` (benchmarks, not shipped) is not part of
  the version.
* Each entry is a file ``<namespace>/<key[:2]>/<key><suffix>`` (or a folder, see
  :meth:`CacheStore.put_dir`) with a seal beside it (``<entry>.sha256``): an HMAC of
  the entry's name and the sha256 of its content, keyed with a secret that lives
  outside the repository (:func:`cache_secret`). Every read checks it: an entry whose
  bytes no longer match (a disk error, an editor who changed a file in site/ that is a
  hard link to the cache) or that this machine did not make (a ``.cache/`` committed to
  the repository, sealed with a plain digest anyone can compute) is a miss, is rebuilt
  by the caller and is never returned. Text entries (:meth:`CacheStore.put_text`: a
  page's render, its Markdown, an EPUB chapter; read only through
  :meth:`CacheStore.get_text`, never linked into site/) carry their seal as their first
  line instead: one file an entry, not two (a cold 200-issue build writes about 7,000
  of them, and creating a file costs a fraction of a millisecond on the build machines).
* :data:`REBUILT` and :data:`REUSED` count, per namespace, the entries this process
  made and found; the build logs them and tests read them.

This module is core: it imports neither MkDocs nor ``policemag.site``.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import shutil
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path, PurePosixPath

#: Cache entries made (not reused) in this process, by kind (the namespace's first part).
REBUILT: Counter[str] = Counter()
#: Cache entries reused in this process, by kind.
REUSED: Counter[str] = Counter()

#: The shipped package: its files make :func:`code_version`.
PACKAGE = Path(__file__).resolve().parent
#: What :func:`code_version` reads in :data:`PACKAGE` (the shipped files; see pyproject).
SOURCE_SUFFIXES = frozenset({".py", ".css", ".js", ".json", ".html", ".xhtml", ".yml", ".md"})
#: Distributions whose version changes output bytes.
LIBRARIES = (
    "markdown", "pymdown-extensions", "nh3", "pillow", "ebooklib", "lxml", "fonttools", "pyyaml",
    "uharfbuzz",  # its HarfBuzz cuts the EPUB's fonts
)
#: Pillow's codecs and text shaping (they change image and lettering bytes).
PIL_FEATURES = ("webp", "jpg", "zlib", "avif", "littlecms2", "freetype2", "raqm", "harfbuzz", "fribidi")
DIGEST_SUFFIX = ".sha256"
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL
_CHUNK = 1 << 20


# -- writing ------------------------------------------------------------------------


def temp_path(path: Path) -> Path:
    """A fresh temporary name beside ``path``: hidden, with this process id and a random
    part, ending in ``.tmp`` (prunes and clean-ups skip such names)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def atomic_write_bytes(path: Path, data: bytes, *, fsync: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename; mode 0644.

    ``fsync``: flush the file and its folder to the disk before returning (for files
    that must survive a power cut, not for caches that can be rebuilt).
    """
    tmp = temp_path(path)
    try:
        try:
            fd = os.open(tmp, _CREATE, 0o644)
        except FileNotFoundError:
            # the folder is missing only the first time: asking first cost a syscall a
            # file (a cold build writes thousands)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, _CREATE, 0o644)
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o644)  # whatever the umask: the site is served to all
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if fsync:
        _fsync_dir(path.parent)
    return path


def atomic_write_text(path: Path, text: str, *, fsync: bool = False) -> Path:
    """:func:`atomic_write_bytes` of ``text`` in UTF-8."""
    return atomic_write_bytes(path, text.encode("utf-8"), fsync=fsync)


def atomic_link(src: Path, dest: Path) -> Path:
    """Make ``dest`` the file ``src``: a hard link (same inode, same mtime), else a copy
    keeping the mtime; put in place by a rename, like the writes."""
    try:
        os.link(src, dest)  # a new name: made whole at once (a fresh site/ is all new names)
        return dest
    except OSError:
        pass  # it exists (replaced below), its folder is missing, or no hard links here
    tmp = temp_path(dest)
    try:
        try:
            _link_or_copy(src, tmp)
        except FileNotFoundError:
            if dest.parent.is_dir():
                raise  # src is missing
            dest.parent.mkdir(parents=True, exist_ok=True)  # only the first time
            _link_or_copy(src, tmp)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def _link_or_copy(src: Path, dest: Path) -> None:
    try:
        os.link(src, dest)
    except FileNotFoundError:
        raise
    except OSError:  # another file system, or no hard links
        shutil.copy2(src, dest)


def link_tree(src: Path, dest: Path) -> int:
    """:func:`atomic_link` every file under ``src`` to the same place under ``dest``."""
    count = 0
    for path in sorted(src.rglob("*")):
        if path.is_file():
            atomic_link(path, dest / path.relative_to(src))
            count += 1
    return count


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- keys ----------------------------------------------------------------------------


def digest(*parts: str | bytes) -> str:
    """sha256 of ``parts`` (length-prefixed, so ("ab", "c") != ("a", "bc"))."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def package_digest(package: Path) -> str:
    """sha256 of the source files under ``package`` (names and bytes, in sorted order)."""
    h = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            h.update(path.relative_to(package).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def library_versions() -> str:
    """The Python minor version, :data:`LIBRARIES` and :data:`PIL_FEATURES`, one per line."""
    from PIL import features

    lines = [f"python={sys.version_info[0]}.{sys.version_info[1]}"]
    for name in LIBRARIES:
        try:
            lines.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            lines.append(f"{name}=none")
    lines += [f"{name}={features.version(name) or 'none'}" for name in PIL_FEATURES]
    return "\n".join(lines)


@cache
def code_version() -> str:
    """The one code version of every cache key: :data:`PACKAGE`'s source files and the
    versions of the libraries that shape outputs. Computed once per process."""
    return digest(package_digest(PACKAGE), library_versions())


# -- the store -----------------------------------------------------------------------


def _file_sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _tree_sha(folder: Path) -> str:
    """sha256 over every file of ``folder``: relative path and content digest, sorted."""
    rows = [
        f"{p.relative_to(folder).as_posix()}\0{_file_sha(p)}"
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    ]
    return digest(*rows)


def _files_sha(files: Mapping[str, bytes]) -> str:
    """:func:`_tree_sha` of the folder holding ``files`` (relative path -> bytes), from
    the bytes (the same order: paths compared part by part, as the folder's are)."""
    rows = [
        f"{name}\0{hashlib.sha256(files[name]).hexdigest()}"
        for name in sorted(files, key=lambda n: PurePosixPath(n).parts)
    ]
    return digest(*rows)


#: Environment variable holding the cache secret (CI: a secret of the pipeline).
SECRET_ENV = "POLICEMAG_CACHE_KEY"


@cache
def cache_secret() -> bytes:
    """The key that seals cache entries: ``$POLICEMAG_CACHE_KEY`` if set, else a random
    key made once in ``$XDG_CACHE_HOME/policemag/cache-key`` (``~/.cache/...``), mode 0600.

    It lives outside the repository on purpose: whoever can commit to the repository
    can commit a ``.cache/`` too, but cannot seal its entries (docs/security.md).
    """
    value = os.environ.get(SECRET_ENV)
    if value:
        return value.encode("utf-8")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = base / "policemag" / "cache-key"
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = secrets.token_hex(32)
    tmp = temp_path(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(fresh + "\n")
    with contextlib.suppress(OSError):
        os.link(tmp, path)  # the first process to make it wins; others read theirs
    tmp.unlink(missing_ok=True)
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def seal(path: Path, sha: str) -> str:
    """The seal of the entry at ``path`` whose content has digest ``sha``."""
    message = f"{path.parent.parent.name}/{path.name}\0{sha}".encode()
    return hmac.new(cache_secret(), message, hashlib.sha256).hexdigest()


def _sealed(path: Path, sha: str, stored: str) -> bool:
    return hmac.compare_digest(seal(path, sha), stored)


class CacheStore:
    """Entries of one namespace under ``root/<namespace>/``, verified on every read.

    ``count``: add this store's misses and hits to :data:`REBUILT` / :data:`REUSED`
    (under the namespace's first part). Off for stores whose entries are counted at a
    coarser level by their caller, or written by worker processes.

    Stores are plain values (picklable): a worker process makes the same store from the
    same root and namespace.
    """

    def __init__(self, root: Path, namespace: str, *, count: bool = True) -> None:
        self.root = root
        self.namespace = namespace
        self.kind = namespace.split("/")[0]
        self.dir = root / namespace
        self.count = count

    def __repr__(self) -> str:
        return f"CacheStore({str(self.root)!r}, {self.namespace!r})"

    def key(self, *parts: str | bytes) -> str:
        """The key of an entry made from ``parts`` by this version of the code."""
        return digest(code_version(), self.namespace, *parts)

    def path(self, key: str, suffix: str = "") -> Path:
        """Where the entry ``key`` lives (whether or not it exists)."""
        return self.dir / key[:2] / f"{key}{suffix}"

    # reads: verified, None on a miss

    def get_file(self, key: str, suffix: str = "") -> Path | None:
        """The entry's path if it exists and its bytes match its digest, else None."""
        path = self.path(key, suffix)
        expected = _read_digest(path)
        if expected is None or not path.is_file():
            return None
        try:
            actual = _file_sha(path)
        except OSError:
            return None
        return self._hit(path if _sealed(path, actual, expected) else None)

    def get_bytes(self, key: str, suffix: str = "") -> bytes | None:
        """The entry's bytes if it exists and they match its digest, else None."""
        path = self.path(key, suffix)
        expected = _read_digest(path)
        if expected is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        ok = _sealed(path, hashlib.sha256(data).hexdigest(), expected)
        self._hit(path if ok else None)
        return data if ok else None

    def get_text(self, key: str, suffix: str = "") -> str | None:
        """The text entry :meth:`put_text` stored, if its first line seals the rest."""
        path = self.path(key, suffix)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        stored, newline, body = data.partition(b"\n")
        ok = bool(newline) and hmac.compare_digest(seal(path, hashlib.sha256(body).hexdigest()).encode(), stored)
        self._hit(path if ok else None)
        try:
            return body.decode("utf-8") if ok else None
        except UnicodeDecodeError:
            return None

    def get_dir(self, key: str) -> Path | None:
        """The folder entry ``key`` if every file in it is as stored, else None."""
        path = self.path(key)
        expected = _read_digest(path)
        if expected is None or not path.is_dir():
            return None
        return self._hit(path if _sealed(path, _tree_sha(path), expected) else None)

    # writes: atomic, the digest last (an entry without its digest is a miss)

    def put_bytes(self, key: str, data: bytes, suffix: str = "") -> Path:
        """Store ``data`` as the entry ``key``; returns its path."""
        path = atomic_write_bytes(self.path(key, suffix), data)
        self._put_digest(path, hashlib.sha256(data).hexdigest())
        return path

    def put_text(self, key: str, text: str, suffix: str = "") -> Path:
        """Store ``text`` as the entry ``key``, its seal on the first line (the file is
        not the text: read it with :meth:`get_text` only); returns its path."""
        path = self.path(key, suffix)
        body = text.encode("utf-8")
        atomic_write_bytes(path, seal(path, hashlib.sha256(body).hexdigest()).encode() + b"\n" + body)
        if self.count:
            REBUILT[self.kind] += 1
        return path

    def put_dir(self, key: str, files: Mapping[str, bytes]) -> Path:
        """Store ``files`` (relative path -> bytes) as the folder entry ``key``.

        The folder is written beside its place and renamed into it; when another process
        stored the same key meanwhile, its folder is kept (same key, same files).
        """
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_path(path)
        try:
            for name, data in files.items():
                target = tmp / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            if path.exists():
                shutil.rmtree(path, ignore_errors=True)  # a damaged copy (it was a miss)
            with contextlib.suppress(OSError):  # stored by another process meanwhile
                os.replace(tmp, path)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self._put_digest(path, _files_sha(files))  # = _tree_sha(path), without reading it back
        return path

    def prune(self, keep: Iterable[Path]) -> None:
        """Delete every entry of the namespace not in ``keep`` (and its digest).
        Temporary files of writes in progress are left alone."""
        # entries are <namespace>/<fan>/<name>: compared by (fan, name), no path resolved
        # (a few thousand entries: resolving each was a quarter of a warm build's prune)
        wanted = {(p.parent.name, p.name) for p in keep}
        wanted |= {(fan, name + DIGEST_SUFFIX) for fan, name in wanted}
        if not self.dir.is_dir():
            return
        for fan in self.dir.iterdir():
            if not fan.is_dir() or fan.name.startswith("."):
                continue
            for entry in fan.iterdir():
                if entry.name.startswith(".") or (fan.name, entry.name) in wanted:
                    continue
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)

    def _put_digest(self, path: Path, sha: str) -> None:
        atomic_write_text(path.with_name(path.name + DIGEST_SUFFIX), seal(path, sha) + "\n")
        if self.count:
            REBUILT[self.kind] += 1

    def _hit(self, path: Path | None) -> Path | None:
        if path is not None and self.count:
            REUSED[self.kind] += 1
        return path


def _read_digest(path: Path) -> str | None:
    try:
        return path.with_name(path.name + DIGEST_SUFFIX).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
