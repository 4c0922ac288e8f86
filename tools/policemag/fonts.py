"""The fonts the magazine uses, located in the PyPI packages that ship them (OFL).

One table for every writer: web (subset WOFF2), EPUB (embedded subsets), comics
(lettering) and feed icons. Never a system path: a new machine has only what the
project installs.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: face -> (package, file under the package's files/)
FACES: dict[str, tuple[str, str]] = {
    "arabic": ("fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf"),
    "kufi": ("fontpkg_noto_kufi_arabic", "NotoKufiArabic[wght].ttf"),
    "latin": ("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf"),
}


def font_file(face: str) -> Path:
    """The TTF of ``face`` (a key of :data:`FACES`) inside its installed package."""
    package, name = FACES[face]
    with resources.as_file(resources.files(package) / "files" / name) as path:
        return Path(path)
