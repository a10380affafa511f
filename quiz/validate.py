"""Checking packs and facts files: every problem at once, each at its line and column.

Structure is checked against ``quiz/schema/pack.schema.json`` (JSON Schema
2020-12), the same file editors use to complete packs. Importing jsonschema and
running it costs more than parsing a big pack, so a hand-written mirror of the
schema (``conforms``) answers "is the structure fine?" first, and jsonschema only
runs to explain a pack that is not. A test keeps the two in agreement. The rules
a schema cannot say (the answer is one of the choices, ids are unique, quotes are
in the seed...) are checked here in Python.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from quiz import seeds as seed_folders
from quiz.errors import Problem
from quiz.model import (
    DIFFICULTIES,
    MATCHING,
    MULTI_SELECT,
    MULTIPLE_CHOICE,
    NUMERIC,
    ORDERING,
    QUESTION_TYPES,
    TRUE_FALSE,
    TYPE_IN,
    as_text,
)
from quiz.qtypes import TYPES
from quiz.qtypes.base import DataCheck, is_answer_text, is_number

SCHEMA_FILE = Path(__file__).parent / "schema" / "pack.schema.json"

HEADER_FIELDS = ("id", "title", "description", "version", "language", "authors", "license", "sources", "seeds")
COMMON_FIELDS = ("id", "category", "type", "difficulty", "prompt", "explanation", "facts", "source")
#: The answer fields each question type uses; any other answer field is a mistake.
TYPE_FIELDS: dict[str, tuple[str, ...]] = {name: definition.fields for name, definition in TYPES.items()}
ANSWER_FIELDS = ("choices", "answer", "answers", "tolerance", "range", "unit", "items", "pairs")
QUESTION_FIELDS = COMMON_FIELDS + ANSWER_FIELDS
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


# --------------------------------------------------------------------------- fast structural mirror


def _text(v: Any) -> bool:
    return type(v) is str and not v.isspace() and v != ""


_number = is_number
_answer_text = is_answer_text


def _list_of(v: Any, ok: Any) -> bool:
    return isinstance(v, list) and all(ok(x) for x in v)


def _unique(v: list) -> bool:
    return len(set(v)) == len(v)


def _str(v: Any) -> bool:
    return type(v) is str


def _header_ok(h: Any) -> bool:
    if not isinstance(h, dict) or "id" not in h or "title" not in h:
        return False
    for key, value in h.items():
        if key == "id":
            ok = _str(value) and SLUG.search(value) is not None
        elif key in ("title", "seeds"):
            ok = _text(value)
        elif key in ("description", "language", "license"):
            ok = _str(value)
        elif key == "version":
            ok = _str(value) or _number(value)
        elif key == "authors":
            ok = _list_of(value, _str)
        elif key == "sources":
            ok = _list_of(value, _source_entry_ok)
        else:
            return False
        if not ok:
            return False
    return True


def _source_entry_ok(v: Any) -> bool:
    if _str(v):
        return True
    return isinstance(v, dict) and all(_str(v[k]) for k in ("title", "url", "seed") if k in v)


def _pair_ok(p: Any) -> bool:
    return isinstance(p, dict) and len(p) == 2 and _answer_text(p.get("left")) and _answer_text(p.get("right"))


_FIELD_OK = {
    "id": lambda v: _text(v) or (type(v) is int) or (type(v) is float and v.is_integer()),
    "category": _text,
    "type": lambda v: v in QUESTION_TYPES,
    "difficulty": lambda v: v in DIFFICULTIES,
    "prompt": _text,
    "choices": lambda v: _list_of(v, _answer_text),
    "answer": lambda v: _str(v) or _number(v) or type(v) is bool,
    "answers": lambda v: _list_of(v, _answer_text),
    "tolerance": _number,
    "range": lambda v: _list_of(v, _number),
    "unit": _str,
    "items": lambda v: _list_of(v, _answer_text),
    "pairs": lambda v: _list_of(v, _pair_ok),
    "explanation": _str,
    "facts": lambda v: _list_of(v, _str),
    "source": lambda v: (
        isinstance(v, dict) and len(v) == 2 and type(v.get("seed")) is str and v["seed"] != "" and _text(v.get("quote"))
    ),
}


def _question_ok(q: Any) -> bool:
    if not isinstance(q, dict):
        return False
    if "id" not in q or "category" not in q or "type" not in q or "prompt" not in q:
        return False
    for key, value in q.items():
        check = _FIELD_OK.get(key)
        if check is None or not check(value):
            return False
    t = q["type"]
    if t == MULTIPLE_CHOICE:
        return (
            "choices" in q
            and "answer" in q
            and len(q["choices"]) >= 2
            and _unique(q["choices"])
            and type(q["answer"]) is not bool
        )
    if t == MULTI_SELECT:
        return (
            "choices" in q
            and "answers" in q
            and len(q["choices"]) >= 2
            and _unique(q["choices"])
            and len(q["answers"]) >= 1
            and _unique(q["answers"])
        )
    if t == TRUE_FALSE:
        return type(q.get("answer")) is bool
    if t == TYPE_IN:
        return len(q.get("answers") or ()) >= 1
    if t == NUMERIC:
        if "answer" in q and not _number(q["answer"]):
            return False
        if q.get("tolerance", 0) < 0:
            return False
        if "range" in q:
            return len(q["range"]) == 2 and "answer" not in q
        return "answer" in q
    if t == ORDERING:
        return len(q.get("items") or ()) >= 3 and _unique(q["items"])
    if t == MATCHING:
        return len(q.get("pairs") or ()) >= 2
    return False


def conforms(data: Any) -> bool:
    """True when ``data`` is valid against the pack schema (fast; no jsonschema)."""
    if not isinstance(data, dict) or "pack" not in data or "questions" not in data or len(data) != 2:
        return False
    if not _header_ok(data["pack"]) or not isinstance(data["questions"], list):
        return False
    return all(_question_ok(q) for q in data["questions"])


# --------------------------------------------------------------------------- jsonschema, explained

_validator: Any = None


def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def schema_validator() -> Any:
    """The compiled schema validator, built once per process."""
    global _validator
    if _validator is None:
        from jsonschema import Draft202012Validator

        _validator = Draft202012Validator(schema())
    return _validator


def _pos(data: Any, path: list) -> tuple[int, int]:
    """Line and column of the node at ``path`` (its parent's record of it)."""
    if not path:
        return (getattr(data, "line", 0) or 1, getattr(data, "column", 0) or 1)
    parent = _walk(data, path[:-1])
    if hasattr(parent, "pos_of"):
        return parent.pos_of(path[-1])
    return _pos(data, path[:-1])


def _node_pos(node: Any, data: Any, path: list) -> tuple[int, int]:
    if getattr(node, "line", 0):
        return (node.line, node.column)
    return _pos(data, path)


def _walk(data: Any, path: Iterable) -> Any:
    for key in path:
        data = data[key]
    return data


#: Longest value quoted back in a message; the rest is cut (a value can be megabytes long).
SHOWN_CHARS = 60


def shown(value: Any) -> str:
    """``repr(value)`` for a message, cut to SHOWN_CHARS with an ellipsis."""
    if isinstance(value, str) and len(value) > SHOWN_CHARS:
        text = repr(value[:SHOWN_CHARS])
        return text[:-1] + "…" + text[-1]  # the ellipsis inside the quotes
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS + 2 else text[:SHOWN_CHARS] + "…"


def _kind(v: Any) -> str:
    if v is None:
        return "empty"
    if isinstance(v, bool):
        return f"{str(v).lower()} (a yes/no value)"
    if isinstance(v, (int, float)):
        return f"the number {v}"
    if isinstance(v, str):
        return f"the text {shown(v)}"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a mapping of fields"
    return f"a {type(v).__name__}"


_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}

