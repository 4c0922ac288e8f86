"""Arabic search help for Pagefind.

Pagefind removes diacritics and stems Arabic (الشرطة and شرطة both hit), but it does
not strip the conjunctions and prepositions that Arabic writes as one word with the
article: والتجار, فالمدرسة, بالهاتف, للشرطة. Readers type the bare word, so every
article carries those bare forms in a hidden Pagefind metadata field (searched, never
shown in excerpts).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[\u0621-\u064A\u0640-\u0652\u0670]+")
_MARKS = re.compile(r"[\u064B-\u0652\u0670\u0640]")  # harakat, shadda, sukun, dagger alef, tatweel
# longest first: وبال before وال before و
_PREFIXES = ("وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل")
# one regex instead of a loop: alternation tries the prefixes in the same order
_PREFIXED = re.compile("(?:" + "|".join(_PREFIXES) + ")")


def bare_forms(text: str) -> list[str]:
    """Forms of ``text``'s words without a leading conjunction/preposition + article.

    >>> bare_forms("والتجار وصلوا بالهاتفِ إلى المدرسة للشرطة")
    ['التجار', 'الشرطة', 'الهاتف', 'تجار', 'شرطة', 'هاتف']
    """
    out: set[str] = set()
    # marks removed first (same words: a mark never separates two letters); each
    # distinct word is looked at once (an article repeats most of its words)
    for word in set(_WORD.findall(_MARKS.sub("", text))):
        m = _PREFIXED.match(word)
        if m is None:
            continue
        rest = word[m.end() :]
        if len(rest) >= 3:
            out.add(rest)
            out.add("ال" + rest)
    return sorted(out)


def search_terms_html(text: str) -> str:
    """A hidden element Pagefind indexes as metadata (empty string when not needed)."""
    terms = bare_forms(text)
    if not terms:
        return ""
    return f'<div hidden data-pagefind-meta="terms">{" ".join(terms)}</div>\n'
