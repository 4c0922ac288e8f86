"""Content-hashed names for the theme's stylesheets and scripts (stylesheets minified).

``assets/stylesheets/policemag.css`` is published as
``assets/stylesheets/policemag.<sha256[:12]>.css``: a changed file gets a new name, so
every asset with a hash in its name can be cached by browsers for a year
(:func:`policemag.site.compress.cache_control`) and a reader never mixes an old
stylesheet with a new page. Pages name the hashed file (the adapter renames the files
MkDocs copies and rewrites ``extra_css``/``extra_javascript``).
"""

from __future__ import annotations

import hashlib
import posixpath
import re

#: Hex digits of the content hash in a name.
HASH_LENGTH = 12


def fingerprint(path: str, data: bytes) -> str:
    """``path`` with the hash of ``data`` before its extension.

    >>> fingerprint("assets/stylesheets/policemag.css", b"a{}")
    'assets/stylesheets/policemag.5f546eb4606b.css'
    >>> fingerprint("assets/javascripts/search.js", b"")
    'assets/javascripts/search.e3b0c44298fc.js'
    """
    stem, ext = posixpath.splitext(path)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_LENGTH]}{ext}"


_CSS_STRING = re.compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')""")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def minify_css(text: str) -> str:
    """``text`` without comments and the spaces no browser needs (strings untouched).

    >>> minify_css('a , b {\\n  color : red ; /* why */\\n  content: "→ " ;\\n}\\n')
    'a,b{color:red;content:"→ "}'
    """
    out = []
    for n, part in enumerate(_CSS_STRING.split(_CSS_COMMENT.sub("", text))):
        if n % 2:  # a quoted string, as written
            out.append(part)
            continue
        part = re.sub(r"\s+", " ", part)
        part = re.sub(r"\s*([{};,>])\s*", r"\1", part)
        part = re.sub(r"\s*:\s*(?![^{}]*\{)", ":", part)  # declarations, not selectors (a:hover)
        out.append(part)
    return "".join(out).replace(";}", "}").strip()


def published(path: str, data: bytes) -> tuple[str, bytes]:
    """What the site serves for the theme asset ``path``: stylesheets minified, and a
    content-hashed name (:func:`fingerprint`) for the bytes served."""
    if path.endswith(".css"):
        data = minify_css(data.decode("utf-8")).encode("utf-8") + b"\n"
    return fingerprint(path, data), data


#: Theme assets that only one kind of page uses (``pm_kind`` in its front matter): other
#: pages do not load them (the first view of an article stays under its budget).
ONLY_ON: dict[str, tuple[str, ...]] = {
    "comic": ("assets/stylesheets/comic.", "assets/javascripts/comic."),
}


def loads(path: str, kind: str) -> bool:
    """Whether a page of ``kind`` loads the theme asset ``path``.

    >>> loads("assets/javascripts/comic.2cf7f74a8307.js", "article"), loads("assets/javascripts/comic.js", "comic")
    (False, True)
    >>> loads("assets/stylesheets/policemag.css", "article")
    True
    """
    return all(kind == owner or not path.startswith(prefixes) for owner, prefixes in ONLY_ON.items())
