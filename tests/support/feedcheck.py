"""Shared helpers of the feed tests: the sample site, the JSON Feed schema, URL walking."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from policemag import urls
from policemag.config import MagazineConfig
from policemag.content.magazine import read_magazine
from policemag.model import Magazine

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "tests" / "sites" / "feed-basic"
NOW = datetime(2024, 6, 1, tzinfo=UTC)


def load(
    root: Path = SITE, page_size: int = 50, now: datetime = NOW
) -> tuple[Magazine, Magazine, MagazineConfig]:
    """(everything read, what is published at ``now``, the config)."""
    magazine, log = read_magazine(root)
    assert not log.errors, [str(e) for e in log.errors]
    config = MagazineConfig(root=root, now=now, feed_page_size=page_size)
    return magazine, magazine.published(now), config


def jsonfeed_validator() -> Any:
    """A draft-07 validator of npm jsonfeed-schema 0.5.0's schema-v1.1.json, formats on."""
    jsonschema = pytest.importorskip("jsonschema")
    candidates = [
        os.environ.get("POLICEMAG_JSONFEED_SCHEMA", ""),
        str(REPO / "node_modules" / "jsonfeed-schema" / "schema-v1.1.json"),
    ]
    path = next((Path(c) for c in candidates if c and Path(c).is_file()), None)
    if path is None:
        pytest.skip(
            "JSON Feed schema absent: `npm install jsonfeed-schema@0.5.0` in the repository "
            "root, or set POLICEMAG_JSONFEED_SCHEMA to its schema-v1.1.json"
        )
    cls = jsonschema.Draft7Validator
    checker = cls.FORMAT_CHECKER
    # without jsonschema[format-nongpl] these formats would silently pass unchecked
    if not {"date-time", "uri"} <= set(checker.checkers):
        pytest.skip("jsonschema[format-nongpl] is needed to check date-time and uri formats")
    return cls(json.loads(path.read_text(encoding="utf-8")), format_checker=checker)


def walk(value: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    """Every (JSONPath-ish location, value) in a document, containers included."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from walk(v, f"{path}[{n}]")


def urls_in(document: Any, site_url: str) -> set[str]:
    """Every URL of the site in ``document``: values, and attributes inside HTML values."""
    found: set[str] = set()
    for _, value in walk(document):
        if isinstance(value, str):
            found |= {u for u in re.findall(r'https?://[^\s"<>]+', value) if u.startswith(site_url)}
    return found


def site_path(url: str, site_url: str) -> str:
    """The file a site URL is served from (pages: their index.html)."""
    path = unquote(urlsplit(url).path)[len(urlsplit(site_url).path) :]
    return urls.page_file(path) if path == "" or path.endswith("/") else path
