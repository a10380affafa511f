"""Every way of answering: number, letter, arrows + Enter, click, typing, arranging, ticking, the timer."""

from __future__ import annotations

import io

import pytest
from conftest import FIXTURES
from rich.console import Console
from tuikit import on_question, on_reveal

from quiz.packcache import load_pack
from quiz.session import RoundSettings, Session
from quiz.storage import ScoreStore
from quiz.tui.answers.arrange import ArrangeList
from quiz.tui.answers.check import CheckAnswer as CheckList
from quiz.tui.app import QuizApp

PACK = load_pack(FIXTURES / "tui-pack.yaml")
BY_ID = {q.id: q for q in PACK.questions}
SIZE = (120, 36)


def one_question(question_id: str, timer: float | None = None, clock=lambda: 0.0) -> QuizApp:
    """An app that opens straight on one question of the fixture pack."""
    settings = RoundSettings(seed=5, timer=timer)
    session = Session.create([], settings, fixed=[BY_ID[question_id]], clock=clock)
    return QuizApp(entries=[], store=ScoreStore(), session=session, settings=settings, clock=clock)


async def answered(app, pilot):
    await pilot.pause()
    assert on_reveal(app), app.screen
    return app.session.players["Player"].records[-1]


def index_of(app, text: str) -> int:
    return app.session.turn.options.index(text)


@pytest.mark.parametrize("how", ["number", "letter", "arrows"])
async def test_multiple_choice_by_keys(how):
    app = one_question("tui-producer")
    async with app.run_test(size=SIZE) as pilot:
        i = index_of(app, "Box to Box Films")
        if how == "number":
            await pilot.press(str(i + 1))
        elif how == "letter":
            await pilot.press("abcd"[i])
        else:
            await pilot.press(*["down"] * i, "enter")
        record = await answered(app, pilot)
        assert record.correct and record.response == "Box to Box Films"


async def test_multiple_choice_by_click():
    app = one_question("tui-producer")
    async with app.run_test(size=SIZE) as pilot:
        wrong = next(o for o in app.session.turn.options if o != "Box to Box Films")
        answer_list = app.screen.query_one("#answer")
        row = index_of(app, wrong)
        # Options sit one per line inside the list's border.
        await pilot.click(answer_list, offset=(10, 1 + row))
        record = await answered(app, pilot)
        assert not record.correct and record.response == wrong
        assert "✘ Wrong" in str(app.screen.query_one("#verdict").render())


@pytest.mark.parametrize(
    "keys, expected", [(("t",), True), (("f",), False), (("1",), True), (("2",), False), (("down", "enter"), False)]
)
async def test_true_false(keys, expected):
    app = one_question("tui-dts-date")  # the answer is true
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        record = await answered(app, pilot)
        assert record.response is expected and record.correct is expected


async def test_type_in_with_enter_forgives_accents():
    app = one_question("tui-roglic")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # nothing typed: not an answer yet
        await pilot.pause()
        assert on_question(app)
        await pilot.press(*"Roglic", "enter")
        record = await answered(app, pilot)
        assert record.correct and record.response == "Roglic"


async def test_numeric_answer_and_letters_are_typed_not_chosen():
    app = one_question("tui-territories")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "backspace", "1", "9", "0", "enter")
        record = await answered(app, pilot)
        assert record.correct and record.response == "190"


async def test_multi_select_toggle_with_numbers_space_and_click():
    app = one_question("tui-teams")
    async with app.run_test(size=SIZE) as pilot:
        options = app.session.turn.options
        right = [i for i, o in enumerate(options) if o != "Movistar"]
        checks = app.screen.query_one(CheckList)
        await pilot.press(str(right[0] + 1))  # number key
        await pilot.press(str(index_of(app, "Movistar") + 1), str(index_of(app, "Movistar") + 1))  # on and off again
        checks.highlighted = right[1]
        await pilot.press("space")  # space on the highlight
        await pilot.click(checks, offset=(10, 1 + right[2]))  # a click
        await pilot.pause()
        assert checks.checked == set(right)
        await pilot.press("enter")
        record = await answered(app, pilot)
        assert record.correct and set(record.response) == set(BY_ID["tui-teams"].answers)


async def test_multi_select_needs_a_tick_before_enter():
    app = one_question("tui-teams")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert on_question(app) and not app.session.players["Player"].records


@pytest.mark.parametrize("up, down", [("shift+up", "shift+down"), ("k", "j")])
async def test_ordering_by_moving_items(up, down):
    app = one_question("tui-docs-order")
    async with app.run_test(size=SIZE) as pilot:
        widget = app.screen.query_one(ArrangeList)
        target = list(BY_ID["tui-docs-order"].answers)
        start = list(widget.items)
        # Move the first item down to the end and back: the list must follow.
        await pilot.press(down, down)
        assert widget.items == start[1:] + start[:1] and widget.highlighted == 2
        await pilot.press(up, up)
        assert widget.items == start and widget.highlighted == 0
        for i, item in enumerate(target):
            j = widget.items.index(item)
            while widget.highlighted != j:
                await pilot.press("down" if widget.highlighted < j else "up")
            for _ in range(j - i):
                await pilot.press(up)
        await pilot.press("enter")
        record = await answered(app, pilot)
        assert record.correct and list(record.response) == target


