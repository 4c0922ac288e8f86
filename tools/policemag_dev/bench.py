"""``scripts/bench.sh``: our pipeline against baselines, on one machine, in one run.

:func:`run_bench` makes a synthetic archive (:mod:`policemag_dev.archive`) in a
temporary folder, runs each measurement and its baseline one after the other (never
at the same time: they would compete for the cores), and prints one table of ratios
with the targets of the "Fast at archive scale" issue. Timings live here, never in tests.

Builds run as subprocesses (``python -m mkdocs build``), so MkDocs stays out of the core
and each build's peak RSS is its own: the larger of ``os.wait4``'s (the largest single
process) and the sum over the whole process tree sampled from /proc every 20 ms (what
the machine must hold at once). Definitions of cold/warm/one-edit: docs/performance.md.
"""

from __future__ import annotations

import contextlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from policemag_dev.archive import Archive, make_archive

#: The default (full-sidebar) plain build grows with pages^1.8 (381 s at 200 issues,
#: notes/performance.md): it is run only up to this many issues.
SIDEBAR_MAX_ISSUES = 50


@dataclass(frozen=True)
class Row:
    """One line of the table: ``ratio`` is ours / baseline unless ``note`` says otherwise."""

    what: str
    ours: str
    baseline: str
    ratio: float | None
    target: str
    ok: bool | None


@dataclass(frozen=True)
class Run:
    seconds: float
    rss_mb: float
    log: str


