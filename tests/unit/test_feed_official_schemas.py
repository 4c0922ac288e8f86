"""Optional: the manifests and the catalogue against the official JSON schemas.

The schemas of readium/webpub-manifest (schema/) and opds-community/drafts (schema/) use
ECMAScript named groups that Python's ``re`` rejects; rewritten to non-capturing groups
they work with jsonschema. Set POLICEMAG_RWPM_SCHEMAS and POLICEMAG_OPDS_SCHEMAS to the
two schema/ folders to run this; the typed models (tests/support/opds_models.py) run always.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from tests.support.feedcheck import load
from tests.support.feedmedia import stand_in_media

from policemag.feed import build_documents

_NAMED = re.compile(r"\(\?<[A-Za-z0-9]+>")


def _python_re(value: Any) -> Any:
    if isinstance(value, dict):
        return {_NAMED.sub("(?:", k): _python_re(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_python_re(v) for v in value]
    return _NAMED.sub("(?:", value) if isinstance(value, str) else value


def _registry() -> Any:
    folders = {
        "https://readium.org/webpub-manifest/schema/": os.environ.get("POLICEMAG_RWPM_SCHEMAS", ""),
        "https://drafts.opds.io/schema/": os.environ.get("POLICEMAG_OPDS_SCHEMAS", ""),
    }
    if not all(f and Path(f).is_dir() for f in folders.values()):
        pytest.skip(
            "set POLICEMAG_RWPM_SCHEMAS and POLICEMAG_OPDS_SCHEMAS to the official schema/ folders"
        )
    referencing = pytest.importorskip("referencing")
    from referencing.jsonschema import DRAFT7

    resources = []
    for base, folder in folders.items():
        for path in sorted(Path(folder).rglob("*.json")):
            schema = _python_re(json.loads(path.read_text(encoding="utf-8")))
            uri = schema.get("$id") or base + path.relative_to(folder).as_posix()
            resources.append(
                (uri, referencing.Resource.from_contents(schema, default_specification=DRAFT7))
            )
    return referencing.Registry().with_resources(resources)


def test_documents_validate_against_the_official_schemas() -> None:
    import jsonschema

    registry = _registry()
    _, published, config = load(page_size=1)
    docs = build_documents(published, config, stand_in_media(published, config))
    roots = {
        "opds": "https://drafts.opds.io/schema/feed.schema.json",
        "manifest": "https://readium.org/webpub-manifest/schema/publication.schema.json",
    }
    checked = 0
    for name, doc in docs.items():
        kind = (
            "opds"
            if name.startswith("opds")
            else "manifest"
            if name.endswith("manifest.json")
            else None
        )
        if kind is None:
            continue
        validator = jsonschema.Draft7Validator(
            registry.contents(roots[kind]),
            registry=registry,
            format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER,
        )
        assert [e.message for e in validator.iter_errors(doc)] == [], name
        checked += 1
    assert checked == 6  # 2 OPDS pages, 2 issue manifests, 2 Divina manifests
