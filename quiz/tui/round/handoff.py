"""Passing the keyboard: the scoreboard (or, before anyone has answered, the order of play) and who is next."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from quiz.session import Place
from quiz.tui.places import place_label


class HandoffView(Vertical):
    def __init__(self) -> None:
        super().__init__(id="handoff-view")

    def compose(self) -> ComposeResult:
        with Vertical(id="handoff-box"):
            yield Static("", id="handoff-title", classes="screen-title", markup=False)
            table: DataTable[str] = DataTable(id="scoreboard", cursor_type="none", zebra_stripes=True)
            table.can_focus = False  # Enter must reach the screen's "ready" binding
            yield table
            yield Static("", id="order", markup=False)
            yield Static("", id="next-player", markup=False)
            yield Static("", id="handoff-hint", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#scoreboard", DataTable).add_columns("#", "Player", "Points", "Correct", "Streak")

    def show(self, who: str, number: int, of: int, ranking: Sequence[Place], order: Sequence[str]) -> None:
        """``who`` takes the keyboard for question ``number``; the scores so far, if anyone has answered."""
        started = any(p.stats.answered for p in ranking)
        self.query_one("#handoff-title", Static).update("Scoreboard" if started else "Get ready")
        table = self.query_one("#scoreboard", DataTable)
        table.display = started
        table.clear()
        if started:
            for p in ranking:
                s = p.stats
                table.add_row(place_label(p), Text(s.name), str(s.points), f"{s.correct}/{s.answered}", str(s.streak))
        order_line = self.query_one("#order", Static)
        order_line.display = not started
        order_line.update(f"Players, in turn: {', '.join(order)}")
        self.query_one("#next-player", Static).update(f"Next up: {who}")
        self.query_one("#handoff-hint", Static).update(
            f"Question {number}/{of}. Pass the keyboard to {who}, then press Enter."
        )
