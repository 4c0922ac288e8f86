"""Read content files as text, with the limits every reader shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policemag.content.yamlfile import YamlError, load_yaml
from policemag.errors import ErrorLog

#: Text files larger than this are refused: an issue is not a data dump.
MAX_TEXT_BYTES = 1_000_000


def read_text(path: Path, log: ErrorLog) -> str | None:
    """The file's text, or None after logging E001."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            log.add(path, 0, "E001", f"file has {size:,} bytes, more than {MAX_TEXT_BYTES:,}")
            return None
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        log.add(path, 0, "E001", "file not found")
    except UnicodeDecodeError as exc:
        log.add(path, 0, "E001", f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except OSError as exc:
        log.add(path, 0, "E001", f"cannot read: {exc.strerror}")
    return None


def read_yaml(path: Path, log: ErrorLog, text: str | None = None, first_line: int = 1) -> Any:
    """Parsed YAML with line numbers (see :mod:`yamlfile`), or None after logging."""
    if text is None:
        text = read_text(path, log)
        if text is None:
            return None
    try:
        return load_yaml(text, first_line)
    except YamlError as exc:
        log.add(path, exc.line, "E002", f"YAML syntax error: {exc.message}")
        return None
