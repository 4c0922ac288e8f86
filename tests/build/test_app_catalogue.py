"""The built sample magazine as a reader app meets it: the OPDS catalogue, each issue's
EPUB and manifest, the comics, with the official schemas, Readium's own JS models and
Calibre.

The catalogue is walked over HTTP as an app does (opds.json, its ``next`` pages, each
publication's acquisition links); ``https://magazine.police.example/`` is served from
the built site on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from tests.conftest import REPO
from tests.support.epubfonts import uncovered_by_weight
from tests.unit.test_feed_official_schemas import schema_errors

SITE_URL = "https://magazine.police.example/"
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
EPUB_PROFILE = "https://readium.org/webpub-manifest/profiles/epub"
DIVINA_PROFILE = "https://readium.org/webpub-manifest/profiles/divina"
DC = "http://purl.org/dc/elements/1.1/"


@pytest.fixture(scope="module")
def fetch(sample_site: Path) -> Iterator[Any]:
    """``fetch(url) -> bytes`` for the site's absolute URLs, over HTTP from 127.0.0.1."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(sample_site))
    handler.func.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = f"http://127.0.0.1:{server.server_address[1]}/"

    def get(url: str) -> bytes:
        assert url.startswith(SITE_URL), url
        with urllib.request.urlopen(local + url[len(SITE_URL) :], timeout=30) as response:
            data: bytes = response.read()
            return data

    yield get
    server.shutdown()


def _catalogue(fetch: Any) -> list[dict[str, Any]]:
    """Every OPDS page, following ``next`` from opds.json."""
    pages, url = [], SITE_URL + "opds.json"
    while url:
        page = json.loads(fetch(url))
        pages.append(page)
        url = next((link["href"] for link in page["links"] if link["rel"] == "next"), "")
    return pages


def _acquisition(publication: dict[str, Any], mime: str) -> str:
    return next(
        link["href"]
        for link in publication["links"]
        if link["rel"] == OPEN_ACCESS and link["type"] == mime
    )


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_an_app_walks_the_catalogue_to_each_epub_and_it_matches(fetch: Any, tmp_path: Path) -> None:
    """opds.json -> publication -> EPUB download -> open it (ebooklib): identifier,
    title, languages, date, description, creator and series equal the entry's."""
    from ebooklib import epub

    publications = [p for page in _catalogue(fetch) for p in page.get("publications", [])]
    assert publications
    for publication in publications:
        meta = publication["metadata"]
        path = tmp_path / "book.epub"
        path.write_bytes(fetch(_acquisition(publication, "application/epub+zip")))
        book = epub.read_epub(str(path), {"ignore_ncx": True})

        def dc(name: str, book: Any = book) -> list[str]:
            return [value for value, _ in book.get_metadata("DC", name)]

        assert dc("identifier") == [meta["identifier"]]
        assert book.uid == meta["identifier"]  # the package's unique-identifier
        assert dc("title") == [meta["title"]]
        assert dc("language") == _as_list(meta["language"])
        assert dc("date") == [meta["published"]]
        assert dc("description") == [meta["description"]]
        assert dc("creator") == [meta["author"]]
        assert dc("publisher") == [meta["publisher"]]
        series = {
            attrs.get("property"): value
            for value, attrs in book.get_metadata("OPF", "meta")
            if attrs.get("property") in ("belongs-to-collection", "group-position")
        }
        assert series == {
            "belongs-to-collection": meta["belongsTo"]["magazine"]["name"],
            "group-position": str(meta["belongsTo"]["magazine"]["position"]),
        }
        # the number once, then the headline
        number = f"العدد {meta['belongsTo']['magazine']['position']}"
        assert meta["title"].startswith(number + ": ") and meta["title"].count(number) == 1


