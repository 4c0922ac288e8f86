"""The preview's server (policemag.mkdocs_plugin.server): files, the reload signal per
page, the status page in place of every page; nothing hangs."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from policemag.mkdocs_plugin.server import PreviewServer, StatusPage


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PreviewServer]:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "b").mkdir()
    (site / "a" / "index.html").write_text("<html><body>A</body></html>", encoding="utf-8")
    (site / "b" / "index.html").write_text("<html><body>B</body></html>", encoding="utf-8")
    (site / "style.css").write_text("body{}", encoding="utf-8")
    (site / "404.html").write_text("<html><body>missing</body></html>", encoding="utf-8")
    srv = PreviewServer("127.0.0.1", 0)
    srv.start()
    srv.publish(site)
    yield srv
    srv.stop()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_pages_assets_and_missing_pages(server: PreviewServer) -> None:
    status, body = get(server.url + "a/")
    assert status == 200 and "A" in body and "/__policemag/reload" in body
    assert get(server.url + "style.css") == (200, "body{}")
    status, body = get(server.url + "nothing/")
    assert status == 404 and "missing" in body


def poll(server: PreviewServer, epoch: int, path: str, out: list[dict[str, object]]) -> threading.Thread:
    def run() -> None:
        _, body = get(f"{server.url}__policemag/reload?epoch={epoch}&path={path}")
        out.append(json.loads(body))

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_tab_reloads_when_its_own_page_changed_and_not_for_another(server: PreviewServer) -> None:
    epoch = server.epoch
    seen_a: list[dict[str, object]] = []
    waiting = poll(server, epoch, "/a/", seen_a)
    time.sleep(0.2)
    server.publish(None, ["b/index.html"])  # another page: the tab showing a/ stays
    time.sleep(0.3)
    assert seen_a == [] and waiting.is_alive()
    server.publish(None, ["a/index.html"])
    waiting.join(10)
    assert seen_a == [{"reload": True, "epoch": epoch + 2}]


def test_a_poll_is_answered_within_its_time_even_with_nothing_new(server: PreviewServer) -> None:
    start = time.monotonic()
    assert server.wait_reload(server.epoch, "a/index.html", timeout=0.3) == (False, server.epoch)
    assert time.monotonic() - start < 2


def test_the_status_page_answers_every_page_at_once_and_assets_still_load(server: PreviewServer) -> None:
    server.show_status(StatusPage(500, "<html><body>issues/x.md:3: E001 boom</body></html>"))
    start = time.monotonic()
    status, body = get(server.url + "a/")
    assert status == 500 and "issues/x.md:3: E001 boom" in body
    assert time.monotonic() - start < 5
    assert get(server.url + "style.css") == (200, "body{}")
    # a fix: every tab reloads, whatever page it shows
    seen: list[dict[str, object]] = []
    waiting = poll(server, server.epoch, "/b/", seen)
    time.sleep(0.2)
    server.publish(None, ["a/index.html"])
    waiting.join(10)
    assert seen and seen[0]["reload"] is True
    assert get(server.url + "a/")[0] == 200
