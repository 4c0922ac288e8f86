"""YAML with line numbers, built from the parser's events, with only the plain data
features content needs.

Editors need ``file:line`` in messages, so every mapping and sequence remembers where
its items are (1-based). The document is built here from libyaml's event stream, not by
PyYAML's constructor, so that what content may use is decided in one place:

* **No anchors, aliases, merge keys or tags** (``&a``, ``*a``, ``<<:``, ``!!str``): a
  2 KB comic.yml of nested aliases expands to gigabytes in any consumer that walks it;
  refused as E009 before any value is built.
* **Bounded nesting**: at most :data:`MAX_DEPTH` levels of mappings and sequences, and
  at most :data:`MAX_FLOW_BRACKETS` open ``[``/``{`` before parsing (libyaml's time
  grows with the square of the flow depth: 100,000 ``[`` take 24 s); E009.
* **Scalars resolve like YAML 1.2's core schema, stricter**: ``null``/``~``/empty,
  ``true``/``false``, plain decimal integers (``112``, ``-3``: no ``0113`` octal, no
  ``0x``, ``1_000``, ``+5`` or ``1:20``), decimal floats (``0.5``, ``1e3``); anything
  else, dates included, stays a string. The schemas parse dates, so that ``embargo:
  2027`` (an int) and ``embargo: 2027-01-15`` (a string without time) are both
  reported with the form expected, never read as a Unix timestamp.
* Duplicate keys are errors (PyYAML silently keeps the last one).

Strings decoded from escapes (``"\\x01"``, ``"\\u202e"``) are checked for invisible and
control characters here (E040); characters written as such are found in the file text
by :func:`policemag.content.files.read_text`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from policemag.content.chars import first_forbidden
from policemag.content.yamlwords import explain

#: Deepest nesting of mappings and sequences (a comic.yml uses about 8).
MAX_DEPTH = 32
#: Open flow brackets (``[``, ``{``) counted before libyaml parses; see the module docstring.
MAX_FLOW_BRACKETS = 100


class LineDict(dict[str, Any]):
    """A dict that knows the line of each key (``lines``) and of itself (``line``)."""

    line: int = 0
    lines: dict[str, int]


class LineList(list[Any]):
    """A list that knows the line of each item (``lines``) and of itself (``line``)."""

    line: int = 0
    lines: list[int]


class YamlError(Exception):
    """A document that cannot be used: ``line`` is 1-based, ``code`` E002 (syntax),
    E009 (a feature content may not use) or E040 (an escaped control character)."""

    def __init__(self, line: int, message: str, code: str = "E002") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.code = code


# libyaml's parser when PyYAML has it; its error texts differ, so a small document it
# refuses is parsed again by the pure-Python parser for the usual message.
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SLOW_REPARSE_LIMIT = 64_000

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)")


def resolve_plain(value: str) -> Any:
    """The value of a plain (unquoted) scalar.

    >>> [resolve_plain(v) for v in ("112", "0113", "0x1F", "1_000", "+5", "0.5", "yes", "")]
    [112, '0113', '0x1F', '1_000', '+5', 0.5, 'yes', None]
    """
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value) and len(value) <= 18:
        return int(value)  # longer digit strings stay text: no int of a megabyte
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Parse ``text``; lines are offset so that they count from ``first_line``.

    >>> data = load_yaml("a: 1\\nb:\\n  - x\\n  - y\\n")
    >>> data.lines["b"], data["b"].lines
    (2, [3, 4])
    >>> load_yaml("date: 2024-01-01")["date"]
    '2024-01-01'
    >>> load_yaml("a: 1\\nb: 2\\na: 3\\n")
    Traceback (most recent call last):
    ...
    policemag.content.yamlfile.YamlError: duplicate key 'a'
    >>> load_yaml("a: &x [1]\\nb: *x\\n")
    Traceback (most recent call last):
    ...
    policemag.content.yamlfile.YamlError: YAML anchors (&x) are not allowed: write the value out
    """
    _check_flow_depth(text, first_line)
    try:
        return _build(yaml.parse(text, Loader=_FAST), text, first_line)
    except yaml.reader.ReaderError as exc:
        # a character YAML refuses (controls, U+FFFE...): E040, like the file text's check
        line = text.count("\n", 0, max(0, exc.position)) + first_line
        raise YamlError(line, f"character #x{exc.character:04x} is not allowed", "E040") from None
    except yaml.YAMLError as fast_error:
        error: yaml.YAMLError = fast_error
        if len(text) <= _SLOW_REPARSE_LIMIT:
            try:
                _build(yaml.parse(text, Loader=yaml.SafeLoader), text, first_line)
            except yaml.YAMLError as slow_error:
                error = slow_error
        if isinstance(error, yaml.MarkedYAMLError):
            # in the editor's words, at the line to edit (policemag.content.yamlwords)
            line, message = explain(error, text, first_line)
            raise YamlError(line, message) from None
        raise YamlError(first_line, str(error)) from None


