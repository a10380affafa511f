"""The keys the terminal game answers with, and the buzzer keys teams may use instead.

Kept out of the UI so that ``quiz play --buzzer-keys`` can be checked (with a
clear message) before the UI is loaded, and the setup screen checks the same.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Keys an answer or a move already uses on the question screen.
ANSWER_KEYS = frozenset("12345678abcdefghtfnjk")
#: Buzzer keys, in the order teams get them: the corners of the keyboard first, so teams
#: crowding round one laptop each have a key at their own side.
DEFAULT_BUZZER_KEYS = ("q", "p", "z", "m", "v", "y")


class KeysError(ValueError):
    """Buzzer keys that cannot be used, with the reason."""


def buzzer_keys(text: str | None, teams: int) -> tuple[str, ...]:
    """The buzzer keys for ``teams`` teams: from ``text`` ("x,m,p") or the defaults; raises KeysError."""
    if text is None or not text.strip(" ,"):
        if teams > len(DEFAULT_BUZZER_KEYS):
            raise KeysError(f"there are buzzer keys for at most {len(DEFAULT_BUZZER_KEYS)} teams")
        return DEFAULT_BUZZER_KEYS[:teams]
    keys = tuple(k.strip().lower() for k in text.split(",") if k.strip())
    check_buzzer_keys(keys, teams)
    return keys


def check_buzzer_keys(keys: Sequence[str], teams: int) -> None:
    """Raise KeysError unless ``keys`` are one free letter or digit per team."""
    if len(keys) != teams:
        raise KeysError(f"give one buzzer key per team: {teams} teams, {len(keys)} keys")
    for key in keys:
        if len(key) != 1 or not key.isalnum() or not key.isascii():
            raise KeysError(f"a buzzer key is one letter or digit, not {key!r}")
        if key in ANSWER_KEYS:
            raise KeysError(
                f"the buzzer key {key!r} also answers questions; choose keys other than 1–8, A–H, T, F, N, J and K"
            )
    if len(set(keys)) != len(keys):
        raise KeysError("two teams have the same buzzer key; give each its own")
