"""Split a Markdown file into its YAML front matter and body."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


class FrontMatterError(Exception):
    """The file has no front matter or it is not closed; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (yaml text, body, line where the body starts).

    >>> split_front_matter("---\\ntitle: x\\n---\\n\\nHello\\n")
    ('title: x\\n', '\\nHello\\n', 4)
    """
    text = text.removeprefix("\ufeff")
    if not text.startswith("---"):
        raise FrontMatterError(1, "an article starts with front matter between '---' lines")
    first = _FENCE.match(text)
    if not first:
        raise FrontMatterError(1, "an article starts with front matter between '---' lines")
    closing = _FENCE.search(text, first.end())
    if not closing:
        raise FrontMatterError(1, "front matter is not closed with a '---' line")
    yaml_text = text[first.end() + 1 : closing.start()]
    rest = text[closing.end() :]
    body_line = text.count("\n", 0, closing.end()) + 2
    return yaml_text, rest.removeprefix("\n"), body_line
