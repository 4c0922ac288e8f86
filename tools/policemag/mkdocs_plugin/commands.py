"""MkDocs' build and serve, as the ``policemag`` command runs them.

The CLI never imports MkDocs itself: ``check`` and ``new-issue`` run without it, and
``build`` / ``serve`` come through here.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
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


def serve_site(root: Path, dev_addr: str) -> None:
    """``mkdocs serve`` with live reload."""
    with mkdocs_messages():
        serve(str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
