"""docs/editors.md, run: every example of the editor's guide does what the guide says.

The guide marks its examples with HTML comments (invisible on GitHub):

* ``<!-- guide: file PATH -->`` then a code block: the file as the editor writes it;
* ``<!-- guide: copy SRC DEST -->``: a photo the editor saves (a copy of a sample photo);
* ``<!-- guide: mistakes -->`` then ``- in `PATH`, `WRONG` for `RIGHT`,`` lines: the next
  run is made on a copy with those mistakes;
* ``<!-- guide: run -->`` then a console block: ``$ [VAR=value] policemag ...`` prints
  exactly those lines (in any order between stdout and stderr; ``{...}`` stands for
  the build's counts of what it made and reused);
* ``<!-- guide: serve PAGE WORDS -->`` then a console block: ``policemag serve ...`` prints
  that line first (on a free port), and serves PAGE with a banner saying one of WORDS
  (``a|b``);
* ``<!-- guide: yaml issue|article|sections -->`` then a YAML block: valid as
  ``issue.yml``, as front matter, as the sections of mkdocs.yml.

The walk-through runs in order on a copy of the sample magazine, at the tests' clock
(20 November 2026); what step 5 says of the preview (what is published, where the
editorial's links lead in each edition) is checked on the build it makes, and so is
epubcheck's verdict on that issue's EPUB (links included): 0 errors, 0 warnings.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from tests.build.conftest import epubcheck_jar
from tests.conftest import REPO, cli_env

from policemag.config import sections_from
from policemag.content.schemas import ArticleFrontMatter, IssueFile
from policemag.content.yamlfile import load_yaml

pytestmark = pytest.mark.slow

GUIDE = REPO / "docs" / "editors.md"
_MARK = re.compile(r"^<!-- guide: (?P<what>[a-z-]+)(?: (?P<args>.*?))? -->$")
_MISTAKE = re.compile(r"^- in `([^`]+)`, `(.+)` for `(.+)`,$")


@dataclass
class Step:
    what: str
    args: list[str]
    block: list[str] = field(default_factory=list)  # the code block or bullet lines after it
    line: int = 0


def steps() -> list[Step]:
    """The guide's marked examples, in order."""
    lines = GUIDE.read_text(encoding="utf-8").split("\n")
    out: list[Step] = []
    n = 0
    while n < len(lines):
        m = _MARK.match(lines[n])
        n += 1
        if not m:
            continue
        step = Step(m.group("what"), (m.group("args") or "").split(), line=n)
        out.append(step)
        if step.what == "copy":
            continue
        if step.what == "mistakes":
            while n < len(lines) and lines[n].startswith("- in "):
                step.block.append(lines[n])
                n += 1
            continue
        assert lines[n].startswith("```"), f"docs/editors.md:{n + 1}: a code block must follow the mark"
        n += 1
        while not lines[n].startswith("```"):
            step.block.append(lines[n])
            n += 1
        n += 1
    return out


def test_the_guide_has_its_examples() -> None:
    kinds = [s.what for s in steps()]
    assert kinds.count("run") >= 5 and kinds.count("file") >= 5 and "serve" in kinds
    assert any(s.block[0].startswith("$ policemag new-issue") for s in steps() if s.what == "run")
    assert {"issue", "article", "sections"} <= {s.args[0] for s in steps() if s.what == "yaml"}


@pytest.mark.parametrize("step", [s for s in steps() if s.what == "yaml"], ids=lambda s: s.args[0])
def test_reference_yaml_is_valid(step: Step) -> None:
    text = "\n".join(step.block)
    if step.args[0] == "sections":
        plugins = yaml.safe_load(text)["plugins"]
        declared = sections_from(plugins[0]["policemag"]["sections"])
        assert all({"ar", "fr"} <= set(labels) for labels in declared.values())
        return
    text = text.strip().removeprefix("---").removesuffix("---")
    schema = IssueFile if step.args[0] == "issue" else ArticleFrontMatter
    schema.model_validate(load_yaml(text))


def _run(root: Path, command: str, cli: Callable[..., tuple[int, str]], monkeypatch: pytest.MonkeyPatch,
         tmp: Path) -> list[str]:
    """Run ``$ [VAR=value ...] policemag args`` in ``root``; its output lines, with the
    temporary folder written back as the guide's /tmp path."""
    words = command.split()
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        monkeypatch.setenv(name, value)
    assert words[0] == "policemag", command
    args = [str(tmp / Path(w).name) if w.startswith("/tmp/") else w for w in words[1:]]
    _, out = cli(root, *args)
    return sorted(line.replace(str(tmp) + "/", "/tmp/") for line in out.splitlines() if line.strip())


def _same(got: list[str], expected: list[str]) -> bool:
    """The lines printed are the guide's, in any order; ``{...}`` in the guide stands
    for anything (the build's counts of what it made and reused)."""
    patterns = sorted(re.escape(line).replace(re.escape("{...}"), ".*") for line in expected)
    return len(got) == len(patterns) and all(
        any(re.fullmatch(p, line) for line in got) for p in patterns
    ) and all(any(re.fullmatch(p, line) for p in patterns) for line in got)


