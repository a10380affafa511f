"""The results screen's report key: E writes the finished game's report into the data folder and says where."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from reportkit import FORMULA_NAME, expected_tables, html_cell, read_html, read_xlsx
from sessionkit import FakeClock
from tuikit import fixed_round, on_handoff, on_question, on_reveal, screen_text

from quiz import locations
from quiz.qtypes.true_false import truth_of
from quiz.session import HOTSEAT, RoundSettings, Session
from quiz.storage import ScoreStore
from quiz.tui.app import QuizApp
from quiz.tui.screens.results import ResultsScreen

TUI_PACK = FIXTURES / "tui-pack.yaml"
SIZE = (120, 36)


@pytest.fixture(autouse=True)
def no_handoff_guard(monkeypatch):
    """Hand-offs pass at the first Enter: their guard time is tested in test_tui_flow.py."""
    monkeypatch.setattr(Session, "READY_GUARD", 0.0)


def make_app(store: ScoreStore | None) -> QuizApp:
    return QuizApp(
        pack_paths=[TUI_PACK],
        include_builtin=False,
        include_user=False,
        settings=RoundSettings(seed=7, timer=None, questions=2),
        store=store,
        clock=FakeClock(),
    )


async def play_hotseat(pilot, players=(FORMULA_NAME, "Ben")) -> Session:
    """A hot-seat round of two questions each: the first player right every time, the second wrong."""
    session = fixed_round(pilot.app, "tui-producer", "tui-dts-date", mode=HOTSEAT, players=players, timer=None)
    await pilot.pause()
    while not session.finished:
        if on_handoff(pilot.app):
            await pilot.press("enter")
        elif on_question(pilot.app):
            q, options = session.turn.question, session.turn.options
            right = session.turn.player == players[0]
            if q.type == "true_false":
                await pilot.press("t" if right == truth_of(q) else "f")
            else:
                await pilot.press(str((options.index(q.answers[0]) if right else options.index(q.choices[-1])) + 1))
        elif on_reveal(pilot.app):
            await pilot.press("enter")
        await pilot.pause()
    assert isinstance(pilot.app.screen, ResultsScreen)
    return session


async def press_export(pilot) -> str:
    await pilot.press("e")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen_text(pilot.app)


async def test_e_writes_the_report_into_the_data_folder_and_says_where(tmp_path):
    store = ScoreStore(tmp_path / "scores.sqlite3")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        session = await play_hotseat(pilot)
        text = screen_text(app)
        assert "Export report (E)" in text  # a button
        assert " e  Export report" in text  # and the key bar
        assert not locations.reports_dir().exists()
        text = await press_export(pilot)
        folder = locations.reports_dir()
        files = sorted(folder.iterdir())
        assert [f.suffix for f in files] == [".html", ".xlsx"]
        assert all(f.stem.startswith("quiz-report-") and f.stem.endswith("-game-1") for f in files)
        status = app.screen.query_one("#export-status").render()
        assert str(status) == f"Report saved in {folder}: {files[1].name}, {files[0].name}"
        assert "Report saved in" in text
    store.close()

    expected = expected_tables(session)
    page = read_html(files[0])
    for table in ("Summary", "Answers", "Questions"):
        assert page.sections[table.lower()] == [[html_cell(k, v) for k, v in row] for row in expected[table]]
    sheets = read_xlsx(files[1])
    assert (
        sheets["Summary"][1][1] == FORMULA_NAME
        and [r[0] for r in sheets["Answers"][1:]] == [FORMULA_NAME] * 2 + ["Ben"] * 2
    )


async def test_practice_rounds_offer_no_export_and_the_standings_they_came_from_still_do(tmp_path):
    store = ScoreStore(tmp_path / "scores.sqlite3")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await play_hotseat(pilot)
        await pilot.press("down", "r")  # Ben's mistakes, again for practice
        await pilot.pause()
        practice = app.session
        assert practice.settings.practice
        while not practice.finished:
            await pilot.press("t" if on_question(app) and practice.turn.question.type == "true_false" else "1")
            await pilot.pause()
            if on_reveal(app):
                await pilot.press("enter")
                await pilot.pause()
        assert isinstance(app.screen, ResultsScreen) and "Practice results" in screen_text(app)
        text = screen_text(app)
        assert "Export report" not in text
        await press_export(pilot)
        assert not locations.reports_dir().exists()
        await pilot.press("b")  # back to the standings of the saved game: its report is still one key away
        await pilot.pause()
        assert "Export report (E)" in screen_text(app)
        await press_export(pilot)
        assert [f.name.endswith("-game-1.xlsx") for f in sorted(locations.reports_dir().iterdir())] == [False, True]
    store.close()


async def test_an_unwritable_data_folder_is_said_on_screen(tmp_path):
    store = ScoreStore(tmp_path / "scores.sqlite3")
    locations.data_dir().mkdir(parents=True, exist_ok=True)
    locations.reports_dir().write_text("a file where the folder should be")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await play_hotseat(pilot)
        text = await press_export(pilot)
        status = str(app.screen.query_one("#export-status").render())
        assert status.startswith(f"The report could not be written to {locations.reports_dir()}: ")
        assert "could not be written" in text
        assert isinstance(app.screen, ResultsScreen)  # the game goes on
    store.close()


class NoSaving(ScoreStore):
    def save_game(self, result):
        self.problem = "Scores could not be saved: the disk is full. Play goes on."
        return None


async def test_a_game_the_store_could_not_save_can_still_be_exported(tmp_path):
    app = make_app(NoSaving(tmp_path / "scores.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await play_hotseat(pilot, players=("Ana", "Ben"))
        await press_export(pilot)
        names = sorted(f.name for f in locations.reports_dir().iterdir())
        assert len(names) == 2 and not any("game-" in n for n in names)  # no id to name it by
        assert read_html(locations.reports_dir() / names[0]).sections["summary"][0][1] == "Ana"
