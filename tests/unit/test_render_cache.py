"""Finished and audited pages kept by digest (mkdocs_plugin/render_cache.py): the same
result as without the store, nothing done again for the same input and code, and an
audit that changed a page is never skipped."""

from __future__ import annotations

from pathlib import Path

from policemag.content.sanitize import audit_page
from policemag.mkdocs_plugin.render_cache import audited_cached, finished_cached, html_store


def test_a_finished_page_is_made_once(tmp_path: Path) -> None:
    store = html_store(tmp_path)
    calls: list[str] = []

    def finish(text: str, lang: str) -> str:
        calls.append(lang)
        return f"<div lang={lang}>{text}</div>"

    first = finished_cached(store, "<p>x</p>", "ar", finish)
    assert finished_cached(store, "<p>x</p>", "ar", finish) == first
    assert finished_cached(store, "<p>x</p>", "fr", finish) != first  # the language is part of it
    assert calls == ["ar", "fr"]


def test_a_clean_page_is_audited_once_and_a_changed_one_every_time(tmp_path: Path) -> None:
    store = html_store(tmp_path)
    audits: list[str] = []

    def audit(page: str) -> tuple[str, list[str]]:
        audits.append(page)
        return audit_page(page)

    clean = "<html><body><p>ok</p></body></html>"
    assert audited_cached(store, clean, audit) == audit_page(clean)
    assert audited_cached(store, clean, audit) == (clean, [])
    assert audits == [clean]
    bad = '<html><body><p onclick="x()">no</p></body></html>'
    once = audited_cached(store, bad, audit)
    assert once[1] and audited_cached(store, bad, audit) == once
    assert audits == [clean, bad, bad]
