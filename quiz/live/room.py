"""A live room: the students, the round they play together, and what each client is told.

The room wraps a :class:`~quiz.session.Session` in the ``live`` mode: everyone
answers the same question at once, the session's clock (the server's) times every
answer, a timed "get ready" opens each question, and the standings show between
questions. The room adds what a classroom needs around it: a lobby where students
join before the start, late arrivals, students who drop and come back with their
token, students the host removes (and lets back), the host's controls, and the
messages of ``quiz.live.protocol`` built for each client. The right answer is in
no message before the question closes.

The room does no networking: it hands messages to an :class:`Outbox` (the server
sends them) and is driven by calls (``join``, ``answer``, ``tick``...), so it is
tested with a fake clock and a recording outbox.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from quiz.live import protocol as p
from quiz.live.names import BadName, clean_name, name_key
from quiz.live.store import AnswerState, MemoryRoomStore, RoomState, RoomStore, StudentState, token_hash
from quiz.model import MULTI_SELECT, MULTIPLE_CHOICE, TRUE_FALSE, Question
from quiz.qtypes import TYPES, WireError, canonical_answer, client_view
from quiz.session import LIVE, Change, GameResult, Phase, RoundError, RoundSettings, Session, Standing, Turn, tied
from quiz.session.scoreboard import AnswerRecord, PlayerStats
from quiz.session.settings import MAX_LIVE

#: Places shown on the leaderboard between questions, and on the podium at the end.
TOP = 5
PODIUM = 3
#: Seconds between updates of the host's roster and the lobby's head count (joins come in bursts).
ROSTER_EVERY = 0.25
#: Seconds between updates of the host's "answered" count.
PROGRESS_EVERY = 0.1
#: Most answer groups a reveal's distribution lists (the rest are counted as "other answers").
DISTRIBUTION = 8


class Refusal(Exception):
    """What the room says no to, as a protocol error code and a sentence."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Outbox(Protocol):
    """Where the room's messages go; the server sends them on."""

    def student(self, name: str, message: dict[str, Any]) -> None: ...

    def students(self, message: dict[str, Any], names: Iterable[str] | None = None) -> None:
        """To ``names`` (every connected student when None)."""

    def hosts(self, message: dict[str, Any]) -> None: ...

    def drop(self, name: str, code: int, reason: str) -> None:
        """Close the student's connection."""


@dataclass
class Student:
    state: StudentState
    connected: bool = False

    @property
    def name(self) -> str:
        return self.state.name

    @property
    def removed(self) -> bool:
        return self.state.removed


def new_pin() -> str:
    """Six digits, not starting with 0 (so no one drops a leading zero)."""
    return str(secrets.randbelow(9 * 10 ** (p.PIN_DIGITS - 1)) + 10 ** (p.PIN_DIGITS - 1))


