"""Opening study mode: from the title (the app's ``action_study``) or straight from ``quiz study``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quiz.study import DEFAULT_LEARNER, Study
from quiz.tui import sheets
from quiz.tui.app import QuizApp
from quiz.tui.study.screen import StudyScreen


def study_screen(app: QuizApp) -> StudyScreen:
    """Study of the packs the setup screen has ticked, for the last round's player; the learner picks what."""

    def make() -> Study:
        from quiz.catalog import load_questions

        chosen = [e for i, e in enumerate(app.entries) if i in app.selected_packs and e.usable]
        players = app.settings.players
        learner = players[0] if len(players) == 1 and players[0].strip() else DEFAULT_LEARNER
        return Study(learner, load_questions(chosen), app.store)

    return StudyScreen(make, start=False)


class StudyApp(QuizApp):
    """``quiz study``: the app opened on a study session; leaving it shows the title, like after a round."""

    CSS_PATH = sheets.APP

    def __init__(self, study: Study, categories: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._study = study
        self._study_categories = tuple(categories)

    def on_mount(self) -> None:
        # QuizApp.on_mount runs as well (Textual calls each class's handler): it finds no packs to load.
        sheets.read_later(self)  # before the study screen, which needs the round's sheet
        self.push_screen(StudyScreen(lambda: self._study, self._study_categories), lambda _: self.show_title())
