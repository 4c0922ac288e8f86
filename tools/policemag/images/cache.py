"""The derivative cache: content-addressed files plus two small JSON indexes.

Layout under the cache directory (``MagazineConfig.cache / "images"`` by convention)::

    files/<k[:2]>/<k>.<ext>   one rendition; k = rendition_key(source sha, type, size, encoder)
    sets/<s[:2]>/<s>.json     an image set: source size, renditions; s = set_key(sha, settings)
    sources.json              {absolute path: [size, mtime_ns, sha256]} to skip re-hashing

Every write is a rename of a complete temporary file, so concurrent or interrupted builds
never leave a truncated entry under a valid name. Deleting the directory is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from policemag.images.settings import EXTENSIONS

#: A file modified this recently may change again within the file system's timestamp
#: granularity without changing size ("racy git"): its hash is not remembered.
RACY_NS = 2_000_000_000


def cached_file(files_dir: Path, key: str, mime: str) -> Path:
    """Where the rendition with ``key`` lives."""
    return files_dir / key[:2] / f"{key}.{EXTENSIONS[mime]}"


def write_json_atomic(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # missing or damaged: the entry is rebuilt


class ImageCache:
    """Access to one cache directory. Not shared between threads."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = root / "files"
        self.sets = root / "sets"
        self._index_path = root / "sources.json"
        loaded = _read_json(self._index_path)
        self._index: dict[str, list[Any]] = loaded if isinstance(loaded, dict) else {}
        self._dirty = False
        #: Sources hashed (not found in the index) since this object was made: for tests.
        self.hashed = 0

    def source_sha(self, path: Path) -> str:
        """sha256 of the file's bytes, from the index when size and mtime are unchanged."""
        name = str(path.resolve())
        st = path.stat()
        entry = self._index.get(name)
        if entry and entry[0] == st.st_size and entry[1] == st.st_mtime_ns:
            return str(entry[2])
        with path.open("rb") as f:
            sha = hashlib.file_digest(f, "sha256").hexdigest()
        self.hashed += 1
        if time.time_ns() - st.st_mtime_ns > RACY_NS:
            self._index[name] = [st.st_size, st.st_mtime_ns, sha]
            self._dirty = True
        return sha

    def save_index(self) -> None:
        """Persist the hash index if it changed (entries of deleted files are dropped)."""
        if not self._dirty:
            return
        self._index = {k: v for k, v in self._index.items() if Path(k).exists()}
        write_json_atomic(self._index_path, self._index)
        self._dirty = False

    def set_path(self, set_key: str) -> Path:
        return self.sets / set_key[:2] / f"{set_key}.json"

    def load_set(self, set_key: str) -> dict[str, Any] | None:
        """The stored set record, or None when it or any of its files is missing."""
        record = _read_json(self.set_path(set_key))
        if not isinstance(record, dict) or "renditions" not in record:
            return None
        for row in record["renditions"]:
            try:
                if cached_file(self.files, row["key"], row["mime"]).stat().st_size != row["size"]:
                    return None
            except (OSError, KeyError):
                return None
        return record

    def store_set(self, set_key: str, record: dict[str, Any]) -> None:
        write_json_atomic(self.set_path(set_key), record)