class Room:
    """One room: lobby → questions → podium. See the module docstring."""

    def __init__(
        self,
        questions: Sequence[Question],
        settings: RoundSettings,
        *,
        packs: Sequence[str] = (),
        store: RoomStore | None = None,
        clock: Callable[[], float] = time.monotonic,
        pin: str | None = None,
        leaderboard: bool = True,
        capacity: int = MAX_LIVE,
        port: int = 0,
        save_game: Callable[[GameResult], int | None] | None = None,
        outbox: Outbox | None = None,
        state: RoomState | None = None,
    ) -> None:
        self.questions = list(questions)
        self.by_id = {q.id: q for q in self.questions}
        self.clock = clock
        self.capacity = capacity
        self.save_game = save_game
        self.outbox: Outbox = outbox or _Nowhere()
        self.store: RoomStore = store if store is not None else MemoryRoomStore()
        #: What the host's own clients prove they are with; a new one each time the host starts.
        self.secret = secrets.token_urlsafe(24)
        self.students: dict[str, Student] = {}
        self._keys: dict[str, str] = {}  # name_key -> name
        self._tokens: dict[str, str] = {}  # token hash -> name
        self.session: Session | None = None
        self.game_id: int | None = None
        self.problem: str | None = None
        self._ready_at = 0.0
        self._reveal: dict[str, Any] | None = None
        self._places: dict[str, tuple[int, bool]] = {}
        self._roster_due = self._lobby_due = self._progress_due = False
        self._roster_at = self._lobby_at = self._progress_at = -1e9
        #: Updates are batched by wall time (the session's clock may stand still in tests or pauses).
        self._wall = time.monotonic
        self.resumed = state is not None
        #: The session has started (the host pressed start); False in the lobby and while resumed.
        self._started = False
        self._answering: str | None = None
        #: Students connected and asked the open question who have not answered it yet.
        self._waiting: set[str] = set()
        if state is None:
            settings = replace(settings, mode=LIVE, players=("host check",))
            settings.check()
            seed = settings.seed if settings.seed is not None else secrets.randbelow(2**31)
            settings = replace(settings, seed=seed)
            # Draw once now, so that a room that cannot be played says so before anyone joins.
            Session.create(self.questions, settings, packs=packs)
            state = RoomState(
                pin=pin or new_pin(),
                settings=settings.to_data(),
                seed=seed,
                packs=list(packs),
                port=port,
                leaderboard=leaderboard,
                created_at=datetime.now().astimezone().isoformat(timespec="seconds"),
            )
            self.state = state
            self.store.create(state)
        else:
            self.state = state
            for student in sorted(state.students.values(), key=lambda s: s.seat):
                self._admit(Student(student))
        self.settings = RoundSettings.from_data(state.settings)

    @classmethod
    def resume(cls, state: RoomState, questions: Sequence[Question], **kwargs: Any) -> Room:
        """The room as its store kept it: students (to reconnect with their tokens), the round and every
        question already closed. The question that was open when the host died is asked again when the host
        continues. Raises RoundError when a question of the round is no longer in the packs."""
        room = cls(questions, RoundSettings.from_data(state.settings), state=state, **kwargs)
        if state.started:
            room._restore_session()
        return room

    # -- facts ---------------------------------------------------------------------------
    @property
    def pin(self) -> str:
        return self.state.pin

    @property
    def leaderboard(self) -> bool:
        return self.state.leaderboard

    @property
    def phase(self) -> str:
        """lobby, ready, open, closed, standings or finished."""
        if self.state.finished:
            return "finished"
        if self.session is None or not self._started:
            return "lobby"
        return self.session.phase.value

    def active(self) -> list[Student]:
        """Students in the room (not removed), in order of arrival."""
        return [s for s in self.students.values() if not s.removed]

    def is_host(self, secret: str) -> bool:
        return hmac.compare_digest(secret.encode("utf-8", "surrogatepass"), self.secret.encode())

    # -- joining ---------------------------------------------------------------------------
    def join(self, name: str | None, token: str | None = None) -> tuple[Student, str | None]:
        """A student arrives: back with their token, or new with a name. Returns the student and, for a
        new one, the token their client must keep. Raises Refusal."""
        if token:
            known = self._tokens.get(token_hash(token))
            if known is not None:
                student = self.students[known]
                if student.removed:
                    raise Refusal(p.REMOVED, "The host removed you from this room.")
                return student, None
            if name is None:
                raise Refusal(p.UNKNOWN_TOKEN, "This room does not know you any more; join again with your name.")
        if self.state.finished:
            raise Refusal(p.NOT_NOW, "This game is over.")
        try:
            clean = clean_name(name)
        except BadName as exc:
            raise Refusal(p.BAD_NAME, f"{str(exc)[:1].upper()}{str(exc)[1:]}.") from None
        if name_key(clean) in self._keys:
            taken = self._keys[name_key(clean)]
            raise Refusal(p.NAME_TAKEN, f"Someone in this room is already called {taken}; choose another name.")
        if len(self.active()) >= self.capacity:
            raise Refusal(p.ROOM_FULL, f"This room is full ({self.capacity} students).")
        new_token = secrets.token_urlsafe(18)
        late_from = None
        if self.session is not None:
            # After the start: in from the next question (or the first, while resumed and not going yet).
            late_from = self.session.position + 1 if self._started else self.session.position
            self.session.add_participant(clean)
        student = Student(StudentState(clean, token_hash(new_token), len(self.students), late_from=late_from))
        self._admit(student)
        self.store.save_student(self.state, student.state)
        self._roster_due = self._lobby_due = True
        return student, new_token

    def _admit(self, student: Student) -> None:
        self.students[student.name] = student
        self._keys[name_key(student.name)] = student.name
        self._tokens[student.state.token_hash] = student.name

    def connected(self, name: str) -> None:
        self.students[name].connected = True
        self._roster_due = True
        session = self.session
        if (
            session is not None
            and session.phase is Phase.OPEN
            and name in session.group
            and name not in session.answers
        ):
            self._waiting.add(name)

    def disconnected(self, name: str) -> None:
        student = self.students.get(name)
        if student is not None:
            student.connected = False
            self._roster_due = True
            self._waiting.discard(name)
            self._close_when_all_in()

    def remove(self, name: str) -> None:
        """The host removes a student: their connection closes and they cannot come back until let back."""
        student = self._student(name)
        if student.removed:
            return
        student.state.removed = True
        self.store.save_student(self.state, student.state)
        self.outbox.student(student.name, {"type": "removed", "message": "The host removed you from this room."})
        self.outbox.drop(student.name, p.CLOSE_REMOVED, "removed by the host")
        self._roster_due = self._lobby_due = True
        self._waiting.discard(student.name)
        self._close_when_all_in()

    def readmit(self, name: str) -> None:
        """The host lets a removed student back: they rejoin with their token, name and score kept."""
        student = self._student(name)
        if not student.removed:
            return
        student.state.removed = False
        if self.session is not None and student.name not in self.session.players:
            student.state.late_from = self.session.position + 1 if self._started else self.session.position
            self.session.add_participant(student.name)
        self.store.save_student(self.state, student.state)
        self._roster_due = self._lobby_due = True

    def _student(self, name: str) -> Student:
        real = self._keys.get(name_key(name))
        if real is None:
            raise Refusal(p.BAD_MESSAGE, f"No student called {name[:40]} is in this room.")
        return self.students[real]

    # -- the host's controls --------------------------------------------------------------
    def host_command(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind == "start":
            self.start()
        elif kind == "next":
            self.next()
        elif kind == "close":
            if self.session is not None and self.session.phase is Phase.OPEN:
                self.session.time_out()
        elif kind == "end":
            self.end()
        elif kind == "remove":
            self.remove(message["name"])
        elif kind == "readmit":
            self.readmit(message["name"])
        elif kind == "leaderboard":
            self.state.leaderboard = bool(message["show"])
            self.store.save_leaderboard(self.state)
            self._roster_due = True

    def start(self) -> None:
        """From the lobby to the first question (or, resumed, to the question the room stopped at)."""
        if self._started or self.state.finished:
            raise Refusal(p.NOT_NOW, "The game has already started.")
        if self.session is None:
            names = tuple(s.name for s in self.active())
            if not names:
                raise Refusal(p.NOT_NOW, "No student has joined yet.")
            settings = replace(self.settings, players=names)
            self.session = Session.create(self.questions, settings, clock=self.clock, packs=self.state.packs)
            self.settings = settings
            self.state.players = list(names)
            self.state.turns = [(t.question.id, list(t.options)) for t in self.session.turns]
            self.store.save_start(self.state)
        session = self.session
        session.watch(self._changed)
        if session.position >= len(session.turns):
            self._finish()  # resumed after the last question had closed
            return
        self._started = True
        session.start()

    def next(self) -> None:
        """Reveal → standings → next question (standings skipped while the leaderboard is hidden)."""
        session = self.session
        if session is None or not self._started:
            self.start()
            return
        if session.phase not in (Phase.CLOSED, Phase.STANDINGS):
            raise Refusal(p.NOT_NOW, "Wait until the question closes (or close it now).")
        session.next()
        if session.phase is Phase.STANDINGS and not self.leaderboard:
            session.next()

    def end(self) -> None:
        """Stop the game where it is; what was answered is saved."""
        if self.state.finished:
            return
        if self.session is None or not self._started:
            self._finish()
            return
        self.session.abandon()

    # -- answering ------------------------------------------------------------------------------
    def answer(self, name: str, turn: int, value: object) -> AnswerRecord:
        """A student's answer, as it arrives: checked against the question as shown and timed now."""
        session = self.session
        if session is None or session.turn is None or not self._started or session.finished:
            raise Refusal(p.NOT_OPEN, "No question is open.")
        current = session.turn
        if turn != current.index:
            raise Refusal(p.NOT_OPEN, f"Question {turn + 1} is closed.")
        if session.phase is not Phase.OPEN:
            raise Refusal(
                p.NOT_OPEN,
                "This question is not open yet." if session.phase is Phase.READY else "This question is closed.",
            )
        if name in session.answers:
            raise Refusal(p.ALREADY_ANSWERED, "You have already answered this question.")
        if name not in current.participants:
            raise Refusal(p.NOT_OPEN, "You join from the next question.")
        q = current.question
        try:
            response = TYPES[q.type].from_wire(q, current.options, value)
        except WireError as exc:
            raise Refusal(p.BAD_ANSWER, f"{str(exc)[:1].upper()}{str(exc)[1:]}.") from None
        self._answering = name  # acknowledged as soon as recorded, before a reveal it may cause
        try:
            record = session.answer(response, name, turn_index=turn)
        except RoundError as exc:
            raise Refusal(p.NOT_OPEN, f"{exc}.") from None
        finally:
            self._answering = None
        self._progress_due = True
        self._close_when_all_in()
        return record

    def _close_when_all_in(self) -> None:
        """Close the question once every student still connected has answered."""
        session = self.session
        if session is None or session.phase is not Phase.OPEN or session.turn is None:
            return
        # Kept as a set of who is still awaited, so an answer costs the same in a class of 2,000 as of 20.
        if self._waiting:
            return
        if any(self.students[n].connected and not self.students[n].removed for n in session.group):
            session.time_out()  # the absent get no answer

    # -- time ----------------------------------------------------------------------------------------
    def tick(self) -> None:
        """Call often (the server does, every 50 ms): deadlines, and the updates sent at a bounded rate."""
        if self.session is not None and self._started:
            self.session.tick()
        now = self._wall()
        if self._progress_due and now - self._progress_at >= PROGRESS_EVERY:
            self._send_progress()
        if self._roster_due and now - self._roster_at >= ROSTER_EVERY:
            self._roster_due, self._roster_at = False, now
            self.outbox.hosts(self.roster())
        if self._lobby_due and now - self._lobby_at >= ROSTER_EVERY:
            self._lobby_due, self._lobby_at = False, now
            if self.phase == "lobby":
                self.outbox.students(self._lobby())

    def _send_progress(self) -> None:
        self._progress_due, self._progress_at = False, self._wall()
        message = self._progress()
        if message is not None:
            self.outbox.hosts(message)

    # -- what the session tells us ----------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        session = self.session
        assert session is not None
        kind = change.kind
        if kind == "answered":
            self._waiting.discard(change.participant or "")
            if change.participant is not None and change.participant == self._answering and session.turn:
                self.outbox.student(change.participant, {"type": "ack", "turn": session.turn.index})
        elif kind == "ready":
            self._ready_at = session.game_time()
            self._reveal = None
            message = self._ready()
            self.outbox.students(message)
            self.outbox.hosts(message)
            self._roster_due = True
        elif kind == "open":
            turn = session.turn
            assert turn is not None
            self._waiting = {
                n
                for n in turn.participants
                if self.students[n].connected and not self.students[n].removed and n in session.group
            }
            self.outbox.students(self._question(turn), turn.participants)
            late = [s.name for s in self.active() if s.name not in turn.participants]
            if late:
                self.outbox.students(self._waiting_message(turn), late)
            self.outbox.hosts(self._question(turn, host=True))
        elif kind == "closed":
            self._closed()
        elif kind == "standings":
            if not self.leaderboard:
                return  # skipped at once (see next): nothing to show
            for student in self.active():
                self.outbox.student(student.name, self._standings(student.name))
            self.outbox.hosts(self._standings(None))
        elif kind == "finished":
            self._finish()

    def _closed(self) -> None:
        session = self.session
        assert session is not None and session.turn is not None
        turn = session.turn
        self.state.answers = [a for a in self.state.answers if a.turn != turn.index]
        closed = [
            AnswerState(turn.index, r.player, TYPES[r.question.type].to_wire(r.response), r.elapsed)
            for r in session.answers.values()
        ]
        self.state.answers += closed
        self.state.closed = turn.index + 1
        self.store.save_turn(self.state, turn.index, closed)
        self._places = self._ranked()
        self._reveal = self._reveal_common(turn)
        self._send_progress()
        for student in self.active():
            self.outbox.student(student.name, self._reveal_for(student.name))
        self.outbox.hosts({**self._reveal, "distribution": self._distribution(turn)})

    def _finish(self) -> None:
        self.state.finished = True
        result = self.result()
        if self.save_game is not None and not self.settings.practice and result.answers:
            self.game_id = self.save_game(result)
        self.state.game_id = self.game_id
        self.store.save_finished(self.state)
        self._places = self._ranked()
        for student in self.active():
            self.outbox.student(student.name, self._finished(student.name))
        self.outbox.hosts(self._finished(None))
        self.outbox.hosts(self.roster())

    # -- messages ------------------------------------------------------------------------------------
    def room_info(self) -> dict[str, Any]:
        settings = self.settings
        return {
            "pin": self.pin,
            "questions": len(self.session.turns) if self.session else settings.questions,
            "timer": settings.timer,
        }

    def welcome(self, name: str | None, token: str | None) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "welcome",
            "v": p.VERSION,
            "role": p.STUDENT if name else p.HOST,
            "room": self.room_info(),
        }
        if name is not None:
            message["name"] = name
            if token is not None:
                message["token"] = token
        return message

    def catch_up(self, name: str | None) -> list[dict[str, Any]]:
        """What a client arriving now (or coming back) needs to show the room as it is; ``name``
        None for a host."""
        session = self.session
        out: list[dict[str, Any]] = []
        if name is None:
            out.append(self.roster())
        phase = self.phase
        if phase == "lobby" or session is None:
            out.append(self._lobby())
            return out
        if phase == "finished":
            out.append(self._finished(name))
            return out
        turn = session.turn
        assert turn is not None
        if session.phase is Phase.READY:
            out.append(self._ready())
        elif session.phase is Phase.OPEN:
            if name is None:
                out.append(self._question(turn, host=True))
                progress = self._progress()
                if progress:
                    out.append(progress)
            elif name in turn.participants:
                out.append(self._question(turn, answered=name in session.answers))
            else:
                out.append(self._waiting_message(turn))
        elif session.phase is Phase.CLOSED and self._reveal is not None:
            out.append(
                {**self._reveal, "distribution": self._distribution(turn)} if name is None else self._reveal_for(name)
            )
        elif session.phase is Phase.STANDINGS:
            out.append(self._standings(name))
        return out

    def roster(self) -> dict[str, Any]:
        """For the host: every student, whether connected, removed, and their points."""
        players = self.session.players if self.session else {}
        return {
            "type": "roster",
            "phase": self.phase,
            "leaderboard": self.leaderboard,
            # Resumed and not going yet: the questions already closed, of how many.
            "resumed": self.resumed and not self._started and not self.state.finished,
            "closed": self.state.closed,
            "of": len(self.state.turns) or self.settings.questions,
            "students": [
                {
                    "name": s.name,
                    "connected": s.connected,
                    "removed": s.removed,
                    "points": players[s.name].points if s.name in players else 0,
                }
                for s in self.students.values()
            ],
        }

    def _lobby(self) -> dict[str, Any]:
        return {"type": "lobby", "count": len(self.active())}

    def _ready(self) -> dict[str, Any]:
        session = self.session
        assert session is not None and session.turn is not None
        left = max(0.0, session.mode.get_ready - (session.game_time() - self._ready_at))
        turn = session.turn
        return {"type": "ready", "turn": turn.index, "number": turn.number, "of": turn.of, "seconds": round(left, 2)}

    def _question(self, turn: Turn, *, answered: bool = False, host: bool = False) -> dict[str, Any]:
        session = self.session
        assert session is not None
        remaining = session.remaining()
        message = {
            "type": "question",
            "turn": turn.index,
            "number": turn.number,
            "of": turn.of,
            "question": client_view(turn.question, turn.options),
            "limit": self.settings.timer,
            "remaining": None if remaining is None else round(remaining, 2),
        }
        if host:
            message["expected"] = len([n for n in turn.participants if not self.students[n].removed])
        else:
            message["answered"] = answered
        return message

    def _waiting_message(self, turn: Turn) -> dict[str, Any]:
        return {"type": "waiting", "turn": turn.index, "message": "You are in: you answer from the next question."}

    def _progress(self) -> dict[str, Any] | None:
        session = self.session
        if session is None or session.turn is None or session.phase not in (Phase.OPEN, Phase.CLOSED):
            return None
        expected = [n for n in session.turn.participants if not self.students[n].removed]
        answered = sum(1 for n in expected if n in session.answers and not session.answers[n].timed_out)
        return {"type": "progress", "turn": session.turn.index, "answered": answered, "expected": len(expected)}

    def _reveal_common(self, turn: Turn) -> dict[str, Any]:
        q = turn.question
        progress = self._progress() or {"answered": 0, "expected": 0}
        return {
            "type": "reveal",
            "turn": turn.index,
            "number": turn.number,
            "of": turn.of,
            "answer": canonical_answer(q),
            "right": right_response(q),
            "explanation": q.explanation,
            "answered": progress["answered"],
            "expected": progress["expected"],
        }

    def _reveal_for(self, name: str) -> dict[str, Any]:
        assert self._reveal is not None and self.session is not None
        return {**self._reveal, "you": self._you(name, self.session.answers.get(name))}

    def _you(self, name: str, record: AnswerRecord | None) -> dict[str, Any]:
        stats = self.session.players.get(name) if self.session else None
        place, shared = self._places.get(name, (0, False))
        you: dict[str, Any] = {
            "total": stats.points if stats else 0,
            "place": place,
            "shared": shared,
            "of": len(self._places),
        }
        if record is not None:
            points = record.points
            you.update(
                correct=record.correct,
                timed_out=record.timed_out,
                response=record.response_text,
                points=points.total,
                base=points.base,
                speed=points.speed,
                streak=points.streak,
            )
        return you

    def _standings(self, name: str | None) -> dict[str, Any]:
        session = self.session
        assert session is not None
        message: dict[str, Any] = {
            "type": "standings",
            "top": self._top(TOP) if self.leaderboard else None,
            "last": session.last_turn,
        }
        if name is not None:
            message["you"] = self._you(name, None)
        return message

    def _finished(self, name: str | None) -> dict[str, Any]:
        message: dict[str, Any] = {"type": "finished", "podium": self._top(PODIUM), "game_id": self.game_id}
        if name is not None:
            message["you"] = self._you(name, None)
        return message

    def _ranked(self) -> dict[str, tuple[int, bool]]:
        """Each student's place, among those not removed (removed ones keep their points, unplaced)."""
        if self.session is None:
            return {}
        standings = [
            s for s in self.session.standings() if s.name in self.students and not self.students[s.name].removed
        ]
        places = ranked_places(standings)
        counts = Counter(places)
        return {s.name: (place, counts[place] > 1) for s, place in zip(standings, places)}

    def _top(self, count: int) -> list[dict[str, Any]]:
        if self.session is None:
            return []
        players = self.session.players
        top = sorted(self._places.items(), key=lambda kv: kv[1][0])[:count]
        return [
            {
                "place": place,
                "shared": shared,
                "name": name,
                "points": players[name].points,
                "correct": players[name].correct,
            }
            for name, (place, shared) in top
        ]

    def _distribution(self, turn: Turn) -> list[dict[str, Any]]:
        """How the class answered, for the host's reveal: each answer given, how many gave it, whether right."""
        session = self.session
        assert session is not None
        q = turn.question
        records = [r for n, r in session.answers.items() if not self.students[n].removed]
        rows: list[dict[str, Any]] = []
        if q.type in (MULTIPLE_CHOICE, TRUE_FALSE, MULTI_SELECT):
            options: list[tuple[str, Any]] = (
                [("True", True), ("False", False)] if q.type == TRUE_FALSE else [(o, o) for o in turn.options]
            )
            right = right_response(q)
            for label, value in options:
                if q.type == MULTI_SELECT:
                    count = sum(1 for r in records if isinstance(r.response, tuple) and value in r.response)
                    correct = value in (right or [])
                else:
                    count = sum(1 for r in records if r.response == value)
                    correct = value == right
                rows.append({"label": label, "count": count, "correct": correct})
        else:
            given = Counter((r.response_text, r.correct) for r in records if r.response is not None)
            ordered = sorted(given.items(), key=lambda kv: (-kv[1], kv[0][0]))
            rows = [{"label": text, "count": n, "correct": ok} for (text, ok), n in ordered[:DISTRIBUTION]]
            rest = sum(n for _, n in ordered[DISTRIBUTION:])
            if rest:
                rows.append({"label": "other answers", "count": rest, "correct": False})
        silent = sum(1 for r in records if r.response is None)
        rows.append({"label": "no answer", "count": silent, "correct": False})
        return rows

    # -- the record ---------------------------------------------------------------------------
    def result(self) -> GameResult:
        """The game's record, for ``ScoreStore.save_game``: students the host removed are left out."""
        if self.session is None:
            settings = replace(self.settings, players=tuple(s.name for s in self.active()) or ("nobody",))
            return GameResult(
                settings,
                self.state.seed,
                tuple(self.state.packs),
                (),
                (),
                (),
                False,
                datetime.now().astimezone().isoformat(timespec="seconds"),
            )
        full = self.session.result()
        kept = tuple(n for n in full.participants if n in self.students and not self.students[n].removed)
        answers = tuple(a for a in full.answers if a.participant in kept)
        by_name = {s.name: s for s in full.standings}
        standings = [by_name[s.name] for s in full.standings if s.name in kept]
        places = ranked_standings(standings)
        return replace(
            full,
            settings=replace(full.settings, players=kept),
            participants=kept,
            answers=answers,
            standings=tuple(places),
        )

    # -- resuming -------------------------------------------------------------------------------
    def _restore_session(self) -> None:
        state = self.state
        missing = [qid for qid, _ in state.turns if qid not in self.by_id]
        if missing:
            raise RoundError(f"the question {missing[0]} of this room is no longer in the packs; it cannot be resumed")
        late = sorted((s for s in state.students.values() if s.late_from is not None), key=lambda s: s.seat)
        turns = []
        for i, (qid, options) in enumerate(state.turns):
            names = tuple(state.players) + tuple(s.name for s in late if s.late_from is not None and s.late_from <= i)
            turns.append(Turn(i, i + 1, len(state.turns), names, self.by_id[qid], tuple(options)))
        settings = replace(self.settings, players=tuple(state.players))
        session = Session(settings, turns, seed=state.seed, clock=self.clock, packs=state.packs)
        for student in late:
            session.board.add_participant(student.name)
        timer = settings.timer
        for answer in state.answers:
            turn = turns[answer.turn]
            q = turn.question
            response = None
            if answer.response is not None:
                try:
                    response = TYPES[q.type].from_wire(q, turn.options, answer.response)
                except WireError:
                    response = None
            session.board.record(q, answer.name, response, answer.elapsed, timer, turn.number)
        # The question open when the host died is asked again, from its "get ready".
        session.position = state.closed
        self.session = session
        self.settings = settings