async def test_matching_keeps_the_left_column_fixed():
    app = one_question("tui-docs-teams")
    async with app.run_test(size=SIZE) as pilot:
        widget = app.screen.query_one(ArrangeList)
        q = BY_ID["tui-docs-teams"]
        assert widget.fixed == tuple(left for left, _ in q.pairs)
        before = list(widget.items)
        await pilot.press("shift+down")
        assert widget.items == [before[1], before[0], *before[2:]]
        assert widget.fixed == tuple(left for left, _ in q.pairs)
        await pilot.press("enter")
        record = await answered(app, pilot)
        assert record.correct == (tuple(widget.items) == q.answers)
        assert list(record.response) == widget.items
        # The answer reads as pairs, the same way as the correct one.
        pairs = "; ".join(f"{left} → {right}" for left, right in zip(widget.fixed, widget.items))
        assert str(app.screen.query_one("#your-answer").render()) == f"Your answer: {pairs}"


async def test_timer_runs_out():
    app = one_question("tui-producer", timer=0.3, clock=__import__("time").monotonic)
    async with app.run_test(size=SIZE) as pilot:
        assert on_question(app)
        for _ in range(40):
            await pilot.pause(0.05)
            if on_reveal(app):
                break
        record = await answered(app, pilot)
        assert record.timed_out and not record.correct and record.points.total == 0
        assert "⏱ Time's up" in str(app.screen.query_one("#verdict").render())


async def test_response_time_is_measured_from_when_the_question_shows():
    now = [100.0]
    app = one_question("tui-producer", timer=20, clock=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        now[0] = 105.0  # five seconds later
        await pilot.press(str(index_of(app, "Box to Box Films") + 1))
        record = await answered(app, pilot)
        assert record.elapsed == pytest.approx(5.0)
        # 20 s timer, 5 s taken: round(1000 × (1 − 0.25/2)) = 875, as 500 base + 375 speed.
        assert (record.points.base, record.points.speed) == (500, 375)
        assert "500 base + 375 speed + 0 streak = 875" in str(app.screen.query_one("#points").render())


async def test_timer_pauses_under_a_dialog():
    now = [0.0]
    app = one_question("tui-producer", timer=10, clock=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        now[0] = 30.0  # longer than the timer, but spent reading the help
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert on_question(app)
        now[0] = 32.0
        await pilot.press(str(index_of(app, "Box to Box Films") + 1))
        record = await answered(app, pilot)
        assert record.elapsed == pytest.approx(2.0)


def prompts(widget) -> list[str]:
    """Each option as drawn, in plain text."""
    return [rendered(widget.get_option_at_index(i).prompt).strip() for i in range(widget.option_count)]


def rendered(prompt, width: int = 60) -> str:
    console = Console(width=width, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(prompt)
    return console.export_text()


@pytest.mark.parametrize("question_id", ["tui-producer", "tui-teams", "tui-docs-order", "tui-docs-teams"])
async def test_the_highlighted_row_carries_a_pointer_not_only_a_colour(question_id):
    app = one_question(question_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        widget = app.screen.query_one("#answer")
        pointed = lambda: [i for i, text in enumerate(prompts(widget)) if text.startswith("▶")]  # noqa: E731
        assert pointed() == [0]
        await pilot.press("down", "down")
        assert pointed() == [2] == [widget.highlighted]
        await pilot.press("up")
        assert pointed() == [1]
        if isinstance(widget, ArrangeList):
            await pilot.press("shift+down")  # the item moves and the pointer goes with it
            assert pointed() == [2] and prompts(widget)[2].endswith(widget.items[2])


async def test_numeric_answer_that_is_not_a_number_is_asked_again():
    app = one_question("tui-territories")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert on_question(app) and not app.session.players["Player"].records
        assert any("not a number" in str(n.message) for n in app._notifications)
        await pilot.press("backspace", "backspace", "backspace", *"190", "space", *"territories", "enter")
        record = await answered(app, pilot)
        assert record.correct and record.response == "190 territories"


async def test_a_long_option_wraps_under_its_own_first_line():
    from dataclasses import replace

    long = "A documentary series that follows eight teams through the three weeks of the Tour de France"
    q = replace(BY_ID["tui-producer"], choices=("Box to Box Films", long), answers=("Box to Box Films",))
    settings = RoundSettings(seed=5, timer=None)
    session = Session.create([], settings, fixed=[q], clock=lambda: 0.0)
    app = QuizApp(entries=[], store=ScoreStore(), session=session, settings=settings, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = app.screen.query_one("#answer")
        index = session.turn.options.index(long)
        lines = rendered(widget.get_option_at_index(index).prompt, width=60).splitlines()
        assert len(lines) >= 2
        start = lines[0].index("A documentary")
        assert lines[1][:start].strip() == "" and lines[1][start : start + 1].strip()  # the text's own column
