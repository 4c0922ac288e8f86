"""Resolve paths written in content, refusing anything outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

#: Characters a file name may not hold because every URL would need them escaped (a
#: '#' cuts the address, '?' starts a query, '%' starts an escape).
_NEEDS_ESCAPING = re.compile(r"[#?%\s\"<>\\]")


class PathProblem(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def resolve_inside(root: Path, base: Path, written: str) -> Path:
    """``written`` relative to folder ``base``, which must stay inside ``root``.

    Raises E013 for absolute paths, URLs and anything (``..`` or a symlink) that lands
    outside the repository; E042 for a name with a character URLs must escape (``#``,
    ``?``, ``%``, spaces); E014 when the file does not exist.
    """
    if "://" in written or written.startswith(("/", "\\", "data:")) or Path(written).is_absolute():
        raise PathProblem("E013", f"'{written}' must be a relative path inside the repository")
    bad = _NEEDS_ESCAPING.search(written)
    if bad:
        raise PathProblem(
            "E042",
            f"'{written}' holds {bad.group()!r}, which needs escaping in a URL: rename the file"
            " with letters, digits, '-', '_' and '.'",
        )
    target = (base / written).resolve()
    if not target.is_relative_to(root.resolve()):
        raise PathProblem("E013", f"'{written}' points outside the repository")
    if not target.is_file():
        raise PathProblem("E014", f"'{written}' not found")
    return target