def right_response(q: Question) -> Any:
    """The right answer in wire form where a client can mark it among what it shows; None for typed answers."""
    if q.type == MULTIPLE_CHOICE:
        return q.answers[0]
    if q.type == TRUE_FALSE:
        return q.answers[0] == "true"
    if q.type in (MULTI_SELECT, "ordering", "matching"):
        return list(q.answers)
    return None


def ranked_places(standings: Sequence[PlayerStats]) -> list[int]:
    """Places for standings already in order: level on points and right answers share one (1, 1, 3)."""
    places: list[int] = []
    for i, stats in enumerate(standings):
        places.append(places[-1] if i and tied(standings[i - 1], stats) else i + 1)
    return places


def ranked_standings(standings: Sequence[Standing]) -> list[Standing]:
    """Stored standings placed again after some were left out."""
    places: list[int] = []
    for i, st in enumerate(standings):
        prev = standings[i - 1] if i else None
        same = prev is not None and (prev.points, prev.correct) == (st.points, st.correct)
        places.append(places[-1] if same else i + 1)
    counts = Counter(places)
    return [replace(st, place=place, shared=counts[place] > 1) for st, place in zip(standings, places)]


class _Nowhere:
    """An outbox for a room nobody listens to (yet)."""

    def student(self, name: str, message: dict[str, Any]) -> None:
        pass

    def students(self, message: dict[str, Any], names: Iterable[str] | None = None) -> None:
        pass

    def hosts(self, message: dict[str, Any]) -> None:
        pass

    def drop(self, name: str, code: int, reason: str) -> None:
        pass
