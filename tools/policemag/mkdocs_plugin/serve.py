"""``policemag serve``: a live preview where an editor's save is on screen in a second.

The loop (docs/performance.md, "The serve loop"):

1. The server starts at once and prints its URL; every page says "building" until the
   first whole build (MkDocs, in this process, into a temporary folder: never site/).
2. A save of an article that is already published takes the fast path
   (:func:`policemag.preview.update_build`): that file is read again, the pages that
   show it are made again, and those whose Markdown changed are rendered through
   MkDocs exactly as a whole build renders them, the article's own page first; the
   tabs showing one of them reload. Then a whole build runs in a second process
   (niced) into another temporary folder; when it ends and nothing was saved since,
   its files replace the preview's (EPUBs, feeds, search, and any page the fast path
   did not make), and the tabs whose page changed reload again.
3. Any other change (issue.yml, comics, images, pages/, overrides/, mkdocs.yml, a
   file added or removed) rebuilds the whole site in this process; the previous
   preview is served meanwhile.
4. A content error (at start or later) is printed as ``path:line: CODE message`` and
   every page shows it instead, until a save fixes it: never a hang or a silent exit.

``--drafts`` shows drafts, ``--at`` moves the embargo clock; pages a real build would
not publish now carry a banner (:mod:`policemag.preview`).
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import html
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from mkdocs.commands.build import _populate_page, build, get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.structure.files import InclusionLevel

from policemag.build import pin_source_date, unpin_source_date
from policemag.cache import atomic_write_bytes
from policemag.errors import ContentErrors
from policemag.i18n import t
from policemag.mkdocs_plugin.plugin import PoliceMagPlugin
from policemag.mkdocs_plugin.server import PreviewServer, StatusPage
from policemag.model import direction_of
from policemag.preview import update_build

#: Folders and files of the repository whose changes rebuild the preview.
WATCHED = ("issues", "comics", "pages", "overrides", "mkdocs.yml", "docs/app-feed.md")
#: After a change, wait for this long without another before building (an editor's
#: save is often several file events).
QUIET = 0.05
#: ... but no longer than this.
MAX_WAIT = 0.5


@dataclass
class ServeOptions:
    root: Path
    host: str = "127.0.0.1"
    port: int = 8000
    drafts: bool = False
    at: datetime | None = None
    #: run a whole build after each fast update (tests turn it off to see the fast path)
    background: bool = True
    #: watch the repository (tests call :meth:`Session.changed` themselves)
    watch: bool = True


@dataclass
class _Pending:
    paths: set[Path] = field(default_factory=set)
    last: float = 0.0
    first: float = 0.0
    background: list[tuple[int, Path, int, str]] = field(default_factory=list)


class Session:
    """One ``policemag serve``: the server, the watcher and the build loop."""

    def __init__(self, options: ServeOptions, out: IO[str] | None = None) -> None:
        self.options = options
        self.root = options.root.resolve()
        self.out = out or sys.stderr
        self.tmp = Path(tempfile.mkdtemp(prefix="policemag-serve-"))
        self.config: MkDocsConfig | None = None
        self.plugin: PoliceMagPlugin | None = None
        self.site: Path | None = None
        #: the in-process state matches the content (else every change builds whole)
        self.state_ok = False
        #: edited files whose errors the page shows (read again with every change)
        self.broken: set[Path] = set()
        self.generation = 0
        self.builds = 0
        self.cond = threading.Condition()
        self.pending = _Pending()
        self.stopped = False
        self.bg: subprocess.Popen[bytes] | None = None
        mount = urlsplit(self._site_url()).path or "/"
        self.server = PreviewServer(options.host, options.port, mount)
        self.observer: Any = None
        #: (seconds from the change to the reload event, pages) of each fast update
        self.timings: list[tuple[float, int]] = []

    # -- start and stop --------------------------------------------------------------

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> None:
        """Serve (the building page), watch, and make the first build."""
        if self.options.at is not None:
            os.environ["POLICEMAG_NOW"] = self.options.at.isoformat()
        self.server.show_status(self._status_page("building"))
        self.server.start()
        if self.options.watch:
            self._watch()
        self._full_build()

    def run(self) -> None:
        """The build loop, until :meth:`stop` (or Ctrl-C in the caller)."""
        while True:
            with self.cond:
                while not self.stopped and not self._due():
                    self.cond.wait(timeout=self._timeout())
                if self.stopped:
                    return
                paths, self.pending.paths = self.pending.paths, set()
                done, self.pending.background = self.pending.background, []
            for item in done:
                if paths:  # saved again meanwhile: that build may have read half the edit
                    shutil.rmtree(item[1], ignore_errors=True)
                else:
                    self._background_done(*item)
            if paths:
                self.changed(paths)

    def wait_background(self, timeout: float = 300.0) -> bool:
        """Wait for the running whole build and take its result (tests, the benchmark).
        False when none ended within ``timeout``."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while not self.pending.background and time.monotonic() < deadline:
                self.cond.wait(timeout=0.1)
            done, self.pending.background = self.pending.background, []
        for item in done:
            self._background_done(*item)
        return bool(done)

    def stop(self) -> None:
        with self.cond:
            self.stopped = True
            self.cond.notify_all()
        if self.observer is not None:
            self.observer.stop()
        self._kill_background()
        self.server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- watching --------------------------------------------------------------------

    def _watch(self) -> None:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        session = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type in ("opened", "closed_no_write"):
                    return
                if event.is_directory and event.event_type == "modified":
                    return  # a file in it changed: that file has its own event
                for raw in (event.src_path, getattr(event, "dest_path", "")):
                    if raw:
                        session.notice(Path(os.fsdecode(raw)))

        self.observer = Observer()
        handler = Handler()
        for name in WATCHED:
            path = self.root / name
            if path.is_dir():
                self.observer.schedule(handler, str(path), recursive=True)
            elif path.is_file():
                self.observer.schedule(handler, str(path.parent), recursive=False)
        self.observer.start()

    def notice(self, path: Path) -> None:
        """A file event: remembered, built after a short quiet time."""
        if not self._relevant(path):
            return
        now = time.monotonic()
        with self.cond:
            if not self.pending.paths:
                self.pending.first = now
            self.pending.paths.add(path)
            self.pending.last = now
            self.cond.notify_all()

    def _relevant(self, path: Path) -> bool:
        name = path.name
        if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913":
            return False  # editors' temporary files, the build's own atomic writes
        try:
            rel = path.relative_to(self.root)
        except ValueError:
            return False
        return bool(rel.parts) and (rel.parts[0] in WATCHED or rel.as_posix() in WATCHED)

    def _due(self) -> bool:
        if self.pending.background:
            return True
        if not self.pending.paths:
            return False
        now = time.monotonic()
        return now - self.pending.last >= QUIET or now - self.pending.first >= MAX_WAIT

    def _timeout(self) -> float | None:
        if self.pending.paths:
            return QUIET / 2
        return None

    # -- changes ---------------------------------------------------------------------

    def changed(self, paths: set[Path]) -> None:
        """Build what ``paths`` changed: the fast path when it can, else a whole build."""
        start = time.monotonic()
        self.generation += 1
        self._kill_background()
        articles = all(p.suffix == ".md" and p.is_file() and self._under(p, "issues") for p in paths)
        if self.state_ok and articles and self._fast(paths | self.broken, start):
            return
        self._full_build()

    def _under(self, path: Path, folder: str) -> bool:
        try:
            return path.resolve().relative_to(self.root).parts[0] == folder
        except (ValueError, IndexError):
            return False

    def _fast(self, paths: set[Path], start: float) -> bool:
        """The fast path; False when the change needs a whole build."""
        assert self.plugin is not None and self.plugin.build is not None and self.config is not None
        try:
            update = update_build(self.plugin.build, paths)
        except ContentErrors as exc:
            self.broken = set(paths)
            self._show_errors([str(e) for e in exc.errors], [str(w) for w in exc.warnings])
            return True
        if update is None:
            return False
        self.broken = set()
        for warning in update.build.warnings:
            self._say(f"{warning} (warning)")
        self.plugin.use_build(update.build)
        first, rest = update.pages[:1], update.pages[1:]
        try:
            written = self._render(first)
            epoch_pages = len(written)
            self.server.publish(None, written)
            self.timings.append((time.monotonic() - start, epoch_pages))
            written += self._render(rest)
            self.server.publish(None, written[epoch_pages:])
        except _RenderFailed as exc:
            self.state_ok = False
            self._show_errors(exc.messages)
            return True
        except Exception as exc:  # a bug: said on the page and in the terminal, no hang
            self.state_ok = False
            logging.getLogger("policemag.serve").exception("the preview update failed")
            self._show_errors([f"{type(exc).__name__}: {exc}"])
            return True
        took = time.monotonic() - start
        self._say(f"preview updated: {len(update.pages)} page(s) in {took:.2f} s")
        if self.options.background:
            self._start_background()
        return True

    def _render(self, sources: list[Any]) -> list[str]:
        """Render ``sources`` (PageSource) as the last whole build did; returns the site
        files written."""
        config, plugin = self.config, self.plugin
        assert config is not None and plugin is not None and plugin.build is not None
        files, nav, env = plugin.site_files, plugin.site_nav, plugin.site_env
        assert files is not None and nav is not None and env is not None
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        written: list[str] = []
        with _mkdocs_warnings() as warnings:
            before = pin_source_date(plugin.build.config.root, plugin.build.magazine)
            try:
                for source in sources:
                    file = files.get_file_from_path(source.src_uri)
                    if file is None or file.page is None:
                        raise _RenderFailed([f"{source.src_uri}: not a page of the last build"])
                    file.content_string = source.source
                    page = file.page
                    _populate_page(page, config, files)
                    output = _page_html(page, config, doc_files, nav, env)
                    atomic_write_bytes(Path(file.abs_dest_path), output.encode("utf-8", errors="xmlcharrefreplace"))
                    written.append(file.dest_uri)
            except MkDocsException as exc:
                raise _RenderFailed([str(exc)]) from None
            finally:
                unpin_source_date(before)
        if warnings and config.strict:
            raise _RenderFailed(warnings)
        return written

    # -- whole builds ----------------------------------------------------------------

    def _full_build(self) -> None:
        """A whole build in this process into a new folder, then served."""
        self._kill_background()
        self.builds += 1
        site = self.tmp / f"site-{self.builds}"
        start = time.monotonic()
        config: MkDocsConfig | None = None
        try:
            with _mkdocs_warnings() as warnings:
                config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(site))
                plugin = config.plugins["policemag"]
                assert isinstance(plugin, PoliceMagPlugin)
                plugin.preview = self._preview_fields()
                config.plugins.on_startup(command="build", dirty=False)
                try:
                    build(config)
                finally:
                    config.plugins.on_shutdown()
        except (MkDocsException, ContentErrors) as exc:
            shutil.rmtree(site, ignore_errors=True)
            self.state_ok = False
            self._show_errors(_messages(exc, warnings))
            return
        except Exception as exc:  # a bug: said on the page and in the terminal, no hang
            shutil.rmtree(site, ignore_errors=True)
            self.state_ok = False
            logging.getLogger("policemag.serve").exception("the preview build failed")
            self._show_errors([f"{type(exc).__name__}: {exc}"])
            return
        for warning in warnings:
            self._say(f"WARNING: {warning}")
        old = self.site
        self.config, self.plugin, self.site = config, plugin, site
        self.state_ok, self.broken = True, set()
        self.server.publish(site, None)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        self._say(f"preview built in {time.monotonic() - start:.1f} s: {self.url}")

    def _preview_fields(self) -> dict[str, Any]:
        return {"preview": True, "drafts": self.options.drafts}

    def _start_background(self) -> None:
        """A whole build in a second process (lower priority) into a new folder."""
        self._kill_background()
        folder = self.tmp / f"bg-{self.generation}"
        cmd = [sys.executable, "-m", "policemag.mkdocs_plugin.serve", "build", str(self.root), str(folder)]
        if self.options.drafts:
            cmd.append("--drafts")
        log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the thread that waits)
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=log, env=_child_env(), preexec_fn=_lower_priority
        )
        self.bg = proc
        generation = self.generation

        def wait() -> None:
            code = proc.wait()
            log.seek(0)
            text = log.read().decode("utf-8", "replace")
            log.close()
            with self.cond:
                self.pending.background.append((generation, folder, code, text))
                self.cond.notify_all()

        threading.Thread(target=wait, name="policemag-background", daemon=True).start()

    def _kill_background(self) -> None:
        proc, self.bg = self.bg, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)

    def _background_done(self, generation: int, folder: Path, code: int, log: str) -> None:
        try:
            if generation != self.generation or code in (-signal.SIGTERM, -signal.SIGKILL):
                return  # saved again since: a newer build is due
            if code != 0:
                self.state_ok = False
                self._show_errors(_child_messages(log))
                return
            assert self.site is not None
            changed = sync_tree(folder, self.site)
            self.server.publish(None, changed)
            self._say(f"whole preview up to date ({len(changed)} page(s) changed)")
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    # -- messages --------------------------------------------------------------------

    def _say(self, message: str) -> None:
        print(message, file=self.out, flush=True)

    def _show_errors(self, errors: list[str], warnings: list[str] | None = None) -> None:
        for line in errors:
            self._say(line)
        for line in warnings or []:
            self._say(f"{line} (warning)")
        self.server.show_status(self._status_page("error", errors))

    def _site_url(self) -> str:
        try:
            from policemag.config import read_site_config

            return read_site_config(self.root).site_url
        except ValueError:
            return "/"

    def _status_page(self, kind: str, lines: list[str] | None = None) -> StatusPage:
        try:
            from policemag.config import read_site_config

            lang = read_site_config(self.root).lang
        except ValueError:
            lang = "ar"
        direction = direction_of(lang)
        if kind == "building":
            title = text = t(lang, "preview_building")
            body = f"<p>{html.escape(text)}</p>"
            return StatusPage(503, _page(lang, direction, title, body))
        title = t(lang, "preview_error_title")
        items = "\n".join(f"<li>{html.escape(line)}</li>" for line in lines or [])
        body = (
            f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(t(lang, 'preview_error_hint'))}</p>\n"
            f'<ul dir="ltr" lang="en" style="font-family:monospace;white-space:pre-wrap;text-align:left">\n{items}\n</ul>'
        )
        return StatusPage(500, _page(lang, direction, title, body))


