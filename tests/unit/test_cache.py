"""policemag.cache: the one atomic write and the one cache store (keys, verified reads,
pruning, the code version), and a damaged entry of real caches being rebuilt.
What a warm or one-edit build rebuilds is tests/build/test_incremental.py."""

from __future__ import annotations

import ast
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from policemag import cache
from policemag.cache import (
    REBUILT,
    CacheStore,
    atomic_link,
    atomic_write_bytes,
    atomic_write_text,
    code_version,
    digest,
    temp_path,
)

TOOLS = Path(cache.__file__).resolve().parents[1]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- atomic writes -------------------------------------------------------------------


def test_atomic_write_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "feed.json"
    atomic_write_text(target, "{}\n")
    assert target.read_text(encoding="utf-8") == "{}\n"
    atomic_write_bytes(target, b"[1]\n", fsync=True)
    assert target.read_bytes() == b"[1]\n"
    assert target.stat().st_mode & 0o777 == 0o644  # served to everyone, whatever the umask
    assert leftovers(target.parent) == []


def test_temporary_names_carry_the_process_and_never_repeat(tmp_path: Path) -> None:
    target = tmp_path / "a.epub"
    names = {temp_path(target) for _ in range(50)}
    assert len(names) == 50
    assert all(n.parent == tmp_path and f".{os.getpid()}." in n.name for n in names)
    assert all(n.name.startswith(".a.epub.") and n.name.endswith(".tmp") for n in names)


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    target = tmp_path / "feed.json"
    target.write_bytes(b"old")
    half: list[bytes] = []

    def dies_after_writing(fd: int) -> None:  # the bytes are in the temporary file
        (tmp,) = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        half.append(tmp.read_bytes())
        raise failure

    monkeypatch.setattr(cache.os, "fsync", dies_after_writing)
    with pytest.raises(type(failure)):
        atomic_write_bytes(target, b"new and much longer", fsync=True)
    assert half == [b"new and much longer"]  # it was written, then the write failed
    assert target.read_bytes() == b"old"  # never a half file under the real name
    assert leftovers(tmp_path) == []


def test_a_failed_rename_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuses(src: object, dst: object) -> None:
        raise PermissionError("read-only")

    src = tmp_path / "stored"
    src.write_bytes(b"x")
    monkeypatch.setattr(cache.os, "replace", refuses)
    with pytest.raises(PermissionError):
        atomic_write_text(tmp_path / "x.txt", "x")
    old = tmp_path / "y"
    old.write_bytes(b"old")  # a new name is linked at once; an old one goes by a rename
    with pytest.raises(PermissionError):
        atomic_link(src, old)
    assert sorted(tmp_path.iterdir()) == [src, old] and old.read_bytes() == b"old"


def test_atomic_link_is_the_same_file(tmp_path: Path) -> None:
    src = atomic_write_bytes(tmp_path / "store" / "a", b"one")
    dest = atomic_link(src, tmp_path / "site" / "a.epub")
    assert dest.read_bytes() == b"one" and os.path.samefile(src, dest)
    atomic_write_bytes(src, b"two")  # the store replaces its file: the site keeps the old
    assert dest.read_bytes() == b"one"
    assert leftovers(dest.parent) == []


# -- the store -----------------------------------------------------------------------


def test_digest_separates_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")


def test_keys_hash_the_code_version_the_namespace_and_the_parts(tmp_path: Path) -> None:
    a, b = CacheStore(tmp_path, "a"), CacheStore(tmp_path, "b")
    assert a.key("x") == a.key("x") and len(a.key("x")) == 64
    assert a.key("x") != b.key("x") and a.key("x") != a.key("y")
    assert a.key("x") == digest(code_version(), "a", "x")


def test_store_reuses_and_prunes(tmp_path: Path) -> None:
    store = CacheStore(tmp_path / "cache", "thing")
    k1, k2 = store.key("1"), store.key("2")
    assert store.get_file(k1) is None and store.get_bytes(k1) is None
    first = store.put_bytes(k1, b"one", ".bin")
    second = store.put_text(k2, "two", ".txt")
    assert first == store.path(k1, ".bin") and first.parent.name == k1[:2]
    assert store.get_file(k1, ".bin") == first
    assert store.get_bytes(k1, ".bin") == b"one" and store.get_text(k2, ".txt") == "two"
    atomic_link(first, tmp_path / "site" / "a.bin")
    store.prune([second])
    assert not first.exists() and store.get_bytes(k1, ".bin") is None
    assert store.get_text(k2, ".txt") == "two"  # kept, with its digest
    assert (tmp_path / "site" / "a.bin").read_bytes() == b"one"  # the site keeps its link


