"""Lint an article's Markdown body: images (alt, path) and dangerous raw HTML."""

from __future__ import annotations

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
_DANGER = re.compile(
    r"<\s*(script|iframe|object|embed|style|form|link|meta|base)\b|\bon[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)
_FENCED = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class BodyLint:
    images: tuple[Image, ...]


def lint_body(body: str, first_line: int, source: Path, root: Path, log: ErrorLog) -> BodyLint:
    """Check every image and raw HTML in ``body``; return the images it uses.

    Lines count from ``first_line`` (the line after the front matter). Code blocks are
    skipped: an example of markup there is text, not markup.
    """
    images: list[Image] = []
    in_code = False
    for offset, text in enumerate(body.splitlines()):
        line = first_line + offset
        if _FENCED.match(text.lstrip()):
            in_code = not in_code
            continue
        if in_code or text.startswith("    "):
            continue
        if _DANGER.search(text):
            log.add(source, line, "E017", "script, event handler or embedded page in raw HTML")
        if _HTML_IMG.search(text):
            log.add(source, line, "E017", "write images as ![alt](path), not <img>")
        for m in MD_IMAGE.finditer(text):
            alt, src = m.group("alt").strip(), m.group("src")
            if not alt:
                log.add(source, line, "E012", f"image '{src}' has no alt text")
            image = check_image(root, source.parent, src, alt, source, line, log)
            if image:
                images.append(image)
    return BodyLint(tuple(images))


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