class _RenderFailed(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def _page(lang: str, direction: str, title: str, body: str) -> str:
    return (
        f'<!doctype html>\n<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title></head>\n"
        f'<body style="font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem">\n{body}\n</body></html>\n'
    )


def _page_html(page: Any, config: MkDocsConfig, doc_files: Any, nav: Any, env: Any) -> str:
    """What :func:`mkdocs.commands.build._build_page` writes for ``page`` (MkDocs 1.6)."""
    config._current_page = page
    try:
        page.active = True
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        return str(config.plugins.on_post_page(output, page=page, config=config))
    finally:
        page.active = False
        config._current_page = None


@contextlib.contextmanager
def _mkdocs_warnings() -> Iterator[list[str]]:
    """MkDocs' warnings and errors while the block runs (shown on the status page)."""
    found: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record.getMessage())

    handler = Keep(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


#: Lines of MkDocs' and the plugin's messages that say nothing an editor can act on.
_NOISE = re.compile(r"^(Aborted with a BuildError!|Nothing was written\.|\d+ content error\(s\):)$")


def _messages(exc: Exception, warnings: list[str]) -> list[str]:
    """The lines to show for a failed whole build: content errors one a line."""
    if isinstance(exc, ContentErrors):
        return [str(e) for e in exc.errors]
    texts = [*warnings, str(exc)] if isinstance(exc, Abort) else [str(exc)]
    lines: list[str] = []
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if line and not _NOISE.match(line) and line not in lines:
                lines.append(line)
    return lines or [type(exc).__name__]


def _child_messages(log: str) -> list[str]:
    lines = [line.removeprefix("ERROR: ").removeprefix("ERROR    -  ") for line in log.splitlines()]
    return [line for line in lines if line.strip()][-50:] or ["the whole build failed"]


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parents[2])  # tools/, when not installed
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [here, env.get("PYTHONPATH")]))
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