_SINGULAR = {
    "choices": "choice",
    "answers": "answer",
    "items": "item",
    "pairs": "pair",
    "range": "number",
    "authors": "author",
    "sources": "source",
    "facts": "fact",
    "questions": "question",
}


def _describe(path: list, data: Any) -> str:
    """How a pack author would name the node at ``path``."""
    if not path:
        return "the file"
    if path == ["pack"]:
        return "the 'pack' header"
    if path[0] == "questions" and len(path) == 2:
        return f"question {path[1] + 1}"
    key = path[-1]
    if isinstance(key, int):
        parent = path[-2] if len(path) >= 2 else ""
        return f"{_SINGULAR.get(parent, 'item')} {key + 1} of '{parent}'"
    if path[0] == "pack" and key in ("id", "title"):
        return f"pack {key}"
    return f"'{key}'"


def _question_type(data: Any, path: list) -> str | None:
    if len(path) >= 2 and path[0] == "questions":
        try:
            q = data["questions"][path[1]]
            t = q.get("type") if isinstance(q, dict) else None
            return t if isinstance(t, str) else None
        except (IndexError, KeyError, TypeError):
            return None
    return None


def _did_you_mean(word: Any, options: Iterable[str]) -> str:
    import difflib  # only needed when something is wrong

    if not isinstance(word, str):
        return ""
    options = list(options)
    lowered = {o.lower(): o for o in options}
    if word.lower() in lowered:
        return f"; did you mean '{lowered[word.lower()]}'?"
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass
class _Found:
    line: int
    column: int
    message: str
    severity: str = "error"
    #: (question index, field) a "missing field" report is about, or that a rename explains.
    missing: tuple | None = None
    renamed: tuple | None = None


