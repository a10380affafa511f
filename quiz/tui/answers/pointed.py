"""An option list that marks the highlighted row with a pointer as well as a colour."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
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


class Hanging:
    """One option's row: fixed cells (pointer, key...) then its text, which wraps under itself,
    not under the key (a long option's second line lines up with its first).

    A small Rich renderable rather than a table grid: an option list draws its prompts
    on every question, and a grid measures its cells first (several times the work)."""

    def __init__(self, cells: Sequence[tuple[str, str]], text: str, text_style: str = "") -> None:
        self.prefix = Text.assemble(*cells, end="")
        self.text = Text(text, end="")
        if text_style:
            self.text.stylize(text_style)  # a span: wrapped lines keep it

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.prefix.cell_len
        width = max(1, options.max_width - indent)
        lines = self.text.wrap(console, width)
        blank = Text(" " * indent, end="")
        for number, line in enumerate(lines):
            line.set_length(width)  # padded to the width, as a table cell is
            yield from (self.prefix if number == 0 else blank).render(console)
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = self.prefix.cell_len
        longest = max((cell_len(word) for word in self.text.plain.split()), default=0)
        return Measurement(indent + longest, indent + self.text.cell_len)


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
