"""What a round is made of: its settings, as data that can be stored and read back."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any

SOLO, HOTSEAT, TEAMS, BUZZER, PRESENTER, LIVE = "solo", "hotseat", "teams", "buzzer", "presenter", "live"
#: Every mode a round can be played in (``quiz.session.modes`` has the rules of each).
MODES = (SOLO, HOTSEAT, TEAMS, BUZZER, PRESENTER, LIVE)
#: Each mode's name in words, for tables and messages.
MODE_TITLES = {
    SOLO: "Solo",
    HOTSEAT: "Hot-seat",
    TEAMS: "Teams",
    BUZZER: "Buzzer",
    PRESENTER: "Presenter",
    LIVE: "Live room",
}
QUESTION_COUNTS = (5, 10, 20)
TIMER_CHOICES = (None, 10, 20, 30, 60)
#: Players sharing one keyboard (hot-seat).
MAX_PLAYERS = 8
#: Teams crowding round one laptop (teams, buzzer, presenter).
MAX_TEAMS = 6
#: Students in a live room.
MAX_LIVE = 2000
#: Longest name of a player or team: tables stay readable at 80 columns.
MAX_NAME = 20
#: Participants each mode admits: (fewest, most).
PARTICIPANTS = {
    SOLO: (1, 1),
    HOTSEAT: (2, MAX_PLAYERS),
    TEAMS: (2, MAX_TEAMS),
    BUZZER: (2, MAX_TEAMS),
    PRESENTER: (0, MAX_TEAMS),
    LIVE: (1, MAX_LIVE),
}


class RoundError(ValueError):
    """The settings cannot make a round (too few questions, bad player list...)."""


@dataclass(frozen=True)
class RoundSettings:
    #: Categories to draw from; empty means all.
    categories: tuple[str, ...] = ()
    #: Questions per player (per round in modes where everyone answers the same questions).
    questions: int = 10
    #: "easy", "medium", "hard", or None for any.
    difficulty: str | None = None
    #: Question types to draw from; empty means all.
    types: tuple[str, ...] = ()
    #: Seconds per question, or None for no timer.
    timer: float | None = 20
    #: Same seed and settings, same round.
    seed: int | None = None
    mode: str = SOLO
    #: Players or teams, in seat order.
    players: tuple[str, ...] = ("Player",)
    #: Practice rounds (reviewing mistakes) score no points and are not saved.
    practice: bool = False
    #: Buzzer rounds: each team's buzzer key, in the order of the teams.
    keys: tuple[str, ...] = ()

    def check(self) -> None:
        """Raise RoundError with a reason a player understands if these settings cannot make a round."""
        if self.mode not in MODES:
            raise RoundError(f"unknown mode {self.mode!r}; choose one of {', '.join(MODES)}")
        if self.questions < 1:
            raise RoundError("a round needs at least one question")
        if self.timer is not None and not (math.isfinite(self.timer) and self.timer > 0):
            raise RoundError("the timer must be a positive number of seconds, or off")
        names = [p.strip() for p in self.players]
        fewest, most = PARTICIPANTS[self.mode]
        if any(not n for n in names) or (not names and fewest > 0 and self.mode != LIVE):
            raise RoundError("every player needs a name")
        for name in names:
            if len(name) > MAX_NAME:
                raise RoundError(f"the name {name[:MAX_NAME]}… is too long; use at most {MAX_NAME} characters")
        seen: dict[str, str] = {}
        for name in names:
            if name.casefold() in seen:
                raise RoundError(f"two players have the same name ({seen[name.casefold()]}); give each their own")
            seen[name.casefold()] = name
        who = "teams" if self.mode in (TEAMS, BUZZER, PRESENTER) else "players"
        if self.mode == SOLO and len(names) != 1:
            raise RoundError("solo is for one player; use hot-seat for more")
        if len(names) > most:
            raise RoundError(f"at most {most} {who}")
        if len(names) < fewest:
            raise RoundError(f"{MODE_TITLES[self.mode].lower()} needs {fewest} to {most} {who}")

    # -- as data ------------------------------------------------------------------
    def to_data(self) -> dict[str, Any]:
        """The settings as JSON-ready data (lists for tuples)."""
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> RoundSettings:
        """Settings read back from ``to_data``; unknown keys (from a newer version) are ignored."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known}
        return cls(**values)
