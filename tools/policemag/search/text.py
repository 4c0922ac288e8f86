"""Words as search sees them: normalised, split and lightly stemmed, Arabic first.

The same rules run in the reader's browser (``search.js`` beside this module,
``normalize``/``terms``): a test feeds both the same words and compares. Change one,
change the other, and bump :data:`RULES_VERSION`.

- Normalise: compatibility forms (NFKD), lower case, no combining marks (Arabic
  diacritics, hamza above/below, French accents), no tatweel; ى is ي, ة is ه, Eastern
  Arabic digits are ASCII. So إِنّ، إن and ان, or "gendarmerie" and "Gendarmérie",
  are one word.
- Split on anything that is not a letter or a digit; one-letter words are dropped,
  numbers of any length are kept (the emergency number 19).
- Stem Arabic with Larkey's *light10* (leading و، the articles ال وال بال كال فال لل,
  then the common suffixes): الشرطة، والشرطة، للشرطة and شرطة meet. Latin words lose a
  plural s or x.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator

RULES_VERSION = "1"

_FOLD = str.maketrans(
    {"\u0640": None, "ى": "ي", "ة": "ه"}
    | {chr(0x0660 + d): str(d) for d in range(10)}
    | {chr(0x06F0 + d): str(d) for d in range(10)}
)
_WORD = re.compile(r"[^\W_]+")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def normalize(text: str) -> str:
    """Text folded as the index stores it.

    >>> normalize("الشُّرْطَةُ")
    'الشرطه'
    >>> normalize("أمـــن إِسعاف ٢٠٢٦")
    'امن اسعاف 2026'
    >>> normalize("Sécurité ROUTIÈRE")
    'securite routiere'
    """
    text = unicodedata.normalize("NFKD", text).lower()
    return _marks().sub("", text).translate(_FOLD)


#: The planes that hold nonspacing marks (BMP, SMP, and plane 14's variation selectors):
#: planes 2-13 are ideographs or unassigned, 15-16 private use. Scanning these 135,168
#: code points, not all 1,114,112, builds :func:`_marks` 8x faster: a fixed cost of every
#: build (tests/unit/test_search.py checks the result equals a scan of every code point).
MARK_PLANES = (range(0x0, 0x20000), range(0xE0000, 0xF0000))


@functools.cache
def _marks() -> re.Pattern[str]:
    """Every nonspacing mark (category Mn) as one character class (built once)."""
    return re.compile("[" + "".join(_mark_ranges(MARK_PLANES)) + "]+")


def _mark_ranges(planes: Iterable[range]) -> list[str]:
    ranges: list[str] = []
    for plane in planes:
        start = None
        for code in [*plane, plane.stop]:
            is_mark = code < plane.stop and unicodedata.category(chr(code)) == "Mn"
            if is_mark and start is None:
                start = code
            elif not is_mark and start is not None:
                ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
                start = None
    return ranges


def stem(word: str) -> str:
    """One normalised word's stem.

    >>> [stem(w) for w in ("الشرطه", "والشرطه", "للشرطه", "شرطه", "بالشرطه")]
    ['شرط', 'شرط', 'شرط', 'شرط', 'شرط']
    >>> [stem(w) for w in ("المواطنين", "مواطنون", "وطن", "controles", "prix")]
    ['مواطن', 'مواطن', 'وطن', 'controle', 'pri']
    """
    if not _ARABIC.search(word):
        return word[:-1] if len(word) > 3 and word[-1] in "sx" else word
    if len(word) > 3 and word.startswith("و"):
        word = word[1:]
    for prefix in _ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


def terms(text: str) -> Iterator[str]:
    """The search terms of ``text``, in order, repeats included.

    >>> list(terms("اتصلوا بالرقم 19، لا تُعطوا رمزكم السرّي! L'arnaque"))
    ['اتصلوا', 'رقم', '19', 'لا', 'تعطوا', 'رمزكم', 'سر', 'arnaque']
    """
    # whitespace separates words before and after normalising, so each chunk between
    # spaces is read on its own, once per process: an archive repeats its words
    for chunk in text.split():
        yield from _chunk_terms(chunk)


@functools.lru_cache(maxsize=1 << 18)
def _chunk_terms(chunk: str) -> tuple[str, ...]:
    return tuple(
        stem(word) for word in _WORD.findall(normalize(chunk)) if len(word) > 1 or word.isdigit()
    )
