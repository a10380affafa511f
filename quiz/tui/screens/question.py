"""One question put to one player, with the timer running.

One screen serves a whole round: each new turn updates its widgets in place
(and reuses the answer list when the kind of answer is the same), because
building a fresh screen per question cost far more than a key press may.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
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
from quiz.tui.screens.kept import KeptScreen
from quiz.tui.widgets.choices import LETTERS, ArrangeList, CheckList, ChoiceList
from quiz.tui.widgets.countdown import Countdown
from quiz.tui.widgets.keybar import KeyBar

TICK = 0.1  # seconds between timer checks; the bar is redrawn only when what it shows changes

HINTS = {
    MULTIPLE_CHOICE: "Press 1–4 or A–D, or move with ↑/↓ and press Enter.",
    TRUE_FALSE: "Press T or F (or 1 / 2), or move with ↑/↓ and press Enter.",
    MULTI_SELECT: "Tick with Space or 1–4 (A–D); press Enter when done.",
    TYPE_IN: "Type your answer and press Enter.",
    NUMERIC: "Type a number and press Enter.",
    ORDERING: "↑/↓ picks an item; Shift+↑/↓ (or K/J) moves it; Enter confirms.",
    MATCHING: "↑/↓ picks a row; Shift+↑/↓ (or K/J) moves the right-hand item; Enter confirms.",
}


class QuestionScreen(KeptScreen):
    HELP_SECTION = "Answering"
    IN_ROUND = True  # quitting from here asks first
    BINDINGS = [
        Binding("escape", "leave", "Leave round"),
        *[Binding(str(i + 1), f"number({i})", show=False) for i in range(8)],
        *[Binding(letter.lower(), f"letter({i})", show=False) for i, letter in enumerate(LETTERS) if letter != "F"],
        Binding("f", "key_f", show=False),
        Binding("t", "truth(True)", show=False),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.timer = game.settings.timer
        self.remaining: float | None = None
        self._answer_nodes: list[Widget] = []
        self._answer_kind: tuple | None = None
        self._ticking = False
        self._take_turn()

    def _take_turn(self) -> None:
        """Start the clock on the game's current turn."""
        self.turn: Turn = self.game.current  # type: ignore[assignment]
        self.question = self.turn.question
        self._shown_at = self.app.clock() if self.is_mounted else 0.0
        self._paused = 0.0
        self._suspended_at: float | None = None
        self._done = False
        self.remaining = self.timer or None

    # -- layout ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="question-header"):
            yield Static(self._progress(), id="progress")
            yield Static(self.question.category, id="category")
            yield Static(f"Player: {self.turn.player}", id="player")
        if self.timer:
            yield Countdown(self.timer, id="countdown")
        with VerticalScroll(id="question-body"):
            yield Static(TYPE_LABELS.get(self.question.type, ""), id="question-type")
            yield Static(self.question.prompt, id="prompt")
            self._answer_kind = self._kind()
            self._answer_nodes = list(self._answer_widgets())
            yield from self._answer_nodes
        yield Static(HINTS.get(self.question.type, ""), id="hint", classes="hint")
        yield KeyBar()

    def _progress(self) -> str:
        # Practice (reviewing mistakes) says so up front: no points are at stake.
        kind = "Practice" if self.game.settings.practice else "Question"
        return f"{kind} {self.turn.number}/{self.turn.of}"

    def _kind(self) -> tuple:
        """Which answer widgets the question needs; the same kind can reuse them."""
        q = self.question
        if q.type in (MULTIPLE_CHOICE, TRUE_FALSE):
            return ("choice",)
        if q.type in (TYPE_IN, NUMERIC):
            return ("typed", q.type, q.unit if q.type == NUMERIC else None)
        return (q.type, id(q))  # check and arrange lists hold per-question state: build anew

    def _choice_labels(self) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
        if self.question.type == TRUE_FALSE:
            return ("True", "False"), ("1 T", "2 F")
        return tuple(self.turn.options), None

    def _answer_widgets(self) -> list[Widget]:
        q, options = self.question, self.turn.options
        if q.type in (MULTIPLE_CHOICE, TRUE_FALSE):
            labels, keys = self._choice_labels()
            return [ChoiceList(labels, keys=keys, id="answer")]
        if q.type == MULTI_SELECT:
            return [CheckList(options, id="answer")]
        if q.type == ORDERING:
            return [ArrangeList(options, id="answer")]
        if q.type == MATCHING:
            return [
                Static("Left side stays put; move the right side (Shift+↑/↓) until each pair matches.", classes="hint"),
                ArrangeList(options, fixed=[left for left, _ in q.pairs], id="answer"),
            ]
        placeholder = "Your answer" if q.type == TYPE_IN else "A number"
        children: list[Widget] = [Input(placeholder=placeholder, id="answer")]
        if q.type == NUMERIC and q.unit:
            children.append(Static(f"in {q.unit}", id="unit", classes="hint"))
        return [Vertical(*children, id="typed")]

    def on_mount(self) -> None:
        self._shown_at = self.app.clock()
        self.query_one("#answer").focus()
        if self.timer:
            self.set_interval(TICK, self._tick)

    # -- the next turn, on the same screen ---------------------------------------
    def next_turn(self) -> None:
        """Show the game's current turn: update the widgets, swap the answer widgets only if their kind changed."""
        self._take_turn()
        q = self.question
        self.query_one("#progress", Static).update(self._progress())
        self.query_one("#category", Static).update(q.category)
        self.query_one("#player", Static).update(f"Player: {self.turn.player}")
        self.query_one("#question-type", Static).update(TYPE_LABELS.get(q.type, ""))
        self.query_one("#prompt", Static).update(q.prompt)
        self.query_one("#hint", Static).update(HINTS.get(q.type, ""))
        if self.timer:
            self.query_one(Countdown).remaining = self.timer
        self.query_one("#question-body", VerticalScroll).scroll_home(animate=False)
        kind = self._kind()
        if kind != self._answer_kind:
            self._swap_answer_widgets(kind)
            return
        if kind == ("choice",):
            self.query_one("#answer", ChoiceList).reset(*self._choice_labels())
        else:
            self.query_one("#answer", Input).value = ""
        self.query_one("#answer").focus()

    def _swap_answer_widgets(self, kind: tuple) -> None:
        """Replace the answer widgets; until the new ones are in, no key can answer."""
        old, new = self._answer_nodes, self._answer_widgets()
        self._answer_nodes, self._answer_kind = new, kind
        for widget in old:
            widget.display = False  # never show the last question's answers with this prompt
        self._done = True  # an answer key pressed meanwhile must not reach the old widgets

        async def swap() -> None:
            body = self.query_one("#question-body")
            await body.remove_children(old)
            await body.mount_all(new, after="#prompt")
            self._done = False
            self._shown_at = self.app.clock()  # the clock starts once the answers can be given
            self.query_one("#answer").focus()

        self.call_next(swap)

    # -- timer -------------------------------------------------------------
    def elapsed(self) -> float:
        """Seconds the question has been on screen, not counting time under a dialog."""
        return max(0.0, self.app.clock() - self._shown_at - self._paused)

    def on_screen_suspend(self) -> None:
        if not self._done:
            self._suspended_at = self.app.clock()

    def on_screen_resume(self) -> None:
        if self._suspended_at is not None:
            self._paused += self.app.clock() - self._suspended_at
            self._suspended_at = None

    def _tick(self) -> None:
        if self._done or not self.is_current or not self.timer:
            return
        self.remaining = max(0.0, self.timer - self.elapsed())
        # The countdown itself redraws only when the seconds or the bar's length change.
        self.query_one(Countdown).remaining = self.remaining
        if self.remaining <= 0:
            self.time_up()

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
