"""The presenter's screen: a question for a projector, revealed and scored by the teacher's keys.

Everything a class reads from the back of a room is big and bold: the
question's number, the timer and the team scores are drawn in Digits, the
question and its options in bold, high-contrast text. The teacher reveals (R),
moves on (N, Enter, →) or back (B, ←), shows or hides the scoreboard (S), gives
a team the question's points (1–6) and takes the last award back (U). It
renders a Session in presenter mode and dismisses with the round's record.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Digits, Static

from quiz.qtypes import TYPES, canonical_answer, client_view
from quiz.session import Change, GameResult, Phase, Session
from quiz.tui import sheets
from quiz.tui.answers.base import LETTERS
from quiz.tui.teams import badge
from quiz.tui.widgets.keybar import KeyBar

#: Seconds between timer checks, when the round has a timer.
TICK = 0.25
MAX_TEAMS = 6


def options_table(view: Mapping[str, Any]) -> Table:
    """What the class chooses from, lettered; a long option wraps under its own start, not under its letter."""
    options = list(view.get("options", ()))
    left = list(view.get("left", ()))
    grid = Table.grid(padding=(0, 2))
    if left:
        # Match the pairs: the fixed items numbered on the left, the lettered ones to match beside them.
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(ratio=1, style="bold")
        grid.add_column(no_wrap=True, style="bold reverse")
        grid.add_column(ratio=1, style="bold")
        for i, item in enumerate(left):
            right = options[i] if i < len(options) else ""
            grid.add_row(f"{i + 1}.", Text(item), f" {LETTERS[i]} ", Text(right))
    elif options:
        grid.add_column(no_wrap=True, style="bold reverse")
        grid.add_column(ratio=1, style="bold")
        for i, option in enumerate(options):
            grid.add_row(f" {LETTERS[i]} ", Text(option))  # pack text, never markup
    if view.get("unit"):
        grid.add_row(Text(f"Answer in {view['unit']}.", style="bold"))
    return grid


class PresenterScreen(Screen[GameResult | None]):
    CSS_PATH = sheets.PRESENT
    HELP_SECTION = "Presenting"
    IN_ROUND = True
    BINDINGS = [
        Binding("r,R", "reveal", "Reveal"),
        Binding("n,N,enter,space,right", "next", "Next"),
        Binding("b,B,left", "back", "Back"),
        Binding("s,S", "scores", "Scores"),
        Binding("u,U", "undo", "Undo points"),
        *[Binding(str(i + 1), f"award({i})", show=False) for i in range(MAX_TEAMS)],
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.teams = tuple(session.settings.players)
        self.show_scores = bool(self.teams)
        self._unwatch = session.watch(self._changed)

    def compose(self) -> ComposeResult:
        with Horizontal(id="present-header"):
            yield Digits("0", id="present-number")
            yield Static("", id="present-category", markup=False)
            yield Digits("0", id="present-timer")
        with VerticalScroll(id="present-body"):
            yield Static("", id="present-type", markup=False)
            yield Static("", id="present-prompt", markup=False)
            yield Static("", id="present-options")
            yield Static("", id="present-answer", markup=False)
            yield Static("", id="present-explanation", markup=False)
            yield Static("", id="present-source", markup=False)
        with Horizontal(id="present-scores"):
            for i, team in enumerate(self.teams):
                with Vertical(classes="present-team"):
                    yield Static(Content.assemble(badge(team, self.teams), f"  [{i + 1}]"), classes="present-team-name")
                    yield Digits("0", id=f"present-score-{i}")
        yield Static("", id="present-note")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.session.settings.timer:
            self.set_interval(TICK, self._tick)
        self.session.start()
        self._draw()

    # -- rendering ------------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if change.kind == "finished":
            self._unwatch()
            self.dismiss(None if self.session.abandoned else self.session.result())
            return
        if change.kind in ("paused", "resumed"):
            return
        if self.is_mounted:
            self._draw()
            if change.kind == "awarded" and change.participant:
                self._note(Content.assemble("+1000 for ", badge(change.participant, self.teams)))
            elif change.kind == "award undone" and change.participant:
                self._note(Content.assemble("Points taken back from ", badge(change.participant, self.teams)))

    def _draw(self) -> None:
        session, turn = self.session, self.session.turn
        if turn is None:
            return
        q = turn.question
        view = client_view(q, turn.options)
        revealed = session.phase is Phase.CLOSED
        self.query_one("#present-number", Digits).update(f"{turn.number}/{turn.of}")
        self.query_one("#present-category", Static).update(q.category)
        self.query_one("#present-type", Static).update(TYPES[q.type].title)
        self.query_one("#present-prompt", Static).update(q.prompt)
        self.query_one("#present-options", Static).update(options_table(view))
        answer = self.query_one("#present-answer", Static)
        answer.update(f"✔ Answer: {canonical_answer(q)}" if revealed else "")
        answer.display = revealed
        explanation = self.query_one("#present-explanation", Static)
        explanation.update(q.explanation)
        explanation.display = revealed and bool(q.explanation)
        source = self.query_one("#present-source", Static)
        source.update(f"Source: “{q.source.quote}”" if q.source else "")
        source.display = revealed and q.source is not None
        for i, team in enumerate(self.teams):
            self.query_one(f"#present-score-{i}", Digits).update(str(session.players[team].points))
        self.query_one("#present-scores").display = self.show_scores and bool(self.teams)
        self._tick()
        self.query_one("#present-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()
        self.query_one(KeyBar).refresh_keys()

    def _tick(self) -> None:
        timer = self.query_one("#present-timer", Digits)
        remaining = self.session.remaining() if self.session.phase is Phase.OPEN else None
        if self.session.phase is Phase.OPEN and not self.session.paused:
            self.session.tick()
        timer.display = remaining is not None
        if remaining is not None:
            timer.update(f"{max(0, math.ceil(remaining))}")

    def _note(self, text: Content | str) -> None:
        self.query_one("#present-note", Static).update(text)

    # -- the teacher's keys -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.session.phase
        if action == "reveal":
            return phase is Phase.OPEN
        if action in ("award", "undo", "scores"):
            return bool(self.teams)
        if action == "back":
            return self.session.position > 0
        return True

    def action_reveal(self) -> None:
        self.session.reveal()

    def action_next(self) -> None:
        self._note("")
        self.session.next()

    def action_back(self) -> None:
        self._note("")
        self.session.back()

    def action_scores(self) -> None:
        self.show_scores = not self.show_scores
        self.query_one("#present-scores").display = self.show_scores

    def action_award(self, index: int) -> None:
        if index < len(self.teams) and not self.session.award(self.teams[index]):
            self._note(Content.assemble(badge(self.teams[index], self.teams), " has these points already"))

    def action_undo(self) -> None:
        if self.session.undo_award() is None:
            self._note("No points to take back.")

    def action_leave(self) -> None:
        from quiz.tui.modals.confirm import ConfirmModal

        def leave(yes: bool | None) -> None:
            if yes:
                self.session.abandon()

        self.app.push_screen(
            ConfirmModal("Stop presenting? This round will not be saved.", yes="Stop", no="Go on"), leave
        )

    # A dialog over the projector stops its clock too.
    def on_screen_suspend(self) -> None:
        self.session.pause()

    def on_screen_resume(self) -> None:
        self.session.resume()
