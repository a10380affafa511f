"""The real program in a real terminal: `quiz play` in tmux, answered with send-keys."""

from __future__ import annotations

import shutil
import sys
import uuid

import pytest
from conftest import FIXTURES, ROOT
from sessionkit import Driver
from tmuxkit import Tmux

from quiz.answers import normalize
from quiz.model import MULTI_SELECT, MULTIPLE_CHOICE, NUMERIC, TRUE_FALSE, TYPE_IN
from quiz.packcache import load_pack
from quiz.session import RoundSettings

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

TIMEOUT = 30.0


# One private tmux server for the tests of this file and those that import these two
# (tests/tmuxkit.py): it ends by itself with its last session.
tmux = Tmux()


def wait_for(session: str, text: str, timeout: float = TIMEOUT) -> str:
    """Poll the pane until ``text`` shows; fail with the screen if it never does."""
    return tmux.wait_for(session, text, timeout)


def test_play_a_round_in_tmux(tmp_path):
    session = f"quiz-e2e-{uuid.uuid4().hex[:8]}"
    pack = FIXTURES / "tui-pack.yaml"
    command = [
        sys.executable,
        "-m",
        "quiz",
        "--data-dir",
        str(tmp_path / "data"),
        "play",
        "--seed",
        "7",
        "--no-timer",
        "--questions",
        "5",
        "--pack",
        str(pack),
    ]
    # The shell keeps the pane open after the game ends, so its last screen can be read.
    shell = " ".join(f"'{part}'" for part in command) + "; echo GAME-OVER-$?; sleep 60"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(ROOT), shell)
    # The same seed and settings give the same round in this process, so the
    # test knows each question and its shuffled options, and the exact score.
    game = Driver.create(load_pack(pack).questions, RoundSettings(seed=7, timer=None, questions=5))
    try:
        for n in range(1, 6):
            screen = wait_for(session, f"Question {n}/5")
            q, options = game.session.turn.question, game.session.turn.options
            assert q.prompt[:40] in screen
            if q.type == MULTIPLE_CHOICE:
                keys, response = [str(options.index(q.answers[0]) + 1)], q.answers[0]
            elif q.type == TRUE_FALSE:
                truth = q.answers[0] == "true"
                keys, response = ["t" if truth else "f"], truth
            elif q.type in (TYPE_IN, NUMERIC):
                text = normalize(q.answers[-1])
                tmux("send-keys", "-t", session, "-l", text)
                keys, response = ["Enter"], text
            elif q.type == MULTI_SELECT:
                keys, response = ["1", "Enter"], (options[0],)
            else:  # ordering and matching: confirm the shuffled order as it is (wrong)
                keys, response = ["Enter"], options
            tmux("send-keys", "-t", session, *keys)
            game.answer(response, 0.0)
            game.advance()
            wait_for(session, "Press Enter for the")
            tmux("send-keys", "-t", session, "Enter")
        stats = game.session.players["Player"]
        screen = wait_for(session, "You scored")
        assert f"You scored {stats.points} points with {stats.correct} of 5 right." in screen
        assert stats.correct >= 3  # the round above mixes right and wrong answers
        tmux("send-keys", "-t", session, "C-q")
        wait_for(session, "GAME-OVER-0")
    finally:
        tmux.kill(session)


BIG_QUESTION = """\
  - id: q{n}
    category: teams
    type: multiple_choice
    difficulty: easy
    prompt: "Which team is number {n}?"
    choices: ["Team {n}", "Other {n}", "Third {n}"]
    answer: "Team {n}"
"""


def test_title_stays_live_while_a_big_new_pack_is_read(tmp_path):
    """A pack read for the first time: the title says how far, takes keys, and Q quits at once."""
    packs = tmp_path / "data" / "packs"
    packs.mkdir(parents=True)
    head = "pack:\n  id: big\n  title: Big pack\n  version: 1.0.0\n  language: en\nquestions:\n"
    # Big enough that the first reading takes seconds, not the moment the status line waits.
    (packs / "big.yaml").write_text(head + "".join(BIG_QUESTION.format(n=n) for n in range(30_000)), encoding="utf-8")
    session = f"quiz-e2e-{uuid.uuid4().hex[:8]}"
    command = [sys.executable, "-m", "quiz", "--data-dir", str(tmp_path / "data")]
    shell = " ".join(f"'{part}'" for part in command) + "; echo GAME-OVER-$?; sleep 60"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(ROOT), shell)
    try:
        wait_for(session, "Reading big.yaml for the first time…")
        tmux("send-keys", "-t", session, "s")
        wait_for(session, "Recent games", timeout=5)
        tmux("send-keys", "-t", session, "Escape")
        screen = wait_for(session, "Behind the Scenes Quiz", timeout=5)
        assert "Reading big.yaml for the first time…" in screen, screen  # still reading: keys did not wait for it
        tmux("send-keys", "-t", session, "q")
        screen = wait_for(session, "GAME-OVER-0", timeout=5)
        assert "Traceback" not in screen
    finally:
        tmux.kill(session)
