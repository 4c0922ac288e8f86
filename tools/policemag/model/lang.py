"""Languages and writing direction."""

from __future__ import annotations

from typing import Literal

Direction = Literal["rtl", "ltr"]

#: Primary subtags of right-to-left scripts we may publish in.
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"})


def direction_of(lang: str) -> Direction:
    """Writing direction of a BCP 47 tag.

    >>> direction_of("ar"), direction_of("ar-MA"), direction_of("fr"), direction_of("ber-Latn")
    ('rtl', 'rtl', 'ltr', 'ltr')
    """
    parts = lang.lower().split("-")
    if any(p in ("arab", "hebr", "thaa", "syrc") for p in parts[1:]):
        return "rtl"
    if any(p in ("latn", "cyrl", "tfng") for p in parts[1:]):
        return "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"
