"""Safe YAML reading that remembers where every mapping, list and key stood.

Only the safe loader is used (the C one when PyYAML was built with libyaml).
Anchors and aliases are refused: packs never need them, and refusing them makes
"billion laughs" files harmless.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import re

import yaml

from quiz.errors import FileProblem
from quiz.textfile import decode_utf8, max_file_bytes, read_text, split_lines  # noqa: F401  (re-exported)

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _BaseLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """The safe loader with a leaner tag resolver (the parser calls it for every node).

    Same answers as PyYAML's: packs use no path resolvers, so only the implicit
    scalar rules (null, bool, int, float, timestamp...) are consulted.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

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


#: Scalar tags a pack may hold (null, bool, int, float, timestamp...), built the safe loader's way.
_SCALARS = {
    tag: fn
    for tag, fn in yaml.constructor.SafeConstructor.yaml_constructors.items()
    if tag and tag not in (_MAP, _SEQ, "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs", "tag:yaml.org,2002:set")
}


class _Builder:
    """Turns the composed node tree into LineDict/LineList/scalars in one pass.

    PyYAML's generic constructor plus a separate safety walk cost more than the
    C parser itself; this single recursive pass also refuses what packs never
    need: aliases (a node met twice; the C composer shares aliased nodes, so
    "billion laughs" files are refused before anything is expanded), merge keys,
    non-scalar tags and nesting deeper than MAX_DEPTH.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.seen: set[int] = set()
        self.scalar_maker = yaml.constructor.SafeConstructor()

    def refuse(self, node: Any, message: str) -> FileProblem:
        mark = node.start_mark
        return FileProblem(self.name, message, mark.line + 1, mark.column + 1)

    def build(self, node: Any, depth: int = 1) -> Any:
        if id(node) in self.seen:
            raise self.refuse(node, "anchors and aliases (& and *) are not allowed")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.refuse(node, f"nesting is deeper than {MAX_DEPTH} levels")
        tag = node.tag
        kind = node.__class__
        if kind is yaml.ScalarNode:
            if tag == _STR:
                return node.value
            make = _SCALARS.get(tag)
            if make is None:
                raise self.refuse(node, f"unknown YAML tag {_short(tag)}; packs may only hold plain data")
            return make(self.scalar_maker, node)
        mark = node.start_mark
        if kind is yaml.MappingNode:
            if tag != _MAP:
                raise self.refuse(node, f"unknown YAML tag {_short(tag)}; packs may only hold plain data")
            data = LineDict()
            data.line, data.column = mark.line + 1, mark.column + 1
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.refuse(key_node, "merge keys (<<) are not allowed")
                key = self.build(key_node, depth + 1)
                try:
                    duplicate = key in data
                except TypeError:
                    raise self.refuse(key_node, "a key here is a list or mapping, which YAML keys cannot be") from None
                if duplicate:
                    raise self.refuse(key_node, f"the key {key!r} appears twice in this mapping")
                data[key] = self.build(value_node, depth + 1)
                km, vm = key_node.start_mark, value_node.start_mark
                data.key_pos[key] = (km.line + 1, km.column + 1)
                data.value_pos[key] = (vm.line + 1, vm.column + 1)
            return data
        if tag != _SEQ:
            raise self.refuse(node, f"unknown YAML tag {_short(tag)}; packs may only hold plain data")
        items = LineList()
        items.line, items.column = mark.line + 1, mark.column + 1
        for child in node.value:
            items.append(self.build(child, depth + 1))
            cm = child.start_mark
            items.item_pos.append((cm.line + 1, cm.column + 1))
        return items


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def parse_yaml(text: str, name: str, what: str = "file") -> Any:
    """Parse YAML text safely; every failure becomes a FileProblem with a line."""
    if not text.strip():
        raise FileProblem(name, f"the {what} is empty")
    if "\x00" in text:
        raise FileProblem(name, f"the {what} contains a NUL byte; it is not a text file")
    loader = _BaseLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FileProblem(name, f"the {what} is empty")
        return _Builder(name).build(node)
    except FileProblem:
        raise
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, name, text) from None
    except (ValueError, OverflowError) as exc:  # a scalar its tag cannot hold, e.g. !!int "x"
        raise FileProblem(name, f"a value cannot be read: {exc}") from None
    except RecursionError:  # the pure-Python composer recurses per level
        raise FileProblem(name, f"nesting is deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


def load_yaml(path: str | Path, what: str = "file") -> Any:
    return parse_yaml(read_text(path, what), str(path), what)


def _yaml_problem(exc: yaml.YAMLError, name: str, text: str) -> FileProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    column = mark.column + 1 if mark is not None else 0
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if isinstance(exc, yaml.constructor.ConstructorError) and exc.problem:
        return FileProblem(name, problem, line, column)
    if isinstance(exc, yaml.reader.ReaderError):
        # No mark here, only a position: a UTF-8 byte offset from libyaml, a character offset otherwise.
        offset = exc.position
        head = text.encode("utf-8")[:offset].decode("utf-8", "replace") if _SafeLoader is not yaml.SafeLoader else text[:offset]
        line = head.count("\n") + 1
        column = len(head) - (head.rfind("\n") + 1) + 1
        return FileProblem(name, f"character U+{exc.character:04X} is a control character, which a text file cannot hold; delete it", line, column)
    line, column, message = _yaml_advice(problem, line, column, text)
    return FileProblem(name, message, line, column)


# The YAML reader's own messages ("mapping values are not allowed here") mean little
# to a pack author; these guesses say what most likely went wrong and how to fix it.
_NOT_YAML = "this is not valid YAML: "
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[^\s:#'\"][^:#]*:\s+)(.*)$")


def _yaml_advice(said: str, line: int, column: int, text: str) -> tuple[int, int, str]:
    """(line, column, message) telling an author what most likely went wrong and how to fix it."""
    lines = split_lines(text)
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    m = _KEY_VALUE.match(src)
    value = m.group(2) if m else ""
    value_col = len(m.group(1)) + 1 if m else 0
    if "tab" in said or "'\\t'" in said or (0 < column <= len(src) and src[column - 1] == "\t"):
        advice = "this line is indented with a tab; indent with spaces only"
    elif "end of stream" in said and (opened := _unclosed_quote(lines)):
        line, column = opened
        advice = "this quoted text is never closed; add the closing quote at the end of the text"
    elif m and value[:1] in ("'", '"') and column > value_col:
        quote = value[0]
        if quote == "'":
            advice = ("the text in single quotes ends early at an apostrophe; write the apostrophe twice ('') "
                      'or put the text in double quotes')
        else:
            advice = 'the text in double quotes ends early; write a " inside it as \\" or use single quotes'
    elif "mapping values are not allowed" in said and ": " in value:
        advice = "this text holds ': ', which YAML reads as a new field; put the whole text in quotes"
    elif "',' or ']'" in said or "',' or '}'" in said or (
            "expected node content" in said and _unclosed_bracket(lines, line) is not None):
        if (opened := _unclosed_bracket(lines, line)) is not None:
            line, column = opened
        advice = ("a [ ] or { } list is not closed on its line; close it, and put items holding a comma, "
                  "'#' or ': ' in quotes")
    elif "mapping values are not allowed" in said or "expected key" in said or "'-' indicator" in said \
            or "block end" in said:
        advice = ("the indentation of this line does not match the lines above it; the fields of a question "
                  "must line up, and each question starts with '- ' at the same indentation")
    else:
        advice = "check this line and the one above it"
    return line, column, f"{_NOT_YAML}{advice} (the YAML reader says: {said})"


def _unclosed_quote(lines: list[str]) -> tuple[int, int] | None:
    """Where a quoted value opens that no line closes (the cause of 'end of stream')."""
    for number, src in enumerate(lines, 1):
        m = _KEY_VALUE.match(src)
        if not m or m.group(2)[:1] not in ("'", '"'):
            continue
        quote, body = m.group(2)[0], m.group(2)[1:].rstrip()
        if quote == "'":
            body = body.replace("''", "")
        else:
            body = re.sub(r'\\.', "", body)
        if quote not in body:
            return number, len(m.group(1)) + 1
    return None


def _unclosed_bracket(lines: list[str], line: int) -> tuple[int, int] | None:
    """The nearest line at or above ``line`` where a [ or { opens and is not closed."""
    for number in range(min(line, len(lines)), 0, -1):
        # A '#' after a space, '[', '{' or ',' starts a comment, which hides the rest of the line.
        src = re.sub(r"(^|[\s\[{,])#.*$", r"\1", lines[number - 1])
        if src.count("[") > src.count("]") or src.count("{") > src.count("}"):
            return number, max(src.rfind("["), src.rfind("{")) + 1
    return None
