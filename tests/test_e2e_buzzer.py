"""A buzzer game in a real terminal: `quiz play --mode buzzer` in tmux, teams buzzing with their keys."""

from __future__ import annotations

import shutil
import sys
import uuid

import pytest
from conftest import FIXTURES, ROOT
from test_e2e_tmux import tmux, wait_for

from quiz.packcache import load_pack
from quiz.session import RoundSettings, Session

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_a_buzzer_game_in_tmux(tmp_path):
    session = f"quiz-buzz-{uuid.uuid4().hex[:8]}"
    pack = FIXTURES / "tui-pack.yaml"
    command = [
        sys.executable,
        "-m",
        "quiz",
        "--data-dir",
        str(tmp_path / "data"),
        "play",
        "--mode",
        "buzzer",
        "--teams",
        "Red,Blue,Green",
        "--buzzer-keys",
        "x,m,p",
        "--seed",
        "7",
        "--no-timer",
        "--questions",
        "2",
        "--type",
        "multiple_choice",
        "--pack",
        str(pack),
    ]
    shell = " ".join(f"'{part}'" for part in command) + "; echo GAME-OVER-$?; sleep 60"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(ROOT), shell)
    # The same seed and settings give the same round here, so the test knows each question's options.
    settings = RoundSettings(
        mode="buzzer",
        players=("Red", "Blue", "Green"),
        keys=("x", "m", "p"),
        seed=7,
        timer=None,
        questions=2,
        types=("multiple_choice",),
    )
    mirror = Session.create(load_pack(pack).questions, settings)
    try:
        for _n, turn in enumerate(mirror.turns):
            q = turn.question
            right = str(turn.options.index(q.answers[0]) + 1)
            wrong = str(next(i for i, o in enumerate(turn.options) if o != q.answers[0]) + 1)
            screen = wait_for(session, "Buzz to answer:")
            assert q.prompt[:40] in screen and "● Red" in screen and "■ Blue" in screen and "▲ Green" in screen
            tmux("send-keys", "-t", session, "m")  # Blue buzzes first
            wait_for(session, "■ Blue has the question")
            tmux("send-keys", "-t", session, "x")  # Red is locked out: nothing happens
            tmux("send-keys", "-t", session, wrong)
            screen = wait_for(session, "✘ Blue (had a go)")
            tmux("send-keys", "-t", session, "p")
            wait_for(session, "▲ Green has the question")
            tmux("send-keys", "-t", session, right)
            screen = wait_for(session, "✔ Right: Green")
            assert f"Correct answer: {q.answers[0]}" in screen
            tmux("send-keys", "-t", session, "Enter")
        screen = wait_for(session, "Green wins with 2100 points!")
        tmux("send-keys", "-t", session, "C-q")
        wait_for(session, "GAME-OVER-0")
    finally:
        tmux.kill(session)
