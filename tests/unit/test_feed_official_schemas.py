"""The manifests and the catalogue against the official JSON schemas.

The schemas of readium/webpub-manifest (schema/) and opds-community/drafts (schema/) are
copied in tests/schemas/ (sources, commits and licences: tests/schemas/README.md); set
POLICEMAG_RWPM_SCHEMAS and POLICEMAG_OPDS_SCHEMAS to other schema/ folders to check
against those instead. They use ECMAScript named groups that Python's ``re`` rejects;
rewritten to non-capturing groups they work with jsonschema. The built sample site's
documents go through the same validator in tests/build/test_app_catalogue.py.
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


SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
ROOTS = {
    "opds": "https://drafts.opds.io/schema/feed.schema.json",
    "manifest": "https://readium.org/webpub-manifest/schema/publication.schema.json",
}


def _registry() -> Any:
    folders = {
        "https://readium.org/webpub-manifest/schema/": os.environ.get("POLICEMAG_RWPM_SCHEMAS")
        or str(SCHEMAS / "rwpm"),
        "https://drafts.opds.io/schema/": os.environ.get("POLICEMAG_OPDS_SCHEMAS")
        or str(SCHEMAS / "opds"),
    }
    if not all(f and Path(f).is_dir() for f in folders.values()):
        pytest.skip("the official schemas are absent (tests/schemas/, see its README.md)")
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


def schema_errors(documents: dict[str, Any]) -> dict[str, list[str]]:
    """Every official-schema error of each catalogue page and manifest in ``documents``
    (site path -> document); other documents are skipped. Used by the build tests too."""
    import jsonschema

    registry = _registry()
    errors: dict[str, list[str]] = {}
    for name, doc in documents.items():
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
            registry.contents(ROOTS[kind]),
            registry=registry,
            format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER,
        )
        errors[name] = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    return errors


def test_documents_validate_against_the_official_schemas() -> None:
    _, published, config = load(page_size=1)
    docs = build_documents(published, config, stand_in_media(published, config))
    errors = schema_errors(docs)
    assert errors == {name: [] for name in errors}
    assert len(errors) == 6  # 2 OPDS pages, 2 issue manifests, 2 Divina manifests
