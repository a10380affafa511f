"""Packs are found in the background: the title stays live and says how far a slow first reading has got."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from tuikit import on_question

from quiz import locations, packcache
from quiz.session import RoundSettings
from quiz.storage import ScoreStore
from quiz.tui import app as app_module
from quiz.tui.app import QuizApp
from quiz.tui.modals.help import HelpScreen
from quiz.tui.screens.scores import ScoresScreen
from quiz.tui.screens.setup import SetupScreen
from quiz.tui.screens.title import TitleScreen
from quiz.tui.screens.waiting import PacksWaitScreen
from quiz.tui.widgets.packstatus import PackStatus

SIZE = (100, 30)
STATUS = "Reading big.yaml for the first time… 45%"


class SlowFirstReading:
    """Stands in for packcache.load: reports 45% of big.yaml, then waits until the test releases it."""

    def __init__(self) -> None:
        self.real = packcache.load
        self.release = threading.Event()
        self.reported = threading.Event()

    def __call__(self, path, progress=None):
        if path.name == "big.yaml" and progress is not None:
            progress(0.45)
            self.reported.set()
            # Never hangs the suite: a test that forgets to release lets go after a while.
            self.release.wait(20)
        return self.real(path, progress)


@pytest.fixture
def slow(monkeypatch):
    reading = SlowFirstReading()
    monkeypatch.setattr(packcache, "load", reading)
    folder = locations.user_packs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "tui-pack.yaml", folder / "big.yaml")
    yield reading
    reading.release.set()


def make_app() -> QuizApp:
    return QuizApp(
        include_builtin=False,
        include_user=True,
        store=ScoreStore(),
        settings=RoundSettings(seed=7, timer=None, questions=5),
        clock=lambda: 0.0,
    )


def status_of(screen) -> str | None:
    line = screen.query_one(PackStatus)
    return str(line.render()) if line.display else None


async def until(pilot, condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await pilot.pause(0.02)


async def test_title_shows_progress_stays_live_and_play_waits_for_the_packs(slow):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        title = app.screen
        assert isinstance(title, TitleScreen)
        await until(pilot, lambda: status_of(title) == STATUS)
        assert app.loading_packs

        # Keys work while the pack is read.
        await pilot.press("s")
        assert isinstance(app.screen, ScoresScreen)
        await pilot.press("escape")
        assert app.screen is title
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is title

        # Play before the packs are in: a screen that waits, saying why.
        await pilot.press("p")
        assert isinstance(app.screen, PacksWaitScreen)
        assert status_of(app.screen) == STATUS
        assert app.loading_packs

        slow.release.set()
        await until(pilot, lambda: isinstance(app.screen, SetupScreen))
        await pilot.pause()
        packs = app.screen.query_one("#packs")
        assert packs.option_count == 1 and str(packs.get_option_at_index(0).prompt) == "UI test pack (14 questions)"
        assert list(packs.selected) == [0]
        await pilot.press("f5")
        await pilot.pause()
        assert on_question(app)
        # The title underneath no longer speaks of loading.
        assert status_of(title) is None and not app.loading_packs


async def test_backing_out_of_the_wait_stays_on_the_title_when_the_packs_arrive(slow):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: status_of(app.screen) == STATUS)
        await pilot.press("p")
        assert isinstance(app.screen, PacksWaitScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)
        slow.release.set()
        await until(pilot, lambda: not app.loading_packs)
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and status_of(app.screen) is None
        await pilot.press("p")
        assert isinstance(app.screen, SetupScreen)


async def test_quit_while_reading_exits_at_once(slow):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, slow.reported.is_set)
        started = time.monotonic()
        await pilot.press("q")
        await pilot.pause()
    assert time.monotonic() - started < 2.0
    assert not slow.release.is_set() and app.return_code == 0  # left running, and no error


async def test_quick_loading_never_shows_the_status_line(monkeypatch):
    shown: list[str | None] = []
    original = PackStatus.show
    monkeypatch.setattr(PackStatus, "show", lambda self, text: (shown.append(text), original(self, text))[1])
    app = QuizApp(
        pack_paths=[FIXTURES / "tui-pack.yaml"], include_builtin=False, include_user=False, store=ScoreStore()
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.loading_packs)
        await pilot.pause(app_module.STATUS_DELAY + 0.1)  # past the moment the status would show
        assert [e.id for e in app.entries] == ["tui"] and app.selected_packs == {0}
        assert not any(shown)
        # Play right away goes straight to the setup screen, no waiting screen in between.
        await pilot.press("p")
        assert isinstance(app.screen, SetupScreen)


async def test_play_pressed_during_a_quick_load_waits_for_it_and_keeps_the_keys_typed_after(monkeypatch):
    real = packcache.load

    def a_little_slow(path, progress=None):
        time.sleep(0.1)  # well under the status delay
        return real(path, progress)

    monkeypatch.setattr(packcache, "load", a_little_slow)
    app = QuizApp(
        pack_paths=[FIXTURES / "tui-pack.yaml"],
        include_builtin=False,
        include_user=False,
        store=ScoreStore(),
        settings=RoundSettings(seed=7, timer=None, questions=5),
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.loading_packs)
        await pilot.press("p", "f5")
        await pilot.pause()
        assert on_question(app)


async def test_a_failing_discovery_is_reported_not_raised(monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr("quiz.catalog.discover", broken)
    told: list[str] = []
    app = QuizApp(include_builtin=False, include_user=True, store=ScoreStore())
    monkeypatch.setattr(app, "notify", lambda message, **kw: told.append(message))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.loading_packs)
        await pilot.pause()
        assert told == ["The question packs could not be read: disk on fire"]
        assert app.entries == []
        await pilot.press("p")
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#packs").option_count == 0


QUIT_WHILE_READING = """
import time
from pathlib import Path
from quiz import packcache

def stuck(path, progress=None):
    progress(0.5)
    time.sleep(60)  # a first reading far longer than anyone would wait to quit

packcache.load = stuck

from quiz.tui.app import QuizApp
from quiz.storage import ScoreStore

async def press_q(pilot):
    while pilot.app._reading is None:
        await pilot.pause(0.02)
    await pilot.press("q")

QuizApp(include_builtin=False, include_user=True, store=ScoreStore()).run(headless=True, auto_pilot=press_q)
print("exited")
"""


def test_the_process_exits_at_once_when_quit_during_a_first_reading(slow):
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", QUIT_WHILE_READING], cwd=ROOT, capture_output=True, text=True, timeout=50, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "exited" and "Traceback" not in done.stderr
    assert time.monotonic() - started < 20  # not the minute the reading would take


async def test_packs_arriving_under_the_help_lead_to_setup_once_it_closes(slow):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: status_of(app.screen) == STATUS)
        await pilot.press("p", "f1")
        assert isinstance(app.screen, HelpScreen)
        slow.release.set()
        await until(pilot, lambda: not app.loading_packs)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # not pulled away from under the reader
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SetupScreen))


def test_a_stopped_loader_gives_up_at_its_next_report_without_an_error():
    from quiz.tui.loading import PackLoader

    posted = []
    reports = []

    class Target:
        def post_message(self, message):
            posted.append(type(message).__name__)

    def endless(progress):
        while True:
            reports.append(1)
            progress(Path("big.yaml"), 0.5)
            time.sleep(0.001)

    loader = PackLoader(Target(), endless)
    loader.start()
    deadline = time.monotonic() + 5
    while not reports and time.monotonic() < deadline:
        time.sleep(0.005)
    loader.stop()
    assert loader.wait(5) == [] and loader.error is None
    assert posted[0] == "PacksReading" and posted[-1] == "PacksFound"
