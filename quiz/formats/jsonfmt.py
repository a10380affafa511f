"""JSON: the stable interchange form of questions, written and read back.

The file is a JSON array with one object per question::

    {"id", "pack", "category", "type", "difficulty", "prompt",
     "choices": [...], "answers": [...],          # answers are always strings
     "tolerance" | "range", "unit",               # numeric questions only
     "pairs": [{"left", "right"}, ...],           # matching questions only
     "explanation", "facts": [...], "source": {"seed", "quote"} | null}

``answers`` holds every accepted correct answer as text: the right choice, all
right choices, ``"true"``/``"false"``, accepted spellings, the number (or
``"lo..hi"``), the items in order, or the right-hand sides of the pairs.

The pack header is not part of the array; importing takes the pack id from the
objects' ``pack`` field.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from quiz.errors import FileProblem
from quiz.formats.base import ExportResult, ImportResult, Skipped, read_import_text, write_text_export
from quiz.formats.naming import TakenIds, short_name, slug, unique_id
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
    Pack,
    PackInfo,
    Question,
    Source,
)
from quiz.textfile import decode_utf8

NAME = "json"
DESCRIPTION = "JSON array of questions (the stable interchange form)"
SUFFIX = ".json"


# --- export ---------------------------------------------------------------


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def question_to_json(q: Question) -> dict[str, Any]:
    """One question in the interchange shape (keys always in this order)."""
    out: dict[str, Any] = {
        "id": q.id,
        "pack": q.pack,
        "category": q.category,
        "type": q.type,
        "difficulty": q.difficulty,
        "prompt": q.prompt,
        "choices": list(q.choices),
        "answers": list(q.answers),
    }
    if q.type == NUMERIC:
        if q.low is not None and q.high is not None:
            out["range"] = [_number(q.low), _number(q.high)]
        else:
            out["tolerance"] = _number(q.tolerance)
        out["unit"] = q.unit
    if q.type == MATCHING:
        out["pairs"] = [{"left": left, "right": right} for left, right in q.pairs]
    out["explanation"] = q.explanation
    out["facts"] = list(q.facts)
    out["source"] = {"seed": q.source.seed, "quote": q.source.quote} if q.source else None
    return out


def export_text(packs: list[Pack]) -> tuple[str, ExportResult]:
    items = []
    for pack in packs:
        for q in pack.questions:
            # A question built in memory may not know its pack yet.
            items.append(question_to_json(q if q.pack else replace(q, pack=pack.id)))
    text = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    return text, ExportResult(written=len(items))


def export_packs(packs: list[Pack], out: Path | None) -> ExportResult:
    return write_text_export(*export_text(packs), out)


# --- reading JSON with line numbers ----------------------------------------


#: Digits a JSON integer may have: no question needs more, and Python refuses over 4,300.
MAX_DIGITS = 100


def parse_json(text: str, name: str) -> Any:
    """Parse JSON text; every failure becomes a FileProblem, with a line where there is one."""
    if not text.strip():
        raise FileProblem(name, "the file is empty")
    try:
        data = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_int=_json_int,
            parse_float=_json_float,
            object_pairs_hook=_no_repeated_keys,
        )
    except json.JSONDecodeError as exc:
        raise FileProblem(name, f"this is not valid JSON: {_json_error(exc, text)}", exc.lineno, exc.colno) from None
    except _Refused as exc:
        raise FileProblem(name, f"this is not valid JSON here: {exc.message}", *_line_of(text, exc.found)) from None
    except RecursionError:
        raise FileProblem(name, "the JSON is nested too deeply (questions need only a few levels)") from None
    surrogate = _lone_surrogate(data)
    if surrogate is not None:
        # json accepts "\ud800" alone, but it is no character and no UTF-8 file can hold it.
        escape = f"\\u{ord(surrogate):04x}"
        raise FileProblem(
            name,
            f"the text {escape} is half of a UTF-16 surrogate pair, not a character; "
            "remove it or write the character itself",
            *_line_of(text, escape),
        )
    return data


# The json module's messages end where a position would follow ("Unterminated string
# starting at"); the position is given as file:line:column, so say what is wrong in a sentence.
_JSON_MESSAGES = {
    "Unterminated string starting at": "a text in quotes that starts here is never closed",
    "Invalid control character at": "a line break or tab inside a text in quotes (write it as \\n or \\t)",
    "Expecting value": "a value was expected here (text in quotes, a number, true, false, null, a list or an object)",
    "Expecting ',' delimiter": "a comma is missing here, between two items",
    "Expecting ':' delimiter": "a colon is missing here, after a key",
    "Expecting property name enclosed in double quotes": "a key in double quotes was expected here "
    "(is there a comma too many before a closing brace?)",
    "Extra data": "more text follows the end of the JSON data",
    "Invalid \\escape": "a backslash starts an escape JSON does not have (write \\\\ for a backslash)",
    "Invalid \\uXXXX escape": "a \\u escape needs four hexadecimal digits",
}


def _json_error(exc: json.JSONDecodeError, text: str) -> str:
    cut_short = "it looks cut short (was it saved or downloaded completely?)"
    if not text[exc.pos :].strip():
        return f"the file ends before its JSON is complete; {cut_short}"
    message = _JSON_MESSAGES.get(exc.msg, exc.msg)
    if exc.msg == "Unterminated string starting at" and text.find('"', exc.pos + 1) < 0:
        message += f" before the file ends; {cut_short}"
    return message


class _Refused(ValueError):
    def __init__(self, message: str, found: str):
        super().__init__(message)
        self.message = message
        self.found = found  # text to look for, to say on which line


def _refuse_constant(word: str) -> Any:
    raise _Refused(f"{word} is not a JSON number; write a number, or the text in quotes", word)


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"a number with {len(digits.lstrip('-')):,} digits is far too long", digits[:20])
    return int(digits)


def _json_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(f"the number {text[:20]}{'…' if len(text) > 20 else ''} is too big", text[:20])
    return value


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                shown = key if len(key) <= 40 else key[:39] + "…"
                # Which one counts is up to each program; we refuse to guess, as for YAML.
                raise _Refused(f"the key {shown!r} appears twice in one object", json.dumps(key)[:40])
            seen.add(key)
    return data


def _line_of(text: str, found: str) -> tuple[int, int]:
    """(line, column) of the first ``found`` in ``text``, or (0, 0) when it is not there as written."""
    match = re.search(re.escape(found), text, re.IGNORECASE) if found else None  # \uD800 or \ud800
    if match is None:
        return 0, 0
    at = match.start()
    line_start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - line_start + 1


def _lone_surrogate(data: Any) -> str | None:
    """The first half surrogate in any text of the data (keys included), or None."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                return found.group()
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def read_json(path: str | Path) -> tuple[Any, str]:
    """The parsed JSON of a file and its text (for :func:`object_lines`)."""
    text = read_import_text(path, "a JSON file")
    return parse_json(text, str(path)), text


