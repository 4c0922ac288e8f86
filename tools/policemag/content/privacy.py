"""Privacy lint: personal data that looks like it slipped into the content (W050-W054).

A police magazine must not publish personal data of suspects, victims or witnesses.
Names cannot be told from other words, but some data has a shape: national identity
card numbers (W050), phone numbers (W051), licence plates (W052), e-mail addresses
(W053), and GPS positions in a photo's EXIF (W054). These are warnings by default and
errors when the site sets ``privacy_errors: true``.

What is linted: every line of each article (front matter and body, code blocks too:
they are published as well) and of each issue.yml, except the YAML lines of keys whose
validated values cannot hold personal data (``date:``, ``embargo:``, ``number:``, a
``urn:uuid:`` ``id:``...; in the front matter only: a body line starting ``date:`` is
text like any other); the images articles and issues use. Comics are not linted: an
awareness comic shows made-up numbers on purpose.

Numbers are read as a reader sees them: Eastern Arabic digits count as digits, any
Unicode space (no-break U+00A0, narrow no-break U+202F, thin...) or invisible joiner
as a space, any dash as '-'; ``(06) 12 34 56 78`` and ``(+212) 6...`` are phone numbers.

Intended exceptions (docs/editors.md, "Personal data"):

- on one line: the comment ``<!-- privacy-ok -->`` in Markdown or ``# privacy-ok`` in
  YAML, or ``privacy-ok: phone email`` inside it to name the kinds. Only a comment
  counts: the words ``privacy-ok`` in the text itself are text (they would be
  published). :func:`strip_markers` removes the Markdown comments from an article's
  body when it is read, so no edition can carry them;
- for a whole article or issue: front matter / issue.yml ``privacy_ok: [phone]``.

Official service numbers need no exception: short numbers (19, 177, 15) and the
free or shared-cost 080x numbers (0800 00 40 04, +212 800 ...) are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policemag.errors import ErrorLog, Severity
from policemag.images.probe import has_gps
from policemag.model import Article, Image, Magazine

#: The kinds an exception may name, with their codes.
KINDS: dict[str, str] = {
    "cin": "W050", "phone": "W051", "plate": "W052", "email": "W053", "gps": "W054"
}

# What a reader reads as a digit, a space or a dash, one character for one (offsets
# hold): Eastern Arabic, Persian and fullwidth digits; every Unicode space and the
# invisible joiners and marks that may sit between digits; every dash.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_JOINERS = "\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９" + _SPACES + _JOINERS + _DASHES,
    "012345678901234567890123456789"
    + " " * (len(_SPACES) + len(_JOINERS)) + "-" * len(_DASHES),
)
_B = r"(?<![\w@+(])"  # not glued to a word, an address, a '+' or a '(' before
_E = r"(?![\w@])"
_SEP = r"[ \t.\-]?"

_CIN = re.compile(_B + r"[A-Z]{1,2}[ \t]?\d{5,6}" + _E)
_PHONE = re.compile(
    _B + r"(?:"
    # international: +212 6 12 34 56 78, 00 33 1 23 45 67 89, +212 (0)6..., (+212) 6...
    r"(?:(?:\+|00)[ \t]?\d{1,3}|\((?:\+|00)[ \t]?\d{1,3}\))"
    + _SEP + r"(?:\(0\)" + _SEP + r")?\d(?:" + _SEP + r"\d){5,11}"
    # Moroccan national: 06 12 34 56 78, 0612-345678, 05.22.12.34.56, (06) 12 34 56 78
    r"|(?:0[5-8]|\(0[5-8]\))(?:" + _SEP + r"\d){8}"
    r")" + r"(?![\w@]|[ \t.\-]?\d)"
)
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
# 12345-أ-6, 12345 | ب | 6, 6/هـ/12345: digits, Arabic letter (with optional tatweel), digits,
# each part separated by '-', '|' or '/'
_PLATE = re.compile(
    r"(?<![\d\w])\d{1,5}[ \t]*[-|/][ \t]*[\u0621-\u064A]\u0640?[ \t]*[-|/][ \t]*\d{1,5}(?!\d)"
)
# An address starts where its run of name characters starts (not at each of them: a
# line of 240,000 letters and an '@' would take minutes), and never backtracks into it.
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]++@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}")
#: Every kind needs a digit or an '@': lines with neither are skipped unread.
_CANDIDATE = re.compile(r"[\d@]")
#: The line markers: a Markdown comment (the body) or a YAML comment (front matter,
#: issue.yml); the kinds they name, if any, follow ``privacy-ok:``.
_OK_MARKDOWN = re.compile(r"<!--[ \t]*+privacy-ok\b:?([a-z ,\t]*+)-->")
_OK_YAML = re.compile(r"(?:^|[ \t])#[ \t]*+privacy-ok\b:?([a-z ,\t]*+)\r?$")
#: An HTML comment holding a marker, as strip_markers removes it.
_MARKER_COMMENT = re.compile(r"[ \t]*<!--[ \t]*+privacy-ok\b[^<>\n]*?-->")
#: Front matter / issue.yml keys whose validated values hold no free text.
_SKIP_KEYS = re.compile(
    r"^(?:(?:date|embargo|number|draft|lang|section|privacy_ok)[ \t]*:"
    r"|id[ \t]*:[ \t]*[\"']?urn:uuid:[0-9a-fA-F-]{36}[\"']?[ \t]*(?:#.*)?$)"
)


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str  # as found (shown masked)


def find_personal_data(line: str) -> list[Finding]:
    """Personal data that ``line`` seems to hold, in order.

    >>> [f.kind for f in find_personal_data("اتصل بـ 06 12 34 56 78 أو AB123456")]
    ['phone', 'cin']
    >>> find_personal_data("الرقم الأخضر 0800 00 40 04 أو 19 أو +212 800 00 40 04")
    []
    """
    text = line.translate(_DIGITS)
    found: list[tuple[int, Finding]] = []
    emails = [(m.start(), m.end()) for m in _EMAIL.finditer(text)]
    for m in _EMAIL.finditer(text):
        found.append((m.start(), Finding("email", m.group(0))))
    for kind, pattern in (("cin", _CIN), ("phone", _PHONE), ("plate", _PLATE)):
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in emails):
                continue  # part of an address already reported
            if kind == "phone" and (_DATE.fullmatch(m.group(0)[:10]) or _is_service(m.group(0))):
                continue
            found.append((m.start(), Finding(kind, line[m.start() : m.end()])))
    return [f for _, f in sorted(found, key=lambda x: x[0])]


def _is_service(number: str) -> bool:
    """Free and shared-cost numbers (080x nationally, +212 80x) are official lines."""
    digits = re.sub(r"\D", "", number).removeprefix("00")
    national = digits.removeprefix("212") if number.lstrip().startswith(("+", "00")) else digits
    return national.lstrip("0").startswith("80")


def mask(text: str) -> str:
    """Enough to find it in the file, not enough to copy it out of a CI log.

    >>> mask("06 12 34 56 78")
    '06 •• •• •• 78'
    """
    if len(text) <= 4:
        return text
    return text[:2] + "".join("•" if c.isalnum() else c for c in text[2:-2]) + text[-2:]


def strip_markers(body: str) -> str:
    """``body`` without its ``<!-- privacy-ok -->`` comments (lines and line count kept).

    >>> strip_markers("Tél. 05 22 12 34 56 <!-- privacy-ok: phone -->\\nfin")
    'Tél. 05 22 12 34 56\\nfin'
    """
    return _MARKER_COMMENT.sub("", body) if "privacy-ok" in body else body


def line_allows(line: str, yaml: bool = False) -> set[str] | None:
    """Kinds a ``privacy-ok`` marker allows on ``line`` (a Markdown comment, or a YAML
    comment when ``yaml``): None if no marker, every kind when it names none.

    >>> sorted(line_allows("06 12 34 56 78 <!-- privacy-ok: phone -->"))
    ['phone']
    >>> line_allows("privacy-ok 06 12 34 56 78") is None
    True
    """
    m = (_OK_YAML if yaml else _OK_MARKDOWN).search(line)
    if not m:
        return None
    named = {k for k in re.split(r"[\s,]+", m.group(1)) if k in KINDS}
    return named or set(KINDS)


def lint_privacy(magazine: Magazine, log: ErrorLog, severity: Severity = "warning") -> None:
    """Log W050-W054 for every issue and article of ``magazine`` (drafts included:
    their data must be clean before they are published)."""
    for issue in magazine.issues:
        allowed = set(issue.privacy_ok)
        lint_file(issue.source, allowed, log, severity)
        lint_images([issue.cover], issue.source, allowed, log, severity)
        for article in issue.articles:
            lint_article(article, log, severity)


def lint_article(article: Article, log: ErrorLog, severity: Severity) -> None:
    allowed = set(article.privacy_ok)
    lint_file(article.source, allowed, log, severity)
    lint_images(article.all_images, article.source, allowed, log, severity)


def yaml_lines(path: Path, lines: list[str]) -> int:
    """How many of ``lines`` (from the top) are YAML: all of a .yml file, the front
    matter of a Markdown file (its fences included)."""
    if path.suffix != ".md":
        return len(lines)
    if not lines or lines[0].lstrip("\ufeff").rstrip(" \t\r") != "---":
        return 0
    for n in range(1, len(lines)):
        if lines[n].rstrip(" \t\r") == "---":
            return n + 1
    return 0


def lint_file(path: Path, allowed: set[str], log: ErrorLog, severity: Severity) -> None:
    """Lint every line of a text file the readers accepted (so it is readable UTF-8)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    in_yaml = yaml_lines(path, lines)
    for number, line in enumerate(lines, 1):
        yaml = number <= in_yaml
        if not _CANDIDATE.search(line) or (yaml and _SKIP_KEYS.match(line)):
            continue
        ok = line_allows(line, yaml) or set()
        for finding in find_personal_data(line):
            if finding.kind in allowed or finding.kind in ok:
                continue
            log.add(path, number, KINDS[finding.kind], _message(finding), severity)


def lint_images(
    images: Iterable[Image], source: Path, allowed: set[str], log: ErrorLog, severity: Severity
) -> None:
    if "gps" in allowed:
        return
    lines = source.read_text(encoding="utf-8").split("\n")
    in_yaml = yaml_lines(source, lines)
    for image in images:
        line = lines[image.line - 1] if 0 < image.line <= len(lines) else ""
        if "gps" in (line_allows(line, image.line <= in_yaml) or set()):
            continue
        if has_gps(image.path):
            log.add(
                source, image.line, "W054",
                f"'{image.src}' carries a GPS position in its EXIF: remove the metadata"
                " (e.g. exiftool -gps:all= file) or strip it on export",
                severity,
            )


_WHAT = {
    "cin": "an identity card number",
    "phone": "a phone number",
    "plate": "a licence plate",
    "email": "an e-mail address",
}


def _message(f: Finding) -> str:
    return (
        f"'{mask(f.text)}' looks like {_WHAT[f.kind]}: personal data must not be published"
        f" (if intended, end the line with <!-- privacy-ok --> (in YAML: # privacy-ok)"
        f" or add privacy_ok: [{f.kind}])"
    )
