"""Put in order: the whole order must be right."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from quiz.model import Question
from quiz.qtypes.base import QuestionType, Response, shuffled_unsolved, texts, wire_arrangement

#: Between items in order, in words.
ORDER_MARK = " → "


class Ordering(QuestionType):
    name = "ordering"
    title = "Put in order"
    fields = ("items",)

    def read(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"answers": texts(data["items"])}

    def write(self, q: Question) -> dict[str, Any]:
        return {"items": list(q.answers)}

    def options(self, q: Question, rng: random.Random) -> tuple[str, ...]:
        return shuffled_unsolved(q.answers, rng)

    def is_correct(self, q: Question, response: Response) -> bool:
        if not isinstance(response, (tuple, list)):
            return False
        return list(response) == list(q.answers)

    def describe(self, q: Question, response: Response) -> str:
        if isinstance(response, (tuple, list)) and response:
            return ORDER_MARK.join(response)
        return super().describe(q, response)

    def canonical(self, q: Question) -> str:
        # Arrows, not commas: an item may hold a comma ("Plan B, again") and the order must still read.
        return ORDER_MARK.join(q.answers)

    def from_wire(self, q: Question, options: tuple[str, ...], value: object) -> Response:
        return wire_arrangement(options, value)


TYPE = Ordering()
