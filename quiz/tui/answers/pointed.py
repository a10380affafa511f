"""An option list that marks the highlighted row with a pointer as well as a colour."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.visual import VisualType
from textual.widgets import OptionList

from quiz.tui.answers.base import LETTERS

#: Marks the highlighted row, so the row that Enter (or a move) acts on shows without colour.
POINTER = "▶"


def key_label(index: int) -> str:
    """'1 A' for the first option: players may answer with either key."""
    letter = LETTERS[index] if index < len(LETTERS) else " "
    return f"{index + 1} {letter}"


def hanging(*cells: tuple[str, str], text: str, text_style: str = "") -> Table:
    """One option's row: fixed cells (pointer, key...) then its text, which wraps under itself,
    not under the key (a long option's second line lines up with its first)."""
    grid = Table.grid(padding=0)
    for cell, _ in cells:
        grid.add_column(no_wrap=True, width=len(cell))
    grid.add_column(ratio=1)
    grid.add_row(*(Text(cell, style=style) for cell, style in cells), Text(text, style=text_style))
    return grid


class PointedList(OptionList):
    """An option list that draws a pointer beside the highlighted row as well as colouring it."""

    _pointed: int | None = None

    def _prompt(self, index: int) -> VisualType:
        raise NotImplementedError

    def pointer(self, index: int) -> str:
        return POINTER if index == self._pointed else " "

    def redraw(self, *indexes: int | None) -> None:
        for index in {i for i in indexes if i is not None}:
            if 0 <= index < self.option_count:
                self.replace_option_prompt_at_index(index, self._prompt(index))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        previous, self._pointed = self._pointed, highlighted
        self.redraw(previous, highlighted)
