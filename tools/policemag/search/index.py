"""The search index: static JSON files a phone fetches a few of per query.

Layout under ``site/search-index/`` (the browser side is ``search.js``)::

    meta.json              version, rules, number of documents, the data folder
                           and the list of term shards; fetched with revalidation
    <hash>/t/<key>.json    terms starting with <key> (their first two characters,
                           written as hex code points): {term: [doc, score, ...]}
    <hash>/d/<doc>.json    one document: url, title, lang, date, kicker, plain text

``<hash>`` is the hash of everything in the folder, so the files under it never
change and can be cached for good. A query loads meta.json, one shard per word and the
documents of the results it shows: tens of kilobytes, whatever the archive's size.

Scores are BM25 (k1 1.2, b 0.75) over the title (counted three times) and the text,
computed here and stored as integers; the browser adds them up across the query's
words and keeps the documents that have every word.
"""

from __future__ import annotations

import hashlib
import json
import math
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from policemag.search.text import RULES_VERSION, terms

FORMAT_VERSION = 1
TITLE_WEIGHT = 3
K1, B = 1.2, 0.75
#: Characters of a document's text kept for excerpts.
TEXT_LIMIT = 20_000


@dataclass(frozen=True)
class SearchDoc:
    """One searchable page. ``url`` is its site path (``urls``), ``text`` plain text."""

    url: str
    title: str
    lang: str
    date: str
    kicker: str
    text: str


def shard_key(term: str) -> str:
    """The file a term lives in: its first two characters as hex code points.

    >>> shard_key("شرط"), shard_key("19"), shard_key("7")
    ('634-631', '31-39', '37')
    """
    return "-".join(f"{ord(c):x}" for c in term[:2])


def build_search_index(docs: Sequence[SearchDoc]) -> dict[str, bytes]:
    """Every file of the index, by path under ``search/``. Documents are numbered in
    the given order (give them newest first: ties in score keep that order)."""
    postings: dict[str, array[int]] = {}
    lengths: list[int] = []
    for number, doc in enumerate(docs):
        counts = Counter(terms(doc.text))
        for term, n in Counter(terms(doc.title)).items():
            counts[term] += n * TITLE_WEIGHT
        lengths.append(sum(counts.values()))
        for term, n in counts.items():
            postings.setdefault(term, array("I")).extend((number, n))
    avg = (sum(lengths) / len(lengths)) if lengths else 1.0
    shards: dict[str, dict[str, list[int]]] = {}
    for term in sorted(postings):
        shards.setdefault(shard_key(term), {})[term] = _scored(postings[term], lengths, avg, len(docs))
    files = {f"t/{key}.json": _json(shard) for key, shard in shards.items()}
    for number, doc in enumerate(docs):
        record = {"u": doc.url, "t": doc.title, "l": doc.lang, "d": doc.date, "k": doc.kicker,
                  "x": doc.text[:TEXT_LIMIT]}
        files[f"d/{number}.json"] = _json(record)
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.encode() + b"\0" + files[path] + b"\0")
    folder = h.hexdigest()[:12]
    out = {f"{folder}/{path}": data for path, data in files.items()}
    meta = {"version": FORMAT_VERSION, "rules": RULES_VERSION, "docs": len(docs),
            "base": f"{folder}/", "shards": sorted(shards)}
    out["meta.json"] = _json(meta)
    return dict(sorted(out.items()))


def _scored(pairs: array[int], lengths: list[int], avg: float, n_docs: int) -> list[int]:
    """[doc, score, ...] with doc numbers as gaps from the previous one (they compress)."""
    df = len(pairs) // 2
    idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
    out: list[int] = []
    last = 0
    for i in range(0, len(pairs), 2):
        doc, tf = pairs[i], pairs[i + 1]
        norm = tf + K1 * (1 - B + B * lengths[doc] / avg)
        out += (doc - last, max(1, round(100 * idf * tf * (K1 + 1) / norm)))
        last = doc
    return out


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
