"""The fixed cost of a build and the editor's loop (issue "Fast at every size").

:func:`bench_fixed`: a 30-issue archive (8 articles an issue, a small cover of its
own each), built cold (no site/, no .cache/), warm (nothing changed) and after one
edit, each beside the plain floor (plain Material, the same pages, ``nav:
[index.md]``), in turns, ``repeats`` times; medians.

:func:`bench_serve`: ``policemag serve`` on the benchmark's archive; an article saved
five times, each timed from the file write to the reload event the browser's poll
receives (median), with the whole build running behind it as it does for an editor.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from policemag_dev.archive import Archive, make_archive
from policemag_dev.bench import Row, Run, _edit, _rebuilt, plain_site, run_build, set_aside

SMALL_ISSUES = 30
SMALL_ARTICLES = 8
SMALL_COVER = (320, 240)


def bench_fixed(repo: Path, work: Path, issues: int = SMALL_ISSUES, repeats: int = 3) -> list[Row]:
    archive = make_archive(
        work / "small", repo, issues, image_issues=0, articles_per_issue=SMALL_ARTICLES, cover_size=SMALL_COVER
    )
    plain = plain_site(archive, work / "small-plain", sidebar=False)
    plain_edited = plain / "docs" / archive.edit_target.parent.name / f"{archive.edit_target.stem}.md"
    runs: dict[str, list[Run]] = {k: [] for k in ("cold", "warm", "edit", "plain_cold", "plain_warm", "plain_edit")}
    root = archive.root
    for _ in range(repeats):
        for folder in (root / ".cache", root / "site"):
            set_aside(folder, work)
        runs["cold"].append(run_build(root))
        runs["plain_cold"].append(run_build(plain, quiet=True))
        runs["warm"].append(run_build(root))
        runs["plain_warm"].append(run_build(plain, quiet=True))
        _edit(archive.edit_target)
        runs["edit"].append(run_build(root))
        _edit(plain_edited)
        runs["plain_edit"].append(run_build(plain, quiet=True))
    rows = []
    for name, label, target, limit in (
        ("cold", "cold build (no site/, no .cache)", "<= 3x (goal 2x)", 3.0),
        ("warm", "warm build (nothing changed)", "<= 1.3x", 1.3),
        ("edit", "one-edit build", "<= 1.5x", 1.5),
    ):
        ours = statistics.median(r.seconds for r in runs[name])
        plain_s = statistics.median(r.seconds for r in runs[f"plain_{name}"])
        extra = f" ({_rebuilt(runs[name][-1].log)})" if name == "edit" else ""
        rows.append(
            Row(
                f"{label}, {issues} issues x {SMALL_ARTICLES}, vs plain nav:[index.md] (median of {repeats})",
                f"{ours:.2f} s{extra}",
                f"{plain_s:.2f} s",
                ours / plain_s,
                target,
                ours / plain_s <= limit,
            )
        )
    return rows


def _get(url: str, timeout: float = 60) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def bench_serve(archive: Archive, edits: int = 5, gap: float = 3.0, plain_edit: float | None = None) -> Row:
    """Median seconds from an article's file write to its page's reload event."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1767225600",
        "POLICEMAG_NOW": "2030-01-01T00:00:00+00:00",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parents[1]), os.environ.get("PYTHONPATH")])),
    }
    cmd = [sys.executable, "-m", "policemag.cli", "-C", str(archive.root), "serve", "--dev-addr", "127.0.0.1:0"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    latencies: list[float] = []
    try:
        assert proc.stdout is not None
        found = re.search(r"(http://\S+/)", proc.stdout.readline())
        if not found:
            raise RuntimeError("policemag serve printed no URL")
        base = found.group(1)
        page = f"/{archive.edit_target.parent.name}/{archive.edit_target.stem}/"
        deadline = time.monotonic() + 3600
        while _get(base + page.lstrip("/"))[0] != 200:  # the first whole build
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("policemag serve never served the page")
            time.sleep(1)
        for _ in range(edits):
            html = _get(base + page.lstrip("/"))[1]
            epoch = int(re.search(r"var e=(\d+)", html).group(1))  # type: ignore[union-attr]
            answer: list[float] = []

            def poll(epoch: int = epoch, answer: list[float] = answer) -> None:
                while True:
                    _, body = _get(f"{base}__policemag/reload?epoch={epoch}&path={page}", timeout=120)
                    data = json.loads(body or "{}")
                    if data.get("reload"):
                        answer.append(time.perf_counter())
                        return
                    epoch = int(data.get("epoch", epoch))

            waiting = threading.Thread(target=poll, daemon=True)
            waiting.start()
            time.sleep(0.3)
            start = time.perf_counter()
            _edit(archive.edit_target)
            waiting.join(120)
            if not answer:
                raise RuntimeError("no reload event within 120 s")
            latencies.append(answer[0] - start)
            time.sleep(gap)  # the editor reads; the whole build runs behind
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    median = statistics.median(latencies)
    n = len(archive.issue_ids)
    return Row(
        f"serve: article saved -> page reload event, {n} issues (median of {edits})",
        f"{median:.2f} s (all: {', '.join(f'{x:.2f}' for x in latencies)})",
        f"plain one-edit rebuild: {plain_edit:.1f} s" if plain_edit else "-",
        None,
        "<= 1 s",
        median <= 1.0,
    )