def object_lines(text: str, depth: int) -> list[int]:
    """Lines where objects open at a given nesting depth (1 = items of a top-level array).

    The json module keeps no positions, so a light scan that knows strings is
    enough to say on which line each question of an array starts. It jumps
    from bracket to bracket and over whole strings with str.find, rather than
    looking at every character in Python (seconds on a big file) or matching
    strings with a regular expression (which holds memory for every character
    of a long string).
    """
    lines: list[int] = []
    level = 0
    line = 1
    counted = 0  # ``line`` is the line of this position
    pos = 0
    search = _BRACKET_OR_QUOTE.search
    while (token := search(text, pos)) is not None:
        at = token.start()
        ch = text[at]
        if ch == '"':
            pos = _string_end(text, at + 1)
            continue
        pos = at + 1
        if ch == "[" or ch == "{":
            if ch == "{" and level == depth:
                line += text.count("\n", counted, at)
                counted = at
                lines.append(line)
            level += 1
        else:
            level -= 1
    return lines


_BRACKET_OR_QUOTE = re.compile(r'[\[\]{}"]')


def _string_end(text: str, start: int) -> int:
    """The position just after the quote closing a string whose text starts at ``start`` (the end if none)."""
    pos = start
    while True:
        quote = text.find('"', pos)
        if quote < 0:
            return len(text)
        backslashes = 0
        while text[quote - 1 - backslashes] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:  # an even run of backslashes escapes itself, not the quote
            return quote + 1
        pos = quote + 1


# --- import ---------------------------------------------------------------


class BadQuestion(Exception):
    """One question cannot be converted; the message says why (``label`` names the question, when known)."""

    def __init__(self, reason: str, label: str = ""):
        super().__init__(reason)
        self.label = label


_Bad = BadQuestion


def looks_like_export(data: Any) -> bool:
    """True when parsed JSON is this module's array (not, say, an Open Trivia DB dump).

    Judged by the majority, so that a file edited by hand (one item without
    answers, one that is not an object) is still read as what it mostly is,
    and its odd items are reported in its own terms.
    """
    if not isinstance(data, list):
        return False
    ours = sum(1 for item in data if isinstance(item, dict) and "prompt" in item)
    theirs = sum(1 for item in data if isinstance(item, dict) and ("question" in item or "correct_answer" in item))
    return ours > 0 and ours >= theirs


def import_file(path: Path) -> ImportResult:
    return import_text(read_import_text(path, "a JSON file"), str(path))


def import_bytes(data: bytes, name: str) -> ImportResult:
    return import_text(decode_utf8(data, name), name)


