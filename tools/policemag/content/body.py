"""Lint an article's Markdown body: images (alt, path) and dangerous raw HTML."""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from pathlib import Path

from policemag.content.paths import PathProblem, resolve_inside
from policemag.errors import ErrorLog
from policemag.images.probe import ImageProblem, probe_image
from policemag.model import Image

# ![alt](src "title") and ![alt](<src with spaces>)
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
# Elements that run or embed code, restyle or redirect the page, or post data.
_DANGER_TAG = re.compile(
    r"<\s*(script|iframe|frame|frameset|object|embed|applet|style|form|link|meta|base|portal)\b",
    re.IGNORECASE,
)
# An event handler attribute (onclick=, onerror=...) in an HTML tag, or in a Markdown
# attribute list ({: onclick=... }, which attr_list turns into a real attribute); both
# may run over several lines.
_HANDLER = re.compile(
    r"<[a-zA-Z](?:[^<>\"']|\"[^\"]*\"|'[^']*')*?[\s/\"']on[a-z]+\s*="
    r"|\{[^{}]*?[\s:\"'.#]on[a-z]+\s*=",
    re.IGNORECASE | re.DOTALL,
)
# URL schemes that run code. Searched with whitespace and control characters removed,
# across lines: browsers drop them inside URLs, so "java\tscript:" and a scheme split
# over two lines both run.
_DANGER_URL = re.compile(r"(?:java|vb|live)script:|data:text/html", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")
_FENCED = re.compile(r"^(```|~~~)")
_E017 = "script, event handler or embedded page in raw HTML"


@dataclass(frozen=True)
class BodyLint:
    images: tuple[Image, ...]


def lint_body(body: str, first_line: int, source: Path, root: Path, log: ErrorLog) -> BodyLint:
    """Check every image and raw HTML in ``body``; return the images it uses.

    Lines count from ``first_line`` (the line after the front matter). Dangerous markup
    is refused everywhere, code blocks included: the web edition and the EPUB do not
    render with the same Markdown extensions (the web has no fenced code blocks), so
    what is a code block for one can be live HTML for the other. HTML entities are
    decoded first: ``jav&#x61;script:`` is still JavaScript to a browser.
    """
    images: list[Image] = []
    lines = body.splitlines()
    for line in sorted(_dangerous_lines(lines)):
        log.add(source, first_line + line, "E017", _E017)
    in_code = False
    for offset, text in enumerate(lines):
        line = first_line + offset
        if _HTML_IMG.search(text):
            log.add(source, line, "E017", "write images as ![alt](path), not <img>")
        if _FENCED.match(text.lstrip()):
            in_code = not in_code
            continue
        if in_code or text.startswith("    "):
            continue  # an image written in a code example is text, not a picture to check
        for m in MD_IMAGE.finditer(text):
            alt, src = m.group("alt").strip(), m.group("src")
            if not alt:
                log.add(source, line, "E012", f"image '{src}' has no alt text")
            image = check_image(root, source.parent, src, alt, source, line, log)
            if image:
                images.append(image)
    return BodyLint(tuple(images))


def _dangerous_lines(lines: list[str]) -> set[int]:
    """0-based indexes of the lines where dangerous markup starts."""
    decoded = [html.unescape(text) for text in lines]
    found = {n for n, text in enumerate(decoded) if _DANGER_TAG.search(text)}
    joined = "\n".join(decoded)
    starts = [0]
    for text in decoded:
        starts.append(starts[-1] + len(text) + 1)
    for m in _HANDLER.finditer(joined):
        found.add(bisect.bisect_right(starts, m.end() - 1) - 1)
    # the same text without invisible characters; each line's start in it tells a
    # match's line (bisect finds the last line starting at or before the match: an
    # emptied line starts where the next one does, so it is never that one)
    kept = [_INVISIBLE.sub("", text) for text in decoded]
    kept_starts = [0]
    for text in kept:
        kept_starts.append(kept_starts[-1] + len(text))
    for m in _DANGER_URL.finditer("".join(kept)):
        found.add(bisect.bisect_right(kept_starts, m.start()) - 1)
    return found


def check_image(
    root: Path, base: Path, src: str, alt: str, source: Path, line: int, log: ErrorLog
) -> Image | None:
    """Resolve and probe one referenced image; log what is wrong and return None then."""
    try:
        path = resolve_inside(root, base, src)
    except PathProblem as exc:  # its message already names the path as written
        log.add(source, line, exc.code, exc.message)
        return None
    try:
        probe_image(path)
    except ImageProblem as exc:
        # Pillow's messages may carry the absolute path: name the file as the editor
        # wrote it, so messages are the same on every machine
        log.add(source, line, exc.code, f"{src}: {exc.message.replace(str(path), src)}")
        return None
    return Image(src=src, path=path, alt=alt, line=line)