def _check_flow_depth(text: str, first_line: int) -> None:
    """E009 when more than :data:`MAX_FLOW_BRACKETS` ``[``/``{`` are open at once.

    Counted over the raw text (brackets inside quoted strings count too, so this can
    only over-estimate): linear, and it runs before libyaml, whose time is quadratic in
    the flow depth. A hundred open brackets is far beyond any real document.
    """
    if text.count("[") + text.count("{") <= MAX_FLOW_BRACKETS:
        return
    depth = 0
    for m in re.finditer(r"[\[\]{}]", text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_FLOW_BRACKETS:
                line = text.count("\n", 0, m.start()) + first_line
                raise YamlError(
                    line, f"more than {MAX_FLOW_BRACKETS} brackets open at once", "E009"
                )
        elif depth:
            depth -= 1


def _build(events: Any, text: str, first_line: int) -> Any:
    """The document from ``events``: LineDict, LineList and plain scalars only."""
    lines = text.split("\n")
    # each open collection: [container, pending key, line of the pending key]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0

    def add(value: Any, line: int, key_node: bool) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        container = top[0]
        if isinstance(container, LineList):
            container.append(value)
            container.lines.append(line)
        elif top[1] is _NO_KEY:
            if not key_node:
                raise YamlError(line, "a key must be plain text, not a list or mapping")
            key = value if isinstance(value, str) else _key_text(value)
            if key in container:
                raise YamlError(line, f"duplicate key '{key}'")
            top[1], top[2] = key, line
        else:
            container[top[1]] = value
            container.lines[top[1]] = top[2]
            top[1] = _NO_KEY

    for event in events:
        kind = type(event)
        if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
            continue
        line = event.start_mark.line + first_line
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlError(line, "expected one document, found a second '---' document")
            continue
        if kind is yaml.AliasEvent:
            raise YamlError(
                line, f"YAML aliases (*{event.anchor}) are not allowed: write the value out", "E009"
            )
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            done = stack.pop()[0]
            add(done, done.line, False)
            continue
        if event.anchor is not None:
            raise YamlError(
                line, f"YAML anchors (&{event.anchor}) are not allowed: write the value out", "E009"
            )
        if event.tag is not None:
            raise YamlError(line, f"YAML tags ({event.tag}) are not allowed", "E009")
        expecting_key = bool(stack) and isinstance(stack[-1][0], LineDict) and stack[-1][1] is _NO_KEY
        if kind is yaml.ScalarEvent:
            if not event.style:  # plain: None (Python parser) or "" (libyaml)
                if expecting_key and event.value == "<<":
                    raise YamlError(line, "YAML merge keys (<<) are not allowed", "E009")
                value = resolve_plain(event.value)
            else:
                value = event.value
                _check_escapes(value, lines, event, first_line)
            add(value, line, True)
            continue
        if expecting_key:
            raise YamlError(line, "a key must be plain text, not a list or mapping")
        if len(stack) >= MAX_DEPTH:
            raise YamlError(line, f"nested more than {MAX_DEPTH} levels deep", "E009")
        container: LineDict | LineList
        if kind is yaml.MappingStartEvent:
            container = LineDict()
            container.lines = {}
        else:
            container = LineList()
            container.lines = []
        container.line = line
        stack.append([container, _NO_KEY, 0])
    return root


class _NoKey:
    pass


_NO_KEY = _NoKey()


def _key_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_escapes(value: str, lines: list[str], event: Any, first_line: int) -> None:
    """E040 for an invisible or control character a quoted scalar got from an escape
    (``"\\x01"``); one written as such is reported from the file text instead."""
    found = first_forbidden(value)
    if found is None:
        return
    char, description = found
    source = "\n".join(lines[event.start_mark.line : event.end_mark.line + 1])
    if char in source:
        return  # written as such: read_text reports it with its line and column
    line = event.start_mark.line + first_line
    raise YamlError(line, f"{description}, written as an escape: remove it", "E040")


def line_of(data: Any, loc: tuple[int | str, ...]) -> int:
    """The line of the deepest node on ``loc`` that has one (0 if none).

    >>> line_of(load_yaml("a:\\n  b: [1, 2]\\n  c: 3\\n"), ("a", "c"))
    3
    """
    line = getattr(data, "line", 0)
    node = data
    for key in loc:
        if isinstance(node, LineDict) and isinstance(key, str) and key in node:
            line = node.lines.get(key, line)
            node = node[key]
        elif isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lines[key]
            node = node[key]
        else:
            break
    return line
