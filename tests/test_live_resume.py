"""A live room survives its host process: the state kept in SQLite restores it, and students' clients
come back by themselves with their tokens, names and scores."""

from __future__ import annotations

import asyncio

from livekit import host, sample_questions, until
from sessionkit import FakeClock

from quiz.live.client import LiveClient
from quiz.live.room import Room
from quiz.live.server import RoomServer
from quiz.live.store import MemoryRoomStore, SqliteRoomStore
from quiz.session import RoundSettings
from quiz.storage import ScoreStore


class Student:
    """A student's client that reconnects after a drop (the same code the terminal client runs)."""

    def __init__(self, port: int, pin: str, name: str) -> None:
        self.heard: list[dict] = []
        self.client = LiveClient(
            f"ws://127.0.0.1:{port}/ws", {"role": "student", "pin": pin, "name": name}, self.heard.append
        )
        self.task = asyncio.get_running_loop().create_task(self.client.run())

    def last(self, kind: str) -> dict | None:
        return next((m for m in reversed(self.heard) if m["type"] == kind), None)

    async def stop(self) -> None:
        await self.client.stop()
        await asyncio.wait_for(self.task, 5)


def _right(turn):
    q = turn.question
    from quiz.live.room import right_response

    return right_response(q) if q.type not in ("type_in", "numeric") else q.answers[0]


async def test_quiz_host_resume_restores_the_room_and_students_reconnect_with_their_scores(tmp_path):
    db = tmp_path / "scores.sqlite3"
    clock = FakeClock()
    questions = sample_questions()
    store = SqliteRoomStore(db)
    room = Room(questions, RoundSettings(questions=3, timer=20, seed=4), store=store, clock=clock)
    server = RoomServer(room, port=0)
    await server.start()
    port, pin = server.port, room.pin
    ana, ben = Student(port, pin, "Ana"), Student(port, pin, "Ben")
    try:
        await until(lambda: len(room.students) == 2 and all(s.connected for s in room.students.values()))
        room.start()
        clock.advance(3.0)
        await until(lambda: room.phase == "open")
        turn = room.session.turn
        await ana.client.send({"type": "answer", "turn": turn.index, "value": _right(turn)})
        await until(lambda: "Ana" in room.session.answers)
        room.session.time_out()  # Ben does not answer in time
        await until(lambda: room.phase == "closed")
        ana_points = room.session.players["Ana"].points
        assert ana_points > 0
        room.next()
        room.next()
        clock.advance(3.0)
        await until(lambda: room.phase == "open")
        # The host process dies with question 2 open: no goodbye to anyone.
        server._server.close(close_connections=True)
        await server._server.wait_closed()
        server._ticker.cancel()
        store.close()

        # `quiz host --resume`: the state comes back from the database.
        store2 = SqliteRoomStore(db)
        state = store2.latest()
        assert state is not None and state.pin == pin and state.closed == 1 and set(state.students) == {"Ana", "Ben"}
        scores = ScoreStore(db)
        again = Room.resume(state, questions, store=store2, clock=clock, save_game=scores.save_game)
        assert again.session.players["Ana"].points == ana_points
        server2 = RoomServer(again, port=port)
        await server2.start()
        teacher = await host(server2)
        roster = await teacher.expect("roster")
        assert roster["resumed"] is True and roster["closed"] == 1
        # The students' clients come back on their own, as the same students.
        await until(lambda: all(s.connected for s in again.students.values()), timeout=10)
        assert list(again.students) == ["Ana", "Ben"]
        await teacher.send({"type": "start"})
        await until(lambda: again.phase == "ready")
        assert again.session.turn.index == 1  # the question that was open is asked again
        clock.advance(3.0)
        await until(lambda: again.phase == "open")
        for turn_index in (1, 2):
            turn = again.session.turn
            await ana.client.send({"type": "answer", "turn": turn.index, "value": _right(turn)})
            await until(lambda: "Ana" in again.session.answers)
            again.session.time_out()
            await until(lambda n=turn_index: ana.last("reveal") and ana.last("reveal")["turn"] == n)
            again.next()
            if turn_index == 1:
                again.next()
                clock.advance(3.0)
                await until(lambda: again.phase == "open")
        await until(lambda: again.phase == "finished" and ana.last("finished") is not None)
        assert ana.last("finished")["you"]["place"] == 1
        game = scores.game(again.game_id)
        assert game is not None and game.participants == ("Ana", "Ben")
        assert [a.correct for a in game.answers if a.participant == "Ana"] == [True, True, True]
        assert SqliteRoomStore(db).latest() is None  # finished: nothing left to resume
        await server2.stop()
        scores.close()
    finally:
        await ana.stop()
        await ben.stop()


def test_the_memory_store_keeps_the_same_state_as_sqlite(tmp_path):
    """The two stores behind the one interface give back the same state."""
    states = []
    for store in (MemoryRoomStore(), SqliteRoomStore(tmp_path / "s.sqlite3")):
        clock = FakeClock()
        room = Room(
            sample_questions(), RoundSettings(questions=2, timer=20, seed=4), store=store, clock=clock, pin="123456"
        )
        room.join("Ana")
        room.join("Ben")
        room.start()
        clock.advance(3.0)
        room.tick()
        room.answer("Ana", 0, _right(room.session.turn))
        room.session.time_out()
        room.remove("Ben")
        state = store.latest()
        state.room_id = None
        state.created_at = ""
        for student in state.students.values():
            assert len(student.token_hash) == 64  # a hash, never the token itself
            student.token_hash = ""
        states.append(state)
    assert states[0] == states[1]
    assert states[0].closed == 1 and states[0].students["Ben"].removed
