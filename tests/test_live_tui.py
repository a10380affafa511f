"""The host's and a student's terminal screens, driven by keys against a real room on loopback."""

from __future__ import annotations

import asyncio
import io

from livekit import serve_room, student, until
from rich.console import Console
from sessionkit import FakeClock

from quiz.live.protocol import WS_PATH
from quiz.live.qr import qr_lines
from quiz.session import RoundSettings
from quiz.tui.live.host import HostApp
from quiz.tui.live.join import JoinApp


def screen_text(app) -> str:
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def settle(pilot, condition, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"never happened; the screen:\n{screen_text(pilot.app)}")
        await pilot.pause(0.02)


async def test_the_host_screen_shows_hostile_names_as_text_and_removes_a_student():
    clock = FakeClock()
    room, server = await serve_room(clock=clock, settings=RoundSettings(questions=1, timer=20, seed=3))
    url = f"ws://127.0.0.1:{server.port}{WS_PATH}"
    page = f"http://127.0.0.1:{server.port}/?pin={room.pin}"
    app = HostApp(url, room.secret, room.pin, page, "quiz join …", qr_lines(page))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: "Waiting for students" in screen_text(app))
            assert f"PIN {room.pin[:3]} {room.pin[3:]}" in screen_text(app) and "█" in screen_text(app)
            await student(server, "[reverse]Eve[/]")
            await student(server, "Bob")
            await settle(pilot, lambda: "Bob" in screen_text(app))
            shown = screen_text(app)
            assert "[reverse]Eve[/]" in shown  # markup shown, not obeyed
            await pilot.press("r")  # the highlighted (first) student
            await until(lambda: room.students["[reverse]Eve[/]"].removed)
            await settle(pilot, lambda: "removed" in screen_text(app))
            await pilot.press("r")  # and let back
            await until(lambda: not room.students["[reverse]Eve[/]"].removed)
            await pilot.press("s")
            await until(lambda: room.phase == "ready")
            await settle(pilot, lambda: "Get ready" in screen_text(app))
            clock.advance(3.0)
            await settle(pilot, lambda: "Answered: 0 of 2" in screen_text(app))
            # The prompt may reach the screen a frame after the count (a taller body waits for layout).
            await settle(pilot, lambda: room.session.turn.question.prompt[:30] in screen_text(app))
            await settle(pilot, lambda: "2 students" in screen_text(app))  # Eve, let back, counts again
            await pilot.press("c")
            await settle(pilot, lambda: "The answer:" in screen_text(app))
            await pilot.press("n")
            await settle(pilot, lambda: "Podium" in screen_text(app))
            await pilot.press("q")
            await settle(pilot, lambda: not app.is_running)
    finally:
        await server.stop()


async def test_a_student_answers_from_the_terminal_client():
    clock = FakeClock()
    room, server = await serve_room(
        clock=clock,
        settings=RoundSettings(questions=1, timer=20, seed=2),
        questions=[q for q in __import__("livekit").sample_questions() if q.type == "true_false"],
    )
    kept = []
    app = JoinApp(f"ws://127.0.0.1:{server.port}{WS_PATH}", room.pin, "Tess", on_token=kept.append)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, lambda: "You're in!" in screen_text(app))
            assert kept and "Tess" in room.students
            room.start()
            clock.advance(3.0)
            await settle(pilot, lambda: app.question_view is not None and app.question_view.answer_widget.is_mounted)
            q = room.session.turn.question
            await pilot.press("t" if q.answers[0] == "true" else "f")
            await settle(pilot, lambda: "Right!" in screen_text(app))
            assert "Total: " in screen_text(app) and "1st of 1" in screen_text(app)
    finally:
        await server.stop()


async def test_a_refused_join_ends_the_client_with_the_reason():
    room, server = await serve_room()
    await student(server, "Tess")
    app = JoinApp(f"ws://127.0.0.1:{server.port}{WS_PATH}", room.pin, "tess")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, lambda: not app.is_running)
        assert app.refusal and "already called Tess" in app.refusal
    finally:
        await server.stop()
