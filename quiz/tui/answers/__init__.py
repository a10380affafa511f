"""Answer widgets, one per question type, chosen from the one mapping below.

Adding a question type means adding its definition in ``quiz.qtypes`` and its
widget here.
"""

from __future__ import annotations

from quiz.tui.answers.arrange import MatchAnswer, OrderAnswer
from quiz.tui.answers.base import Answered, AnswerInput
from quiz.tui.answers.check import CheckAnswer
from quiz.tui.answers.choice import ChoiceAnswer, TruthAnswer
from quiz.tui.answers.typed import NumberAnswer, TextAnswer

ANSWER_WIDGETS: dict[str, type[AnswerInput]] = {
    "multiple_choice": ChoiceAnswer,
    "multi_select": CheckAnswer,
    "true_false": TruthAnswer,
    "type_in": TextAnswer,
    "numeric": NumberAnswer,
    "ordering": OrderAnswer,
    "matching": MatchAnswer,
}

__all__ = ["ANSWER_WIDGETS", "Answered", "AnswerInput"]
