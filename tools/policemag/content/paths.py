"""Resolve paths written in content, refusing anything outside the repository."""

from __future__ import annotations

from pathlib import Path


class PathProblem(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def resolve_inside(root: Path, base: Path, written: str) -> Path:
    """``written`` relative to folder ``base``, which must stay inside ``root``.

    Raises E013 for absolute paths, URLs and anything (``..`` or a symlink) that lands
    outside the repository; E014 when the file does not exist.
    """
    if "://" in written or written.startswith(("/", "\\", "data:")) or Path(written).is_absolute():
        raise PathProblem("E013", f"'{written}' must be a relative path inside the repository")
    target = (base / written).resolve()
    if not target.is_relative_to(root.resolve()):
        raise PathProblem("E013", f"'{written}' points outside the repository")
    if not target.is_file():
        raise PathProblem("E014", f"'{written}' not found")
    return target
