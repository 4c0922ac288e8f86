"""The input side of "nothing gets in" (issue 13): YAML features and types, characters,
images in every Markdown form, names, the privacy lint's new forms, and lints that
finish on pathological input. The whole-site outcome of each attack (path:line: CODE,
non-zero exit, site/ untouched) is in tests/build/test_bad_inputs.py; timings are in
tools/policemag_dev/bench_lint.py, not here.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from policemag.content.body import MAX_NESTING, find_images, lint_body, render_cost
from policemag.content.chars import forbidden_by_line
from policemag.content.names import ISSUE_FOLDER, slug_problem
from policemag.content.privacy import find_personal_data, line_allows, strip_markers
from policemag.content.yamlfile import YamlError, load_yaml
from policemag.errors import ErrorLog

REPO = Path(__file__).resolve().parents[2]

# -- YAML ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("a: &x 1\nb: *x\n", "E009", "anchors (&x)"),
        ("a: *x\n", "E009", "aliases (*x)"),
        ("<<: {draft: true}\ntitle: x\n", "E009", "merge keys"),
        ("title: !!binary aGk=\n", "E009", "tags"),
        ("title: ! x\n", "E009", "tags"),
        ("a: " + "[" * 101, "E009", "brackets"),
        ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 40)), "E009", "levels deep"),
        ("a: 1\na: 2\n", "E002", "duplicate key 'a'"),
        ("a: 1\n---\nb: 2\n", "E002", "second '---' document"),
        ("? [a]\n: b\n", "E002", "plain text"),
        ('title: "x\\x01"\n', "E040", "U+0001"),
        ('title: "\\u202e"\n', "E040", "RIGHT-TO-LEFT OVERRIDE"),
    ],
)
def test_yaml_features_content_may_not_use(text: str, code: str, words: str) -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml(text)
    assert caught.value.code == code
    assert words in caught.value.message


def test_a_nested_alias_bomb_is_refused_at_its_first_anchor() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 30)]
    with pytest.raises(YamlError) as caught:
        load_yaml("\n".join(lines) + "\ntitle: *a29\n")
    assert (caught.value.line, caught.value.code) == (1, "E009")


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("112", 112), ("-3", -3), ("0", 0), ("0.5", 0.5), ("1e3", 1000.0), (".5", 0.5),
        ("0113", "0113"), ("0x1F", "0x1F"), ("0o17", "0o17"), ("1_000", "1_000"), ("+5", "+5"),
        ("1:20", "1:20"), ("2027-01-15", "2027-01-15"), ("2027-01-15T09:00:00+01:00",
                                                         "2027-01-15T09:00:00+01:00"),
        ("true", True), ("false", False), ("yes", "yes"), ("no", "no"), ("on", "on"),
        ("~", None), ("null", None), (".inf", ".inf"), ("'112'", "112"),
        ("1" * 19, "1" * 19),
    ],
)
def test_scalars_resolve_strictly(written: str, value: object) -> None:
    assert load_yaml(f"v: {written}\n")["v"] == value


def test_lines_are_kept_for_keys_and_items() -> None:
    data = load_yaml("a: 1\nb:\n  - x\n  - {c: 2}\n", first_line=2)
    assert (data.line, data.lines, data["b"].lines, data["b"][1].lines) == (2, {"a": 2, "b": 3}, [4, 5], {"c": 5})


# -- characters ------------------------------------------------------------------------


def test_controls_bidi_zero_width_and_noncharacters_are_found_by_line() -> None:
    text = "ok\nti\u202etle\nx\x01y\u200bz\ufffe\n\u2066\n"
    assert forbidden_by_line(text) == [(2, 3, "\u202e", 1), (3, 2, "\x01", 3), (4, 1, "\u2066", 1)]


@pytest.mark.parametrize("allowed", ["\t", "\r", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u00a0", "é"])
def test_what_arabic_and_french_typography_needs_is_allowed(allowed: str) -> None:
    assert forbidden_by_line(f"\ufeffنص{allowed}نص\n") == []


# -- body: images, resources, costs ------------------------------------------------------


def lint(body: str, tmp_path: Path) -> list[str]:
    log = ErrorLog(tmp_path)
    lint_body(body, 1, tmp_path / "a.md", tmp_path, log)
    return [f"{e.line}: {e.code}" for e in log]


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("![a](x.jpg)", [(0, "a", "x.jpg", "inline")]),
        ('![a](x.jpg "t")', [(0, "a", "x.jpg", "inline")]),
        ("![a [b] c](x.jpg)", [(0, "a [b] c", "x.jpg", "other")]),
        ("t\n![a\nb](https://e.x/p.gif)", [(1, "a b", "https://e.x/p.gif", "other")]),
        ("![a][p]\n\n[p]: https://e.x/p.gif", [(0, "a", "https://e.x/p.gif", "reference")]),
        ("![][P]\n\n[p]: <x.jpg>", [(0, "", "x.jpg", "reference")]),
        ("![p]\n\n[p]: x.jpg", [(0, "p", "x.jpg", "reference")]),
        ("![a][nothing]", []),
        ("\\![a](x.jpg)", []),
        ("\\\\![a](x.jpg)", [(0, "a", "x.jpg", "inline")]),
        ("```\n![a](x.jpg)\n```", []),
        ("```\n![a](x.jpg)", [(1, "a", "x.jpg", "inline")]),  # never closed: not code
        ("[![a](x.jpg)](https://e.x)", [(0, "a", "x.jpg", "inline")]),
    ],
)
def test_images_are_found_as_python_markdown_renders_them(body: str, found: list[tuple[int, str, str, str]]) -> None:
    assert [(i.line, i.alt, i.src, i.form) for i in find_images(body)] == found


@pytest.mark.parametrize(
    "html",
    [
        '<svg><image href="https://e.x/p.gif"/></svg>',
        '<span style="background-image:url(https://e.x/p.gif)">x</span>',
        '<span style="background:u&#114;l(https://e.x/p.gif)">x</span>',
        '<picture><source srcset="https://e.x/p.gif"></picture>',
        "<video poster=https://e.x/p.gif></video>",
        '<audio src="https://e.x/a.mp3"></audio>',
        '<div style="@import url(x)">x</div>',
        '![a](x.jpg){: srcset="https://e.x/p.gif 2x"}',
        "<p background=https://e.x/p.gif>x</p>",
    ],
)
def test_raw_html_or_css_loading_a_resource_is_e022(html: str, tmp_path: Path) -> None:
    assert "2: E022" in lint("نص\n" + html, tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://example.ma">le site</a>',
        '<span dir="ltr">06</span> <abbr title="x">DGSN</abbr>',
        "l'image (ci-dessous) et la source (officielle)",
        "data-src=x n'est pas un attribut chargé",
        "voir curl(1) et [le lien](https://fr.wikipedia.org/wiki/Curl_(logiciel))",
    ],
)
def test_ordinary_html_and_prose_are_not_e022(text: str, tmp_path: Path) -> None:
    assert lint(text, tmp_path) == []


def test_character_references_to_invisible_characters_are_e040(tmp_path: Path) -> None:
    body = "a &#x202e; b\nc &#1; d &ZeroWidthSpace;\n&zwj; &nbsp; &#x200D; &lrm;\n"
    assert lint(body, tmp_path) == ["1: E040", "2: E040"]


@pytest.mark.parametrize(
    "body",
    ["![" * 60_000, "[" * 60_000, "![a](" * 30_000, "<a " * 40_000, "*a" * 60_000, "'" * 120_000,
     "1. " * (MAX_NESTING + 1) + "x", "".join("    " * i + "- x\n" for i in range(MAX_NESTING + 2)),
     '<div markdown="1">\n' * (MAX_NESTING + 1)],
)
def test_bodies_too_costly_to_render_are_e043(body: str, tmp_path: Path) -> None:
    assert [p for p in lint(body, tmp_path) if p.endswith("E043")]


def test_the_sample_articles_cost_a_fraction_of_the_budget() -> None:
    for path in sorted((REPO / "issues").glob("*/*.md")):
        body = path.read_text(encoding="utf-8")
        assert sum(render_cost(chunk) for chunk in body.split("\n\n")) < 0.05, path.name


@pytest.mark.parametrize("piece", ["![", "![a](", "[", "<", "< ", "<a ", "<a \"", "a", "&#1;", "{ on", "`"])
def test_the_lint_of_a_200_kb_pathological_line_finishes(piece: str, tmp_path: Path) -> None:
    """A hang guard, not a timing: the ratio to a normal file is bench_lint's job."""
    line = piece * (200_000 // len(piece)) + "@"
    done = threading.Event()

    def run() -> None:
        lint_body(line, 1, tmp_path / "a.md", tmp_path, ErrorLog(tmp_path))
        find_personal_data(line)
        done.set()

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(20)
    assert done.is_set(), f"the lint of 200 KB of {piece!r} did not finish in 20 s"


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["2026-11-n112", "1999-01-n1"])
def test_issue_folder_names(name: str) -> None:
    assert ISSUE_FOLDER.fullmatch(name)


