"""Every screen at 80×24 and 120×36, pictured: fixed seed, frozen clock, fixed scores."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from tuikit import fixed_round

from quiz.session import HOTSEAT, RoundSettings, Session
from quiz.storage import GameRow, ScoreRow, ScoreStore
from quiz.tui.app import QuizApp

TUI_PACK = FIXTURES / "tui-pack.yaml"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


class FixedStore(ScoreStore):
    """Scores that never change, so the high-score screen pictures the same every time."""

    def top_scores(self, limit=10):
        rows = [
            ScoreRow("Ana", 8400, 9, 10, 0.9, 6, 4.2, "solo", "2024-07-01T10:00:00+02:00", 3),
            ScoreRow("Ben", 6100, 7, 10, 0.7, 3, 6.8, "hotseat", "2024-06-30T21:15:00+02:00", 2),
            ScoreRow("Chloé", 2500, 3, 5, 0.6, 2, None, "solo", "2024-06-29T08:05:00+02:00", 1),
        ]
        return rows[:limit]

    def recent_games(self, limit=20):
        return [
            GameRow(3, "2024-07-01T10:00:00+02:00", "solo", 10, ["Ana"], "Ana", "10 questions, 20 s timer"),
            GameRow(2, "2024-06-30T21:15:00+02:00", "hotseat", 10, ["Ben", "Dan"], "Ben", "10 questions, no timer"),
        ][:limit]


@pytest.fixture
def no_handoff_guard(monkeypatch):
    """Hand-offs pass at the first Enter: their guard time is tested in test_tui_flow.py."""
    monkeypatch.setattr(Session, "READY_GUARD", 0.0)


def make_app(**settings) -> QuizApp:
    base = dict(seed=7, timer=20, questions=5)
    base.update(settings)
    return QuizApp(
        pack_paths=[TUI_PACK],
        include_builtin=False,
        include_user=False,
        settings=RoundSettings(**base),
        store=FixedStore(),
        clock=lambda: 0.0,  # the timer never moves and every answer takes 0 s
    )


@pytest.mark.parametrize("size", SIZES)
def test_title(snap_compare, size):
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_setup(snap_compare, size):
    assert snap_compare(make_app(), press=["p"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_setup_hotseat_error(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("p", "down", "enter", "tab", *"Ana", "enter")

    assert snap_compare(make_app(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize(
    "question",
    ["tui-producer", "tui-dts-date", "tui-teams", "tui-roglic", "tui-territories", "tui-docs-order", "tui-docs-teams"],
)
@pytest.mark.parametrize("size", SIZES)
def test_question(snap_compare, size, question):
    async def run_before(pilot):
        fixed_round(pilot.app, question)
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_question_without_timer(snap_compare, size):
    async def run_before(pilot):
        fixed_round(pilot.app, "tui-producer", timer=None)
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
@pytest.mark.parametrize("size", SIZES)
def test_reveal(snap_compare, size, right):
    async def run_before(pilot):
        fixed_round(pilot.app, "tui-producer")
        await pilot.pause()
        options = pilot.app.session.turn.options
        index = options.index("Box to Box Films") if right else options.index("Amazon")
        await pilot.press(str(index + 1))
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_reveal_time_up(snap_compare, size):
    async def run_before(pilot):
        fixed_round(pilot.app, "tui-teams")
        await pilot.pause()
        pilot.app.session.time_out()
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=size)


async def _play_hotseat(pilot, turns: int) -> None:
    """Ana answers right, Ben wrong except on his second turn; stops after ``turns`` reveals."""
    fixed_round(
        pilot.app, "tui-producer", "tui-dts-date", "tui-episodes", mode=HOTSEAT, players=("Ana", "Ben"), timer=None
    )
    await pilot.pause()
    await pilot.press("enter")  # the hand-off to the first player
    await pilot.pause()
    for n in range(turns):
        game = pilot.app.session
        q, options = game.turn.question, game.turn.options
        right = game.turn.player == "Ana" or n == 3
        if q.type == "true_false":
            key = "t" if right else "f"
        else:
            key = str((options.index(q.answers[0]) if right else options.index(q.choices[-1])) + 1)
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("enter")  # reveal -> hand-off (or results)
        await pilot.pause()
        if n < turns - 1:
            await pilot.press("enter")  # hand-off -> next question
            await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_handoff(snap_compare, size, no_handoff_guard):
    async def run_before(pilot):
        await _play_hotseat(pilot, 3)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_results_hotseat(snap_compare, size, no_handoff_guard):
    async def run_before(pilot):
        await _play_hotseat(pilot, 6)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_high_scores(snap_compare, size):
    assert snap_compare(make_app(), press=["s"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, size):
    assert snap_compare(make_app(), press=["f1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_quit_confirmation(snap_compare, size):
    async def run_before(pilot):
        fixed_round(pilot.app, "tui-producer")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=size)


# -- classroom on one screen ------------------------------------------------------------
CLASS = ("Red", "Blue", "Green")


def class_app(mode: str, *ids: str, teams=CLASS, keys=(), timer=None) -> QuizApp:
    clock = lambda: 0.0  # noqa: E731 - the clock never moves
    settings = RoundSettings(mode=mode, players=teams, keys=keys, timer=timer, seed=7)
    from quiz.packcache import load_pack

    by_id = {q.id: q for q in load_pack(TUI_PACK).questions}
    session = Session.create([], settings, fixed=[by_id[i] for i in ids], clock=clock, packs=["tui"])
    return QuizApp(entries=[], store=FixedStore(), session=session, settings=settings, clock=clock)


@pytest.mark.parametrize("size", SIZES)
def test_teams_reveal(snap_compare, size, no_handoff_guard):
    async def run_before(pilot):
        session = pilot.app.session
        options = session.turn.options
        for key in (options.index("Box to Box Films") + 1, options.index("Amazon") + 1, options.index("NOS") + 1):
            await pilot.press("enter")  # the hand-off to the next team
            await pilot.pause()
            await pilot.press(str(key))
            await pilot.pause()

    assert snap_compare(class_app("teams", "tui-producer", "tui-dts-date"), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_buzzer_open(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("q")  # Red buzzes...
        await pilot.pause()
        await pilot.press("f")  # ...and is wrong: open to Blue and Green
        await pilot.pause()

    app = class_app("buzzer", "tui-dts-date", "tui-producer", keys=("q", "p", "z"), timer=20)
    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_buzzer_held(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("z")
        await pilot.pause()

    app = class_app("buzzer", "tui-producer", "tui-dts-date", keys=("q", "p", "z"), timer=20)
    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_presenter_question(snap_compare, size):
    app = class_app("presenter", "tui-producer", "tui-docs-teams", teams=("Red", "Blue"))
    assert snap_compare(app, run_before=lambda pilot: pilot.pause(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_presenter_reveal(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("n")  # to the matching question
        await pilot.press("r", "2")
        await pilot.pause()

    app = class_app("presenter", "tui-producer", "tui-docs-teams", teams=("Red", "Blue"))
    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_presenter_without_teams(snap_compare, size):
    app = class_app("presenter", "tui-territories", teams=(), timer=30)
    assert snap_compare(app, run_before=lambda pilot: pilot.pause(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_setup_buzzer(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("p", "down", "down", "down", "enter", "tab", *"Red,Blue,Green")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=size)
