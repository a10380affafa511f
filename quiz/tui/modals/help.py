"""Every key the game understands, on one screen."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Anywhere",
        [
            ("F1 or ?", "Show this help (? only when not typing an answer)"),
            ("Escape", "Go back (asks first during a round)"),
            ("Ctrl+Q or Ctrl+C", "Quit (asks first during a round)"),
            ("Tab / Shift+Tab", "Move between controls"),
            ("Ctrl+P", "Command palette (themes and more)"),
        ],
    ),
    (
        "Title screen",
        [
            ("P or Enter", "Play: choose the round"),
            ("T", "Study: learn every fact at your own pace"),
            ("S", "High scores"),
            ("Up/Down + Enter", "Pick a button"),
            ("Q", "Quit"),
        ],
    ),
    (
        "Setting up a round",
        [
            ("←/→, Space", "Pick mode, length, timer and difficulty"),
            ("Up/Down, Space", "Tick packs, categories or question types"),
            ("F5 or Enter", "Start the round (Enter from the names box)"),
            ("Escape", "Back to the title"),
        ],
    ),
    (
        "Answering",
        [
            ("1–8 or A–H", "Pick a choice (as many as are shown)"),
            ("Up/Down + Enter", "Pick the highlighted choice (marked ▶)"),
            ("Click", "Pick (or tick) a choice"),
            ("T / F or 1 / 2", "True or false"),
            ("Space or 1–8", "Tick or untick (pick all that apply), Enter to confirm"),
            ("Type + Enter", "Type-in and number answers"),
            ("Up/Down", "Ordering and matching: move the highlight"),
            ("Shift+Up/Down or K/J", "Ordering and matching: move the highlighted item"),
            ("Enter", "Ordering and matching: confirm the order"),
            ("Escape", "Leave the round (asks first)"),
        ],
    ),
    (
        "Buzzer and team rounds",
        [
            ("Team's buzzer key", "Buzz (shown on the question: Q, P, Z, M, V, Y unless set)"),
            ("Usual answer keys", "The team that buzzed answers, within 10 seconds"),
            ("Enter", "Teams in turn: the next team has the keyboard"),
        ],
    ),
    (
        "Presenting",
        [
            ("R", "Reveal the answer, with its explanation and source"),
            ("N, Enter or →", "Next question"),
            ("B or ←", "Back one question"),
            ("1–6", "Give that team the question's points (once a question)"),
            ("U", "Take the last points back"),
            ("S", "Show or hide the scores"),
            ("Escape", "Stop presenting (asks first)"),
        ],
    ),
    (
        "Between questions",
        [
            ("Enter, Space or N", "Next question (or, when passing the keyboard, start your turn)"),
            ("Escape", "Leave the round (asks first)"),
        ],
    ),
    (
        "Results",
        [
            ("Up/Down", "Choose a player"),
            ("R", "Review that player's mistakes (no points)"),
            ("N", "New round"),
            ("E", "Save the game's report (spreadsheet and printable page) in the data folder"),
            ("Escape or T", "Back to the title"),
        ],
    ),
    (
        "Study mode",
        [
            ("Up/Down + Enter", "Study all categories or the one highlighted"),
            ("Tab", "Move to the learner's name (each learner has their own boxes)"),
            ("1–8, A–H, T/F", "Answer as in a round (or type it): no points, no timer"),
            ("Enter, Space or N", "Next question"),
            ("Escape", "Stop studying (every answer is already saved); again to go back"),
        ],
    ),
    ("High scores", [("Up/Down", "Scroll the table"), ("Escape or T", "Back to the title")]),
    ("Questions asked before leaving or quitting", [("Y", "Yes"), ("N or Escape", "No, carry on")]),
]


def keys_table(first: str | None = None) -> Group:
    """Every section; ``first`` (the screen help was opened from) leads, marked as this screen."""
    # Headings sit on their own lines so a long one does not widen the key column.
    width = max(len(key) for _, rows in KEYS for key, _ in rows)
    parts: list[Text | Table] = []
    for section, rows in sorted(KEYS, key=lambda item: item[0] != first):
        title = f"{section} (this screen)" if section == first else section
        parts.append(Text(title, style="bold underline"))
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold", min_width=width)
        table.add_column(ratio=1)
        for key, what in rows:
            table.add_row(key, what)
        parts.extend([table, Text("")])
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q,Q", "close", "Close")]

    def __init__(self, section: str | None = None) -> None:
        super().__init__()
        self.section = section

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(keys_table(self.section))
            yield Static("Escape, F1 or ? closes this help.", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
