"""The output store of incremental builds (policemag.incremental): keys, reuse, pruning.
What a warm or one-edit build rebuilds is tests/build/test_incremental.py."""

from __future__ import annotations

from pathlib import Path

from policemag.incremental import OutputStore, digest, link_or_copy


def test_digest_separates_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")


def test_store_reuses_and_prunes(tmp_path: Path) -> None:
    store = OutputStore(tmp_path / "cache", "thing")
    assert store.get("k1") is None
    first = store.put_bytes("k1", b"one")
    second = store.put_bytes("k2", b"two")
    assert store.get("k1") == first
    link_or_copy(first, tmp_path / "site" / "a.bin")
    store.prune([second])
    assert not first.exists() and second.exists()
    assert (tmp_path / "site" / "a.bin").read_bytes() == b"one"  # the site keeps its link
