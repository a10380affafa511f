"""A finished (or abandoned) game as a record: settings as data, participants, every answer.

Storage saves it as it is and reads it back; reports are made from it. Every
field is plain data, so a record survives the packs it was played from changing:
each answer keeps its question's prompt and right answer as they were asked.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from quiz.qtypes import TYPES, Json, canonical_answer
from quiz.session.scoreboard import Scoreboard
from quiz.session.settings import BUZZER, PRESENTER, TEAMS, RoundSettings

#: Modes whose participants are teams rather than players.
TEAM_MODES = (TEAMS, BUZZER, PRESENTER)


@dataclass(frozen=True)
class AnswerRow:
    """One participant's answer to one question."""

    number: int  # the question's number in the round, for this participant
    participant: str
    question_id: str
    pack: str
    category: str
    type: str
    prompt: str
    right_answer: str
    response: Json  # the wire form (quiz.qtypes): None for no answer
    response_text: str
    correct: bool
    timed_out: bool
    elapsed: float | None
    points_base: int
    points_speed: int
    points_streak: int

    @property
    def points(self) -> int:
        return self.points_base + self.points_speed + self.points_streak


@dataclass(frozen=True)
class Standing:
    """A participant's totals and place at the end."""

    place: int
    shared: bool  # level with another participant
    name: str
    points: int
    correct: int
    asked: int
    best_streak: int
    mean_time: float | None


@dataclass(frozen=True)
class GameResult:
    settings: RoundSettings
    seed: int
    packs: tuple[str, ...]
    participants: tuple[str, ...]  # in seat order
    answers: tuple[AnswerRow, ...]
    standings: tuple[Standing, ...]
    finished: bool
    played_at: str  # ISO 8601 with the local offset
    #: Where storage keeps it (None until saved).
    game_id: int | None = None

    @property
    def mode(self) -> str:
        return self.settings.mode

    @property
    def team_game(self) -> bool:
        return self.settings.mode in TEAM_MODES

    @property
    def questions(self) -> int:
        """Questions per participant."""
        return max((a.number for a in self.answers), default=self.settings.questions)

    @property
    def winners(self) -> tuple[str, ...]:
        """Everyone in first place (several on a tie)."""
        return tuple(s.name for s in self.standings if s.place == 1)

    # -- as data ----------------------------------------------------------------------
    def to_data(self) -> dict[str, Any]:
        data = asdict(self)
        data["settings"] = self.settings.to_data()
        data["packs"] = list(self.packs)
        data["participants"] = list(self.participants)
        data["answers"] = [asdict(a) for a in self.answers]
        data["standings"] = [asdict(s) for s in self.standings]
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> GameResult:
        answer_keys = {f.name for f in fields(AnswerRow)}
        standing_keys = {f.name for f in fields(Standing)}
        return cls(
            settings=RoundSettings.from_data(data["settings"]),
            seed=int(data["seed"]),
            packs=tuple(data.get("packs", ())),
            participants=tuple(data.get("participants", ())),
            answers=tuple(
                AnswerRow(**{k: v for k, v in a.items() if k in answer_keys}) for a in data.get("answers", ())
            ),
            standings=tuple(
                Standing(**{k: v for k, v in s.items() if k in standing_keys}) for s in data.get("standings", ())
            ),
            finished=bool(data.get("finished", True)),
            played_at=str(data.get("played_at", "")),
            game_id=data.get("game_id"),
        )


def make_result(
    settings: RoundSettings,
    seed: int,
    packs: tuple[str, ...],
    board: Scoreboard,
    finished: bool,
    played_at: datetime | None = None,
) -> GameResult:
    """The record of a round from its scoreboard."""
    answers: list[AnswerRow] = []
    for name, stats in board.players.items():
        for number, r in enumerate(stats.records, start=1):
            q = r.question
            answers.append(
                AnswerRow(
                    number=r.number or number,
                    participant=name,
                    question_id=q.id,
                    pack=q.pack,
                    category=q.category,
                    type=q.type,
                    prompt=q.prompt,
                    right_answer=canonical_answer(q),
                    response=TYPES[q.type].to_wire(r.response) if r.response is not None else None,
                    response_text=r.response_text,
                    correct=r.correct,
                    timed_out=r.timed_out,
                    elapsed=r.elapsed,
                    points_base=r.points.base,
                    points_speed=r.points.speed,
                    points_streak=r.points.streak,
                )
            )
    standings = tuple(
        Standing(
            place=p.place,
            shared=p.shared,
            name=p.stats.name,
            points=p.stats.points,
            correct=p.stats.correct,
            asked=p.stats.answered,
            best_streak=p.stats.best_streak,
            mean_time=p.stats.mean_time,
        )
        for p in board.ranking()
    )
    when = (played_at or datetime.now()).astimezone().isoformat(timespec="seconds")
    return GameResult(
        settings=settings,
        seed=seed,
        packs=packs,
        participants=tuple(board.players),
        answers=tuple(answers),
        standings=standings,
        finished=finished,
        played_at=when,
    )


__all__ = ["AnswerRow", "GameResult", "Standing", "TEAM_MODES", "make_result"]
