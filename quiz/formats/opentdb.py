"""Open Trivia Database (opentdb.com) dumps: the API's response, or its bare list.

The API answers ``{"response_code": 0, "results": [...]}``; each result has
``type`` (``multiple`` or ``boolean``), ``difficulty``, ``category``,
``question``, ``correct_answer`` and ``incorrect_answers``. Text comes HTML
encoded by default (``&quot;``, ``&#039;``, ``&shy;``...), or wholly base64
(``encode=base64``) or percent-encoded (``encode=url3986``, ``urlLegacy``);
the encoding is recognised from the data itself, so no option is needed.

Open Trivia DB questions are licensed CC BY-SA 4.0, so the pack says so and
credits the database in its header.
"""

from __future__ import annotations

import base64
import binascii
import html
import random
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from quiz.errors import FileProblem
from quiz.formats.base import ImportResult, Skipped, read_import_text
from quiz.formats.jsonfmt import object_lines, parse_json
from quiz.formats.naming import TakenIds, short_name, slug, unique_id
from quiz.model import DIFFICULTIES, MULTIPLE_CHOICE, TRUE_FALSE, Pack, PackInfo, Question
from quiz.textfile import decode_utf8

NAME = "opentdb"
DESCRIPTION = "Open Trivia Database API response (JSON; HTML, base64 or URL encoded)"
SUFFIX = ".json"

LICENSE = "CC BY-SA 4.0"
CREDIT = {
    "title": "Open Trivia Database",
    "url": "https://opentdb.com/",
    "note": "Questions from the Open Trivia Database, licensed CC BY-SA 4.0.",
}

# What the API's response codes mean (from its documentation).
RESPONSE_CODES = {
    1: "no results: the API did not have enough questions for the query",
    2: "invalid parameter: the query's arguments were not valid",
    3: "token not found: the session token does not exist",
    4: "token empty: the session token has returned every question for the query; reset it",
    5: "rate limit: too many requests (one every 5 seconds per IP address)",
}

_TEXT_FIELDS = ("type", "difficulty", "category", "question", "correct_answer")
_URL3986 = re.compile(r"[A-Za-z0-9\-._~%]*")
_URL_LEGACY = re.compile(r"[A-Za-z0-9\-._~%+*]*")
_SOFT_HYPHEN = "\u00ad"


def import_file(path: Path) -> ImportResult:
    return import_text(read_import_text(path, "an Open Trivia DB JSON file"), str(path))


def import_bytes(data: bytes, name: str) -> ImportResult:
    return import_text(decode_utf8(data, name), name)


def import_text(text: str, name: str) -> ImportResult:
    data = parse_json(text, name)
    notes: list[str] = []
    if isinstance(data, dict):
        code = data.get("response_code", 0)
        if isinstance(code, bool) or not isinstance(code, int):  # true == 1 in Python, not in the API
            kind = {bool: "true or false", str: "text", list: "a list", dict: "an object", float: "a fraction"}
            raise FileProblem(
                name,
                f"the Open Trivia DB response's response_code should be a whole number, "
                f"not {kind.get(type(code), type(code).__name__)}",
                1,
            )
        results = data.get("results")
        depth = 2
        if code != 0:
            meaning = RESPONSE_CODES.get(code, "an error code this program does not know")
            if not isinstance(results, list) or not results:
                raise FileProblem(
                    name,
                    f"the Open Trivia DB response has response_code {code} ({meaning}) "
                    "and no results, so it holds no questions",
                    1,
                )
            # Saved responses are sometimes edited or merged by hand: the results are what counts.
            notes.append(
                f"the response says response_code {code} ({meaning}), yet it holds "
                f"{len(results):,} result{'s' if len(results) != 1 else ''}; they were read as usual"
            )
        if not isinstance(results, list):
            raise FileProblem(name, "expected an Open Trivia DB response with a 'results' list", 1)
    elif isinstance(data, list):
        results, depth = data, 1
    else:
        raise FileProblem(
            name, "expected an Open Trivia DB response (an object with 'results') or a list of results", 1
        )

    lines = object_lines(text, depth)
    if len(lines) != sum(isinstance(r, dict) for r in results):
        lines = []
    decode, encoding = _detect(results)
    pack_id = slug(Path(name).stem) or "opentdb"
    skipped: list[Skipped] = []
    questions: list[Question] = []
    taken: set[str] = TakenIds()
    line_iter = iter(lines)
    for index, result in enumerate(results, start=1):
        if not isinstance(result, dict):
            skipped.append(Skipped(f"result {index}", 0, "not a JSON object"))
            continue
        line = next(line_iter, 0)
        try:
            q = _question(result, decode, taken, pack_id)
        except _Bad as exc:
            skipped.append(Skipped(exc.label or f"result {index}", line, str(exc)))
            continue
        questions.append(replace(q, line=line))

    info = PackInfo(
        id=pack_id,
        title=f"Open Trivia DB: {Path(name).stem}",
        description="Questions from the Open Trivia Database (opentdb.com).",
        authors=("Open Trivia Database contributors",),
        license=LICENSE,
        sources=(dict(CREDIT),),
    )
    warnings = notes + ([f"text was {encoding} encoded"] if encoding != "HTML" else [])
    return ImportResult(Pack(info=info, questions=questions), skipped, warnings)


