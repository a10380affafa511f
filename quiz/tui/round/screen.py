"""The round on one screen: it renders the session's state and forwards the players' keys to it.

A key press goes key → this screen → the session → the state this screen
renders; the app is not on the way. The screen shows one of three views, by
the session's phase: the hand-off (READY), the question (OPEN) or the reveal
(CLOSED). It dismisses with the game's record when the round is over, or with
None when the players leave it.

The question view never leaves the screen: the hand-off and the reveal are
drawn over it, on a layer of their own, and its answer widget keeps the
keyboard focus between questions. Hiding the question and showing it again
made Textual lay out, resize and restyle all of its widgets on every question
(in ``bench/response.py`` the next question took about 23 ms at the median
instead of 17). While a view covers the question, Enter and Space are the
screen's, and so are the arrows on the reveal, which they scroll.

The clock is the session's. A dialog over this screen (help, the leave-round
question, the command palette) pauses the session and hides the question; the
time used before it stays used.
"""

from __future__ import annotations

import math

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.screen import Screen

from quiz.qtypes import client_view
from quiz.session import Change, GameResult, Phase, RoundError, Session, Turn
from quiz.session.result import TEAM_MODES
from quiz.tui import sheets
from quiz.tui.answers import Answered
from quiz.tui.round.handoff import HandoffView
from quiz.tui.round.keys import ANSWER_BINDINGS, AnswerKeys
from quiz.tui.round.question import QuestionView
from quiz.tui.round.reveal import RevealView, reveal_texts, verdict_class
from quiz.tui.teams import badge
from quiz.tui.widgets.keybar import KeyBar

#: Seconds between timer checks; the countdown redraws only when what it shows changes.
TICK = 0.1


