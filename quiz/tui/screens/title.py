"""The first screen: play, high scores, help, quit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.packstatus import PackStatus

BANNER = "Tour de France\nBehind the Scenes Quiz"
TAGLINE = "A trivia game about the Netflix × A.S.O. docuseries announced in 2022."


class TitleScreen(Screen[None]):
    HELP_SECTION = "Title screen"
    BINDINGS = [
        Binding("p", "play", "Play"),
        Binding("s", "scores", "High scores"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(BANNER, id="banner")
            yield Static(TAGLINE, id="tagline")
            with Center():
                yield Button("Play", id="play", variant="primary")
            with Center():
                yield Button("High scores", id="scores")
            with Center():
                yield Button("Help", id="help")
            with Center():
                yield Button("Quit", id="quit")
            # Shown only while a slow first reading of a pack is going on.
            yield PackStatus(id="pack-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#play", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"play": self.action_play, "scores": self.action_scores, "help": self.app.action_help}
        if event.button.id == "quit":
            self.app.exit()
        elif event.button.id in actions:
            actions[event.button.id]()

    def action_play(self) -> None:
        self.app.open_setup()

    def action_scores(self) -> None:
        self.app.open_scores()