@pytest.mark.parametrize("name", ["feed.json", "search", "2026-13-n1", "2026-11-n0", "2026-11-n112 ", "n112"])
def test_issue_folder_names_refused(name: str) -> None:
    assert not ISSUE_FOLDER.fullmatch(name)


@pytest.mark.parametrize(
    ("name", "code"),
    [("proximity-station", None), ("recruitment-2027", None), ("index", "E041"), ("a#b", "E042"),
     ("a?b", "E042"), ("a%20b", "E042"), ("a b", "E042"), ("Station", "E042"), ("مقال", "E042"),
     ("café", "E042"), ("a_b", "E042"), ("-a", "E042"), ("a.b", "E042")],
)
def test_article_and_comic_names(name: str, code: str | None) -> None:
    problem = slug_problem(name, "article")
    assert (problem[0] if problem else None) == code


# -- privacy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("اتصلوا (06) 12 34 56 78", "phone"),
        ("(+212) 6 12 34 56 78", "phone"),
        ("06\u00a012\u00a034\u00a056\u00a078", "phone"),
        ("06\u202f12\u202f34\u202f56\u202f78", "phone"),
        ("06\u200912\u200934\u200956\u200978", "phone"),
        ("06\u201112\u201134\u201156\u201178", "phone"),
        ("CIN AB\u00a0123456", "cin"),
        ("CIN AB\u202f123456", "cin"),
    ],
)
def test_spaced_and_bracketed_forms_are_found(line: str, kind: str) -> None:
    assert [f.kind for f in find_personal_data(line)] == [kind]


