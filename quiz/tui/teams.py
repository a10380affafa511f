"""How a team is told apart on screen: its name, a symbol and a colour (never the colour alone)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

#: One symbol per seat; each is a different shape, so they differ without colour too.
SYMBOLS = ("●", "■", "▲", "◆", "★", "✚")
#: Mid-tone colours that stay readable on the dark and the light themes alike.
COLOURS = ("#d7263d", "#1b6ec2", "#2e933c", "#c77d00", "#7b3fb5", "#008b8b")


def seat_of(team: str, teams: Sequence[str]) -> int:
    return list(teams).index(team) if team in teams else 0


def badge(team: str, teams: Sequence[str]) -> Content:
    """'● Red' in Red's colour, bold."""
    seat = seat_of(team, teams) % len(SYMBOLS)
    return Content.styled(f"{SYMBOLS[seat]} {team}", f"bold {COLOURS[seat]}")


def badge_text(team: str, teams: Sequence[str]) -> str:
    """The badge as plain text ('● Red')."""
    return f"{SYMBOLS[seat_of(team, teams) % len(SYMBOLS)]} {team}"
