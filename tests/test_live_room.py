"""The live room without a network: students, the session's live mode, what each client is told."""

from __future__ import annotations

import pytest
from livekit import sample_questions
from sessionkit import FakeClock

from quiz.live import protocol as p
from quiz.live.guard import PinGuard, Strikes, TokenBucket
from quiz.live.names import BadName, clean_name
from quiz.live.room import Refusal, Room, right_response
from quiz.session import RoundError, RoundSettings, Session


class Recorder:
    """An outbox that keeps what each student and the host were sent."""

    def __init__(self) -> None:
        self.to: dict[str, list[dict]] = {}
        self.host: list[dict] = []
        self.dropped: list[str] = []
        self.connected: set[str] = set()

    def student(self, name, message):
        self.to.setdefault(name, []).append(message)

    def students(self, message, names=None):
        for name in self.connected if names is None else names:
            self.student(name, message)

    def hosts(self, message):
        self.host.append(message)

    def drop(self, name, code, reason):
        self.dropped.append(name)

    def last(self, name, kind):
        return next((m for m in reversed(self.to.get(name, [])) if m["type"] == kind), None)


def make_room(questions=3, **options):
    clock = FakeClock()
    out = Recorder()
    room = Room(
        sample_questions(), RoundSettings(questions=questions, timer=20, seed=4), clock=clock, outbox=out, **options
    )
    return room, clock, out


def arrive(room, out, *names):
    for name in names:
        student, _ = room.join(name)
        room.connected(student.name)
        out.connected.add(student.name)


def open_next(room, clock):
    clock.advance(3.0)
    room.tick()
    assert room.phase == "open"


def wrong(turn):
    q = turn.question
    if q.type == "multiple_choice":
        return next(o for o in turn.options if o != q.answers[0])
    if q.type == "true_false":
        return q.answers[0] != "true"
    if q.type == "multi_select":
        return [o for o in turn.options if o not in q.answers][:1]
    if q.type in ("ordering", "matching"):
        return list(turn.options)
    return "999999" if q.type == "numeric" else "nope"


def right(turn):
    q = turn.question
    return right_response(q) if q.type not in ("type_in", "numeric") else q.answers[0]


def test_a_late_arrival_answers_from_the_next_question_and_is_in_the_record():
    room, clock, out = make_room()
    arrive(room, out, "Ana")
    room.start()
    open_next(room, clock)
    arrive(room, out, "Late")
    assert out.last("Late", "welcome") is None  # the server sends the welcome; the room says what is on
    assert room.catch_up("Late")[0]["type"] == "waiting"
    with pytest.raises(Refusal) as refused:
        room.answer("Late", 0, wrong(room.session.turn))
    assert refused.value.code == p.NOT_OPEN
    room.answer("Ana", 0, wrong(room.session.turn))
    assert room.phase == "closed"  # Late was not asked this one: Ana's answer closed it
    room.next()
    room.next()
    open_next(room, clock)
    assert "Late" in room.session.turn.participants
    room.answer("Late", 1, right(room.session.turn))
    result = room.result()
    assert [(a.participant, a.number) for a in result.answers if a.participant == "Late"] == [("Late", 2)]


def test_late_arrivals_only_in_shared_modes():
    session = Session.create(sample_questions(), RoundSettings(questions=2, seed=1, mode="hotseat", players=("A", "B")))
    with pytest.raises(RoundError):
        session.add_participant("C")


def test_the_question_closes_when_everyone_still_connected_has_answered():
    room, clock, out = make_room()
    arrive(room, out, "Ana", "Ben", "Cy")
    room.start()
    open_next(room, clock)
    room.disconnected("Cy")  # a lost Wi-Fi
    room.answer("Ana", 0, wrong(room.session.turn))
    assert room.phase == "open"
    room.answer("Ben", 0, wrong(room.session.turn))
    assert room.phase == "closed"
    assert room.session.answers["Cy"].timed_out


def test_removed_students_leave_the_leaderboard_and_the_saved_record():
    saved = []
    room, clock, out = make_room(questions=1, save_game=lambda r: saved.append(r) or 7)
    arrive(room, out, "Ana", "Troll", "Ben")
    room.start()
    open_next(room, clock)
    room.answer("Troll", 0, right(room.session.turn))
    room.answer("Ben", 0, wrong(room.session.turn))
    room.remove("Troll")
    assert out.dropped == ["Troll"] and out.last("Troll", "removed")
    room.answer("Ana", 0, wrong(room.session.turn))
    reveal = out.last("Ben", "reveal")
    assert reveal["you"]["of"] == 2 and out.last("Troll", "reveal") is None
    room.next()  # the last question: straight to the podium
    finished = out.last("Ana", "finished")
    assert [r["name"] for r in finished["podium"]] == ["Ana", "Ben"] and finished["game_id"] == 7
    (result,) = saved
    assert result.participants == ("Ana", "Ben") and {a.participant for a in result.answers} == {"Ana", "Ben"}
    assert [(s.place, s.shared) for s in result.standings] == [(1, True), (1, True)]


