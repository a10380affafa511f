"""The rules of each mode, one small strategy each.

A mode decides who is asked which question (``deal``), who answers together and
in what order (``groups``), whether the keyboard changes hands first
(``hand_off``), and whether the standings show between questions. The session
(``quiz.session.session``) does everything else the same way for every mode:
the clock, deadlines, scoring and what it tells the screen.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import ClassVar

from quiz.model import Question
from quiz.session.draw import present_options
from quiz.session.settings import HOTSEAT, LIVE, SOLO, TEAMS
from quiz.session.turn import Turn


class Mode:
    """Solo play: one player, a question at a time. Other modes change what differs."""

    name: ClassVar[str] = SOLO
    #: Every participant answers the same questions (teams, live rooms) rather than their own (hot-seat).
    shared: ClassVar[bool] = False
    #: A "get ready" hand-off before each group answers: the keyboard changes hands.
    hand_off: ClassVar[bool] = False
    #: Seconds a "get ready" lasts before the question opens by itself (0: until someone is ready).
    get_ready: ClassVar[float] = 0.0
    #: The standings show between one question's reveal and the next question.
    standings_between: ClassVar[bool] = False

    def needed(self, per_player: int, names: Sequence[str]) -> int:
        """How many questions to draw."""
        return per_player if self.shared else per_player * len(names)

    def deal(
        self, picked: Sequence[Question], names: tuple[str, ...], per_player: int, rng: random.Random, fixed: bool
    ) -> list[Turn]:
        """The round's turns: each question, who is asked it, and its shuffled options."""
        turns: list[Turn] = []
        if self.shared:
            for i, q in enumerate(picked[:per_player]):
                turns.append(Turn(i, i + 1, per_player, names, q, present_options(q, rng)))
            return turns
        # Each player their own questions, taking turns; fixed questions go to every player in order.
        by_player = {n: list(picked) if fixed else list(picked[i :: len(names)]) for i, n in enumerate(names)}
        for i in range(per_player):
            for name in names:
                q = by_player[name][i]
                turns.append(Turn(len(turns), i + 1, per_player, (name,), q, present_options(q, rng)))
        return turns

    def groups(self, turn: Turn) -> list[tuple[str, ...]]:
        """Who answers together, in order: here each participant on their own."""
        return [(name,) for name in turn.participants]


class Solo(Mode):
    pass


class HotSeat(Mode):
    """Players share a keyboard and take turns, each with their own questions."""

    name = HOTSEAT
    # The next player's clock must not start before they have the keyboard.
    hand_off = True


class Teams(Mode):
    """Teams share a keyboard; every team answers every question in turn, then one reveal shows them all."""

    name = TEAMS
    shared = True
    hand_off = True


class Live(Mode):
    """Everyone answers the same question at once, each on their own device; the server keeps time."""

    name = LIVE
    shared = True
    get_ready = 3.0
    standings_between = True

    def groups(self, turn: Turn) -> list[tuple[str, ...]]:
        return [turn.participants]


MODE_RULES: dict[str, type[Mode]] = {SOLO: Solo, HOTSEAT: HotSeat, TEAMS: Teams, LIVE: Live}


def rules_for(mode: str) -> Mode:
    """The rules of ``mode`` (a name from ``quiz.session.settings.MODES``)."""
    return MODE_RULES[mode]()
