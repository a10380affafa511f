"""A live room over real websockets on loopback: joining, answering, the reveal, and every refusal."""

from __future__ import annotations

import asyncio
import json

import pytest
from livekit import WAIT, Peer, host, sample_questions, serve_room, student, until
from sessionkit import FakeClock
from websockets.exceptions import ConnectionClosed

from quiz.live import protocol as p
from quiz.live.server import STUDENT_BURST
from quiz.session import RoundSettings


async def open_question(room, clock, hosts):
    """Past the "get ready": the question opens on the server's next tick."""
    await until(lambda: room.phase == "ready")
    clock.advance(3.0)
    for h in hosts:
        await h.expect("question")


async def test_join_answer_reveal_leaderboard_and_podium():
    clock = FakeClock()
    room, server = await serve_room(clock=clock, settings=RoundSettings(questions=2, timer=20, seed=3))
    try:
        teacher = await host(server)
        ana, ben = await student(server, "Ana"), await student(server, "Ben")
        roster = await teacher.expect("roster")
        while [s["name"] for s in roster["students"]] != ["Ana", "Ben"]:
            roster = await teacher.expect("roster")
        await teacher.send({"type": "start"})
        ready = await ana.expect("ready")
        assert (ready["number"], ready["of"], ready["seconds"]) == (1, 2, 3.0)
        await open_question(room, clock, [teacher])
        q_ana, q_ben = await ana.expect("question"), await ben.expect("question")
        assert q_ana["question"] == q_ben["question"] and q_ana["limit"] == 20
        turn = room.session.turn
        right = room.session.turn.question
        # Ana answers right after 2 s (timed by the server's clock), Ben wrong.
        from quiz.live.room import right_response

        good = right_response(right) if right.type not in ("type_in", "numeric") else right.answers[0]
        clock.advance(2.0)
        await ana.send({"type": "answer", "turn": turn.index, "value": good})
        assert (await ana.expect("ack"))["turn"] == turn.index
        progress = await teacher.expect("progress")
        assert (progress["answered"], progress["expected"]) == (1, 2)
        wrong = _wrong_value(right, turn.options)
        await ben.send({"type": "answer", "turn": turn.index, "value": wrong})
        reveal = await ana.expect("reveal")
        assert reveal["you"]["correct"] is True and reveal["you"]["points"] == 950 and reveal["you"]["place"] == 1
        ben_reveal = await ben.expect("reveal")
        assert ben_reveal["you"]["correct"] is False and ben_reveal["you"]["points"] == 0
        assert ben_reveal["you"]["place"] == 2 and ben_reveal["answer"] == reveal["answer"]
        host_reveal = await teacher.expect("reveal")
        assert sum(row["count"] for row in host_reveal["distribution"] if row["label"] != "no answer") >= 2
        await teacher.send({"type": "next"})
        standings = await ben.expect("standings")
        assert [(r["place"], r["name"], r["points"]) for r in standings["top"]] == [(1, "Ana", 950), (2, "Ben", 0)]
        assert standings["you"]["place"] == 2
        # The teacher hides the leaderboard: the next standings skip straight to the question.
        await teacher.send({"type": "next"})
        await ana.expect("ready")
        await open_question(room, clock, [teacher])
        await teacher.send({"type": "close"})
        reveal2 = await ana.expect("reveal")
        assert reveal2["you"]["timed_out"] is True
        await teacher.send({"type": "next"})
        finished = await ana.expect("finished")
        assert [(r["place"], r["name"]) for r in finished["podium"]] == [(1, "Ana"), (2, "Ben")]
        assert finished["you"]["place"] == 1
        result = room.result()
        assert result.participants == ("Ana", "Ben") and len(result.answers) == 4 and result.finished
    finally:
        await server.stop()


def _wrong_value(q, options):
    if q.type == "multiple_choice":
        return next(o for o in options if o != q.answers[0])
    if q.type == "true_false":
        return q.answers[0] != "true"
    if q.type == "multi_select":
        return [o for o in options if o not in q.answers][:1]
    if q.type in ("ordering", "matching"):
        return list(options)  # shown shuffled, never in the right order
    if q.type == "numeric":
        return "999999"
    return "certainly not this"


