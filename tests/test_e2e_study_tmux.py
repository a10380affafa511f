"""`quiz study` in a real terminal: a question answered with send-keys, then --progress shows it was kept."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid

import pytest
from conftest import FIXTURES, ROOT
from test_e2e_tmux import tmux, wait_for

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_study_in_tmux_then_progress(tmp_path):
    session = f"quiz-e2e-{uuid.uuid4().hex[:8]}"
    base = [
        sys.executable,
        "-m",
        "quiz",
        "--data-dir",
        str(tmp_path / "data"),
        "study",
        "--pack",
        str(FIXTURES / "tui-pack.yaml"),
        "--learner",
        "Ana",
        "--category",
        "producers",
    ]
    shell = " ".join(f"'{part}'" for part in base) + "; echo STUDY-OVER-$?; sleep 60"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(ROOT), shell)
    try:
        screen = wait_for(session, "Ana · new question")
        assert "Study · 2 more to go" in screen and "producers" in screen
        if "Type your answer" in screen:
            tmux("send-keys", "-t", session, "-l", "nobody")
            tmux("send-keys", "-t", session, "Enter")
        else:
            tmux("send-keys", "-t", session, "1")
        screen = wait_for(session, "This session: ")
        assert "now in box" in screen and "Source: " in screen
        tmux("send-keys", "-t", session, "Escape")  # stop: the answer is already saved
        screen = wait_for(session, "Stopped after 1 answer")
        assert "producers" in screen and "known · " in screen
        tmux("send-keys", "-t", session, "Escape")
        wait_for(session, "Behind the Scenes Quiz")
        tmux("send-keys", "-t", session, "q")
        assert "Traceback" not in wait_for(session, "STUDY-OVER-0")
    finally:
        tmux.kill(session)
    out = subprocess.run([*base, "--progress"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    row = next(line for line in out.splitlines() if line.startswith("producers"))
    assert row.split()[-2:] in (["2", "0"], ["2", "1"])  # 2 new; 1 due now only if it was missed
    assert "Study progress of Ana (tui: 3 questions)" in out