class RoundScreen(AnswerKeys, Screen[GameResult | None]):
    CSS_PATH = sheets.ROUND
    IN_ROUND = True  # quitting from here asks first
    BINDINGS = [
        # Priority: they reach the screen although the covered answer widget keeps the focus between
        # questions (moving the focus restyles widgets, a few ms a move). Outside their phases they are
        # off (check_action), and the key goes on to the focused widget.
        Binding("enter,space,n,N", "ready", "Ready", priority=True),
        Binding("enter,space,n,N", "next", "Next", priority=True),
        Binding("f2", "skip", "Skip"),
        Binding("escape", "leave", "Leave round"),
        # On the reveal the arrows scroll it: they must not reach the covered answer widget.
        *[
            Binding(key, f"scroll_reveal('{key}')", show=False, priority=True)
            for key in ("up", "down", "pageup", "pagedown", "home", "end")
        ],
        *ANSWER_BINDINGS,
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._shown_turn: tuple[int, tuple[str, ...]] | None = None
        #: Buzzer rounds: each buzzer key and its team.
        self.buzzers = dict(zip(session.settings.keys, session.settings.players))
        self._status_shown: object = None
        self._last_phase: Phase | None = None
        turn = session.turn
        self.question_view = QuestionView(
            client_view(turn.question, turn.options) if turn else {"type": "type_in", "prompt": ""},
            self._header(turn, self._who(session.mode.groups(turn)[0]) if turn else ""),
            session.settings.timer,
        )
        self.reveal_view = RevealView()
        self.handoff_view = HandoffView()
        self._unwatch = session.watch(self._changed)

    # -- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Container(id="round-views"):
            yield self.question_view
            yield self.handoff_view
            yield self.reveal_view
        yield KeyBar()

    def on_mount(self) -> None:
        if self.session.settings.timer or self.buzzers:
            self.set_interval(TICK, self._tick)
        self.session.start()  # does nothing if it has started already
        self._render_phase()

    @property
    def HELP_SECTION(self) -> str:  # noqa: N802 - read by the help screen like the other screens' constant
        return "Answering" if self.session.phase is Phase.OPEN else "Between questions"

    def _practice_word(self) -> str:
        # Practice (reviewing mistakes) says so up front: no points are at stake.
        return "Practice" if self.session.settings.practice else "Question"

    def _header(self, turn: Turn | None, who: str | None) -> tuple[str, str, str]:
        if turn is None:
            return "", "", ""
        role = "Team" if self.session.settings.mode in TEAM_MODES else "Player"
        whose = f"{role}: {who}" if who is not None else "Buzz to answer"
        return f"{self._practice_word()} {turn.number}/{turn.of}", turn.question.category, whose

    # -- rendering the session's state ----------------------------------------------
    def _changed(self, change: Change) -> None:
        if change.kind in ("paused", "resumed"):
            self.question_view.set_class(change.kind == "paused", "-paused")
            return
        if change.kind in ("buzzed", "reopened"):
            self._show_buzzers()
            if change.kind == "buzzed":
                self.question_view.focus_answer()  # the team that buzzed answers with the usual keys
            else:
                self.set_focus(None)  # back to buzzing: nobody may answer until a team buzzes
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
        if self._last_phase is Phase.OPEN and phase is not Phase.OPEN:
            # A warning about the answer being typed ("not a number") belongs to that question only.
            self.app.clear_notifications()
        self._last_phase = phase
        self.handoff_view.display = phase is Phase.READY
        self.reveal_view.display = phase in (Phase.CLOSED, Phase.STANDINGS)
        if phase is Phase.READY:
            self._show_handoff()
        elif phase is Phase.OPEN:
            self._show_question()
        elif phase is Phase.CLOSED:
            self._show_reveal()
        self.refresh_bindings()
        if self.is_mounted:
            self.query_one(KeyBar).refresh_keys()  # the keys of this phase
            if phase is not Phase.OPEN:
                # A view comes over the question: ask for a full repaint too. Measured with
                # bench/response.py, the reveal's frame comes about 10 ms sooner at p50; for the
                # question, whose view stays, the same request made its frame about 4 ms later.
                self.refresh()

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
                self.question_view.show(view, self._header(turn, self._who(self.session.group)))
            self._shown_turn = key
        self.question_view.set_remaining(self.session.remaining())
        if self.buzzers:
            self._show_buzzers()
            self.set_focus(None)  # keys buzz until a team holds the question
        else:
            self.question_view.focus_answer()

    def _who(self, group: tuple[str, ...]) -> str | None:
        """Who answers: one player or team, or None when the teams buzz for it."""
        return group[0] if len(group) == 1 else None

    def _show_buzzers(self) -> None:
        """Who may buzz with which key, or which team holds the question (name, symbol and colour)."""
        session, teams = self.session, self.session.settings.players
        holder = session.holder
        if holder is not None:
            left = session.remaining()
            seconds = f" within {max(0, math.ceil(left))} s" if left is not None else ""
            status = Content.assemble(
                "🔔 ", badge(holder, teams), f" has the question: answer{seconds}. The others are locked out."
            )
            shown: object = (holder, seconds)
        else:
            parts: list[Content | str] = ["Buzz to answer:"]
            for key, team in self.buzzers.items():
                if team in session.tried:
                    parts += ["   ", Content.styled(f"✘ {team} (had a go)", "dim")]
                else:
                    parts += ["   ", badge(team, teams), " ", Content.styled(f" {key.upper()} ", "bold reverse")]
            status = Content.assemble(*parts)
            shown = tuple(sorted(session.tried))
        if shown != self._status_shown:
            self._status_shown = shown
            self.question_view.show_status(status)

    def _show_reveal(self) -> None:
        session, turn = self.session, self.session.turn
        assert turn is not None
        # In the order they answered (a buzzer round), or took their turns.
        records = list(session.answers.values())
        names = [r.player for r in records]
        q = turn.question
        who = ", ".join(names) if names else "nobody answered"
        header = f"{self._practice_word()} {turn.number}/{turn.of} · {q.category} · {who}"
        stats = [session.players[n] for n in names]
        texts = reveal_texts(header, q, records, stats, session.settings.practice, session.last_turn)
        self.reveal_view.show(texts, verdict_class(records))

    def _tick(self) -> None:
        if self.session.phase is not Phase.OPEN or self.session.paused:
            return
        self.session.tick()
        if self.session.phase is Phase.OPEN:
            if self.session.holder is not None:
                self._show_buzzers()  # the team's seconds left to answer
            else:
                self.question_view.set_remaining(self.session.remaining())

    def on_key(self, event: events.Key) -> None:
        """Buzzer keys (only in buzzer rounds, only while no team holds the question)."""
        team = self.buzzers.get(event.key)
        if team is not None and self.session.phase is Phase.OPEN and self.session.holder is None:
            event.stop()
            event.prevent_default()
            self.session.buzz(team)

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
        if action == "skip":
            return self.answer_keys_live()
        if action == "scroll_reveal":
            return phase in (Phase.CLOSED, Phase.STANDINGS)
        return True

    @on(Answered)
    def _answered(self, event: Answered) -> None:
        event.stop()
        if not self.answer_keys_live():
            return
        try:
            self.session.answer(event.response)
        except RoundError:
            pass  # the question closed meanwhile (the timer ran out): the session said so already

    def answer_keys_live(self) -> bool:
        if self.buzzers and self.session.holder is None:
            return False  # a buzzer round: a team answers once it has buzzed
        return self.session.phase is Phase.OPEN and self.question_view.ready and not self.session.paused

    def action_skip(self) -> None:
        if self.answer_keys_live():
            self.session.skip()

    def action_ready(self) -> None:
        self.session.ready()

    def action_next(self) -> None:
        self.session.next()

    def action_scroll_reveal(self, key: str) -> None:
        body = self.reveal_view.query_one("#reveal-body")
        scroll = {
            "up": body.scroll_up,
            "down": body.scroll_down,
            "pageup": body.scroll_page_up,
            "pagedown": body.scroll_page_down,
            "home": body.scroll_home,
        }
        scroll.get(key, body.scroll_end)(animate=False)

    def action_leave(self) -> None:
        from quiz.tui.modals.confirm import ConfirmModal

        def leave(yes: bool | None) -> None:
            if yes:
                self.session.abandon()

        self.app.push_screen(
            ConfirmModal("Leave this round? It will not be saved.", yes="Leave", no="Keep playing"), leave
        )
