"""policemag.site.compress: the precompressed copies' store (one sealed manifest, blobs
verified against it), the pool and the early pass. The copies themselves and the cache
policy are in tests/unit/test_web_pages.py."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

import brotli
import pytest

from policemag.cache import REBUILT, REUSED
from policemag.site import compress
from policemag.site.compress import NAMESPACE, Precompressor, compressed, precompress


def a_site(root: Path, pages: int = 6) -> Path:
    """A site/ with pages of different bytes, a theme asset (brotli 11) and a small file."""
    site = root / "site"
    for n in range(pages):
        (site / f"p{n}").mkdir(parents=True)
        page = f"<h1>{n}</h1>" + "<p>" + f"مجلة الشرطة {n} " * (100 + 40 * n) + "</p>"
        (site / f"p{n}" / "index.html").write_text(page, encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "main.css").write_text("body{color:#123}\n" * 200, encoding="utf-8")
    (site / "tiny.json").write_text("{}", encoding="utf-8")
    return site


def copies(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.suffix in (".gz", ".br")}


def expected(site: Path) -> dict[str, bytes]:
    out = {}
    for path in compress.text_files(site):
        rel = path.relative_to(site).as_posix()
        for suffix, blob in compressed(path.read_bytes(), rel).items():
            out[rel + suffix] = blob
    return out


def test_copies_are_the_same_bytes_whatever_the_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = a_site(tmp_path / "serial")
    precompress(site, tmp_path / "serial" / "cache")
    pooled = a_site(tmp_path / "pooled")
    monkeypatch.setattr(compress, "POOL_MIN_WORK", 0)  # every miss to a pool of workers
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    precompress(pooled, tmp_path / "pooled" / "cache")
    assert copies(site) == copies(pooled) == expected(site)
    assert "tiny.json.gz" not in copies(site) and "assets/main.css.br" in copies(site)
    assert brotli.decompress(copies(site)["p1/index.html.br"]) == (site / "p1" / "index.html").read_bytes()


def test_what_only_the_app_reads_gets_gzip_and_no_brotli(tmp_path: Path) -> None:
    # Android's HTTP stacks ask for gzip only: a .br of a feed, a manifest or a book file
    # would never be sent; browsers' pages and the search shards keep theirs.
    site = a_site(tmp_path, pages=1)
    body = ("<p>" + "مجلة الشرطة " * 200 + "</p>").encode()
    app_files = ["feed.json", "feed-2.json", "opds.json", "2026-11-n112/manifest.json", "books/2026-11-n112/text/a-x.xhtml"]
    for rel in [*app_files, "search-index/0123456789abcdef/ar-0.json"]:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(body)
    precompress(site, tmp_path / "cache")
    made = copies(site)
    for rel in app_files:
        assert gzip.decompress(made[rel + ".gz"]) == body and rel + ".br" not in made
    assert brotli.decompress(made["search-index/0123456789abcdef/ar-0.json.br"]) == body
    assert "p0/index.html.br" in made


def test_a_warm_run_compresses_nothing_and_writes_no_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, cache = a_site(tmp_path), tmp_path / "cache"
    precompress(site, cache)
    first = copies(site)
    manifest = next(cache.rglob("*.json"))
    stamp = manifest.stat().st_mtime_ns

    def never(*args: object) -> None:
        raise AssertionError("compressed again")

    monkeypatch.setattr(compress, "compressed", never)
    before, reused = REBUILT[NAMESPACE], REUSED[NAMESPACE]
    for path in site.rglob("*"):
        if path.suffix in (".gz", ".br"):
            path.unlink()
    assert precompress(site, cache) == len(first)
    assert copies(site) == first
    assert REBUILT[NAMESPACE] == before and REUSED[NAMESPACE] == reused + 7
    assert manifest.stat().st_mtime_ns == stamp
    # the copies in site/ are the stored blobs (hard links), not copies of them
    assert (site / "p0" / "index.html.gz").stat().st_nlink == 2


def test_a_copy_edited_through_its_link_is_made_again(tmp_path: Path) -> None:
    site, cache = a_site(tmp_path), tmp_path / "cache"
    precompress(site, cache)
    good = (site / "p2" / "index.html.gz").read_bytes()
    # site/'s copy is the stored blob: writing to it in place changes the cache
    with (site / "p2" / "index.html.gz").open("r+b") as fh:
        fh.write(gzip.compress(b"<script>leak()</script>", mtime=0))
    before = REBUILT[NAMESPACE]
    precompress(site, cache)
    assert (site / "p2" / "index.html.gz").read_bytes() == good
    assert REBUILT[NAMESPACE] == before + 1
    assert copies(site) == expected(site)


def test_a_manifest_this_machine_did_not_seal_is_not_trusted(tmp_path: Path) -> None:
    """Someone who can commit a .cache/ can write blobs and a manifest naming their
    digests, with a plain sha256 beside it: without the cache secret every entry is a
    miss and is compressed again."""
    site, cache = a_site(tmp_path), tmp_path / "cache"
    precompress(site, cache)
    manifest = next(cache.rglob("*.json"))
    entries = json.loads(manifest.read_bytes())
    forged = gzip.compress(b"<script>leak()</script>", mtime=0)
    for key, found in entries.items():
        if ".gz" in found:
            blob = manifest.parent.parent / key[:2] / f"{key}.gz"
            blob.unlink()
            blob.write_bytes(forged)
            found[".gz"] = hashlib.sha256(forged).hexdigest()
    data = json.dumps(entries, sort_keys=True).encode()
    manifest.write_bytes(data)
    manifest.with_name(manifest.name + ".sha256").write_text(hashlib.sha256(data).hexdigest() + "\n")
    before = REBUILT[NAMESPACE]
    precompress(site, cache)
    assert REBUILT[NAMESPACE] == before + 7
    assert copies(site) == expected(site)
    assert not any(blob.read_bytes() == forged for blob in cache.rglob("*.gz"))


def test_the_early_pass_is_kept_and_a_changed_file_is_made_again(tmp_path: Path) -> None:
    site, cache = a_site(tmp_path), tmp_path / "cache"
    early = Precompressor(site, cache)
    calls = []

    def busy() -> bool:
        calls.append(1)
        return len(calls) < 3  # two misses here, then the worker is done

    before = REBUILT[NAMESPACE]
    early.update(busy=busy)
    assert REBUILT[NAMESPACE] == before + 2  # the rest is left for the last pass
    (site / "p3" / "index.html").write_text("<p>" + "تصحيح " * 300 + "</p>", encoding="utf-8")
    (site / "feed.json").write_text(json.dumps({"items": ["x" * 40] * 40}), encoding="utf-8")
    assert precompress(site, cache, early) == len(expected(site))
    assert REBUILT[NAMESPACE] == before + 8  # five left to the last pass (one edited meanwhile) and the new file: the two made early are kept
    assert copies(site) == expected(site)
    # the store keeps what this site uses: the edited page's old copies are pruned
    blobs = {p.name for p in cache.rglob("*") if p.suffix in (".gz", ".br")}
    assert len(blobs) == len(expected(site))


def test_a_copy_that_no_longer_gains_is_removed(tmp_path: Path) -> None:
    site, cache = a_site(tmp_path), tmp_path / "cache"
    precompress(site, cache)
    (site / "p0" / "index.html").write_text("<p>short</p>", encoding="utf-8")
    precompress(site, cache)
    assert not (site / "p0" / "index.html.gz").exists() and not (site / "p0" / "index.html.br").exists()


def test_files_hashed_early_go_to_the_pool_later(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 200-issue build's worker is done before the pages: the early pass hashes and
    leaves every miss to the last pass, which shares them between this process and a
    pool; the pool's share must not come back to this process (a worker checks the
    bytes against the digest it is given)."""
    site, cache = a_site(tmp_path), tmp_path / "cache"
    monkeypatch.setattr(compress, "POOL_MIN_WORK", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    here = []
    made_here = Precompressor._make_here

    def counted(self: Precompressor, *args: object) -> None:
        here.append(args[0])
        made_here(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Precompressor, "_make_here", counted)
    early = Precompressor(site, cache)
    early.update(busy=lambda: False)
    before = REBUILT[compress.NAMESPACE]
    assert precompress(site, cache, early) == len(expected(site))
    made = REBUILT[compress.NAMESPACE] - before
    # this process compresses its own share (one worker fewer), each file once; the
    # worker's share is not handed back to it
    assert len(set(here)) == len(here) and 0 < len(here) < made
    assert copies(site) == expected(site)


def test_pages_submitted_as_written_are_compressed_in_the_background(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The MkDocs adapter hands each page's bytes over as MkDocs writes it: a background
    worker compresses them while the build goes on, and the last pass only links. A page
    written with other bytes than submitted is compressed again from the file."""
    site, cache = a_site(tmp_path), tmp_path / "cache"
    monkeypatch.setattr(compress, "POOL_MIN_WORK", 0)  # the pool starts at the first miss
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    here: list[str] = []
    made_here = Precompressor._make_here

    def counted(self: Precompressor, *args: object) -> None:
        here.append(str(args[0]))
        made_here(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Precompressor, "_make_here", counted)
    streamed = Precompressor(site, cache)
    streamed.submit("p0/index.html", b"<p>" + b"x" * 2000 + b"</p>")  # then written otherwise
    streamed.submit_new()  # the theme's assets and every page so far (not p0 again)
    (site / "p9").mkdir()
    late = "<p>" + "عدد جديد " * 300 + "</p>"
    streamed.submit("p9/index.html", late.encode())
    (site / "p9" / "index.html").write_text(late, encoding="utf-8")
    before = REBUILT[NAMESPACE]
    assert precompress(site, cache, streamed) == len(expected(site))
    assert copies(site) == expected(site)
    assert REBUILT[NAMESPACE] - before == 8  # 7 pages and the asset, each once
    assert len(here) == 1  # only p0, whose file is not what was submitted
    assert streamed._pool is None  # closed by finish
    # a warm run submits the same bytes: verified copies, nothing compressed
    again = Precompressor(site, cache)
    again.submit_new()
    before = REBUILT[NAMESPACE]
    assert precompress(site, cache, again) == len(expected(site))
    assert REBUILT[NAMESPACE] == before and again._pool is None


def test_a_few_submitted_misses_start_no_pool(tmp_path: Path) -> None:
    """A build after an edit has a few pages to compress: no pool is started for them
    (it costs more than they take); the last pass compresses them here."""
    site, cache = a_site(tmp_path), tmp_path / "cache"
    few = Precompressor(site, cache)
    few.submit_new()
    assert few._pool is None
    assert precompress(site, cache, few) == len(expected(site))
    assert copies(site) == expected(site)
