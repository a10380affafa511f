"""What the host's and the students' screens share: text from the room shown as text, places in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.content import Content


def plain(text: object) -> Content:
    """Text from the room (a name, a prompt) exactly as written: markup in it is shown, not obeyed."""
    return Content("" if text is None else str(text))


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def place_text(you: Mapping[str, Any] | None) -> str:
    if not you or not you.get("place"):
        return ""
    shared = " (shared)" if you.get("shared") else ""
    return f"{ordinal(int(you['place']))}{shared} of {you.get('of', '?')}"


def board(rows: Sequence[Mapping[str, Any]] | None) -> Content:
    """A leaderboard or podium, one line per place; names as plain text."""
    if not rows:
        return Content("")
    lines: list[Content] = []
    for row in rows:
        mark = "=" if row.get("shared") else " "
        lines.append(
            Content.assemble(
                (f"{ordinal(int(row['place'])):>5}{mark} ", "bold"),
                plain(row.get("name", "")),
                f"  {row.get('points', 0)} points",
            )
        )
    return Content("\n").join(lines)
