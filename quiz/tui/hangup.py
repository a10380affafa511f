"""Ending the game when its terminal closes or it is told to stop (SIGHUP, SIGTERM).

The game must end within a second, and leave the terminal as the shell needs it
when the terminal is still there. Letting the signals kill the process outright
would leave a living terminal in the alternate screen with the cursor hidden, so
the app is asked to exit, which restores the terminal, and a watchdog ends the
process if that has not happened in ``GRACE`` seconds.

Why the watchdog: once the terminal is gone, Textual's exit can block for ever.
Closing a terminal sends SIGHUP and then SIGCONT; Textual takes SIGCONT for the
end of a Ctrl+Z suspension and starts a second output thread, whose first write
fails and ends it; the exit then writes into that thread's bounded queue, and
after thirty writes waits for room that never comes. (The first output thread
meets the same failure.) So the app's exit is only the polite path:

- the signals are handled by Python handlers, which run even while the event
  loop is blocked, and start the watchdog before anything else;
- the terminal is watched for its hang-up too, so it ends the game even if
  SIGHUP is ignored (``nohup``) or the game is not the terminal's process;
- SIGCONT no longer restarts the terminal once the game is leaving or the
  terminal is gone.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import os
import select
import signal
import sys
import termios
import threading
import time
from collections.abc import Callable
from typing import Any

#: Seconds the app gets to exit by itself (and restore the terminal) before the process is ended.
GRACE = 0.5

# What a full-screen app turns on, turned off again: kitty keyboard protocol, mouse
# reporting, focus events, bracketed paste, the alternate screen; then the cursor is
# shown and line wrapping restored. Written only when the app could not exit in time.
RESTORE = "\x1b[<u\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1004l\x1b[?2004l\x1b[?1049l\x1b[?25h\x1b[?7h"


def handle_hangups(app: Any) -> None:
    """Make SIGHUP, SIGTERM and a closed terminal end ``app`` promptly; call from the app's on_mount."""
    if app.is_headless or threading.current_thread() is not threading.main_thread():
        return
    if not hasattr(signal, "SIGHUP"):
        return  # Windows: none of these signals
    stderr = sys.__stderr__  # where Textual draws
    try:
        fd = stderr.fileno() if stderr is not None else -1
    except (ValueError, OSError):
        fd = -1
    if fd < 0:
        return  # no standard error, or not a real file: no terminal to look after
    Hangups(app, asyncio.get_running_loop(), fd).install()


class Hangups:
    """The signal handlers, the terminal watcher and the watchdog for one running app."""

    def __init__(
        self, app: Any, loop: asyncio.AbstractEventLoop, fd: int, *, end: Callable[[int], Any] = os._exit
    ) -> None:
        self.app = app
        self.loop = loop
        self.fd = fd
        self._end = end
        self._once = threading.Lock()  # taken by the first stop; never waited on, so safe in a signal handler
        self._go = threading.Event()
        self._status = 0
        # The terminal's modes before the app changed them, to put back if the app cannot.
        driver = getattr(app, "_driver", None)
        self._modes = getattr(driver, "attrs_before", None)
        self._continue: Any = signal.SIG_DFL

    @property
    def stopping(self) -> bool:
        return self._once.locked()

    def install(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self._on_signal)
        self._continue = signal.getsignal(signal.SIGCONT)
        signal.signal(signal.SIGCONT, self._on_continue)
        # Started now, not when a signal comes: starting a thread inside a signal handler
        # could wait on a lock the interrupted code holds.
        threading.Thread(target=self._watchdog, name="quiz-hangup-watchdog", daemon=True).start()
        atexit.register(self._skip_teardown)
        if os.isatty(self.fd):
            threading.Thread(target=self._watch_terminal, name="quiz-hangup-watch", daemon=True).start()

    # -- the three ways in ----------------------------------------------------------
    def _on_signal(self, signum: int, frame: Any) -> None:
        self.stop(signum)

    def _on_continue(self, signum: int, frame: Any) -> None:
        # Textual resumes after Ctrl+Z on SIGCONT. A closing terminal sends one too:
        # restarting the screen then would start output that can only fail.
        if self.stopping or not terminal_alive(self.fd):
            return
        if callable(self._continue):
            self._continue(signum, frame)

    def _watch_terminal(self) -> None:
        poller = select.poll()
        poller.register(self.fd, 0)  # no events asked for: only a hang-up or an error wakes it
        while not poller.poll():
            pass
        self.stop(signal.SIGHUP)

    # -- leaving --------------------------------------------------------------------
    def stop(self, signum: int) -> None:
        """Ask the app to exit with the status of a process killed by ``signum``; end it after GRACE regardless."""
        if not self._once.acquire(blocking=False):
            return  # already on the way out; the watchdog sees to it
        self._status = 128 + int(signum)
        self._go.set()
        with contextlib.suppress(RuntimeError):  # the app has returned and its loop is closed: the watchdog ends it
            self.loop.call_soon_threadsafe(functools.partial(self.app.exit, return_code=self._status))

    def _watchdog(self) -> None:
        self._go.wait()
        if self.loop.is_running():
            time.sleep(GRACE)
        # Once the app has returned, Textual has restored the terminal itself.
        if self.loop.is_running():
            self.restore_terminal()
        self._end(self._status)

    def _skip_teardown(self) -> None:
        # Stopped by a signal, the app has exited and restored the terminal; all that is
        # left is the interpreter's teardown, which took 0.1-0.2 s, and over 0.5 s on a busy
        # machine. Nothing in it needs doing: the score store commits as it goes.
        if not self.stopping:
            return
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        self._end(self._status)

    def restore_terminal(self) -> None:
        """Put the terminal back as the shell needs it, if it is still there; never blocks."""
        if not terminal_alive(self.fd):
            return
        try:
            # A descriptor of its own, so being non-blocking does not leak into the shell's.
            out = os.open(os.ttyname(self.fd), os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
        except OSError:
            return
        try:
            with contextlib.suppress(OSError):
                os.write(out, RESTORE.encode())
            if self._modes is not None:
                with contextlib.suppress(termios.error, OSError):
                    termios.tcsetattr(out, termios.TCSANOW, self._modes)
        finally:
            os.close(out)


def terminal_alive(fd: int) -> bool:
    """The terminal on ``fd`` is still there: it has not hung up."""
    try:
        return os.isatty(fd) and not _hung_up(fd)
    except (OSError, ValueError):
        return False


def _hung_up(fd: int) -> bool:
    poller = select.poll()
    poller.register(fd, 0)
    return bool(poller.poll(0))
