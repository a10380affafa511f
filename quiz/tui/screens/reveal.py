"""Right or wrong, in words and a symbol; the answer, the points and where the fact comes from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from quiz.engine import AnswerRecord, Game
from quiz.model import MATCHING
from quiz.tui.screens.kept import KeptScreen
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


class RevealScreen(KeptScreen):
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

    # One reveal screen serves the whole round: show() rewrites its texts in place.
    def compose(self) -> ComposeResult:
        texts = self._texts()
        yield Static(texts["reveal-header"], id="reveal-header")
        with VerticalScroll(id="reveal-body"):
            yield Static(texts["verdict"], id="verdict", classes=verdict(self.record)[1])
            for name in ("reveal-prompt", "your-answer", "correct-answer", "points", "running-total", "explanation", "source"):
                widget = Static(texts[name], id=name)
                widget.display = bool(texts[name])  # no explanation or source: no empty lines either
                yield widget
        yield Static(texts["next-hint"], id="next-hint", classes="hint")
        yield KeyBar()

    def _texts(self) -> dict[str, str]:
        record, q = self.record, self.record.question
        turn = self.game.current
        stats = self.game.players[record.player]
        kind = "Practice" if self.game.settings.practice else "Question"
        last = self.game.next_turn is None
        return {
            "reveal-header": f"{kind} {turn.number}/{turn.of} · {q.category} · {record.player}" if turn else q.category,
            "verdict": verdict(record)[0],
            "reveal-prompt": q.prompt,
            "your-answer": f"Your answer: {answer_text(record)}",
            "correct-answer": f"Correct answer: {q.canonical_answer}",
            "points": points_line(record, self.game.settings.practice),
            "running-total": (
                f"{record.player}: {stats.points} points, {stats.correct}/{stats.answered} right, streak {stats.streak}"
            ),
            "explanation": q.explanation or "",
            "source": f"Source: {q.source.seed}\n“{q.source.quote}”" if q.source is not None else "",
            "next-hint": "Press Enter for the results." if last else "Press Enter for the next question.",
        }

    def show(self, record: AnswerRecord) -> None:
        """Reveal another answer on this screen."""
        self.record = record
        for name, text in self._texts().items():
            widget = self.query_one(f"#{name}", Static)
            widget.update(text)
            if name in ("explanation", "source"):
                widget.display = bool(text)
        headline_class = verdict(record)[1]
        verdict_widget = self.query_one("#verdict", Static)
        for css in ("-right", "-wrong", "-timeout"):
            verdict_widget.set_class(css == headline_class, css)
        self.query_one("#reveal-body", VerticalScroll).scroll_home(animate=False)

    def action_next(self) -> None:
        self.app.after_reveal()

    def action_leave(self) -> None:
        self.app.confirm_leave_round()