def run_build(root: Path, quiet: bool = False) -> Run:
    """``mkdocs build`` of ``root`` in a subprocess: wall time, peak RSS (MB), stderr."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1767225600",
        "POLICEMAG_NOW": "2030-01-01T00:00:00+00:00",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(Path(__file__).parents[1]), os.environ.get("PYTHONPATH")])
        ),
    }
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")] + (
        ["-q"] if quiet else []
    )
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=err)
        sampler = _TreeRss(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        err.seek(0)
        log = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"build of {root} failed:\n{log[-3000:]}")
    return Run(seconds, max(usage.ru_maxrss / 1024, sampler.peak_kb / 1024), log)


class _TreeRss(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants, from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self._done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.02):
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in task.read_text().split())
    return out


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


#: Our extensions by the Python-Markdown extension they stand for (same output).
STOCK = {"policemag.content.smarty": "smarty"}


def plain_site(archive: Archive, dest: Path, sidebar: bool) -> Path:
    """A plain Material site with our generated pages as .md files (same Markdown, same
    extensions, Material's default search); ``sidebar=False`` sets ``nav: [index.md]``.
    Python-Markdown's own extensions: smarty, not :mod:`policemag.content.smarty` (our
    faster smarty is the project's work, not the plain floor's)."""
    from policemag.build import prepare_build
    from policemag.config import MagazineConfig
    from policemag.content.markdown import EXTENSIONS

    build = prepare_build(MagazineConfig(root=archive.root, cache_dir=archive.root / ".cache"))
    build.finish_covers()  # (their pool is not left running)
    docs = dest / "docs"
    for page in build.pages:
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    config = (
        "site_name: مجلة الشرطة\nsite_url: https://magazine.police.example/\n"
        "theme:\n  name: material\n  language: ar\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
        + "".join(f"  - {STOCK.get(name, name)}\n" for name in EXTENSIONS if name != "toc")
        + "validation:\n  nav:\n    omitted_files: ignore\n  links:\n    not_found: ignore\n    unrecognized_links: ignore\n"
    )
    if not sidebar:
        config += "nav:\n  - index.md\n"
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def _edit(path: Path) -> None:
    """The one edit: a sentence added at the end of an article."""
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\nأضافت المديرية فقرة جديدة إلى هذا المقال بعد نشره.\n")


#: Cache namespaces (policemag.cache) emptied for a "cold" build: EPUB, feed and search
#: outputs, rendered Markdown, EPUB bodies, pages and their finished HTML, precompressed
#: files, unpacked books; derived images (renditions, comic pages, designed covers, share
#: images) and fonts stay warm (images have their own rows). The 30-issue rows
#: (bench_fixed) start from no .cache at all.
COLD_CACHES = (
    "epub", "feed", "feed-files", "search", "search-text", "markdown", "epub-bodies", "pages",
    "page-html", "precompressed", "books",
)


def set_aside(path: Path, work: Path) -> None:
    """Move ``path`` (what an earlier build made) out of the way into ``work``'s
    ``set-aside/`` folder, which goes with the benchmark's temporary folder at the end.

    Not deleted before a cold build: on ext4 without a journal (this project's VMs) the
    inode allocator passes over inodes freed in the last minute one by one
    (``recently_deleted``, ``find_inode_bit`` in ``perf``), so a build started right
    after deleting the 9,000 files of a 30-issue build spent 3 to 4 s of system time
    finding free inodes (0.8 s otherwise): a cost of the benchmark's own cleanup, not
    of a build, which in CI starts from a fresh clone. The builds' own deletions (MkDocs
    empties site/) are measured as they are."""
    if not path.exists():
        return
    aside = work / "set-aside"
    aside.mkdir(exist_ok=True)
    path.rename(aside / f"{sum(1 for _ in aside.iterdir())}-{path.name}")


def _rebuilt(log: str) -> str:
    m = re.findall(r"policemag: rebuilt (\{[^}]*\}); reused (\{[^}]*\})", log)
    return f"rebuilt {m[-1][0]}" if m else "?"


def bench_builds(archive: Archive, work: Path, quick: bool) -> tuple[list[Row], dict[str, Run]]:
    """Cold, warm and one-edit builds of ours and of the plain sites."""
    rows: list[Row] = []
    runs: dict[str, Run] = {}
    root = archive.root
    # images and comic pages have their own rows: derive them once, then "cold" starts
    # from an empty site and empty EPUB/feed/search/Markdown caches
    runs["first"] = run_build(root)
    for sub in COLD_CACHES:
        set_aside(root / ".cache" / sub, work)
    set_aside(root / "site", work)
    runs["cold"] = run_build(root)
    runs["warm"] = run_build(root)
    plain_b = plain_site(archive, work / "plain-nav", sidebar=False)
    plain_a = plain_site(archive, work / "plain-sidebar", sidebar=True)
    _edit(archive.edit_target)
    runs["edit"] = run_build(root)
    runs["plain_cold"] = run_build(plain_b, quiet=True)
    runs["plain_warm"] = run_build(plain_b, quiet=True)
    edited = plain_b / "docs" / archive.edit_target.parent.name / f"{archive.edit_target.stem}.md"
    _edit(edited)
    runs["plain_edit"] = run_build(plain_b, quiet=True)
    n = len(archive.issue_ids)
    if n <= SIDEBAR_MAX_ISSUES:
        runs["plain_sidebar"] = run_build(plain_a, quiet=True)
    for name, base, target, limit in (
        ("cold", "plain_cold", "<= 2x", 2.0),
        ("warm", "plain_warm", "<= 1.3x", 1.3),
        ("edit", "plain_edit", "<= 1.5x", 1.5),
    ):
        ours, plain = runs[name], runs[base]
        label = {
            "cold": "cold build",
            "warm": "warm build (nothing changed)",
            "edit": "one-edit build",
        }[name]
        extra = f" ({_rebuilt(ours.log)})" if name != "cold" else ""
        rows.append(
            Row(
                f"{label}, {n} issues, vs plain nav:[index.md]",
                f"{ours.seconds:.1f} s{extra}",
                f"{plain.seconds:.1f} s",
                ours.seconds / plain.seconds,
                target,
                ours.seconds / plain.seconds <= limit,
            )
        )
    if "plain_sidebar" in runs:
        side = runs["plain_sidebar"]
        rows.append(
            Row(
                f"cold build, {n} issues, vs plain default sidebar",
                f"{runs['cold'].seconds:.1f} s",
                f"{side.seconds:.1f} s",
                runs["cold"].seconds / side.seconds,
                "(info)",
                None,
            )
        )
    else:
        rows.append(
            Row(
                f"plain default sidebar, {n} issues",
                "-",
                f"skipped (> {SIDEBAR_MAX_ISSUES} issues: pages^1.8, 381 s at 200)",
                None,
                "(info)",
                None,
            )
        )
    return rows, runs


def bench_images_row(archive: Archive, work: Path) -> list[Row]:
    from policemag_dev.bench_images import bench_images

    r = bench_images(list(archive.photos), work / "images")
    ours, naive = r["ours"], r["naive"]
    rows = [
        Row(
            f"image derivatives, {len(archive.photos)} x 12 MP, vs naive serial Pillow",
            f"{ours['seconds']:.2f} s",
            f"{naive['seconds']:.2f} s",
            float(ours["seconds"]) / float(naive["seconds"]),
            "<= 0.33x (3x faster)",
            float(naive["seconds"]) / float(ours["seconds"]) >= 3,
        )
    ]
    vips = r.get("vipsthumbnail")
    if vips:
        rows.append(
            Row(
                "image derivatives vs vipsthumbnail (parallel)",
                f"{ours['seconds']:.2f} s",
                f"{vips['seconds']:.2f} s",
                float(ours["seconds"]) / float(vips["seconds"]),
                "<= 0.6x",
                float(ours["seconds"]) / float(vips["seconds"]) <= 0.6,
            )
        )
        rows.append(
            Row(
                "image bytes out vs vipsthumbnail",
                f"{int(ours['bytes']):,} B",
                f"{int(vips['bytes']):,} B",
                int(ours["bytes"]) / int(vips["bytes"]),
                "<= 1x",
                int(ours["bytes"]) <= int(vips["bytes"]),
            )
        )
    rows.append(
        Row(
            "image bytes out vs naive",
            f"{int(ours['bytes']):,} B",
            f"{int(naive['bytes']):,} B",
            int(ours["bytes"]) / int(naive["bytes"]),
            "<= 1x",
            int(ours["bytes"]) <= int(naive["bytes"]),
        )
    )
    return rows


def bench_epub_and_comic(archive: Archive) -> list[Row]:
    from policemag.config import MagazineConfig
    from policemag.content.magazine import read_magazine
    from policemag_dev.bench_epub import bench_epub
    from policemag_dev.bench_lettering import bench_lettering

    magazine, _ = read_magazine(archive.root)
    config = MagazineConfig(root=archive.root)
    published = magazine.published(config.now)
    issue = published.issue(archive.issue_ids[0])
    assert issue is not None
    e = bench_epub(issue, config, runs=3)
    seconds = bench_lettering(published.comics["phone-scam"], config)  # median of 3 runs
    return [
        Row(
            f"EPUB of one issue ({len(issue.articles)} articles) vs pandoc",
            f"{e.ours_s * 1000:.0f} ms",
            f"{e.pandoc_s * 1000:.0f} ms",
            e.ratio,
            "<= 0.25x",
            e.ratio <= 0.25,
        ),
        Row(
            "lettering one comic page (1600x2400, per language)",
            f"{seconds:.3f} s",
            "-",
            None,
            "<= 0.15 s",
            seconds <= 0.15,
        ),
    ]


def _machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"
    )


def print_table(rows: list[Row]) -> None:
    print(f"\nmachine: {_machine()}\n")
    print("| measure | ours | baseline | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        ok = {True: "yes", False: "**no**", None: "-"}[r.ok]
        print(f"| {r.what} | {r.ours} | {r.baseline} | {ratio} | {r.target} | {ok} |")


#: Groups of rows ``--rows`` can pick (default: all).
GROUPS = ("images", "builds", "epub", "search", "rss", "fixed", "serve")


def run_bench(root: Path, issues: int = 10, quick: bool = False, rows_wanted: tuple[str, ...] = GROUPS) -> int:
    """Generate an archive of ``issues`` issues (``quick``: 3 issues, 4 small images),
    run every measurement against its baseline and print the table. Returns 0; 1 when
    a required tool (pandoc) is missing."""
    from policemag_dev.bench_fixed import SMALL_ISSUES, bench_fixed, bench_serve
    from policemag_dev.bench_search import search_bytes

    if quick:
        issues = min(issues, 3)
    if shutil.which("pandoc") is None:
        print("the benchmark needs pandoc", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="policemag-bench-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        rows: list[Row] = []
        if "fixed" in rows_wanted:  # first: its own small archive, on a machine not yet warm
            rows += bench_fixed(root, work, issues=3 if quick else SMALL_ISSUES, repeats=1 if quick else 3)
        if not set(rows_wanted) - {"fixed"}:
            print_table(rows)
            return 0
        archive = make_archive(
            work / "magazine",
            root,
            issues,
            image_issues=1 if quick else 2,
            photos_per_issue=2 if quick else 8,
            photo_size=(1600, 1200) if quick else (4000, 3000),
        )
        print(
            f"archive: {issues} issues, {len(archive.photos)} photos, made in {time.perf_counter() - t0:.0f} s",
            file=sys.stderr,
        )
        if "images" in rows_wanted:
            rows += bench_images_row(archive, work)
        runs: dict[str, Run] = {}
        if {"builds", "rss", "search", "serve"} & set(rows_wanted):
            build_rows, runs = bench_builds(archive, work, quick)
            if "builds" in rows_wanted:
                rows += build_rows
        if "epub" in rows_wanted:
            rows += bench_epub_and_comic(archive)
        if "search" in rows_wanted:
            kb = search_bytes(archive.root / "site")
            rows.append(
                Row(
                    f"search: bytes a first query loads (gzip), {issues} issues",
                    f"{kb:.0f} KB",
                    "-",
                    None,
                    "< 500 KB",
                    kb < 500 if kb >= 0 else None,
                )
            )
        if "rss" in rows_wanted:
            rows += rss_rows(archive, work, runs, issues)
        if "serve" in rows_wanted:
            plain = runs["plain_edit"].seconds if "plain_edit" in runs else None
            rows.append(bench_serve(archive, edits=2 if quick else 5, plain_edit=plain))
    print_table(rows)
    return 0


def rss_rows(archive: Archive, work: Path, runs: dict[str, Run], issues: int) -> list[Row]:
    """Peak RSS of our cold build at ``issues`` and at 10 issues (the newest 10, copied),
    and how build time scales from 10 issues to ``issues``."""
    rows = [
        Row(
            f"peak RSS, cold build, {issues} issues (whole process tree)",
            f"{runs['cold'].rss_mb:.0f} MB",
            f"plain: {runs['plain_cold'].rss_mb:.0f} MB",
            None,
            "< 400 MB" if issues >= 200 else "(info)",
            runs["cold"].rss_mb < 400 if issues >= 200 else None,
        )
    ]
    if issues > 10:
        small = work / "ten"
        older = set(archive.issue_ids[10:])
        shutil.copytree(
            archive.root,
            small,
            ignore=lambda folder, names: [
                n for n in names if n in ("site", ".cache") or (Path(folder).name == "issues" and n in older)
            ],
        )
        run_build(small)  # derive images and comic pages, as for the large archive
        for sub in COLD_CACHES:
            set_aside(small / ".cache" / sub, work)
        ten = run_build(small)
        rows.append(
            Row(
                "peak RSS, cold build, 10 issues", f"{ten.rss_mb:.0f} MB", "-", None, "(info)", None
            )
        )
        per_issue = (runs["cold"].seconds - ten.seconds) / (issues - 10)
        scale = runs["cold"].seconds / ten.seconds
        rows.append(
            Row(
                f"cold build time {issues} vs 10 issues",
                f"{runs['cold'].seconds:.1f} s",
                f"{ten.seconds:.1f} s",
                scale,
                f"linear: <= {issues / 10:.0f}x",
                scale <= issues / 10 * 1.1,
            )
        )
        rows.append(
            Row(
                "cold build cost per extra issue",
                f"{per_issue * 1000:.0f} ms",
                "-",
                None,
                "(info)",
                None,
            )
        )
    return rows
