"""Right or wrong, in words and a symbol; the answer, the points and where the fact comes from."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from quiz.model import Question
from quiz.qtypes import canonical_answer
from quiz.session import AnswerRecord, PlayerStats

#: The texts of the reveal, in the order they show; empty ones are hidden.
PARTS = ("reveal-prompt", "your-answer", "correct-answer", "points", "running-total", "explanation", "source")


def verdict(record: AnswerRecord) -> tuple[str, str]:
    """The headline and its CSS class: never colour alone."""
    if record.correct:
        return "✔ Right!", "-right"
    if record.timed_out:
        return "⏱ Time's up", "-timeout"
    if record.response is None:
        return "⏭ Skipped", "-wrong"
    return "✘ Wrong", "-wrong"


def points_line(record: AnswerRecord, practice: bool) -> str:
    if practice:
        return "Practice round: no points."
    p = record.points
    return f"Points: {p.base} base + {p.speed} speed + {p.streak} streak = {p.total}"


def totals_line(stats: PlayerStats) -> str:
    return f"{stats.name}: {stats.points} points, {stats.correct}/{stats.answered} right, streak {stats.streak}"


def reveal_texts(
    header: str,
    q: Question,
    records: Sequence[AnswerRecord],
    stats: Sequence[PlayerStats],
    practice: bool,
    last: bool,
) -> dict[str, str]:
    """Every text of the reveal: one participant's answer, each team's in turn, or nobody's."""
    if not records:
        yours, points = "Nobody buzzed in time.", ""
    elif len(records) == 1:
        (record,) = records
        yours = f"Your answer: {record.response_text}"
        points = points_line(record, practice)
    else:
        # Several teams answered the same question: each one's answer, verdict and points on its line.
        yours = "\n".join(f"{r.player}: {r.response_text} — {verdict(r)[0]} ({r.points.total} points)" for r in records)
        points = ""
    source = q.source
    return {
        "reveal-header": header,
        "verdict": verdict(records[0])[0] if len(records) == 1 else _team_verdict(records),
        "reveal-prompt": q.prompt,
        "your-answer": yours,
        "correct-answer": f"Correct answer: {canonical_answer(q)}",
        "points": points,
        "running-total": "\n".join(totals_line(s) for s in stats),
        "explanation": q.explanation or "",
        "source": f"Source: {source.seed}\n“{source.quote}”" if source is not None else "",
        "next-hint": "Press Enter for the results." if last else "Press Enter for the next question.",
    }


def _team_verdict(records: Sequence[AnswerRecord]) -> str:
    if not records:
        return "⏱ Nobody answered"
    right = [r.player for r in records if r.correct]
    if not right:
        return "✘ Nobody got it right"
    return f"✔ Right: {', '.join(right)}"


def verdict_class(records: Sequence[AnswerRecord]) -> str:
    if len(records) == 1:
        return verdict(records[0])[1]
    return "-right" if any(r.correct for r in records) else "-wrong"


class RevealView(Vertical):
    """Shows the reveal of a turn; ``show`` rewrites it in place for the next one."""

    def __init__(self) -> None:
        super().__init__(id="reveal-view")

    def compose(self) -> ComposeResult:
        yield Static("", id="reveal-header", markup=False)
        with VerticalScroll(id="reveal-body"):
            yield Static("", id="verdict", markup=False)
            for name in PARTS:
                yield Static("", id=name, markup=False)
        yield Static("", id="next-hint", classes="hint", markup=False)

    def show(self, texts: dict[str, str], css: str) -> None:
        for name, text in texts.items():
            widget = self.query_one(f"#{name}", Static)
            widget.update(text)
            if name in PARTS:
                widget.display = bool(text)  # no explanation or source: no empty lines either
        verdict_widget = self.query_one("#verdict", Static)
        for cls in ("-right", "-wrong", "-timeout"):
            verdict_widget.set_class(cls == css, cls)
        self.query_one("#reveal-body", VerticalScroll).scroll_home(animate=False)
