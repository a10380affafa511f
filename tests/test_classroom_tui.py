"""Classroom on one screen, played by key presses: teams in turn, buzzer teams, and the presenter."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from sessionkit import FakeClock
from tuikit import on_handoff, on_question, on_reveal, screen_text

from quiz.cli import cli
from quiz.packcache import load_pack
from quiz.session import RoundSettings, Session
from quiz.session.modes import Buzzer
from quiz.storage import ScoreStore
from quiz.tui.app import QuizApp
from quiz.tui.present.screen import PresenterScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.screens.setup import SetupScreen

PACK = load_pack(FIXTURES / "tui-pack.yaml")
BY_ID = {q.id: q for q in PACK.questions}
SIZE = (100, 30)
TEAMS = ("Red", "Blue", "Green")


def app_for(mode: str, ids: tuple[str, ...], teams=TEAMS, timer=None, keys=()) -> tuple[QuizApp, Session, FakeClock]:
    clock = FakeClock()
    settings = RoundSettings(mode=mode, players=teams, timer=timer, seed=4, keys=keys)
    session = Session.create([], settings, fixed=[BY_ID[i] for i in ids], clock=clock, packs=["tui"])
    app = QuizApp(entries=[], store=ScoreStore(), session=session, settings=settings, clock=clock)
    return app, session, clock


def key_for(session: Session, right: bool) -> str:
    """The key that answers the open multiple-choice or true/false question rightly or wrongly."""
    turn = session.turn
    q = turn.question
    if q.type == "true_false":
        return "t" if (q.answers[0] == "true") == right else "f"
    wrong = next(i for i, o in enumerate(turn.options) if o != q.answers[0])
    return str((turn.options.index(q.answers[0]) if right else wrong) + 1)


# -- teams, in turn ------------------------------------------------------------------
async def test_a_teams_round_passes_each_question_to_every_team_then_reveals_them_all():
    app, session, clock = app_for("teams", ("tui-producer", "tui-dts-date"))
    async with app.run_test(size=SIZE) as pilot:
        for n in range(2):
            for team, right in zip(TEAMS, (True, False, n == 1)):
                assert on_handoff(app) and f"Pass the keyboard to {team}" in screen_text(app)
                clock.advance(Session.READY_GUARD)
                await pilot.press("enter")
                await pilot.pause()
                assert on_question(app) and f"Team: {team}" in screen_text(app)
                clock.advance(2.0)
                await pilot.press(key_for(session, right))
                await pilot.pause()
            assert on_reveal(app)
            text = screen_text(app)
            assert "Red:" in text and "Blue:" in text and "Green:" in text and "✔ Right: Red" in text
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert [s.name for s in session.standings()] == ["Red", "Green", "Blue"]
        assert session.players["Red"].points == 2100 and session.players["Blue"].points == 0


# -- buzzer --------------------------------------------------------------------------
async def test_a_buzzer_game_of_three_teams_lock_out_pass_on_nobody_right_and_scores():
    app, session, clock = app_for("buzzer", ("tui-producer", "tui-dts-date", "tui-episodes"), keys=("q", "p", "z"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert on_question(app)
        text = screen_text(app)
        assert "Buzz to answer:" in text and "● Red" in text and "■ Blue" in text and "▲ Green" in text
        await pilot.press(key_for(session, True))  # an answer key before anyone buzzed: nothing happens
        await pilot.pause()
        assert session.answers == {} and session.holder is None
        await pilot.press("p")  # Blue buzzes first...
        await pilot.press("q")  # ...so Red is locked out
        await pilot.pause()
        assert session.holder == "Blue"
        assert "■ Blue has the question" in screen_text(app)
        await pilot.press(key_for(session, False))  # Blue is wrong: open to Red and Green
        await pilot.pause()
        assert session.holder is None and on_question(app)
        assert "✘ Blue (had a go)" in screen_text(app)
        await pilot.press("p")  # Blue has had its go
        await pilot.pause()
        assert session.holder is None
        await pilot.press("z")
        await pilot.pause()
        clock.advance(Buzzer.ANSWER_SECONDS + 0.5)  # Green says nothing in time
        await pilot.pause(0.2)
        assert session.answers["Green"].timed_out and session.holder is None
        await pilot.press("q")
        await pilot.pause()
        await pilot.press(key_for(session, True))
        await pilot.pause()
        assert on_reveal(app) and "✔ Right: Red" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        for team in ("q", "p", "z"):  # nobody gets the second one
            await pilot.press(team)
            await pilot.pause()
            await pilot.press(key_for(session, False))
            await pilot.pause()
        assert on_reveal(app)
        text = screen_text(app)
        assert "Nobody got it right" in text and "Correct answer:" in text
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        await pilot.press(key_for(session, True))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        red = session.players["Red"]
        assert (red.points, red.correct, red.best_streak) == (1000 + 1000, 2, 1)
        assert session.players["Blue"].points == 0 and session.players["Green"].points == 0


async def test_buzzer_keys_reach_a_typed_answer_only_once_a_team_holds_it():
    app, session, clock = app_for("buzzer", ("tui-territories",), teams=("Red", "Blue"), keys=("q", "p"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1", "9", "0")  # nobody holds it: typing goes nowhere
        assert session.answers == {}
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("1", "9", "0", "enter")
        await pilot.pause()
        assert session.answers["Red"].correct and on_reveal(app)


# -- presenter -------------------------------------------------------------------------
async def test_a_presenter_reveals_scores_undoes_and_goes_back_by_keys():
    app, session, clock = app_for("presenter", ("tui-producer", "tui-dts-date", "tui-episodes"), teams=("Red", "Blue"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        text = screen_text(app)
        assert BY_ID["tui-producer"].prompt[:30] in text and "Box to Box Films" in text
        assert "Answer:" not in text  # not yet revealed
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(app)
        assert "✔ Answer: Box to Box Films" in text and "Source:" in text
        await pilot.press("1", "2", "2")  # Red, Blue, and Blue again (once a question)
        await pilot.pause()
        assert "has these points already" in screen_text(app)
        assert (session.players["Red"].points, session.players["Blue"].points) == (1000, 1000)
        await pilot.press("u")
        await pilot.pause()
        assert session.players["Blue"].points == 0 and "Points taken back from ■ Blue" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert session.turn.index == 1 and "Answer:" not in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert session.turn.index == 0
        await pilot.press("s")  # hide the scores
        await pilot.pause()
        assert not app.screen.query_one("#present-scores").display
        await pilot.press("n", "n", "n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Red wins with 1000 points!" in screen_text(app)


# -- setting up, on screen and on the command line -------------------------------------
async def test_setup_offers_teams_and_buzzer_and_refuses_clashing_buzzer_keys(tmp_path):
    app = QuizApp(
        pack_paths=[FIXTURES / "tui-pack.yaml"],
        include_builtin=False,
        include_user=False,
        settings=RoundSettings(seed=1, timer=None, questions=2),
        store=ScoreStore(tmp_path / "s.db"),
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        await pilot.press("down", "down", "down", "enter")  # the fourth mode: buzzer
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen) and app.screen.mode == "buzzer"
        assert app.screen.query_one("#buzzer-keys").display
        await pilot.press("tab", *"Red,Blue", "tab")
        await pilot.press(*"q,a", "f5")
        await pilot.pause()
        assert "also answers questions" in screen_text(app)
        await pilot.press(*["backspace"] * 3, *"q,p", "enter")
        await pilot.pause()
        assert on_question(app) and app.session.settings.keys == ("q", "p")
        assert app.session.settings.mode == "buzzer" and app.session.settings.players == ("Red", "Blue")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mode", "teams"], 'teams rounds need --teams, like --teams "Red,Blue"'),
        (["--mode", "buzzer", "--teams", "A,B", "--buzzer-keys", "x,a"], "the buzzer key 'a' also answers questions"),
        (["--mode", "buzzer", "--teams", "A,B", "--buzzer-keys", "x"], "give one buzzer key per team: 2 teams, 1 keys"),
        (["--mode", "buzzer", "--teams", "A,B", "--buzzer-keys", "x,x"], "two teams have the same buzzer key"),
        (["--teams", "A,B", "--players", "C"], "teams rounds are played by teams: give --teams, not --players"),
        (["--mode", "solo", "--teams", "A,B"], "solo rounds are played by players"),
        (["--mode", "battle"], "unknown mode 'battle'; choose solo, hotseat, teams or buzzer"),
        (["--buzzer-keys", "x,y"], "--buzzer-keys is for buzzer rounds"),
        (["--teams", "A"], "teams needs 2 to 6 teams"),
        (["--teams", "A,B,C,D,E,F,G"], "at most 6 teams"),
        (["--teams", "A" * 21 + ",B"], "at most 20 characters"),
    ],
)
def test_bad_classroom_options_exit_2_with_a_message(args, message):
    result = CliRunner().invoke(cli, ["play", "--pack", str(FIXTURES / "tui-pack.yaml"), *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_classroom_options_build_the_round(monkeypatch):
    opened = {}
    monkeypatch.setattr("quiz.tui.app.QuizApp.run", lambda self: opened.setdefault("app", self))
    pack = str(FIXTURES / "tui-pack.yaml")
    result = CliRunner().invoke(
        cli,
        ["play", "--pack", pack, "--mode", "buzzer", "--teams", "Red, Blue,Green", "--questions", "3", "--seed", "1"],
    )
    assert result.exit_code == 0, result.output
    s = opened.pop("app")._first_session.settings
    assert (s.mode, s.players, s.keys) == ("buzzer", ("Red", "Blue", "Green"), ("q", "p", "z"))
    result = CliRunner().invoke(cli, ["present", "--pack", pack, "--teams", "Red,Blue", "--questions", "3"])
    assert result.exit_code == 0, result.output
    s = opened.pop("app")._first_session.settings
    assert (s.mode, s.players, s.timer) == ("presenter", ("Red", "Blue"), None)
    result = CliRunner().invoke(cli, ["present", "--pack", pack, "--questions", "3"])
    assert result.exit_code == 0 and opened["app"]._first_session.settings.players == ()
