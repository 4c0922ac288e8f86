"""Skipping work whose inputs did not change, and keeping unchanged outputs unchanged.

MkDocs empties site/ on every build, so "do not rewrite an unchanged file" cannot mean
"leave it in place". Instead each expensive output (an EPUB, the feed documents, the
search index) is stored once under ``.cache/`` by a key that hashes everything it
depends on (inputs + :func:`code_version`), and site/ gets a hard link to the stored
file. Same key: no work, and the file in site/ is the same inode with the same mtime,
so a server's ETag/Last-Modified stay and apps get 304s. New key: the work is done and
stored under the new key. Old entries are pruned by :meth:`OutputStore.prune`.

:data:`REBUILT` counts, per kind, the outputs made in this process (cache misses); the
build logs it, and tests read it to prove what was (not) rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

#: Outputs made (not reused) in this process, by kind: "epub", "feed", "search".
REBUILT: Counter[str] = Counter()
#: Outputs reused from the store in this process, by kind.
REUSED: Counter[str] = Counter()

_PACKAGE = Path(__file__).resolve().parent
_LIBRARIES = ("markdown", "pillow", "ebooklib", "fonttools", "nh3", "pyyaml")


@cache
def code_version() -> str:
    """Hash of this package's source files and of the libraries that shape outputs.

    Any code change invalidates every stored output: coarse, but never stale.
    """
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if (
            path.suffix in {".py", ".css", ".js", ".json", ".html", ".xhtml", ".yml"}
            and path.is_file()
        ):
            h.update(path.relative_to(_PACKAGE).as_posix().encode())
            h.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none".encode())
    return h.hexdigest()


def digest(*parts: str | bytes) -> str:
    """sha256 of ``parts`` (length-prefixed, so ("ab", "c") != ("a", "bc"))."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def link_or_copy(src: Path, dest: Path) -> None:
    """Make ``dest`` the file ``src`` (hard link, else a copy keeping the mtime)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:  # another file system
        shutil.copy2(src, tmp)
    os.replace(tmp, dest)


class OutputStore:
    """Files and folders stored under ``root/<kind>/<key>``, written atomically."""

    def __init__(self, root: Path, kind: str) -> None:
        self.kind = kind
        self.dir = root / kind

    def path(self, key: str, suffix: str = "") -> Path:
        return self.dir / f"{key}{suffix}"

    def get(self, key: str, suffix: str = "") -> Path | None:
        """The stored entry, or None; counts a reuse."""
        path = self.path(key, suffix)
        if path.exists():
            REUSED[self.kind] += 1
            os.utime(path.parent)  # the folder's mtime tells prune what is in use
            return path
        return None

    def put_bytes(self, key: str, data: bytes, suffix: str = "") -> Path:
        """Store ``data`` (0644, atomically) and count a rebuild."""
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self.path(key, suffix)
        fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        REBUILT[self.kind] += 1
        return path

    def put_dir(self, key: str, folder: Path) -> Path:
        """Move the finished ``folder`` into the store (same file system) as ``key``."""
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self.path(key)
        if path.exists():
            shutil.rmtree(folder)
        else:
            os.replace(folder, path)
        REBUILT[self.kind] += 1
        return path

    def prune(self, keep: Iterable[Path]) -> None:
        """Delete every entry not in ``keep``: the store holds the last build's outputs."""
        wanted = {p.resolve() for p in keep}
        if not self.dir.is_dir():
            return
        for entry in self.dir.iterdir():
            if entry.resolve() in wanted or entry.name.startswith(".tmp-"):
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def link_tree(src: Path, dest: Path) -> int:
    """Hard-link (or copy) every file under ``src`` to the same place under ``dest``."""
    count = 0
    for path in sorted(src.rglob("*")):
        if path.is_file():
            link_or_copy(path, dest / path.relative_to(src))
            count += 1
    return count
