"""Raw HTML in content: anything that could run script is E017; harmless markup passes.

The web edition renders article bodies through MkDocs with raw HTML allowed, so the
lint (content/body.py) is the only fence there: every variant below must be refused by
``policemag check`` and ``policemag build`` at its line. Harmless inline HTML
(``<abbr>``, ``<sup>``) must pass, and reach the web page (tests/build/test_raw_html.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import REPO, SITES

STATION = "issues/2026-01-n1/station.md"
E017 = "E017 script, event handler or embedded page in raw HTML"

DANGEROUS = {
    "javascript-href": '<a href="javascript:alert(1)">اضغط</a>',
    "img-onerror": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "iframe": '<iframe src="https://example.com"></iframe>',
    "svg-onload": "<svg onload=alert(1)>",
    "svg-slash-onload": "<svg/onload=alert(1)>",
    "markdown-javascript-link": "[اضغط](javascript:alert(1))",
    "reference-link": "[اضغط][1]\n\n[1]: javascript:alert(1)",
    "autolink": "<javascript:alert(1)>",
    "mixed-case": "[x](JaVaScRiPt:alert(1))",
    "entity-encoded-scheme": '<a href="jav&#x61;script:alert(1)">x</a>',
    "entity-encoded-markdown-link": "[x](&#106;avascript:alert(1))",
    "tab-in-scheme": '<a href="java\tscript:alert(1)">x</a>',
    "scheme-split-over-lines": '<a href="java\nscript:alert(1)">x</a>',
    "handler-on-next-line": "<a href=x\n   onclick=alert(1)>x</a>",
    "quoted-gt-before-handler": '<a title="a>b" onclick=alert(1)>x</a>',
    "attr-list-handler": 'نص\n{: onclick="alert(1)" }',
    "data-html-link": '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "object": '<object data="x.swf"></object>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://example.com">',
    "style": "<style>body{display:none}</style>",
    "form": '<form action="https://example.com"><input name="cin"></form>',
    "list-continuation": "- بند\n\n    <script>alert(1)</script>",
    "fenced-block": "```\n\n<script>alert(1)</script>\n\n```",
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "m"
    shutil.copytree(SITES / "minimal", root)
    for name in ("overrides", "pages"):  # what mkdocs.yml requires to exist
        (root / name).mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def add_to_body(root: Path, markdown: str) -> int:
    """Append a paragraph to station.md; return the line of its first line."""
    path = root / STATION
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + markdown + "\n", encoding="utf-8")
    return text.count("\n") + 2


@pytest.mark.parametrize("markdown", DANGEROUS.values(), ids=DANGEROUS.keys())
def test_dangerous_html_is_refused_by_check_and_build(
    repo: Path, cli: Callable[..., tuple[int, str]], markdown: str
) -> None:
    first = add_to_body(repo, markdown)
    # the line where the dangerous part is: the first line holding "script", "on...="
    # or the tag
    lines = markdown.splitlines()
    at = next(
        n for n, text in enumerate(lines)
        if any(k in text.lower() for k in ("script", "onclick", "onerror", "onload", "<iframe",
                                             "<object", "<meta", "<style", "<form", "data:"))
    )
    if markdown.startswith('<a href="java\n'):
        at = 0  # a scheme split over lines is reported where it starts
    for command in ("check", "build"):
        status, out = cli(repo, command)
        assert status == 1, out
        assert f"{STATION}:{first + at}: {E017}" in out, out
    assert not (repo / "site").exists()


def test_img_tag_is_refused_with_its_own_message(
    repo: Path, cli: Callable[..., tuple[int, str]]
) -> None:
    line = add_to_body(repo, '<img src="images/station.jpg" alt="صورة">')
    status, out = cli(repo, "check")
    assert status == 1
    assert f"{STATION}:{line}: E017 write images as ![alt](path), not <img>" in out


@pytest.mark.parametrize(
    "field", ['title: "<script>alert(1)</script>"', 'summary: "[x](javascript:alert(1))"',
              'title: "<b onmouseover=alert(1)>x</b>"'],
)
def test_html_in_text_fields_is_refused(
    repo: Path, cli: Callable[..., tuple[int, str]], field: str
) -> None:
    path = repo / STATION
    key = field.split(":")[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, text in enumerate(lines) if text.startswith(key + ":"))
    lines[n] = field
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out = cli(repo, "check")
    assert status == 1
    assert f"{STATION}:{n + 1}: E017 {key}: HTML is not allowed here" in out


HARMLESS = (
    '<abbr title="المديرية العامة للأمن الوطني">م.ع.أ.و</abbr> تعلن، والمساحة 20 م<sup>2</sup>'
    ' و H<sub>2</sub>O، <span dir="ltr">Police</span>. يبدأ البث on time = 9h.'
)


def test_harmless_inline_html_passes_check(repo: Path, cli: Callable[..., tuple[int, str]]) -> None:
    add_to_body(repo, HARMLESS)
    status, out = cli(repo, "check")
    assert status == 0, out
