"""Content errors: values with a stable code, a path and a line.

A content error is the editor's problem, not a bug: it is reported as
``path:line: CODE message`` and never with a traceback. Readers collect errors in an
:class:`ErrorLog` and keep going, so that one run reports everything at once; the
caller raises :class:`ContentErrors` when the log holds any error.

Codes are stable and documented in ``docs/rules.md`` (see :data:`RULES`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]

#: Every code the pipeline may report, with its one-line meaning. The rule table in
#: docs/rules.md is generated from (and tested against) this mapping.
RULES: dict[str, str] = {
    # files and YAML
    "E001": "file cannot be read (missing, not UTF-8, or too large)",
    "E002": "YAML syntax error",
    "E003": "a required field is missing",
    "E004": "unknown field (did you mean ...?)",
    "E005": "field has the wrong type or an invalid value",
    "E006": "invalid date or date-time",
    "E007": "invalid language tag (BCP 47)",
    "E008": "front matter is missing, empty or not closed",
    "E009": "YAML feature not allowed: anchors, aliases, merge keys, tags, deep nesting",
    # issues and archive
    "E010": "issue number already used by another issue",
    "E011": "contents entry not found",
    "E012": "image has no alt text",
    "E013": "path escapes the repository or is absolute",
    "E014": "image file not found",
    "E015": "unknown comic referenced from an issue",
    "E016": "article listed twice or not listed in any issue",
    "E017": "raw HTML that could run script is not allowed",
    "E018": "embargo must carry a timezone",
    "E019": "id already used by another article",
    # images
    "E020": "not a readable image (truncated, corrupt or wrong extension)",
    "E021": "image is too large: too many pixels (decompression bomb) or bytes",
    "E022": "raw HTML or CSS that loads a resource (src, srcset, url(), svg, picture, video)",
    "E023": "image written in a form the build does not process (reference-style, over several lines)",
    # comics
    "E030": "unknown balloon kind",
    "E031": "text or alt missing for a listed language",
    "E032": "coordinates outside 0..1",
    "E033": "panel art missing or unreadable",
    "E034": "balloon text does not fit at the minimum font size",
    "E035": "page layout does not match its panels",
    "E036": "balloon cannot be placed clear of the heads in its panel",
    "E037": "head or speaker not valid (empty box, mouth outside it, unknown character)",
    "W038": "a translation letters a page smaller than the other language does",
    # text, names and limits
    "E040": "invisible or control character (control, noncharacter, bidi override, zero-width)",
    "E041": "name taken by a page or file the build generates (index, search, feed.json...)",
    "E042": "file or folder name not allowed in a URL (see docs/editors.md, 'Names')",
    "E043": "Markdown too costly to render (brackets that never close, nesting too deep)",
    # links, sections, issues
    "E060": "link to an article, issue, comic or section that does not exist, or written in a form no edition can publish",
    "E061": "link to something not yet published (a draft, or an embargo lifting after the linking article's)",
    "E062": "section not declared in mkdocs.yml",
    "E063": "issue folder name, number and date do not agree",
    "W064": "issue title repeats the issue number (the build writes it)",
    # privacy lint (warnings unless the config makes them errors)
    "W050": "looks like a national identity card number",
    "W051": "looks like a phone number",
    "W052": "looks like a licence plate",
    "W053": "looks like an e-mail address",
    "W054": "image carries GPS position in its metadata",
}


#: Headings of the rule table, by the code's first three characters.
_GROUPS = {
    "E00": "Files and YAML",
    "E01": "Issues and articles",
    "E02": "Images",
    "E03": "Comics",
    "E04": "Text, names and limits",
    "E06": "Links, sections and issues",
    "W06": "Issues (warnings)",
    "W03": "Comics (warnings)",
    "W05": "Privacy (warnings; errors with the `privacy_errors` option)",
}


def rules_markdown() -> str:
    """docs/rules.md: the rule table, generated from :data:`RULES`.

    Regenerate with ``python -c "from policemag.errors import rules_markdown as r;
    print(r(), end='')" > docs/rules.md``; a test fails when the two differ.
    """
    out = [
        "# Rules",
        "",
        "Every problem `policemag check` and the build report has a stable code, printed as",
        "`path:line: CODE message` (or as JSON with `policemag check --format json`). Codes",
        "starting with E are errors: the build stops and nothing is written (one exception:",
        "E016 for an article file that no issue lists is a warning). Codes starting with W",
        "are warnings: reported, not blocking, unless the site configuration makes them",
        "errors. A code keeps its meaning forever; a retired code is not reused.",
        "",
        "This file is generated from `policemag.errors.RULES` by",
        "`policemag.errors.rules_markdown()`: edit those, not this file.",
    ]
    group = None
    for code in sorted(RULES):
        if code[:3] != group:
            group = code[:3]
            out += ["", f"## {_GROUPS.get(group, group)}", "", "| code | meaning |", "|---|---|"]
        out.append(f"| {code} | {RULES[code]} |")
    return "\n".join(out) + "\n"


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on or hide (controls, bidi
    overrides, zero-width...) written as ``\\uXXXX``: a file named with an escape
    sequence must not rewrite the CI log that reports it.

    >>> printable("issues/a\\x1b[2Jb\\u202e/issue.yml: عربي")
    'issues/a\\\\u001b[2Jb\\\\u202e/issue.yml: عربي'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the content, located at ``path:line`` (line 0: the whole file)."""

    path: str
    line: int
    code: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.code} {self.message}")

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class ErrorLog:
    """Collects content errors; paths are stored relative to ``root``."""

    root: Path
    items: list[ContentError] = field(default_factory=list)

    def add(
        self,
        path: Path | str,
        line: int,
        code: str,
        message: str,
        severity: Severity = "error",
    ) -> None:
        assert code in RULES, f"undocumented error code {code}"
        self.items.append(ContentError(self.relpath(path), line, code, message, severity))

    def relpath(self, path: Path | str) -> str:
        """``path`` relative to the root, as the editor sees it in the repository.

        The lexical form comes first so that a symlink is named by its own path, not by
        the (possibly outside, machine-specific) path it points to.
        """
        p = Path(path)
        root = self.root.resolve()
        for candidate in (Path(os.path.normpath(p)), p.resolve()):
            try:
                return candidate.relative_to(root).as_posix()
            except ValueError:
                continue
        return p.as_posix()

    @property
    def errors(self) -> list[ContentError]:
        return sorted(e for e in self.items if e.severity == "error")

    @property
    def warnings(self) -> list[ContentError]:
        return sorted(e for e in self.items if e.severity == "warning")

    def __iter__(self) -> Iterator[ContentError]:
        return iter(sorted(self.items))

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors, self.warnings)


class ContentErrors(Exception):
    """Raised at the edge when content is invalid; carries every error found.

    ``warnings`` travel along so that a failed check still shows them (an editor fixing
    errors wants the privacy warnings of the same run too); ``str()`` is errors only.
    """

    def __init__(
        self, errors: list[ContentError], warnings: list[ContentError] | None = None
    ) -> None:
        self.errors = sorted(errors)
        self.warnings = sorted(warnings or [])
        super().__init__("\n".join(str(e) for e in self.errors))
