"""A local static server that behaves like the production host (docs/web.md):
precompressed ``.br``/``.gz`` files served when the browser accepts them, the cache
policy of hashed and unhashed files, ``404.html`` for a missing page.

Not shipped: the gallery and the Lighthouse table (``python -m policemag_dev``) use it.
"""

from __future__ import annotations

import http.server
import mimetypes
import posixpath
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from policemag.site.compress import cache_control

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


def _handler(root: Path) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            self._serve(body=False)

        def do_GET(self) -> None:
            self._serve(body=True)

        def _serve(self, *, body: bool) -> None:
            path = posixpath.normpath(unquote(urlsplit(self.path).path)).lstrip("/")
            if path in (".", ""):
                path = ""
            target = root / path
            status = 200
            if target.is_dir():
                if not self.path.split("?")[0].endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", self.path.split("?")[0] + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
                path = (path + "/index.html").lstrip("/")
            if ".." in Path(path).parts or not target.is_file():
                target, path, status = root / "404.html", "404.html", 404
            suffix = target.suffix
            ctype = TYPES.get(suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            accepted = self.headers.get("Accept-Encoding", "")
            encoding = None
            for enc, ext in (("br", ".br"), ("gzip", ".gz")):
                candidate = target.with_name(target.name + ext)
                if enc in accepted and candidate.is_file():
                    target, encoding = candidate, enc
                    break
            data = target.read_bytes()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", cache_control(path))
            self.send_header("Vary", "Accept-Encoding")
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
