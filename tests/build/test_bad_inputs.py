"""A corpus of bad inputs: each one fails check and build cleanly and damages nothing.

Each case is one small mutation of a built copy of tests/sites/minimal. For every case,
``policemag check`` and ``policemag build`` both exit non-zero, name the file, the line
(where there is one) and the code as ``path:line: CODE``, print no traceback and no
machine path, and the site/ built before the mutation is byte-for-byte unchanged with no
temporary folder left behind.

The corpus calls the CLI's ``main`` in-process (an escaping exception fails the test
just as a traceback would, at a hundredth of the cost of a Python start-up); a sample
of cases runs through real ``policemag`` and ``mkdocs`` processes too.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import cli_env, run_cli, tree_digest

pytestmark = pytest.mark.slow

ISSUE = "issues/2026-01-n1"
STATION = f"{ISSUE}/station.md"
ISSUE_YML = f"{ISSUE}/issue.yml"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def drop_line(root: Path, rel: str, start: str) -> None:
    path = root / rel
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith(start)), encoding="utf-8")


def append(root: Path, rel: str, text: str) -> None:
    with (root / rel).open("a", encoding="utf-8") as f:
        f.write(text)


def png(width: int, height: int, rows: bytes = b"") -> bytes:
    """A 1-bit grey PNG declaring ``width`` x ``height``, with ``rows`` as pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def bomb(width: int, height: int) -> bytes:
    """A complete, valid, all-black PNG: a few kB on disk, ``width*height`` pixels decoded."""
    return png(width, height, (b"\x00" * (1 + (width + 7) // 8)) * height)


def use_image(name: str, data: bytes) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / ISSUE / "images" / name).write_bytes(data)
        append(root, STATION, f"\n![صورة](images/{name})\n")

    return mutate


def truncated_jpeg(root: Path) -> None:
    data = (root / ISSUE / "images/station.jpg").read_bytes()
    (root / ISSUE / "images/station.jpg").write_bytes(data[: len(data) // 2])


def oversized_image(root: Path) -> None:
    with (root / ISSUE / "images/station.jpg").open("ab") as f:
        f.truncate(26_000_000)  # valid JPEG, then zeros: the size alone refuses it


def symlink_out(root: Path) -> None:
    outside = root.parent / "outside.jpg"
    shutil.copy(root / ISSUE / "images/station.jpg", outside)
    os.symlink(outside, root / ISSUE / "images/link.jpg")
    append(root, STATION, "\n![صورة](images/link.jpg)\n")


def symlinked_issue_folder(root: Path) -> None:
    outside = root.parent / "elsewhere"
    shutil.copytree(root / ISSUE, outside)
    edit(root.parent, "elsewhere/issue.yml", "number: 1", "number: 2")
    os.symlink(outside, root / "issues/2026-02-n2")


def duplicate_number(root: Path) -> None:
    shutil.copytree(root / ISSUE, root / "issues/2026-02-n2")


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path], None]
    path: str  # as the message must name it
    code: str
    needle: str | None  # text on the reported line (None: the whole file, no line)
    message: str = ""  # a piece of the message


CASES = [
    Case("impossible-date", lambda r: edit(r, ISSUE_YML, "2026-01-15", "2026-01-45"),
         ISSUE_YML, "E006", "date:", "2026-01-45"),
    Case("impossible-embargo", lambda r: edit(
        r, STATION, "section: news", "section: news\nembargo: 2026-13-01T09:00:00+01:00"),
         STATION, "E006", "embargo:"),
    Case("embargo-without-timezone", lambda r: edit(
        r, STATION, "section: news", "section: news\nembargo: 2026-02-01T09:00:00"),
         STATION, "E018", "embargo:"),
    Case("unknown-key", lambda r: edit(r, STATION, "authors:", "autors:"),
         STATION, "E004", "autors:", "did you mean 'authors'?"),
    Case("unknown-issue-key", lambda r: edit(r, ISSUE_YML, "lang: ar", "lang: ar\nthem: x"),
         ISSUE_YML, "E004", "them:", "did you mean 'theme'?"),
    Case("yaml-syntax-issue", lambda r: edit(r, ISSUE_YML, 'title: "العدد الأول"', "title: [x"),
         ISSUE_YML, "E002", "title:", "not closed"),  # named where the '[' opens
    Case("yaml-syntax-front-matter", lambda r: edit(r, STATION, "section: news", "section: a: b"),
         STATION, "E002", "section:"),
    Case("front-matter-not-closed", lambda r: edit(r, STATION, "---\n\n", "\n"),
         STATION, "E008", "---"),
    Case("missing-image", lambda r: append(r, STATION, "\n![صورة](images/missing.jpg)\n"),
         STATION, "E014", "images/missing.jpg"),
    Case("missing-cover", lambda r: (r / ISSUE / "images/cover.jpg").unlink(),
         ISSUE_YML, "E014", "cover:"),
    Case("image-without-alt", lambda r: append(r, STATION, "\n![](images/station.jpg)\n"),
         STATION, "E012", "![](images/station.jpg)"),
    Case("lead-image-without-alt", lambda r: drop_line(r, STATION, "image_alt:"),
         STATION, "E012", "image:"),
    Case("path-dotdot", lambda r: append(r, STATION, "\n![صورة](../../../outside.jpg)\n"),
         STATION, "E013", "../../../outside.jpg"),
    Case("path-absolute", lambda r: append(r, STATION, "\n![صورة](/etc/hosts)\n"),
         STATION, "E013", "/etc/hosts"),
    Case("path-url", lambda r: edit(r, STATION, "image: images/station.jpg",
                                    "image: https://example.com/x.jpg"),
         STATION, "E013", "image:"),
    Case("path-symlink", symlink_out, STATION, "E013", "images/link.jpg"),
    Case("symlinked-issue-folder", symlinked_issue_folder,
         "issues/2026-02-n2", "E013", None, "pointing outside the repository"),
    Case("decompression-bomb", use_image("bomb.png", bomb(10_000, 8_000)),
         STATION, "E021", "images/bomb.png", "10000x8000"),
    Case("declared-giant-png", use_image("giant.png", png(100_000, 100_000)),
         STATION, "E021", "images/giant.png"),
    Case("oversized-image-file", oversized_image, STATION, "E021", "image:", "bytes"),
    Case("truncated-jpeg", truncated_jpeg, STATION, "E020", "image:"),
    Case("text-named-jpg", use_image("notes.jpg", b"not a picture\n"),
         STATION, "E020", "images/notes.jpg"),
    Case("png-named-jpg", use_image("p.jpg", bomb(8, 8)),
         STATION, "E020", "images/p.jpg", "file is PNG but named .jpg"),
    Case("duplicate-issue-number", duplicate_number,
         "issues/2026-02-n2/issue.yml", "E010", "number:", f"already used by {ISSUE_YML}"),
    Case("unknown-comic", lambda r: append(r, ISSUE_YML, "  - comic: phone-scams\n"),
         ISSUE_YML, "E015", "comic: phone-scams"),
    Case("invalid-language",
         lambda r: edit(r, STATION, "section: news", "section: news\nlang: arabic"),
         STATION, "E007", "lang:"),
    Case("script-in-title", lambda r: edit(r, STATION, 'title: "مركز شرطة جديد"',
                                          'title: "<script>alert(1)</script>"'),
         STATION, "E017", "title:"),
    Case("html-in-issue-title", lambda r: edit(r, ISSUE_YML, 'title: "العدد الأول"',
                                              'title: "<b>العدد</b>"'),
         ISSUE_YML, "E017", "title:"),
    Case("script-in-body", lambda r: append(r, STATION, "\nنص <script>alert(1)</script>\n"),
         STATION, "E017", "<script>"),
    Case("javascript-link", lambda r: append(r, STATION, "\n[اضغط](javascript:alert(1))\n"),
         STATION, "E017", "javascript:"),
    Case("oversized-article", lambda r: append(r, STATION, "\n" + "نص طويل. " * 80_000),
         STATION, "E001", None, "more than 1,000,000"),
    Case("not-utf8", lambda r: (r / STATION).write_bytes(
        (r / STATION).read_bytes().replace("جديد".encode(), "caf\xe9".encode("latin-1"))),
         STATION, "E001", None, "not UTF-8"),
]


# -- round 2 (issue 13): types, YAML features, characters, images, names, lints ------------

FRONTIERE = f"{ISSUE}/frontiere.md"
REMOTE = "https://evil.example/pixel.gif"


def alias_bomb(root: Path) -> None:
    """2 KB of nested YAML aliases: 9**30 strings if anything expanded them."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 30)]
    (root / "comics/bomb").mkdir(parents=True)
    (root / "comics/bomb/comic.yml").write_text("\n".join(lines) + "\ntitle: *a29\n", encoding="utf-8")


def write_comic(text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / "comics/bad").mkdir(parents=True)
        (root / "comics/bad/comic.yml").write_text(text, encoding="utf-8")

    return mutate


def rename_issue(name: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / ISSUE).rename(root / "issues" / name)

    return mutate


def list_article(name: str) -> Callable[[Path], None]:
    """A copy of station.md named ``name``, listed in the issue's contents."""

    def mutate(root: Path) -> None:
        text = (root / STATION).read_text(encoding="utf-8")
        (root / ISSUE / name).write_text(text, encoding="utf-8")
        append(root, ISSUE_YML, f'  - "{name}"\n')

    return mutate


def second_issue_same_ids(root: Path) -> None:
    """A copied issue with its own number: its articles keep the first one's ids."""
    shutil.copytree(root / ISSUE, root / "issues/2026-02-n2")
    edit(root, "issues/2026-02-n2/issue.yml", "number: 1", "number: 2")


def deep_flow(root: Path) -> None:
    edit(root, ISSUE_YML, "lang: ar", "lang: ar\ntheme: " + "[" * 100_000)


CASES += [
    # item 3: strict types and YAML features
    Case("embargo-bare-year", lambda r: edit(r, STATION, "section: news", "section: news\nembargo: 2027"),
         STATION, "E006", "embargo:", "2027-01-15T09:00:00+01:00"),
    Case("embargo-number", lambda r: edit(r, STATION, "section: news", "section: news\nembargo: 20270101"),
         STATION, "E006", "embargo:", "(got 20270101)"),
    Case("issue-embargo-bare-year", lambda r: append(r, ISSUE_YML, "embargo: 2027\n"),
         ISSUE_YML, "E006", "embargo:", "2027-01-15T09:00:00+01:00"),
    Case("date-bare-year", lambda r: edit(r, ISSUE_YML, "date: 2026-01-15", "date: 2027"),
         ISSUE_YML, "E006", "date:", "YYYY-MM-DD"),
    Case("octal-number", lambda r: edit(r, ISSUE_YML, "number: 1", "number: 0113"),
         ISSUE_YML, "E005", "number:", "plain decimal"),
    Case("hex-number", lambda r: edit(r, ISSUE_YML, "number: 1", "number: 0x1F"),
         ISSUE_YML, "E005", "number:", "plain decimal"),
    Case("yaml-alias-bomb-in-unused-comic", alias_bomb, "comics/bomb/comic.yml", "E009", "a0:",
         "anchors"),
    Case("yaml-merge-key", lambda r: edit(r, STATION, "section: news", "section: news\n<<: {draft: true}"),
         STATION, "E009", "<<:", "merge keys"),
    Case("yaml-anchor-in-front-matter", lambda r: edit(r, STATION, 'title: "', 'title: &t "'),
         STATION, "E009", "title:", "anchors"),
    Case("yaml-tag", lambda r: edit(r, ISSUE_YML, "lang: ar", "lang: !!str ar"),
         ISSUE_YML, "E009", "lang:", "tags"),
    Case("yaml-flow-nesting", deep_flow, ISSUE_YML, "E009", "theme:", "brackets"),
    Case("yaml-alias-in-page", lambda r: edit(r, "pages/about.md", "lang: ar", "lang: &l ar"),
         "pages/about.md", "E009", "lang:", "anchors"),
    Case("oversized-yaml", lambda r: append(r, ISSUE_YML, "# " + "x" * 600_000 + "\n"),
         ISSUE_YML, "E001", "number:", "more than 500,000"),
    # item 6: characters that break XML or disguise text
    Case("control-char-in-title", lambda r: edit(r, STATION, "مركز شرطة", "مركز\x01 شرطة"),
         STATION, "E040", "title:", "U+0001"),
    Case("bidi-override-in-title", lambda r: edit(r, ISSUE_YML, "العدد الأول", "\u202eالعدد الأول"),
         ISSUE_YML, "E040", "title:", "RIGHT-TO-LEFT OVERRIDE"),
    Case("bidi-isolate-escaped-in-summary", lambda r: edit(r, STATION, 'summary: "', 'summary: "\\u2066'),
         STATION, "E040", "summary:", "written as an escape"),
    Case("zero-width-space-in-summary", lambda r: edit(r, STATION, "مركز جديد للشرطة", "مركز\u200b جديد للشرطة"),
         STATION, "E040", "summary:", "ZERO WIDTH SPACE"),
    Case("noncharacter-in-body", lambda r: append(r, STATION, "\nنص \ufffe آخر\n"),
         STATION, "E040", "\ufffe", "U+FFFE"),
    Case("char-reference-in-body", lambda r: append(r, STATION, "\nنص &#x202e; آخر\n"),
         STATION, "E040", "&#x202e;", "RIGHT-TO-LEFT OVERRIDE"),
    Case("control-char-in-balloon", write_comic('title: {ar: "a", fr: "b"}\npages:\n  - panels:\n'
                                                '      - balloons:\n          - text: {ar: "x\\x0by"}\n'),
         "comics/bad/comic.yml", "E040", "text:", "U+000B"),
    # item 7: images from elsewhere, whatever their form
    Case("remote-reference-image", lambda r: append(r, STATION, f"\n![صورة][pix]\n\n[pix]: {REMOTE}\n"),
         STATION, "E013", "![صورة][pix]", REMOTE),
    Case("remote-collapsed-reference-image", lambda r: append(r, STATION, f"\n![][pix]\n\n[pix]: {REMOTE}\n"),
         STATION, "E013", "![][pix]"),
    Case("remote-image-over-two-lines", lambda r: append(r, STATION, f"\n![صورة\nطويلة]({REMOTE})\n"),
         STATION, "E013", "![صورة", REMOTE),
    Case("local-reference-image", lambda r: append(r, STATION, "\n![صورة][st]\n\n[st]: images/station.jpg\n"),
         STATION, "E023", "![صورة][st]", "reference-style"),
    Case("img-tag", lambda r: append(r, STATION, f"\n<img src={REMOTE} alt=x>\n"),
         STATION, "E017", "<img", "not <img>"),
    Case("svg-image-href", lambda r: append(r, STATION, f'\n<svg><image href="{REMOTE}"/></svg>\n'),
         STATION, "E022", "<svg>", "<svg>"),
    Case("css-background-url", lambda r: append(
        r, STATION, f'\n<span style="background-image:url({REMOTE})">نص</span>\n'),
         STATION, "E022", "background-image", "url("),
    Case("picture-source-srcset", lambda r: append(
        r, STATION, f'\n<picture><source srcset="{REMOTE}"></picture>\n'),
         STATION, "E022", "<picture>", "<picture>"),
    Case("attr-list-srcset", lambda r: append(
        r, STATION, f'\n![صورة](images/station.jpg){{: srcset="{REMOTE} 2x"}}\n'),
         STATION, "E022", "srcset", "srcset="),
    # item 8: inputs that made the lint or the renderer quadratic, or recurse
    Case("line-of-image-starts", lambda r: append(r, STATION, "\n" + "![" * 120_000 + "\n"),
         STATION, "E043", "![![", "renderer"),
    Case("line-of-open-tags", lambda r: append(r, STATION, "\n" + "<a " * 80_000 + "\n"),
         STATION, "E043", "<a <a", "renderer"),
    Case("lists-nested-500-deep", lambda r: append(r, STATION, "\n" + "1. " * 500 + "نص\n"),
         STATION, "E043", "1. 1. 1.", "nested"),
    # item 9: personal data the privacy lint missed (mkdocs.yml: privacy_errors: true)
    Case("phone-with-parentheses", lambda r: append(r, STATION, "\nالهاتف (06) 12 34 56 78\n"),
         STATION, "W051", "(06)"),
    Case("phone-with-no-break-spaces", lambda r: append(r, STATION, "\nالهاتف 06\u00a012\u00a034\u00a056\u00a078\n"),
         STATION, "W051", "الهاتف"),
    Case("phone-with-narrow-no-break-spaces", lambda r: append(
        r, STATION, "\nالهاتف 06\u202f12\u202f34\u202f56\u202f78\n"), STATION, "W051", "الهاتف"),
    Case("cin-with-no-break-space", lambda r: append(r, STATION, "\nالبطاقة CIN AB\u00a0123456\n"),
         STATION, "W050", "CIN"),
    Case("body-line-starting-date", lambda r: append(r, STATION, "\ndate: 06 12 34 56 78\n"),
         STATION, "W051", "date: 06"),
    Case("privacy-ok-as-plain-text", lambda r: append(r, STATION, "\nprivacy-ok 06 12 34 56 78\n"),
         STATION, "W051", "privacy-ok 06"),
    # item 10: names, ids, empty front matter
    Case("comment-only-front-matter", lambda r: (r / STATION).write_text(
        "---\n# x\n---\n\nنص\n", encoding="utf-8"), STATION, "E008", "---", "only comments"),
    Case("empty-issue-yml", lambda r: (r / ISSUE_YML).write_text("# nothing\n", encoding="utf-8"),
         ISSUE_YML, "E005", "# nothing", "empty"),
    Case("index-as-article", list_article("index.md"), ISSUE_YML, "E041", '"index.md"', "own page"),
    Case("article-name-with-hash", list_article("a#b.md"), ISSUE_YML, "E042", '"a#b.md"', "'#'"),
    Case("article-name-with-space", list_article("a b.md"), ISSUE_YML, "E042", '"a b.md"', "escaping"),
    Case("article-name-with-percent", list_article("a%41.md"), ISSUE_YML, "E042", '"a%41.md"', "'%'"),
    Case("issue-folder-feed-json", rename_issue("feed.json"), "issues/feed.json/issue.yml", "E041", None,
         "name of a page or file"),
    Case("issue-folder-search", rename_issue("search"), "issues/search/issue.yml", "E041", None),
    Case("issue-folder-sitemap", rename_issue("sitemap.xml"), "issues/sitemap.xml/issue.yml", "E041", None),
    Case("issue-folder-not-a-date", rename_issue("numero-1"), "issues/numero-1/issue.yml", "E042", None,
         "<yyyy-mm>-n<number>"),
    Case("duplicate-id-across-issues", second_issue_same_ids, "issues/2026-02-n2/frontiere.md", "E019",
         "id:", f"already used by {FRONTIERE}"),
]


@pytest.fixture
def copy(built_minimal: Path, tmp_path: Path) -> Path:
    root = tmp_path / "m"
    shutil.copytree(built_minimal, root, symlinks=True)
    return root


def expected_prefix(root: Path, case: Case) -> str:
    if case.needle is None:
        return f"{case.path}: {case.code} "
    lines = (root / case.path).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if case.needle in text)
    return f"{case.path}:{line}: {case.code} "


def test_the_corpus_starts_from_a_valid_magazine(copy: Path) -> None:
    done = run_cli(copy, "check")
    assert done.returncode == 0, done.stderr
    assert tree_digest(copy / "site")  # and it was built


def assert_fails_cleanly(root: Path, case: Case, command: str, status: int, out: str) -> None:
    prefix = expected_prefix(root, case)
    assert status != 0, (command, out)
    assert "Traceback" not in out, out
    found = [line for line in out.splitlines() if line.startswith(prefix)]
    assert found, f"{command}: no line starting {prefix!r} in:\n{out}"
    assert case.message in found[0], found[0]
    assert str(root.parent) not in out, f"machine path in the output:\n{out}"


def assert_unchanged(root: Path, before: dict[str, str]) -> None:
    assert tree_digest(root / "site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_fails_cleanly_and_changes_nothing(
    copy: Path, case: Case, cli: Callable[..., tuple[int, str]]
) -> None:
    before = tree_digest(copy / "site")
    case.mutate(copy)
    for command in ("check", "build"):
        status, out = cli(copy, command)
        assert_fails_cleanly(copy, case, command, status, out)
    assert_unchanged(copy, before)


SAMPLE = ["impossible-date", "decompression-bomb", "path-symlink", "javascript-link",
          "yaml-alias-bomb-in-unused-comic", "line-of-image-starts"]


@pytest.mark.parametrize("case", [c for c in CASES if c.id in SAMPLE], ids=SAMPLE)
def test_bad_input_in_real_processes(copy: Path, case: Case) -> None:
    before = tree_digest(copy / "site")
    case.mutate(copy)
    for command in ("check", "build"):
        done = run_cli(copy, command)
        assert_fails_cleanly(copy, case, command, done.returncode, done.stdout + done.stderr)
    assert_unchanged(copy, before)


def test_check_json_lists_every_problem_as_objects(copy: Path) -> None:
    edit(copy, STATION, "authors:", "autors:")
    append(copy, STATION, "\n![](images/station.jpg)\n")
    done = run_cli(copy, "check", "--format", "json")
    assert done.returncode == 1
    problems = json.loads(done.stdout)
    assert [(p["path"], p["line"], p["code"], p["severity"]) for p in problems] == [
        (STATION, 5, "E004", "error"),
        (STATION, 17, "E012", "error"),
    ]
    assert all(set(p) == {"path", "line", "code", "severity", "message"} for p in problems)
    assert "did you mean 'authors'?" in problems[0]["message"]


def test_check_json_on_a_valid_magazine_is_an_empty_list(copy: Path) -> None:
    done = run_cli(copy, "check", "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout) == []


def test_mkdocs_strict_fails_on_the_same_errors(copy: Path) -> None:
    before = tree_digest(copy / "site")
    edit(copy, STATION, "authors:", "autors:")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(copy / "mkdocs.yml")],
        env=cli_env(), capture_output=True, text=True, check=False,
    )
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"{STATION}:5: E004 unknown field 'autors' (did you mean 'authors'?)" in out
    assert "Traceback" not in out
    assert tree_digest(copy / "site") == before


def test_an_image_taller_than_webp_allows_builds(
    copy: Path, cli: Callable[..., tuple[int, str]]
) -> None:
    """1200x17000 (20 MP, within the pixel budget): narrowed to WebP's 16383 px."""
    from PIL import Image

    Image.new("RGB", (1200, 17_000), (90, 120, 160)).save(copy / ISSUE / "images/tall.jpg", quality=70)
    append(copy, STATION, "\n![لوحة طويلة](images/tall.jpg)\n")
    status, out = cli(copy, "build")
    assert status == 0, out
    tall = [p for p in (copy / "site/media").iterdir() if p.name.startswith("tall.")]
    assert tall, "no rendition of the tall image"
    for path in tall:
        with Image.open(path) as im:
            assert max(im.size) <= 16383, (path.name, im.size)
