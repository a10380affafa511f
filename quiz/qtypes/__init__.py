"""The question types: one definition each (see ``quiz.qtypes.base`` for what a type defines).

``TYPES`` maps a type's name to its definition, in the order the game lists them.
"""

from __future__ import annotations

from typing import Any

from quiz.model import Question
from quiz.qtypes import matching, multi_select, multiple_choice, numeric, ordering, true_false, type_in
from quiz.qtypes.base import Json, QuestionType, Response, WireError

TYPES: dict[str, QuestionType] = {
    t.TYPE.name: t.TYPE for t in (multiple_choice, multi_select, true_false, type_in, numeric, ordering, matching)
}

__all__ = [
    "TYPES",
    "Json",
    "QuestionType",
    "Response",
    "WireError",
    "of",
    "client_view",
    "is_correct",
    "describe_response",
    "canonical_answer",
]


def of(q: Question) -> QuestionType:
    """The definition of ``q``'s type."""
    return TYPES[q.type]


def client_view(q: Question, options: tuple[str, ...]) -> dict[str, Any]:
    """What a player's screen needs to show ``q``: never its answer, explanation or source.

    Not its id either: ids are made from the facts they test (``...-tour-2022...``).
    """
    view: dict[str, Any] = {
        "type": q.type,
        "category": q.category,
        "difficulty": q.difficulty,
        "prompt": q.prompt,
    }
    view.update(TYPES[q.type].view(q, options))
    return view


def is_correct(q: Question, response: Any) -> bool:
    """Whether ``response`` answers ``q``; None (no answer) is always wrong."""
    return response is not None and TYPES[q.type].is_correct(q, response)


def describe_response(q: Question, response: Any) -> str:
    """The player's answer in words, for the reveal and the reports."""
    return TYPES[q.type].describe(q, response)


def canonical_answer(q: Question) -> str:
    """The right answer in words, for the reveal, the reports and worksheets."""
    return TYPES[q.type].canonical(q)
