"""The preview's web server: files of the current build, a reload signal per page, and
a status page (building, content errors) in place of every page until the build works.

It does not import MkDocs (only the session in :mod:`policemag.mkdocs_plugin.serve`
does). Each HTML response gets a small script that asks ``/__policemag/reload`` whether
*its* page changed since it was served (long polling): a save that re-renders one
article reloads the tabs showing that article, not every tab. When the build fails,
every page is the status page listing ``path:line: CODE message``; it reloads when the
next build works. Nothing here can hang a request: the status page answers at once and
a reload poll answers within :data:`POLL_SECONDS`.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import posixpath
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

#: A reload poll is answered after this long at most (the script asks again).
POLL_SECONDS = 25.0
RELOAD = "/__policemag/reload"

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".woff2": "font/woff2",
    ".epub": "application/epub+zip",
    ".webmanifest": "application/manifest+json",
}

_SCRIPT = (
    "<script>(function(){var e=%d,p=%s;function poll(){var x=new XMLHttpRequest();"
    "x.onload=function(){var d;try{d=JSON.parse(x.responseText)}catch(_){return setTimeout(poll,1000)}"
    "if(d.reload){location.reload()}else{e=d.epoch;poll()}};"
    "x.onerror=function(){setTimeout(poll,1000)};"
    'x.open("GET","%s?epoch="+e+"&path="+encodeURIComponent(p));x.send()}poll()})();</script>'
)


@dataclass(frozen=True)
class StatusPage:
    """What every page shows while there is no working build: ``status`` 503 while the
    first build runs, 500 when the build failed; ``html`` is a whole page."""

    status: int
    html: str


def page_key(url_path: str, mount: str = "/") -> str:
    """The site file a URL path shows: ``/a/b/`` -> ``a/b/index.html``.

    >>> page_key("/2026-11-n112/x/")
    '2026-11-n112/x/index.html'
    >>> page_key("/m/a.html", "/m/")
    'a.html'
    """
    path = unquote(url_path)
    if path.startswith(mount):
        path = path[len(mount):]
    path = path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return posixpath.normpath(path)


class PreviewServer(http.server.ThreadingHTTPServer):
    """Serves ``root`` (swapped by :meth:`publish`) under ``mount``."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, port: int, mount: str = "/") -> None:
        super().__init__((host, port), _Handler)
        self.mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"
        self.root: Path | None = None
        self.status: StatusPage | None = None
        self.epoch = 0
        #: (epoch, site files changed, or None for every page), newest last
        self.events: deque[tuple[int, frozenset[str] | None]] = deque(maxlen=256)
        self.cond = threading.Condition()
        self.closing = False
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        return f"http://{name}:{port}{self.mount}"

    def start(self) -> None:
        self.thread = threading.Thread(target=self.serve_forever, name="policemag-serve", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        with self.cond:
            self.closing = True
            self.cond.notify_all()
        self.shutdown()
        self.server_close()

    # -- what the session calls -------------------------------------------------------

    def publish(self, root: Path | None = None, changed: Iterable[str] | None = None) -> int:
        """Serve ``root`` (or keep the current one) with no status page, and tell the
        pages in ``changed`` (site files; None: every page) to reload. Returns the
        epoch of that reload event."""
        with self.cond:
            if root is not None:
                self.root = root
            was_status = self.status is not None
            self.status = None
            return self._event(None if was_status or changed is None else frozenset(changed))

    def show_status(self, page: StatusPage) -> int:
        """Show ``page`` instead of every page (every open tab reloads to it)."""
        with self.cond:
            self.status = page
            return self._event(None)

    def _event(self, paths: frozenset[str] | None) -> int:
        if paths is not None and not paths:
            return self.epoch
        self.epoch += 1
        self.events.append((self.epoch, paths))
        self.cond.notify_all()
        return self.epoch

    def wait_reload(self, epoch: int, page: str, timeout: float = POLL_SECONDS) -> tuple[bool, int]:
        """Block until an event after ``epoch`` concerns ``page`` ("" : any page), or
        until ``timeout``; returns (reload, the latest epoch)."""

        def concerned() -> bool:
            return any(
                e > epoch and (paths is None or not page or page in paths) for e, paths in self.events
            ) or (bool(self.events) and self.events[0][0] > epoch + 1)  # history lost: reload

        with self.cond:
            self.cond.wait_for(lambda: self.closing or concerned(), timeout=timeout)
            return concerned(), self.epoch

    def script(self, page: str) -> bytes:
        """The reload script for a response served at the current epoch."""
        return (_SCRIPT % (self.epoch, json.dumps(page), RELOAD)).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_GET(self) -> None:
        self._serve(body=True)

    def _send(self, status: int, ctype: str, data: bytes, *, body: bool, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _serve(self, *, body: bool) -> None:
        server = self.server
        split = urlsplit(self.path)
        if split.path == RELOAD:
            query = parse_qs(split.query)
            try:
                epoch = int(query.get("epoch", ["0"])[0])
            except ValueError:
                epoch = 0
            page = query.get("path", [""])[0]
            key = page_key(page, server.mount) if page else ""
            reload, latest = server.wait_reload(epoch, key)
            data = json.dumps({"reload": reload, "epoch": latest}).encode()
            self._send(200, "application/json", data, body=body)
            return
        if not split.path.startswith(server.mount):
            self._send(302, "text/plain", b"", body=body, extra={"Location": server.mount})
            return
        key = page_key(split.path, server.mount)
        with server.cond:
            root, status = server.root, server.status
        if root is None or (status is not None and key.endswith(".html")):
            shown = status or StatusPage(503, "<!doctype html><title>…</title><body></body>")
            self._html(shown.status, shown.html.encode(), "", body=body)
            return
        assert root is not None
        if key.startswith("..") or key.startswith("/"):
            self._not_found(root, body=body)
            return
        target = root / key
        if not target.is_file():
            folder = root / split.path[len(server.mount):].lstrip("/")
            if not split.path.endswith("/") and folder.is_dir() and (folder / "index.html").is_file():
                self._send(301, "text/plain", b"", body=body, extra={"Location": split.path + "/"})
                return
            self._not_found(root, body=body)
            return
        data = target.read_bytes()
        ctype = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".html":
            self._html(200, data, key, body=body)
        else:
            self._send(200, ctype, data, body=body)

    def _html(self, status: int, data: bytes, page: str, *, body: bool) -> None:
        script = self.server.script(page)
        end = data.rfind(b"</body>")
        data = data[:end] + script + data[end:] if end >= 0 else data + script
        self._send(status, TYPES[".html"], data, body=body)

    def _not_found(self, root: Path, *, body: bool) -> None:
        page = root / "404.html"
        data = page.read_bytes() if page.is_file() else b"<!doctype html><title>404</title><body></body>"
        self._html(404, data, "404.html", body=body)
