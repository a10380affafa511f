"""What every answer widget does: built from a question's client view, it posts Answered.

An answer widget never sees the answer: only the client view (the prompt's type,
its options, the fixed left-hand side of a matching question, a unit). The round
screen forwards the keys every question shares (numbers, letters, T and F) to
the widget, which does what they mean for its type, or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from textual.message import Message
from textual.widget import Widget

from quiz.qtypes import Response

LETTERS = "ABCDEFGH"


class Answered(Message):
    """The player gave this response (in the form ``quiz.qtypes`` describes)."""

    def __init__(self, response: Response) -> None:
        super().__init__()
        self.response = response


def key_range(count: int) -> tuple[str, str]:
    """'1–4' and 'A–D' for four options (as many keys as there are options)."""
    count = max(1, min(count, len(LETTERS)))
    if count == 1:
        return "1", "A"
    return f"1–{count}", f"A–{LETTERS[count - 1]}"


class AnswerInput:
    """Mixed into each answer widget: how it is made from a view, reused, and told about keys."""

    #: The line under the question saying how to answer; may use {numbers} and {letters}.
    HINT: ClassVar[str] = ""

    @classmethod
    def make(cls, view: Mapping[str, Any]) -> Widget:
        """The widget (the node mounted below the prompt) for a question of this kind."""
        raise NotImplementedError

    @classmethod
    def hint(cls, view: Mapping[str, Any]) -> str:
        numbers, letters = key_range(len(view.get("options", ())))
        return cls.HINT.format(numbers=numbers, letters=letters)

    @classmethod
    def reshow(cls, widget: Widget, view: Mapping[str, Any]) -> bool:
        """Show another question on ``widget`` (the one on screen) in place, if it can serve as one
        of this kind; False when a new widget is needed. Reusing widgets keeps each question quick."""
        return type(widget) is cls and widget.show(view)

    def show(self, view: Mapping[str, Any]) -> bool:
        """Show another question of the same kind in place; False when a new widget is needed."""
        return False

    @property
    def focus_target(self) -> Widget:
        """The widget that takes the keyboard."""
        assert isinstance(self, Widget)
        return self

    # The keys every question shares; each kind takes the ones that mean something to it.
    def number(self, index: int) -> None:
        """A number key: 1 is index 0."""

    def letter(self, index: int) -> None:
        """A letter key, A to H (either case): A is index 0."""

    def truth(self, value: bool) -> bool:
        """T or F: True when taken (a true/false question), False to let F be a letter."""
        return False