def test_the_walk_through(
    tmp_path: Path, cli: Callable[..., tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "m"
    root.mkdir()
    for name in ("issues", "comics", "pages", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    mistakes: list[tuple[str, str, str]] = []
    runs = 0
    for step in steps():
        if step.what == "file":
            (root / step.args[0]).write_text("\n".join(step.block) + "\n", encoding="utf-8")
        elif step.what == "copy":
            shutil.copy(root / step.args[0], root / step.args[1])
        elif step.what == "mistakes":
            mistakes = [_MISTAKE.match(line).groups() for line in step.block]  # type: ignore[union-attr]
        elif step.what == "serve":
            _serve(root, step)
        elif step.what == "run":
            where = root
            if mistakes:
                where = tmp_path / f"mistaken-{runs}"
                shutil.copytree(root, where, ignore=shutil.ignore_patterns("site"))
                for path, wrong, right in mistakes:
                    text = (where / path).read_text(encoding="utf-8")
                    assert right in text, f"docs/editors.md:{step.line}: {right!r} not in {path}"
                    (where / path).write_text(text.replace(right, wrong, 1), encoding="utf-8")
                mistakes = []
            with monkeypatch.context() as env:
                assert step.block[0].startswith("$ "), f"docs/editors.md:{step.line}"
                got = _run(where, step.block[0][2:], cli, env, tmp_path)
            assert _same(got, step.block[1:]), f"docs/editors.md:{step.line}:\n" + "\n".join(got)
            runs += 1
    assert runs >= 5
    _check_the_preview(tmp_path / "preview-113")


def _serve(root: Path, step: Step) -> None:
    """``policemag serve ...`` as the guide writes it (on a free port): its first line,
    then the page the guide names, with the banner it names."""
    page, banner = step.args
    command = step.block[0].removeprefix("$ ").split()
    assert command[:2] == ["policemag", "serve"], step.block[0]
    proc = subprocess.Popen(
        [sys.executable, "-m", "policemag.cli", "-C", str(root), *command[1:], "--dev-addr", "127.0.0.1:0"],
        env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().rstrip("\n")
        found = re.search(r"http://127\.0\.0\.1:\d+/", first)
        if found is None:
            proc.terminate()
            pytest.fail(f"policemag serve printed {first!r}: {proc.communicate(timeout=60)[1]}")
        url = found.group()
        assert first.replace(url, "http://127.0.0.1:8000/") == step.block[1], first
        deadline = time.monotonic() + 300
        body = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + page, timeout=30) as answer:
                    body = answer.read().decode()
                    if answer.status == 200 and "pm-preview-banner" in body:
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.5)
        # the banner says why now (the clock's: an embargo until it lifts, then the draft)
        assert "pm-preview-banner" in body and re.search(banner, body), f"docs/editors.md:{step.line}: {page}"
    finally:
        proc.terminate()
        proc.communicate(timeout=60)
    assert not (root / "site").exists()


def _check_the_preview(site: Path) -> None:
    """What step 5 says of the preview built as of 2026-12-10 09:00 (+01:00)."""
    text = GUIDE.read_text(encoding="utf-8")
    assert (site / "2026-12-n113" / "editorial" / "index.html").is_file()
    assert (site / "2026-12-n113" / "road-safety" / "index.html").is_file()
    assert not (site / "2026-12-n113" / "winter-patrols").exists()
    assert not (site / "2026-12-n113" / "interview").exists()
    web, book, app = re.search(
        r"editorial's links lead to `([^`]+)` on the web, to\s+`([^`]+)` inside the issue's EPUB and to\s+`([^`]+)` in the app's",
        text,
    ).groups()  # type: ignore[union-attr]
    page = (site / "2026-12-n113" / "editorial" / "index.html").read_text(encoding="utf-8")
    assert f'href="{web}"' in page
    epub = site / "epub" / "2026-12-n113.epub"
    with zipfile.ZipFile(epub) as z:
        assert f'href="{book}"' in z.read("EPUB/text/a-editorial.xhtml").decode()
        road = z.read("EPUB/text/a-road-safety.xhtml").decode()
    # the captions and credits of step 3, under their pictures, never the alt text
    assert "<figcaption>" in road and "Samir Haddad" in road and "Sur une chaussée mouillée" in road
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["url"].endswith("/2026-12-n113/editorial/"))
    assert f'href="{app}"' in item["content_html"]
    road_item = next(i for i in feed["items"] if i["url"].endswith("/2026-12-n113/road-safety/"))
    assert road_item["_policemag"]["image"]["credit"] == "Samir Haddad"
    assert "<figcaption>" in road_item["content_html"]
    _epubcheck(epub)


def _epubcheck(epub: Path) -> None:
    jar = epubcheck_jar()
    if jar is None or shutil.which("java") is None:
        pytest.skip("epubcheck needs the PyPI package epubcheck and Java 17")
    done = subprocess.run(
        ["java", "-jar", str(jar), "--json", "-", str(epub)], capture_output=True, text=True, timeout=300, check=False
    )
    report = json.loads(done.stdout[done.stdout.find("{"):])
    messages = [(m["severity"], m["ID"], m["message"]) for m in report["messages"]]
    assert not [m for m in messages if m[0] in ("FATAL", "ERROR", "WARNING")], messages
