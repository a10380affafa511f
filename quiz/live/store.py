"""Where a live room keeps its state: one small interface, in memory by default, SQLite for ``--resume``.

The room tells its store what changed (a student joined or was removed, the round
was drawn, a question closed with its answers, the game finished); the store can
hand the state back to restore the room after its host process died. A store
shared by many rooms across machines implements the same methods; neither the
protocol nor the session changes for it.

Tokens are kept only as hashes: a copy of the database lets no one rejoin as a student.
A store never raises: a failure becomes ``problem`` and the game goes on in memory.
"""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from quiz.qtypes import Json


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class StudentState:
    name: str
    token_hash: str
    seat: int  # order of arrival
    removed: bool = False
    #: The first question a late arrival answers (None: in the round from its start).
    late_from: int | None = None


@dataclass
class AnswerState:
    turn: int
    name: str
    response: Json  # wire form; None for no answer
    elapsed: float | None


@dataclass
class RoomState:
    pin: str
    settings: dict[str, Any]  # RoundSettings.to_data()
    seed: int
    packs: list[str]
    port: int
    leaderboard: bool
    created_at: str
    room_id: int | None = None
    #: Participants when the round started, in seat order (empty before the start).
    players: list[str] = field(default_factory=list)
    #: The round as drawn: each question's id and its options as shown.
    turns: list[tuple[str, list[str]]] = field(default_factory=list)
    #: Questions closed so far, and their answers.
    closed: int = 0
    answers: list[AnswerState] = field(default_factory=list)
    students: dict[str, StudentState] = field(default_factory=dict)
    finished: bool = False
    game_id: int | None = None

    @property
    def started(self) -> bool:
        return bool(self.turns)


class RoomStore(Protocol):
    """What a live room needs from where its state is kept."""

    problem: str | None

    def create(self, state: RoomState) -> None:
        """A new room (sets ``state.room_id``)."""

    def save_student(self, state: RoomState, student: StudentState) -> None: ...

    def save_start(self, state: RoomState) -> None:
        """The round was drawn: ``players`` and ``turns`` are set."""

    def save_turn(self, state: RoomState, turn: int, answers: list[AnswerState]) -> None:
        """Question ``turn`` closed with these answers (``closed`` is now turn + 1)."""

    def save_finished(self, state: RoomState) -> None: ...

    def save_leaderboard(self, state: RoomState) -> None: ...

    def latest(self) -> RoomState | None:
        """The most recent room not finished, to resume; None when there is none."""


class MemoryRoomStore:
    """The default: state lives as long as the process."""

    def __init__(self) -> None:
        self.problem: str | None = None
        self._rooms: dict[int, RoomState] = {}

    def create(self, state: RoomState) -> None:
        state.room_id = len(self._rooms) + 1
        self._rooms[state.room_id] = copy.deepcopy(state)

    def _room(self, state: RoomState) -> RoomState:
        assert state.room_id is not None
        return self._rooms[state.room_id]

    def save_student(self, state: RoomState, student: StudentState) -> None:
        self._room(state).students[student.name] = copy.copy(student)

    def save_start(self, state: RoomState) -> None:
        kept = self._room(state)
        kept.players, kept.turns = list(state.players), copy.deepcopy(state.turns)

    def save_turn(self, state: RoomState, turn: int, answers: list[AnswerState]) -> None:
        kept = self._room(state)
        kept.answers = [a for a in kept.answers if a.turn != turn] + [copy.copy(a) for a in answers]
        kept.closed = max(kept.closed, turn + 1)

    def save_finished(self, state: RoomState) -> None:
        kept = self._room(state)
        kept.finished, kept.game_id = True, state.game_id

    def save_leaderboard(self, state: RoomState) -> None:
        self._room(state).leaderboard = state.leaderboard

    def latest(self) -> RoomState | None:
        for room_id in sorted(self._rooms, reverse=True):
            if not self._rooms[room_id].finished:
                return copy.deepcopy(self._rooms[room_id])
        return None


