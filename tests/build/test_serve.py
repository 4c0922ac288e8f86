"""``policemag serve``: the preview equals a whole build after any series of saves, it
prints its URL, a content error shows in the terminal and on every page (never a hang)
and goes once fixed, and ``--drafts``/``--at`` preview held-back pages with a banner in
a temporary folder, never site/. Speed is measured by the benchmark, not here."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.conftest import NOW, REPO, SITES, cli_env, tree_digest

from policemag.mkdocs_plugin.serve import ServeOptions, Session, build_preview

STATION = "issues/2026-01-n1/station.md"
FRONTIERE = "issues/2026-01-n1/frontiere.md"


def make_repo(source: Path, dest: Path) -> Path:
    """A magazine repository: ``source``'s issues/ and comics/ with the repo's site setup."""
    dest.mkdir(parents=True)
    for name in ("issues", "comics"):
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name)
    for name in ("overrides", "pages"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICEMAG_NOW", NOW)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def session(root: Path, **options: object) -> Iterator[Session]:
    s = Session(ServeOptions(root, port=0, watch=False, background=False, **options), out=io.StringIO())  # type: ignore[arg-type]
    try:
        s.start()
        yield s
    finally:
        s.stop()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def edit(root: Path, rel: str, old: str, new: str) -> Path:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def append(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)
    return path


def html_files(site: Path) -> dict[str, str]:
    return {k: v for k, v in tree_digest(site).items() if k.endswith(".html")}


def test_after_a_series_of_saves_the_preview_is_what_a_whole_build_makes(
    tmp_path: Path, clock: None
) -> None:
    root = make_repo(SITES / "minimal", tmp_path / "m")
    for s in session(root):
        assert s.site is not None and not s.site.is_relative_to(root)
        saves = [
            append(root, STATION, "\nفقرة أضافتها المحررة بعد المراجعة.\n"),
            edit(root, FRONTIERE, "summary: \"", "summary: \"ملخص منقح: "),
            append(root, FRONTIERE, "\n## فقرة جديدة\n\nنص الفقرة.\n"),
            edit(root, STATION, "- التوجيه.", "- التوجيه والإرشاد."),
        ]
        for path in saves:
            s.changed({path})
        # every save took the fast path: no whole build after the first
        assert s.builds == 1 and len(s.timings) == len(saves)
        fresh = build_fresh(root, tmp_path / "fresh")
        assert html_files(s.site) == html_files(fresh)
        # a title printed on the designed cover: a whole build, the same result
        s.changed({edit(root, STATION, 'title: "مركز شرطة جديد"', 'title: "مركز جديد للشرطة"')})
        assert s.builds == 2
        assert html_files(s.site) == html_files(build_fresh(root, tmp_path / "fresh2"))
        # then the whole build that follows a save brings the EPUB, feed and search too
        s.options.background = True
        s.changed({append(root, STATION, "\nجملة أخيرة.\n")})
        assert s.wait_background()
        assert tree_digest(s.site) == tree_digest(build_fresh(root, tmp_path / "fresh3"))


def build_fresh(root: Path, site: Path) -> Path:
    build_preview(root, site)
    return site


def test_a_content_error_while_serving_is_shown_then_goes_when_fixed(tmp_path: Path, clock: None) -> None:
    root = make_repo(SITES / "minimal", tmp_path / "m")
    for s in session(root):
        page = s.url + "2026-01-n1/station/"
        assert get(page)[0] == 200
        s.changed({edit(root, STATION, 'title: "مركز شرطة جديد"', 'titel: "مركز شرطة جديد"')})
        start = time.monotonic()
        status, body = get(page)
        assert time.monotonic() - start < 10
        assert status == 500 and f"{STATION}:2: E003" in body and f"{STATION}:2: E004" in body
        assert get(s.url + "2026-01-n1/")[0] == 500  # every page says it
        out = s.out.getvalue()  # type: ignore[attr-defined]
        assert f"{STATION}:2: E003 required field 'title' is missing" in out
        # another file saved meanwhile does not hide the error
        s.changed({append(root, FRONTIERE, "\nجملة.\n")})
        assert get(page)[0] == 500
        s.changed({edit(root, STATION, 'titel: "مركز شرطة جديد"', 'title: "مركز شرطة جديد"')})
        status, body = get(page)
        assert status == 200 and "مركز شرطة جديد" in body


def test_serve_prints_its_url_and_shows_an_error_at_start_then_the_fix(tmp_path: Path) -> None:
    root = make_repo(SITES / "minimal", tmp_path / "m")
    edit(root, STATION, 'title: "مركز شرطة جديد"', 'titel: "مركز شرطة جديد"')
    proc = subprocess.Popen(
        [sys.executable, "-m", "policemag.cli", "-C", str(root), "serve", "--dev-addr", "127.0.0.1:0"],
        env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("Serving the preview on http://127.0.0.1:"), line
        url = line.split()[4]
        status, body = wait_for(url + "2026-01-n1/station/", lambda st: st == 500)
        assert status == 500 and f"{STATION}:2: E003" in body
        edit(root, STATION, 'titel: "مركز شرطة جديد"', 'title: "مركز شرطة جديد"')
        _, body = wait_for(url + "2026-01-n1/station/", lambda st: st == 200)
        assert "مركز شرطة جديد" in body
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert f"{STATION}:2: E003 required field 'title' is missing" in err
    assert not (root / "site").exists()


def wait_for(url: str, ok: object, timeout: float = 180) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            status, body = get(url)
        except (urllib.error.URLError, ConnectionError):
            status, body = 0, ""
        if ok(status) or time.monotonic() > deadline:  # type: ignore[operator]
            return status, body
        time.sleep(0.3)


def test_drafts_and_embargoes_preview_with_a_banner_in_a_temporary_folder(
    tmp_path: Path, clock: None
) -> None:
    root = make_repo(SITES / "embargo", tmp_path / "m")
    for s in session(root, drafts=True, at=datetime(2099, 2, 1, tzinfo=UTC)):
        assert s.site is not None and s.site.is_relative_to(Path(tempfile.gettempdir()))

        def page(path: str, url: str = s.url) -> str:
            status, body = get(url + path)
            assert status == 200, path
            return body

        assert "pm-preview-banner" in page("2026-05-n50/leakmarker-draft-7f3a/")
        assert "مسودة" in page("2026-05-n50/leakmarker-draft-7f3a/")
        embargoed = page("2026-05-n50/leakmarker-embargo-91c2/")
        assert "محظور النشر حتى" in embargoed and "2099" in embargoed
        assert "pm-preview-banner" in page("2026-06-n51/")  # a draft issue
        assert "pm-preview-banner" in page("2026-06-n51/leakmarker-issuedraft-55d0/")
        assert "pm-preview-banner" not in page("2026-05-n50/published/")
        assert "pm-preview-banner" not in page("2026-05-n50/leakmarker-lift-3b8e/")  # lifted already
    assert not (root / "site").exists()


def test_plain_serve_shows_no_draft(tmp_path: Path, clock: None) -> None:
    root = make_repo(SITES / "embargo", tmp_path / "m")
    for s in session(root):
        assert get(s.url + "2026-05-n50/leakmarker-draft-7f3a/")[0] == 404
        assert get(s.url + "2026-05-n50/leakmarker-embargo-91c2/")[0] == 404
        assert "pm-preview-banner" not in get(s.url + "2026-05-n50/published/")[1]
