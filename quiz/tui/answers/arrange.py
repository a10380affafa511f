"""Items to put in order, or right-hand sides to match: ↑/↓ moves the highlight, Shift+↑/↓ (or K/J) the item."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static
from textual.widgets.option_list import Option

from quiz.tui.answers.base import Answered, AnswerInput
from quiz.tui.answers.pointed import Hanging, PointedList


class ArrangeList(PointedList):
    """With ``fixed`` it is a matching list: each row shows a fixed left-hand item beside the item moved."""

    BINDINGS = [
        Binding("shift+up,k,K", "move(-1)", "Move up", show=False),
        Binding("shift+down,j,J", "move(1)", "Move down", show=False),
        Binding("enter", "confirm", "Confirm", show=False),
    ]

    def __init__(self, items: Sequence[str], fixed: Sequence[str] = (), **kwargs: Any) -> None:
        self.items = list(items)
        self.fixed = tuple(fixed)
        super().__init__(*[Option(self._prompt(i)) for i in range(len(self.items))], **kwargs)

    def on_mount(self) -> None:
        self.highlighted = 0

    def _prompt(self, row: int) -> Hanging:
        pointer = (self.pointer(row) + " ", "bold")
        if not self.fixed:
            return Hanging((pointer, (f" {row + 1} ", "bold reverse"), ("  ", "")), self.items[row])
        # Pad the fixed side to one width so the arrows line up in a column.
        width = max(len(left) for left in self.fixed)
        left = self.fixed[row] if row < len(self.fixed) else ""
        return Hanging((pointer, (f"{left:<{width}}", ""), ("  →  ", "bold")), self.items[row], "bold")

    def move(self, delta: int) -> None:
        row = self.highlighted
        if row is None:
            return
        target = row + delta
        if not 0 <= target < len(self.items):
            return
        self.items[row], self.items[target] = self.items[target], self.items[row]
        self.replace_option_prompt_at_index(row, self._prompt(row))
        self.replace_option_prompt_at_index(target, self._prompt(target))
        self.highlighted = target

    def action_move(self, delta: int) -> None:
        self.move(delta)

    def action_select(self) -> None:
        # A click only moves the highlight; Enter (bound above) confirms.
        pass

    def action_confirm(self) -> None:
        self.post_message(Answered(tuple(self.items)))


class OrderAnswer(ArrangeList, AnswerInput):
    HINT = "↑/↓ picks an item; Shift+↑/↓ (or K/J) moves it; Enter confirms."

    @classmethod
    def make(cls, view: Mapping[str, Any]) -> Widget:
        return cls(view["options"], id="answer")


class MatchAnswer(Vertical, AnswerInput):
    """The left side stays put; the right side moves until each pair matches."""

    HINT = "↑/↓ picks a row; Shift+↑/↓ (or K/J) moves the right-hand item; Enter confirms."
    DEFAULT_CSS = "MatchAnswer { height: auto; }"

    def __init__(self, view: Mapping[str, Any]) -> None:
        super().__init__(id="matching")
        self.view = view

    @classmethod
    def make(cls, view: Mapping[str, Any]) -> Widget:
        return cls(view)

    def compose(self) -> ComposeResult:
        yield Static("Left side stays put; move the right side (Shift+↑/↓) until each pair matches.", classes="hint")
        yield ArrangeList(self.view["options"], fixed=self.view["left"], id="answer")

    @property
    def focus_target(self) -> Widget:
        return self.query_one(ArrangeList)
