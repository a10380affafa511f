"""Type the answer: case, accents and punctuation ignored, one typo forgiven in longer answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from quiz.answers import text_matches
from quiz.model import Question
from quiz.qtypes.base import DataCheck, QuestionType, Response, answer_texts, texts, wire_text


class TypeIn(QuestionType):
    name = "type_in"
    title = "Type the answer"
    fields = ("answers",)

    def read(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"answers": texts(data["answers"])}

    def write(self, q: Question) -> dict[str, Any]:
        return {"answers": list(q.answers)}

    def check_data(self, check: DataCheck) -> None:
        answers = answer_texts(check.data.get("answers"))
        if answers is None:
            return  # the schema has said what is wrong
        seen: set[str] = set()
        for i, a in enumerate(answers):
            folded = " ".join(a.casefold().split())
            if folded in seen:
                check.add(
                    check.item_pos("answers", i),
                    f"the accepted answer {check.shown(a)} is listed twice (answers are compared without case)",
                    "warning",
                )
            seen.add(folded)

    def is_correct(self, q: Question, response: Response) -> bool:
        return response is not None and text_matches(str(response), q.answers)

    def from_wire(self, q: Question, options: tuple[str, ...], value: object) -> Response:
        return wire_text(value)


TYPE = TypeIn()