async def test_a_dropped_student_rejoins_with_their_token_and_keeps_name_and_score():
    clock = FakeClock()
    room, server = await serve_room(clock=clock, settings=RoundSettings(questions=2, timer=20, seed=3))
    try:
        teacher = await host(server)
        ana = await Peer(server).open()
        welcome = await ana.hello(room.pin, role="student", name="Ana")
        token = welcome["token"]
        ben = await student(server, "Ben")
        await teacher.send({"type": "start"})
        await open_question(room, clock, [teacher])
        turn = room.session.turn
        q = turn.question
        from quiz.live.room import right_response

        good = right_response(q) if q.type not in ("type_in", "numeric") else q.answers[0]
        await ana.send({"type": "answer", "turn": turn.index, "value": good})
        await ana.expect("ack")
        await ana.ws.close()  # the laptop's lid closes
        await until(lambda: not room.students["Ana"].connected)
        # Someone else cannot take her name meanwhile.
        intruder = await Peer(server).open()
        refused = await intruder.hello(room.pin, role="student", name="ana")
        assert refused["code"] == p.NAME_TAKEN
        back = await Peer(server).open()
        welcome = await back.hello(room.pin, role="student", token=token)
        assert welcome["name"] == "Ana"
        # Back mid-question: told she has answered already.
        assert (await back.expect("question"))["answered"] is True
        await ben.send({"type": "answer", "turn": turn.index, "value": _wrong_value(q, turn.options)})
        reveal = await back.expect("reveal")
        assert reveal["you"]["correct"] is True and reveal["you"]["total"] > 0
        assert room.session.players["Ana"].points == reveal["you"]["total"]
    finally:
        await server.stop()


async def test_a_late_or_second_answer_is_refused():
    clock = FakeClock()
    room, server = await serve_room(clock=clock, settings=RoundSettings(questions=2, timer=20, seed=3))
    try:
        teacher = await host(server)
        ana, ben = await student(server, "Ana"), await student(server, "Ben")
        await teacher.send({"type": "start"})
        await ana.expect("ready")
        turn = room.session.turn
        value = _wrong_value(turn.question, turn.options)
        # Too early: still "get ready".
        await ana.send({"type": "answer", "turn": turn.index, "value": value})
        assert (await ana.expect("error"))["code"] == p.NOT_OPEN
        await open_question(room, clock, [teacher])
        await ana.send({"type": "answer", "turn": turn.index, "value": value})
        await ana.expect("ack")
        await ana.send({"type": "answer", "turn": turn.index, "value": value})
        assert (await ana.expect("error"))["code"] == p.ALREADY_ANSWERED
        clock.advance(21.0)  # time is up, on the server's clock
        await ben.expect("reveal")
        await ben.send({"type": "answer", "turn": turn.index, "value": value})
        assert (await ben.expect("error"))["code"] == p.NOT_OPEN
        assert room.session.answers["Ben"].timed_out and len(room.session.players["Ana"].records) == 1
        # An answer for a question other than the open one is refused as well.
        await teacher.send({"type": "next"})
        await teacher.send({"type": "next"})
        await open_question(room, clock, [teacher])
        await ben.send({"type": "answer", "turn": turn.index, "value": value})
        assert (await ben.expect("error"))["code"] == p.NOT_OPEN
    finally:
        await server.stop()


async def test_malformed_and_oversized_messages_are_refused_and_the_room_still_works():
    clock = FakeClock()
    room, server = await serve_room(clock=clock, settings=RoundSettings(questions=1, timer=20, seed=3))
    try:
        teacher = await host(server)
        ana = await student(server, "Ana")
        bad = [
            "not json",
            "[1, 2]",
            '{"no": "type"}',
            '{"type": "shout"}',
            '{"type": "answer"}',
            '{"type": "answer", "turn": "one", "value": 1}',
            '{"type": "answer", "turn": 0, "value": 1, "x": 2}',
            '{"type": "answer", "turn": 0, "value": NaN}',
            "[" * 3000,
            '{"type": "start"}',
        ]
        codes = []
        for text in bad:
            await ana.send(text)
            codes.append((await ana.expect("error"))["code"])
            clock.advance(1.0)  # slow enough not to count as a flood
        assert codes == [
            p.BAD_JSON,
            p.BAD_MESSAGE,
            p.BAD_MESSAGE,
            p.BAD_MESSAGE,
            p.BAD_MESSAGE,
            p.BAD_MESSAGE,
            p.BAD_MESSAGE,
            p.BAD_JSON,
            p.BAD_JSON,
            p.NOT_HOST,
        ]
        await ana.ws.send(b"\x00binary")
        assert (await ana.expect("error"))["code"] == p.BAD_MESSAGE
        await ana.send(json.dumps({"type": "answer", "turn": 0, "value": "x" * (p.MAX_MESSAGE + 10)}))
        assert (await ana.expect("error"))["code"] == p.TOO_LARGE
        # A frame over the hard cap is not even read: that connection is closed (1009)...
        brute = await student(server, "Brute")
        await brute.send("x" * (p.HARD_MAX + 1))
        assert await brute.closed() == 1009
        # ...and the room goes on for everyone else.
        await teacher.send({"type": "start"})
        await open_question(room, clock, [teacher])
        turn = room.session.turn
        await ana.send({"type": "answer", "turn": turn.index, "value": _wrong_value(turn.question, turn.options)})
        await ana.expect("ack")
        await ana.expect("reveal")
    finally:
        await server.stop()


