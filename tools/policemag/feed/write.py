"""write_feeds: the edge where feed documents become files in site/."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policemag.cache import atomic_write_bytes


def dump_json(document: Any) -> bytes:
    """Canonical bytes of a document: UTF-8 without ``\\u`` escapes, keys in the order the
    builders wrote them (``version`` first, as JSON Feed asks), no spaces, final newline.

    Compact because the app downloads it on slow networks; gzip on the server does
    the rest.
    """
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def write_bytes(site_dir: Path, files: Mapping[str, bytes]) -> list[str]:
    """Write each site path's bytes unless the file already holds exactly them.

    Unchanged files keep their mtime, so servers keep their ETag/Last-Modified and apps
    get 304s. Each file is replaced atomically (temporary file + rename): an app polling
    during a deploy never reads half a feed. Returns the site paths written, sorted.
    """
    written = []
    for site_path in sorted(files):
        data = files[site_path]
        target = site_dir / site_path
        if target.is_file() and target.read_bytes() == data:
            continue
        atomic_write_bytes(target, data)
        written.append(site_path)
    return written


def write_feeds(site_dir: Path, documents: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Write JSON ``documents`` (site path -> document) under ``site_dir``.

    Returns the site paths whose bytes changed (and were rewritten), sorted.
    """
    return write_bytes(site_dir, {path: dump_json(doc) for path, doc in documents.items()})