class _Bad(Exception):
    def __init__(self, reason: str, label: str = ""):
        super().__init__(reason)
        self.label = label


# --- encodings --------------------------------------------------------------


def _html(text: str) -> str:
    return html.unescape(text)


def _b64(text: str) -> str:
    return base64.b64decode(text.encode("ascii"), validate=True).decode("utf-8")


def _url3986(text: str) -> str:
    from urllib.parse import unquote

    return unquote(text, errors="strict")


def _url_legacy(text: str) -> str:
    from urllib.parse import unquote_plus

    return unquote_plus(text, errors="strict")


def _strings(results: list) -> list[str]:
    out: list[str] = []
    for r in results:
        if isinstance(r, dict):
            out.extend(v for k, v in r.items() if k in _TEXT_FIELDS and isinstance(v, str))
            wrong = r.get("incorrect_answers")
            if isinstance(wrong, list):
                out.extend(v for v in wrong if isinstance(v, str))
    return out


def _detect(results: list) -> tuple[Callable[[str], str], str]:
    """Which encoding the dump uses, judged from the text of every result."""
    types: list[str] = [r["type"] for r in results if isinstance(r, dict) and isinstance(r.get("type"), str)]
    if types and all(_decodes_to(_b64, t, ("multiple", "boolean")) for t in types):
        return _b64, "base64"
    texts = _strings(results)
    prompts: list[str] = [r["question"] for r in results if isinstance(r, dict) and isinstance(r.get("question"), str)]
    # Percent-encoded text has no spaces; real questions always do.
    if prompts and all(" " not in p for p in prompts):
        if all(_URL3986.fullmatch(t) for t in texts) and any("%" in t for t in texts):
            return _url3986, "URL (RFC 3986)"
        if all(_URL_LEGACY.fullmatch(t) for t in texts):
            return _url_legacy, "URL (legacy)"
    return _html, "HTML"


def _decodes_to(decode: Callable[[str], str], text: str, words: tuple[str, ...]) -> bool:
    try:
        return decode(text) in words
    except (ValueError, UnicodeError, binascii.Error):
        return False


def _clean(decode: Callable[[str], str], value: Any, what: str, label: str = "") -> str:
    if not isinstance(value, str):
        raise _Bad(f"'{what}' is missing or not text", label)
    try:
        text = decode(value)
    except (ValueError, UnicodeError, binascii.Error):
        raise _Bad(f"'{what}' cannot be decoded", label) from None
    # A soft hyphen only marks where a browser may break a word.
    return " ".join(text.replace(_SOFT_HYPHEN, "").split())


# --- one result -------------------------------------------------------------


def _question(result: dict, decode: Callable[[str], str], taken: set[str], pack_id: str) -> Question:
    prompt = _clean(decode, result.get("question"), "question")
    label = short_name(prompt) if prompt else ""
    if not prompt:
        raise _Bad("the question is empty", label)
    kind = _clean(decode, result.get("type"), "type", label)
    correct = _clean(decode, result.get("correct_answer"), "correct_answer", label)
    difficulty = _clean(decode, result.get("difficulty", "medium"), "difficulty", label).lower()
    if difficulty not in DIFFICULTIES:
        raise _Bad(f"unknown difficulty {difficulty!r}", label)
    category = _clean(decode, result.get("category", ""), "category", label) or "General Knowledge"
    qid = unique_id(slug(prompt) or "question", taken)
    common: dict[str, Any] = {
        "id": qid,
        "category": category,
        "prompt": prompt,
        "difficulty": difficulty,
        "pack": pack_id,
    }
    if kind == "boolean":
        if correct.lower() not in ("true", "false"):
            raise _Bad(f"a boolean question's answer must be True or False, not {correct!r}", label)
        return Question(type=TRUE_FALSE, answers=(correct.lower(),), **common)
    if kind != "multiple":
        raise _Bad(f"unknown question type {kind!r} (expected 'multiple' or 'boolean')", label)
    wrong_raw = result.get("incorrect_answers")
    if not isinstance(wrong_raw, list) or not wrong_raw:
        raise _Bad("'incorrect_answers' is missing or empty", label)
    wrong = [_clean(decode, w, "incorrect_answers", label) for w in wrong_raw]
    choices = [correct, *wrong]
    if not all(choices):
        raise _Bad("one of the answers is empty", label)
    if len(set(choices)) != len(choices):
        raise _Bad("two of the answers are the same", label)
    # The same question is always shuffled the same way, so re-imports do not churn.
    random.Random(prompt).shuffle(choices)
    return Question(type=MULTIPLE_CHOICE, choices=tuple(choices), answers=(correct,), **common)
