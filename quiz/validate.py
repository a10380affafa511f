"""Pack and facts checking.  (Minimal stand-in; the full validator replaces it.)"""

from __future__ import annotations

from quiz.errors import Problem
from quiz.model import QUESTION_TYPES


def check_pack_data(data: object, name: str) -> list[Problem]:
    problems: list[Problem] = []
    if not isinstance(data, dict) or "pack" not in data or "questions" not in data:
        return [Problem(name, 1, 1, "a pack needs a 'pack' header and a 'questions' list")]
    for q in data["questions"] or []:
        if not isinstance(q, dict) or q.get("type") not in QUESTION_TYPES:
            problems.append(Problem(name, getattr(q, "line", 0), 0, "question of unknown type"))
    return problems
