"""One answer out of a few (multiple choice, true/false): keys, arrows and Enter, or a click."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quiz.qtypes import Response
from quiz.tui.answers.base import LETTERS, Answered, AnswerInput
from quiz.tui.answers.pointed import Hanging, PointedList, key_label


class ChoiceList(PointedList):
    """Options with a key label each; choosing one posts Chosen."""

    def __init__(self, labels: Sequence[str], keys: Sequence[str] | None = None, **kwargs: Any) -> None:
        self.labels = tuple(labels)
        self.keys = tuple(keys) if keys else tuple(key_label(i) for i in range(len(self.labels)))
        super().__init__(*[Option(self._prompt(i), id=f"choice-{i}") for i in range(len(self.labels))], **kwargs)

    def _prompt(self, index: int) -> Hanging:
        cells = ((self.pointer(index) + " ", "bold"), (f" {self.keys[index]} ", "bold reverse"), ("  ", ""))
        return Hanging(cells, self.labels[index])

    def on_mount(self) -> None:
        self.highlighted = 0

    def reset(self, labels: Sequence[str], keys: Sequence[str] | None = None) -> None:
        """Show new options in place, the first one highlighted (cheaper than a new list)."""
        self.labels = tuple(labels)
        self.keys = tuple(keys) if keys else tuple(key_label(i) for i in range(len(self.labels)))
        self._pointed = 0  # the prompts below are drawn with the pointer on the first row
        if len(self.labels) == self.option_count:
            for i in range(len(self.labels)):
                self.replace_option_prompt_at_index(i, self._prompt(i))
        else:
            self.clear_options()
            self.add_options([Option(self._prompt(i), id=f"choice-{i}") for i in range(len(self.labels))])
        self.highlighted = 0

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.labels):
            self.highlighted = index
            self.chosen(index)

    def chosen(self, index: int) -> None:
        """What choosing option ``index`` answers."""

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter and clicks both arrive here; turn them into one answer.
        event.stop()
        self.choose(event.option_index)


class ChoiceAnswer(ChoiceList, AnswerInput):
    """Multiple choice: number or letter keys, arrows and Enter, or a click; the option's text is the response."""

    HINT = "Press {numbers} or {letters}, or move with ↑/↓ and press Enter."

    def __init__(
        self, labels: Sequence[str], keys: Sequence[str] | None, values: Sequence[Response], truth: bool, **kwargs: Any
    ) -> None:
        super().__init__(labels, keys, **kwargs)
        self.values = tuple(values)
        self.takes_truth = truth

    @classmethod
    def spec(
        cls, view: Mapping[str, Any]
    ) -> tuple[tuple[str, ...], tuple[str, ...] | None, tuple[Response, ...], bool]:
        """Labels, key labels, the response each option gives, and whether T and F answer."""
        options = tuple(view["options"])
        return options, None, options, False

    @classmethod
    def make(cls, view: Mapping[str, Any]) -> Widget:
        return cls(*cls.spec(view), id="answer")

    @classmethod
    def reshow(cls, widget: Widget, view: Mapping[str, Any]) -> bool:
        # One list serves multiple choice and true/false alike: only its labels and values change.
        if not isinstance(widget, ChoiceAnswer):
            return False
        labels, keys, widget.values, widget.takes_truth = cls.spec(view)
        widget.reset(labels, keys)
        return True

    def chosen(self, index: int) -> None:
        self.post_message(Answered(self.values[index]))

    def answer_by_key(self, index: int) -> None:
        # A key answers at once and the reveal replaces the question: moving the highlight
        # first would only draw one more frame, which delays the reveal's by a frame or two.
        if 0 <= index < len(self.labels):
            self.chosen(index)

    def number(self, index: int) -> None:
        self.answer_by_key(index)

    def letter(self, index: int) -> None:
        if not self.takes_truth:  # on true/false, T and F answer and other letters mean nothing
            self.answer_by_key(index)

    def truth(self, value: bool) -> bool:
        if not self.takes_truth:
            return False
        self.answer_by_key(self.values.index(value))
        return True


class TruthAnswer(ChoiceAnswer):
    """True or false: T/F or 1/2."""

    HINT = "Press T or F (or 1 / 2), or move with ↑/↓ and press Enter."

    @classmethod
    def spec(
        cls, view: Mapping[str, Any]
    ) -> tuple[tuple[str, ...], tuple[str, ...] | None, tuple[Response, ...], bool]:
        return ("True", "False"), ("1 T", "2 F"), (True, False), True


__all__ = ["LETTERS", "ChoiceAnswer", "ChoiceList", "TruthAnswer"]
