"""A finished game's record as the three tables a teacher reads: Summary, Answers and Questions.

Pure data: every writer (CSV, xlsx, HTML) formats the same cells, so the three
files cannot disagree. Cells hold real values (numbers as numbers, a fraction
for a percentage, True/False for right or wrong); each column says what kind
of value it holds, and the writers decide how that kind looks in their format.

The record is all a report needs: each answer keeps the question's prompt and
right answer as they were asked, so a report survives its packs changing.
Games saved before the record kept prompts (schema 1) show the question's id
in their place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from quiz.session.result import AnswerRow, GameResult, Standing
from quiz.session.settings import MODE_TITLES
from quiz.storage import settings_summary

#: Column kinds: what a column's cells hold.
TEXT = "text"  # str
COUNT = "count"  # int (points, numbers of answers)
PERCENT = "percent"  # float from 0 to 1, or None when there is nothing to divide by
SECONDS = "seconds"  # float, or None when not timed
YES_NO = "yes/no"  # bool

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = TEXT


@dataclass(frozen=True)
class Table:
    name: str  # the sheet's (or section's) name
    description: str  # one sentence under the heading
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def column(self, title: str) -> int:
        return [c.title for c in self.columns].index(title)


@dataclass(frozen=True)
class Report:
    title: str
    #: (label, value) pairs that describe the game: date, mode, packs, settings, winner.
    details: tuple[tuple[str, str], ...]
    summary: Table
    answers: Table
    questions: Table

    @property
    def tables(self) -> tuple[Table, Table, Table]:
        return (self.summary, self.answers, self.questions)


@dataclass(frozen=True)
class QuestionLine:
    """One question of the round, with every answer it got."""

    number: int  # in the report's numbering: order of first asking
    question_id: str
    prompt: str
    category: str
    right_answer: str
    answers: tuple[AnswerRow, ...]

    @property
    def right(self) -> int:
        return sum(a.correct for a in self.answers)

    @property
    def unanswered(self) -> int:
        return sum(a.timed_out for a in self.answers)

    @property
    def share_right(self) -> float | None:
        return self.right / len(self.answers) if self.answers else None

    def common_wrong(self) -> tuple[str, int]:
        """The wrong answer given most often and how often; ("", 0) for none.

        On a tie, the one given first in seat order (the order of the Answers table).
        """
        wrong = Counter(a.response_text for a in self.answers if not a.correct and not a.timed_out)
        if not wrong:
            return "", 0
        return wrong.most_common(1)[0]


def cell_text(value: Cell, kind: str) -> str:
    """A cell in words, as CSV and HTML show it: "67%", "2.5" (seconds), "yes"; "" for no value."""
    if value is None:
        return ""
    if kind == PERCENT:
        return f"{round(float(value) * 100)}%"
    if kind == SECONDS:
        return f"{float(value):.1f}"
    if kind == YES_NO:
        return "yes" if value else "no"
    return str(value)


def prompt_of(answer: AnswerRow) -> str:
    """The question as asked; games from before prompts were kept give its id instead."""
    return answer.prompt or answer.question_id


def date_text(iso: str) -> str:
    """'2024-07-01T18:30:05+02:00' -> '2024-07-01 18:30', as the players' clock showed it."""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def question_lines(result: GameResult) -> list[QuestionLine]:
    """Every question asked, numbered in the order the round first asked it."""
    seat = {name: i for i, name in enumerate(result.participants)}
    ordered = sorted(
        enumerate(result.answers), key=lambda ia: (ia[1].number, seat.get(ia[1].participant, len(seat)), ia[0])
    )
    by_id: dict[str, list[AnswerRow]] = {}
    for _, a in ordered:
        by_id.setdefault(a.question_id, []).append(a)
    lines = []
    for number, (qid, answers) in enumerate(by_id.items(), start=1):
        first = answers[0]
        lines.append(QuestionLine(number, qid, prompt_of(first), first.category, first.right_answer, tuple(answers)))
    return lines


def _categories(result: GameResult) -> list[str]:
    return sorted({a.category for a in result.answers}, key=str.casefold)


def _share(right: int, asked: int) -> float | None:
    return right / asked if asked else None