def _explain(err: Any, data: Any) -> list[_Found]:
    path = list(err.absolute_path)
    node = err.instance
    v = err.validator
    what = _describe(path, data)
    qtype = _question_type(data, path)
    qindex = path[1] if len(path) >= 2 and path[0] == "questions" else None
    if v == "additionalProperties":
        allowed = list((err.schema.get("properties") or {}).keys())
        out = []
        for key in node:
            if key in allowed:
                continue
            line, col = (
                node.key_pos.get(key, (node.line, node.column)) if hasattr(node, "key_pos") else _pos(data, path)
            )
            hint = _did_you_mean(key, allowed)
            where = " in the pack header" if path == ["pack"] else ""
            if path == []:
                where = " at the top of the file (a pack has only 'pack' and 'questions')"
            found = _Found(line, col, f"unknown field '{key}'{where}{hint}")
            if hint and len(path) == 2 and path[0] == "questions":
                found.renamed = (path[1], hint.split("'")[1])
            out.append(found)
        return out
    if v == "required":
        line, col = _node_pos(node, data, path)
        out = []
        for key in err.validator_value:
            if key in node:
                continue
            if path == []:
                msg = f"missing '{key}'; a pack has a 'pack' header and a 'questions' list"
            elif path == ["pack"]:
                msg = f"the pack header is missing '{key}'"
            elif qindex is not None and len(path) == 2:
                if qtype == NUMERIC and key == "answer":
                    msg = "a numeric question needs 'answer' (a number) or 'range: [low, high]'"
                elif key in ANSWER_FIELDS and qtype:
                    msg = f"missing field '{key}'; {qtype} questions need it"
                else:
                    msg = f"missing field '{key}'"
            else:
                msg = f"{what} is missing '{key}'"
            out.append(_Found(line, col, msg, missing=(qindex, key) if len(path) == 2 else None))
        return out
    line, col = _pos(data, path)
    if v == "type":
        expected = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        if path == ["questions"] and node is None:
            return [_Found(line, col, "the pack has no questions; add at least one under 'questions:'")]
        if qtype == TRUE_FALSE and path[-1] == "answer":
            return [
                _Found(
                    line,
                    col,
                    f"the answer of a true/false question must be true or false (no quotes), not {_kind(node)}",
                )
            ]
        words = " or ".join(str(_TYPE_WORDS.get(t, t)) for t in expected)
        msg = f"{what} should be {words}, not {_kind(node)}"
        if isinstance(node, bool) and "string" in expected:
            msg += "; put it in quotes (YAML reads yes, no, on, off, true and false as yes/no values)"
        return [_Found(line, col, msg)]
    if v == "enum":
        options = [str(o) for o in err.validator_value]
        label = "question type" if path[-1] == "type" else str(path[-1])
        return [
            _Found(
                line,
                col,
                f"unknown {label} {shown(node)}{_did_you_mean(node, options)} (use one of: {', '.join(options)})",
            )
        ]
    if v in ("minLength", "pattern"):
        if path == ["pack", "id"]:
            return [
                _Found(
                    line,
                    col,
                    f"pack id {shown(node)} is not a slug: use lowercase letters, digits and hyphens"
                    " (e.g. 'tdf-teams')",
                )
            ]
        return [_Found(line, col, f"{what} is empty")]
    if v == "minItems":
        n = len(node)
        key = path[-1]
        need = err.validator_value
        if key == "answers" and qtype == MULTI_SELECT:
            msg = "a multi_select question needs at least one right answer in 'answers'"
        elif key == "answers" and qtype == TYPE_IN:
            msg = "a type_in question needs at least one accepted answer in 'answers'"
        elif key == "range":
            msg = f"'range' needs exactly 2 numbers, [low, high]; it has {n}"
        else:
            noun = _SINGULAR.get(str(key), "item")
            kind = f"{'an' if (qtype or '')[:1] in 'aeiou' and qtype else 'a'} {qtype} question" if qtype else "this"
            msg = f"{kind} needs at least {need} {noun}s in '{key}'; it has {n}"
        return [_Found(line, col, msg)]
    if v == "maxItems":
        return [_Found(line, col, f"'range' needs exactly 2 numbers, [low, high]; it has {len(node)}")]
    if v == "uniqueItems":
        out, seen = [], set()
        noun = _SINGULAR.get(str(path[-1]), "item")
        for i, item in enumerate(node):
            try:
                if item in seen:
                    iline, icol = node.pos_of(i) if hasattr(node, "pos_of") else (line, col)
                    out.append(_Found(iline, icol, f"duplicate {noun} {shown(item)} in '{path[-1]}'"))
                seen.add(item)
            except TypeError:
                pass
        return out or [_Found(line, col, f"'{path[-1]}' has duplicates")]
    if v == "minimum":
        return [_Found(line, col, f"{what} cannot be negative ({node})")]
    if v == "not" and qtype == NUMERIC:
        qline, qcol = _node_pos(node, data, path)
        return [_Found(qline, qcol, "a numeric question has either 'answer' or 'range', not both")]
    return [_Found(line, col, f"{what}: {err.message}")]


