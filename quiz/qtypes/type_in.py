"""Type the answer: case, accents and punctuation ignored, one typo forgiven in longer answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from quiz.answers import text_matches
from quiz.model import Question, as_text
from quiz.qtypes.base import DataCheck, QuestionType, Response, texts, wire_text


class TypeIn(QuestionType):
    name = "type_in"
    title = "Type the answer"
    fields = ("answers",)

    def read(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"answers": texts(data["answers"])}

    def write(self, q: Question) -> dict[str, Any]:
        return {"answers": list(q.answers)}

    def check_data(self, check: DataCheck) -> None:
        answers = check.data.get("answers")
        if not isinstance(answers, list):
            return
        seen: set[str] = set()
        for i, a in enumerate(answers):
            if a is None or isinstance(a, (list, dict)):
                continue
            folded = " ".join(as_text(a).casefold().split())
            if folded in seen:
                check.add(check.item_pos("answers", i), f"the accepted answer {check.shown(as_text(a))} is listed "
                          "twice (answers are compared without case)", "warning")
            seen.add(folded)

    def is_correct(self, q: Question, response: Response) -> bool:
        return response is not None and text_matches(str(response), q.answers)

    def from_wire(self, q: Question, options: tuple[str, ...], value: object) -> Response:
        return wire_text(value)


TYPE = TypeIn()
