"""A student's screen in a live room (``quiz join``): wait, get ready, answer, see how it went.

The question is shown with the same view and answer widgets as a round at the
keyboard (built from the client view, so the answer is never here before the
reveal); the answer goes to the room, which times it by its own clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult, CSSPathType
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Static

from quiz.live.client import GAME_OVER, LiveClient
from quiz.qtypes import TYPES, WireError
from quiz.tui import sheets
from quiz.tui.answers import Answered
from quiz.tui.answers.base import LETTERS
from quiz.tui.live.common import board, place_text, plain
from quiz.tui.round.question import QuestionView
from quiz.tui.widgets.keybar import KeyBar

_LETTER_KEYS = [
    Binding(key, f"letter({i})", show=False)
    for i, letter in enumerate(LETTERS)
    if letter not in "F"
    for key in (letter.lower(), letter)
]


class JoinApp(App[None]):
    CSS_PATH: ClassVar[CSSPathType] = [sheets.APP, sheets.ROUND, "live.tcss"]
    TITLE = "Tour de France Quiz · live room"
    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(str(i + 1), f"number({i})", show=False) for i in range(8)],
        *_LETTER_KEYS,
        Binding("t,T", "truth(True)", show=False),
        Binding("f,F", "key_f", show=False),
        Binding("enter", "again", "Ask to come back"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self, url: str, pin: str, name: str, token: str | None = None, on_token: Callable[[str], None] | None = None
    ) -> None:
        super().__init__()
        self.name_ = name
        self.on_token = on_token
        hello: dict[str, Any] = {"role": "student", "pin": pin, "name": name}
        if token:
            hello["token"] = token
        self.client = LiveClient(url, hello, self._heard, self._status)
        #: Why the room refused us before we were in (the command prints it), or None.
        self.refusal: str | None = None
        self.joined = False
        self.removed = False
        self.question: dict[str, Any] | None = None
        self.question_view: QuestionView | None = None
        self.answered = False
        self.deadline: float | None = None
        self.ready_until: float | None = None
        self.ready_title = ""

    def compose(self) -> ComposeResult:
        yield Static(id="live-title", classes="screen-title")
        with Vertical(id="join-stage"):
            yield Static(id="join-head", classes="section-title")
            yield Static(id="join-body")
        yield Static(id="live-status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self._title()
        self._say("Joining…", "")
        self._run_client()
        self.set_interval(0.1, self._tick)

    def _run_client(self) -> None:
        self.run_worker(self.client.run(), exclusive=True, group="client")

    def _title(self) -> None:
        self.query_one("#live-title", Static).update(Content.assemble("Live room · ", plain(self.name_)))

    # -- what the room says --------------------------------------------------------------------
    def _status(self, status: str) -> None:
        if status == "reconnecting":
            self.query_one("#live-status", Static).update("Connection lost; reconnecting…")
        elif status == "connected":
            self.query_one("#live-status", Static).update("")
        elif status == "ended":
            reason = self.client.ended or "the room closed the connection"
            if not self.joined and not self.removed:
                self.refusal = reason
                self.exit(return_code=1)
                return
            if not self.removed and reason != GAME_OVER:
                self.query_one("#live-status", Static).update(plain(f"Disconnected: {reason}"))
        else:
            self.query_one("#live-status", Static).update(plain(status))

    def _heard(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind not in ("question", "error"):
            self._drop_question()
        if kind == "welcome":
            self.joined, self.removed = True, False
            self.name_ = message.get("name") or self.name_
            self._title()
            if message.get("token") and self.on_token:
                self.on_token(message["token"])
        elif kind == "lobby":
            count = message["count"]
            self._say(f"You're in! Waiting for the teacher to start… ({count} in the room)", "")
        elif kind == "ready":
            self.ready_until = time.monotonic() + float(message["seconds"] or 0)
            self.ready_title = f"Question {message['number']} of {message['of']}"
            self._tick()
        elif kind == "question":
            self._show_question(message)
        elif kind == "waiting":
            self._say("A question is on", message["message"])
        elif kind == "ack":
            self._drop_question()
            self._say("Answer sent", "Waiting for the others…")
        elif kind == "reveal":
            self._reveal(message)
        elif kind == "standings":
            you = message.get("you") or {}
            body = board(message["top"]) if message["top"] is not None else Content("The leaderboard is hidden.")
            self._say(
                "Leaderboard", Content.assemble(body, "\n\n", f"You: {place_text(you)}, {you.get('total', 0)} points")
            )
        elif kind == "finished":
            you = message.get("you") or {}
            self._say(
                "Podium",
                Content.assemble(
                    board(message["podium"]),
                    "\n\n",
                    f"You finished {place_text(you)} with {you.get('total', 0)} points. "
                    "Thanks for playing! Ctrl+Q quits.",
                ),
            )
        elif kind == "removed":
            self.removed = True
            self._say("Removed", Content.assemble(plain(message["message"]), "\nPress Enter to ask to come back."))
        elif kind == "error":
            if message["code"] == "removed":
                self.removed = True
                self._say("Removed", Content.assemble(plain(message["message"]), "\nPress Enter to ask again."))
            elif self.question_view is not None:
                self.answered = False
                self.query_one("#live-status", Static).update(plain(message["message"]))
            else:
                self.query_one("#live-status", Static).update(plain(message["message"]))
        self.refresh_bindings()

    def _say(self, head: str, body: str | Content) -> None:
        self.ready_until = None
        self.query_one("#join-head", Static).update(plain(head))
        self.query_one("#join-body", Static).update(body if isinstance(body, Content) else plain(body))
        self.query_one("#join-body").display = True

    # -- a question ------------------------------------------------------------------------------
    def _show_question(self, message: dict[str, Any]) -> None:
        view = message["question"]
        if view.get("type") not in TYPES:
            self._say("A question this client cannot show", "Update the game to answer this kind of question.")
            return
        self.ready_until = None
        self.question = message
        if message.get("answered"):
            self._say("Answer sent", "Waiting for the others…")
            return
        self.answered = False
        remaining = message.get("remaining")
        self.deadline = None if remaining is None else time.monotonic() + float(remaining)
        self.query_one("#join-head", Static).update("")
        self.query_one("#join-body").display = False
        header = (f"Question {message['number']}/{message['of']}", str(view.get("category", "")), "")
        self.question_view = QuestionView(view, header, message.get("limit"))
        self.query_one("#join-stage").mount(self.question_view)
        self.call_after_refresh(self.question_view.focus_answer)

    def _drop_question(self) -> None:
        if self.question_view is not None:
            self.question_view.remove()
            self.question_view = None
            self.query_one("#join-body").display = True

    @on(Answered)
    async def _answered(self, event: Answered) -> None:
        event.stop()
        if self.question is None or self.answered:
            return
        view = self.question["question"]
        try:
            value = TYPES[view["type"]].to_wire(event.response)
        except WireError:
            return
        self.answered = True
        if not await self.client.send({"type": "answer", "turn": self.question["turn"], "value": value}):
            self.answered = False
            self.query_one("#live-status", Static).update("Not connected; your answer was not sent. Try again.")

    def _tick(self) -> None:
        if self.ready_until is not None:
            left = max(0, int(self.ready_until - time.monotonic() + 0.999))
            self.query_one("#join-head", Static).update(plain(self.ready_title))
            self.query_one("#join-body", Static).update(f"Get ready… {left}" if left else "Get ready…")
        view = self.question_view
        if view is not None and self.deadline is not None and view.is_mounted:
            try:
                view.set_remaining(max(0.0, self.deadline - time.monotonic()))
            except NoMatches:
                pass  # its countdown is not composed yet: the next tick draws it

    def _reveal(self, message: dict[str, Any]) -> None:
        you = message.get("you") or {}
        if you.get("correct"):
            head = "✔ Right!"
        elif you.get("timed_out"):
            head = "⏱ Time's up"
        elif you.get("correct") is False:
            head = "✘ Wrong"
        else:
            head = f"Question {message['number']} is closed"
        lines = [Content.assemble(("The answer: ", "bold"), plain(message["answer"]))]
        if you.get("response") and not you.get("correct") and not you.get("timed_out"):
            lines.append(Content.assemble("Your answer: ", plain(you["response"])))
        if "points" in you:
            lines.append(
                Content(
                    f"Points: {you.get('base', 0)} base + {you.get('speed', 0)} speed + "
                    f"{you.get('streak', 0)} streak = {you['points']}"
                )
            )
        lines.append(Content(f"Total: {you.get('total', 0)} points · {place_text(you)}"))
        if message.get("explanation"):
            lines += [Content(""), plain(message["explanation"])]
        self._say(head, Content("\n").join(lines))

    # -- keys ----------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":
            return self.removed
        if action in ("number", "letter", "truth", "key_f"):
            return self.question_view is not None and not self.answered
        return True

    def action_number(self, index: int) -> None:
        if self.question_view is not None and self.question_view.ready:
            self.question_view.answers.number(index)

    def action_letter(self, index: int) -> None:
        if self.question_view is not None and self.question_view.ready:
            self.question_view.answers.letter(index)

    def action_truth(self, value: bool) -> None:
        if self.question_view is not None and self.question_view.ready:
            self.question_view.answers.truth(value)

    def action_key_f(self) -> None:
        if self.question_view is not None and self.question_view.ready and not self.question_view.answers.truth(False):
            self.question_view.answers.letter(LETTERS.index("F"))

    def action_again(self) -> None:
        if self.removed:
            self._say("Asking to come back…", "")
            self.client.ended = None
            self.client.retry = True
            self._run_client()

    async def action_quit(self) -> None:
        await self.client.stop()
        self.exit()
