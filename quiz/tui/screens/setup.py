"""Choosing a round: mode, players, packs, categories, question types, length, timer, difficulty.

The screen dismisses with the round it built (a started-from-nothing Session), or
None when the player goes back; a setting that cannot make a round is said on
the screen, and the player stays to change it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from quiz.catalog import PackEntry, categories_of, load_questions, types_of
from quiz.keys import DEFAULT_BUZZER_KEYS, KeysError, buzzer_keys
from quiz.model import DIFFICULTIES
from quiz.qtypes import TYPES
from quiz.session import HOTSEAT, QUESTION_COUNTS, SOLO, TEAMS, TIMER_CHOICES, RoundError, RoundSettings, Session
from quiz.session.draw import drawable
from quiz.session.settings import BUZZER
from quiz.storage import ScoreStore
from quiz.tui import sheets
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.toggles import MarkedRadioButton as RadioButton
from quiz.tui.widgets.toggles import MarkedSelectionList, RadioRow

MODES = (SOLO, HOTSEAT, TEAMS, BUZZER)
#: Each mode's button, and what the names box asks for in it: (label, placeholder).
MODE_BUTTONS = {
    SOLO: "Solo",
    HOTSEAT: "Hot-seat (2–8)",
    TEAMS: "Teams (2–6)",
    BUZZER: "Buzzer (2–6 teams)",
}
NAMES_PROMPTS = {
    SOLO: ("Your name", "Player"),
    HOTSEAT: ("Players: 2 to 8 names, separated by commas", "Ana, Ben"),
    TEAMS: ("Teams: 2 to 6 names, separated by commas (each answers every question)", "Red, Blue"),
    BUZZER: ("Teams: 2 to 6 names, separated by commas (the first to buzz answers)", "Red, Blue"),
}
DIFFICULTY_CHOICES = (None, *DIFFICULTIES)


def split_names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


class SetupScreen(Screen[Session | None]):
    CSS_PATH = sheets.SETUP
    HELP_SECTION = "Setting up a round"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("f5", "start", "Start"),
    ]

    def __init__(
        self,
        entries: Sequence[PackEntry],
        selected: set[int],
        settings: RoundSettings,
        store: ScoreStore,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.entries = list(entries)
        self.selected = set(selected)
        self.start_settings = settings
        self.store = store
        self.clock = clock

    def compose(self) -> ComposeResult:
        s = self.start_settings
        # A length or timer chosen on the command line (quiz play --questions 12) stays on offer.
        self.counts = tuple(sorted({*QUESTION_COUNTS, s.questions}))
        self.timers = (None, *sorted({*(t for t in TIMER_CHOICES if t is not None), *([s.timer] if s.timer else [])}))
        yield Static("Set up a round", classes="screen-title")
        with VerticalScroll(id="setup-form"):
            yield Label("Mode", classes="field")
            with RadioRow(id="mode", classes="row"):
                for mode, label in MODE_BUTTONS.items():
                    yield RadioButton(label, value=mode == s.mode or (mode == SOLO and s.mode not in MODES))
            yield Label("", id="players-label", classes="field")
            yield Input(", ".join(s.players) if s.players != ("Player",) else "", id="players")
            yield Label("Buzzer keys: one per team, separated by commas", id="keys-label", classes="field")
            yield Input(", ".join(s.keys), placeholder=", ".join(DEFAULT_BUZZER_KEYS[:3]), id="buzzer-keys")
            yield Label("Packs", classes="field")
            yield MarkedSelectionList[int](id="packs")
            yield Static("", id="pack-problems")
            # Side by side: both lists at once, and the rest of the form still on a 24-line screen.
            with Horizontal(id="filters"):
                with Vertical(classes="filter"):
                    yield Label("Categories (none ticked: all)", classes="field")
                    yield MarkedSelectionList[str](id="categories")
                with Vertical(id="type-filter", classes="filter"):
                    yield Label("Question types (none ticked: all)", classes="field")
                    yield MarkedSelectionList[str](id="types")
            yield Static("", id="draw-count", classes="hint")
            yield Label("Questions per player", classes="field")
            with RadioRow(id="questions", classes="row"):
                for n in self.counts:
                    yield RadioButton(str(n), value=n == s.questions)
            yield Label("Timer", classes="field")
            with RadioRow(id="timer", classes="row"):
                for t in self.timers:
                    yield RadioButton("Off" if t is None else f"{t:g} s", value=t == s.timer)
            yield Label("Difficulty", classes="field")
            with RadioRow(id="difficulty", classes="row"):
                for d in DIFFICULTY_CHOICES:
                    yield RadioButton("Any" if d is None else d.capitalize(), value=d == s.difficulty)
            yield Static("", id="setup-error")
            with Horizontal(classes="buttons"):
                yield Button("Start (F5)", id="start", variant="success")
                yield Button("Back", id="back")
        yield KeyBar()

    def on_mount(self) -> None:
        packs = self.query_one("#packs", SelectionList)
        broken: list[str] = []
        for i, entry in enumerate(self.entries):
            if entry.usable:
                label = f"{entry.title} ({entry.total} questions)"
                packs.add_option(Selection(label, i, i in self.selected))
            else:
                name = Path(entry.path).name if entry.path else entry.title
                packs.add_option(Selection(f"✘ {name}: {entry.problem_line()}", i, False, disabled=True))
                broken.append(f"✘ {entry.path or entry.title}: {entry.problem_line()}")
        # The list cuts long lines; the full reasons are repeated below it, wrapped.
        problems = self.query_one("#pack-problems", Static)
        problems.update("\n".join(broken))
        problems.display = bool(broken)
        self._fill_categories()
        self._fill_types()
        self._show_counts()
        self._mode_changed()
        self.query_one("#mode", RadioSet).focus()

    # -- reading the form --------------------------------------------------
    def _pressed(self, radio_id: str) -> int:
        return max(0, self.query_one(f"#{radio_id}", RadioSet).pressed_index)

    @property
    def mode(self) -> str:
        return MODES[self._pressed("mode")]

    def selected_entries(self) -> list[PackEntry]:
        chosen = self.query_one("#packs", SelectionList).selected
        return [self.entries[i] for i in sorted(chosen)]

    def _fill_categories(self) -> None:
        """The categories the chosen packs hold, ticked as before (or as on the command line)."""
        categories = self.query_one("#categories", SelectionList)
        keep = set(categories.selected) or {c.casefold() for c in self.start_settings.categories}
        with self.prevent(SelectionList.SelectedChanged):
            categories.clear_options()
            for name in categories_of(self.selected_entries()):
                categories.add_option(Selection(name, name, name.casefold() in keep or name in keep))

    def _fill_types(self) -> None:
        """The types the chosen packs hold, ticked as before (or as on the command line)."""
        types = self.query_one("#types", SelectionList)
        keep = set(types.selected) or set(self.start_settings.types)
        with self.prevent(SelectionList.SelectedChanged):
            types.clear_options()
            for name in types_of(self.selected_entries()):
                types.add_option(Selection(TYPES[name].title, name, name in keep))

    def _show_counts(self) -> None:
        """Beside each category and type, how many questions a round can draw with the other filters as set.

        One question per fact: four ways of asking the same fact count once. Counts change as
        the other filters do, and the line below them says what the whole round can draw.
        """
        pool = load_questions(self.selected_entries())
        level = DIFFICULTY_CHOICES[self._pressed("difficulty")]
        pool = [q for q in pool if level is None or q.difficulty == level]
        categories = self.query_one("#categories", SelectionList)
        types = self.query_one("#types", SelectionList)
        chosen_categories = {str(c).casefold() for c in categories.selected}
        chosen_types = set(types.selected)
        in_category = [q for q in pool if not chosen_categories or q.category.casefold() in chosen_categories]
        of_type = [q for q in pool if not chosen_types or q.type in chosen_types]
        for index in range(categories.option_count):
            name = str(categories.get_option_at_index(index).value)
            count = drawable(q for q in of_type if q.category == name)
            categories.replace_option_prompt_at_index(index, f"{name} ({count})")
        for index in range(types.option_count):
            kind = str(types.get_option_at_index(index).value)
            count = drawable(q for q in in_category if q.type == kind)
            types.replace_option_prompt_at_index(index, f"{TYPES[kind].title} ({count})")
        total = drawable(q for q in in_category if not chosen_types or q.type in chosen_types)
        self.query_one("#draw-count", Static).update(
            f"A round can draw {total} question{'s' if total != 1 else ''} with these filters (one per fact)."
        )

    def _mode_changed(self) -> None:
        label_text, placeholder = NAMES_PROMPTS[self.mode]
        self.query_one("#players-label", Label).update(label_text)
        self.query_one("#players", Input).placeholder = placeholder
        for widget_id in ("#keys-label", "#buzzer-keys"):
            self.query_one(widget_id).display = self.mode == BUZZER

    @on(RadioSet.Changed, "#mode")
    def _on_mode(self) -> None:
        self._mode_changed()

    @on(SelectionList.SelectedChanged, "#packs")
    def _on_packs(self) -> None:
        self._fill_categories()
        self._fill_types()
        self._show_counts()

    @on(SelectionList.SelectedChanged, "#categories, #types")
    @on(RadioSet.Changed, "#difficulty")
    def _on_filters(self) -> None:
        self._show_counts()

    def settings(self) -> RoundSettings:
        names = split_names(self.query_one("#players", Input).value)
        keys: tuple[str, ...] = ()
        if self.mode == BUZZER:
            try:
                keys = buzzer_keys(self.query_one("#buzzer-keys", Input).value, len(names))
            except KeysError as exc:
                raise RoundError(str(exc)) from None
        if self.mode == SOLO and not names:
            names = ("Player",)
        return replace(
            self.start_settings,
            mode=self.mode,
            players=names,
            keys=keys,
            categories=tuple(self.query_one("#categories", SelectionList).selected),
            types=tuple(self.query_one("#types", SelectionList).selected),
            questions=self.counts[self._pressed("questions")],
            timer=self.timers[self._pressed("timer")],
            difficulty=DIFFICULTY_CHOICES[self._pressed("difficulty")],
            practice=False,
        )

    # -- actions -----------------------------------------------------------
    def show_error(self, message: str) -> None:
        error = self.query_one("#setup-error", Static)
        error.update(f"✘ {message}" if message else "")
        if message:
            # After the next layout: a wrapped message is taller than the line it replaced.
            self.call_after_refresh(error.scroll_visible, animate=False)

    def action_start(self) -> None:
        entries = self.selected_entries()
        if not entries:
            self.show_error("Tick at least one pack.")
            return
        try:
            settings = self.settings()
            settings.check()
            recent = self.store.recently_seen_by(settings.players)
            session = Session.create(
                load_questions(entries), settings, recent=recent, clock=self.clock, packs=[e.id for e in entries]
            )
        except RoundError as exc:
            self.show_error(f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
            return
        self.dismiss(session)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#players, #buzzer-keys")
    def _on_names_submitted(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#start")
    def _on_start(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    @on(Button.Pressed, "#back")
    def _on_back(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_back()
