"""Lint an article's Markdown body: images, raw HTML, characters and render cost.

* Images (E012 no alt, E013 outside the repository or remote, E014 missing, E020/E021
  unreadable): inline ``![alt](path)`` and reference images (``![alt][ref]``,
  ``![alt][]``, ``![ref]`` with a ``[ref]: path`` definition), also spread over
  several lines, found the way Python-Markdown finds them (nested brackets in the alt
  text, escaped brackets), outside fenced code blocks.
* Raw HTML that could run script (E017) and raw HTML or CSS that loads a resource
  (E022: ``<svg>``, ``<picture>``, ``<video>``..., ``src=``/``srcset=``/``poster=``
  attributes, also in ``{: attr_list}``, and CSS ``url()``): refused everywhere, code
  blocks included. HTML entities are decoded first where a browser decodes them
  (``jav&#x61;script:``).
* Character references to invisible or control characters (E040: ``&#x202e;``,
  ``&#1;``, ``&ZeroWidthSpace;``): the file text itself is checked by ``read_text``.
* Render cost (E043): Python-Markdown, which renders every edition, needs time that
  grows with the square of some inputs (a paragraph of 8,000 ``[`` takes 17 s) and
  recurses once per nesting level (400 nested lists raise RecursionError).
  :func:`render_cost` estimates the time in linear time; a body over
  :data:`MAX_RENDER_SECONDS`, or nested deeper than :data:`MAX_NESTING`, is refused.

Every pattern here runs in linear time on any input: no nested quantifiers that can
backtrack, no scan restarted from every position (``tools/policemag_dev/bench_lint.py``
times pathological lines against a normal file of the same size).
"""

from __future__ import annotations

import bisect
import difflib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.entities import html5
from pathlib import Path

from policemag.content.chars import FORBIDDEN, describe
from policemag.content.figures import split_title
from policemag.content.paths import PathProblem, resolve_inside
from policemag.errors import ErrorLog
from policemag.images.probe import ImageProblem, probe_image
from policemag.model import Image

#: ``![alt](src "title")`` and ``![alt](<src>)`` on one line: the form every edition
#: processes (site/pages.py replaces it by responsive HTML). Linear: the alt text stops
#: at the next bracket, the source at the next bracket or parenthesis.
MD_IMAGE = re.compile(
    r"!\[(?P<alt>[^\[\]\n]*+)\]\(\s*+<?(?P<src>[^()\[\]\s<>]++)>?(?:\s++\"(?P<title>[^\"\n]*+)\")?\s*+\)"
)
_HTML_IMG = re.compile(r"<img\b", re.IGNORECASE)
# Elements that run or embed code, restyle or redirect the page, or post data.
_DANGER_TAG = re.compile(
    r"<\s*(script|iframe|frame|frameset|object|embed|applet|style|form|link|meta|base|portal)\b",
    re.IGNORECASE,
)
# An event handler attribute (onclick=, onerror=...) in an HTML tag, or in a Markdown
# attribute list ({: onclick=... }, which attr_list turns into a real attribute); both
# may run over several lines. Each start scans to the tag's end at most once.
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
_E017 = "script, event handler or embedded page in raw HTML"

# Raw HTML and CSS that load a resource (E022). Tags and attribute names cannot be
# written with entities, so they are searched in the text as written; CSS inside an
# attribute value can, so url() is searched in the decoded text.
_MEDIA_TAG = re.compile(
    r"<\s*(svg|image|picture|source|video|audio|track|use|feimage|input)\b", re.IGNORECASE
)
_LOAD_ATTR = re.compile(
    r"(?<![\w:.-])(src|srcset|poster|background|lowsrc|dynsrc|xlink:href)\s*+=", re.IGNORECASE
)
_CSS_LOAD = re.compile(
    r"(?<![\w-])(?:url|image-set|-webkit-image-set|image|cross-fade)\(|@import", re.IGNORECASE
)

