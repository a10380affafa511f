"""Real terminals for end-to-end tests: a private tmux server per test, and calls that cannot hang.

Each test gets its own server (``tmux -L``), so it never shares state with
another test's sessions or with the tmux of the person running the tests, and
the whole server goes at the end. Every tmux call has a time limit: a call
that hangs (seen once in CI, and once here, while a client exited under load)
is retried by the waits below instead of stalling the run.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import time
import uuid

CALL_TIMEOUT = 10.0


class Tmux:
    def __init__(self) -> None:
        self.socket = f"quiz-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        atexit.register(self.close)  # a server shared by a module goes when the run ends

    def __call__(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            stdin=subprocess.DEVNULL,
            timeout=CALL_TIMEOUT,
        ).stdout

    def screen(self, session: str) -> str:
        """What the pane shows now; empty if tmux did not answer in time."""
        try:
            return self("capture-pane", "-p", "-t", session)
        except subprocess.TimeoutExpired:
            return ""

    def wait_for(self, session: str, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen(session)
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared in {session}; the screen was:\n{shown}")

    def kill(self, session: str) -> None:
        """End one session (and the server with its last session), whatever state it is in."""
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-session", "-t", session],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
            timeout=CALL_TIMEOUT,
        )

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
            timeout=CALL_TIMEOUT,
        )
        # tmux leaves its socket file behind; where it puts it is tmux's documented default.
        folder = os.path.join(os.environ.get("TMUX_TMPDIR") or "/tmp", f"tmux-{os.getuid()}")
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(folder, self.socket))
