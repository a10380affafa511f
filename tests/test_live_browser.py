"""The live room's web page in a real headless Chromium: join with the PIN, answer, see the result, reload.

The room is served on loopback by the real server; the browser is the system's
Chromium, driven over the DevTools protocol (``cdp.py``).
"""

from __future__ import annotations

import pytest
from cdp import Browser, chromium_path
from livekit import host, sample_questions, serve_room, student, until
from sessionkit import FakeClock

from quiz.session import RoundSettings

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed (.ci/run installs it)"),
]


def _text(selector: str) -> str:
    return f"document.querySelector({selector!r}).textContent"


async def _answer_right_in_the_page(browser: Browser, q, options, touch: bool) -> None:
    """Answer the question on screen rightly, by touch (taps on buttons) or by keyboard alone."""
    if q.type == "multiple_choice":
        index = options.index(q.answers[0])
        if touch:
            await browser.tap(f"#q-answer .choice:nth-child({index + 1})")
        else:
            await browser.key("ABCDEFGH"[index].lower())
    elif q.type == "true_false":
        if touch:
            await browser.tap(f"#q-answer .choice:nth-child({1 if q.answers[0] == 'true' else 2})")
        else:
            await browser.key("t" if q.answers[0] == "true" else "f")
    elif q.type == "multi_select":
        for i, option in enumerate(options):
            if option in q.answers:
                if touch:
                    await browser.tap(f"#q-answer .choice:nth-child({i + 1})")
                else:
                    await browser.key(str(i + 1))
        if touch:
            await browser.tap("#submit")
        else:
            await browser.key("Enter")
    elif q.type in ("type_in", "numeric"):
        await browser.until("document.activeElement && document.activeElement.id === 'typed'")
        await browser.type_text(q.answers[0])
        if touch:
            await browser.tap("#submit")
        else:
            await browser.key("Enter")
    else:  # ordering and matching: move each item up to its place, then submit
        current = list(options)
        for target, item in enumerate(q.answers):
            row = current.index(item)
            while row > target:
                if touch:
                    await browser.tap(f".arrange li:nth-child({row + 1}) button:nth-of-type(1)")
                else:
                    await browser.js(f"document.querySelectorAll('.arrange li')[{row}].focus()")
                    await browser.key("ArrowUp", shift=True)
                current[row - 1], current[row] = current[row], current[row - 1]
                row -= 1
        if touch:
            await browser.tap("#submit")
        else:
            await browser.js("document.querySelectorAll('.arrange li')[0].focus()")
            await browser.key("Enter")


async def test_a_student_joins_from_the_browser_answers_and_sees_the_result(tmp_path):
    clock = FakeClock()
    pool = [q for q in sample_questions() if q.type in ("multiple_choice", "ordering")]
    room, server = await serve_room(pool, clock=clock, settings=RoundSettings(questions=2, timer=20, seed=2))
    browser = Browser(tmp_path / "profile")
    try:
        await browser.start()
        teacher = await host(server)
        # A classmate whose name is HTML: the page must show it as text.
        mallory = await student(server, "<b>Mallory</b>")
        await browser.goto(f"http://127.0.0.1:{server.port}/")
        await browser.until("document.activeElement && document.activeElement.id === 'pin'")
        await browser.type_text(room.pin)
        await browser.js("document.getElementById('name').focus()")
        await browser.type_text("Zoé")
        await browser.key("Enter")
        await browser.until(f"{_text('#wait-title')}.includes('Zoé')")
        assert "Zoé" in room.students
        await teacher.send({"type": "start"})
        for number in (1, 2):
            await until(lambda: room.phase == "ready")
            await browser.until(f"{_text('#wait-text')}.includes('Get ready')")
            clock.advance(3.0)
            await browser.until("!document.getElementById('question-view').hidden")
            turn = room.session.turn
            q = turn.question
            assert await browser.js(_text("#q-prompt")) == q.prompt
            clock.advance(1.0)
            await _answer_right_in_the_page(browser, q, list(turn.options), touch=q.type == "multiple_choice")
            await until(lambda: "Zoé" in room.session.answers)
            assert room.session.answers["Zoé"].correct, room.session.answers["Zoé"]
            await mallory.send(
                {
                    "type": "answer",
                    "turn": turn.index,
                    "value": list(turn.options)
                    if q.type == "ordering"
                    else next(o for o in turn.options if o != q.answers[0]),
                }
            )
            await browser.until(
                f"!document.getElementById('result-view').hidden && {_text('#r-verdict')}.includes('Right')"
            )
            assert "points" in await browser.js(_text("#r-points"))
            assert await browser.js(_text("#r-place")) == "You are 1st of 2."
            if number == 1:
                # The page is reloaded: it comes back as the same student, score kept.
                await browser.call("Page.reload")
                await browser.until(
                    f"!document.getElementById('result-view').hidden && {_text('#r-verdict')}.includes('Right')"
                )
                assert list(room.students) == ["<b>Mallory</b>", "Zoé"]
                await teacher.send({"type": "next"})
                await browser.until(f"{_text('#b-title')} === 'Leaderboard'")
                board = await browser.js(_text("#b-list"))
                assert "<b>Mallory</b>" in board and not await browser.js("document.querySelector('#b-list b')")
                await teacher.send({"type": "next"})
        await teacher.send({"type": "next"})
        await browser.until(f"{_text('#b-title')} === 'Podium'")
        assert "You finished 1st of 2" in await browser.js(_text("#b-you"))
        assert not [line for line in browser.console if line.startswith("EXCEPTION")]
    finally:
        await browser.close()
        await server.stop()


@pytest.mark.parametrize("touch", [False, True], ids=["keyboard", "touch"])
async def test_every_question_type_answers_by_keyboard_and_by_touch(tmp_path, touch):
    clock = FakeClock()
    pool = sample_questions()
    room, server = await serve_room(pool, clock=clock, settings=RoundSettings(questions=len(pool), timer=20, seed=9))
    browser = Browser(tmp_path / "profile")
    try:
        await browser.start()
        teacher = await host(server)
        await browser.goto(f"http://127.0.0.1:{server.port}/?pin={room.pin}")
        await browser.until("document.activeElement && document.activeElement.id === 'name'")
        await browser.type_text("Kim")
        await browser.key("Enter")
        await until(lambda: "Kim" in room.students)
        await teacher.send({"type": "start"})
        seen = set()
        for number in range(1, len(pool) + 1):
            await until(lambda: room.phase == "ready")
            clock.advance(3.0)
            await browser.until("!document.getElementById('question-view').hidden")
            turn = room.session.turn
            await _answer_right_in_the_page(browser, turn.question, list(turn.options), touch)
            try:
                await until(lambda: room.phase == "closed")
            except AssertionError:
                raise AssertionError(f"{turn.question.type}: {await browser.js('document.body.innerText')}") from None
            await browser.until(
                f"!document.getElementById('result-view').hidden && {_text('#r-verdict')}.includes('Right')"
            )
            seen.add(turn.question.type)
            await teacher.send({"type": "next"})
            if number < len(pool):
                await teacher.send({"type": "next"})
        assert seen == {q.type for q in pool} and len(seen) == 7
        assert all(r.correct for r in room.session.players["Kim"].records)
    finally:
        await browser.close()
        await server.stop()