# Python-Markdown's fenced code: a fence at the start of a line, closed by the same fence.
_FENCE = re.compile(r"(`{3,}|~{3,})")
# A reference definition, as Python-Markdown's ReferenceProcessor reads it.
_REF_DEF = re.compile(r"^[ ]{0,3}\[([^\[\]]*)\]:[ ]*\n?[ ]*(\S+)", re.MULTILINE)
# Brackets, with backslash escapes skipped.
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)
_PAREN = re.compile(r"\\.|[()]", re.DOTALL)
_IMAGE_START = re.compile(r"!\[")
# After "](": the destination, <in angle brackets> or without spaces (one level of
# balanced parentheses), then an optional title, then ")". Possessive: no backtracking.
_DESTINATION = re.compile(
    r"\s*+(?:<([^<>\n]*+)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*+\))++))"
    r"(?:\s++(?:\"[^\"]*+\"|'[^']*+'|\([^()]*+\)))?\s*+\)",
)
_REF_LABEL = re.compile(r"\s?\[([^\]\[]*+)\]")
# Numeric and named character references.
_CHAR_REF = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([A-Za-z][A-Za-z0-9]{1,31}));")
# Nesting: container markers at a line's start, and opening tags with a markdown attribute.
_CONTAINERS = re.compile(r"[ \t]*+(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]++|>[ \t]*+)")
_MD_IN_HTML = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?\bmarkdown\b|</([a-zA-Z][a-zA-Z0-9]*)\s*>")

#: Lines reported per body for one kind of problem.
MAX_REPORTS = 20
#: Nesting levels a body may use (lists in lists, quotes in quotes, markdown="1" blocks):
#: Python-Markdown recurses for each, and fails at about 400.
MAX_NESTING = 20
#: Estimated Python-Markdown seconds a body may need on the build machine (a normal
#: article needs a few hundredths); see :func:`render_cost`.
MAX_RENDER_SECONDS = 2.0


@dataclass(frozen=True)
class BodyLint:
    images: tuple[Image, ...]


def lint_body(body: str, first_line: int, source: Path, root: Path, log: ErrorLog) -> BodyLint:
    """Check every image and raw HTML in ``body``; return the images it uses.

    Lines count from ``first_line`` (the line after the front matter). Dangerous markup
    is refused everywhere, code blocks included: what is a code block to one renderer
    can be live HTML to another. HTML entities are decoded first: ``jav&#x61;script:``
    is still JavaScript to a browser.
    """
    lines = body.split("\n")
    dangerous = _dangerous_lines(lines)
    for line in sorted(dangerous):
        log.add(source, first_line + line, "E017", _E017)
    for offset, text in enumerate(lines):
        if _HTML_IMG.search(text):
            dangerous.add(offset)
            log.add(source, first_line + offset, "E017", "write images as ![alt](path), not <img>")
    for offset, what in _resource_loads(lines):
        if offset in dangerous:
            continue  # one error a line: E017 says more
        log.add(source, first_line + offset, "E022", f"{what}: images come from the repository,"
                " written as ![alt](path); nothing may load from elsewhere")
    for offset, text in _bad_char_refs(body):
        log.add(source, first_line + offset, "E040", text)
    too_costly = _render_problems(body, lines)
    for offset, text in too_costly:
        log.add(source, first_line + offset, "E043", text)
    if too_costly:
        return BodyLint(())  # its images are not searched: that could take as long
    images: list[Image] = []
    for found in find_images(body):
        line = first_line + found.line
        if not found.alt:
            log.add(source, line, "E012", f"image '{found.src}' has no alt text")
        if found.form != "inline" and not _is_remote(found.src):
            how = "a reference-style image" if found.form == "reference" else "this image"
            log.add(source, line, "E023", f"{how} ('{found.src}') is not processed by the build:"
                    " write it as ![alt](path) on one line, without brackets in the alt text")
            continue
        caption, credit = split_title(found.title)
        image = check_image(
            root, source.parent, found.src, found.alt, source, line, log, caption=caption, credit=credit
        )
        if image and found.form == "inline":
            images.append(image)
    return BodyLint(tuple(images))


class _Lines:
    """0-based line of an offset in ``text``, by bisection (no count from the start
    for every match: that would make many matches quadratic)."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_left(self.breaks, offset)


# ---------------------------------------------------------------- dangerous markup


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


def _resource_loads(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(0-based line, what) for raw HTML or CSS that would load a resource (E022)."""
    for n, text in enumerate(lines):
        m = _MEDIA_TAG.search(text)
        if m:
            yield n, f"<{m.group(1).lower()}> in raw HTML"
            continue
        m = _LOAD_ATTR.search(text)
        if m:
            yield n, f"'{m.group(1).lower()}=' attribute"
            continue
        if "(" in text or "@" in text:
            m = _CSS_LOAD.search(html.unescape(text))
            if m:
                yield n, f"CSS '{m.group(0).lower()}'"


