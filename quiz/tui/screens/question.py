"""One question put to one player, with the timer running."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, Static

from quiz.answers import parse_number
from quiz.engine import Game, Turn
from quiz.model import (
    MATCHING,
    MULTI_SELECT,
    MULTIPLE_CHOICE,
    NUMERIC,
    ORDERING,
    TRUE_FALSE,
    TYPE_IN,
    TYPE_LABELS,
)
from quiz.tui.widgets.choices import LETTERS, ArrangeList, CheckList, ChoiceList
from quiz.tui.widgets.countdown import Countdown
from quiz.tui.widgets.keybar import KeyBar

TICK = 0.1  # seconds between timer redraws

HINTS = {
    MULTIPLE_CHOICE: "Press 1–4 or A–D, or move with ↑/↓ and press Enter.",
    TRUE_FALSE: "Press T or F (or 1 / 2), or move with ↑/↓ and press Enter.",
    MULTI_SELECT: "Tick with Space or 1–4 (A–D); press Enter when done.",
    TYPE_IN: "Type your answer and press Enter.",
    NUMERIC: "Type a number and press Enter.",
    ORDERING: "↑/↓ picks an item; Shift+↑/↓ (or K/J) moves it; Enter confirms.",
    MATCHING: "↑/↓ picks a row; Shift+↑/↓ (or K/J) moves the right-hand item; Enter confirms.",
}


class QuestionScreen(Screen[None]):
    HELP_SECTION = "Answering"
    IN_ROUND = True  # quitting from here asks first
    BINDINGS = [
        Binding("escape", "leave", "Leave round"),
        *[Binding(str(i + 1), f"number({i})", show=False) for i in range(8)],
        *[Binding(letter.lower(), f"letter({i})", show=False) for i, letter in enumerate(LETTERS) if letter != "F"],
        Binding("f", "key_f", show=False),
        Binding("t", "truth(True)", show=False),
    ]

    remaining: reactive[float | None] = reactive(None)

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.turn: Turn = game.current  # type: ignore[assignment]
        self.question = self.turn.question
        self.timer = game.settings.timer
        self._shown_at = 0.0
        self._paused = 0.0
        self._suspended_at: float | None = None
        self._done = False

    # -- layout ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        turn, q = self.turn, self.question
        with Horizontal(id="question-header"):
            # Practice (reviewing mistakes) says so up front: no points are at stake.
            kind = "Practice" if self.game.settings.practice else "Question"
            yield Static(f"{kind} {turn.number}/{turn.of}", id="progress")
            yield Static(q.category, id="category")
            yield Static(f"Player: {turn.player}", id="player")
        if self.timer:
            yield Countdown(self.timer, id="countdown")
        with VerticalScroll(id="question-body"):
            yield Static(TYPE_LABELS.get(q.type, ""), id="question-type")
            yield Static(q.prompt, id="prompt")
            yield from self._answer_widgets()
        yield Static(HINTS.get(q.type, ""), id="hint", classes="hint")
        yield KeyBar()

    def _answer_widgets(self) -> ComposeResult:
        q, options = self.question, self.turn.options
        if q.type == MULTIPLE_CHOICE:
            yield ChoiceList(options, id="answer")
        elif q.type == TRUE_FALSE:
            yield ChoiceList(("True", "False"), keys=("1 T", "2 F"), id="answer")
        elif q.type == MULTI_SELECT:
            yield CheckList(options, id="answer")
        elif q.type == ORDERING:
            yield ArrangeList(options, id="answer")
        elif q.type == MATCHING:
            yield Static("Left side stays put; move the right side (Shift+↑/↓) until each pair matches.", classes="hint")
            yield ArrangeList(options, fixed=[left for left, _ in q.pairs], id="answer")
        else:
            placeholder = "Your answer" if q.type == TYPE_IN else "A number"
            with Vertical(id="typed"):
                yield Input(placeholder=placeholder, id="answer")
                if q.type == NUMERIC and q.unit:
                    yield Static(f"in {q.unit}", id="unit", classes="hint")

    def on_mount(self) -> None:
        self._shown_at = self.app.clock()
        self.query_one("#answer").focus()
        if self.timer:
            self.remaining = self.timer
            self.set_interval(TICK, self._tick)

    # -- timer -------------------------------------------------------------
    def elapsed(self) -> float:
        """Seconds the question has been on screen, not counting time under a dialog."""
        return max(0.0, self.app.clock() - self._shown_at - self._paused)

    def on_screen_suspend(self) -> None:
        self._suspended_at = self.app.clock()

    def on_screen_resume(self) -> None:
        if self._suspended_at is not None:
            self._paused += self.app.clock() - self._suspended_at
            self._suspended_at = None

    def _tick(self) -> None:
        if self._done or not self.is_current or not self.timer:
            return
        self.remaining = max(0.0, self.timer - self.elapsed())
        if self.remaining <= 0:
            self.time_up()

    def watch_remaining(self, remaining: float | None) -> None:
        if remaining is not None and self.timer:
            self.query_one(Countdown).remaining = remaining

    def time_up(self) -> None:
        if self._done:
            return
        self._done = True
        records = self.game.time_out()
        self.app.show_reveal(records[0] if records else self.game.record_for())

    # -- answering -----------------------------------------------------------
    def submit(self, response: Any) -> None:
        if self._done:
            return
        self._done = True
        record = self.game.answer(response, elapsed=self.elapsed())
        self.app.show_reveal(record)

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        if self.question.type == TRUE_FALSE:
            self.submit(event.index == 0)
        else:
            self.submit(self.turn.options[event.index])

    @on(CheckList.Confirmed)
    def _checked(self, event: CheckList.Confirmed) -> None:
        if not event.indexes:
            self.notify("Tick at least one answer, then press Enter.", severity="warning")
            return
        self.submit(tuple(self.turn.options[i] for i in event.indexes))

    @on(ArrangeList.Confirmed)
    def _arranged(self, event: ArrangeList.Confirmed) -> None:
        self.submit(event.order)

    @on(Input.Submitted, "#answer")
    def _typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.notify("Type an answer first (or wait for the timer).", severity="warning")
            return
        if self.question.type == NUMERIC and parse_number(text) is None:
            # A slip like "abc" or "forty" is not an answer yet: say so rather than mark it wrong.
            self.notify(f"“{text}” is not a number: type digits, like 45.", severity="warning")
            return
        self.submit(text)

    def action_number(self, index: int) -> None:
        widget = self.query_one("#answer")
        if isinstance(widget, ChoiceList):
            widget.choose(index)
        elif isinstance(widget, CheckList):
            widget.toggle(index)

    def action_letter(self, index: int) -> None:
        if self.question.type != TRUE_FALSE:
            self.action_number(index)

    def action_truth(self, value: bool) -> None:
        if self.question.type == TRUE_FALSE:
            self.query_one("#answer", ChoiceList).choose(0 if value else 1)

    def action_key_f(self) -> None:
        if self.question.type == TRUE_FALSE:
            self.action_truth(False)
        else:
            self.action_letter(LETTERS.index("F"))

    def action_leave(self) -> None:
        self.app.confirm_leave_round()