def test_an_entry_whose_bytes_changed_is_a_miss(tmp_path: Path) -> None:
    store = CacheStore(tmp_path, "thing")
    key = store.key("x")
    path = store.put_bytes(key, b"stored bytes")
    path.write_bytes(b"stored bytez")  # same size, other bytes (a disk, an editor)
    assert store.get_bytes(key) is None and store.get_file(key) is None
    store.put_bytes(key, b"stored bytes")  # the caller rebuilds it
    assert store.get_bytes(key) == b"stored bytes"
    path.with_name(path.name + ".sha256").unlink()  # a write that died before its digest
    assert store.get_file(key) is None


def test_a_text_entry_is_one_file_sealed_by_its_first_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text entries (a page's render, its Markdown) carry their seal as the first line:
    one file, no digest beside it. Changed text, a forged or missing seal, another
    machine's secret: each is a miss."""
    store = CacheStore(tmp_path, "markdown")
    key = store.key("body")
    path = store.put_text(key, "<p>مجلة\nالشرطة</p>", ".html")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert store.get_text(key, ".html") == "<p>مجلة\nالشرطة</p>"
    seal_line, _, body = path.read_bytes().partition(b"\n")
    path.write_bytes(seal_line + b"\n" + body.replace("الشرطة".encode(), "الشرطه".encode()))
    assert store.get_text(key, ".html") is None
    import hashlib

    forged = hashlib.sha256(body).hexdigest().encode()  # a plain digest anyone can compute
    path.write_bytes(forged + b"\n" + body)
    assert store.get_text(key, ".html") is None
    path.write_bytes(body)  # no seal at all
    assert store.get_text(key, ".html") is None
    store.put_text(key, "<p>x</p>", ".html")
    monkeypatch.setattr(cache, "cache_secret", lambda: b"another machine")
    assert store.get_text(key, ".html") is None


def test_a_folder_entry_is_sealed_from_its_bytes_as_it_is_read_back(tmp_path: Path) -> None:
    """put_dir seals the folder from the bytes it writes (not reading them back): the
    same digest get_dir computes from the files, whatever the names' order."""
    files = {"a-c": b"1", "a/b": b"2", "a/b-c/d": b"3", "A": b"4", "é.xhtml": "ع".encode(), "z": b""}
    store = CacheStore(tmp_path, "books")
    key = store.key("book")
    path = store.put_dir(key, files)
    assert cache._files_sha(files) == cache._tree_sha(path)
    assert store.get_dir(key) == path


def test_folder_entries_are_verified_file_by_file(tmp_path: Path) -> None:
    store = CacheStore(tmp_path, "search")
    key = store.key("index")
    folder = store.put_dir(key, {"meta.json": b"{}", "t/ab.json": b"[]"})
    assert store.get_dir(key) == folder and (folder / "t" / "ab.json").read_bytes() == b"[]"
    (folder / "t" / "ab.json").write_bytes(b"[1]")
    assert store.get_dir(key) is None
    again = store.put_dir(key, {"meta.json": b"{}", "t/ab.json": b"[]"})
    assert store.get_dir(key) == again and (again / "t" / "ab.json").read_bytes() == b"[]"
    assert leftovers(again.parent) == []


def test_puts_and_hits_are_counted_by_kind(tmp_path: Path) -> None:
    store = CacheStore(tmp_path, "comics/tiny")
    silent = CacheStore(tmp_path, "images", count=False)
    before, reused, images = REBUILT["comics"], cache.REUSED["comics"], REBUILT["images"]
    store.put_bytes("k", b"x")
    store.get_bytes("k")
    silent.put_bytes("k", b"x")
    silent.get_bytes("k")
    assert REBUILT["comics"] == before + 1 and cache.REUSED["comics"] == reused + 1
    assert REBUILT["images"] == images  # counted by its caller, per image set


# -- a damaged entry of a real cache is rebuilt, never used -----------------------------


def test_a_damaged_image_rendition_is_derived_again(tmp_path: Path) -> None:
    from policemag.images.derivatives import build_image_sets

    src = tmp_path / "cover.png"
    Image.new("RGB", (700, 500), (30, 120, 200)).save(src)
    first = build_image_sets([src], tmp_path / "cache", workers=1)[src]
    good = {r.cached: r.cached.read_bytes() for r in first.renditions}
    damaged = first.best("image/webp", 480).cached
    damaged.write_bytes(b"\0" * len(good[damaged]))  # same size: only the digest tells
    before = REBUILT["image-sets"]
    second = build_image_sets([src], tmp_path / "cache", workers=1)[src]
    assert REBUILT["image-sets"] == before + 1  # the set was a miss and was derived again
    assert second == first  # same names and places
    assert {r.cached: r.cached.read_bytes() for r in second.renditions} == good


TINY = """\
title: {ar: "اختبار", fr: "Essai"}
summary: {ar: "قصة", fr: "Histoire"}
lang: ar
languages: [ar, fr]
pages:
  - panels:
      - art: art/a.png
        alt: {ar: "غرفة", fr: "Une pièce"}
        balloons:
          - kind: speech
            at: [0.5, 0.4]
            text: {ar: "مرحبا", fr: "Bonjour"}
"""


def test_a_damaged_lettered_page_is_rendered_again(tmp_path: Path) -> None:
    from policemag.comics import letter_comic, pages
    from policemag.config import MagazineConfig
    from policemag.content.comics import read_comic
    from policemag.errors import ErrorLog

    folder = tmp_path / "comics" / "tiny"
    (folder / "art").mkdir(parents=True)
    Image.new("RGB", (400, 300), (60, 90, 200)).save(folder / "art" / "a.png")
    (folder / "comic.yml").write_text(TINY, encoding="utf-8")
    log = ErrorLog(tmp_path)
    comic = read_comic(folder / "comic.yml", tmp_path, log)
    assert comic is not None, list(log)
    config = MagazineConfig(root=tmp_path, cache_dir=tmp_path / ".cache", comic_page_size=(400, 600))
    first = letter_comic(comic, config, ErrorLog(tmp_path))
    assert first is not None
    page = first.pages["fr"][0]
    good = page.webp.read_bytes()
    page.webp.write_bytes(good[:-10] + b"0123456789")
    renders = pages.RENDERS
    second = letter_comic(comic, config, ErrorLog(tmp_path))
    assert second is not None and pages.RENDERS - renders == 1  # that page, that language
    assert second.pages["fr"][0].webp == page.webp and page.webp.read_bytes() == good


# -- one code version, of the shipped package only -----------------------------------


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of tools/ (policemag and policemag_dev); code_version reads the copy."""
    tools = tmp_path / "tools"
    for name in ("policemag", "policemag_dev"):
        shutil.copytree(TOOLS / name, tools / name, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", tools / "policemag")
    code_version.cache_clear()
    yield tools
    code_version.cache_clear()


def test_code_version_is_the_shipped_package_only(package_copy: Path) -> None:
    shipped = code_version()
    bench = package_copy / "policemag_dev" / "bench.py"
    bench.write_text(bench.read_text(encoding="utf-8") + "\n# tuned\n", encoding="utf-8")
    (package_copy / "policemag_dev" / "new_bench.py").write_text("X = 1\n", encoding="utf-8")
    code_version.cache_clear()
    assert code_version() == shipped  # benchmarks are not shipped: nothing is invalidated
    module = package_copy / "policemag" / "comics" / "lettering.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    code_version.cache_clear()
    changed = code_version()
    assert changed != shipped
    (package_copy / "policemag" / "search" / "search.js").write_text("//", encoding="utf-8")
    code_version.cache_clear()
    assert code_version() not in (shipped, changed)  # shipped assets count too


def test_the_cache_module_is_core() -> None:
    """No MkDocs, no web edition: every edition and the adapter can use it."""
    tree = ast.parse(Path(cache.__file__).read_text(encoding="utf-8"))
    imported = {
        n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
    } | {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m.startswith(("mkdocs", "material", "policemag"))}