class SqliteRoomStore:
    """Rooms in the scores database (tables from migration 4 of ``quiz.storage``), for ``quiz host --resume``.

    Writes use ``synchronous = NORMAL``: what resuming guards against is the host process
    dying, which loses nothing committed; a join then costs no disk flush while a class
    of 300 arrives.
    """

    def __init__(self, path: Path | None = None) -> None:
        from quiz.storage import ScoreStore

        self.problem: str | None = None
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        scores = ScoreStore(path)  # creates or migrates the database
        self.path = scores.path
        if scores.problem:
            self.problem = scores.problem.replace("Scores could not be saved", "The room cannot be resumed later")
        scores.close()
        try:
            conn = sqlite3.connect(str(self.path), timeout=1.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("SELECT count(*) FROM live_rooms").fetchone()
            self._conn = conn
        except sqlite3.Error as exc:
            self.problem = f"The room cannot be resumed later: {exc}."

    def _write(self, statements: list[tuple[str, tuple[Any, ...]]]) -> int | None:
        with self._lock:
            if self._conn is None:
                return None
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                last = None
                for sql, params in statements:
                    last = self._conn.execute(sql, params).lastrowid
                self._conn.execute("COMMIT")
                return last
            except sqlite3.Error as exc:
                if self._conn.in_transaction:
                    try:
                        self._conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                self.problem = f"The room's state could not be saved ({exc}); the game goes on but cannot be resumed."
                return None

    def create(self, state: RoomState) -> None:
        state.room_id = self._write(
            [
                (
                    (
                        "INSERT INTO live_rooms (pin, created_at, port, settings_json, seed, packs_json, leaderboard)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)"
                    ),
                    (
                        state.pin,
                        state.created_at,
                        state.port,
                        json.dumps(state.settings),
                        state.seed,
                        json.dumps(state.packs),
                        int(state.leaderboard),
                    ),
                )
            ]
        )

    def save_student(self, state: RoomState, student: StudentState) -> None:
        if state.room_id is None:
            return
        self._write(
            [
                (
                    (
                        "INSERT OR REPLACE INTO live_students (room_id, name, seat, token_hash, removed, late_from)"
                        " VALUES (?, ?, ?, ?, ?, ?)"
                    ),
                    (
                        state.room_id,
                        student.name,
                        student.seat,
                        student.token_hash,
                        int(student.removed),
                        student.late_from,
                    ),
                )
            ]
        )

    def save_start(self, state: RoomState) -> None:
        if state.room_id is None:
            return
        self._write(
            [
                (
                    "UPDATE live_rooms SET players_json = ?, turns_json = ? WHERE id = ?",
                    (json.dumps(state.players), json.dumps(state.turns), state.room_id),
                )
            ]
        )

    def save_turn(self, state: RoomState, turn: int, answers: list[AnswerState]) -> None:
        if state.room_id is None:
            return
        statements: list[tuple[str, tuple[Any, ...]]] = [
            (
                (
                    "INSERT OR REPLACE INTO live_answers (room_id, turn, name, response_json, elapsed)"
                    " VALUES (?, ?, ?, ?, ?)"
                ),
                (state.room_id, a.turn, a.name, None if a.response is None else json.dumps(a.response), a.elapsed),
            )
            for a in answers
        ]
        statements.append(("UPDATE live_rooms SET closed = max(closed, ?) WHERE id = ?", (turn + 1, state.room_id)))
        self._write(statements)

    def save_finished(self, state: RoomState) -> None:
        if state.room_id is not None:
            self._write(
                [("UPDATE live_rooms SET finished = 1, game_id = ? WHERE id = ?", (state.game_id, state.room_id))]
            )

    def save_leaderboard(self, state: RoomState) -> None:
        if state.room_id is not None:
            self._write(
                [("UPDATE live_rooms SET leaderboard = ? WHERE id = ?", (int(state.leaderboard), state.room_id))]
            )

    def latest(self) -> RoomState | None:
        with self._lock:
            if self._conn is None:
                return None
            try:
                row = self._conn.execute(
                    "SELECT id, pin, created_at, port, settings_json, seed, packs_json, leaderboard, players_json,"
                    " turns_json, closed FROM live_rooms WHERE finished = 0 ORDER BY id DESC LIMIT 1"
                ).fetchone()
                if row is None:
                    return None
                room_id = row[0]
                students = self._conn.execute(
                    "SELECT name, token_hash, seat, removed, late_from FROM live_students WHERE room_id = ?"
                    " ORDER BY seat",
                    (room_id,),
                ).fetchall()
                answers = self._conn.execute(
                    "SELECT turn, name, response_json, elapsed FROM live_answers WHERE room_id = ? AND turn < ?"
                    " ORDER BY turn, rowid",
                    (room_id, row[10]),
                ).fetchall()
            except sqlite3.Error as exc:
                self.problem = f"The room could not be read back: {exc}."
                return None
        state = RoomState(
            pin=row[1],
            created_at=row[2],
            port=row[3],
            settings=json.loads(row[4]),
            seed=row[5],
            packs=json.loads(row[6]),
            leaderboard=bool(row[7]),
            room_id=room_id,
            players=json.loads(row[8]) if row[8] else [],
            turns=[(qid, list(options)) for qid, options in json.loads(row[9])] if row[9] else [],
            closed=row[10],
        )
        state.students = {n: StudentState(n, h, seat, bool(removed), late) for n, h, seat, removed, late in students}
        state.answers = [AnswerState(t, n, None if r is None else json.loads(r), e) for t, n, r, e in answers]
        return state

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
