"""Hot-seat: the scoreboard between questions, and whose turn it is, so players can swap seats."""

from __future__ import annotations

from time import monotonic

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quiz.engine import Game
from quiz.tui.screens.results import places
from quiz.tui.widgets.keybar import KeyBar


class HandoffScreen(Screen[None]):
    HELP_SECTION = "Between questions"
    IN_ROUND = True
    #: Seconds after the hand-off appears during which "ready" keys are ignored. The
    #: Enter that closed the reveal, pressed twice or held down, would otherwise hand
    #: the keyboard on (and start the next player's clock) before they have it.
    GUARD_SECONDS = 0.4
    BINDINGS = [
        Binding("enter,space,n", "ready", "Ready"),
        Binding("escape", "leave", "Leave round"),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        # From creation, not mount: a key already queued may reach the screen before it mounts.
        self._ready_at = monotonic() + self.GUARD_SECONDS

    def compose(self) -> ComposeResult:
        turn = self.game.current
        # Before anyone has answered, a table of zeros says nothing: show the order of play instead.
        self.started = any(stats.answered for stats in self.game.players.values())
        with Vertical(id="handoff-box"):
            if self.started:
                yield Static("Scoreboard", classes="screen-title")
                table = DataTable(id="scoreboard", cursor_type="none", zebra_stripes=True)
                table.can_focus = False  # Enter must reach the screen's "ready" binding
                yield table
            else:
                yield Static("Get ready", classes="screen-title")
                yield Static(f"Players, in turn: {', '.join(self.game.players)}", id="order")
            if turn is not None:
                yield Static(f"Next up: {turn.player}", id="next-player")
                yield Static(
                    f"Question {turn.number}/{turn.of}. Pass the keyboard to {turn.player}, then press Enter.",
                    classes="hint",
                )
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.started:
            return
        table = self.query_one("#scoreboard", DataTable)
        table.add_columns("#", "Player", "Points", "Correct", "Streak")
        for place, stats in places(self.game):
            table.add_row(place, stats.name, str(stats.points), f"{stats.correct}/{stats.answered}", str(stats.streak))

    def on_screen_resume(self) -> None:
        # Back from help or a dialog: the key that closed it must not pass the hand-off either.
        self._ready_at = max(self._ready_at, monotonic() + self.GUARD_SECONDS)

    def action_ready(self) -> None:
        if monotonic() < self._ready_at:
            return  # too soon to be a deliberate press by the next player
        self.app.show_question()

    def action_leave(self) -> None:
        self.app.confirm_leave_round()
