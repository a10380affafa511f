"""Kahoot-style points: speed matters, but never below half marks for a right answer."""

from __future__ import annotations

import math
from dataclasses import dataclass

FULL = 1000
#: Answers this fast (seconds) score the full 1000.
INSTANT = 0.5
STREAK_STEP = 100
STREAK_CAP = 500


@dataclass(frozen=True)
class Points:
    """Points for one answer, split the way the reveal screen explains them."""

    base: int = 0  # 500 for any right answer on a timer, 1000 without one
    speed: int = 0  # 0..500, for answering early on a timer
    streak: int = 0  # bonus for the 2nd, 3rd... right answer in a row

    @property
    def total(self) -> int:
        return self.base + self.speed + self.streak


def time_points(elapsed: float, timer: float | None) -> int:
    """round(1000 × (1 − (t/T)/2)); the full 1000 within 0.5 s or with no timer.

    Halves round up, the way players expect: Python's round() sends 962.5 to 962
    but 987.5 to 988, which would make equal gaps in time score unequal gaps.
    """
    if not timer:
        return FULL
    t = float(elapsed)
    if math.isnan(t):
        # A clock glitch must not earn the full 1000: treat it as answering at the buzzer.
        t = float(timer)
    t = max(0.0, min(t, float(timer)))
    if t <= INSTANT:
        return FULL
    exact = FULL - FULL * t / (2 * float(timer))
    # The small nudge keeps an exact half (e.g. 962.5 computed as 962.4999…) rounding up.
    return math.floor(exact + 0.5 + 1e-9)


def streak_bonus(streak: int) -> int:
    """Bonus for the ``streak``-th right answer in a row: +100 for the 2nd, +200 for the 3rd... at most +500."""
    if streak < 2:
        return 0
    return min(STREAK_STEP * (streak - 1), STREAK_CAP)


def score_answer(correct: bool, elapsed: float | None, timer: float | None, streak: int) -> Points:
    """Points for an answer; ``streak`` counts right answers in a row including this one."""
    if not correct:
        return Points()
    bonus = streak_bonus(streak)
    if not timer:
        return Points(base=FULL, speed=0, streak=bonus)
    total = time_points(elapsed if elapsed is not None else timer, timer)
    half = FULL // 2
    return Points(base=half, speed=total - half, streak=bonus)
