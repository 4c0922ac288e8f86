"""Read content files as text, with the limits every reader shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policemag.content.chars import FORBIDDEN, forbidden_by_line, message
from policemag.content.yamlfile import YamlError, load_yaml
from policemag.errors import ErrorLog

#: Text files larger than this are refused: an issue is not a data dump.
MAX_TEXT_BYTES = 1_000_000
#: A YAML document (issue.yml, comic.yml, a front matter) larger than this is refused
#: before parsing: a 40-page comic.yml is about 200 KB.
MAX_YAML_BYTES = 500_000
#: Lines with invisible or control characters reported per file; the rest are counted.
MAX_CHAR_REPORTS = 20


def read_text(path: Path, log: ErrorLog) -> str | None:
    """The file's text, or None after logging E001.

    Every line holding an invisible or control character (:mod:`chars`) gets an E040;
    the text is still returned, so that the file's other errors are reported too.
    """
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            log.add(path, 0, "E001", f"file has {size:,} bytes, more than {MAX_TEXT_BYTES:,}")
            return None
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        log.add(path, 0, "E001", "file not found")
        return None
    except UnicodeDecodeError as exc:
        log.add(path, 0, "E001", f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return None
    except OSError as exc:
        log.add(path, 0, "E001", f"cannot read: {exc.strerror}")
        return None
    found = forbidden_by_line(text)
    for line, column, char, count in found[:MAX_CHAR_REPORTS]:
        log.add(path, line, "E040", message(char, column, count))
    if len(found) > MAX_CHAR_REPORTS:
        rest = len(found) - MAX_CHAR_REPORTS
        log.add(path, found[MAX_CHAR_REPORTS][0], "E040", f"and {rest} more lines like these")
    return text


def read_yaml(
    path: Path,
    log: ErrorLog,
    text: str | None = None,
    first_line: int = 1,
    *,
    front_matter: bool = False,
) -> Any:
    """Parsed YAML with line numbers (see :mod:`yamlfile`), or None after logging.

    An empty document (nothing, or only comments) is an error too: E008 for a front
    matter, E005 for a file; a file that says nothing must not vanish from the magazine
    without a word.
    """
    if text is None:
        text = read_text(path, log)
        if text is None:
            return None
    size = len(text.encode("utf-8"))
    if size > MAX_YAML_BYTES:
        what = "front matter" if front_matter else "YAML file"
        log.add(path, first_line, "E001", f"{what} has {size:,} bytes, more than {MAX_YAML_BYTES:,}")
        return None
    try:
        data = load_yaml(text, first_line)
    except YamlError as exc:
        if exc.code == "E040" and FORBIDDEN.search(text):
            return None  # read_text reported the characters, with their columns
        prefix = "YAML syntax error: " if exc.code == "E002" else ""
        log.add(path, exc.line, exc.code, f"{prefix}{exc.message}")
        return None
    if data is None:
        if front_matter:
            log.add(path, 1, "E008", "front matter is empty (blank or only comments): it needs its fields")
        else:
            log.add(path, 1, "E005", "file is empty (blank or only comments): it needs its fields")
    return data