def test_a_marker_counts_only_as_a_comment() -> None:
    assert line_allows("06 12 34 56 78 <!-- privacy-ok: phone -->") == {"phone"}
    assert line_allows("privacy-ok 06 12 34 56 78") is None
    assert line_allows("theme: x  # privacy-ok: phone", yaml=True) == {"phone"}
    assert line_allows("# privacy-ok heading 06 12 34 56 78") is None


def test_markers_are_removed_from_the_body() -> None:
    body = "a 05 22 12 34 56 <!-- privacy-ok: phone -->\n<!--privacy-ok-->\nb\n"
    assert strip_markers(body) == "a 05 22 12 34 56\n\nb\n"


@pytest.mark.parametrize("src", ["images/a#b.jpg", "images/a?b.jpg", "images/a%20b.jpg"])
def test_image_paths_that_need_escaping_are_e042(src: str, tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / src).write_bytes(b"")
    assert lint(f"![صورة]({src})", tmp_path) == ["1: E042"]


def test_every_forbidden_character_is_found_in_printable_prose() -> None:
    """forbidden_by_line skips the search when the text is printable: that is sound only
    while no forbidden character is printable. Each one, alone in Arabic prose, is found."""
    from policemag.content.chars import FORBIDDEN, forbidden_by_line

    prose = "مجلة الشرطة\tتنشر مقالات\n"
    for code in range(0x110000):
        char = chr(code)
        if FORBIDDEN.match(char):
            assert forbidden_by_line(prose + "a" + char + "b\n")[0][2] == char, hex(code)
    assert forbidden_by_line(prose + "\u200c\u200d\u00a0\r\n") == []  # ZWNJ, ZWJ, NBSP, CR
