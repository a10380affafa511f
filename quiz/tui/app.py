"""The Textual app: which screen shows when, and the round being played."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

from quiz.tui.screens.title import TitleScreen

if TYPE_CHECKING:
    from quiz.engine import AnswerRecord, Game, RoundSettings
    from quiz.model import Question
    from quiz.tui.loading import PackLoader, PacksFound, PacksReading

#: Allocations between young-generation collections (Python's default is 700).
GC_THRESHOLD = 10_000
#: Seconds pack loading may take before the screen says so: quicker than this, nothing flickers.
STATUS_DELAY = 0.3

# Only the title screen is imported up front: it is all the first frame needs. The
# other screens, the engine and the pack library are imported where first used,
# which keeps start-up short.


class QuizApp(App[None]):
    """Title → setup → questions and reveals (→ hand-offs) → results → title."""

    CSS_PATH = "app.tcss"
    TITLE = "Tour de France Quiz"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # Ctrl+C is how people stop terminal programs: it quits too (asking first mid-round).
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        pack_paths: Sequence[str | Path] = (),
        include_builtin: bool = True,
        include_user: bool = True,
        entries: Sequence[Any] | None = None,
        settings: RoundSettings | None = None,
        store: Any = None,
        game: Game | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.pack_paths = tuple(pack_paths)
        self.include_builtin = include_builtin
        self.include_user = include_user
        # Packs and the score store are found after the title's first frame (see on_mount);
        # None means "not yet", and the properties below fetch them on first use if asked earlier.
        self._entries: list[Any] | None = list(entries) if entries is not None else None
        self._settings = settings
        self._store = store
        self.clock = clock
        self.game: Game | None = None
        self._first_game = game
        self.round_packs: tuple[str, ...] = ()
        self._selected_packs: set[int] | None = None
        self._store_problem_shown = False
        self._round_screens: dict[str, Any] = {}
        # Finding the packs in the background (see _find_packs): the loader, and the file
        # being read for the first time and how far.
        self._loader: PackLoader | None = None
        self._reading: tuple[str, float] | None = None

    # -- what the round is made of, fetched on first use ---------------------------
    @property
    def settings(self) -> RoundSettings:
        if self._settings is None:
            from quiz.engine import RoundSettings

            self._settings = RoundSettings()
        return self._settings

    @settings.setter
    def settings(self, settings: RoundSettings) -> None:
        self._settings = settings

    @property
    def entries(self) -> list[Any]:
        if self._entries is None:
            if self._loader is not None:
                # Asked for while the loader runs: wait for it rather than read everything twice.
                self._entries = self._loader.wait() or []
            else:
                self._entries = self._discover()
        return self._entries

    @entries.setter
    def entries(self, entries: Sequence[Any]) -> None:
        self._entries = list(entries)
        self._selected_packs = None

    @property
    def selected_packs(self) -> set[int]:
        if self._selected_packs is None:
            from quiz.tui.library import entry_ok

            self._selected_packs = {i for i, e in enumerate(self.entries) if entry_ok(e)}
        return self._selected_packs

    @selected_packs.setter
    def selected_packs(self, chosen: set[int]) -> None:
        self._selected_packs = set(chosen)

    @property
    def store(self) -> Any:
        if self._store is None:
            from quiz.tui.library import open_store

            self._store = open_store()
        return self._store

    @store.setter
    def store(self, store: Any) -> None:
        self._store = store

    # -- start-up ------------------------------------------------------------
    def get_default_screen(self) -> TitleScreen:
        # The title is the bottom of the stack from the start: no blank default screen to draw first.
        return TitleScreen()

    def on_mount(self) -> None:
        self._handle_hangups()
        # Textual makes many short-lived objects per key press; with the default threshold
        # the collector ran several times per press, and a full collection took tens of ms.
        gc.set_threshold(GC_THRESHOLD)
        if self._first_game is not None:
            # `quiz play`: its packs and store were given, so the round starts at once.
            from quiz.tui.library import entry_ok

            self.round_packs = tuple(e.id for e in self.entries if entry_ok(e))
            self.begin(self._first_game)
            self.report_store_problem()
            self.call_after_refresh(gc.freeze)
        else:
            # The title needs neither packs nor scores: find them once it is on screen.
            self.call_after_refresh(self._find_packs)

    def _find_packs(self) -> None:
        """Find the packs in a background thread: a big new pack is read while the title stays live."""
        if self._loader is not None:
            return
        if self._entries is not None:
            self._packs_ready()  # given to the app, or already asked for
            return
        from quiz.tui.loading import PackLoader

        self._loader = PackLoader(self, self._discover)
        self._loader.start()
        self.set_timer(STATUS_DELAY, self._show_pack_status)

    def _discover(self, progress: Callable[[Path, float], None] | None = None) -> list[Any]:
        from quiz.tui.library import discover_packs

        return discover_packs(self.pack_paths, self.include_builtin, self.include_user, progress=progress)

    @property
    def loading_packs(self) -> bool:
        """The packs are still being found."""
        return self._entries is None and self._loader is not None

    def pack_status(self) -> str | None:
        """What the screen says about finding the packs: nothing when done or quick so far."""
        if not self.loading_packs or self._loader.elapsed < STATUS_DELAY:
            return None
        if self._reading is None:
            return "Looking for question packs…"
        name, fraction = self._reading
        return f"Reading {name} for the first time… {int(min(max(fraction, 0.0), 1.0) * 100)}%"

    def _show_pack_status(self) -> None:
        from quiz.tui.widgets.packstatus import PackStatus

        text = self.pack_status()
        for screen in self.screen_stack:  # a modal (say, help) leaves the title in view
            for line in screen.query(PackStatus):
                line.show(text)

    def on_packs_reading(self, message: PacksReading) -> None:
        if message.loader is self._loader and self.loading_packs:
            self._reading = (message.name, message.fraction)
            self._show_pack_status()

    def on_packs_found(self, message: PacksFound) -> None:
        loader = message.loader
        if loader is not self._loader:
            return
        if self._entries is None:
            self._entries = loader.wait() or []  # already done: this does not wait
        self._reading = None
        if loader.error:
            self.notify(loader.error, title="Packs", severity="error", timeout=15)
        self._show_pack_status()
        self._packs_ready()
        if getattr(self.screen, "WAITS_FOR_PACKS", False):
            self.open_setup()  # Play was chosen meanwhile and the player is still waiting

    def _packs_ready(self) -> None:
        self.selected_packs  # noqa: B018 - picks the usable packs
        self.report_store_problem()
        gc.freeze()  # what exists now lives as long as the game: no collection need scan it again

    def _handle_hangups(self) -> None:
        """A closed terminal, SIGHUP or SIGTERM ends the game at once, leaving the terminal usable."""
        from quiz.tui.hangup import handle_hangups

        handle_hangups(self)

    def report_store_problem(self) -> None:
        """Say once that scores are not being kept; the game carries on regardless."""
        problem = getattr(self.store, "problem", None)
        if problem and not self._store_problem_shown:
            self._store_problem_shown = True
            self.notify(problem, title="Scores", severity="warning", timeout=8)

    # -- moving between screens -------------------------------------------------
    def _show(self, screen) -> None:
        # The title stays at the bottom of the stack; one screen at a time sits on it.
        if isinstance(self.screen, TitleScreen):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)
        if any(s.game is not self.game for s in self._round_screens.values()):
            self.call_after_refresh(self._release_round_screens)  # e.g. results, or a review round

    def show_title(self) -> None:
        self.game = None
        while not isinstance(self.screen, TitleScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        self.call_after_refresh(self._release_round_screens)

    def open_setup(self) -> None:
        if self.loading_packs:
            # The setup screen lists the packs. A quick load is simply waited for (as long as
            # it would be before the status line showed): no flicker, and keys typed after P
            # reach the setup screen. A slow one gets a screen that waits with the status line.
            entries = self._loader.wait(max(0.0, STATUS_DELAY - self._loader.elapsed))
            if entries is None:
                from quiz.tui.screens.waiting import PacksWaitScreen

                self._show(PacksWaitScreen())
                return
            self._entries = entries  # the loader's message follows and finishes the job
        from quiz.tui.screens.setup import SetupScreen

        self._show(SetupScreen())

    def open_scores(self) -> None:
        from quiz.tui.screens.scores import ScoresScreen

        self._show(ScoresScreen())

    @property
    def in_round(self) -> bool:
        return any(getattr(s, "IN_ROUND", False) for s in self.screen_stack)

    # -- the round ---------------------------------------------------------------
    def new_round(self, settings: RoundSettings, entries: Sequence[Any]) -> Game:
        """Build a round from the chosen packs (raises RoundError) and start it."""
        from quiz.engine import Game
        from quiz.tui.library import questions_of, recently_seen

        pool = questions_of(entries)
        recent = recently_seen(self.store, settings.players)
        game = Game(pool, settings, recent=recent)
        self.settings = settings
        self.selected_packs = {i for i, e in enumerate(self.entries) if e in entries}
        self.round_packs = tuple(e.id for e in entries)
        self.begin(game)
        return game

    def begin(self, game: Game) -> None:
        from quiz.engine import HOTSEAT

        self.game = game
        if game.settings.mode == HOTSEAT:
            # The first player's clock must not start before they have the keyboard either.
            self.show_handoff()
        else:
            self.show_question()

    def show_handoff(self) -> None:
        from quiz.tui.screens.handoff import HandoffScreen

        self._show(HandoffScreen(self.game))

    # A round keeps one question screen and one reveal screen and updates them for
    # each turn: building new screens on every key press was most of its cost.
    def _round_screen(self, name: str):
        """This round's screen of that name, if it has one yet."""
        screen = self._round_screens.get(name)
        return screen if screen is not None and screen.game is self.game else None

    def _keep(self, name: str, screen) -> None:
        self._release_round_screens()
        self._round_screens[name] = screen
        self.install_screen(screen, f"round-{name}")  # installed: switching away does not destroy it

    def _release_round_screens(self) -> None:
        """Let go of screens of rounds that are over (once they are off the stack)."""
        for name, screen in list(self._round_screens.items()):
            if screen.game is self.game or screen in self.screen_stack:
                continue
            del self._round_screens[name]
            self.uninstall_screen(screen)
            screen.remove()

    def show_question(self) -> None:
        from quiz.tui.screens.question import QuestionScreen

        if self.game is None or self.game.finished:
            return
        screen = self._round_screen("question")
        if screen is None:
            screen = QuestionScreen(self.game)
            self._keep("question", screen)
        else:
            screen.next_turn()
        self._show(screen)

    def show_reveal(self, record: AnswerRecord | None) -> None:
        from quiz.tui.screens.reveal import RevealScreen

        if self.game is None or record is None:
            return
        screen = self._round_screen("reveal")
        if screen is None:
            screen = RevealScreen(self.game, record)
            self._keep("reveal", screen)
        else:
            screen.show(record)
        self._show(screen)

    def after_reveal(self) -> None:
        from quiz.engine import HOTSEAT

        game = self.game
        if game is None:
            return
        previous = game.current.player if game.current else None
        game.advance()
        if game.finished:
            self.finish_round()
        elif game.settings.mode == HOTSEAT and game.current.player != previous:
            self.show_handoff()
        else:
            self.show_question()

    def finish_round(self) -> None:
        game = self.game
        if game is None:
            return
        if not game.settings.practice:
            try:
                self.store.save_game(game, self.round_packs)
            except Exception:  # the store promises not to raise; if it does, play still goes on
                self.store.problem = self.store.problem or "Scores could not be saved. Play goes on."
            self.report_store_problem()
        from quiz.tui.screens.results import ResultsScreen

        self._show(ResultsScreen(game))

    def review(self, player: str, mistakes: Sequence[Question]) -> None:
        """Replay missed questions for practice: no points, no timer, not saved."""
        from quiz.engine import SOLO, Game

        base = self.game.settings if self.game else self.settings
        settings = replace(base, mode=SOLO, players=(player,), practice=True, timer=None)
        self.begin(Game([], settings, fixed=list(mistakes)))

    # -- leaving -------------------------------------------------------------------
    def confirm_leave_round(self) -> None:
        from quiz.tui.modals.confirm import ConfirmModal

        def leave(yes: bool | None) -> None:
            if yes:
                self.show_title()

        if not isinstance(self.screen, ConfirmModal):
            self.push_screen(ConfirmModal("Leave this round? It will not be saved.", yes="Leave", no="Keep playing"), leave)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        if self._loader is not None:
            self._loader.stop()  # a first reading still going on is of no use any more
        super().exit(*args, **kwargs)

    async def action_quit(self) -> None:
        from quiz.tui.modals.confirm import ConfirmModal

        if not self.in_round:
            self.exit()
            return

        def quit_(yes: bool | None) -> None:
            if yes:
                self.exit()

        if not isinstance(self.screen, ConfirmModal):
            self.push_screen(ConfirmModal("Quit the game? This round will be lost.", yes="Quit", no="Keep playing"), quit_)

    def action_help(self) -> None:
        from quiz.tui.modals.confirm import ConfirmModal
        from quiz.tui.modals.help import HelpScreen

        if not isinstance(self.screen, (HelpScreen, ConfirmModal)):
            # Each screen names the part of the help that leads when it is opened from there.
            self.push_screen(HelpScreen(getattr(self.screen, "HELP_SECTION", None)))
