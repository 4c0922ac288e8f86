"""YAML syntax errors in an editor's words, with the fix.

The parser's own messages (``mapping values are not allowed here``, ``expected <block
end>, but found '<block mapping start>'``) name its internals, not what to change. The
common mistakes get a message of their own, at the line to edit:

* a value holding ``:`` (an Arabic title "العدد: ..."), which must be quoted;
* a key indented more (or less) than the keys beside it;
* a key without ``:``; a list item out of line; a tab used to indent;
* a quote or a ``[``/``{`` never closed; a quote inside a value quoted the same way;
* a value starting with a character YAML reserves (``@``, `````, ``%``, ``-``).

Anything else keeps the parser's words (read_yaml prefixes "YAML syntax error: ").
"""

from __future__ import annotations

import re
from typing import Any

_KEY = re.compile(r"^(?P<indent>[ ]*)(?:- +)?(?P<key>[^\s:#'\"\[\]{}-][^:#]*?)[ ]*:(?:[ ]+(?P<value>.*))?$")
_RESERVED = re.compile(r"found character '(.)' that cannot start any token")


def explain(error: Any, text: str, first_line: int) -> tuple[int, str]:
    """(line, message) for a ``yaml.MarkedYAMLError`` raised on ``text`` (lines counted
    from ``first_line``)."""
    lines = text.split("\n")
    problem = str(getattr(error, "problem", "") or error).strip()
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    at = mark.line if mark is not None else 0
    context = getattr(error, "context_mark", None)
    opened = context.line if context is not None else at
    row = lines[at] if 0 <= at < len(lines) else ""

    def line(n: int) -> int:
        return n + first_line

    if problem in ("mapping values are not allowed here", "mapping values are not allowed in this context"):
        return _colon(lines, at, first_line)
    if problem.startswith("expected <block end>"):
        found = problem.rpartition("found ")[2]
        m = _KEY.match(row)
        value = (m.group("value") or "").strip() if m else ""
        if "<scalar>" in found and m and value[:1] in ("'", '"'):
            quote = value[0]
            return line(at), (
                f"the value of '{m.group('key').strip()}' is quoted with {quote} and has another {quote}"
                " inside it: write the whole value in double quotes and each \" inside it as \\\""
                " (or use « »)"
            )
        if "<block sequence start>" in found:
            return line(at), (
                "this list item ('- ...') does not start in the same column as the items above it:"
                " line up the '-' of every item of a list"
            )
        if "?" in found or "<block mapping start>" in found:
            what = f"'{m.group('key').strip()}'" if m else "this line"
            return line(at), (
                f"{what} is indented differently from the lines above it: keys of the same"
                " mapping start in the same column, and a key inside a list item needs its"
                " own '- ' or the item's indentation"
            )
    if "'\\t'" in problem:
        return line(at), "a tab indents this line: YAML is indented with spaces only"
    reserved = _RESERVED.search(problem)
    if reserved:
        char = reserved.group(1)
        return line(at), f"a value cannot start with '{char}' unless it is quoted: write it in double quotes (\"{char}...\")"
    if problem == "sequence entries are not allowed here":
        return line(at), (
            "'- ' in the middle of a line: put the value in double quotes, or start the list"
            " on the next line, one '- item' a line"
        )
    if "while scanning a quoted scalar" in str(getattr(error, "context", "")):
        return line(opened), "a quote opened on this line is never closed: end the value with the same quote"
    flow = re.match(r"expected ',' or '([\]}])'", problem)
    if flow:
        close, open_ = flow.group(1), "[" if flow.group(1) == "]" else "{"
        return line(opened), (
            f"the '{open_}' opened on this line is not closed with '{close}' on it or the lines"
            f" after it (or a ',' is missing between two items)"
        )
    if "could not find expected ':'" in problem:
        return line(at), "a line here has no ':' after its key (write key: value)"
    return line(at), problem


def _colon(lines: list[str], at: int, first_line: int) -> tuple[int, str]:
    """``mapping values are not allowed here``: a second ``:`` on a line (an unquoted
    value holding ``:``), a key indented under a plain value, or a key line before it
    that has no ``:``."""
    row = lines[at] if at < len(lines) else ""
    m = _KEY.match(row)
    previous = next((n for n in range(at - 1, -1, -1) if lines[n].strip() and not lines[n].lstrip().startswith("#")), None)
    if m and m.group("value") and ":" in m.group("value"):
        key, value = m.group("key").strip(), m.group("value").strip()
        fixed = value.replace("\\", "\\\\").replace('"', '\\"')
        return at + first_line, (
            f"the value of '{key}' contains ':': put the whole value in double quotes:"
            f' {key}: "{fixed}"'
        )
    if previous is not None:
        before = lines[previous]
        indent = len(row) - len(row.lstrip(" "))
        before_indent = len(before) - len(before.lstrip(" "))
        if ":" not in before and not before.lstrip().startswith("- "):
            return previous + first_line, (
                f"'{before.strip()[:40]}' has no ':' after its key (write key: value)"
            )
        if indent > before_indent and m:
            return at + first_line, (
                f"'{m.group('key').strip()}' is indented more than the line above it: keys of"
                " the same mapping start in the same column"
            )
    return at + first_line, "a ':' inside a value: put the whole value in double quotes (\"...\")"
