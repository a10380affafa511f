"""Type a number: right within the question's tolerance, or anywhere in its range."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from quiz.answers import number_matches, parse_number
from quiz.model import Question, as_text
from quiz.qtypes.base import (
    DataCheck,
    Json,
    QuestionType,
    Response,
    WireError,
    is_number,
    number_text,
    wire_text,
    yaml_number,
)


class Numeric(QuestionType):
    name = "numeric"
    title = "Type a number"
    fields = ("answer", "tolerance", "range", "unit")

    def read(self, data: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"unit": str(data.get("unit", "") or "")}
        if "range" in data:
            low, high = data["range"]
            out.update(low=float(low), high=float(high), answers=(f"{as_text(low)}..{as_text(high)}",))
        else:
            out.update(value=float(data["answer"]), answers=(as_text(data["answer"]),))
            out["tolerance"] = float(data.get("tolerance", 0) or 0)
        return out

    def write(self, q: Question) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if q.low is not None and q.high is not None:
            out["range"] = [yaml_number(q.low), yaml_number(q.high)]
        else:
            out["answer"] = yaml_number(q.value)
            if q.tolerance:
                out["tolerance"] = yaml_number(q.tolerance)
        if q.unit:
            out["unit"] = q.unit
        return out

    def check_data(self, check: DataCheck) -> None:
        data = check.data
        rng = data.get("range")
        if isinstance(rng, list) and len(rng) == 2 and all(is_number(v) for v in rng) and rng[0] > rng[1]:
            check.add(
                check.pos("range"), f"the range's low end {rng[0]} is above its high end {rng[1]}; write [low, high]"
            )
        if "range" in data and "tolerance" in data:
            key_pos = getattr(data, "key_pos", {})
            check.add(
                key_pos.get("tolerance", check.pos("tolerance")),
                "'tolerance' is ignored when 'range' is given",
                "warning",
            )

    def is_correct(self, q: Question, response: Response) -> bool:
        if response is None or isinstance(response, (bool, tuple)):
            return False
        return number_matches(q, response)

    def canonical(self, q: Question) -> str:
        unit = f" {q.unit}" if q.unit else ""
        if q.low is not None and q.high is not None:
            return f"{number_text(q.low)}–{number_text(q.high)}{unit}"
        if q.value is not None and q.tolerance:
            low, high = q.value - q.tolerance, q.value + q.tolerance
            return f"{number_text(q.value)}{unit} ({number_text(low)}–{number_text(high)} accepted)"
        return f"{number_text(q.value)}{unit}".strip()

    def view(self, q: Question, options: tuple[str, ...]) -> dict[str, Json]:
        return {"unit": q.unit} if q.unit else {}

    def from_wire(self, q: Question, options: tuple[str, ...], value: object) -> Response:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = number_text(float(value))
        text = wire_text(value)
        if parse_number(text) is None:
            raise WireError("the answer must be a number")
        return text


TYPE = Numeric()
