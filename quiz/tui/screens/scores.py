"""High scores and recent games, from the score store."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quiz.session.scoreboard import place_text, shared_places
from quiz.session.settings import MODE_TITLES
from quiz.storage import ScoreStore
from quiz.tui.widgets.keybar import KeyBar


def _time(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


#: Parts of a game's settings that say "the default": left out so the row fits 80 columns.
_DEFAULT_PARTS = ("any difficulty", "all categories")


def short_settings(text: str) -> str:
    """A game's settings without the defaults and the seed (``quiz scores --recent`` has them all)."""
    parts = [p for p in text.split(" · ") if p not in _DEFAULT_PARTS and not p.startswith("seed ")]
    return " · ".join(parts)


class ScoresScreen(Screen[None]):
    HELP_SECTION = "High scores"
    BINDINGS = [Binding("escape,t,T", "back", "Back")]

    def __init__(self, store: ScoreStore) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Static("High scores", classes="screen-title")
        with VerticalScroll(id="scores-body"):
            yield DataTable(id="top", cursor_type="row", zebra_stripes=True)
            yield Static("Recent games", classes="section-title")
            yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)
            yield Static("", id="scores-empty", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        store = self.store
        try:
            top = store.top_scores(10)
            recent = store.recent_games(10)
        except Exception:  # a failing store shows empty tables; play is unaffected
            top, recent = [], []
        table = self.query_one("#top", DataTable)
        # Short headings keep every column on an 80-column screen.
        table.add_columns("#", "Player", "Points", "Right", "Acc.", "Streak", "Avg time", "Mode", "Date")
        # Level on points and right answers: one place, as on the results screen (1=, 1=, 3).
        places = shared_places([(row.points, row.correct) for row in top])
        for place, row in zip(places, top):
            table.add_row(
                place_text(*place),
                Text(row.player),  # names as written, never read as markup
                str(row.points),
                f"{row.correct}/{row.asked}",
                f"{round(row.accuracy * 100)}%",
                str(row.best_streak),
                _time(row.mean_time),
                MODE_TITLES.get(row.mode, row.mode),
                str(row.played_at)[:10],
            )
        games = self.query_one("#recent", DataTable)
        games.add_columns("Date", "Mode", "Players", "Winner", "Settings")
        for game in recent:
            games.add_row(
                str(game.played_at)[:16].replace("T", " "),
                MODE_TITLES.get(game.mode, game.mode),
                Text(", ".join(game.players)),
                Text(game.winner or "–"),
                short_settings(game.settings),
            )
        if not top:
            self.query_one("#scores-empty", Static).update("No games saved yet. Play a round to get on the board!")
        table.focus()

    def action_back(self) -> None:
        self.dismiss(None)
