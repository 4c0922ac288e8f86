"""tests/sites/xss built with the lint and the plain-text rule switched off.

The lint (E017), the link check (E060) and the schema's "no HTML in plain-text fields"
rule are the editor's
early messages; the sanitizer and context escaping are the guarantee, so tests that
check the guarantee build this hostile magazine without them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.conftest import NOW, REPO, SITES


def build_hostile_site(root: Path) -> Path:
    """Build tests/sites/xss under ``root`` in-process; return the site folder."""
    from policemag.cli import main
    from policemag.content import articles, schemas
    from policemag.content import magazine as magazine_reader
    from policemag.content.body import BodyLint

    shutil.copytree(SITES / "xss" / "issues", root / "issues")
    for name in ("overrides", "pages"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POLICEMAG_NOW", NOW)
        mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
        mp.setattr(articles, "lint_body", lambda *a, **k: BodyLint(()))
        mp.setattr(schemas, "_MARKUP", re.compile(r"(?!)"))
        # the link check (E060) refuses javascript: links before the sanitizer sees them
        mp.setattr(magazine_reader, "resolve_links", lambda issues, comics, root, log: list(issues))
        assert main(["-C", str(root), "build"]) == 0
    return root / "site"