async def test_a_flooding_client_is_throttled_then_dropped():
    _room, server = await serve_room()
    try:
        flood = await student(server, "Flood")
        calm = await student(server, "Calm")
        for _ in range(200):
            try:
                await flood.send({"type": "answer", "turn": 0, "value": "x"})
            except ConnectionClosed:
                break
        assert await flood.closed() == p.CLOSE_FLOOD
        kinds = [m.get("code") for m in flood.heard if m["type"] == "error"]
        assert p.SLOW_DOWN in kinds and len(kinds) < 60  # throttled replies, not one per message
        # The calm student is untouched.
        await calm.send({"type": "answer", "turn": 0, "value": "x"})
        assert (await calm.expect("error"))["code"] == p.NOT_OPEN
        assert STUDENT_BURST < 200
    finally:
        await server.stop()


async def test_hostile_names_are_cleaned_and_sent_as_plain_text():
    room, server = await serve_room()
    try:
        teacher = await host(server)
        names = {
            "\x1b[2J\x1b[31mEve\x1b[0m": "Eve",
            "[bold red]Mallory[/]": "[bold red]Mallory[/]",
            "<img src=x onerror=alert(1)>": "<img src=x onerror=",
            "<b>Bold</b>": "<b>Bold</b>",
            "  Tab\tand\nnewline  ": "Tab and newline",
            "\u202eevil\u202c": "evil",
            "\x1b]0;title\x07Zed": "Zed",
        }
        for raw, shown in names.items():
            peer = await Peer(server).open()
            welcome = await peer.hello(room.pin, role="student", name=raw[:40])
            if welcome["type"] == "error":
                assert welcome["code"] == p.BAD_NAME, welcome
                continue
            assert welcome["name"].startswith(shown[:15]) and len(welcome["name"]) <= 20
            assert not any(ord(c) < 32 or c in "\x7f\u202e\u202c" for c in welcome["name"])
        for raw in ("", "   ", "\x1b[0m", "x" * 21):
            peer = await Peer(server).open()
            assert (await peer.hello(room.pin, role="student", name=raw))["code"] == p.BAD_NAME
        await until(lambda: len(room.students) >= 5)
        roster = await teacher.expect("roster")
        while len(roster["students"]) < len(room.students):
            roster = await teacher.expect("roster")
        assert {"[bold red]Mallory[/]", "<b>Bold</b>", "Eve"} <= {s["name"] for s in roster["students"]}
    finally:
        await server.stop()


async def test_a_removed_student_is_cut_off_until_let_back_with_name_and_score():
    clock = FakeClock()
    room, server = await serve_room(clock=clock, settings=RoundSettings(questions=2, timer=20, seed=3))
    try:
        teacher = await host(server)
        troll = await Peer(server).open()
        token = (await troll.hello(room.pin, role="student", name="Troll"))["token"]
        ana = await student(server, "Ana")
        await teacher.send({"type": "start"})
        await open_question(room, clock, [teacher])
        turn = room.session.turn
        await troll.send({"type": "answer", "turn": turn.index, "value": _wrong_value(turn.question, turn.options)})
        await troll.expect("ack")
        await teacher.send({"type": "remove", "name": "troll"})
        assert (await troll.expect("removed"))["message"]
        assert await troll.closed() == p.CLOSE_REMOVED
        again = await Peer(server).open()
        assert (await again.hello(room.pin, role="student", token=token))["code"] == p.REMOVED
        # A student cannot remove anyone.
        await ana.send({"type": "remove", "name": "Ana"})
        assert (await ana.expect("error"))["code"] == p.NOT_HOST
        # With the troll gone, Ana's answer is the last one needed: the question closes.
        await ana.send({"type": "answer", "turn": turn.index, "value": _wrong_value(turn.question, turn.options)})
        reveal = await ana.expect("reveal")
        assert reveal["you"]["of"] == 1
        await teacher.send({"type": "readmit", "name": "Troll"})
        await until(lambda: not room.students["Troll"].removed)
        back = await Peer(server).open()
        welcome = await back.hello(room.pin, role="student", token=token)
        assert welcome["name"] == "Troll" and room.session.players["Troll"].answered == 1
    finally:
        await server.stop()


