"""The derivative cache: renditions, image sets and a source hash index, in the one store
(:class:`policemag.cache.CacheStore`) under the cache root (``MagazineConfig.cache``)::

    images/       one rendition per entry; key = store key of its rendition_key
    image-sets/   one JSON record per image set: source size and renditions; key = store
                  key of set_key(source sha, settings)
    image-sources/  {absolute path: [size, mtime_ns, sha256]}, to skip re-hashing sources

Every entry is verified when read (a rendition or record whose bytes changed is a miss
and is derived again); every write is atomic. Deleting the cache is always safe.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from policemag.cache import CacheStore
from policemag.images.settings import EXTENSIONS

#: A file modified this recently may change again within the file system's timestamp
#: granularity without changing size ("racy git"): its hash is not remembered.
RACY_NS = 2_000_000_000
#: The one entry of the source index (not derived by our code: no code version in it).
SOURCES_KEY = "sources"


def renditions_store(root: Path) -> CacheStore:
    """Where renditions live. Not counted: workers write them; sets are counted."""
    return CacheStore(root, "images", count=False)


def rendition_entry(store: CacheStore, key: str) -> str:
    """The store key of the rendition whose (published) key is ``key``."""
    return store.key(key)


def rendition_suffix(mime: str) -> str:
    return f".{EXTENSIONS[mime]}"


def _json(data: bytes | None) -> Any:
    if data is None:
        return None
    try:
        return json.loads(data)
    except ValueError:
        return None


def _dump(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


class ImageCache:
    """Access to the image stores under one cache root. Not shared between threads."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = renditions_store(root)
        self.sets = CacheStore(root, "image-sets")
        self._sources = CacheStore(root, "image-sources", count=False)
        loaded = _json(self._sources.get_bytes(SOURCES_KEY, ".json"))
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
        self._sources.put_bytes(SOURCES_KEY, _dump(self._index), ".json")
        self._dirty = False

    def set_entry(self, set_key: str) -> str:
        return self.sets.key(set_key)

    def cached_file(self, row: dict[str, Any]) -> Path:
        """Where the rendition of a set record's ``row`` lives."""
        return self.files.path(row["entry"], rendition_suffix(row["mime"]))

    def load_set(self, set_key: str) -> dict[str, Any] | None:
        """The stored set record, or None when it or any of its files is missing or
        does not match its digest."""
        record = _json(self.sets.get_bytes(self.set_entry(set_key), ".json"))
        if not isinstance(record, dict) or "renditions" not in record:
            return None
        for row in record["renditions"]:
            try:
                found = self.files.get_file(row["entry"], rendition_suffix(row["mime"]))
            except KeyError:
                return None
            if found is None or found.stat().st_size != row["size"]:
                return None
        return record

    def store_set(self, set_key: str, record: dict[str, Any]) -> None:
        self.sets.put_bytes(self.set_entry(set_key), _dump(record), ".json")
