"""Driving a Session in tests: a clock that moves only when told to, and answers given after N seconds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from quiz.model import Question
from quiz.qtypes import Response
from quiz.session import AnswerRecord, Phase, RoundSettings, Session


class FakeClock:
    """A clock that stands still until advanced."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Driver:
    """A session and its fake clock, with the moves a player makes."""

    def __init__(self, session: Session, clock: FakeClock) -> None:
        self.session = session
        self.clock = clock
        self.changes: list[str] = []
        session.watch(lambda change: self.changes.append(change.kind))
        session.start()

    @classmethod
    def create(
        cls,
        pool: Iterable[Question],
        settings: RoundSettings,
        recent: Iterable[str] = (),
        fixed: Sequence[Question] | None = None,
    ) -> Driver:
        clock = FakeClock()
        return cls(Session.create(pool, settings, recent=recent, fixed=fixed, clock=clock), clock)

    def take_keyboard(self) -> None:
        """Pass a hand-off as the next player would: after its guard time."""
        if self.session.phase is Phase.READY:
            self.clock.advance(Session.READY_GUARD)
            assert self.session.ready()

    def answer(self, response: Response, after: float = 1.0, player: str | None = None) -> AnswerRecord:
        """Answer ``after`` seconds since the question opened (for whoever answers now)."""
        self.take_keyboard()
        self.clock.advance(max(0.0, after - self.session.elapsed()))
        return self.session.answer(response, player)

    def advance(self) -> None:
        """From the reveal to the next question, past its hand-off."""
        self.session.next()
        if not self.session.finished:
            self.take_keyboard()

    def play(self, answers: Iterable[tuple[Response, float]]) -> None:
        """Answer each turn in order with (response, seconds taken) and move on."""
        for response, after in answers:
            self.answer(response, after)
            self.advance()


def played(
    pool: Iterable[Question],
    settings: RoundSettings,
    answers: Iterable[Response],
    elapsed: float = 2.0,
    packs: Sequence[str] = ("tdf",),
) -> Session:
    """A finished round: each turn answered in order with the response given, ``elapsed`` seconds after it opened."""
    clock = FakeClock()
    session = Session.create(pool, settings, clock=clock, packs=packs)
    game = Driver(session, clock)
    game.play((response, elapsed) for response in answers)
    assert session.finished
    return session
