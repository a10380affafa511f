"""Every key the game understands, on one screen."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Anywhere",
        [
            ("F1 or ?", "Show this help"),
            ("Escape", "Go back (asks first during a round)"),
            ("Ctrl+Q", "Quit (asks first during a round)"),
            ("Tab / Shift+Tab", "Move between controls"),
            ("Ctrl+P", "Command palette (themes and more)"),
        ],
    ),
    (
        "Title screen",
        [("P or Enter", "Play: choose the round"), ("S", "High scores"), ("Q", "Quit")],
    ),
    (
        "Setting up a round",
        [
            ("Arrows, Space", "Pick options and tick packs or categories"),
            ("F5, or Enter on Start", "Start the round"),
        ],
    ),
    (
        "Answering",
        [
            ("1–4 or A–D", "Pick a choice"),
            ("Up/Down + Enter", "Pick the highlighted choice"),
            ("Click", "Pick (or tick) a choice"),
            ("T / F or 1 / 2", "True or false"),
            ("Space or 1–4", "Tick or untick (pick all that apply), Enter to confirm"),
            ("Type + Enter", "Type-in and number answers"),
            ("Up/Down", "Ordering and matching: move the highlight"),
            ("Shift+Up/Down or K/J", "Ordering and matching: move the highlighted item"),
            ("Enter", "Ordering and matching: confirm the order"),
        ],
    ),
    (
        "Between questions",
        [("Enter, Space or N", "Next question"), ("Escape", "Leave the round (asks first)")],
    ),
    (
        "Results",
        [
            ("R", "Review the highlighted player's mistakes (no points)"),
            ("N", "New round"),
            ("Escape or T", "Back to the title"),
        ],
    ),
    ("High scores", [("Escape", "Back to the title")]),
]


def keys_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for section, rows in KEYS:
        table.add_row(f"[u]{section}[/u]", "")
        for key, what in rows:
            table.add_row(key, what)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(keys_table())
            yield Static("Escape, F1 or ? closes this help.", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
