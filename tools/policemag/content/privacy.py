"""Privacy lint: personal data that looks like it slipped into the content (W050-W054).

A police magazine must not publish personal data of suspects, victims or witnesses.
Names cannot be told from other words, but some data has a shape: national identity
card numbers (W050), phone numbers (W051), licence plates (W052), e-mail addresses
(W053), and GPS positions in a photo's EXIF (W054). These are warnings by default and
errors when the site sets ``privacy_errors: true``.

What is linted: every line of each article (front matter and body, code blocks too:
they are published as well) and of each issue.yml, except lines holding ids, dates
and embargoes; the images articles and issues use. Comics are not linted: an
awareness comic shows made-up numbers on purpose.

Intended exceptions (docs/editors.md, "Personal data"):

- on one line: ``<!-- privacy-ok -->`` in Markdown or ``# privacy-ok`` in YAML, or
  ``privacy-ok: phone email`` to name the kinds;
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

# Eastern Arabic and Persian digits read as ASCII (one character for one: offsets hold)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_B = r"(?<![\w@+])"  # not glued to a word, an address or a '+' before
_E = r"(?![\w@])"
_SEP = r"[ \t.\-]?"

_CIN = re.compile(_B + r"[A-Z]{1,2}[ \t]?\d{5,6}" + _E)
_PHONE = re.compile(
    _B + r"(?:"
    # international: +212 6 12 34 56 78, 00 33 1 23 45 67 89, +212 (0)6...
    r"(?:\+|00)[ \t]?\d{1,3}" + _SEP + r"(?:\(0\)" + _SEP + r")?\d(?:" + _SEP + r"\d){5,11}"
    # Moroccan national: 06 12 34 56 78, 0612-345678, 05.22.12.34.56
    r"|0[5-8](?:" + _SEP + r"\d){8}"
    r")" + r"(?![\w@]|[ \t.\-]?\d)"
)
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
# 12345-أ-6, 12345 | ب | 6, 6/هـ/12345: digits, Arabic letter (with optional tatweel), digits,
# each part separated by '-', '|' or '/'
_PLATE = re.compile(
    r"(?<![\d\w])\d{1,5}[ \t]*[-|/][ \t]*[\u0621-\u064A]\u0640?[ \t]*[-|/][ \t]*\d{1,5}(?!\d)"
)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}")
#: Every kind needs a digit or an '@': lines with neither are skipped unread.
_CANDIDATE = re.compile(r"[\d@]")
_OK = re.compile(r"privacy-ok\b:?([a-z ,\t]*)")
#: Front matter / issue.yml keys whose lines hold no free text.
_SKIP_KEYS = re.compile(r"^(id|date|embargo|number|draft|lang|section|privacy_ok)\s*:")


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


def line_allows(line: str) -> set[str] | None:
    """Kinds an inline ``privacy-ok`` marker allows on ``line``: None if no marker,
    every kind when it names none."""
    m = _OK.search(line)
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


def lint_file(path: Path, allowed: set[str], log: ErrorLog, severity: Severity) -> None:
    """Lint every line of a text file the readers accepted (so it is readable UTF-8)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not _CANDIDATE.search(line) or _SKIP_KEYS.match(line):
            continue
        ok = line_allows(line) or set()
        for finding in find_personal_data(line):
            if finding.kind in allowed or finding.kind in ok:
                continue
            log.add(path, number, KINDS[finding.kind], _message(finding), severity)


def lint_images(
    images: Iterable[Image], source: Path, allowed: set[str], log: ErrorLog, severity: Severity
) -> None:
    if "gps" in allowed:
        return
    lines = source.read_text(encoding="utf-8").splitlines()
    for image in images:
        line = lines[image.line - 1] if 0 < image.line <= len(lines) else ""
        if "gps" in (line_allows(line) or set()):
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
        f" (if intended, add 'privacy-ok' on the line or privacy_ok: [{f.kind}])"
    )
