"""The question as a player sees it: header, timer, prompt and the answer widget of its type.

It is built from the turn's client view, so it never holds the answer. One view
serves a whole round: a new turn updates the texts in place and keeps the
answer widget when the next question is of the same kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from quiz.qtypes import TYPES
from quiz.tui.answers import ANSWER_WIDGETS, AnswerInput
from quiz.tui.widgets.countdown import Countdown


class QuestionView(Vertical):
    """Shows one turn's question; ``show`` puts up the next one."""

    def __init__(self, view: Mapping[str, Any], header: tuple[str, str, str], timer: float | None) -> None:
        super().__init__(id="question-view")
        self.view = view
        self.header = header
        self.timer = timer
        self.answer_widget: Widget = self._make(view)
        #: False while a new answer widget is being mounted: no key may reach the old one.
        self.ready = True

    @staticmethod
    def _make(view: Mapping[str, Any]) -> Widget:
        return ANSWER_WIDGETS[view["type"]].make(view)

    def compose(self) -> ComposeResult:
        progress, category, player = self.header
        with Horizontal(id="question-header"):
            yield Static(progress, id="progress", markup=False)
            yield Static(category, id="category", markup=False)
            yield Static(player, id="player", markup=False)
        if self.timer:
            yield Countdown(self.timer, id="countdown")
        # Buzzer rounds: who may buzz, with which key, and who holds the question.
        status = Static("", id="buzz-status", markup=False)
        status.display = False
        yield status
        with VerticalScroll(id="question-body"):
            yield Static(TYPES[self.view["type"]].title, id="question-type", markup=False)
            yield Static(self.view["prompt"], id="prompt", markup=False)
            yield self.answer_widget
            yield Static(
                "Paused: the clock stops while a dialog is open.", id="paused-note", classes="hint", markup=False
            )
        yield Static(self._hint(), id="hint", classes="hint", markup=False)

    def _hint(self) -> str:
        return ANSWER_WIDGETS[self.view["type"]].hint(self.view)

    @property
    def answers(self) -> AnswerInput:
        widget = self.answer_widget
        assert isinstance(widget, AnswerInput)
        return widget

    def focus_answer(self) -> None:
        if self.ready:
            self.answers.focus_target.focus()

    def show(self, view: Mapping[str, Any], header: tuple[str, str, str]) -> None:
        """Put up another question: texts in place, the answer widget kept when its kind allows."""
        self.view, self.header = view, header
        progress, category, player = header
        self.query_one("#progress", Static).update(progress)
        self.query_one("#category", Static).update(category)
        self.query_one("#player", Static).update(player)
        self.query_one("#question-type", Static).update(TYPES[view["type"]].title)
        self.query_one("#prompt", Static).update(view["prompt"])
        self.query_one("#hint", Static).update(self._hint())
        if self.timer:
            self.query_one(Countdown).remaining = self.timer
        self.query_one("#question-body", VerticalScroll).scroll_home(animate=False)
        if ANSWER_WIDGETS[view["type"]].reshow(self.answer_widget, view):
            self.focus_answer()
            return
        self._swap(self._make(view))

    def _swap(self, new: Widget) -> None:
        """Replace the answer widget; until the new one is in, no key can answer."""
        old, self.answer_widget = self.answer_widget, new
        old.display = False  # never show the last question's answers with this prompt
        self.ready = False

        async def swap() -> None:
            await old.remove()
            await self.query_one("#question-body").mount(new, after="#prompt")
            self.ready = True
            self.focus_answer()

        self.call_next(swap)

    def set_remaining(self, remaining: float | None, total: float | None = None) -> None:
        if self.timer and remaining is not None:
            countdown = self.query_one(Countdown)
            if total is not None and countdown.total != total:
                countdown.total = total  # a team's own time to answer, in a buzzer round
            # The countdown redraws only when the seconds or the bar's length change.
            countdown.remaining = remaining

    def show_status(self, text: Content | str | None) -> None:
        status = self.query_one("#buzz-status", Static)
        status.display = text is not None
        status.update(text or "")
