"""Safe YAML reading that remembers where every mapping, list and key stood.

Only the safe loader is used (the C one when PyYAML was built with libyaml).
Anchors and aliases are refused: packs never need them, and refusing them makes
"billion laughs" files harmless.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from quiz.errors import FileProblem
from quiz.textfile import decode_utf8, max_file_bytes, read_text  # noqa: F401  (re-exported)

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Deeper nesting than this is refused; no pack needs more than a handful of levels.
MAX_DEPTH = 64


class LineDict(dict):
    """A mapping that knows its own line/column and those of each key (1-based)."""

    line: int = 0
    column: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_pos: dict[Any, tuple[int, int]] = {}
        self.value_pos: dict[Any, tuple[int, int]] = {}

    def pos_of(self, key: Any) -> tuple[int, int]:
        """Where the value of ``key`` stands, or the key itself, or the mapping."""
        return self.value_pos.get(key) or self.key_pos.get(key) or (self.line, self.column)


class LineList(list):
    """A sequence that knows its own line/column and those of each item (1-based)."""

    line: int = 0
    column: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_pos: list[tuple[int, int]] = []

    def pos_of(self, index: int) -> tuple[int, int]:
        if 0 <= index < len(self.item_pos):
            return self.item_pos[index]
        return (self.line, self.column)


class _AliasRefused(yaml.YAMLError):
    def __init__(self, mark: Any) -> None:
        super().__init__("anchors and aliases (& and *) are not allowed")
        self.problem_mark = mark


class _TooDeep(yaml.YAMLError):
    def __init__(self, mark: Any) -> None:
        super().__init__(f"nesting is deeper than {MAX_DEPTH} levels")
        self.problem_mark = mark


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that builds LineDict/LineList and refuses aliases."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # pure-Python loader path
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)
        if parent is not None and self._depth >= MAX_DEPTH:
            raise _TooDeep(self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # A node met a second time is an alias (the C composer resolves them itself).
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _AliasRefused(node.start_mark)
        return super().construct_object(node, deep=deep)

    def construct_line_mapping(self, node: yaml.MappingNode) -> Any:
        data = LineDict()
        data.line, data.column = node.start_mark.line + 1, node.start_mark.column + 1
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key here is a list or mapping, which YAML keys cannot be", key_node.start_mark
                ) from None
            if key in data:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice in this mapping", key_node.start_mark
                )
            data[key] = self.construct_object(value_node, deep=True)
            data.key_pos[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            data.value_pos[key] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)

    def construct_line_sequence(self, node: yaml.SequenceNode) -> Any:
        data = LineList()
        data.line, data.column = node.start_mark.line + 1, node.start_mark.column + 1
        yield data
        for child in node.value:
            data.append(self.construct_object(child, deep=True))
            data.item_pos.append((child.start_mark.line + 1, child.start_mark.column + 1))


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_line_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_line_sequence)


def _check_tree(node: Any, name: str) -> None:
    """Walk the composed node tree once, iteratively: refuse aliases and deep nesting.

    The C composer resolves aliases into shared nodes, so a node met twice is an
    alias; stopping there keeps "billion laughs" files from being walked at all.
    """
    seen: set[int] = set()
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:
            mark = current.start_mark
            raise FileProblem(name, "anchors and aliases (& and *) are not allowed", mark.line + 1, mark.column + 1)
        seen.add(id(current))
        if depth > MAX_DEPTH:
            raise FileProblem(name, f"nesting is deeper than {MAX_DEPTH} levels", current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for k, v in reversed(current.value):
                stack.append((v, depth + 1))
                stack.append((k, depth + 1))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in reversed(current.value))


def parse_yaml(text: str, name: str, what: str = "file") -> Any:
    """Parse YAML text safely; every failure becomes a FileProblem with a line."""
    if not text.strip():
        raise FileProblem(name, f"the {what} is empty")
    if "\x00" in text:
        raise FileProblem(name, f"the {what} contains a NUL byte; it is not a text file")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FileProblem(name, f"the {what} is empty")
        _check_tree(node, name)
        return loader.construct_document(node)
    except FileProblem:
        raise
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, name) from None
    except RecursionError:
        raise FileProblem(name, f"nesting is deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


def load_yaml(path: str | Path, what: str = "file") -> Any:
    return parse_yaml(read_text(path, what), str(path), what)


def _yaml_problem(exc: yaml.YAMLError, name: str) -> FileProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    column = mark.column + 1 if mark is not None else 0
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if isinstance(exc, yaml.constructor.ConstructorError) and "could not determine a constructor" in str(exc):
        tag = str(exc).split("tag", 1)[-1].split("'")[1] if "'" in str(exc) else "?"
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        problem = f"unknown YAML tag {tag}; packs may only hold plain data"
    elif isinstance(exc, (_AliasRefused, _TooDeep)):
        problem = str(exc.args[0])
    elif isinstance(exc, yaml.constructor.ConstructorError) and exc.problem:
        problem = exc.problem
    else:
        problem = f"this is not valid YAML: {problem}"
    return FileProblem(name, problem, line, column)