# --------------------------------------------------------------------------- semantic rules


_seed_texts: dict[tuple[str, int, int], tuple[str, str, str]] = {}


def _fold(text: str) -> str:
    """Letters and digits only, accents and case dropped: punctuation-blind comparison."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", text))


def _seed(places: seed_folders.SeedPlaces, name: str) -> tuple[str, str, str] | None:
    path = places.find(name)
    if path is None:
        return None
    key = seed_folders.stamp(path)  # a seed edited while the game runs is read again
    if key not in _seed_texts:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        _seed_texts[key] = (text, " ".join(text.split()), _fold(text))
    return _seed_texts[key]


def _check_source(q: dict, places: seed_folders.SeedPlaces, add: Any, texts: dict, unchecked: set[str]) -> None:
    """Check one question's quote; ``texts`` keeps each seed's text for the rest of the pack."""
    source = q["source"]
    seed, quote = source["seed"], source["quote"]
    if seed not in texts:
        texts[seed] = _seed(places, seed)
    stored = texts[seed]
    if stored is None:
        names = places.names()
        hint = _did_you_mean(seed, names)
        if places.strict:
            add(
                source.pos_of("seed"),
                f"unknown seed file {shown(seed)}{hint or ' (the seeds are: ' + ', '.join(names) + ')'}",
            )
        elif seed not in unchecked:
            # A pack of one's own may quote articles the game does not have: say so once per file.
            unchecked.add(seed)
            where = "in the folder named in 'seeds'" if places.named else "beside this pack"
            add(
                source.pos_of("seed"),
                f"seed file {shown(seed)} is neither {where} nor among the game's seeds, so the quotes from it "
                f"are not checked{hint or ''}; put it {where} or name its folder in the header's 'seeds'",
                "warning",
            )
        return
    _raw, spaced, folded = stored
    if " ".join(quote.split()) in spaced:
        return
    if _fold(quote) and _fold(quote) in folded:
        add(
            source.pos_of("quote"),
            f"the quote differs from {seed} in punctuation, case or accents; copy it word for word",
            "warning",
        )
        return
    add(source.pos_of("quote"), f"this quote is not in {seed}; copy a sentence from it word for word")


def _raw_token(lines: list[str], line: int, column: int) -> str:
    if not (0 < line <= len(lines)):
        return ""
    rest = lines[line - 1][column - 1 :]
    return re.split(r"[\s,#\]}]", rest, maxsplit=1)[0]


def _raw_reader(lines: list[str] | None, pos: Callable[[str], tuple[int, int]]) -> Callable[[str], str]:
    """A field's text as written in the file (YAML may have read ``yes`` as true), or "" without the text."""
    if lines is None:
        return lambda key: ""
    return lambda key: _raw_token(lines, *pos(key))


