"""Benchmark: build_epub of one issue in-process vs pandoc making an EPUB of the same text.

Not a test (timings depend on the machine): ``scripts/bench.sh`` or
``python -m policemag_dev.bench_epub <magazine root> [issue-id]`` prints both medians.
pandoc gets every published article's Markdown concatenated, with the lead images as
Markdown images and ``--resource-path`` at the issue folder, so it embeds the same
pictures; we get the same published issue, with warm image/comic/font caches (a build
with nothing new to derive, the common case in CI), after one warm-up build.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from policemag.config import MagazineConfig
from policemag.epub.build import build_epub
from policemag.model import Issue


@dataclass(frozen=True)
class EpubBench:
    ours_s: float  # median wall time of build_epub, in-process, warm caches
    pandoc_s: float  # median wall time of the pandoc process
    runs: int

    @property
    def ratio(self) -> float:
        return self.ours_s / self.pandoc_s


def pandoc_markdown(issue: Issue) -> str:
    """The issue's articles as one Markdown document, in contents order."""
    parts = []
    for article in issue.articles:
        parts.append(f"# {article.title}\n")
        if article.image:
            rel = article.image.path.relative_to(issue.folder.resolve()).as_posix()
            parts.append(f"![{article.image.alt}]({rel})\n")
        parts.append(article.body.strip() + "\n")
    return "\n".join(parts)


def bench_epub(issue: Issue, config: MagazineConfig, runs: int = 5) -> EpubBench:
    """Median times of ``runs`` builds each way; requires ``pandoc`` on PATH."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise RuntimeError("pandoc is not installed")
    with tempfile.TemporaryDirectory(prefix="policemag-bench-") as tmp:
        out = Path(tmp)
        build_epub(issue, config, out / "warm")  # derive images, letter comics, subset fonts
        ours = []
        for n in range(runs):
            t = time.perf_counter()
            build_epub(issue, config, out / f"ours-{n}")
            ours.append(time.perf_counter() - t)
        source = out / "issue.md"
        source.write_text(pandoc_markdown(issue), encoding="utf-8")
        cmd = [
            pandoc,
            str(source),
            "-o",
            str(out / "pandoc.epub"),
            "--to",
            "epub3",
            f"--resource-path={issue.folder}",
            f"--metadata=title:{issue.title}",
            f"--metadata=lang:{issue.lang}",
            f"--metadata=dir:{issue.dir}",
        ]
        theirs = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            theirs.append(time.perf_counter() - t)
    return EpubBench(statistics.median(ours), statistics.median(theirs), runs)


def main(argv: list[str] | None = None) -> int:
    from policemag.content.magazine import read_magazine

    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0] if args else ".").resolve()
    magazine, log = read_magazine(root)
    if log.errors:
        print("\n".join(str(e) for e in log.errors), file=sys.stderr)
        return 1
    config = MagazineConfig(root=root)
    published = magazine.published(config.now)
    issue = published.issue(args[1]) if len(args) > 1 else published.latest
    if issue is None:
        print("no published issue", file=sys.stderr)
        return 1
    result = bench_epub(issue, config)
    print(
        f"{issue.id}: build_epub {result.ours_s * 1000:.0f} ms, pandoc {result.pandoc_s * 1000:.0f} ms,"
        f" ratio {result.ratio:.2f} (target <= 0.25), median of {result.runs}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
