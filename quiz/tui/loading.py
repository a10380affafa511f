"""Finding the packs off the UI thread, so a big new pack never freezes the screen.

Discovery runs in a daemon thread of its own, not in a Textual thread worker:
Textual's workers run in asyncio's default executor, whose threads the app
waits for when it exits, and a first reading of a 100,000-question pack takes
half a minute. Quitting must not wait for it; a daemon thread simply stops
with the process (the pack cache writes whole entries or none, so nothing is
left half written).

The thread talks to the app only through messages, which Textual queues
safely from any thread; unlike ``call_from_thread`` they never make the
thread wait for the screen.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.message import Message

#: Reports of progress reach the screen at most this often (seconds).
REPORT_EVERY = 0.1

#: ``find(progress)`` returns the entries; ``progress(path, fraction)`` hears a first reading.
Finder = Callable[[Callable[[Path, float], None]], list[Any]]


class Stopped(BaseException):
    """Raised inside discovery to end it early; a BaseException, so no handler on the way catches it."""


class PacksReading(Message):
    """A file is being read for the first time: its name and the fraction done."""

    def __init__(self, loader: PackLoader, name: str, fraction: float) -> None:
        super().__init__()
        self.loader = loader
        self.name = name
        self.fraction = fraction


class PacksFound(Message):
    """Discovery is over; the loader holds the entries (or the error)."""

    def __init__(self, loader: PackLoader) -> None:
        super().__init__()
        self.loader = loader


class PackLoader:
    """One discovery, run once in the background, reporting to ``target``."""

    def __init__(self, target: Any, find: Finder, clock: Callable[[], float] = time.monotonic) -> None:
        self.target = target
        self.find = find
        self.clock = clock
        self.started = clock()
        self.entries: list[Any] | None = None
        self.error: str | None = None
        self._done = threading.Event()
        self._stop = threading.Event()
        self._last_report = float("-inf")
        self._thread = threading.Thread(target=self._run, name="quiz-pack-loader", daemon=True)

    @property
    def elapsed(self) -> float:
        return self.clock() - self.started

    def start(self) -> None:
        self.started = self.clock()
        self._thread.start()

    def stop(self) -> None:
        """Give up at the next report of progress: the app is closing and nobody will look."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> list[Any] | None:
        """The entries, waiting for them if need be; None if they are not in within ``timeout`` seconds."""
        if not self._done.wait(timeout):
            return None
        return self.entries or []

    # -- in the loader's thread ---------------------------------------------
    def _run(self) -> None:
        try:
            self.entries = list(self.find(self._progress))
        except Stopped:
            self.entries = []
        except Exception as exc:  # a bug in discovery: say so on screen, never a traceback
            self.entries = []
            self.error = f"The question packs could not be read: {exc}"
        finally:
            self._done.set()
            self._post(PacksFound(self))

    def _progress(self, path: Path, fraction: float) -> None:
        if self._stop.is_set():
            # Left to run, it would compete with the closing app for the interpreter.
            raise Stopped
        now = self.clock()
        if now - self._last_report < REPORT_EVERY:
            return  # the parser reports far more often than anyone can read
        self._last_report = now
        self._post(PacksReading(self, Path(path).name, fraction))

    def _post(self, message: Message) -> None:
        try:
            self.target.post_message(message)
        except RuntimeError:
            pass  # the app has closed its event loop: nobody is left to tell
