"""What a phone downloads for a first search: the search script and index files, gzipped.

The built site is served on 127.0.0.1 by a throw-away HTTP server; headless Chromium
(Debian's /usr/bin/chromium through Playwright, phone viewport) opens the search page,
types a query and waits for the results. ``search.js`` and every response under
``/search-index/`` count, at the size a server would send them: gzip level 6 of the
file, or the file itself when gzip does not make it smaller.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERY = "الشرطة"


def sent_size(path: Path) -> int:
    """Bytes on the wire for ``path`` from a server that gzips when it helps."""
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, 6, mtime=0)))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def search_bytes(site: Path, query: str = QUERY) -> float:
    """KB transferred by the first search for ``query``; -1 when Playwright or
    Chromium is missing (the bench then prints no verdict)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return -1
    if not Path(CHROMIUM).exists():
        return -1
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    seen: set[str] = set()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
            page.on("response", lambda r: seen.add(urlsplit(r.url).path))
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            page.goto(base + "search/", wait_until="networkidle")
            page.fill("#pm-search-q", query)
            # the count is announced once the results are on the page
            page.wait_for_function(
                "document.getElementById('pm-search-status').textContent !== ''", timeout=30_000
            )
            browser.close()
    finally:
        server.shutdown()
    total = sum(
        sent_size(site / unquote(p).lstrip("/"))
        for p in seen
        if p.startswith("/search-index/") or p.endswith("/search.js")
    )
    return total / 1024
