"""Study mode on one screen: the overview, a question, and what the answer did.

The queue of questions is the core's (``quiz.study.StudySession``): it changes as
the learner answers, which a round's fixed list of turns cannot do. The
question and the reveal are the round's own views (``quiz.tui.round``) and the
answer widgets the round's (``quiz.tui.answers``), built from the question's
client view; the number, letter and T/F keys mean here what they mean there.

Every answer is saved as it is given, so leaving (Escape) never loses anything
and asks nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from quiz.qtypes import client_view
from quiz.scoring import Points
from quiz.session import AnswerRecord
from quiz.study import ALL, Outcome, Study, StudyError, StudySession, check_learner
from quiz.tui import sheets
from quiz.tui.answers import Answered
from quiz.tui.round.keys import ANSWER_BINDINGS, AnswerKeys
from quiz.tui.round.question import QuestionView
from quiz.tui.round.reveal import RevealView, reveal_texts, verdict_class
from quiz.tui.study.overview import OverviewView, StudyChoices
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.packstatus import PackStatus

#: Seconds between looks at whether the packs are in (opened from the title while they load).
WAIT_TICK = 0.1

OVERVIEW, QUESTION, REVEAL = "overview", "question", "reveal"


class StudyScreen(AnswerKeys, Screen[None]):
    """Dismisses (with None) when the learner leaves the overview."""

    HELP_SECTION = "Study mode"
    CSS_PATH = sheets.ROUND  # the round's question and reveal views
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Study"),
        Binding("enter,space,n,N", "next", "Next"),
        Binding("escape", "stop", "Stop studying"),
        Binding("escape", "back", "Back"),
        *ANSWER_BINDINGS,
    ]

    def __init__(self, make_study: Callable[[], Study], categories: Sequence[str] = (), start: bool = True) -> None:
        super().__init__()
        self.make_study = make_study
        self.categories = tuple(categories)
        self.start_at_once = start
        self.study: Study | None = None
        self.session: StudySession | None = None
        self.note = ""
        self._problem_said = False
        #: The overview highlights what was just studied (once, so it never fights the arrows).
        self._select_studied = False
        self.question_view = QuestionView({"type": "multiple_choice", "prompt": "", "options": []}, ("", "", ""), None)
        self.reveal_view = RevealView()
        self.overview = OverviewView("")

    def compose(self) -> ComposeResult:
        yield self.overview
        yield self.question_view
        yield self.reveal_view
        yield PackStatus(id="pack-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.question_view.display = self.reveal_view.display = False
        if getattr(self.app, "loading_packs", False):
            # Opened from the title while the packs are still being found: say so, and start once they are in.
            self.overview.display = False
            self.query_one(PackStatus).show("Loading packs…")
            self._waiting = self.set_interval(WAIT_TICK, self._packs_in)
            return
        self._ready()

    def _packs_in(self) -> None:
        if getattr(self.app, "loading_packs", False):
            self.query_one(PackStatus).show(getattr(self.app, "pack_status", lambda: None)() or "Loading packs…")
            return
        self._waiting.stop()
        self.query_one(PackStatus).show(None)
        self._ready()

    def _ready(self) -> None:
        self.study = self.make_study()
        self.query_one("#learner", Input).value = self.study.learner
        self._say_problem()
        if self.start_at_once:
            self.begin(self.categories)
        else:
            self.note = "Choose what to study."
            self._show_phase()

    # -- what shows -----------------------------------------------------------------
    @property
    def phase(self) -> str:
        s = self.session
        if s is None or s.finished:
            return OVERVIEW
        return QUESTION if s.outcome is None else REVEAL

    def _show_phase(self) -> None:
        phase = self.phase
        self.overview.display = phase == OVERVIEW and self.study is not None
        self.question_view.display = phase == QUESTION
        self.reveal_view.display = phase == REVEAL
        if phase == OVERVIEW:
            self._show_overview()
        elif phase == QUESTION:
            self._show_question()
        else:
            self._show_reveal()
            self.set_focus(self.reveal_view.query_one("#reveal-body"))  # arrows scroll a long reveal
        self.refresh_bindings()
        self.query_one(KeyBar).refresh_keys()

    def _show_overview(self) -> None:
        study = self.study
        if study is None:
            return
        rows = study.progress()
        select = None
        if self._select_studied:
            self._select_studied = False
            select = self.categories[0] if len(self.categories) == 1 else ALL
        self.overview.show(self.note, rows, rows[-1].boxes_text(), select)
        if not isinstance(self.focused, Input):
            self.query_one(StudyChoices).focus()

    def _header(self, session: StudySession) -> tuple[str, str, str]:
        item = session.current
        assert item is not None
        box = f"box {item.box}" if item.box else "new question"
        return f"Study · {session.remaining} more to go", item.question.category, f"{session.learner} · {box}"

    def _show_question(self) -> None:
        session = self.session
        assert session is not None and session.current is not None
        item = session.current
        self.question_view.show(client_view(item.question, item.options), self._header(session))
        self.question_view.focus_answer()

    def _show_reveal(self) -> None:
        session, outcome = self.session, self.session.outcome if self.session else None
        assert session is not None and outcome is not None and self.study is not None
        q = outcome.item.question
        record = AnswerRecord(
            q, session.learner, outcome.response, outcome.response_text, outcome.correct, None, Points()
        )
        last = session.remaining == 0 and outcome.correct
        texts = reveal_texts(f"Study · {q.category} · {session.learner}", q, [record], [], True, last)
        texts["points"] = outcome.words(self.study.today())
        t = session.tally
        texts["running-total"] = f"This session: {t.right} right, {t.wrong} wrong · {session.remaining} more to go"
        texts["next-hint"] = "Press Enter to see your progress." if last else "Press Enter for the next question."
        self.reveal_view.show(texts, verdict_class([record]))

    def _say_problem(self) -> None:
        """Once: progress is not being kept (the study goes on in memory)."""
        problem = getattr(self.study.store, "problem", None) if self.study is not None else None
        if problem and not self._problem_said:
            self._problem_said = True
            self.notify(problem, title="Study progress", severity="warning", timeout=8)

    # -- the flow -----------------------------------------------------------------------
    def begin(self, categories: Sequence[str]) -> None:
        """A session of what is due in ``categories`` (all when empty), or the overview saying why there is none."""
        study = self.study
        if study is None:
            return
        self.categories = tuple(categories)
        self.session = study.session(self.categories)
        if self.session.finished:
            self.note = study.nothing_due(self.categories)
            self._select_studied = True
        self._show_phase()

    def _session_over(self) -> None:
        session = self.session
        if session is not None:
            self.note = session.summary()
            study = self.study
            if study is not None and not session.stopped and not study.progress(self.categories)[-1].to_study:
                self.note += " " + study.nothing_due(self.categories)  # and when to come back
        self._select_studied = True
        self._show_phase()

    @on(Answered)
    def _answered(self, event: Answered) -> None:
        event.stop()
        if self.phase != QUESTION or not self.question_view.ready or self.session is None:
            return
        outcome: Outcome = self.session.answer(event.response)
        if not outcome.saved:
            self._say_problem()
        self._show_phase()

    @on(StudyChoices.Chosen)
    def _chosen(self, event: StudyChoices.Chosen) -> None:
        event.stop()
        self.begin(event.categories)

    @on(Input.Changed, "#learner")
    def _learner_changed(self, event: Input.Changed) -> None:
        study = self.study
        if study is None or event.value.strip() == study.learner:
            return
        try:
            name = check_learner(event.value)
        except StudyError:
            self.note = "Type the learner's name: each learner has their own boxes."
            self.overview.say(self.note)
            return
        self.study = Study(name, study.questions, study.store, today=study.today)
        self.session = None
        self.note = f"Studying as {name}."
        self._show_phase()

    @on(Input.Submitted, "#learner")
    def _learner_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.phase
        if action in ("start", "back"):
            return phase == OVERVIEW
        if action == "next":
            return phase == REVEAL
        if action == "stop":
            return phase != OVERVIEW
        if action in ("number", "letter", "truth", "key_f"):
            return phase == QUESTION
        return True

    def action_start(self) -> None:
        if self.phase != OVERVIEW or self.study is None:
            return
        if not self.study.learner or not self.query_one("#learner", Input).value.strip():
            self.notify("Type the learner's name first.", severity="warning")
            return
        categories = self.query_one(StudyChoices).chosen_categories()
        self.begin(categories if categories is not None else self.categories)

    def action_next(self) -> None:
        if self.session is None or self.phase != REVEAL:
            return
        self.session.next()
        if self.session.finished:
            self._session_over()
        else:
            self._show_phase()

    def action_stop(self) -> None:
        if self.session is not None and not self.session.finished:
            self.session.stop()
        self._session_over()

    def action_back(self) -> None:
        self.dismiss(None)

    def answer_keys_live(self) -> bool:
        return self.phase == QUESTION and self.question_view.ready