def _semantic(data: dict, text: str | None, seeds: seed_folders.SeedPlaces | None, add: Any) -> None:
    questions = data.get("questions")
    if not isinstance(questions, list):
        return
    if not questions:
        # Nothing to play: an error, like a missing 'questions' list, so `quiz validate` fails.
        where = data.pos_of("questions") if hasattr(data, "pos_of") else (1, 1)
        add(where, "the pack has no questions; add at least one under 'questions:'")
    lines = text.splitlines() if text is not None else None
    seen_ids: dict[str, tuple[int, int]] = {}
    unchecked: set[str] = set()
    texts: dict[str, tuple[str, str, str] | None] = {}
    for index, q in enumerate(questions):
        if not isinstance(q, dict):
            continue
        pos = q.pos_of if hasattr(q, "pos_of") else (lambda _k: (0, 0))
        qid = q.get("id")
        if isinstance(qid, (str, int, float)) and not isinstance(qid, bool) and as_text(qid).strip():
            key = as_text(qid)
            if key in seen_ids:
                first = seen_ids[key]
                add(pos("id"), f"duplicate question id {shown(key)} (first used at line {first[0]})")
            else:
                seen_ids[key] = pos("id")
        qtype = q.get("type")
        if not isinstance(qtype, str) or qtype not in TYPE_FIELDS:
            continue
        allowed = TYPE_FIELDS[qtype]
        for key in q:
            if key in ANSWER_FIELDS and key not in allowed:
                hint = _did_you_mean(key, allowed)
                line, col = q.key_pos.get(key, pos(key)) if hasattr(q, "key_pos") else (0, 0)
                renamed = (index, hint.split("'")[1]) if hint else None
                add(
                    (line, col),
                    f"'{key}' is not used by {qtype} questions (they use {', '.join(repr(a) for a in allowed)}){hint}",
                    renamed=renamed,
                )
        TYPES[qtype].check_data(DataCheck(q, add, _raw_reader(lines, pos), shown, _did_you_mean))
        if seeds is not None and _FIELD_OK["source"](q.get("source")) and hasattr(q["source"], "pos_of"):
            _check_source(q, seeds, add, texts, unchecked)


# --------------------------------------------------------------------------- entry points


#: Schema errors explained one by one in a file; past this, the broken questions left are counted.
MAX_SCHEMA_ERRORS = 200


def _more_broken(data: Any, found: list[_Found]) -> _Found:
    """One error standing for every broken question not explained yet."""
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list):
        return _Found(
            0, 0, f"more problems are not listed after the first {MAX_SCHEMA_ERRORS}; fix these and check again"
        )
    last_line = max((f.line for f in found), default=0)
    pos_of = getattr(questions, "pos_of", None)
    rest = (
        [i for i, q in enumerate(questions) if not _question_ok(q) and pos_of(i)[0] > last_line]
        if pos_of is not None
        else []
    )
    if not rest:
        return _Found(
            last_line, 0, f"more problems are not listed after the first {MAX_SCHEMA_ERRORS}; fix these and check again"
        )
    assert pos_of is not None  # rest is empty without it
    line, column = pos_of(rest[0])
    return _Found(
        line,
        column,
        f"this question and {len(rest) - 1:,} more after it also have errors, not listed "
        f"one by one (the first {MAX_SCHEMA_ERRORS} are); fix those and check again",
    )


