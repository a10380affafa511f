"""A turn: one question put to one or more participants, with the options as shown to them."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.model import Question


@dataclass(frozen=True)
class Turn:
    index: int  # 0-based position in the round
    number: int  # 1-based question number for this turn's participant(s)
    of: int  # questions per participant
    participants: tuple[str, ...]
    question: Question
    options: tuple[str, ...]

    @property
    def player(self) -> str:
        return self.participants[0]
