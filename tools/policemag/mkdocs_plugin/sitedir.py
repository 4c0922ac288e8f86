"""Emptying site/ without waiting for it.

MkDocs empties ``site_dir`` at the start of every build, one file at a time: our site
holds several thousand files (renditions, precompressed copies, unpacked books), and on
a slow file system that took about 2 s of a 5 s warm build of 30 issues. In
``on_pre_build`` (after the content is validated, just before MkDocs would empty it) the
plugin moves the old entries aside with one rename each into a sibling folder
``.<site>-<pid>-old`` and deletes that with ``rm -rf`` in a second process while the
pages render; the build waits for it before it ends, so nothing is left behind a
finished build. What MkDocs would have kept (hidden entries) is kept. A build killed
meanwhile leaves the folder; the next build (or ``policemag build``) removes it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

from policemag.workers import is_alive


class Emptying:
    """The previous contents of ``site_dir``, moved aside and being deleted."""

    def __init__(self, site_dir: Path) -> None:
        self.trash: Path | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        _remove_stale(site_dir)
        try:
            entries = [e for e in os.listdir(site_dir) if not e.startswith(".")]
        except OSError:
            return  # no site/ yet: nothing to empty
        if not entries:
            return
        trash = site_dir.parent / f".{site_dir.name}-{os.getpid()}-old"
        try:
            shutil.rmtree(trash, ignore_errors=True)
            trash.mkdir()
            for entry in entries:
                os.rename(site_dir / entry, trash / entry)
        except OSError:
            # another file system, no permission: put back what moved, MkDocs empties it
            if trash.is_dir():
                for entry in os.listdir(trash):
                    with contextlib.suppress(OSError):
                        os.rename(trash / entry, site_dir / entry)
                shutil.rmtree(trash, ignore_errors=True)
            return
        self.trash = trash
        rm = shutil.which("rm")
        if rm is not None:
            with contextlib.suppress(OSError):
                self.proc = subprocess.Popen(
                    [rm, "-rf", "--", str(trash)],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )

    def finish(self) -> None:
        """Wait until the old contents are gone (delete them here if ``rm`` could not)."""
        if self.proc is not None:
            self.proc.wait()
            self.proc = None
        if self.trash is not None:
            shutil.rmtree(self.trash, ignore_errors=True)
            self.trash = None


def _remove_stale(site_dir: Path) -> None:
    """Folders moved aside by builds whose process is gone (killed meanwhile)."""
    for stale in site_dir.parent.glob(f".{site_dir.name}-*-old"):
        pid = stale.name[len(site_dir.name) + 2 : -len("-old")]
        if pid.isdigit() and not is_alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)

