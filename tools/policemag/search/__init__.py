"""Search: words folded as readers type them (``text``), the static index (``index``)
and the browser side (``search.js``, the same folding, reading the same files)."""

from __future__ import annotations

from pathlib import Path

#: Where the site serves search.js (the search page links it; web/pages.py)
SEARCH_SCRIPT = "assets/javascripts/search.js"


def search_script() -> Path:
    """The browser script, shipped inside this package."""
    return Path(__file__).with_name("search.js")