def import_text(text: str, name: str) -> ImportResult:
    data = parse_json(text, name)
    if not isinstance(data, list):
        raise FileProblem(name, "expected a JSON array of questions (as `quiz export --format json` writes)", 1)
    lines = object_lines(text, 1)
    if len(lines) != sum(isinstance(item, dict) for item in data):
        lines = []
    line_iter = iter(lines)
    entries = [(index, next(line_iter, 0) if isinstance(item, dict) else 0, item) for index, item in enumerate(data, 1)]
    return import_items(entries, name)


def import_items(entries: list[tuple[int, int, Any]], name: str, unit: str = "line") -> ImportResult:
    """Questions in the interchange shape, each as (its number, its line or row, the object).

    An entry's object may instead be the BadQuestion its reader raised (the CSV
    importer's, for a cell it cannot read): it is skipped with that reason.

    Shared by the JSON and CSV importers: the same checks, the same ids, the
    same pack made of them.
    """
    skipped: list[Skipped] = []
    questions: list[Question] = []
    seen: set[tuple[str, str]] = set()
    what = "row" if unit == "row" else "item"
    for index, line, item in entries:
        if isinstance(item, BadQuestion):  # an entry its reader could not make into an object
            skipped.append(Skipped(item.label or f"{what} {index}", line, str(item), unit))
            continue
        if not isinstance(item, dict):
            skipped.append(Skipped(f"{what} {index}", line, "not a JSON object", unit))
            continue
        label = _label(item, index, what)
        try:
            q = question_from_json(item)
        except BadQuestion as exc:
            skipped.append(Skipped(label, line, str(exc), unit))
            continue
        if (q.pack, q.id) in seen:
            skipped.append(Skipped(label, line, f"the id {q.id!r} was already used by an earlier question", unit))
            continue
        seen.add((q.pack, q.id))
        questions.append(replace(q, line=line))
    warnings: list[str] = []
    pack_ids = sorted({q.pack for q in questions if q.pack})
    stem = Path(name).stem or "imported"
    pack_id = _pack_id(pack_ids[0]) if len(pack_ids) == 1 else ""
    pack_id = pack_id or slug(stem) or "imported"
    if len(pack_ids) > 1:
        warnings.append(f"questions from {len(pack_ids)} packs ({', '.join(pack_ids)}) were merged into one")
        # Question ids are only unique within a pack, so merged ones may clash.
        questions, clashes = _unique_ids(questions)
        warnings.extend(clashes)
    questions = [replace(q, pack=pack_id) for q in questions]
    info = PackInfo(id=pack_id, title=f"Questions from {Path(name).name}")
    return ImportResult(Pack(info=info, questions=questions, path=""), skipped, warnings, unit)


_PACK_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _pack_id(text: str) -> str:
    """A pack id as packs need it (lower-case words and hyphens)."""
    return text if _PACK_ID.fullmatch(text) else slug(text)


def _unique_ids(questions: list[Question]) -> tuple[list[Question], list[str]]:
    out: list[Question] = []
    taken = TakenIds()
    notes: list[str] = []
    for q in questions:
        new_id = q.id
        if new_id in taken:
            new_id = unique_id(f"{q.pack}-{q.id}", taken)
            notes.append(f"question {q.id!r} of pack {q.pack!r} renamed {new_id!r}")
        else:
            taken.add(new_id)
        out.append(replace(q, id=new_id) if new_id != q.id else q)
    return out, notes


def _label(item: dict, index: int, what: str = "item") -> str:
    for key in ("id", "prompt"):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return short_name(value)
    return f"{what} {index}"