def _lower_priority() -> None:
    with contextlib.suppress(OSError):
        os.nice(10)
    from policemag.workers import die_with_parent

    die_with_parent()


def sync_tree(src: Path, dest: Path) -> list[str]:
    """Make ``dest`` hold exactly ``src``'s files, moving those that differ (``src`` is
    used up). Returns the HTML files (site paths) that changed, appeared or went."""
    changed: list[str] = []
    wanted: set[str] = set()
    for path in sorted(src.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(src).as_posix()
        wanted.add(rel)
        target = dest / rel
        if target.is_file() and (
            os.path.samefile(path, target)
            or (path.stat().st_size == target.stat().st_size and filecmp.cmp(path, target, shallow=False))
        ):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(path, target)
        if rel.endswith(".html"):
            changed.append(rel)
    for path in sorted(dest.rglob("*"), reverse=True):
        rel = path.relative_to(dest).as_posix()
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif rel not in wanted:
            path.unlink()
            if rel.endswith(".html"):
                changed.append(rel)
    return sorted(changed)


# -- the whole build of the background process ---------------------------------------


def build_preview(root: Path, site: Path, *, drafts: bool = False) -> None:
    """A whole preview build of ``root`` into ``site`` (what the background process and
    the tests run). Raises MkDocsException or ContentErrors."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    plugin = config.plugins["policemag"]
    assert isinstance(plugin, PoliceMagPlugin)
    plugin.preview = {"preview": True, "drafts": drafts}
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policemag.mkdocs_plugin.serve")
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("build", help="a whole preview build (the serve loop runs it)")
    one.add_argument("root", type=Path)
    one.add_argument("site", type=Path)
    one.add_argument("--drafts", action="store_true")
    args = parser.parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        build_preview(args.root, args.site, drafts=args.drafts)
    except (MkDocsException, ContentErrors) as exc:
        for line in _messages(exc, []):
            print(f"ERROR: {line}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
