"""``policemag``: new-issue | check | build | serve.

The benchmark is a developer tool, not shipped: ``scripts/bench.sh``.

Content errors print as ``path:line: CODE message`` (or JSON) and exit 1; a build
never leaves a half-written site: it is built in a temporary folder and swapped in.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import shutil
import sys
import tempfile
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from policemag.errors import ContentError, ContentErrors
from policemag.workers import is_alive

if TYPE_CHECKING:
    from policemag.config import MagazineConfig
    from policemag.model import Magazine

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policemag", description=__doc__)
    parser.add_argument(
        "-C", "--root", type=Path, default=None,
        help="the magazine's repository (default: this folder or the nearest above it that is one)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("new-issue", help="scaffold the next issue (a draft), dated today or --date")
    new.add_argument(
        "--date", metavar="YYYY-MM-DD", type=_day, default=None,
        help="the issue's publication date (default: today); its month names the folder",
    )
    check = sub.add_parser("check", help="validate all content, print every error")
    check.add_argument("--format", choices=["text", "json"], default="text")
    build = sub.add_parser("build", help="build site/ (web, EPUB, feed) atomically")
    build.add_argument("--site-dir", type=Path, default=None)
    serve = sub.add_parser(
        "serve", help="live preview, built in a temporary folder (never site/), reloaded on every save"
    )
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="host:port (port 0: any free port)")
    serve.add_argument("--drafts", action="store_true", help="show drafts too, each marked with a banner")
    serve.add_argument(
        "--at",
        metavar="DATETIME",
        help="preview the site as it will be at this instant (embargoes lifted by then show, "
        "marked with a banner), e.g. 2027-01-15T09:00:00+01:00",
    )
    args = parser.parse_args(argv)
    root = magazine_root(args.root)
    if root is None:
        where = (args.root or Path.cwd()).resolve()
        print(
            f"policemag: {where} is not a magazine repository (no issues/ folder and no"
            " mkdocs.yml using the policemag plugin): run policemag in the magazine's folder,"
            " or name it with -C <folder>; nothing was read or written",
            file=sys.stderr,
        )
        return 2
    if args.command == "new-issue":
        return cmd_new_issue(root, args.date)
    if args.command == "check":
        return cmd_check(root, args.format)
    if args.command == "build":
        return cmd_build(root, args.site_dir)
    return cmd_serve(root, args.dev_addr, drafts=args.drafts, at=args.at)


def _day(value: str) -> date:
    """``--date``: a real day written YYYY-MM-DD."""
    try:
        return date.fromisoformat(value) if len(value) == 10 else date.fromisoformat("x")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: write the date as YYYY-MM-DD, e.g. 2026-12-10") from None


def is_magazine(folder: Path) -> bool:
    """True when ``folder`` is a magazine's repository: it has issues/, or a mkdocs.yml
    that uses the policemag plugin (a new magazine, before its first issue)."""
    if (folder / "issues").is_dir():
        return True
    config = folder / "mkdocs.yml"
    try:
        return config.is_file() and "policemag" in config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def magazine_root(given: Path | None) -> Path | None:
    """The repository to work on: ``given`` (``-C``) when it is a magazine, else None;
    without ``-C``, the current folder or the nearest folder above it that is one (an
    editor may run ``policemag check`` from inside an issue's folder)."""
    if given is not None:
        folder = given.resolve()
        return folder if is_magazine(folder) else None
    here = Path.cwd().resolve()
    return next((f for f in (here, *here.parents) if is_magazine(f)), None)


def print_errors(errors: list[ContentError], fmt: str = "text") -> None:
    if fmt == "json":
        print(json.dumps([e.as_dict() for e in errors], ensure_ascii=False, indent=1))
        return
    for e in errors:
        print(f"{e}" + (" (warning)" if e.severity == "warning" else ""), file=sys.stderr)


def cmd_check(root: Path, fmt: str) -> int:
    """Validate everything as a build would (same settings), write nothing."""
    from policemag.build import prepare_build

    try:
        config = site_settings(root)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        build = prepare_build(config)
    except ContentErrors as exc:
        print_errors(sorted(exc.errors + exc.warnings), fmt)
        if fmt == "text":
            print(f"{len(exc.errors)} error(s)", file=sys.stderr)
        return 1
    build.finish_covers()  # drawn as a build draws them, so the build finds them made
    print_errors(build.warnings, fmt)
    if fmt == "text":
        issues, articles = len(build.magazine.issues), len(build.magazine.articles)
        print(f"ok: {issues} issue(s), {articles} published article(s)")
        held = held_back(build.everything or build.magazine, build.config.now)
        if held:
            print("held back, in no edition yet:")
            for line in held:
                print(f"  {line}")
    return 0


def held_back(magazine: Magazine, now: datetime) -> list[str]:
    """One line per issue or article that a build at ``now`` does not publish: a draft,
    or under an embargo that lifts later (written with its offset, as the editor wrote
    it). In an embargoed issue, the articles that wait longer (a draft, a later
    embargo) are listed too; a draft issue's articles are not.
    """
    out = []
    for issue in sorted(magazine.issues, key=lambda i: i.number):
        folder = f"issues/{issue.id}/"
        if issue.draft:
            out.append(f"{folder} (issue {issue.number}): draft")
            continue
        waits = issue.embargo is not None and issue.embargo > now
        if waits:
            assert issue.embargo is not None
            out.append(f"{folder} (issue {issue.number}): embargo until {issue.embargo.isoformat()}")
        for article in issue.articles:
            where = f"{folder}{article.source.name}"
            if article.draft:
                out.append(f"{where}: draft")
            elif article.embargo is not None and article.embargo > now and (
                not waits or issue.embargo is None or article.embargo > issue.embargo
            ):
                out.append(f"{where}: embargo until {article.embargo.isoformat()}")
    return out


def site_settings(root: Path) -> MagazineConfig:
    """The settings a build of ``root`` uses, read without importing MkDocs.

    Raises ValueError with a one-line message when mkdocs.yml is invalid.
    """
    from policemag.config import read_site_config

    return read_site_config(root)


def cmd_build(root: Path, site_dir: Path | None) -> int:
    """Build into a temporary folder next to site/, then swap it in.

    Whatever happens (content error, bug, Ctrl-C), the temporary folder is removed and
    the previous site/ stays as it was; only a complete build replaces it.
    """
    from policemag.mkdocs_plugin.commands import BuildFailed, build_site

    final = (site_dir or root / "site").resolve()
    problem = site_dir_problem(root, final)
    if problem:
        print(f"--site-dir {site_dir}: {problem}", file=sys.stderr)
        return 2
    final.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(final)
    # the pid in the name tells a later build whether this folder is still being written
    tmp = Path(tempfile.mkdtemp(prefix=f".site-{os.getpid()}-", dir=final.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; the site is served to everyone
    try:
        build_site(root, tmp)
    except BuildFailed as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        if exc.errno not in MACHINE_ERRORS:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        # the machine, not the content and not our code: say so without a traceback
        shutil.rmtree(tmp, ignore_errors=True)
        where = f" writing {exc.filename}" if exc.filename else ""
        print(f"policemag: build stopped{where}: {exc.strerror}; site/ was left as it was", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap_in(tmp, final)
    print(f"site built in {final}")
    return 0


#: OSError numbers that say the machine cannot take the build (disk full, quota,
#: read-only file system, too many open files): a message, not a traceback.
MACHINE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EMFILE, errno.ENFILE}

#: Folders of the repository a site folder may never be, contain or sit in.
PROTECTED = ("issues", "comics", "pages", "overrides", "tools", "tests", "docs", ".git", ".cache")


def site_dir_problem(root: Path, site: Path) -> str | None:
    """Why ``site`` cannot be the build's output folder (it is replaced whole), or None.

    >>> site_dir_problem(Path("/m"), Path("/m"))
    'is the repository itself: the build replaces its output folder whole'
    >>> site_dir_problem(Path("/m"), Path("/m/issues/x"))
    'is inside issues/: the build replaces its output folder whole'
    >>> site_dir_problem(Path("/m"), Path("/m/site")) is None
    True
    """
    root = root.resolve()
    whole = "the build replaces its output folder whole"
    if site == root:
        return f"is the repository itself: {whole}"
    if root.is_relative_to(site):
        return f"contains the repository: {whole}"
    for name in PROTECTED:
        if site.is_relative_to(root / name):
            return f"is inside {name}/: {whole}"
    if site.exists() and not site.is_dir():
        return "exists and is not a folder"
    return None


def clean_leftovers(final: Path) -> None:
    """Undo what a killed build (SIGKILL, power cut) left beside ``final``.

    A build killed between the two renames of :func:`swap_in` leaves only
    ``<final>.old``: it is put back. Temporary folders of builds whose process is gone
    are removed; those of a build still running are left alone.
    """
    old = final.with_name(final.name + ".old")
    if not final.exists() and old.is_dir():
        old.rename(final)
    for stray in final.parent.glob(".site-*"):
        pid = stray.name.split("-")[1]
        if stray.is_dir() and pid.isdigit() and not is_alive(int(pid)):
            shutil.rmtree(stray, ignore_errors=True)



def swap_in(new: Path, final: Path) -> None:
    """Replace folder ``final`` by ``new`` (same parent) with two renames.

    Between the renames ``final`` is missing for an instant, never half-written; the
    old tree is deleted only once the new one is in place.
    """
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def cmd_serve(root: Path, dev_addr: str, *, drafts: bool = False, at: str | None = None) -> int:
    """The live preview (policemag.mkdocs_plugin.serve): prints its URL, then serves
    until Ctrl-C; content errors show in the terminal and on every page."""
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        print(f"--dev-addr {dev_addr}: write host:port, e.g. 127.0.0.1:8000", file=sys.stderr)
        return 2
    moment = None
    if at is not None:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            print(f"--at {at}: write a date, a time and an offset, e.g. 2027-01-15T09:00:00+01:00", file=sys.stderr)
            return 2
    if not (root / "mkdocs.yml").is_file():
        print(f"{root}: no mkdocs.yml: run policemag serve in the magazine's repository (or -C it)", file=sys.stderr)
        return 2
    from policemag.mkdocs_plugin.commands import serve_site

    return serve_site(root, host.strip("[]"), int(port), drafts=drafts, at=moment)


def cmd_new_issue(root: Path, today: date | None = None) -> int:
    """Scaffold issues/<yyyy-mm>-n<next>/ with issue.yml, a cover and a draft article.

    Both the issue and its template article are drafts: a scaffold can never be
    published by accident; the editor removes ``draft: true`` when it is ready.
    """
    from policemag.content.magazine import read_magazine

    magazine, _ = read_magazine(root)
    numbers = [i.number for i in magazine.issues]
    number = max(numbers, default=0) + 1
    day = today or date.today()
    folder = root / "issues" / f"{day:%Y-%m}-n{number}"
    if folder.exists():
        print(f"{folder.relative_to(root)} already exists", file=sys.stderr)
        return 1
    (folder / "images").mkdir(parents=True)
    _placeholder_cover(folder / "images" / "cover.jpg", number)
    (folder / "issue.yml").write_text(
        f"number: {number}\n"
        f"date: {day.isoformat()}\n"
        '# the headline only: the build writes "العدد N" itself before it\n'
        'title: "عنوان العدد"\n'
        'theme: "ملف العدد"\n'
        "lang: ar\n"
        "cover: images/cover.jpg\n"
        f'cover_alt: "غلاف العدد {number}"\n'
        "draft: true   # remove when the issue is ready to publish\n"
        "contents:\n"
        "  - editorial.md\n",
        encoding="utf-8",
    )
    (folder / "editorial.md").write_text(
        "---\n"
        f"id: urn:uuid:{uuid.uuid4()}\n"
        'title: "افتتاحية العدد"\n'
        "section: news\n"
        'summary: "ملخص من جملة أو جملتين يظهر في البطاقات وفي تطبيق الهاتف."\n'
        'authors: ["هيئة التحرير"]\n'
        "draft: true\n"
        "---\n\n"
        "اكتب نص المقال هنا.\n",
        encoding="utf-8",
    )
    print(f"created {folder.relative_to(root)}/ (issue {number}, dated {day.isoformat()}, draft)")
    return 0


def _placeholder_cover(path: Path, number: int) -> None:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (1200, 1600), (11, 58, 102))
    draw = ImageDraw.Draw(im)
    draw.rectangle((60, 60, 1140, 1540), outline=(255, 255, 255), width=8)
    draw.text((600, 800), str(number), fill=(255, 255, 255), anchor="mm", font_size=300)
    im.save(path, quality=85)


if __name__ == "__main__":
    sys.exit(main())
