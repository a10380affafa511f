"""The first screen: play, study, high scores, help, quit."""

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
        Binding("p,P", "app.setup", "Play"),
        Binding("t,T", "app.study", "Study"),
        Binding("s,S", "app.scores", "High scores"),
        Binding("q,Q", "app.quit", "Quit"),
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

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        # Each button does what its key does.
        actions = {"play": "app.setup", "scores": "app.scores", "help": "app.help", "quit": "app.quit"}
        await self.run_action(actions[str(event.button.id)])
