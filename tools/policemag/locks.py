"""One build at a time per repository.

Two builds of one repository share its cache: run together, one could clean up or
replace what the other is reading. :class:`BuildLock` serialises them with an advisory
lock (``fcntl.flock``) on ``<cache>/.build.lock``; the second build waits and says so.
The kernel drops the lock when its process dies, so a killed build never leaves a stale
lock behind.
"""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path
from typing import IO


class BuildLock:
    """``with BuildLock(cache_dir): ...`` — exclusive for the whole block."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / ".build.lock"
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            print(f"policemag: waiting for the build running in {holder} to finish", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def __enter__(self) -> BuildLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
