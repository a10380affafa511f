"""What keeps the game quick: lazy start-up, one question and one reveal screen per round, a frugal countdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES
from tuikit import on_question, on_reveal

from quiz.packcache import load_pack
from quiz.session import RoundSettings, Session
from quiz.storage import ScoreStore
from quiz.tui.answers.check import CheckAnswer as CheckList
from quiz.tui.answers.choice import ChoiceList
from quiz.tui.app import QuizApp
from quiz.tui.round.screen import RoundScreen
from quiz.tui.screens.title import TitleScreen
from quiz.tui.widgets.countdown import Countdown

PACK = load_pack(FIXTURES / "tui-pack.yaml")
BY_ID = {q.id: q for q in PACK.questions}
SIZE = (100, 30)
ROOT = Path(__file__).resolve().parent.parent


def fixed_app(*ids: str, timer: float | None = None) -> QuizApp:
    settings = RoundSettings(seed=3, timer=timer)
    session = Session.create([], settings, fixed=[BY_ID[i] for i in ids], clock=lambda: 0.0)
    return QuizApp(entries=[], store=ScoreStore(), session=session, settings=settings, clock=lambda: 0.0)


def right_key(app: QuizApp) -> str:
    turn = app.session.turn
    if turn.question.type == "true_false":
        return "t" if turn.question.answers[0] == "true" else "f"
    return str(turn.options.index(turn.question.answers[0]) + 1)


def test_importing_the_app_loads_only_the_title_screen():
    code = "import sys, quiz.tui.app; print(sorted(m for m in sys.modules if m.startswith('quiz.tui.screens.')))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['quiz.tui.screens.title']"


async def test_title_comes_first_and_packs_are_found_after_it():
    found = []
    app = QuizApp(
        pack_paths=[FIXTURES / "tui-pack.yaml"], include_builtin=False, include_user=False, store=ScoreStore()
    )
    find_packs = app._find_packs

    def watched() -> None:
        found.append((type(app.screen), app._entries))
        find_packs()

    app._find_packs = watched  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Discovery ran once, with the title already showing and nothing found before it.
        assert found == [(TitleScreen, None)]
        assert [e.id for e in app.entries] == [PACK.id]
        assert app.selected_packs == {0}


async def test_entries_asked_for_early_are_found_then():
    app = QuizApp(
        pack_paths=[FIXTURES / "tui-pack.yaml"], include_builtin=False, include_user=False, store=ScoreStore()
    )
    assert [e.id for e in app.entries] == [PACK.id]  # before the app even runs
    assert app.selected_packs == {0}


async def test_one_screen_and_one_answer_list_serve_the_round():
    app = fixed_app("tui-producer", "tui-dts-date", "tui-episodes", timer=20)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        question = app.screen
        assert isinstance(question, RoundScreen) and on_question(app)
        first_list = question.query_one("#answer", ChoiceList)
        reveals = set()
        for n in range(3):
            assert app.screen is question
            turn = app.session.turn
            assert str(question.query_one("#prompt").render()) == turn.question.prompt
            assert str(question.query_one("#progress").render()) == f"Question {n + 1}/3"
            labels = ("True", "False") if turn.question.type == "true_false" else tuple(turn.options)
            assert question.query_one("#answer", ChoiceList) is first_list and first_list.labels == labels
            assert first_list.highlighted == 0 and app.focused is first_list
            await pilot.press(right_key(app))
            await pilot.pause()
            assert on_reveal(app) and app.screen is question
            assert "✔ Right!" in str(app.screen.query_one("#verdict").render())
            assert str(app.screen.query_one("#reveal-prompt").render()) == turn.question.prompt
            reveals.add(app.screen)
            await pilot.press("enter")
            await pilot.pause()
        assert len(reveals) == 1
        assert app.session.finished and app.session.players["Player"].correct == 3


async def test_answer_widgets_change_with_the_kind_of_question_and_no_key_reaches_the_old_ones():
    app = fixed_app("tui-producer", "tui-teams", "tui-episodes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(right_key(app), "enter")
        await pilot.pause()
        assert on_question(app) and app.session.turn.question.id == "tui-teams"
        assert len(app.screen.query("#answer")) == 1
        checks = app.screen.query_one("#answer", CheckList)
        assert checks.labels == tuple(app.session.turn.options) and app.focused is checks
        await pilot.press("1", "enter", "enter")
        await pilot.pause()
        assert on_question(app) and app.session.turn.question.id == "tui-episodes"
        assert len(app.screen.query("#answer")) == 1
        assert isinstance(app.screen.query_one("#answer"), ChoiceList)
        assert [r.question.id for r in app.session.players["Player"].records] == ["tui-producer", "tui-teams"]


async def test_the_round_screen_is_let_go_when_the_round_ends():
    app = fixed_app("tui-producer")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        question = app.screen
        await pilot.press(right_key(app))
        await pilot.pause()
        await pilot.press("enter")  # results
        await pilot.pause()
        app.show_title()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert not app._installed_screens and app.session is None
        assert not question.is_attached


async def test_a_theme_changed_during_the_reveal_reaches_the_question_screen():
    app = fixed_app("tui-producer", "tui-episodes", timer=20)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(right_key(app))
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        header = app.screen.query_one("#question-header")
        assert header.styles.background == app.current_theme.to_color_system().primary


async def test_countdown_redraws_only_when_what_it_shows_changes():
    app = fixed_app("tui-producer", timer=20)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        redraws = []
        original = countdown.refresh
        countdown.refresh = lambda *a, **k: (redraws.append(countdown.remaining), original(*a, **k))[1]
        countdown.remaining = 19.99  # same seconds, same bar: nothing to draw
        countdown.remaining = 19.95
        assert redraws == []
        countdown.remaining = 18.5  # "19 s left" and a shorter bar
        assert redraws == [18.5]
        countdown.remaining = 4.0
        assert countdown.has_class("-low")
