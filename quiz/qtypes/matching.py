"""Match the pairs: each right-hand item moved beside its left-hand one; the whole pairing must be right."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from quiz.model import Question, as_text
from quiz.qtypes.base import (
    DataCheck,
    Json,
    QuestionType,
    Response,
    is_answer_text,
    shuffled_unsolved,
    wire_arrangement,
)


class Matching(QuestionType):
    name = "matching"
    title = "Match the pairs"
    fields = ("pairs",)

    def read(self, data: Mapping[str, Any]) -> dict[str, Any]:
        pairs = tuple((as_text(p["left"]), as_text(p["right"])) for p in data["pairs"])
        return {"pairs": pairs, "answers": tuple(right for _, right in pairs)}

    def write(self, q: Question) -> dict[str, Any]:
        return {"pairs": [{"left": left, "right": right} for left, right in q.pairs]}

    def check_data(self, check: DataCheck) -> None:
        pairs = check.data.get("pairs")
        if not isinstance(pairs, list) or not all(
            isinstance(p, dict) and len(p) == 2 and is_answer_text(p.get("left")) and is_answer_text(p.get("right"))
            for p in pairs
        ):
            return  # the schema has said what is wrong
        for side in ("left", "right"):
            seen: set[str] = set()
            for p in pairs:
                value = as_text(p[side])
                if value in seen:
                    pos_of = getattr(p, "pos_of", None)
                    check.add(
                        pos_of(side) if pos_of else check.pos("pairs"),
                        f"{check.shown(value)} appears twice on the {side} side of the pairs",
                    )
                seen.add(value)

    def options(self, q: Question, rng: random.Random) -> tuple[str, ...]:
        return shuffled_unsolved(q.answers, rng)

    def is_correct(self, q: Question, response: Response) -> bool:
        if not isinstance(response, (tuple, list)):
            return False
        return list(response) == list(q.answers)

    def describe(self, q: Question, response: Response) -> str:
        if not isinstance(response, (tuple, list)):
            return super().describe(q, response)
        # The response lists right-hand sides in the order of the fixed left-hand ones.
        return "; ".join(f"{left} → {right}" for (left, _), right in zip(q.pairs, response))

    def canonical(self, q: Question) -> str:
        return "; ".join(f"{left} → {right}" for left, right in q.pairs)

    def view(self, q: Question, options: tuple[str, ...]) -> dict[str, Json]:
        return {"left": [left for left, _ in q.pairs], "options": list(options)}

    def from_wire(self, q: Question, options: tuple[str, ...], value: object) -> Response:
        return wire_arrangement(options, value)


TYPE = Matching()
