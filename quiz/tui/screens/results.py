"""The end of a round: ranking, points and right answers, accuracy per category."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from quiz.engine import Game, PlayerStats, tied
from quiz.tui.widgets.bars import CategoryBars
from quiz.tui.widgets.keybar import KeyBar


def mean_time(stats: PlayerStats) -> str:
    return "–" if stats.mean_time is None else f"{stats.mean_time:.1f} s"


def place_label(place: int, shared: bool) -> str:
    """'2' or, for a place shared by a tie, '2=' (the = says it in text, not colour)."""
    return f"{place}=" if shared else str(place)


def places(game: Game) -> list[tuple[str, PlayerStats]]:
    """Each player with their place as shown in tables: tied players share it."""
    ranking = game.ranking()
    counts: dict[int, int] = {}
    for place, _ in ranking:
        counts[place] = counts.get(place, 0) + 1
    return [(place_label(place, counts[place] > 1), stats) for place, stats in ranking]


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def summary(game: Game) -> str:
    ranking = game.standings()
    top = ranking[0]
    if game.settings.practice:
        return f"Practice done: {top.correct} of {top.answered} right this time."
    if len(ranking) == 1:
        return f"You scored {top.points} points with {top.correct} of {top.answered} right."
    level = [s.name for s in ranking if tied(s, top)]
    if len(level) == len(ranking):
        return f"A tie: everyone has {top.points} points!"
    if len(level) > 1:
        return f"A tie at the top: {_names(level)} have {top.points} points each!"
    return f"{top.name} wins with {top.points} points!"


class ResultsScreen(Screen[None]):
    HELP_SECTION = "Results"
    BINDINGS = [
        Binding("r", "review", "Review mistakes"),
        Binding("n", "new_round", "New round"),
        Binding("escape,t", "title", "Title"),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.ranking = game.standings()
        self.places = places(game)

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
        for place, stats in self.places:
            table.add_row(
                place,
                stats.name,
                str(stats.points),
                f"{stats.correct}/{stats.answered}",
                str(stats.best_streak),
                mean_time(stats),
                key=stats.name,
            )
        table.focus()
        self._name_review_button()

    def _name_review_button(self) -> None:
        # The table's cursor is a colour; the button says in words whose mistakes R replays.
        if len(self.ranking) > 1:
            self.query_one("#review", Button).label = f"Review {self.selected_player().name}'s mistakes (R)"

    @on(DataTable.RowHighlighted, "#ranking")
    def _row_highlighted(self) -> None:
        self._name_review_button()

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
