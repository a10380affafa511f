"""Safe YAML reading that remembers where every mapping, list and key stood.

Only the safe loader is used (the C one when PyYAML was built with libyaml).
Anchors and aliases are refused: packs never need them, and refusing them makes
"billion laughs" files harmless.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from quiz.errors import FileProblem
from quiz.textfile import decode_utf8, max_file_bytes, read_text, split_lines  # noqa: F401  (re-exported)

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: Deeper nesting than this is refused; no pack needs more than a handful of levels.
MAX_DEPTH = 64


class LineDict(dict):
    """A mapping that knows its own line/column and those of each key (1-based)."""

    # Slots, not a __dict__ per instance: a big pack has hundreds of thousands of these.
    __slots__ = ("line", "column", "key_pos", "value_pos")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = 0
        self.column = 0
        self.key_pos: dict[Any, tuple[int, int]] = {}
        self.value_pos: dict[Any, tuple[int, int]] = {}

    def pos_of(self, key: Any) -> tuple[int, int]:
        """Where the value of ``key`` stands, or the key itself, or the mapping."""
        return self.value_pos.get(key) or self.key_pos.get(key) or (self.line, self.column)


class LineList(list):
    """A sequence that knows its own line/column and those of each item (1-based)."""

    __slots__ = ("line", "column", "item_pos")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line = 0
        self.column = 0
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


_MERGE = "tag:yaml.org,2002:merge"
_NO_KEY = object()  # a mapping waiting for its next key


def _build(loader: Any, name: str, progress: Any = None, size: int = 0) -> Any:
    """Build LineDict/LineList/scalars straight from the parser's events.

    Working from events, not PyYAML's node tree, halves peak memory and time on
    big packs, and lets us refuse what packs never need the moment it appears:
    anchors and aliases (so "billion laughs" files are never expanded), merge
    keys, tags on collections, keys that are lists or mappings, and nesting
    deeper than MAX_DEPTH.

    This loop runs once per event (about 34 per question), so it keeps the
    container being filled, and its pending key, in locals, and resolves plain
    scalars' tags (null, bool, int, float, timestamp...) with the safe
    loader's own rules inline; quoted scalars are always text.
    """
    get = loader.get_event
    resolvers = loader.yaml_implicit_resolvers
    scalar_maker = yaml.constructor.SafeConstructor()
    ScalarEvent, MappingStartEvent, SequenceStartEvent = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent
    containers: list[Any] = []  # open collections, outermost first
    keys: list[Any] = []  # each open mapping's pending key (saved when a child opens)
    root: Any = None
    documents = 0
    parent: Any = None  # containers[-1]
    parent_is_map = False
    key: Any = _NO_KEY  # keys[-1], kept in a local
    mapping = False
    countdown = _PROGRESS_EVERY

    def refuse(event: Any, message: str) -> FileProblem:
        mark = event.start_mark
        return FileProblem(name, message, mark.line + 1, mark.column + 1)

    while True:
        event = get()
        kind = event.__class__
        if progress is not None:
            countdown -= 1
            if not countdown:
                countdown = _PROGRESS_EVERY
                progress(event.start_mark.index / size)
        if kind is ScalarEvent:
            if event.anchor is not None:
                raise refuse(event, "anchors and aliases (& and *) are not allowed")
            tag = event.tag
            value = event.value
            if tag is None:
                if event.implicit[0]:
                    for tag, regexp in resolvers.get(value[:1], ()):  # noqa: B007 - the tag that matched is kept
                        if regexp.match(value):
                            break
                    else:
                        tag = _STR
                else:
                    tag = _STR
            elif tag == "!":
                tag = _STR
            if tag != _STR:
                if tag == _MERGE:
                    raise refuse(event, "merge keys (<<) are not allowed")
                make = _SCALARS.get(tag)
                if make is None:
                    raise refuse(event, f"unknown YAML tag {_short(tag)}; packs may only hold plain data")
                node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
                value = make(scalar_maker, node)
            opened = False
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None:
                raise refuse(event, "anchors and aliases (& and *) are not allowed")
            mapping = kind is MappingStartEvent
            if event.tag is not None and event.tag not in ("!", _MAP if mapping else _SEQ):
                raise refuse(event, f"unknown YAML tag {_short(event.tag)}; packs may only hold plain data")
            if len(containers) >= MAX_DEPTH:
                raise refuse(event, f"nesting is deeper than {MAX_DEPTH} levels")
            value = LineDict() if mapping else LineList()
            mark = event.start_mark
            value.line = mark.line + 1
            value.column = mark.column + 1
            opened = True
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            containers.pop()
            keys.pop()
            if containers:
                parent = containers[-1]
                parent_is_map = parent.__class__ is LineDict
                key = keys[-1]
            else:
                parent = None
            continue
        elif kind is yaml.AliasEvent:
            raise refuse(event, "anchors and aliases (& and *) are not allowed")
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise refuse(event, "a file holds one YAML document; remove the second '---' and what follows")
            continue
        elif kind is yaml.StreamEndEvent:
            return root
        else:  # stream start, document end
            continue

        if parent is not None:
            mark = event.start_mark
            if parent_is_map:
                if key is _NO_KEY:
                    if opened:
                        raise refuse(event, "a key here is a list or mapping, which YAML keys cannot be")
                    if value in parent.key_pos:
                        raise refuse(event, f"the key {value!r} appears twice in this mapping")
                    parent.key_pos[value] = (mark.line + 1, mark.column + 1)
                    key = value
                else:
                    parent[key] = value
                    parent.value_pos[key] = (mark.line + 1, mark.column + 1)
                    key = _NO_KEY
            else:
                parent.append(value)
                parent.item_pos.append((mark.line + 1, mark.column + 1))
        else:
            root = value
        if opened:
            if containers:
                keys[-1] = key
            containers.append(value)
            keys.append(_NO_KEY)
            parent = value
            parent_is_map = mapping
            key = _NO_KEY


#: Events between two progress reports (a 1,000-question pack has about 34,000).
_PROGRESS_EVERY = 4096


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def parse_yaml(text: str, name: str, what: str = "file", progress: Any = None) -> Any:
    """Parse YAML text safely; every failure becomes a FileProblem with a line.

    ``progress``, if given, is called now and then with the fraction of the text read.
    """
    if not text.strip():
        raise FileProblem(name, f"the {what} is empty")
    if "\x00" in text:
        raise FileProblem(name, f"the {what} contains a NUL byte; it is not a text file")
    loader = _SafeLoader(text)
    try:
        data = _build(loader, name, progress, max(len(text), 1))
        if data is None:
            raise FileProblem(name, f"the {what} is empty")
        return data
    except FileProblem:
        raise
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, name, text) from None
    except RecursionError:
        raise _too_deep_problem(text, name, None) or FileProblem(
            name, f"nesting is deeper than {MAX_DEPTH} levels"
        ) from None
    except (ValueError, OverflowError) as exc:  # a scalar its tag cannot hold, e.g. !!int "x"
        raise FileProblem(name, f"a value cannot be read: {exc}") from None
    finally:
        loader.dispose()


def load_yaml(path: str | Path, what: str = "file") -> Any:
    return parse_yaml(read_text(path, what), str(path), what)


def _yaml_problem(exc: yaml.YAMLError, name: str, text: str) -> FileProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    column = mark.column + 1 if mark is not None else 0
    # A reader may refuse deep nesting itself, in its own words and further on (libyaml
    # does since PyYAML 6.0.4, after scanning ahead): the author hears our sentence anyway.
    deep = _too_deep_problem(text, name, line or None)
    if deep is not None:
        return deep
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if isinstance(exc, yaml.constructor.ConstructorError) and exc.problem:
        return FileProblem(name, problem, line, column)
    if isinstance(exc, yaml.reader.ReaderError):
        # No mark here, only a position: a UTF-8 byte offset from libyaml, a character offset otherwise.
        offset = exc.position
        head = (
            text.encode("utf-8")[:offset].decode("utf-8", "replace")
            if _SafeLoader is not yaml.SafeLoader
            else text[:offset]
        )
        line = head.count("\n") + 1
        column = len(head) - (head.rfind("\n") + 1) + 1
        return FileProblem(
            name,
            f"character U+{exc.character:04X} is a control character, which a text file cannot hold; delete it",
            line,
            column,
        )
    line, column, message = _yaml_advice(problem, line, column, text)
    return FileProblem(name, message, line, column)


def _too_deep_problem(text: str, name: str, until_line: int | None) -> FileProblem | None:
    """Our message for nesting deeper than MAX_DEPTH, if it happens at or before ``until_line``."""
    where = too_deep(text, MAX_DEPTH, until_line)
    if where is None:
        return None
    return FileProblem(name, f"nesting is deeper than {MAX_DEPTH} levels", *where)


_BLOCK_KEY = re.compile(r"""^("[^"]*"|'[^']*'|[^\s#\[{'"][^#]*?)\s*:(\s|$)""")


def too_deep(text: str, limit: int, until_line: int | None = None) -> tuple[int, int] | None:
    """(line, column) where nesting first goes deeper than ``limit`` levels, or None.

    Counts what the event reader counts: one level per block indentation step and
    per ``- `` opening a nested list on its line, plus one per open ``[`` or ``{``
    (outside quotes and comments). Only used once the reader has refused a file,
    so its cost is never paid on a good one.
    """
    levels: list[tuple[int, bool]] = []  # open block collections: (column, is a list)
    flow = 0
    for number, src in enumerate(split_lines(text), 1):
        if until_line is not None and number > until_line:
            break
        body = src.lstrip(" ")
        if not body or body.startswith("#") or body.startswith(("---", "...")) and not levels:
            continue
        column = len(src) - len(body)
        if flow == 0:
            dash = body.startswith("- ") or body == "-"
            # A list may stand at its mapping's own indentation ("k:" then "- x" below it).
            while levels and (levels[-1][0] > column or levels[-1][0] == column and (levels[-1][1] or not dash)):
                levels.pop()
            # "- - k: x": each dash opens a list, and a key after them a mapping, one level each.
            while body.startswith("- ") or body == "-":
                if not (levels and levels[-1] == (column, True)):
                    levels.append((column, True))
                if len(levels) > limit:
                    return number, column + 1
                column += 2
                body = body[2:].lstrip(" ")
            if _BLOCK_KEY.match(body):
                levels.append((column, False))
                if len(levels) > limit:
                    return number, column + 1
        quote = ""
        for i, char in enumerate(src):
            if quote:
                if char == quote:
                    quote = ""
            elif char in "'\"":
                quote = char
            elif char == "#" and (i == 0 or src[i - 1] in " \t"):
                break
            elif char in "[{":
                flow += 1
                if len(levels) + flow > limit:
                    return number, i + 1
            elif char in "]}":
                flow = max(0, flow - 1)
    return None


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
            advice = (
                "the text in single quotes ends early at an apostrophe; write the apostrophe twice ('') "
                "or put the text in double quotes"
            )
        else:
            advice = 'the text in double quotes ends early; write a " inside it as \\" or use single quotes'
    elif "mapping values are not allowed" in said and ": " in value:
        advice = "this text holds ': ', which YAML reads as a new field; put the whole text in quotes"
    elif (
        "',' or ']'" in said
        or "',' or '}'" in said
        or ("expected node content" in said and _unclosed_bracket(lines, line) is not None)
    ):
        if (opened := _unclosed_bracket(lines, line)) is not None:
            line, column = opened
        advice = (
            "a [ ] or { } list is not closed on its line; close it, and put items holding a comma, "
            "'#' or ': ' in quotes"
        )
    elif (
        "mapping values are not allowed" in said
        or "expected key" in said
        or "'-' indicator" in said
        or "block end" in said
    ):
        advice = (
            "the indentation of this line does not match the lines above it; the fields of a question "
            "must line up, and each question starts with '- ' at the same indentation"
        )
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
            body = re.sub(r"\\.", "", body)
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