def check_pack_data(
    data: object, name: str, text: str | None = None, seeds: Path | None | bool = True
) -> list[Problem]:
    """Every problem in a parsed pack, in file order (errors and warnings).

    ``text`` (the file's source) lets a few checks see what YAML hid, like ``yes``
    read as true. ``seeds``: True to find the seed articles (quiz.locations), a
    folder, or None/False to skip quote checks.
    """
    found: list[_Found] = []

    def add(where: tuple[int, int], message: str, severity: str = "error", renamed: tuple | None = None) -> None:
        found.append(_Found(where[0], where[1], message, severity, renamed=renamed))

    places = seed_places(data, name, seeds, add)

    if not conforms(data):
        # Explaining one schema error costs about a millisecond, so a file where every one of
        # 200,000 questions is broken would take minutes: explain the first ones, count the rest.
        errors = schema_validator().iter_errors(data)
        for err in islice(errors, MAX_SCHEMA_ERRORS):
            found.extend(_explain(err, data))
        if next(errors, None) is not None:
            found.append(_more_broken(data, found))
    if isinstance(data, dict):
        _semantic(data, text, places, add)
    explained = {f.renamed for f in found if f.renamed}
    problems: list[Problem] = []
    seen: set[tuple] = set()
    for f in found:
        if f.missing is not None and f.missing in explained:
            continue  # "unknown 'answers'... did you mean 'answer'?" already says it
        key = (f.line, f.column, f.message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(name, f.line, f.column, f.message, f.severity))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def _named_seeds(data: Any) -> str | None:
    """The header's ``seeds`` folder, when it is one."""
    header = data.get("pack") if isinstance(data, dict) else None
    named = header.get("seeds") if isinstance(header, dict) else None
    return named if _text(named) else None


def seed_places(
    data: Any, name: str, seeds: Path | str | None | bool = True, add: Any = None
) -> seed_folders.SeedPlaces | None:
    """Where the quotes of the pack ``name`` are checked (see quiz.seeds); None: they are not.

    ``seeds``: True for the pack's own places, a folder to check against that folder
    alone, None or False for no checks. ``add`` hears of a named folder that is missing.
    """
    if seeds is True:
        named = _named_seeds(data)
        places = seed_folders.for_pack(name, named)
        if named and places is not None and not places.folders[0].is_dir() and add is not None:
            header = data["pack"]
            add(
                header.pos_of("seeds") if hasattr(header, "pos_of") else (0, 0),
                f"the seeds folder {shown(named)} was not found (it is looked up from this pack's folder)",
                "warning",
            )
        return places
    if not seeds or not Path(seeds).is_dir():
        return None
    return seed_folders.in_folder(seeds)


def seed_stamps(data: Any, name: str) -> list[tuple[str, int, int]]:
    """What of the pack's own folders its checked quotes depended on, for the pack cache (quiz.seeds)."""
    places = seed_places(data, name)
    questions = data.get("questions") if isinstance(data, dict) else None
    if places is None or not isinstance(questions, list):
        return []
    names = {q["source"]["seed"] for q in questions if isinstance(q, dict) and _FIELD_OK["source"](q.get("source"))}
    return places.stamps(names)


def is_facts_data(name: str, data: Any) -> bool:
    if name.endswith((".facts.yaml", ".facts.yml")):
        return True
    return isinstance(data, dict) and "pack" not in data and ("facts" in data or "entities" in data)


def question_ids(data: Any) -> list[tuple[str, int, int]]:
    out = []
    questions = data.get("questions") if isinstance(data, dict) else None
    for q in questions if isinstance(questions, list) else ():
        if isinstance(q, dict) and isinstance(q.get("id"), (str, int)) and not isinstance(q.get("id"), bool):
            line, col = q.pos_of("id") if hasattr(q, "pos_of") else (0, 0)
            out.append((as_text(q["id"]), line, col))
    return out
