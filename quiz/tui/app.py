"""The Textual app: which screen shows when. The round itself is the session's (``quiz.session``).

Title → setup (returns a session) → the round (returns its record) → results
(returns what to do next). Each screen is typed by its result and dismissed with
it; the app only decides what comes next, saves finished games, and finds the
packs and the score store in the background.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

from quiz.tui import sheets
from quiz.tui.screens.title import TitleScreen

if TYPE_CHECKING:
    from quiz.catalog import PackEntry
    from quiz.session import GameResult, RoundSettings, Session
    from quiz.storage import ScoreStore
    from quiz.tui.loading import PackLoader, PacksFound, PacksReading
    from quiz.tui.screens.results import ResultsChoice

#: Allocations between young-generation collections (Python's default is 700).
GC_THRESHOLD = 10_000
#: Seconds pack loading may take before the screen says so: quicker than this, nothing flickers.
STATUS_DELAY = 0.3

# Only the title screen is imported up front: it is all the first frame needs. The
# other screens, the session and the pack catalog are imported where first used,
# which keeps start-up short.


class QuizApp(App[None]):
    """Title → setup → the round → results → title."""

    CSS_PATH = sheets.APP  # the other screens' sheets are read after the first frame (sheets.py)
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
        entries: Sequence[PackEntry] | None = None,
        settings: RoundSettings | None = None,
        store: ScoreStore | None = None,
        session: Session | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.pack_paths = tuple(pack_paths)
        self.include_builtin = include_builtin
        self.include_user = include_user
        # Packs and the score store are found after the title's first frame (see on_mount);
        # None means "not yet", and the properties below fetch them on first use if asked earlier.
        self._entries: list[PackEntry] | None = list(entries) if entries is not None else None
        self._settings = settings
        self._store = store
        #: The clock every round of this app runs on.
        self.clock = clock
        #: The round on screen, or the last one played.
        self.session: Session | None = None
        self._first_session = session
        self._selected_packs: set[int] | None = None
        self._store_problem_shown = False
        #: The last round saved, and its record with the id storage gave it: its results screen exports it.
        self._saved: tuple[Session, GameResult] | None = None
        # Finding the packs in the background (see _find_packs): the loader, and the file
        # being read for the first time and how far.
        self._loader: PackLoader | None = None
        self._reading: tuple[str, float] | None = None

    # -- what a round is made of, fetched on first use ---------------------------
    @property
    def settings(self) -> RoundSettings:
        """The settings the setup screen starts from: the last round's, or the command line's."""
        if self._settings is None:
            from quiz import preferences
            from quiz.session import RoundSettings

            # The last round's, as the player left them (read only when first wanted: not before the title).
            self._settings = preferences.load_settings() or RoundSettings()
        return self._settings

    @settings.setter
    def settings(self, settings: RoundSettings) -> None:
        self._settings = settings

    @property
    def entries(self) -> list[PackEntry]:
        if self._entries is None:
            if self._loader is not None:
                # Asked for while the loader runs: wait for it rather than read everything twice.
                self._entries = self._loader.wait() or []
            else:
                self._entries = self._discover()
        return self._entries

    @entries.setter
    def entries(self, entries: Sequence[PackEntry]) -> None:
        self._entries = list(entries)
        self._selected_packs = None

    @property
    def selected_packs(self) -> set[int]:
        """Which of the entries the setup screen ticks: the usable ones, or the last round's."""
        if self._selected_packs is None:
            self._selected_packs = {i for i, e in enumerate(self.entries) if e.usable}
        return self._selected_packs

    @selected_packs.setter
    def selected_packs(self, chosen: set[int]) -> None:
        self._selected_packs = set(chosen)

    @property
    def store(self) -> ScoreStore:
        if self._store is None:
            from quiz.storage import ScoreStore

            self._store = ScoreStore()
        return self._store

    @store.setter
    def store(self, store: ScoreStore) -> None:
        self._store = store

    # -- start-up ------------------------------------------------------------
    def get_default_screen(self) -> TitleScreen:
        # The title is the bottom of the stack from the start: no blank default screen to draw first.
        return TitleScreen()

    def on_mount(self) -> None:
        self._handle_hangups()
        self._remember_preferences()
        # Textual makes many short-lived objects per key press; with the default threshold
        # the collector ran several times per press, and a full collection took tens of ms.
        gc.set_threshold(GC_THRESHOLD)
        if self._first_session is not None:
            # `quiz play`: its packs, store and round were given, so the round starts at once.
            sheets.read_later(self)
            self.play(self._first_session)
            self.report_store_problem()
            self.call_after_refresh(gc.freeze)
        else:
            # The title needs neither packs, nor scores, nor the other screens' styles: they come once it is on screen.
            self.call_after_refresh(sheets.read_later, self)
            self.call_after_refresh(self._find_packs)

    def _remember_preferences(self) -> None:
        """The theme of the last launch, and the theme saved whenever it changes (the round settings are read
        when first wanted: see ``settings``)."""
        from quiz import preferences

        theme = preferences.load_theme()
        if theme and theme in self.available_themes and theme != self.theme:
            self.theme = theme

        # (Textual tells the theme at start too; saving what the file holds already writes nothing.)
        self.theme_changed_signal.subscribe(self, lambda changed: preferences.save(theme=changed.name))

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

    def _discover(self, progress: Callable[[Path, float], None] | None = None) -> list[PackEntry]:
        from quiz import catalog

        return catalog.discover(
            extra_paths=self.pack_paths,
            include_builtin=self.include_builtin,
            include_user=self.include_user,
            include_plugins=self.include_builtin,
            progress=progress,
        )

    @property
    def loading_packs(self) -> bool:
        """The packs are still being found."""
        return self._entries is None and self._loader is not None

    def pack_status(self) -> str | None:
        """What the screen says about finding the packs: nothing when done or quick so far."""
        if not self.loading_packs or self._loader is None or self._loader.elapsed < STATUS_DELAY:
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
            self.action_setup()  # Play was chosen meanwhile and the player is still waiting

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
        problem = self.store.problem
        if problem and not self._store_problem_shown:
            self._store_problem_shown = True
            self.notify(problem, title="Scores", severity="warning", timeout=8)

    # -- moving between screens -------------------------------------------------
    def _show(self, screen: Any, callback: Callable[[Any], None] | None = None) -> None:
        """Put ``screen`` on the title (the title stays at the bottom; one screen at a time sits on it)."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()
        self.push_screen(screen, callback)

    def show_title(self) -> None:
        self.session = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    def action_setup(self) -> None:
        """Set up a round (after the packs are in: a slow first reading gets a screen that waits)."""
        if self.loading_packs and self._loader is not None:
            # A quick load is simply waited for (as long as it would be before the status line
            # showed): no flicker, and keys typed after P reach the setup screen.
            entries = self._loader.wait(max(0.0, STATUS_DELAY - self._loader.elapsed))
            if entries is None:
                from quiz.tui.screens.waiting import PacksWaitScreen

                self._show(PacksWaitScreen())
                return
            self._entries = entries  # the loader's message follows and finishes the job
        from quiz.tui.screens.setup import SetupScreen

        self._show(SetupScreen(self.entries, self.selected_packs, self.settings, self.store, self.clock), self._set_up)

    def _set_up(self, session: Session | None) -> None:
        if session is None:
            self.show_title()
            return
        from quiz import preferences

        self.settings = session.settings
        self.selected_packs = {i for i, e in enumerate(self.entries) if e.id in session.packs and e.usable}
        preferences.save(settings=session.settings)  # the setup opens on them next time
        self.play(session)

    def action_study(self) -> None:
        """Study mode: spaced repetition for one learner (``quiz.tui.study``)."""
        from quiz.tui.study import study_screen

        self._show(study_screen(self), lambda _: self.show_title())

    def action_scores(self) -> None:
        from quiz.tui.screens.scores import ScoresScreen

        self._show(ScoresScreen(self.store))

    @property
    def in_round(self) -> bool:
        return any(getattr(s, "IN_ROUND", False) for s in self.screen_stack)

    # -- rounds --------------------------------------------------------------------
    def play(self, session: Session, standings: Session | None = None) -> None:
        """Run ``session`` on screen; ``standings``: the round a review came from, to return to."""
        from quiz.tui.screens.rounds import round_screen_for

        self.session = session
        self._show(round_screen_for(session), lambda result: self._round_over(session, result, standings))

    def _round_over(self, session: Session, result: GameResult | None, standings: Session | None) -> None:
        if result is None:  # the players left the round
            self.show_title()
            return
        if not session.settings.practice:
            game_id = self.store.save_game(result)  # never raises; a problem is said once below
            self.report_store_problem()
            self._saved = (session, replace(result, game_id=game_id))
        self.show_results(session, standings)

    def show_results(self, session: Session, standings: Session | None = None) -> None:
        from quiz.tui.screens.results import ResultsScreen

        record = self._saved[1] if self._saved is not None and self._saved[0] is session else None
        screen = ResultsScreen(session, standings, record)
        self._show(screen, lambda choice: self._after_results(session, standings, choice))

    def _after_results(self, session: Session, standings: Session | None, choice: ResultsChoice | None) -> None:
        from quiz.session import SOLO, Session

        if choice is None or choice.action == "title":
            self.show_title()
        elif choice.action == "new":
            self.action_setup()
        elif choice.action == "standings" and standings is not None:
            self.show_results(standings)
        elif choice.action == "review":
            # Missed questions again, for practice: no points, no timer, not saved.
            stats = session.players[choice.player]
            settings = replace(session.settings, mode=SOLO, players=(choice.player,), practice=True, timer=None)
            review = Session.create([], settings, fixed=stats.mistakes, clock=self.clock, packs=session.packs)
            self.play(review, standings=standings or session)

    # -- leaving -------------------------------------------------------------------
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
            self.push_screen(
                ConfirmModal("Quit the game? This round will be lost.", yes="Quit", no="Keep playing"), quit_
            )

    def action_help(self) -> None:
        from quiz.tui.modals.confirm import ConfirmModal
        from quiz.tui.modals.help import HelpScreen

        if not isinstance(self.screen, (HelpScreen, ConfirmModal)):
            # Each screen names the part of the help that leads when it is opened from there.
            self.push_screen(HelpScreen(getattr(self.screen, "HELP_SECTION", None)))