def _text_value(value: Any, what: str) -> str:
    """A string field; numbers are accepted and written the way YAML would."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise _Bad(f"{what} must be text")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Bad(f"{what} must be text")
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _text_list(item: dict, key: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _Bad(f"'{key}' must be a list")
    return tuple(_text_value(v, f"each of '{key}'") for v in value)


def _float(value: Any, what: str) -> float:
    if isinstance(value, bool):
        raise _Bad(f"{what} must be a number")
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise _Bad(f"{what} must be a number, not {value!r}") from None
    if not isinstance(value, (int, float)):
        raise _Bad(f"{what} must be a number")
    try:
        result = float(value)
    except OverflowError:
        raise _Bad(f"{what} is too large") from None
    if not math.isfinite(result):
        raise _Bad(f"{what} must be a finite number")
    return result


def _required_text(item: dict, key: str) -> str:
    if key not in item:
        raise _Bad(f"'{key}' is missing")
    text = _text_value(item[key], f"'{key}'").strip()
    if not text:
        raise _Bad(f"'{key}' is empty")
    return text


def question_from_json(item: dict) -> Question:
    """Check and convert one object of the array; raises _Bad with a reason."""
    qid = _required_text(item, "id")
    qtype = _required_text(item, "type")
    if qtype not in QUESTION_TYPES:
        raise _Bad(f"unknown type {qtype!r} (expected one of: {', '.join(QUESTION_TYPES)})")
    prompt = _required_text(item, "prompt")
    category = _required_text(item, "category")
    difficulty = _text_value(item.get("difficulty", "medium"), "'difficulty'")
    if difficulty not in DIFFICULTIES:
        raise _Bad(f"difficulty {difficulty!r} is not one of {', '.join(DIFFICULTIES)}")
    pack = _text_value(item.get("pack") or "", "'pack'").strip()
    choices = _text_list(item, "choices")
    answers = _text_list(item, "answers")
    fields: dict[str, Any] = {}
    if qtype in (MULTIPLE_CHOICE, MULTI_SELECT):
        if len(choices) < 2:
            raise _Bad("needs at least two choices")
        if len(set(choices)) != len(choices):
            raise _Bad("two choices are the same")
        if not answers:
            raise _Bad("no answer given")
        if qtype == MULTIPLE_CHOICE and len(answers) != 1:
            raise _Bad("a multiple-choice question has exactly one answer")
        if len(set(answers)) != len(answers):
            raise _Bad("an answer is listed twice")
        missing = [a for a in answers if a not in choices]
        if missing:
            raise _Bad(f"the answer {missing[0]!r} is not one of the choices")
        fields.update(choices=choices, answers=answers)
    elif qtype == TRUE_FALSE:
        if answers not in (("true",), ("false",)):
            raise _Bad('a true/false answer must be ["true"] or ["false"]')
        fields["answers"] = answers
    elif qtype == TYPE_IN:
        if not answers or not all(a.strip() for a in answers):
            raise _Bad("needs at least one accepted answer, none of them empty")
        fields["answers"] = answers
    elif qtype == NUMERIC:
        fields.update(_numeric_fields(item, answers))
    elif qtype == ORDERING:
        if len(answers) < 3:
            raise _Bad("an ordering question needs at least three items")
        if len(set(answers)) != len(answers):
            raise _Bad("two items are the same")
        fields["answers"] = answers
    elif qtype == MATCHING:
        pairs = _pairs(item.get("pairs"))
        fields.update(pairs=pairs, answers=tuple(right for _, right in pairs))
    return Question(
        id=qid,
        category=category,
        type=qtype,
        prompt=prompt,
        difficulty=difficulty,
        explanation=_text_value(item.get("explanation") or "", "'explanation'"),
        facts=_text_list(item, "facts"),
        source=_source(item.get("source")),
        pack=pack,
        **fields,
    )


def _numeric_fields(item: dict, answers: tuple[str, ...]) -> dict[str, Any]:
    unit = _text_value(item.get("unit") or "", "'unit'")
    rng = item.get("range")
    if rng is not None:
        if not isinstance(rng, list) or len(rng) != 2:
            raise _Bad("'range' must be a list of two numbers [low, high]")
        low, high = _float(rng[0], "the range's low end"), _float(rng[1], "the range's high end")
        if low > high:
            raise _Bad("the range's low end is above its high end")
        return {"low": low, "high": high, "unit": unit, "answers": (f"{_fmt(low)}..{_fmt(high)}",)}
    if len(answers) != 1:
        raise _Bad("a numeric question needs exactly one answer (or a 'range')")
    text = answers[0].strip()
    if ".." in text:  # "lo..hi" in answers without a range key
        lo_text, _, hi_text = text.partition("..")
        low, high = _float(lo_text, "the range's low end"), _float(hi_text, "the range's high end")
        if low > high:
            raise _Bad("the range's low end is above its high end")
        return {"low": low, "high": high, "unit": unit, "answers": (f"{_fmt(low)}..{_fmt(high)}",)}
    value = _float(text, "the answer")
    tolerance = _float(item.get("tolerance") or 0, "'tolerance'")
    if tolerance < 0:
        raise _Bad("'tolerance' cannot be negative")
    return {"value": value, "tolerance": tolerance, "unit": unit, "answers": (_fmt(value),)}


def _fmt(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise _Bad("a matching question needs a 'pairs' list with at least two pairs")
    pairs = []
    for pair in value:
        if not isinstance(pair, dict) or "left" not in pair or "right" not in pair:
            raise _Bad("each pair must be an object with 'left' and 'right'")
        pairs.append(
            (_text_value(pair["left"], "a pair's left side"), _text_value(pair["right"], "a pair's right side"))
        )
    if len({left for left, _ in pairs}) != len(pairs):
        raise _Bad("two pairs have the same left side")
    return tuple(pairs)


def _source(value: Any) -> Source | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "seed" not in value or "quote" not in value:
        raise _Bad("'source' must be null or an object with 'seed' and 'quote'")
    return Source(_text_value(value["seed"], "the source's seed"), _text_value(value["quote"], "the source's quote"))
