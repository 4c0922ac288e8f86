"""MkDocs' build and serve, as the ``policemag`` command runs them.

The CLI never imports MkDocs itself: ``check`` and ``new-issue`` run without it, and
``build`` / ``serve`` come through here.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


class BuildFailed(Exception):
    """MkDocs stopped the build (content errors, invalid mkdocs.yml); the message says why."""


@contextmanager
def mkdocs_messages() -> Iterator[None]:
    """Show MkDocs' warnings and errors (e.g. what is wrong in mkdocs.yml) on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        mkdocs_log.removeHandler(handler)


def build_site(root: Path, site_dir: Path) -> None:
    """``mkdocs build --strict`` of ``root`` into ``site_dir``.

    Raises BuildFailed with MkDocs' message when the build stops.
    """
    with mkdocs_messages():
        try:
            cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                build(cfg)
            finally:
                cfg.plugins.on_shutdown()
        except MkDocsException as exc:
            raise BuildFailed(str(exc)) from None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_site(
    root: Path, host: str, port: int, *, drafts: bool = False, at: datetime | None = None
) -> int:
    """The live preview (:mod:`policemag.mkdocs_plugin.serve`) until Ctrl-C: its URL
    first, on stdout; returns the exit status."""
    from policemag.mkdocs_plugin.serve import ServeOptions, Session

    try:
        session = Session(ServeOptions(root, host, port, drafts=drafts, at=at))
    except OSError as exc:
        print(f"policemag serve: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Serving the preview on {session.url} (Ctrl-C to stop)", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped like Ctrl-C: temporary folders go
    try:
        session.start()
        session.run()
    except KeyboardInterrupt:
        pass
    finally:
        session.stop()
    return 0
