"""A round in progress: its phases, its clock and deadlines, and its mode's rules.

Every front end runs a round the same way: it creates a :class:`Session`,
watches what changes, and forwards the players' input (``ready``, ``answer``,
``next``). The session owns time: it reads an injected clock, so a terminal, a
projector and a network server can each give it theirs, and tests give it a
fake one. Answer times, time-outs, late answers and the pause under a dialog
are all decided here, never by a screen.

Phases, for each question (turn)::

    READY ──ready()──▶ OPEN ──answers or time up──▶ CLOSED ──next()──▶ (STANDINGS ──next()──▶) next turn
      ▲                  │ more participants to answer in turn (teams)
      └──────────────────┘                                            … ──▶ FINISHED

READY is the "get ready" hand-off of modes where the keyboard changes hands.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum

from quiz.model import Question
from quiz.qtypes import Response
from quiz.session.draw import eligible, pick_questions, too_few
from quiz.session.modes import Mode, rules_for
from quiz.session.result import GameResult, make_result
from quiz.session.scoreboard import AnswerRecord, Place, PlayerStats, Scoreboard
from quiz.session.settings import RoundError, RoundSettings
from quiz.session.turn import Turn

Clock = Callable[[], float]


class Phase(str, Enum):
    READY = "ready"  # the next participant takes the keyboard; no clock runs yet
    OPEN = "open"  # the question is shown and answers are taken
    CLOSED = "closed"  # everyone has answered or time ran out: the answer is revealed
    STANDINGS = "standings"  # the scoreboard between questions, in modes that show it
    FINISHED = "finished"


@dataclass(frozen=True)
class Change:
    """What a session tells its watchers: what happened, and to whom."""

    kind: str  # ready | open | answered | closed | standings | finished | paused | resumed
    participant: str | None = None
    record: AnswerRecord | None = None


class Session:
    """One round, from its first question to its standings."""

    #: Seconds after a hand-off appears during which "ready" is ignored: the Enter that
    #: closed the reveal, pressed twice or held down, must not start the next player's clock.
    READY_GUARD = 0.4

    def __init__(
        self,
        settings: RoundSettings,
        turns: Sequence[Turn],
        *,
        seed: int,
        clock: Clock = time.monotonic,
        packs: Sequence[str] = (),
        mode: Mode | None = None,
    ) -> None:
        self.settings = settings
        self.turns = list(turns)
        self.seed = seed
        self.packs = tuple(packs)
        self.mode = mode or rules_for(settings.mode)
        self.clock = clock
        names = tuple(p.strip() for p in settings.players)
        self.board = Scoreboard(names, practice=settings.practice)
        self.phase = Phase.READY
        self.position = 0
        #: This turn's answers so far, by participant.
        self.answers: dict[str, AnswerRecord] = {}
        #: Who answers now (OPEN) or takes the keyboard next (READY).
        self.group: tuple[str, ...] = ()
        self.abandoned = False
        # Buzzer rounds: the team holding the open question, since when, and the teams that have tried it.
        self.holder: str | None = None
        self.held_at = 0.0
        self.tried: set[str] = set()
        # Presenter rounds: the points given by hand, by question, and in the order given (for undo).
        self.awards: dict[int, list[AnswerRecord]] = {}
        self.award_log: list[tuple[int, AnswerRecord]] = []
        #: The furthest question shown so far, and whether the board was completed for the record.
        self.furthest = 0
        self.result_completed = False
        self._groups: list[tuple[str, ...]] = []
        self._opened_at = 0.0  # game time the current group's question opened
        self._ready_at = 0.0  # clock time the current hand-off began
        self._ready_until: float | None = None  # game time a timed "get ready" ends
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._watchers: list[Callable[[Change], None]] = []
        self._started = False

    @classmethod
    def create(
        cls,
        pool: Iterable[Question],
        settings: RoundSettings,
        *,
        recent: Iterable[str] = (),
        fixed: Sequence[Question] | None = None,
        clock: Clock = time.monotonic,
        packs: Sequence[str] = (),
    ) -> Session:
        """Draw a round from ``pool`` (or ask ``fixed`` questions in order); raises RoundError."""
        settings.check()
        seed = settings.seed if settings.seed is not None else random.SystemRandom().randrange(2**31)
        rng = random.Random(seed)
        mode = rules_for(settings.mode)
        names = tuple(p.strip() for p in settings.players)
        per_player = settings.questions
        if fixed is not None:
            picked = list(fixed)
            per_player = len(picked)
        else:
            needed = mode.needed(per_player, names)
            picked = pick_questions(eligible(pool, settings), needed, rng, frozenset(recent))
            if len(picked) < needed:
                raise RoundError(too_few(settings, len(picked), needed, per_player, len(names)))
        turns = mode.deal(picked, names, per_player, rng, fixed=fixed is not None)
        return cls(settings, turns, seed=seed, clock=clock, packs=packs, mode=mode)

    # -- watching -------------------------------------------------------------
    def watch(self, watcher: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``watcher`` with every change; returns a function that stops it."""
        self._watchers.append(watcher)
        return lambda: self._watchers.remove(watcher) if watcher in self._watchers else None

    def _emit(self, kind: str, participant: str | None = None, record: AnswerRecord | None = None) -> None:
        change = Change(kind, participant, record)
        for watcher in list(self._watchers):
            watcher(change)

    # -- state ----------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.phase is Phase.FINISHED

    @property
    def turn(self) -> Turn | None:
        """The current turn (None once the round is over)."""
        return self.turns[self.position] if self.position < len(self.turns) else None

    @property
    def last_turn(self) -> bool:
        return self.position >= len(self.turns) - 1

    @property
    def answering(self) -> str | None:
        """The one participant answering the open question now, if just one is."""
        return self.mode.answering(self) if self.phase is Phase.OPEN else None

    @property
    def players(self) -> dict[str, PlayerStats]:
        return self.board.players

    def waiting_for(self) -> tuple[str, ...]:
        """Participants of the current turn who have not answered yet."""
        turn = self.turn
        if turn is None or self.phase is Phase.FINISHED:
            return ()
        return tuple(p for p in turn.participants if p not in self.answers)

    def standings(self) -> list[PlayerStats]:
        return self.board.standings()

    def ranking(self) -> list[Place]:
        return self.board.ranking()

    # -- the clock --------------------------------------------------------------
    def game_time(self) -> float:
        """The clock, less every pause: deadlines and answer times are measured in it."""
        now = self._paused_at if self._paused_at is not None else self.clock()
        return now - self._paused_total

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def opened_at(self) -> float:
        """Game time the open question opened (to the ones answering it now)."""
        return self._opened_at

    @property
    def deadline(self) -> float | None:
        """Game time the open question (or, in a buzzer round, the team holding it) runs out of time."""
        if self.phase is not Phase.OPEN:
            return None
        return self.mode.deadline(self)

    def elapsed(self) -> float:
        """Seconds the open question has been open to the ones answering it now (pauses excluded)."""
        if self.phase is not Phase.OPEN:
            return 0.0
        return max(0.0, self.game_time() - self._opened_at)

    def remaining(self) -> float | None:
        """Seconds left on the open question, or None with no timer."""
        deadline = self.deadline
        return None if deadline is None else max(0.0, deadline - self.game_time())

    def pause(self) -> None:
        """Stop the clock (a dialog covers the question): the time already used stays used."""
        if self._paused_at is None and self.phase is not Phase.FINISHED:
            self._paused_at = self.clock()
            self._emit("paused")

    def resume(self) -> None:
        """Start the clock again where it stopped."""
        if self._paused_at is None:
            return
        self._paused_total += self.clock() - self._paused_at
        self._paused_at = None
        if self.phase is Phase.READY:
            # The key that closed the dialog must not pass the hand-off either.
            self._ready_at = self.clock()
        self._emit("resumed")

    def tick(self) -> None:
        """Act on deadlines that have passed: a timed "get ready" ends, an open question times out."""
        if self.paused:
            return
        if self.phase is Phase.READY and self._ready_until is not None and self.game_time() >= self._ready_until:
            self._open()
        elif self.phase is Phase.OPEN and self.deadline is not None and self.game_time() >= self.deadline:
            self.mode.on_deadline(self)

    # -- the flow -------------------------------------------------------------------
    def start(self) -> None:
        """Begin the first turn (watchers hear it): call once, after watching."""
        if self._started:
            return
        self._started = True
        if not self.turns:
            self._finish()
            return
        self._begin_turn()

    def _begin_turn(self) -> None:
        turn = self.turn
        assert turn is not None
        self.furthest = max(self.furthest, self.position)
        self.answers = {}
        self._groups = list(self.mode.groups(turn))
        self._next_group()

    def _next_group(self) -> None:
        self.group = self._groups.pop(0)
        if self.mode.hand_off or self.mode.get_ready:
            self.phase = Phase.READY
            self._ready_at = self.clock()
            self._ready_until = self.game_time() + self.mode.get_ready if self.mode.get_ready else None
            self._emit("ready", self.group[0] if len(self.group) == 1 else None)
        else:
            self._open()

    def ready(self) -> bool:
        """The participant shown on the hand-off has the keyboard: open the question. False if too soon."""
        if self.phase is not Phase.READY or self.paused:
            return False
        # (The epsilon: a clock moved by exactly the guard must pass it despite float rounding.)
        if self.clock() - self._ready_at < self.READY_GUARD - 1e-9:
            return False  # too soon to be a deliberate press by the next player
        self._open()
        return True

    def _open(self) -> None:
        self.phase = Phase.OPEN
        self._ready_until = None
        self._opened_at = self.game_time()
        self.mode.on_open(self)
        self._emit("open", self.group[0] if len(self.group) == 1 else None)

    def answer(
        self, response: Response, participant: str | None = None, *, turn_index: int | None = None
    ) -> AnswerRecord:
        """Record an answer to the open question, timed by the session's clock.

        ``participant`` defaults to the one answering now. A remote answer names the
        ``turn_index`` it was given for, so an answer that arrives after the question
        moved on is refused rather than taken as an answer to the next one. Answering
        twice counts once: the first answer's record is returned.
        """
        turn = self.turn
        if turn is None or self.phase is Phase.FINISHED:
            raise RoundError("the round is over")
        if turn_index is not None and turn_index != turn.index:
            raise RoundError(f"question {turn_index + 1} is closed; the round is on question {turn.index + 1}")
        name = participant if participant is not None else (self.mode.answering(self) or "")
        if name not in turn.participants:
            raise RoundError(f"{name or 'nobody'} is not answering this question")
        if name in self.answers:
            return self.answers[name]
        if self.phase is not Phase.OPEN or not self.mode.may_answer(self, name):
            raise RoundError(f"the question is not open to {name} now")
        if self.paused:
            raise RoundError("the round is paused")
        return self._record(name, response, self.elapsed())

    def skip(self, participant: str | None = None) -> AnswerRecord:
        """Pass on the open question: it counts as a wrong answer (a typed answer with no timer needs a way out)."""
        name = participant if participant is not None else (self.mode.answering(self) or "")
        if self.phase is not Phase.OPEN or self.paused or not self.mode.may_answer(self, name):
            raise RoundError(f"the question is not open to {name or 'nobody'} now")
        if name in self.answers:
            return self.answers[name]
        return self._record(name, None, self.elapsed(), skipped=True)

    def _record(self, name: str, response: Response, elapsed: float | None, skipped: bool = False) -> AnswerRecord:
        turn = self.turn
        assert turn is not None
        timer = self.mode.scoring_timer(self.settings)
        record = self.board.record(turn.question, name, response, elapsed, timer, turn.number, skipped=skipped)
        self.answers[name] = record
        self._emit("answered", name, record)
        self.mode.after_answer(self, record)
        return record

    def time_out(self) -> list[AnswerRecord]:
        """Everyone still to answer the open question gets it wrong."""
        if self.phase is not Phase.OPEN:
            return []
        timer = self.settings.timer
        late = [p for p in self.group if p not in self.answers]
        return [self._record(p, None, timer) for p in late]

    def _group_done(self) -> None:
        if self._groups:
            self._next_group()
        else:
            self._close()

    def _close(self) -> None:
        self.phase = Phase.CLOSED
        self._groups = []
        self._emit("closed")

    # -- what only some modes do: each is the mode's to say ---------------------------
    def buzz(self, participant: str) -> bool:
        """A team buzzes (buzzer rounds): True when it now holds the question."""
        return self.mode.buzz(self, participant)

    def reveal(self) -> None:
        """Show the answer now (a presenter's key; a buzzer question nobody will get)."""
        if self.phase is Phase.OPEN:
            self.mode.reveal(self)

    def award(self, participant: str) -> bool:
        """The presenter gives a team the question's points: True when given (once a question)."""
        return self.mode.award(self, participant)

    def undo_award(self) -> str | None:
        """Take back the last award; the team it was given to, or None."""
        return self.mode.undo_award(self)

    def back(self) -> bool:
        """Go back one question (a presenter's key): True when there was one."""
        if self.position == 0 or self.phase is Phase.FINISHED or not self.mode.can_go_back:
            return False
        self.position -= 1
        self.answers = {}
        self._begin_turn()
        return True

    def next(self) -> None:
        """From the reveal (or the standings) on to the next question, or the end of the round."""
        if self.phase is Phase.CLOSED and self.mode.standings_between and not self.last_turn:
            self.phase = Phase.STANDINGS
            self._emit("standings")
            return
        if self.phase not in (Phase.CLOSED, Phase.STANDINGS) and not (
            self.phase is Phase.OPEN and self.mode.can_go_back
        ):
            raise RoundError("not everyone has answered yet")
        self.position += 1
        if self.turn is None:
            self._finish()
        else:
            self._begin_turn()

    def _finish(self) -> None:
        self.phase = Phase.FINISHED
        self.group = ()
        self._paused_at = None
        self._emit("finished")

    def add_participant(self, name: str) -> None:
        """Let someone in after the round was drawn (a late arrival in a live room).

        Only in modes where everyone answers the same questions. Before the start they
        answer every question; after it, from the next question on, so the question
        already announced is not changed under the others' feet.
        """
        if not self.mode.shared:
            raise RoundError("only a round where everyone answers the same questions takes late arrivals")
        name = name.strip()
        if not name or name in self.players or self.phase is Phase.FINISHED:
            return
        self.board.add_participant(name)
        first = self.position + 1 if self._started else 0
        for i in range(first, len(self.turns)):
            turn = self.turns[i]
            self.turns[i] = replace(turn, participants=(*turn.participants, name))

    def abandon(self) -> None:
        """Stop the round where it is; what was answered stays on the board."""
        if self.phase is not Phase.FINISHED:
            self.abandoned = True
            self._finish()

    # -- results ---------------------------------------------------------------------
    def result(self, played_at: datetime | None = None) -> GameResult:
        """The game as a record: settings, participants and every answer."""
        self.mode.before_result(self)
        return make_result(
            self.settings, self.seed, self.packs, self.board, finished=not self.abandoned, played_at=played_at
        )
