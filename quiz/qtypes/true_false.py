"""True or false."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from quiz.answers import parse_bool
from quiz.model import Question
from quiz.qtypes.base import DataCheck, QuestionType, Response, WireError

#: Words the YAML reader takes for true or false that YAML 1.2 (and some editors) read as text.
YAML11_BOOLS = {"yes", "no", "on", "off"}


class TrueFalse(QuestionType):
    name = "true_false"
    title = "True or false"
    fields = ("answer",)

    def read(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"answers": ("true" if data["answer"] is True else "false",)}

    def write(self, q: Question) -> dict[str, Any]:
        return {"answer": q.answers[0] == "true"}

    def check_data(self, check: DataCheck) -> None:
        if not isinstance(check.data.get("answer"), bool):
            return
        token = check.raw("answer")
        if token.lower() in YAML11_BOOLS:
            check.add(
                check.pos("answer"),
                f"write the answer as true or false, not {check.shown(token)} (YAML tools disagree on what it means)",
            )

    def is_correct(self, q: Question, response: Response) -> bool:
        given = parse_bool(response)
        return given is not None and given == (q.answers[0] == "true")

    def describe(self, q: Question, response: Response) -> str:
        if response is None:
            return "no answer"
        given = parse_bool(response)
        return str(response) if given is None else ("True" if given else "False")

    def canonical(self, q: Question) -> str:
        return "True" if q.answers and q.answers[0] == "true" else "False"

    def from_wire(self, q: Question, options: tuple[str, ...], value: object) -> Response:
        if not isinstance(value, bool):
            raise WireError("the answer must be true or false")
        return value


def truth_of(q: Question) -> bool:
    """The right answer of a true/false question."""
    return bool(q.answers) and q.answers[0] == "true"


TYPE = TrueFalse()
