"""Which screen shows a round: the presenter's own, or the round screen every other mode shares."""

from __future__ import annotations

from textual.screen import Screen

from quiz.session import GameResult, Session
from quiz.session.settings import PRESENTER


def round_screen_for(session: Session) -> Screen[GameResult | None]:
    if session.settings.mode == PRESENTER:
        from quiz.tui.present.screen import PresenterScreen

        return PresenterScreen(session)
    from quiz.tui.round.screen import RoundScreen

    return RoundScreen(session)
