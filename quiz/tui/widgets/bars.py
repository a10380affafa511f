"""Per-category accuracy drawn as bars, the percentage always in text too."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

# The bar itself is drawn by the core, so the command line draws the same one without loading Textual.
from quiz.textbar import BAR_WIDTH, bar

__all__ = ["BAR_WIDTH", "CategoryBars", "bar"]


class CategoryBars(Static):
    """One row per category: name, bar, percentage and right/asked."""

    def __init__(self, per_category: Mapping[str, list[int] | tuple[int, int]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.per_category = {name: tuple(v) for name, v in sorted(per_category.items())}

    def on_mount(self) -> None:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(ratio=1, overflow="fold")
        grid.add_column(no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(no_wrap=True)
        for name, (right, asked) in self.per_category.items():
            share = right / asked if asked else 0.0
            grid.add_row(Text(name), Text(bar(share), style="bold"), f"{round(share * 100)}%", f"({right}/{asked})")
        self.update(grid)
