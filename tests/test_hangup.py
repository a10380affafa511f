"""quiz.tui.hangup on a pseudo-terminal: what ends the game, and what it leaves of the terminal.

The game itself is played in tmux by test_hangup_tmux.py; these check the parts
that a real terminal seldom shows: the watchdog that ends an app whose exit is
stuck, and SIGCONT not restarting the screen on the way out.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import select
import signal
import termios
import threading
import time

import pytest

from quiz.tui import hangup

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals only")


class StuckApp:
    """An app whose exit never finishes, as Textual's did once its terminal was gone."""

    def __init__(self) -> None:
        self.exits: list[int] = []

    def exit(self, return_code: int = 0) -> None:
        self.exits.append(return_code)


class Ended:
    """Stands in for os._exit: records the status and when it came."""

    def __init__(self) -> None:
        self.status: int | None = None
        self.at = 0.0
        self.done = threading.Event()

    def __call__(self, status: int) -> None:
        self.status, self.at = status, time.monotonic()
        self.done.set()


@pytest.fixture
def pty():
    main, side = os.openpty()
    yield main, side
    for fd in (main, side):
        try:
            os.close(fd)
        except OSError:
            pass


@pytest.fixture
def installed():
    """Installs Hangups as the game does, and puts the process's signal handlers back afterwards."""
    signals = (signal.SIGTERM, signal.SIGHUP, signal.SIGCONT)
    before = {sig: signal.getsignal(sig) for sig in signals}
    made: list[hangup.Hangups] = []

    def install(app, fd: int, continue_handler=None) -> tuple[hangup.Hangups, Ended]:
        if continue_handler is not None:
            signal.signal(signal.SIGCONT, continue_handler)
        ended = Ended()
        hangups = hangup.Hangups(app, asyncio.get_running_loop(), fd, end=ended)
        hangups.install()
        made.append(hangups)
        return hangups, ended

    yield install
    for sig, handler in before.items():
        signal.signal(sig, handler)
    for hangups in made:
        atexit.unregister(hangups._skip_teardown)
        hangups._go.set()  # lets a watchdog that never fired finish (it only records, here)


async def _wait(event: threading.Event, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not event.is_set() and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    return event.is_set()


async def test_sigterm_asks_the_app_to_exit_and_ends_a_stuck_one_after_the_grace(pty, installed):
    _, side = pty
    app = StuckApp()
    _, ended = installed(app, side)
    sent = time.monotonic()
    os.kill(os.getpid(), signal.SIGTERM)
    assert await _wait(ended.done, hangup.GRACE + 2)
    assert app.exits == [128 + signal.SIGTERM]  # asked politely first
    assert ended.status == 128 + signal.SIGTERM
    assert ended.at - sent >= hangup.GRACE  # the app had its chance to exit by itself


async def test_a_terminal_left_behind_by_a_stuck_app_is_put_back(pty, installed):
    main, side = pty
    cooked = termios.tcgetattr(side)
    raw = list(cooked)
    raw[3] &= ~(termios.ECHO | termios.ICANON)
    termios.tcsetattr(side, termios.TCSANOW, raw)
    app = StuckApp()
    app._driver = type("Driver", (), {"attrs_before": cooked})()  # what Textual saved on starting
    _, ended = installed(app, side)
    os.kill(os.getpid(), signal.SIGTERM)
    assert await _wait(ended.done, hangup.GRACE + 2)
    written = b""
    while select.select([main], [], [], 0)[0]:
        written += os.read(main, 4096)
    assert written.endswith(hangup.RESTORE.encode())
    modes = termios.tcgetattr(side)
    assert modes[3] & termios.ECHO and modes[3] & termios.ICANON


async def test_a_closed_terminal_ends_the_app_without_any_signal(pty, installed):
    # As under nohup, or when the game is not the terminal's process: only the hang-up tells.
    main, side = pty
    app = StuckApp()
    _, ended = installed(app, side)
    os.close(main)
    assert await _wait(ended.done, hangup.GRACE + 2)
    assert app.exits == [128 + signal.SIGHUP]
    assert ended.status == 128 + signal.SIGHUP


async def test_sigcont_resumes_the_screen_only_while_the_game_is_not_leaving(pty, installed):
    _, side = pty
    resumed: list[int] = []
    hangups, ended = installed(StuckApp(), side, continue_handler=lambda signum, frame: resumed.append(signum))
    os.kill(os.getpid(), signal.SIGCONT)
    await asyncio.sleep(0.05)
    assert resumed == [signal.SIGCONT]  # back from Ctrl+Z: Textual redraws
    hangups.stop(signal.SIGHUP)
    os.kill(os.getpid(), signal.SIGCONT)
    await asyncio.sleep(0.05)
    assert resumed == [signal.SIGCONT]  # a closing terminal's SIGCONT: nothing restarts
    assert await _wait(ended.done, hangup.GRACE + 2)


def test_a_terminal_is_alive_until_it_hangs_up(pty, tmp_path):
    # What keeps SIGCONT from restarting the screen, and the watchdog from writing, once it is gone.
    main, side = pty
    assert hangup.terminal_alive(side)
    os.close(main)
    assert not hangup.terminal_alive(side)
    with open(tmp_path / "file", "w") as file:
        assert not hangup.terminal_alive(file.fileno())  # not a terminal at all
