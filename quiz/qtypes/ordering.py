"""Put in order: the whole order must be right."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from quiz.model import Question
from quiz.qtypes.base import QuestionType, Response, shuffled_unsolved, texts, wire_arrangement


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

    def canonical(self, q: Question) -> str:
        return ", ".join(q.answers)

    def from_wire(self, q: Question, options: tuple[str, ...], value: object) -> Response:
        return wire_arrangement(options, value)


TYPE = Ordering()
