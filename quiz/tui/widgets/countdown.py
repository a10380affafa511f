"""The question timer drawn as a bar with the seconds left in words."""

from __future__ import annotations

import math

from textual.reactive import reactive
from textual.widget import Widget

LOW = 5.0  # seconds left when the bar turns to the warning colour


class Countdown(Widget):
    # Not repainted on every change: the question screen sets `remaining` ten times a
    # second, and the widget redraws only when the seconds shown or the bar's length change.
    total: reactive[float] = reactive(20.0, repaint=False)
    remaining: reactive[float] = reactive(20.0, repaint=False)
    _drawn: tuple[int, int, int] | None = None

    def __init__(self, total: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.total = total
        self.remaining = total

    def watch_remaining(self, remaining: float) -> None:
        self.set_class(remaining <= LOW, "-low")
        if self._shown() != self._drawn:
            self.refresh()

    def watch_total(self) -> None:
        self.refresh()

    def _label(self) -> str:
        return f" {max(0, math.ceil(self.remaining)):>2} s left"

    def _shown(self) -> tuple[int, int, int]:
        """What the bar shows: the seconds left, its filled cells and its width."""
        width = max(1, self.size.width - len(self._label()) - 1)
        share = 0.0 if self.total <= 0 else max(0.0, min(1.0, self.remaining / self.total))
        return max(0, math.ceil(self.remaining)), round(width * share), width

    def render(self) -> str:
        _, filled, width = self._drawn = self._shown()
        return "█" * filled + "░" * (width - filled) + " " + self._label()
