"""The last touches on a page's rendered content, after the sanitizer: typography in
each text's language (:mod:`policemag.site.typography`) and tables in a box of their
own that scrolls sideways on a phone while the page does not.

Only our own markup is added here (a ``div`` around each table, with ``tabindex`` so a
keyboard can scroll it), on HTML the sanitizer has already cleaned.
"""

from __future__ import annotations

import re

from policemag.site.typography import typeset_html

_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL | re.IGNORECASE)


def wrap_tables(fragment: str) -> str:
    """Each ``<table>`` inside ``<div class="pm-table" tabindex="0">`` (once).

    >>> wrap_tables("<p>a</p><table><tr><td>1</td></tr></table>")
    '<p>a</p><div class="pm-table" tabindex="0"><table><tr><td>1</td></tr></table></div>'
    >>> wrap_tables(wrap_tables("<table></table>")) == wrap_tables("<table></table>")
    True
    """
    if "<table" not in fragment:
        return fragment
    out, last = [], 0
    for m in _TABLE.finditer(fragment):
        before = fragment[last : m.start()]
        out.append(before)
        wrapped = before.rstrip().endswith('<div class="pm-table" tabindex="0">')
        out.append(m.group(0) if wrapped else f'<div class="pm-table" tabindex="0">{m.group(0)}</div>')
        last = m.end()
    out.append(fragment[last:])
    return "".join(out)


def finish_content(fragment: str, lang: str) -> str:
    """``fragment`` (sanitized page content in ``lang``) typeset, its tables boxed."""
    return wrap_tables(typeset_html(fragment, lang))
