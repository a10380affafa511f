"""The host's screen: the room's PIN, address and QR code, the students, and the controls.

The screen is a client of the room's server like any other (the host's secret
proves it is the host), so it shows exactly what the protocol says and a remote
host could do the same. The server runs on its own thread; nothing this screen
draws can delay a student's answer.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Sequence
from typing import Any, ClassVar

from textual.app import App, ComposeResult, CSSPathType
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.live.client import LiveClient
from quiz.qtypes import TYPES
from quiz.tui.live.common import board, plain
from quiz.tui.widgets.keybar import KeyBar

BAR = 24  # cells of the longest bar in a reveal's distribution
LETTERS = "ABCDEFGH"


class HostApp(App[None]):
    CSS_PATH: ClassVar[CSSPathType] = ["../app.tcss", "live.tcss"]
    TITLE = "Tour de France Quiz · live room"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", "Start"),
        Binding("n,enter", "next", "Next"),
        Binding("c", "close_question", "Close question"),
        Binding("r", "remove", "Remove / let back"),
        Binding("l", "leaderboard", "Leaderboard on/off"),
        Binding("q,ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        url: str,
        secret: str,
        pin: str,
        page_url: str,
        join_command: str,
        qr: Sequence[str],
        notes: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.url = url
        self.pin = pin
        self.page_url = page_url
        self.join_command = join_command
        self.qr = list(qr)
        self.notes = list(notes)
        self.client = LiveClient(url, {"role": "host", "pin": pin, "secret": secret}, self._heard, self._status)
        self.phase = "lobby"
        self.leaderboard_shown = True
        self.students: list[dict[str, Any]] = []
        self.room: dict[str, Any] = {}
        self.question: dict[str, Any] | None = None
        self.progress = (0, 0)
        self.deadline: float | None = None
        self.ready_until: float | None = None
        self.resumed = False
        self.closed_count = 0
        self.game_id: int | None = None
        self.finished = False
        self._last: dict[str, Any] = {}

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="live-title", classes="screen-title")
        with Horizontal(id="live-main"):
            with VerticalScroll(id="stage"):
                yield Static(id="stage-head", classes="section-title")
                yield Static(id="stage-body")
                yield Static("\n".join(self.qr), id="qr")
                yield Static(id="stage-foot", classes="hint")
            with Vertical(id="side"):
                yield Static(id="side-title", classes="section-title")
                yield OptionList(id="roster")
        yield Static(id="live-status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self._draw()
        self.run_worker(self.client.run(), exclusive=True, group="client")
        self.set_interval(0.25, self._tick)

    # -- what the room says ---------------------------------------------------------------
    def _status(self, status: str) -> None:
        text = {"connected": "", "reconnecting": "Connection to the room lost; reconnecting…"}.get(status, status)
        if status == "ended" and self.client.ended:
            text = f"The room refused this screen: {self.client.ended}"
        self.query_one("#live-status", Static).update(plain(text))

    def _heard(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind == "welcome":
            self.room = message["room"]
        elif kind == "roster":
            self.students = [s for s in message["students"] if isinstance(s, dict) and isinstance(s.get("name"), str)]
            self.phase = message["phase"]
            self.leaderboard_shown = message["leaderboard"]
            self.resumed = bool(message.get("resumed"))
            self.closed_count = int(message.get("closed") or 0)
            self._draw_roster()
        elif kind == "ready":
            self.phase = "ready"
            self.ready_until = time.monotonic() + float(message["seconds"] or 0)
            self._last = message
        elif kind == "question":
            self.phase = "open"
            self.question = message
            expected = message.get("expected")
            self.progress = (
                0,
                expected if isinstance(expected, int) else len([s for s in self.students if not s["removed"]]),
            )
            remaining = message.get("remaining")
            self.deadline = None if remaining is None else time.monotonic() + float(remaining)
        elif kind == "progress":
            self.progress = (message["answered"], message["expected"])
        elif kind in ("reveal", "standings"):
            self.phase = "closed" if kind == "reveal" else "standings"
            self._last = message
        elif kind == "finished":
            self.phase = "finished"
            self.finished = True
            self.game_id = message.get("game_id")
            self._last = message
        elif kind == "error":
            self.notify(message["message"], title="The room says", severity="warning", markup=False)
        self._draw()

    # -- drawing ---------------------------------------------------------------------------
    def _draw(self) -> None:
        count = len([s for s in self.students if not s["removed"]])
        self.query_one("#live-title", Static).update(
            Content(f"Live room · PIN {self.pin[:3]} {self.pin[3:]} · {count} student{'s' if count != 1 else ''}")
        )
        head, body, foot = self._stage()
        self.query_one("#stage-head", Static).update(head)
        self.query_one("#stage-body", Static).update(body)
        self.query_one("#stage-foot", Static).update(foot)
        self.query_one("#qr").display = self.phase == "lobby" and bool(self.qr)
        self.refresh_bindings()
        self.query_one(KeyBar).refresh_keys()

    def _stage(self) -> tuple[Content, Content, Content]:
        phase = self.phase
        of = self.room.get("questions", "?")
        if phase == "lobby":
            lines = [
                Content.assemble(("Join in a browser: ", "bold"), self.page_url),
                Content.assemble(("Or in a terminal:  ", "bold"), self.join_command),
                Content.assemble(("PIN: ", "bold"), (f"{self.pin[:3]} {self.pin[3:]}", "bold reverse")),
                *[plain(note) for note in self.notes],
            ]
            if self.resumed:
                head = Content(
                    f"Resumed: {self.closed_count} of {of} questions were played. "
                    "Students reconnect by themselves; press S to go on."
                )
            else:
                head = Content("Waiting for students · press S to start")
            return head, Content("\n").join(lines), Content("Scan the code to open the page with the PIN filled in.")
        if phase == "ready":
            left = max(0, math.ceil((self.ready_until or 0) - time.monotonic()))
            number = self._last.get("number", "?")
            return (
                Content(f"Question {number} of {self._last.get('of', of)}"),
                Content(f"Get ready… {left}"),
                Content(""),
            )
        if phase == "open" and self.question:
            return self._question_stage()
        if phase == "closed" and self._last.get("type") == "reveal":
            return self._reveal_stage()
        if phase == "standings":
            rows = self._last.get("top")
            if rows is None:
                return (
                    Content("Leaderboard"),
                    Content("The leaderboard is hidden (L shows it)."),
                    Content("N: next question"),
                )
            return Content("Leaderboard"), board(rows), Content("N: next question")
        if phase == "finished":
            saved = (
                f"Saved as game {self.game_id} (quiz scores --recent lists it)." if self.game_id else "Nothing to save."
            )
            return Content("Podium"), board(self._last.get("podium")), Content(f"The game is over. {saved} Q quits.")
        return Content(""), Content(""), Content("")

    def _question_stage(self) -> tuple[Content, Content, Content]:
        assert self.question is not None
        message = self.question
        view = message["question"]
        lines: list[Content] = [
            Content.assemble((TYPES[view["type"]].title if view.get("type") in TYPES else "", "italic")),
            plain(view.get("prompt", "")),
            Content(""),
        ]
        left = view.get("left")
        for i, option in enumerate(view.get("options") or []):
            label = LETTERS[i] if i < len(LETTERS) else str(i + 1)
            if isinstance(left, list) and i < len(left):
                lines.append(Content.assemble(f" {label}  ", plain(left[i]), "  →  ", plain(option)))
            else:
                lines.append(Content.assemble((f" {label} ", "bold reverse"), " ", plain(option)))
        if view.get("unit"):
            lines.append(Content.assemble("Unit: ", plain(view["unit"])))
        answered, expected = self.progress
        timer = ""
        if self.deadline is not None:
            timer = f" · {max(0, math.ceil(self.deadline - time.monotonic()))} s left"
        head = Content(f"Question {message['number']} of {message['of']}{timer}")
        foot = Content(f"Answered: {answered} of {expected} · C closes the question now")
        return head, Content("\n").join(lines), foot

    def _reveal_stage(self) -> tuple[Content, Content, Content]:
        message = self._last
        rows = message.get("distribution") or []
        most = max([r.get("count", 0) for r in rows if isinstance(r, dict)] or [1]) or 1
        width = max((len(str(r.get("label", ""))) for r in rows if isinstance(r, dict)), default=0)
        lines = [Content.assemble(("The answer: ", "bold"), plain(message["answer"])), Content("")]
        for row in rows:
            if not isinstance(row, dict):
                continue
            count = int(row.get("count", 0))
            mark = "✔" if row.get("correct") else " "
            cells = round(BAR * count / most)
            label = str(row.get("label", ""))[:40]
            lines.append(
                Content.assemble(
                    f"{mark} ",
                    plain(label.ljust(min(width, 40))),
                    "  ",
                    ("█" * cells, "bold" if row.get("correct") else ""),
                    f" {count}",
                )
            )
        if message.get("explanation"):
            lines += [Content(""), plain(message["explanation"])]
        head = Content(
            f"Question {message['number']} of {message['of']} · "
            f"{message.get('answered', 0)} of {message.get('expected', 0)} answered"
        )
        return head, Content("\n").join(lines), Content("✔ marks the right answer. N: next")

    def _draw_roster(self) -> None:
        roster = self.query_one("#roster", OptionList)
        highlighted = roster.highlighted
        options = []
        for s in self.students:
            # The state in a symbol and (unless simply here) in words: never colour alone.
            state = "removed" if s["removed"] else ("here" if s["connected"] else "away")
            symbol = {"removed": "✘", "here": "●", "away": "○"}[state]
            options.append(
                Option(
                    Content.assemble(f"{symbol} ", plain(s["name"]), ("" if state == "here" else f" ({state})", "dim"))
                )
            )
        roster.clear_options()
        roster.add_options(options)
        if options:
            roster.highlighted = min(highlighted or 0, len(options) - 1)
        here = len([s for s in self.students if s["connected"] and not s["removed"]])
        self.query_one("#side-title", Static).update(Content(f"Students ({here} here) · R removes or lets back"))

    def _tick(self) -> None:
        if self.phase in ("ready", "open"):
            self._draw()

    # -- controls ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.phase
        if action == "start":
            return phase == "lobby"
        if action == "next":
            return phase in ("closed", "standings", "lobby")
        if action == "close_question":
            return phase == "open"
        if action == "remove":
            return bool(self.students) and phase != "finished"
        return True

    async def _send(self, message: dict[str, Any]) -> None:
        if not await self.client.send(message):
            self.notify("Not connected to the room right now; try again in a moment.", severity="warning")

    async def action_start(self) -> None:
        await self._send({"type": "start"})

    async def action_next(self) -> None:
        await self._send({"type": "start" if self.phase == "lobby" else "next"})

    async def action_close_question(self) -> None:
        await self._send({"type": "close"})

    async def action_leaderboard(self) -> None:
        await self._send({"type": "leaderboard", "show": not self.leaderboard_shown})

    async def action_remove(self) -> None:
        index = self.query_one("#roster", OptionList).highlighted
        if index is None or index >= len(self.students):
            return
        student = self.students[index]
        await self._send({"type": "readmit" if student["removed"] else "remove", "name": student["name"]})

    async def action_quit(self) -> None:
        from quiz.tui.modals.confirm import ConfirmModal

        if self.finished or self.phase == "lobby" and not self.resumed:
            await self._end_and_exit()
            return
        if isinstance(self.screen, ConfirmModal):
            return

        async def decided(yes: bool | None) -> None:
            if yes:
                await self._end_and_exit()

        self.push_screen(
            ConfirmModal("End the game now? The answers so far are saved.", yes="End the game", no="Keep playing"),
            decided,
        )

    async def _end_and_exit(self) -> None:
        if not self.finished:
            await self.client.send({"type": "end"})
            for _ in range(40):  # the room saves the game and says "finished"
                if self.finished:
                    break
                await asyncio.sleep(0.05)
        await self.client.stop()
        self.exit()