async def test_unknown_pin_full_room_and_host_secret_are_refused_clearly():
    room, server = await serve_room(capacity=2)
    try:
        wrong = str((int(room.pin) + 1) % 1_000_000).zfill(6)
        peer = await Peer(server).open()
        refused = await peer.hello(wrong, role="student", name="Ana")
        assert refused["code"] == p.UNKNOWN_PIN and "PIN" in refused["message"]
        assert await peer.closed() == p.CLOSE_REFUSED
        fake_host = await Peer(server).open()
        assert (await fake_host.hello(room.pin, role="host", secret="guess"))["code"] == p.NOT_HOST
        await student(server, "Ana")
        await student(server, "Ben")
        third = await Peer(server).open()
        full = await third.hello(room.pin, role="student", name="Cy")
        assert full["code"] == p.ROOM_FULL and "full" in full["message"]
        old = await Peer(server).open()
        assert (await old.hello(room.pin, role="student", name="Dee", v=0))["code"] in (p.BAD_VERSION, p.BAD_MESSAGE)
    finally:
        await server.stop()


async def test_repeated_wrong_pins_from_one_address_are_slowed_down():
    room, server = await serve_room()
    try:
        loop = asyncio.get_running_loop()
        wrong = str((int(room.pin) + 7) % 1_000_000).zfill(6)
        times = []
        for _ in range(server.guard.free + 2):
            peer = await Peer(server).open()
            started = loop.time()
            assert (await peer.hello(wrong, role="student", name="Guess"))["code"] == p.UNKNOWN_PIN
            times.append(loop.time() - started)
        assert max(times[: server.guard.free]) < 0.5  # a few typos cost nothing
        assert times[-1] >= 0.9  # then each guess waits longer
        assert server.guard.wait("127.0.0.1") > 1.0
        # The right PIN is slowed down too while the wait lasts (the server cannot tell who is guessing),
        # then forgives the address.
        server.guard.succeeded("127.0.0.1")
        await student(server, "Ana")
    finally:
        await server.stop()


async def test_no_message_before_the_reveal_holds_the_answer():
    """A whole round of every question type: what any client hears before each reveal holds no answer."""
    clock = FakeClock()
    questions = sample_questions()
    room, server = await serve_room(
        questions, clock=clock, settings=RoundSettings(questions=len(questions), timer=20, seed=11)
    )
    try:
        teacher = await host(server)
        ana, ben = await student(server, "Ana"), await student(server, "Ben")
        peers = [teacher, ana, ben]
        await teacher.send({"type": "start"})
        for number in range(1, len(questions) + 1):
            await ana.expect("ready")
            await open_question(room, clock, [teacher])
            turn = room.session.turn
            q = turn.question
            for peer in (ana, ben):
                await peer.expect("question")
            secrets_ = [q.explanation, q.id] + ([*q.answers] if q.type in ("type_in", "numeric") else [])
            if q.type in ("ordering", "matching"):
                secrets_.append(json.dumps(list(q.answers), ensure_ascii=False, separators=(",", ":")))
            for peer in peers:
                for raw in peer.raw:
                    for secret in filter(None, secrets_):
                        assert secret not in raw, (q.id, secret, raw)
                    message = json.loads(raw)
                    if message["type"] != "reveal":
                        assert not {"answer", "right", "answers", "explanation", "source"} & set(_keys(message))
            for peer in peers:
                peer.raw.clear()
            await ana.send({"type": "answer", "turn": turn.index, "value": _wrong_value(q, turn.options)})
            await ben.send({"type": "answer", "turn": turn.index, "value": _wrong_value(q, turn.options)})
            reveal = await ana.expect("reveal")
            assert reveal["answer"]
            for peer in peers:
                peer.raw.clear()
            await teacher.send({"type": "next"})
            if number < len(questions):
                await teacher.send({"type": "next"})
        await ana.expect("finished")
    finally:
        await server.stop()


def _keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


async def test_the_page_and_its_files_are_served_on_the_same_port():
    _room, server = await serve_room()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), WAIT)
        assert head.startswith(b"HTTP/1.1 200") and b"text/html" in head and b"Content-Security-Policy" in head
        writer.close()
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"GET /secrets.txt HTTP/1.1\r\nHost: localhost\r\n\r\n")
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), WAIT)
        assert head.startswith(b"HTTP/1.1 404")
        writer.close()
    finally:
        await server.stop()


@pytest.mark.parametrize("count", [40])
async def test_many_students_at_once_all_get_the_question_and_their_acks(count):
    clock = FakeClock()
    room, server = await serve_room(clock=clock, settings=RoundSettings(questions=1, timer=20, seed=3))
    try:
        teacher = await host(server)
        peers = await asyncio.gather(*(student(server, f"S{i}") for i in range(count)))
        await teacher.send({"type": "start"})
        await open_question(room, clock, [teacher])
        turn = room.session.turn
        value = _wrong_value(turn.question, turn.options)
        for peer in peers:
            await peer.expect("question")
        await asyncio.gather(*(peer.send({"type": "answer", "turn": turn.index, "value": value}) for peer in peers))
        for peer in peers:
            await peer.expect("ack")
            assert (await peer.expect("reveal"))["you"]["of"] == count
    finally:
        await server.stop()
