"""The round on one screen: it renders the session's state and forwards the players' keys to it.

A key press goes key → this screen → the session → the state this screen
renders; the app is not on the way. The screen shows one of three views at a
time, by the session's phase: the hand-off (READY), the question (OPEN) or the
reveal (CLOSED). It dismisses with the game's record when the round is over,
or with None when the players leave it.

The clock is the session's. A dialog over this screen (help, the leave-round
question, the command palette) pauses the session and hides the question; the
time used before it stays used.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from quiz.qtypes import client_view
from quiz.session import Change, GameResult, Phase, RoundError, Session, Turn
from quiz.session.result import TEAM_MODES
from quiz.tui.answers import Answered
from quiz.tui.answers.base import LETTERS
from quiz.tui.round.handoff import HandoffView
from quiz.tui.round.question import QuestionView
from quiz.tui.round.reveal import RevealView, reveal_texts, verdict_class
from quiz.tui.widgets.keybar import KeyBar

#: Seconds between timer checks; the countdown redraws only when what it shows changes.
TICK = 0.1

_LETTER_KEYS = [
    Binding(key, f"letter({i})", show=False)
    for i, letter in enumerate(LETTERS)
    if letter not in "F"
    for key in (letter.lower(), letter)
]


class RoundScreen(Screen[GameResult | None]):
    IN_ROUND = True  # quitting from here asks first
    BINDINGS = [
        Binding("enter,space,n,N", "ready", "Ready"),
        Binding("enter,space,n,N", "next", "Next"),
        Binding("escape", "leave", "Leave round"),
        *[Binding(str(i + 1), f"number({i})", show=False) for i in range(8)],
        *_LETTER_KEYS,
        Binding("t,T", "truth(True)", show=False),
        Binding("f,F", "key_f", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._shown_turn: tuple[int, tuple[str, ...]] | None = None
        turn = session.turn
        self.question_view = QuestionView(
            client_view(turn.question, turn.options) if turn else {"type": "type_in", "prompt": ""},
            self._header(turn, turn.participants[0] if turn else ""),
            session.settings.timer,
        )
        self.reveal_view = RevealView()
        self.handoff_view = HandoffView()
        self._unwatch = session.watch(self._changed)

    # -- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield self.handoff_view
        yield self.question_view
        yield self.reveal_view
        yield KeyBar()

    def on_mount(self) -> None:
        if self.session.settings.timer:
            self.set_interval(TICK, self._tick)
        self.session.start()  # does nothing if it has started already
        self._render_phase()

    @property
    def HELP_SECTION(self) -> str:  # noqa: N802 - read by the help screen like the other screens' constant
        return "Answering" if self.session.phase is Phase.OPEN else "Between questions"

    def _practice_word(self) -> str:
        # Practice (reviewing mistakes) says so up front: no points are at stake.
        return "Practice" if self.session.settings.practice else "Question"

    def _header(self, turn: Turn | None, who: str) -> tuple[str, str, str]:
        if turn is None:
            return "", "", ""
        role = "Team" if self.session.settings.mode in TEAM_MODES else "Player"
        return f"{self._practice_word()} {turn.number}/{turn.of}", turn.question.category, f"{role}: {who}"

    # -- rendering the session's state ----------------------------------------------
    def _changed(self, change: Change) -> None:
        if change.kind in ("paused", "resumed"):
            self.question_view.set_class(change.kind == "paused", "-paused")
            return
        if change.kind == "answered":
            return  # the phase that follows says what to show
        if change.kind == "finished":
            self._unwatch()
            self.dismiss(None if self.session.abandoned else self.session.result())
            return
        if self.is_mounted:
            self._render_phase()

    def _render_phase(self) -> None:
        phase = self.session.phase
        self.handoff_view.display = phase is Phase.READY
        self.question_view.display = phase is Phase.OPEN
        self.reveal_view.display = phase in (Phase.CLOSED, Phase.STANDINGS)
        if phase is Phase.READY:
            self._show_handoff()
            self.set_focus(None)  # nothing to operate: Enter reaches the screen's "ready"
        elif phase is Phase.OPEN:
            self._show_question()
        elif phase is Phase.CLOSED:
            self._show_reveal()
            self.set_focus(self.reveal_view.query_one("#reveal-body"))  # arrows scroll a long reveal
        self.refresh_bindings()
        if self.is_mounted:
            self.query_one(KeyBar).refresh_keys()  # the keys of this phase

    def _show_handoff(self) -> None:
        session, turn = self.session, self.session.turn
        assert turn is not None
        self.handoff_view.show(session.group[0], turn.number, turn.of, session.ranking(), list(session.players))

    def _show_question(self) -> None:
        turn = self.session.turn
        assert turn is not None
        key = (turn.index, self.session.group)
        if key != self._shown_turn:
            if self._shown_turn is not None:
                view = client_view(turn.question, turn.options)
                self.question_view.show(view, self._header(turn, self.session.group[0]))
            self._shown_turn = key
        self.question_view.set_remaining(self.session.remaining())
        self.question_view.focus_answer()

    def _show_reveal(self) -> None:
        session, turn = self.session, self.session.turn
        assert turn is not None
        records = [session.answers[p] for p in turn.participants if p in session.answers]
        names = [r.player for r in records]
        q = turn.question
        who = names[0] if len(names) == 1 else ", ".join(names)
        header = f"{self._practice_word()} {turn.number}/{turn.of} · {q.category} · {who}"
        stats = [session.players[n] for n in names]
        texts = reveal_texts(header, records, stats, session.settings.practice, session.last_turn)
        self.reveal_view.show(texts, verdict_class(records))

    def _tick(self) -> None:
        if self.session.phase is not Phase.OPEN or self.session.paused:
            return
        self.session.tick()
        if self.session.phase is Phase.OPEN:
            self.question_view.set_remaining(self.session.remaining())

    # -- dialogs pause the round ---------------------------------------------------------
    def on_screen_suspend(self) -> None:
        self.session.pause()

    def on_screen_resume(self) -> None:
        self.session.resume()

    # -- input -----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.session.phase
        if action == "ready":
            return phase is Phase.READY
        if action == "next":
            return phase in (Phase.CLOSED, Phase.STANDINGS)
        return True

    @on(Answered)
    def _answered(self, event: Answered) -> None:
        event.stop()
        if self.session.phase is not Phase.OPEN or not self.question_view.ready:
            return
        try:
            self.session.answer(event.response)
        except RoundError:
            pass  # the question closed meanwhile (the timer ran out): the session said so already

    def _answer_keys(self) -> bool:
        return self.session.phase is Phase.OPEN and self.question_view.ready and not self.session.paused

    def action_number(self, index: int) -> None:
        if self._answer_keys():
            self.question_view.answers.number(index)

    def action_letter(self, index: int) -> None:
        if self._answer_keys():
            self.question_view.answers.letter(index)

    def action_truth(self, value: bool) -> None:
        if self._answer_keys():
            self.question_view.answers.truth(value)

    def action_key_f(self) -> None:
        if self._answer_keys() and not self.question_view.answers.truth(False):
            self.question_view.answers.letter(LETTERS.index("F"))

    def action_ready(self) -> None:
        self.session.ready()

    def action_next(self) -> None:
        self.session.next()

    def action_leave(self) -> None:
        from quiz.tui.modals.confirm import ConfirmModal

        def leave(yes: bool | None) -> None:
            if yes:
                self.session.abandon()

        self.app.push_screen(ConfirmModal("Leave this round? It will not be saved.", yes="Leave", no="Keep playing"), leave)
