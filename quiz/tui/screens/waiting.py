"""Play was chosen before the packs were found: wait here, then set up the round."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.packstatus import PackStatus


class PacksWaitScreen(Screen[None]):
    """Replaced by the setup screen as soon as the packs are in (the app does that)."""

    HELP_SECTION = "Setting up a round"
    #: Tells the app this screen gives way to the setup screen when the packs are found.
    WAITS_FOR_PACKS = True
    BINDINGS = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        yield Static("Set up a round", classes="screen-title")
        with Vertical(id="wait-box"):
            yield Static("Loading packs…", id="wait-message")
            yield Static("The round can be set up as soon as they are in.", classes="hint")
            yield PackStatus(id="pack-status")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        # The packs may have come in while a modal (say, help) was over this screen.
        if not getattr(self.app, "loading_packs", False):
            self.call_next(self.run_action, "app.setup")

    def action_back(self) -> None:
        self.dismiss(None)
