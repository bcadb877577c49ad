"""Line-aware YAML reading: every mapping and list remembers where it came from.

PyYAML's ``safe_load`` forgets line numbers and silently keeps the last of two
duplicate keys. The content checker needs both, so this loader builds
``LineDict``/``LineList`` objects that carry the 1-based line of themselves and
of each key or item, and reports duplicate keys as problems.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class LineDict(dict[Any, Any]):
    """A dict that knows its own line and the line of each key."""

    line: int = 1
    lines: dict[Any, int] = {}  # noqa: RUF012  (replaced per instance by the loader)

    def line_of(self, key: Any) -> int:
        """The line of ``key``, or of the mapping itself when the key is absent."""
        return self.lines.get(key, self.line)


class LineList(list[Any]):
    """A list that knows its own line and the line of each item."""

    line: int
    lines: list[int]

    def line_of(self, index: int) -> int:
        """The line of item ``index``."""
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    problems: list[tuple[int, str]]


# libyaml's parser when PyYAML was built with it (several times faster on the long word lists);
# the pure-Python one otherwise, and always for the wording of a syntax error.
class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    problems: list[tuple[int, str]]


# YAML 1.1 reads yes/no/on/off as booleans, which turns a key `no:` or the word
# "yes" in a list into True/False. Read them as text (as YAML 1.2 does); only
# true/false stay booleans, and the schema accepts yes/no where it wants a flag.
for _cls in (_Loader, _FastLoader):
    _cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"] for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for _first in "tTfF":
        _cls.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), [_first])


def _mapping(loader: _Loader | _FastLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            loader.problems.append((line, "a key must be a plain word, not a list or mapping"))
            continue
        if key in result:
            first = result.lines[key]
            loader.problems.append((line, f"duplicate key '{key}' (first given on line {first})"))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _sequence(loader: _Loader | _FastLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


class YamlSyntaxError(Exception):
    """The file is not valid YAML; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def load(path: Path) -> tuple[Any, list[tuple[int, str]]]:
    """Parse ``path``; return the data and the problems (line, message) found while reading."""
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")  # Windows editors may add a BOM
    fast = _FastLoader(text)
    fast.problems = []
    try:
        return fast.get_single_data(), fast.problems
    except yaml.YAMLError:
        pass  # read again below, for the pure-Python parser's clearer message
    finally:
        fast.dispose()
    loader = _Loader(text)
    loader.problems = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlSyntaxError(line, f"bad YAML syntax: {what}") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, f"bad YAML syntax: {exc}") from None
    finally:
        loader.dispose()
    return data, loader.problems
