"""YAML with line numbers: every mapping and sequence remembers where its items are.

Editors need ``file:line`` in messages, so the loader records the line of each key and
list item (1-based). Dates stay strings: the schemas parse them, so that a bad date is
reported like any other bad value instead of a YAML quirk.
"""

from __future__ import annotations

from typing import Any

import yaml


class LineDict(dict[str, Any]):
    """A dict that knows the line of each key (``lines``) and of itself (``line``)."""

    line: int = 0
    lines: dict[str, int]


class LineList(list[Any]):
    """A list that knows the line of each item (``lines``) and of itself (``line``)."""

    line: int = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    pass


# libyaml's parser when PyYAML has it (several times faster on 2,000 front matters);
# the constructors stay in Python and node marks carry the same lines. Its error texts
# differ, so a document it refuses is parsed again by _Loader for the message.
class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


# Timestamps stay strings: pydantic parses them with one clear error message.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in out:
            # PyYAML silently keeps the last of two equal keys: an editor who wrote a
            # second `title:` would see the first one vanish without a word
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key '{key}'",
                key_node.start_mark,
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


for _cls in (_Loader, _FastLoader):
    _cls.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlError(Exception):
    """YAML syntax error with the 1-based line where the parser gave up."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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
    """
    try:
        try:
            data = yaml.load(text, Loader=_FastLoader)
        except yaml.YAMLError:
            data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        raise YamlError(line, f"{exc.problem or exc}".strip()) from None
    except yaml.YAMLError as exc:
        raise YamlError(first_line, str(exc)) from None
    if first_line != 1:
        _shift(data, first_line - 1)
    return data


def _shift(node: Any, by: int) -> None:
    if isinstance(node, LineDict):
        node.line += by
        node.lines = {k: v + by for k, v in node.lines.items()}
        for v in node.values():
            _shift(v, by)
    elif isinstance(node, LineList):
        node.line += by
        node.lines = [v + by for v in node.lines]
        for v in node:
            _shift(v, by)


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
