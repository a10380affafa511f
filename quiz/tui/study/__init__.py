"""Study mode on screen: spaced repetition for one learner (the schedule is ``quiz.study``'s)."""

from quiz.tui.study.app import StudyApp, study_screen
from quiz.tui.study.screen import StudyScreen

__all__ = ["StudyApp", "StudyScreen", "study_screen"]