def _bad_char_refs(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line, message) for character references to forbidden characters: the
    first on each line, at most :data:`MAX_REPORTS` lines."""
    if "&" not in body:
        return
    line_of = _Lines(body)
    last_line, reported = -1, 0
    for m in _CHAR_REF.finditer(body):
        hex_code, dec_code, name = m.groups()
        if name is not None:
            bad = FORBIDDEN.search(html5.get(f"{name};", ""))
            if bad is None:
                continue
            what = describe(bad.group())
        else:
            code = int(hex_code, 16) if hex_code is not None else int(dec_code)
            if 0 < code <= 0x10FFFF and not FORBIDDEN.match(chr(code)):
                continue
            what = describe(chr(code)) if 0 < code <= 0x10FFFF else f"#{code} (not a character)"
        line = line_of(m.start())
        if line == last_line:
            continue
        last_line = line
        reported += 1
        if reported > MAX_REPORTS:
            return
        yield line, f"'{m.group(0)}' is {what}: remove it"


# ---------------------------------------------------------------- images


def _code_lines(lines: list[str]) -> set[int]:
    """0-based indexes of the lines inside fenced code blocks (fences included)."""
    code: set[int] = set()
    n = 0
    while n < len(lines):
        m = _FENCE.match(lines[n])
        if m:
            fence = m.group(1)
            for end in range(n + 1, len(lines)):
                if lines[end].rstrip(" \r") == fence:
                    code.update(range(n, end + 1))
                    n = end
                    break
            else:
                pass  # never closed: not a code block to Python-Markdown either
        n += 1
    return code


def _without_code(body: str, lines: list[str]) -> str:
    """``body`` with fenced code emptied (line count kept, so offsets still give lines)."""
    code = _code_lines(lines) if "```" in body or "~~~" in body else set()
    if not code:
        return body
    return "\n".join("" if n in code else text for n, text in enumerate(lines))


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, chunk) for each run of text between blank lines: the largest span
    Python-Markdown's inline patterns (links, images) work on."""
    start = 0
    for m in re.finditer(r"\n[ \t\r]*\n", text):
        yield start, text[start : m.start()]
        start = m.end()
    yield start, text[start:]


def _matches(chunk: str, pattern: re.Pattern[str], open_: str, close: str) -> tuple[dict[int, int], list[int]]:
    """Position of each opener -> its closer, and the openers never closed."""
    stack: list[int] = []
    found: dict[int, int] = {}
    for m in pattern.finditer(chunk):
        token = m.group()
        if token == open_:
            stack.append(m.start())
        elif token == close and stack:
            found[stack.pop()] = m.start()
    return found, stack


def reference_definitions(text: str) -> dict[str, str]:
    """``[label]: destination`` definitions, by lower-case label (the first one wins,
    as in Python-Markdown)."""
    refs: dict[str, str] = {}
    for m in _REF_DEF.finditer(text):
        label = " ".join(m.group(1).lower().split())
        if label.startswith("^"):
            continue  # a footnote
        refs.setdefault(label, m.group(2).removeprefix("<").removesuffix(">"))
    return refs


@dataclass(frozen=True)
class FoundImage:
    """An image as Python-Markdown would render it: ``line`` 0-based; ``form`` is
    ``inline`` (``![alt](src)`` on one line, which every edition processes),
    ``reference`` (``![alt][ref]``) or ``other`` (inline, but over several lines,
    with brackets in the alt text or parentheses in the path)."""

    line: int
    alt: str
    src: str
    form: str
    title: str = ""  # "caption © credit" (policemag.content.figures)