def summary_table(result: GameResult, who: str) -> Table:
    categories = _categories(result)
    per_cat: dict[tuple[str, str], list[int]] = {}
    for a in result.answers:
        tally = per_cat.setdefault((a.participant, a.category), [0, 0])
        tally[0] += int(a.correct)
        tally[1] += 1
    columns = [
        Column("Place", COUNT),
        Column(who),
        Column("Points", COUNT),
        Column("Right answers", COUNT),
        Column("Questions", COUNT),
        Column("Accuracy", PERCENT),
        Column("Mean time (s)", SECONDS),
        Column("Best streak", COUNT),
        *(Column(f"Accuracy: {c}", PERCENT) for c in categories),
    ]
    rows = []
    for st in result.standings:
        cats = [_share(*per_cat.get((st.name, c), [0, 0])) for c in categories]
        rows.append(
            (
                st.place,
                st.name,
                st.points,
                st.correct,
                st.asked,
                _share(st.correct, st.asked),
                st.mean_time,
                st.best_streak,
                *cats,
            )
        )
    return Table(
        "Summary",
        f"One row per {who.lower()}, best first: points, right answers and accuracy, overall and per category.",
        tuple(columns),
        tuple(rows),
    )


def answers_table(result: GameResult, who: str, lines: Sequence[QuestionLine]) -> Table:
    number = {line.question_id: line.number for line in lines}
    seat = {name: i for i, name in enumerate(result.participants)}
    ordered = sorted(
        result.answers, key=lambda a: (seat.get(a.participant, len(seat)), number.get(a.question_id, 0), a.number)
    )
    columns = (
        Column(who),
        Column("Question no.", COUNT),
        Column("Question"),
        Column("Category"),
        Column("Answer given"),
        Column("Right answer"),
        Column("Correct", YES_NO),
        Column("Time (s)", SECONDS),
        Column("Points", COUNT),
    )
    rows = tuple(
        (
            a.participant,
            number[a.question_id],
            prompt_of(a),
            a.category,
            a.response_text,
            a.right_answer,
            a.correct,
            a.elapsed,
            a.points,
        )
        for a in ordered
    )
    return Table(
        "Answers",
        f"One row per {who.lower()} and question: what was answered, the right answer, time and points.",
        columns,
        rows,
    )


def questions_table(lines: Sequence[QuestionLine]) -> Table:
    columns = (
        Column("No.", COUNT),
        Column("Question"),
        Column("Category"),
        Column("Right answer"),
        Column("Answers", COUNT),
        Column("Right", COUNT),
        Column("% right", PERCENT),
        Column("Most common wrong answer"),
        Column("Given by", COUNT),
        Column("No answer", COUNT),
    )
    rows = []
    for line in lines:
        wrong, times = line.common_wrong()
        rows.append(
            (
                line.number,
                line.prompt,
                line.category,
                line.right_answer,
                len(line.answers),
                line.right,
                line.share_right,
                wrong,
                times or None,
                line.unanswered,
            )
        )
    return Table(
        "Questions",
        "One row per question: how many got it right and the wrong answer given most often (what to teach again).",
        columns,
        tuple(rows),
    )


def _winner_text(standings: Sequence[Standing]) -> str:
    first = [s for s in standings if s.place == 1]
    if not first:
        return ""
    names = " & ".join(s.name for s in first)
    return f"{names} ({first[0].points} points)" + (" — a tie" if len(first) > 1 else "")


def build_report(result: GameResult) -> Report:
    """The three tables of ``result``, and the few facts that head them."""
    who = "Team" if result.team_game else "Player"
    lines = question_lines(result)
    mode = MODE_TITLES.get(result.mode, result.mode)
    title = f"Quiz report: game {result.game_id}" if result.game_id is not None else "Quiz report"
    details = (
        ("Game", "" if result.game_id is None else str(result.game_id)),
        ("Played", date_text(result.played_at)),
        ("Mode", mode + ("" if result.finished else " (not finished)")),
        ("Packs", ", ".join(result.packs)),
        ("Teams" if result.team_game else "Players", ", ".join(result.participants)),
        ("Winner", _winner_text(result.standings)),
        ("Settings", settings_summary(result.settings, result.questions, result.seed)),
    )
    return Report(
        title=title,
        details=tuple((k, v) for k, v in details if v),
        summary=summary_table(result, who),
        answers=answers_table(result, who, lines),
        questions=questions_table(lines),
    )


__all__ = [
    "COUNT",
    "PERCENT",
    "SECONDS",
    "TEXT",
    "YES_NO",
    "Cell",
    "Column",
    "QuestionLine",
    "Report",
    "Table",
    "build_report",
    "cell_text",
    "date_text",
    "question_lines",
]
