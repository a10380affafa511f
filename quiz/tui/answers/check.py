"""Pick all that apply: Space, a click or the number key ticks; Enter confirms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets.option_list import Option

from quiz.tui.answers.base import Answered, AnswerInput
from quiz.tui.answers.pointed import Hanging, PointedList, key_label


class CheckAnswer(PointedList, AnswerInput):
    HINT = "Tick with Space or {numbers} ({letters}); press Enter when done."
    BINDINGS = [
        Binding("space", "toggle_highlighted", "Toggle", show=False),
        Binding("enter", "confirm", "Confirm", show=False),
    ]

    def __init__(self, labels: Sequence[str], **kwargs: Any) -> None:
        self.labels = tuple(labels)
        self.checked: set[int] = set()
        super().__init__(*[Option(self._prompt(i), id=f"check-{i}") for i in range(len(self.labels))], **kwargs)

    @classmethod
    def make(cls, view: Mapping[str, Any]) -> Widget:
        return cls(view["options"], id="answer")

    def on_mount(self) -> None:
        self.highlighted = 0

    def _prompt(self, index: int) -> Hanging:
        box = "[x]" if index in self.checked else "[ ]"
        cells = ((self.pointer(index) + " ", "bold"), (f" {key_label(index)} ", "bold reverse"), (f" {box} ", ""))
        return Hanging(cells, self.labels[index])

    def toggle(self, index: int) -> None:
        if not 0 <= index < len(self.labels):
            return
        self.checked ^= {index}
        self.highlighted = index
        self.replace_option_prompt_at_index(index, self._prompt(index))

    def action_toggle_highlighted(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.highlighted)

    def action_select(self) -> None:
        # A click highlights then "selects": for a check list that means toggle.
        self.action_toggle_highlighted()

    def action_confirm(self) -> None:
        if not self.checked:
            self.notify("Tick at least one answer, then press Enter.", severity="warning")
            return
        self.post_message(Answered(tuple(self.labels[i] for i in sorted(self.checked))))

    def number(self, index: int) -> None:
        self.toggle(index)

    def letter(self, index: int) -> None:
        self.toggle(index)
