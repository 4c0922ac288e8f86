"""The search index as files: what a browser finds in them (search.js reads the same)."""

from __future__ import annotations

import json
from pathlib import Path

from policemag.search.index import SearchDoc, build_search_index, shard_key
from policemag.search.text import terms


def _doc(n: int, title: str, text: str, lang: str = "ar") -> SearchDoc:
    return SearchDoc(f"2026-0{n}-n{n}/a/", title, lang, f"2026-0{n}-15", "k", text)


DOCS = [
    _doc(1, "الشرطة في الحي", "افتتح مركز جديد للشرطة. المواطنون يرحبون."),
    _doc(2, "Arnaques au téléphone", "Ne donnez jamais votre code. La police ne le demande pas.", "fr"),
    _doc(3, "السلامة الطرقية", "السرعة تقتل. احترموا إشارات المرور في الطريق، والشرطة تراقب."),
]


def _lookup(files: dict[str, bytes], word: str) -> dict[int, int]:
    """{doc number: score} for one query word, as search.js reads the files."""
    meta = json.loads(files["meta.json"])
    (term,) = terms(word)
    key = shard_key(term)
    if key not in meta["shards"]:
        return {}
    postings = json.loads(files[f"{meta['base']}t/{key}.json"]).get(term, [])
    out, doc = {}, 0
    for gap, score in zip(postings[::2], postings[1::2], strict=True):
        doc += gap
        out[doc] = score
    return out


def test_every_form_of_a_word_finds_the_same_documents() -> None:
    files = build_search_index(DOCS)
    hits = {w: set(_lookup(files, w)) for w in ("الشرطة", "شرطة", "والشرطة", "الشُّرْطَةُ", "للشرطة")}
    assert set(map(frozenset, hits.values())) == {frozenset({0, 2})}
    assert set(_lookup(files, "arnaque")) == {1}
    assert _lookup(files, "غائبة") == {}


def test_a_word_in_the_title_outranks_the_same_word_in_the_text() -> None:
    scores = _lookup(build_search_index(DOCS), "شرطة")
    assert scores[0] > scores[2]  # in doc 0's title, only in doc 2's text


def test_documents_carry_what_a_result_shows() -> None:
    files = build_search_index(DOCS)
    base = json.loads(files["meta.json"])["base"]
    second = json.loads(files[f"{base}d/1.json"])
    assert second == {"u": "2026-02-n2/a/", "t": "Arnaques au téléphone", "l": "fr", "d": "2026-02-15",
                      "k": "k", "x": DOCS[1].text}


def test_same_documents_same_bytes_and_a_changed_text_moves_the_folder() -> None:
    first, again = build_search_index(DOCS), build_search_index(list(DOCS))
    assert first == again
    changed = build_search_index([*DOCS[:2], _doc(3, "السلامة الطرقية", "نص آخر")])
    assert json.loads(changed["meta.json"])["base"] != json.loads(first["meta.json"])["base"]
    assert all(not path.startswith(json.loads(first["meta.json"])["base"]) for path in changed)


def test_the_marks_of_the_scanned_planes_are_every_mark_of_unicode() -> None:
    """``_marks`` scans only the planes that hold nonspacing marks (a fixed cost of every
    build): the same ranges as a scan of every code point."""
    import sys

    from policemag.search.text import MARK_PLANES, _mark_ranges

    assert _mark_ranges(MARK_PLANES) == _mark_ranges([range(sys.maxunicode + 1)])


def test_an_articles_text_is_the_same_from_the_store_and_never_its_markup(tmp_path: Path) -> None:
    # the output worker stores each article's text as it makes the EPUB; the index then
    # reads it: the same words, and a forged entry is not believed
    from policemag.cache import CacheStore
    from policemag.site.search import TEXT_NAMESPACE, article_text

    body = "## عنوان\n\nنص **المقال** <script>alert(1)</script> [رابط](https://example.org)\n"
    first = article_text(body, tmp_path)
    assert first == "عنوان نص المقال رابط"
    assert article_text(body, tmp_path) == first
    store = CacheStore(tmp_path, TEXT_NAMESPACE)
    entry = store.path(store.key(body), ".txt")
    entry.write_text(entry.read_text(encoding="utf-8").replace("المقال", "مزور"), encoding="utf-8")
    assert article_text(body, tmp_path) == first
