"""Characters no content may hold (E040): controls, noncharacters, bidi overrides and
isolates, zero-width and other invisible format characters.

They are errors, not silently removed: an editor should see where they are. Control
characters and noncharacters make XML outputs ill-formed (the EPUB's NCX refuses
``\\x01``; U+FFFE in a chapter is not XML at all); bidi overrides (U+202A-U+202E) and
isolates (U+2066-U+2069) can make text read differently from what reviewers saw (the
layout sets directions from ``lang``); zero-width spaces and joiners hide inside words
and numbers, out of the privacy lint's sight.

Allowed, because Arabic, Persian and French typography need them: tab, line feed and
carriage return; ZWNJ U+200C and ZWJ U+200D; the marks LRM U+200E, RLM U+200F and ALM
U+061C; no-break spaces; a byte order mark at the very start of a file.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_INVISIBLE = (
    "\u180e\u200b\u2028\u2029\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f"
)
_NONCHAR = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
FORBIDDEN = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}{_NONCHAR}]")

_KIND_HELP = {
    "control": "a control character: not text, and it breaks the EPUB's XML",
    "bidi": "a bidi override or isolate: it can make text read otherwise than it looks;"
    " the layout sets directions from lang",
    "invisible": "an invisible character: it hides inside words and numbers;"
    " ZWJ and ZWNJ are allowed",
    "nonchar": "not a character: it breaks the EPUB's XML",
}


def kind(char: str) -> str:
    """control, bidi, invisible or nonchar."""
    if re.match(f"[{_CONTROL}]", char):
        return "control"
    if re.match(f"[{_BIDI}]", char):
        return "bidi"
    if re.match(f"[{_INVISIBLE}]", char):
        return "invisible"
    return "nonchar"


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE, a bidi override...``.

    >>> describe("\\x01")
    "U+0001 (a control character: not text, and it breaks the EPUB's XML)"
    """
    code = ord(char)
    name = unicodedata.name(char, "")
    label = f"U+{code:04X} {name}" if name else f"U+{code:04X}"
    return f"{label} ({_KIND_HELP[kind(char)]})"


def first_forbidden(text: str) -> tuple[str, str] | None:
    """The first forbidden character of ``text`` and its description, or None."""
    m = FORBIDDEN.search(text)
    return (m.group(), describe(m.group())) if m else None


def _printable(text: str) -> bool:
    """Whether ``text`` is printable but for line ends and tabs: then it holds no
    forbidden character (each is a control, format, separator, surrogate or unassigned
    character, which Python does not print; tested), and the character class need not
    be searched (8 times faster on Arabic prose: a quarter of reading an archive)."""
    return text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable()


def forbidden_by_line(text: str) -> list[tuple[int, int, str, int]]:
    """``(line, column, char, count on that line)`` for each line holding a forbidden
    character, lines and columns 1-based, lines counted by ``\\n`` only (as editors do).
    A byte order mark at the start of ``text`` is allowed.

    >>> forbidden_by_line("ok\\nti\\u202etle\\x01\\n")
    [(2, 3, '\\u202e', 2)]
    """
    if _printable(text):
        return []
    start = 1 if text.startswith("\ufeff") else 0
    first = FORBIDDEN.search(text, start)
    if first is None:
        return []
    out: list[tuple[int, int, str, int]] = []
    line, counted = 1, 0  # line number of position ``counted``
    for m in FORBIDDEN.finditer(text, first.start()):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        if out and out[-1][0] == line:
            last = out[-1]
            out[-1] = (last[0], last[1], last[2], last[3] + 1)
        else:
            column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            out.append((line, column, m.group(), 1))
    return out


def message(char: str, column: int, count: int) -> str:
    more = f" (and {count - 1} more on this line)" if count > 1 else ""
    return f"{describe(char)}: remove it (column {column}){more}"
