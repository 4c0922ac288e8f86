"""Finished and audited pages kept by digest (mkdocs_plugin/render_cache.py): the same
result as without the store, nothing done again for the same input and code, and an
audit that changed a page is never skipped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from policemag.content.sanitize import audit_page
from policemag.mkdocs_plugin.render_cache import AuditLedger, finished_cached, html_store


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


def counted_audit() -> tuple[list[str], Callable[[str], tuple[str, list[str]]]]:
    """:func:`audit_page`, and the list of the pages it was called on."""
    audits: list[str] = []

    def audit(page: str) -> tuple[str, list[str]]:
        audits.append(page)
        return audit_page(page)

    return audits, audit


def test_a_clean_page_is_audited_once_and_a_changed_one_every_time(tmp_path: Path) -> None:
    store = html_store(tmp_path)
    audits, audit = counted_audit()

    clean = "<html><body><p>ok</p></body></html>"
    bad = '<html><body><p onclick="x()">no</p></body></html>'
    ledger = AuditLedger(store)
    assert ledger.audited(clean, audit) == audit_page(clean)
    assert ledger.audited(clean, audit) == (clean, [])
    assert audits == [clean]
    once = ledger.audited(bad, audit)
    assert once[1] and ledger.audited(bad, audit) == once
    assert audits == [clean, bad, bad]
    ledger.save()
    # the next build reads what passed: the clean page is not audited again, the bad one is
    later = AuditLedger(store)
    assert later.audited(clean, audit) == (clean, []) and later.audited(bad, audit) == once
    assert audits == [clean, bad, bad, bad]


def test_the_ledger_keeps_only_the_last_builds_pages_and_is_verified(tmp_path: Path) -> None:
    store = html_store(tmp_path)
    audits, audit = counted_audit()

    first, second = "<html><body><p>1</p></body></html>", "<html><body><p>2</p></body></html>"
    ledger = AuditLedger(store)
    ledger.audited(first, audit)
    ledger.save()
    ledger = AuditLedger(store)
    ledger.audited(second, audit)
    ledger.save()
    ledger = AuditLedger(store)
    ledger.audited(first, audit)  # dropped by the build that did not have it
    assert audits == [first, second, first]
    # a ledger edited on disk is not trusted: every page is audited again
    path = store.path(ledger.key, ".txt")
    path.write_text(path.read_text() + "0" * 64 + "\n")
    AuditLedger(store).audited(second, audit)
    assert audits == [first, second, first, second]
