"""The end of a round: ranking, points and right answers, accuracy per category."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from quiz.engine import Game, PlayerStats
from quiz.tui.widgets.bars import CategoryBars
from quiz.tui.widgets.keybar import KeyBar


def mean_time(stats: PlayerStats) -> str:
    return "–" if stats.mean_time is None else f"{stats.mean_time:.1f} s"


def summary(game: Game) -> str:
    ranking = game.standings()
    top = ranking[0]
    if game.settings.practice:
        return f"Practice done: {top.correct} of {top.answered} right this time."
    if len(ranking) == 1:
        return f"You scored {top.points} points with {top.correct} of {top.answered} right."
    if len(ranking) > 1 and (ranking[1].points, ranking[1].correct) == (top.points, top.correct):
        return f"A tie at the top: {top.points} points each!"
    return f"{top.name} wins with {top.points} points!"


class ResultsScreen(Screen[None]):
    BINDINGS = [
        Binding("r", "review", "Review mistakes"),
        Binding("n", "new_round", "New round"),
        Binding("escape,t", "title", "Title"),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.ranking = game.standings()

    def compose(self) -> ComposeResult:
        title = "Practice results" if self.game.settings.practice else "Results"
        yield Static(title, classes="screen-title")
        with VerticalScroll(id="results-body"):
            yield Static(summary(self.game), id="summary")
            yield DataTable(id="ranking", cursor_type="row", zebra_stripes=True)
            for stats in self.ranking:
                yield Static(
                    f"{stats.name}: accuracy by category ({round(stats.accuracy * 100)}% overall)",
                    classes="section-title",
                )
                yield CategoryBars(stats.per_category, classes="bars")
            with Horizontal(classes="buttons"):
                yield Button("Review mistakes (R)", id="review", variant="primary")
                yield Button("New round (N)", id="new")
                yield Button("Title (T)", id="title")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#ranking", DataTable)
        table.add_columns("#", "Player", "Points", "Correct", "Best streak", "Mean time")
        for rank, stats in enumerate(self.ranking, 1):
            table.add_row(
                str(rank),
                stats.name,
                str(stats.points),
                f"{stats.correct}/{stats.answered}",
                str(stats.best_streak),
                mean_time(stats),
                key=stats.name,
            )
        table.focus()

    def selected_player(self) -> PlayerStats:
        table = self.query_one("#ranking", DataTable)
        row = table.cursor_row if 0 <= table.cursor_row < len(self.ranking) else 0
        return self.ranking[row]

    def action_review(self) -> None:
        stats = self.selected_player()
        if not stats.mistakes:
            self.notify(f"{stats.name} made no mistakes to review. Well done!")
            return
        self.app.review(stats.name, stats.mistakes)

    def action_new_round(self) -> None:
        self.app.open_setup()

    def action_title(self) -> None:
        self.app.show_title()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"review": self.action_review, "new": self.action_new_round, "title": self.action_title}[event.button.id]()