def test_comics_are_publications_of_the_catalogue(fetch: Any) -> None:
    """Each comic edition: a Divina publication whose manifest carries the same id, and
    the issue manifests that place the comic link it."""
    pages = _catalogue(fetch)
    comics = [p for page in pages for g in page.get("groups", []) for p in g["publications"]]
    assert {p["metadata"]["language"] for p in comics} == {"ar", "fr"}
    for publication in comics:
        meta = publication["metadata"]
        assert meta["conformsTo"] == DIVINA_PROFILE
        url = _acquisition(publication, "application/divina+json")
        divina = json.loads(fetch(url))
        assert divina["metadata"]["identifier"] == meta["identifier"]
        assert divina["metadata"]["title"] == meta["title"]
        issues = [p for page in pages for p in page.get("publications", [])]
        linked = [
            i
            for i in issues
            if any(
                link["href"] == url
                for link in json.loads(fetch(_acquisition(i, "application/webpub+json")))["links"]
            )
        ]
        assert linked, url


def test_issue_manifests_read_the_books_own_documents(fetch: Any, sample_site: Path) -> None:
    """conformsTo the EPUB profile; readingOrder = the EPUB's linear spine, served
    unpacked, with no site chrome; every resource and toc entry resolves."""
    for manifest_path in sorted(sample_site.glob("*/manifest.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        assert manifest["metadata"]["conformsTo"] == EPUB_PROFILE
        reading = manifest["readingOrder"]
        assert reading and all(link["type"] == "application/xhtml+xml" for link in reading)
        for link in reading:
            page = fetch(link["href"]).decode("utf-8")
            root = etree.fromstring(page.encode("utf-8"))
            assert root.tag == "{http://www.w3.org/1999/xhtml}html", link["href"]
            assert "<script" not in page and "md-header" not in page, link["href"]
            for css in root.iter("{http://www.w3.org/1999/xhtml}link"):
                target = _resolve(link["href"], css.get("href", ""))
                assert any(r["href"] == target for r in manifest["resources"]), target
        for link in manifest["resources"]:
            assert fetch(link["href"]), link["href"]
        for entry in _flatten(manifest["toc"]):
            assert fetch(entry["href"].split("#")[0]), entry["href"]
        issue_id = manifest_path.parent.name
        epub = sample_site / "epub" / f"{issue_id}.epub"
        from policemag.epub.contents import book_contents

        spine = [SITE_URL + f"books/{issue_id}/" + i.href for i in book_contents(epub).reading_order]
        assert [link["href"] for link in reading] == spine
        # the output worker hands its books' contents over as read from memory: the same
        from policemag.epub.contents import book_files, contents_of

        assert contents_of(book_files(epub)) == book_contents(epub) == book_contents(sample_site / "books" / issue_id)


def _resolve(base: str, href: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base, href)


def _flatten(links: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for link in links:
        yield link
        yield from _flatten(link.get("children", []))


def _documents(site: Path) -> dict[str, Any]:
    files = sorted(site.glob("opds*.json")) + sorted(site.glob("**/manifest.json"))
    return {p.relative_to(site).as_posix(): json.loads(p.read_text("utf-8")) for p in files}


def test_catalogue_and_manifests_validate_against_the_official_schemas(sample_site: Path) -> None:
    docs = _documents(sample_site)
    errors = schema_errors(docs)
    kinds = {n.split("/")[0] if n.startswith("comics/") else n.rsplit("/", 1)[-1] for n in errors}
    assert {"opds.json", "manifest.json", "comics"} <= kinds
    assert errors == {name: [] for name in errors}


def test_readium_js_models_read_what_we_wrote(sample_site: Path) -> None:
    """r2-opds-js and r2-shared-js (Thorium, r2-streamer-js) and @readium/shared (the
    TypeScript toolkit) parse the catalogue and every manifest to the same titles, ids,
    languages and reading orders (npm, package.json devDependencies)."""
    script = REPO / "tests" / "support" / "readium_parse.mjs"
    modules = REPO / "node_modules"
    if shutil.which("node") is None or not all(
        (modules / m).is_dir() for m in ("r2-opds-js", "r2-shared-js", "@readium/shared")
    ):
        pytest.skip("node and the npm devDependencies (r2-opds-js, @readium/shared) are needed")
    docs = _documents(sample_site)
    proc = subprocess.run(
        ["node", str(script), str(sample_site), *docs],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    parsed = json.loads(proc.stdout)
    for name, doc in docs.items():
        got = parsed[name]
        if name.startswith("opds"):
            pubs = doc["publications"] + [
                p for g in doc.get("groups", []) for p in g["publications"]
            ]
            r2 = got["r2-opds-js"]
            assert r2["title"] == doc["metadata"]["title"], name
            r2_pubs = r2["publications"] + [p for g in r2["groups"] for p in g["publications"]]
            for ours, theirs in zip(pubs, r2_pubs, strict=True):
                assert (theirs["title"], theirs["identifier"]) == (
                    ours["metadata"]["title"],
                    ours["metadata"]["identifier"],
                ), name
                assert theirs["acquisitions"], name
            for ours, theirs in zip(pubs, got["@readium/shared"], strict=True):
                assert "error" not in theirs, (name, theirs)
                assert theirs["identifier"] == ours["metadata"]["identifier"], name
                assert theirs["languages"] == _as_list(ours["metadata"]["language"]), name
                assert [i[1:] for i in theirs["images"]] == [
                    [i["width"], i["height"]] for i in ours["images"]
                ], name
            continue
        meta = doc["metadata"]
        hrefs = [link["href"] for link in doc["readingOrder"]]
        for model in ("r2-shared-js", "@readium/shared"):
            theirs = got[model]
            assert "error" not in theirs, (name, model, theirs)
            assert (theirs["title"], theirs["identifier"]) == (meta["title"], meta["identifier"])
            assert theirs["languages"] == _as_list(meta["language"]), (name, model)
            assert theirs["conformsTo"] == _as_list(meta["conformsTo"]), (name, model)
            assert theirs["readingOrder"] == hrefs, (name, model)
        assert got["@readium/shared"]["readingProgression"] == meta["readingProgression"]


#: Calibre names languages by ISO 639-2.
_ISO_639_2 = {"ar": "ara", "fr": "fra", "en": "eng"}


def test_calibre_reads_what_the_catalogue_says(sample_site: Path, fetch: Any) -> None:
    """ebook-meta (Debian calibre): title, author, series and number, languages,
    publication date and identifier as the catalogue has them."""
    if shutil.which("ebook-meta") is None:
        pytest.skip("Calibre's ebook-meta is not installed (scripts/setup.sh --test)")
    publications = [p for page in _catalogue(fetch) for p in page.get("publications", [])]
    for publication in publications:
        meta = publication["metadata"]
        issue_id = _acquisition(publication, "application/epub+zip").rsplit("/", 1)[1]
        proc = subprocess.run(
            ["ebook-meta", str(sample_site / "epub" / issue_id)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        fields = dict(
            (k.strip(), v.strip())
            for k, _, v in (line.partition(":") for line in proc.stdout.splitlines())
            if v
        )
        magazine = meta["belongsTo"]["magazine"]
        assert fields["Title"] == meta["title"]
        assert fields["Author(s)"] == meta["author"]  # not "Unknown"
        assert fields["Series"] == f"{magazine['name']} #{magazine['position']}"
        assert fields["Languages"] == ", ".join(_ISO_639_2[x] for x in _as_list(meta["language"]))
        assert fields["Published"].startswith(meta["published"][:10])
        # Calibre keeps identifiers as "scheme:value" pairs joined by commas, so it
        # shows the comma of a tag URI as "|" (its own rule; the EPUB holds the tag)
        scheme, _, value = meta["identifier"].partition(":")
        assert f"{scheme}:{value.replace(',', '|')}" in re.split(r",\s*", fields["Identifiers"])


def test_every_sample_epub_embeds_fonts_for_every_character(sample_site: Path) -> None:
    for path in sorted((sample_site / "epub").glob("*.epub")):
        uncovered = uncovered_by_weight(path)
        assert set(uncovered) == {400, 700}, path.name
        assert uncovered == {400: set(), 700: set()}, path.name