def test_a_hidden_leaderboard_is_never_sent_and_its_step_is_skipped():
    room, clock, out = make_room(leaderboard=False)
    arrive(room, out, "Ana")
    room.start()
    open_next(room, clock)
    room.answer("Ana", 0, wrong(room.session.turn))
    room.next()
    assert room.phase == "ready" and out.last("Ana", "standings") is None
    room.host_command({"type": "leaderboard", "show": True})
    open_next(room, clock)
    room.answer("Ana", 1, wrong(room.session.turn))
    room.next()
    assert room.phase == "standings" and out.last("Ana", "standings")["top"][0]["name"] == "Ana"


def test_the_hosts_reveal_shows_how_the_class_answered():
    room, clock, out = make_room(questions=7)
    arrive(room, out, "Ana", "Ben", "Cy")
    room.start()
    while room.session.turn.question.type != "multiple_choice":
        open_next(room, clock)
        room.host_command({"type": "close"})
        room.next()
        room.next()
    open_next(room, clock)
    turn = room.session.turn
    room.answer("Ana", turn.index, right(turn))
    room.answer("Ben", turn.index, right(turn))
    room.host_command({"type": "close"})
    reveal = next(m for m in reversed(out.host) if m["type"] == "reveal")
    rows = {r["label"]: (r["count"], r["correct"]) for r in reveal["distribution"]}
    assert rows[turn.question.answers[0]] == (2, True) and rows["no answer"] == (1, False)
    assert sum(count for count, _ in rows.values()) == 3


def test_refusals_say_what_is_wrong():
    room, _clock, out = make_room(capacity=1)
    arrive(room, out, "Ana")
    for name, code in (("ANA", p.NAME_TAKEN), ("Ａｎａ", p.NAME_TAKEN), ("", p.BAD_NAME), ("Bo", p.ROOM_FULL)):
        with pytest.raises(Refusal) as refused:
            room.join(name)
        assert refused.value.code == code and refused.value.message.endswith(".")
    with pytest.raises(Refusal) as refused:
        room.join(None, token="not-a-token")
    assert refused.value.code == p.UNKNOWN_TOKEN
    empty, _, _ = make_room()
    with pytest.raises(Refusal) as refused:
        empty.next()  # "next" in the lobby starts the game: not with nobody in it
    assert refused.value.code == p.NOT_NOW and "No student" in refused.value.message


def test_names_are_cleaned_of_everything_that_could_change_a_screen():
    assert clean_name("  \x1b[31;1mRed\x1b[0m  ") == "Red"
    assert clean_name("A\u200bB\u202eC") == "ABC"
    assert clean_name("two\n\tlines") == "two lines"
    assert clean_name("[b]x[/b]") == "[b]x[/b]"  # kept, and shown as text by every screen
    for bad in ("", " ", "\x1b[2J", "x" * 21, 42):
        with pytest.raises(BadName):
            clean_name(bad)


def test_client_messages_are_checked_strictly():
    assert p.read_client('{"type": "answer", "turn": 0, "value": [1]}')["value"] == [1]
    for raw, code in (
        ("{", p.BAD_JSON),
        ('{"type": "answer", "turn": true, "value": 1}', p.BAD_MESSAGE),
        ('{"type": "next", "extra": 1}', p.BAD_MESSAGE),
        ("x" * (p.MAX_MESSAGE + 1), p.TOO_LARGE),
        ('{"type": "hello", "v": 1, "role": "student", "pin": 123456}', p.BAD_MESSAGE),
    ):
        with pytest.raises(p.ProtocolError) as error:
            p.read_client(raw)
        assert error.value.code == code


def test_rate_limits_and_the_pin_guard_follow_their_clock():
    clock = FakeClock()
    bucket = TokenBucket(rate=5, burst=10, clock=clock)
    assert sum(bucket.take() for _ in range(50)) == 10
    clock.advance(1.0)
    assert sum(bucket.take() for _ in range(50)) == 5
    strikes = Strikes(limit=3, fade=5, clock=clock)
    assert [strikes.add() for _ in range(4)] == [False, False, False, True]
    guard = PinGuard(free=2, most=8, clock=clock)
    for _ in range(2):
        guard.failed("a")
    assert guard.wait("a") == 0
    waits = []
    for _ in range(6):
        guard.failed("a")
        waits.append(guard.wait("a"))
    assert waits == [1, 3, 7, 15, 23, 31]  # each wrong PIN adds a longer wait (at most 8 s more)
    assert guard.wait("b") == 0
    guard.succeeded("a")
    assert guard.wait("a") == 0
