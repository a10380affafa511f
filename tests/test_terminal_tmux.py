"""The real game in a real terminal (tmux): killed, interrupted or resized mid-round.

Each test starts ``python -m quiz play`` from a shell in a detached tmux
session on its own socket, and checks afterwards that the terminal is usable:
the shell's prompt is back and echoes a command, the alternate screen was left,
the cursor is visible and mouse reporting is off.
"""

from __future__ import annotations

import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]

PROMPT = "e2e-prompt$ "
PACK = FIXTURES / "tui-pack.yaml"


class Terminal:
    """A shell in a detached tmux session on a private socket."""

    def __init__(self, data_dir: Path) -> None:
        self.socket = f"quiz-e2e-{os.getpid()}-{time.time_ns()}"
        self.data_dir = data_dir
        self.tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            "100",
            "-y",
            "30",
            "-c",
            str(ROOT),
            "-e",
            f"PYTHONPATH={ROOT}",
            "bash --norc --noprofile -i",
        )
        self.type(f"PROMPT_COMMAND=; PS1={shlex.quote(PROMPT)}; clear")
        self.keys("Enter")
        self.wait_for(lambda s: s.strip() == PROMPT.strip(), "the shell prompt")

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10)
        assert done.returncode == 0, f"tmux {' '.join(args)}: {done.stderr}"
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e")

    def flag(self, name: str) -> str:
        return self.tmux("display-message", "-p", "-t", "e2e", f"#{{{name}}}").strip()

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "e2e", "-l", text)

    def wait_for(self, condition, what: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if condition(screen):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}; the terminal shows:\n{screen}")
            time.sleep(0.02)

    def start_round(self) -> int:
        """Start the game in the shell; returns the game's process id once question 1 shows."""
        # --data-dir belongs to the quiz command itself, so it comes before "play".
        return self.start_game(
            ["play", "--seed", "3", "--no-timer", "--pack", str(PACK.relative_to(ROOT))], "Question 1/"
        )

    def start_game(self, args: list[str], shows: str) -> int:
        """Run ``quiz args`` in the shell; returns the game's process id once ``shows`` is on screen."""
        command = [sys.executable, "-m", "quiz", "--data-dir", str(self.data_dir), *args]
        self.type(shlex.join(command))
        self.keys("Enter")
        screen = self.wait_for(lambda s: shows in s or s.rstrip().endswith(PROMPT.rstrip()), repr(shows))
        assert shows in screen, f"the game did not start:\n{screen}"
        assert self.flag("alternate_on") == "1"
        shell = int(self.flag("pane_pid"))
        children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        assert len(children) == 1, children
        return int(children[0])

    def assert_usable(self, game_pid: int) -> None:
        """The game has exited and left the terminal as the shell needs it."""
        deadline = time.monotonic() + 15
        while Path(f"/proc/{game_pid}").exists() and _state(game_pid) != "Z":
            assert time.monotonic() < deadline, "the game did not exit"
            time.sleep(0.02)
        self.wait_for(lambda s: s.rstrip().endswith(PROMPT.rstrip()), "the shell prompt after the game")
        token = f"ok-{random.randrange(10**9)}"
        self.type(f"echo {token}")
        self.keys("Enter")
        self.wait_for(lambda s: token in [line.strip() for line in s.splitlines()], f"the shell to echo {token}")
        assert self.flag("alternate_on") == "0", "the alternate screen was not left"
        assert self.flag("cursor_flag") == "1", "the cursor was left hidden"
        assert self.flag("mouse_any_flag") == "0", "mouse reporting was left on"

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


@pytest.fixture
def term(tmp_path):
    terminal = Terminal(tmp_path / "data")
    yield terminal
    terminal.close()  # kills the shell and, with its terminal gone, the game


def test_sigterm_mid_round_leaves_the_terminal_usable(term):
    pid = term.start_round()
    os.kill(pid, signal.SIGTERM)
    term.assert_usable(pid)


def test_ctrl_c_mid_round_quits_cleanly(term):
    pid = term.start_round()
    term.keys("C-c")
    # The game may quit at once, ask to confirm, or say which key quits; follow what it says.
    screen = term.wait_for(
        lambda s: "Quit the game?" in s or "ctrl+q" in s.lower() or s.rstrip().endswith(PROMPT.rstrip()),
        "a reaction to Ctrl+C",
    )
    if "Quit the game?" not in screen and "ctrl+q" in screen.lower():
        term.keys("C-q")
        screen = term.wait_for(lambda s: "Quit the game?" in s, "the quit confirmation")
    if "Quit the game?" in screen:
        term.type("y")
    term.assert_usable(pid)


def test_resize_burst_mid_question_then_answer(term):
    pid = term.start_round()
    for i in range(30):
        width, height = (60, 20) if i % 2 == 0 else (140, 45)
        term.tmux("resize-window", "-t", "e2e", "-x", str(width), "-y", str(height))
    term.tmux("resize-window", "-t", "e2e", "-x", "100", "-y", "30")
    screen = term.wait_for(lambda s: "Question 1/" in s and len(s.splitlines()) == 30, "a redraw at 100x30")
    # Answer whatever question it is, by the keys its type takes.
    if "True or false" in screen:
        term.type("t")
    elif "Multiple choice" in screen:
        term.type("1")
    elif "Pick all that apply" in screen:
        term.keys("Space", "Enter")
    elif "Type the answer" in screen or "Type a number" in screen:
        term.type("7")
        term.keys("Enter")
    else:
        term.keys("Enter")
    term.wait_for(lambda s: "Correct answer:" in s, "the reveal after answering")
    term.keys("Enter")
    term.wait_for(lambda s: "Question 2/" in s, "the second question")
    assert Path(f"/proc/{pid}").exists() and _state(pid) != "Z"
    term.keys("C-q")
    term.wait_for(lambda s: "Quit the game?" in s, "the quit confirmation")
    term.type("y")
    term.assert_usable(pid)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_at_the_title_leaves_the_terminal_usable(term, sig):
    pid = term.start_game([], "Behind the Scenes Quiz")
    os.kill(pid, sig)
    term.assert_usable(pid)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_with_a_dialog_open_leaves_the_terminal_usable(term, sig):
    pid = term.start_round()
    term.keys("F1")
    term.wait_for(lambda s: "closes this help" in s, "the help dialog")
    os.kill(pid, sig)
    term.assert_usable(pid)
