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
from typing import TYPE_CHECKING, ClassVar

from quiz.model import Question
from quiz.session.draw import present_options
from quiz.session.scoreboard import AnswerRecord
from quiz.session.settings import BUZZER, HOTSEAT, LIVE, PRESENTER, SOLO, TEAMS, RoundError, RoundSettings
from quiz.session.turn import Turn

if TYPE_CHECKING:
    from quiz.session.session import Session


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

    # -- while a question is open: the session asks the mode ---------------------------
    #: The presenter may go back to the question before.
    can_go_back: ClassVar[bool] = False

    def on_open(self, session: Session) -> None:
        """The question has just opened to the group."""

    def may_answer(self, session: Session, name: str) -> bool:
        return name in session.group

    def answering(self, session: Session) -> str | None:
        """The one participant answering now, when there is just one (the default for an answer)."""
        return session.group[0] if len(session.group) == 1 else None

    def scoring_timer(self, settings: RoundSettings) -> float | None:
        """The timer speed points are counted against (None: a flat 1000 for a right answer)."""
        return settings.timer

    def deadline(self, session: Session) -> float | None:
        """Game time the open question runs out, if it has a timer."""
        timer = session.settings.timer
        return session.opened_at + timer if timer else None

    def on_deadline(self, session: Session) -> None:
        session.time_out()

    def after_answer(self, session: Session, record: AnswerRecord) -> None:
        """An answer was recorded: once the whole group has answered, the next group (or the reveal)."""
        if all(p in session.answers for p in session.group):
            session._group_done()

    def reveal(self, session: Session) -> None:
        raise RoundError("the answer shows once everyone has answered")

    def buzz(self, session: Session, name: str) -> bool:
        raise RoundError("there is no buzzer in this round")

    def award(self, session: Session, name: str) -> bool:
        raise RoundError("points are only given by hand in a presenter round")

    def undo_award(self, session: Session) -> str | None:
        return None

    def before_result(self, session: Session) -> None:
        """Complete the board before the round's record is made."""


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


class Buzzer(Mode):
    """Teams crowd round one keyboard: the first to buzz answers; a miss opens the question to the rest.

    The question is open to every team for the round's timer (or until revealed).
    A team that buzzes holds it for ``ANSWER_SECONDS`` and locks the others out;
    a right answer ends the question, a wrong one (or running out of time) opens
    it again to the teams that have not tried. Points are a flat 1000 plus the
    team's streak: speed is in the buzzing.
    """

    name = BUZZER
    shared = True
    #: Seconds the team that buzzed has to answer.
    ANSWER_SECONDS = 10.0

    def groups(self, turn: Turn) -> list[tuple[str, ...]]:
        return [turn.participants]

    def on_open(self, session: Session) -> None:
        session.holder = None
        session.tried = set()

    def may_answer(self, session: Session, name: str) -> bool:
        return session.holder == name

    def answering(self, session: Session) -> str | None:
        return session.holder

    def scoring_timer(self, settings: RoundSettings) -> float | None:
        return None

    def deadline(self, session: Session) -> float | None:
        if session.holder is not None:
            return session.held_at + self.ANSWER_SECONDS
        return super().deadline(session)

    def on_deadline(self, session: Session) -> None:
        holder = session.holder
        if holder is not None:
            session._record(holder, None, session.game_time() - session.opened_at)  # out of time: a miss
        else:
            session._close()  # nobody buzzed in time: the answer shows

    def buzz(self, session: Session, name: str) -> bool:
        turn = session.turn
        if session.phase.value != "open" or session.paused or turn is None or name not in turn.participants:
            return False
        if session.holder is not None or name in session.tried:
            return False  # locked out: someone holds it, or this team has had its go
        session.holder = name
        session.held_at = session.game_time()
        session._emit("buzzed", name)
        return True

    def after_answer(self, session: Session, record: AnswerRecord) -> None:
        session.tried.add(record.player)
        session.holder = None
        turn = session.turn
        assert turn is not None
        if record.correct or all(p in session.tried for p in turn.participants):
            session._close()
        else:
            session._emit("reopened", record.player, record)

    def reveal(self, session: Session) -> None:
        session._close()


class Presenter(Mode):
    """A teacher puts each question on a projector, reveals it, and gives points to the teams that got it."""

    name = PRESENTER
    shared = True
    can_go_back = True
    #: Points a team is given for a question.
    POINTS = 1000

    def groups(self, turn: Turn) -> list[tuple[str, ...]]:
        return [turn.participants]

    def may_answer(self, session: Session, name: str) -> bool:
        return False  # answers are the teacher's to judge: see award

    def deadline(self, session: Session) -> float | None:
        timer = session.settings.timer
        return session.opened_at + timer if timer else None

    def on_deadline(self, session: Session) -> None:
        session._close()  # time is up: the answer shows

    def reveal(self, session: Session) -> None:
        session._close()

    def award(self, session: Session, name: str) -> bool:
        turn = session.turn
        if turn is None or name not in turn.participants or session.phase.value not in ("open", "closed"):
            return False
        given = session.awards.setdefault(turn.index, [])
        if any(record.player == name for record in given):
            return False  # once a question
        record = session.board.record(
            turn.question,
            name,
            None,
            None,
            None,
            turn.number,
            correct=True,
            points=self.POINTS,
            note="given the points by the presenter",
        )
        given.append(record)
        session.award_log.append((turn.index, record))
        session._emit("awarded", name, record)
        return True

    def undo_award(self, session: Session) -> str | None:
        if not session.award_log:
            return None
        index, record = session.award_log.pop()
        session.awards[index].remove(record)
        session.board.remove(record)
        session._emit("award undone", record.player, record)
        return record.player

    def before_result(self, session: Session) -> None:
        # Every question shown and not given to a team counts as missed by it, so reports show
        # who knew what; it is written once, when the round's record is first made.
        if session.result_completed:
            return
        session.result_completed = True
        shown = session.furthest + 1
        for turn in session.turns[:shown]:
            given = {r.player for r in session.awards.get(turn.index, [])}
            for team in turn.participants:
                if team not in given:
                    session.board.record(
                        turn.question,
                        team,
                        None,
                        None,
                        None,
                        turn.number,
                        correct=False,
                        points=0,
                        note="not given the points",
                    )


MODE_RULES: dict[str, type[Mode]] = {
    SOLO: Solo,
    HOTSEAT: HotSeat,
    TEAMS: Teams,
    BUZZER: Buzzer,
    PRESENTER: Presenter,
    LIVE: Live,
}


def rules_for(mode: str) -> Mode:
    """The rules of ``mode`` (a name from ``quiz.session.settings.MODES``)."""
    return MODE_RULES[mode]()
