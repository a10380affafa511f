"""A round of the quiz, with no user interface: settings, drawing questions, the mode's rules,
the session that runs it (phases, clock, deadlines) and the record it leaves.

Every front end (the terminal game, a projector, a live room's server) runs rounds
through :class:`Session`; nothing here imports Textual.
"""

from quiz.session.draw import eligible, pick_questions, present_options
from quiz.session.modes import Mode, rules_for
from quiz.session.result import AnswerRow, GameResult, Standing
from quiz.session.scoreboard import AnswerRecord, Place, PlayerStats, Scoreboard, tied
from quiz.session.session import Change, Clock, Phase, Session
from quiz.session.settings import (
    HOTSEAT,
    LIVE,
    MODES,
    QUESTION_COUNTS,
    SOLO,
    TEAMS,
    TIMER_CHOICES,
    RoundError,
    RoundSettings,
)
from quiz.session.turn import Turn

__all__ = [
    "AnswerRecord",
    "AnswerRow",
    "Change",
    "Clock",
    "GameResult",
    "HOTSEAT",
    "LIVE",
    "MODES",
    "Mode",
    "Phase",
    "Place",
    "PlayerStats",
    "QUESTION_COUNTS",
    "RoundError",
    "RoundSettings",
    "SOLO",
    "Scoreboard",
    "Session",
    "Standing",
    "TEAMS",
    "TIMER_CHOICES",
    "Turn",
    "eligible",
    "pick_questions",
    "present_options",
    "rules_for",
    "tied",
]