def find_images(body: str) -> list[FoundImage]:
    """Every image Python-Markdown would render, outside fenced code; references
    without a definition are not images (they stay text)."""
    text = _without_code(body, body.split("\n"))
    if "![" not in text:
        return []
    refs = reference_definitions(text) if "]:" in text else {}
    line_of = _Lines(text)
    out: list[FoundImage] = []
    for offset, chunk in _chunks(text):
        if "![" not in chunk:
            continue
        brackets, _ = _matches(chunk, _BRACKET, "[", "]")
        for m in _IMAGE_START.finditer(chunk):
            if _escaped(chunk, m.start()):
                continue
            opening = m.start() + 1
            closing = brackets.get(opening)
            if closing is None:
                continue
            alt = " ".join(chunk[opening + 1 : closing].split())
            line = line_of(offset + m.start())
            src = _inline_source(chunk, closing + 1)
            if src is not None:
                simple = MD_IMAGE.match(chunk, m.start())
                form = "inline" if simple and simple.group("src") == src else "other"
                title = (simple.group("title") or "") if simple and form == "inline" else ""
                out.append(FoundImage(line, alt, src, form, title))
                continue
            src = _reference_source(chunk, closing + 1, alt, refs)
            if src is not None:
                out.append(FoundImage(line, alt, src, "reference"))
    return out


def _is_remote(src: str) -> bool:
    return "://" in src or src.startswith(("//", "data:"))


def _escaped(text: str, at: int) -> bool:
    """True when the character at ``at`` follows an odd number of backslashes."""
    n = at
    while n > 0 and text[n - 1] == "\\":
        n -= 1
    return (at - n) % 2 == 1


def _inline_source(chunk: str, at: int) -> str | None:
    if not chunk.startswith("(", at):
        return None
    m = _DESTINATION.match(chunk, at + 1)
    if not m:
        return None
    return m.group(1) if m.group(1) is not None else m.group(2)


def _reference_source(chunk: str, at: int, alt: str, refs: dict[str, str]) -> str | None:
    m = _REF_LABEL.match(chunk, at)
    label = m.group(1) if m and m.group(1).strip() else alt
    return refs.get(" ".join(label.lower().split()))


def check_image(
    root: Path,
    base: Path,
    src: str,
    alt: str,
    source: Path,
    line: int,
    log: ErrorLog,
    *,
    caption: str = "",
    credit: str = "",
) -> Image | None:
    """Resolve and probe one referenced image; log what is wrong and return None then.

    A missing file is named with the closest file of its folder (did you mean).
    """
    try:
        path = resolve_inside(root, base, src)
    except PathProblem as exc:  # its message already names the path as written
        log.add(source, line, exc.code, exc.message + (_near(base, src) if exc.code == "E014" else ""))
        return None
    try:
        probe_image(path)
    except ImageProblem as exc:
        # Pillow's messages may carry the absolute path: name the file as the editor
        # wrote it, so messages are the same on every machine
        log.add(source, line, exc.code, f"{src}: {exc.message.replace(str(path), src)}")
        return None
    return Image(src=src, path=path, alt=alt, line=line, caption=caption, credit=credit)


def _near(base: Path, src: str) -> str:
    """`` (did you mean 'images/x.jpg'?)`` for the file of ``src``'s folder whose name
    is closest to the one written (a typo, another extension), else ``""``.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); (d / "images").mkdir()
    >>> (d / "images" / "border-post.jpg").write_bytes(b"") or _near(d, "images/border_post.jpg")
    " (did you mean 'images/border-post.jpg'?)"
    >>> _near(d, "images/missing.jpg")
    ''
    """
    written = Path(src)
    folder = (base / written.parent).resolve()
    if not folder.is_dir():  # inside the repository: resolve_inside said E014, not E013
        return ""
    names = {p.name: p.name for p in folder.iterdir() if p.is_file()}
    names.update({p.stem: p.name for p in folder.iterdir() if p.is_file()})
    hint = difflib.get_close_matches(written.name, list(names), n=1, cutoff=0.75) or difflib.get_close_matches(
        written.stem, list(names), n=1, cutoff=0.75
    )
    return f" (did you mean '{(written.parent / names[hint[0]]).as_posix()}'?)" if hint else ""


# ---------------------------------------------------------------- render cost

