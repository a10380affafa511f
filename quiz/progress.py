"""Progress of slow work, such as reading a big pack for the first time.

The core reports a fraction done (0.0 to 1.0) to a plain callable, so the
command line and the app can each show it their own way. Quick work reports
nothing worth showing: ``TerminalProgress`` waits half a second before it
writes anything at all.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

#: Called with the fraction of the work done so far.
Progress = Callable[[float], None]


def part(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A callback for one step of a larger job, mapping its 0..1 onto start..end of the whole."""
    if progress is None:
        return None
    span = end - start
    return lambda done: progress(start + span * min(max(done, 0.0), 1.0))


class TerminalProgress:
    """``Reading big.yaml… 45%`` on one line of standard error, redrawn in place.

    Nothing is written when the stream is not a terminal (scripts and pipes get
    clean output) or before ``delay`` seconds have passed (quick work stays
    silent). ``close()`` erases the line.
    """

    def __init__(self, label: str, stream: TextIO | None = None, delay: float = 0.5, every: float = 0.1) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.delay = delay
        self.every = every
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.width = 0
        try:
            self.live = self.stream.isatty()
        except (AttributeError, ValueError):
            self.live = False

    def __call__(self, done: float) -> None:
        if not self.live:
            return
        now = time.monotonic()
        if now - self.started < self.delay or now - self.shown_at < self.every:
            return
        self.shown_at = now
        text = f"{self.label}… {int(min(max(done, 0.0), 1.0) * 100)}%"
        self.width = max(self.width, len(text))
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()

    def close(self) -> None:
        if self.live and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
