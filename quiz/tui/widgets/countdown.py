"""The question timer drawn as a bar with the seconds left in words."""

from __future__ import annotations

import math

from textual.reactive import reactive
from textual.widget import Widget

LOW = 5.0  # seconds left when the bar turns to the warning colour


class Countdown(Widget):
    total: reactive[float] = reactive(20.0)
    remaining: reactive[float] = reactive(20.0)

    def __init__(self, total: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.total = total
        self.remaining = total

    def watch_remaining(self, remaining: float) -> None:
        self.set_class(remaining <= LOW, "-low")

    def render(self) -> str:
        seconds = max(0, math.ceil(self.remaining))
        label = f" {seconds:>2} s left"
        width = max(1, self.size.width - len(label) - 1)
        share = 0.0 if self.total <= 0 else max(0.0, min(1.0, self.remaining / self.total))
        filled = round(width * share)
        return "█" * filled + "░" * (width - filled) + " " + label
