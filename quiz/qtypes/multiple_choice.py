"""Multiple choice: one right answer among the choices."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from quiz.model import Question, as_text
from quiz.qtypes.base import DataCheck, QuestionType, Response, WireError, answer_texts, is_answer_text, texts


class MultipleChoice(QuestionType):
    name = "multiple_choice"
    title = "Multiple choice"
    fields = ("choices", "answer")

    def read(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"choices": texts(data["choices"]), "answers": (as_text(data["answer"]),)}

    def write(self, q: Question) -> dict[str, Any]:
        return {"choices": list(q.choices), "answer": q.answers[0]}

    def check_data(self, check: DataCheck) -> None:
        choices = answer_texts(check.data.get("choices"))
        answer = check.data.get("answer")
        if choices is None or not is_answer_text(answer):
            return  # the schema has said what is wrong
        known = sorted(set(choices))
        if as_text(answer) not in known:
            check.add(
                check.pos("answer"),
                f"the answer {check.shown(as_text(answer))} is not one of the choices"
                f"{check.did_you_mean(as_text(answer), known)}",
            )

    def options(self, q: Question, rng: random.Random) -> tuple[str, ...]:
        out = list(q.choices)
        rng.shuffle(out)
        return tuple(out)

    def is_correct(self, q: Question, response: Response) -> bool:
        return response is not None and response == q.answers[0]

    def from_wire(self, q: Question, options: tuple[str, ...], value: object) -> Response:
        if not isinstance(value, str) or value not in options:
            raise WireError("the answer must be one of the choices shown")
        return value


TYPE = MultipleChoice()
