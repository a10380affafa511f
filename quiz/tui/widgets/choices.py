"""Answer widgets for questions with options: pick one, pick several, arrange."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

LETTERS = "ABCDEFGH"
#: Marks the highlighted row, so the row that Enter (or a move) acts on shows without colour.
POINTER = "▶"


def key_label(index: int) -> str:
    """'1 A' for the first option: players may answer with either key."""
    letter = LETTERS[index] if index < len(LETTERS) else " "
    return f"{index + 1} {letter}"


class PointedList(OptionList):
    """An option list that draws a pointer beside the highlighted row as well as colouring it."""

    _pointed: int | None = None

    def _prompt(self, index: int) -> Content:
        raise NotImplementedError

    def pointer(self, index: int) -> str:
        return POINTER if index == self._pointed else " "

    def redraw(self, *indexes: int | None) -> None:
        for index in set(indexes) - {None}:
            if 0 <= index < self.option_count:  # type: ignore[operator]
                self.replace_option_prompt_at_index(index, self._prompt(index))  # type: ignore[arg-type]

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        previous, self._pointed = self._pointed, highlighted
        self.redraw(previous, highlighted)


class ChoiceList(PointedList):
    """One answer out of a few: number or letter keys, arrows and Enter, or a click."""

    class Chosen(Message):
        def __init__(self, choice_list: ChoiceList, index: int) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.index = index

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(self, labels: Sequence[str], keys: Sequence[str] | None = None, **kwargs) -> None:
        self.labels = tuple(labels)
        self.keys = tuple(keys) if keys else tuple(key_label(i) for i in range(len(self.labels)))
        super().__init__(*[Option(self._prompt(i), id=f"choice-{i}") for i in range(len(self.labels))], **kwargs)

    def _prompt(self, index: int) -> Content:
        return Content.assemble(
            (self.pointer(index), "bold"), " ", (f" {self.keys[index]} ", "bold reverse"), "  ", self.labels[index]
        )

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
            self.post_message(self.Chosen(self, index))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter and clicks both arrive here; turn them into one message of our own.
        event.stop()
        self.choose(event.option_index)


class CheckList(PointedList):
    """Several answers: Space, a click or the number key toggles, Enter confirms."""

    BINDINGS = [
        Binding("space", "toggle", "Toggle", show=False),
        Binding("enter", "confirm", "Confirm", show=False),
    ]

    class Confirmed(Message):
        def __init__(self, check_list: CheckList, indexes: tuple[int, ...]) -> None:
            super().__init__()
            self.check_list = check_list
            self.indexes = indexes

        @property
        def control(self) -> CheckList:
            return self.check_list

    def __init__(self, labels: Sequence[str], **kwargs) -> None:
        self.labels = tuple(labels)
        self.checked: set[int] = set()
        super().__init__(*[Option(self._prompt(i), id=f"check-{i}") for i in range(len(self.labels))], **kwargs)

    def on_mount(self) -> None:
        self.highlighted = 0

    def _prompt(self, index: int) -> Content:
        box = "[x]" if index in self.checked else "[ ]"
        return Content.assemble(
            (self.pointer(index), "bold"), " ", (f" {key_label(index)} ", "bold reverse"), f" {box} ", self.labels[index]
        )

    def toggle(self, index: int) -> None:
        if not 0 <= index < len(self.labels):
            return
        self.checked ^= {index}
        self.highlighted = index
        self.replace_option_prompt_at_index(index, self._prompt(index))

    def action_toggle(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.highlighted)

    def action_select(self) -> None:
        # A click highlights then "selects": for a check list that means toggle.
        self.action_toggle()

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed(self, tuple(sorted(self.checked))))


class ArrangeList(PointedList):
    """Items to put in order: Up/Down moves the highlight, Shift+Up/Down (or K/J) moves the item.

    With ``fixed`` it is a matching list: each row shows a fixed left-hand item
    beside the right-hand item that the player moves.
    """

    BINDINGS = [
        Binding("shift+up,k", "move(-1)", "Move up", show=False),
        Binding("shift+down,j", "move(1)", "Move down", show=False),
        Binding("enter", "confirm", "Confirm", show=False),
    ]

    class Confirmed(Message):
        def __init__(self, arrange_list: ArrangeList, order: tuple[str, ...]) -> None:
            super().__init__()
            self.arrange_list = arrange_list
            self.order = order

        @property
        def control(self) -> ArrangeList:
            return self.arrange_list

    def __init__(self, items: Sequence[str], fixed: Sequence[str] = (), **kwargs) -> None:
        self.items = list(items)
        self.fixed = tuple(fixed)
        super().__init__(*[Option(self._prompt(i)) for i in range(len(self.items))], **kwargs)

    def on_mount(self) -> None:
        self.highlighted = 0

    def _prompt(self, row: int) -> Content:
        pointer = (self.pointer(row), "bold")
        if not self.fixed:
            return Content.assemble(pointer, " ", (f" {row + 1} ", "bold reverse"), "  ", self.items[row])
        # Pad the fixed side to one width so the arrows line up in a column.
        width = max(len(left) for left in self.fixed)
        left = self.fixed[row] if row < len(self.fixed) else ""
        return Content.assemble(pointer, " ", f"{left:<{width}}", ("  →  ", "bold"), (self.items[row], "bold"))

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
        self.post_message(self.Confirmed(self, tuple(self.items)))
