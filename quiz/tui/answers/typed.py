"""Typed answers: text (forgiving spelling) or a number, then Enter."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from quiz.answers import parse_number
from quiz.tui.answers.base import Answered, AnswerInput


class TextAnswer(Vertical, AnswerInput):
    HINT = "Type your answer and press Enter."
    PLACEHOLDER = "Your answer"

    def __init__(self, view: Mapping[str, Any]) -> None:
        super().__init__(id="typed")
        self.unit = str(view.get("unit", "") or "")

    @classmethod
    def make(cls, view: Mapping[str, Any]) -> Widget:
        return cls(view)

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.PLACEHOLDER, id="answer")
        if self.unit:
            yield Static(f"in {self.unit}", id="unit", classes="hint")

    def show(self, view: Mapping[str, Any]) -> bool:
        if str(view.get("unit", "") or "") != self.unit:
            return False
        self.query_one(Input).value = ""
        return True

    @property
    def focus_target(self) -> Widget:
        return self.query_one(Input)

    def check(self, text: str) -> str | None:
        """Why ``text`` is not an answer yet (None when it is)."""
        return None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.notify("Type an answer first (or wait for the timer).", severity="warning")
            return
        problem = self.check(text)
        if problem:
            self.notify(problem, severity="warning")
            return
        self.post_message(Answered(text))


class NumberAnswer(TextAnswer):
    HINT = "Type a number and press Enter."
    PLACEHOLDER = "A number"

    def check(self, text: str) -> str | None:
        # A slip like "abc" or "forty" is not an answer yet: say so rather than mark it wrong.
        if parse_number(text) is None:
            return f"“{text}” is not a number: type digits, like 45."
        return None
