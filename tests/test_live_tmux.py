"""The real programs in real terminals: `quiz host` and two `quiz join` in tmux play a question together."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from tmuxkit import Tmux

from quiz.packcache import load_pack
from quiz.session import LIVE, RoundSettings, Session
from quiz.storage import ScoreStore

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

TIMEOUT = 20.0
PACK = FIXTURES / "tui-pack.yaml"
SEED = 2  # the round's one question is multiple choice


@pytest.fixture
def tmux():
    server = Tmux()
    yield server
    server.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(tmux: Tmux, session: str, data: str, *args: str, width: int = 100) -> None:
    command = [sys.executable, "-m", "quiz", "--data-dir", data, *args]
    shell = " ".join(f"'{part}'" for part in command) + "; echo EXITED-$?; sleep 60"
    tmux("new-session", "-d", "-s", session, "-x", str(width), "-y", "32", "-c", str(ROOT), shell)


def test_a_host_and_two_terminal_students_play_a_question(tmp_path, tmux):
    tag = uuid.uuid4().hex[:6]
    host, ana, ben = f"live-host-{tag}", f"live-ana-{tag}", f"live-ben-{tag}"
    port = free_port()
    data = str(tmp_path / "host-data")
    # The same settings and seed draw the same round here, so the test knows the question.
    turn = Session.create(
        load_pack(PACK).questions, RoundSettings(questions=1, seed=SEED, mode=LIVE, players=("x",), timer=30)
    ).turns[0]
    right = turn.options.index(turn.question.answers[0])
    wrong = (right + 1) % len(turn.options)
    try:
        start(
            tmux,
            host,
            data,
            "host",
            "--pack",
            str(PACK),
            "--questions",
            "1",
            "--seed",
            str(SEED),
            "--timer",
            "30",
            "--port",
            str(port),
            width=120,
        )
        shown = tmux.wait_for(host, "--name YOUR-NAME")
        pin = re.search(r"pin=(\d{6})", shown).group(1)
        stage = " ".join(line.split("▏")[0].strip() for line in shown.splitlines())  # the left column's text
        assert f"quiz join 127.0.0.1:{port} --pin {pin} --name YOUR-NAME" in stage, shown
        start(tmux, ana, str(tmp_path / "ana"), "join", f"127.0.0.1:{port}", "--pin", pin, "--name", "Ana")
        tmux.wait_for(ana, "You're in!")
        start(tmux, ben, str(tmp_path / "ben"), "join", f"127.0.0.1:{port}", "--pin", pin, "--name", "[b]Ben[/b]")
        tmux.wait_for(host, "Students (2 here)")
        assert "[b]Ben[/b]" in tmux.screen(host)  # markup in a name is shown, not obeyed
        tmux("send-keys", "-t", host, "s")
        tmux.wait_for(ana, "Get ready")
        shown = tmux.wait_for(ana, turn.question.prompt[:40])
        tmux.wait_for(ben, turn.question.prompt[:40])
        assert "1/1" in shown and turn.question.answers[0] in shown
        tmux("send-keys", "-t", ana, str(right + 1))
        tmux.wait_for(ana, "Answer sent")
        tmux.wait_for(host, "Answered: 1 of 2")
        tmux("send-keys", "-t", ben, str(wrong + 1))
        shown = tmux.wait_for(ana, "Right!")
        assert "1st of 2" in shown and f"The answer: {turn.question.answers[0]}" in shown
        shown = tmux.wait_for(ben, "Wrong")
        assert "2nd of 2" in shown
        shown = tmux.wait_for(host, "2 of 2 answered")
        assert "✔" in shown
        tmux("send-keys", "-t", host, "n")
        tmux.wait_for(ana, "Podium")
        tmux.wait_for(host, "Podium")
        tmux("send-keys", "-t", host, "q")
        tmux.wait_for(host, "EXITED-0")
        assert "The game is saved as game 1." in tmux.screen(host)
        tmux.wait_for(ana, "Thanks for playing")
        tmux("send-keys", "-t", ana, "C-q")
        tmux.wait_for(ana, "EXITED-0")
        with ScoreStore(tmp_path / "host-data" / "scores.sqlite3") as store:
            game = store.game(1)
        assert game is not None and game.mode == LIVE and game.participants == ("Ana", "[b]Ben[/b]")
        assert game.winners == ("Ana",) and [a.correct for a in game.answers] == [True, False]
    finally:
        tmux.close()


def _python_under(shell_pid: int) -> int:
    """The pid of the quiz process the pane's shell started (its child)."""
    for _ in range(50):
        for task in Path(f"/proc/{shell_pid}/task").iterdir():
            children = (task / "children").read_text().split()
            if children:
                return int(children[0])
        time.sleep(0.1)
    raise AssertionError("the pane's shell started no process")


def test_a_host_killed_mid_game_is_resumed_and_the_student_comes_back(tmp_path, tmux):
    tag = uuid.uuid4().hex[:6]
    host, again, ana = f"live-dead-{tag}", f"live-resumed-{tag}", f"live-back-{tag}"
    port = free_port()
    data = str(tmp_path / "host-data")
    try:
        start(
            tmux,
            host,
            data,
            "host",
            "--pack",
            str(PACK),
            "--questions",
            "2",
            "--seed",
            str(SEED),
            "--timer",
            "60",
            "--port",
            str(port),
            width=120,
        )
        pin = re.search(r"pin=(\d{6})", tmux.wait_for(host, "--name YOUR-NAME")).group(1)
        start(tmux, ana, str(tmp_path / "ana"), "join", f"127.0.0.1:{port}", "--pin", pin, "--name", "Ana")
        tmux.wait_for(host, "Students (1 here)")
        tmux("send-keys", "-t", host, "s")
        tmux.wait_for(ana, "Question 1/2")
        # The host's process dies (kill -9): no goodbye to anyone.
        shell = int(tmux("display", "-p", "-t", host, "#{pane_pid}").strip())
        os.kill(_python_under(shell), signal.SIGKILL)
        tmux.wait_for(ana, "reconnecting")
        start(tmux, again, data, "host", "--resume", "--pack", str(PACK), width=120)
        shown = tmux.wait_for(again, "Resumed")
        assert f"pin={pin}" in shown
        tmux.wait_for(again, "Students (1 here)")  # Ana's client came back by itself
        tmux("send-keys", "-t", again, "s")
        shown = tmux.wait_for(ana, "Question 1/2")  # the question that was open is asked again
        turn = Session.create(
            load_pack(PACK).questions, RoundSettings(questions=2, seed=SEED, mode=LIVE, players=("x",), timer=60)
        ).turns[0]
        tmux("send-keys", "-t", ana, str(turn.options.index(turn.question.answers[0]) + 1))
        tmux.wait_for(ana, "Right!")
        tmux("send-keys", "-t", again, "q")
        tmux.wait_for(again, "End the game now?")
        tmux("send-keys", "-t", again, "y")
        tmux.wait_for(again, "EXITED-0")
        with ScoreStore(tmp_path / "host-data" / "scores.sqlite3") as store:
            game = store.game(store.recent_games()[0].game_id)
        assert game is not None and game.participants == ("Ana",) and [a.correct for a in game.answers] == [True]
    finally:
        tmux.close()
