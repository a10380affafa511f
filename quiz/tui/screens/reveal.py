"""Right or wrong, in words and a symbol; the answer, the points and where the fact comes from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from quiz.engine import AnswerRecord, Game
from quiz.model import MATCHING
from quiz.tui.widgets.keybar import KeyBar


def verdict(record: AnswerRecord) -> tuple[str, str]:
    """The headline and its CSS class: never colour alone."""
    if record.correct:
        return "✔ Right!", "-right"
    if record.timed_out:
        return "⏱ Time's up", "-timeout"
    return "✘ Wrong", "-wrong"


def answer_text(record: AnswerRecord) -> str:
    """The player's answer as words; a matching answer pairs each right side with its left, like the correct one."""
    q, response = record.question, record.response
    if q.type == MATCHING and isinstance(response, (list, tuple)) and len(response) == len(q.pairs):
        return "; ".join(f"{left} → {right}" for (left, _), right in zip(q.pairs, response))
    return record.response_text


def points_line(record: AnswerRecord, practice: bool) -> str:
    if practice:
        return "Practice round: no points."
    p = record.points
    return f"Points: {p.base} base + {p.speed} speed + {p.streak} streak = {p.total}"


class RevealScreen(Screen[None]):
    HELP_SECTION = "Between questions"
    IN_ROUND = True
    BINDINGS = [
        Binding("enter,space,n", "next", "Next"),
        Binding("escape", "leave", "Leave round"),
    ]

    def __init__(self, game: Game, record: AnswerRecord) -> None:
        super().__init__()
        self.game = game
        self.record = record

    def compose(self) -> ComposeResult:
        record, q = self.record, self.record.question
        turn = self.game.current
        headline, css = verdict(record)
        stats = self.game.players[record.player]
        kind = "Practice" if self.game.settings.practice else "Question"
        yield Static(
            f"{kind} {turn.number}/{turn.of} · {q.category} · {record.player}" if turn else q.category,
            id="reveal-header",
        )
        with VerticalScroll(id="reveal-body"):
            yield Static(headline, id="verdict", classes=css)
            yield Static(q.prompt, id="reveal-prompt")
            yield Static(f"Your answer: {answer_text(record)}", id="your-answer")
            yield Static(f"Correct answer: {q.canonical_answer}", id="correct-answer")
            yield Static(points_line(record, self.game.settings.practice), id="points")
            yield Static(
                f"{record.player}: {stats.points} points, {stats.correct}/{stats.answered} right, streak {stats.streak}",
                id="running-total",
            )
            if q.explanation:
                yield Static(q.explanation, id="explanation")
            if q.source is not None:
                yield Static(f"Source: {q.source.seed}\n“{q.source.quote}”", id="source")
        last = self.game.next_turn is None
        yield Static("Press Enter for the results." if last else "Press Enter for the next question.", classes="hint")
        yield KeyBar()

    def action_next(self) -> None:
        self.app.after_reveal()

    def action_leave(self) -> None:
        self.app.confirm_leave_round()
