"""Keeping score: each answer recorded and scored, each participant's totals, and the standings.

Clock-free: the session measures how long an answer took and passes it in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from quiz.model import Question
from quiz.qtypes import Response, describe_response, is_correct
from quiz.scoring import Points, score_answer


@dataclass(frozen=True)
class AnswerRecord:
    question: Question
    player: str
    response: Response
    response_text: str
    correct: bool
    elapsed: float | None
    points: Points
    timed_out: bool = False
    #: 1-based position of the question in the round (for this participant's questions).
    number: int = 0


@dataclass
class PlayerStats:
    name: str
    points: int = 0
    correct: int = 0
    answered: int = 0
    streak: int = 0
    best_streak: int = 0
    total_time: float = 0.0
    timed: int = 0
    per_category: dict[str, list[int]] = field(default_factory=dict)  # category -> [right, asked]
    records: list[AnswerRecord] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0

    @property
    def mean_time(self) -> float | None:
        return self.total_time / self.timed if self.timed else None

    def category_accuracy(self) -> dict[str, float]:
        return {c: (r / n if n else 0.0) for c, (r, n) in sorted(self.per_category.items())}

    @property
    def mistakes(self) -> list[Question]:
        return [r.question for r in self.records if not r.correct]


def shared_places(levels: Sequence[object]) -> list[tuple[int, bool]]:
    """(place, shared) for rows already in ranked order, ``levels`` saying what makes two rows level.

    Level rows share a place and the next row skips ahead (1, 1, 3), as in the standings.
    """
    places: list[int] = []
    for i, level in enumerate(levels):
        places.append(places[-1] if i and level == levels[i - 1] else i + 1)
    return [(place, places.count(place) > 1) for place in places]


def place_text(place: int, shared: bool) -> str:
    """'2', or '2=' for a place shared by a tie (the = says it without colour)."""
    return f"{place}=" if shared else str(place)


def tied(a: PlayerStats, b: PlayerStats) -> bool:
    """Level on everything the scoreboard shows: points and right answers (speed only orders them)."""
    return (a.points, a.correct) == (b.points, b.correct)


@dataclass(frozen=True)
class Place:
    """A participant's place in the standings; ``shared`` when level with another."""

    place: int
    shared: bool
    stats: PlayerStats


class Scoreboard:
    """Every participant's score, in seat order."""

    def __init__(self, names: tuple[str, ...], practice: bool = False) -> None:
        self.players: dict[str, PlayerStats] = {n: PlayerStats(n) for n in names}
        self.practice = practice

    def add_participant(self, name: str) -> PlayerStats:
        return self.players.setdefault(name, PlayerStats(name))

    def record(
        self,
        question: Question,
        name: str,
        response: Response,
        elapsed: float | None,
        timer: float | None,
        number: int = 0,
        *,
        correct: bool | None = None,
        points: int | None = None,
        note: str = "",
        skipped: bool = False,
    ) -> AnswerRecord:
        """Score one answer; an answer after the timer ran out is a time-out, whatever it says.

        ``correct`` and ``points``, when given, are a judgement made by hand (a presenter
        giving a team the question's points) rather than the answer checked; ``note``
        then says so where the answer would be described.
        """
        stats = self.players[name]
        if timer is not None and elapsed is not None and elapsed > timer:
            response = None
        judged = correct is not None
        right = bool(correct) if judged else is_correct(question, response)
        timed_out = response is None and not judged and not skipped
        streak = stats.streak + 1 if right else 0
        if self.practice:
            scored = Points()
        elif points is not None:
            scored = Points(base=points) if right else Points()
        else:
            scored = score_answer(right, elapsed, timer, streak)
        if skipped:
            response, note = None, "skipped"
        text = note if (judged or skipped) and note else describe_response(question, response)
        record = AnswerRecord(question, name, response, text, right, elapsed, scored, timed_out, number)
        stats.streak = streak
        stats.best_streak = max(stats.best_streak, streak)
        stats.answered += 1
        stats.correct += int(right)
        stats.points += scored.total
        if elapsed is not None:
            stats.total_time += elapsed
            stats.timed += 1
        cat = stats.per_category.setdefault(question.category, [0, 0])
        cat[0] += int(right)
        cat[1] += 1
        stats.records.append(record)
        return record

    def remove(self, record: AnswerRecord) -> None:
        """Take a recorded answer back (a presenter's award undone); streaks are counted again."""
        stats = self.players[record.player]
        stats.records.remove(record)
        stats.answered -= 1
        stats.correct -= int(record.correct)
        stats.points -= record.points.total
        if record.elapsed is not None:
            stats.total_time -= record.elapsed
            stats.timed -= 1
        cat = stats.per_category[record.question.category]
        cat[0] -= int(record.correct)
        cat[1] -= 1
        if not cat[1]:
            del stats.per_category[record.question.category]
        streak = best = 0
        for r in stats.records:
            streak = streak + 1 if r.correct else 0
            best = max(best, streak)
        stats.streak, stats.best_streak = streak, best

    def standings(self) -> list[PlayerStats]:
        """Ranked by points, then right answers, then speed; ties keep seat order."""
        order = {name: seat for seat, name in enumerate(self.players)}
        return sorted(
            self.players.values(),
            key=lambda s: (-s.points, -s.correct, s.mean_time if s.mean_time is not None else 1e9, order[s.name]),
        )

    def ranking(self) -> list[Place]:
        """Standings with places; participants level on points and right answers share one (1, 1, 3)."""
        standings = self.standings()
        places = shared_places([(s.points, s.correct) for s in standings])
        return [Place(place, shared, stats) for (place, shared), stats in zip(places, standings)]