#: Seconds per unit of each cost, measured with Python-Markdown 3.11 on the shared
#: two-core build machine under load (tools/policemag_dev/bench_lint.py measures them
#: again): a character scanned from a '[' to its ']' by the link, image and footnote
#: patterns; from a '](' to its ')'; from a '<' to the next '>'; a light inline match's
#: pass over its paragraph; an abbreviation's pass over the body.
COST_BRACKET = 0.7e-6
COST_PAREN = 0.3e-6
COST_TAG = 0.1e-6
COST_LIGHT = 8e-9
COST_ABBR = 0.15e-6
#: What starts a light inline pattern (emphasis, smart quotes, escapes, entities, code
#: spans, hard line breaks): each match costs about a pass over the rest of the paragraph.
_LIGHT = re.compile(r"[*_'\"\\&`]|  \n")
_ABBR_DEF = re.compile(r"^\*\[[^\]\n]*\]:", re.MULTILINE)


def render_cost(chunk: str) -> float:
    """Estimated seconds Python-Markdown needs for the inline patterns of ``chunk``.

    Its link and image patterns scan from each ``[`` to the matching ``]`` (to the end
    when there is none), and from each ``](`` to the matching ``)``; its HTML patterns
    from each ``<`` to the next ``>``; every other match costs about a pass over the
    paragraph. Computed in linear time, an upper bound for what matters.
    """
    n = len(chunk)
    cost = 0.0
    if "[" in chunk:
        brackets, unclosed = _matches(chunk, _BRACKET, "[", "]")
        cost += COST_BRACKET * (
            sum(close - start for start, close in brackets.items()) + sum(n - s for s in unclosed)
        )
        if "](" in chunk:
            parens, _ = _matches(chunk, _PAREN, "(", ")")
            for m in re.finditer(r"\]\(", chunk):
                start = m.start() + 1
                end = parens.get(start, n)
                cost += COST_PAREN * (end - start)
    if "<" in chunk:
        # from each '<' to the next '>': one right-to-left pass
        next_gt = n
        for m in reversed(list(re.finditer(r"[<>]", chunk))):
            if m.group() == ">":
                next_gt = m.start()
            else:
                cost += COST_TAG * (next_gt - m.start())
    light = len(_LIGHT.findall(chunk))
    cost += COST_LIGHT * light * n
    return cost


def _render_problems(body: str, lines: list[str]) -> list[tuple[int, str]]:
    """(0-based line, message) for nesting deeper than MAX_NESTING and for a body whose
    estimated render time exceeds MAX_RENDER_SECONDS."""
    problems: list[tuple[int, str]] = []
    text = _without_code(body, lines)
    for n, row in enumerate(text.split("\n")):
        if not row or row[0] not in " \t->*+0123456789":
            continue
        m = _CONTAINERS.match(row)
        depth = 0
        while m and m.end() > m.start():
            depth += 1
            if depth > MAX_NESTING:
                break
            m = _CONTAINERS.match(row, m.end())
        indent = len(row) - len(row.lstrip(" \t"))
        if depth > MAX_NESTING or (depth and indent // 4 > MAX_NESTING):
            problems.append((n, f"lists or quotes nested more than {MAX_NESTING} levels deep"))
            return problems
    if "markdown" in text:
        open_tags: list[str] = []
        for m in _MD_IN_HTML.finditer(text):
            if m.group(1):
                open_tags.append(m.group(1).lower())
                if len(open_tags) > MAX_NESTING:
                    line = text.count("\n", 0, m.start())
                    problems.append((line, f"markdown=\"1\" blocks nested more than {MAX_NESTING} levels deep"))
                    return problems
            elif open_tags and open_tags[-1] == m.group(2).lower():
                open_tags.pop()
    total = COST_ABBR * len(_ABBR_DEF.findall(text)) * len(text) if "*[" in text else 0.0
    worst = (0.0, 0)
    for offset, chunk in _chunks(text):
        cost = render_cost(chunk)
        total += cost
        if cost > worst[0]:
            worst = (cost, offset)
    if total > MAX_RENDER_SECONDS:
        line = text.count("\n", 0, worst[1])
        problems.append(
            (
                line,
                f"this text would take the Markdown renderer about {total:.0f} s"
                f" (more than {MAX_RENDER_SECONDS:.0f} s): the paragraph starting here holds"
                " brackets, '<' or '*' that never close; split it or remove them",
            )
        )
    return problems
