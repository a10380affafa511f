"""Reading what a player typed: forgiving text matching, numbers as people write them, true/false words.

Type-in matching ignores case, accents and punctuation ("Roglic" = "Roglič")
and forgives one typo in answers of six characters or more. Which of these a
question type uses, and how, is the type's own business (``quiz.qtypes``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from quiz.model import Question

TYPO_MIN_LENGTH = 6
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE = re.compile(r"\s+")


#: Letters that do not decompose but players type without their stroke.
_UNSTROKED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss"})


def normalize(text: str) -> str:
    """Fold case, drop accents and punctuation, squeeze spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.translate(_UNSTROKED)
    stripped = stripped.replace("&", " and ")
    return _SPACE.sub(" ", _PUNCT.sub(" ", stripped.casefold())).strip()


def within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    # b is one longer: skip one char of b.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def text_matches(response: str, accepted: Iterable[str]) -> bool:
    given = normalize(response)
    if not given:
        return False
    for answer in accepted:
        target = normalize(answer)
        if given == target or given.replace(" ", "") == target.replace(" ", ""):
            return True
        if len(target) >= TYPO_MIN_LENGTH and _digits(given) == _digits(target) and within_one_edit(given, target):
            # A slip of the finger is forgiven, a different number is not ("Stage 12" is not "Stage 13").
            return True
    return False


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def parse_number(text: str) -> float | None:
    """Read a number as a person types it: '2,022', '45 min', '1.5', '−3'."""
    cleaned = str(text).strip().replace("\u2212", "-")
    for space in (" ", "\u00a0", "\u202f", "\u2009"):
        cleaned = cleaned.replace(space, "")
    # "1,5" and "12,75" are decimal commas; "2,022" and "1,000,000" group thousands.
    if re.match(r"^[-+]?\d+,\d{1,2}(?!\d)", cleaned) or re.match(r"^[-+]?\d+,\d{4,}", cleaned):
        cleaned = cleaned.replace(",", ".", 1)
    match = re.match(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)?([.]\d+)?", cleaned)
    if not match or not match.group(0) or match.group(0) in "+-":
        return None
    try:
        value = float(match.group(0).replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def number_matches(question: Question, response: str | float) -> bool:
    value = response if isinstance(response, (int, float)) else parse_number(response)
    if value is None:
        return False
    if question.low is not None and question.high is not None:
        return question.low <= value <= question.high
    if question.value is None:
        return False
    return abs(value - question.value) <= question.tolerance + 1e-9


_TRUE_WORDS = {"true", "t", "yes", "y", "1", "vrai", "oui"}
_FALSE_WORDS = {"false", "f", "no", "n", "0", "faux", "non"}


def parse_bool(response: Any) -> bool | None:
    """A true/false answer as given by a button (bool) or typed by a remote player (text)."""
    if isinstance(response, bool):
        return response
    if isinstance(response, str):
        word = normalize(response)
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        # bool("false") would be True: an unreadable word is simply not an answer.
        return None
    if isinstance(response, (int, float)) and response in (0, 1):
        return bool(response)
    return None
