"""A place in the standings as tables show it: '2', or '2=' when shared (the = says it without colour)."""

from __future__ import annotations

from quiz.session import Place
from quiz.session.scoreboard import place_text


def place_label(place: Place) -> str:
    return place_text(place.place, place.shared)
