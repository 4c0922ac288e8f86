"""The fonts shipped with the package are what the code makes from the installed font
packages today (``python -m policemag_dev fonts`` remakes them). Slow: instancing the
variable fonts takes about 20 s."""

from __future__ import annotations

import hashlib
from importlib import metadata

import pytest

from policemag.fonts import manifest, source_sha
from policemag_dev.fonts import recipes

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name,face,recipe,make", recipes(), ids=[r[0] for r in recipes()])
def test_shipped_font_is_what_the_recipe_makes(name: str, face: str, recipe: str, make) -> None:  # type: ignore[no-untyped-def]
    entry = manifest()[name]
    assert (entry["face"], entry["recipe"]) == (face, recipe), "run python -m policemag_dev fonts"
    if entry["source"] != source_sha(face):
        pytest.skip(f"another {face} font package is installed: builds make their own font")
    import json

    from policemag.fonts import MANIFEST, SHIPPED

    made_with = json.loads((SHIPPED / MANIFEST).read_text(encoding="utf-8"))["fonttools"]
    if made_with != metadata.version("fonttools"):
        pytest.skip(f"shipped fonts were made with fontTools {made_with}")
    assert hashlib.sha256(make()).hexdigest() == entry["sha256"], "run python -m policemag_dev fonts"
