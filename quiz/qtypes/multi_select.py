"""Pick all that apply: every right choice ticked, and no wrong one."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from quiz.model import Question
from quiz.qtypes.base import DataCheck, QuestionType, Response, WireError, answer_texts, texts


class MultiSelect(QuestionType):
    name = "multi_select"
    title = "Pick all that apply"
    fields = ("choices", "answers")

    def read(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"choices": texts(data["choices"]), "answers": texts(data["answers"])}

    def write(self, q: Question) -> dict[str, Any]:
        return {"choices": list(q.choices), "answers": list(q.answers)}

    def check_data(self, check: DataCheck) -> None:
        choices, answers = answer_texts(check.data.get("choices")), answer_texts(check.data.get("answers"))
        if choices is None or answers is None:
            return  # the schema has said what is wrong
        known = set(choices)
        for i, a in enumerate(answers):
            if a not in known:
                check.add(
                    check.item_pos("answers", i),
                    f"the answer {check.shown(a)} is not one of the choices{check.did_you_mean(a, sorted(known))}",
                )
        if answers and set(answers) >= known:
            check.add(check.pos("answers"), "every choice is a right answer; add at least one wrong choice", "warning")

    def options(self, q: Question, rng: random.Random) -> tuple[str, ...]:
        out = list(q.choices)
        rng.shuffle(out)
        return tuple(out)

    def is_correct(self, q: Question, response: Response) -> bool:
        if response is None or isinstance(response, (bool, int, float)):
            return False
        # A lone string is one choice, not a set of letters.
        picked = {response} if isinstance(response, str) else set(response)
        return picked == set(q.answers)

    def describe(self, q: Question, response: Response) -> str:
        if response is None:
            return "no answer"
        picked = (
            {response}
            if isinstance(response, str)
            else set(response)
            if isinstance(response, (tuple, list, set, frozenset))
            else set()
        )
        items = [c for c in q.choices if c in picked]
        return ", ".join(items) if items else "nothing"

    def canonical(self, q: Question) -> str:
        return ", ".join(q.answers)

    def from_wire(self, q: Question, options: tuple[str, ...], value: object) -> Response:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise WireError("the answer must be a list of choices")
        if not value:
            raise WireError("tick at least one choice")
        if len(set(value)) != len(value) or not set(value) <= set(options):
            raise WireError("the answer must be distinct choices shown")
        return tuple(value)


TYPE = MultiSelect()
