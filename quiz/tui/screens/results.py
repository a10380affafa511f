"""The end of a round: ranking, points and right answers, accuracy per category.

It dismisses with what the players chose next: review someone's mistakes, a new
round, the title, or (after a review) the standings of the round it came from.
E writes the game's report (``quiz.report``) into the data folder and says where;
practice rounds are not saved and have none.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from quiz.session import GameResult, PlayerStats, Session, tied
from quiz.tui.places import place_label
from quiz.tui.widgets.bars import CategoryBars
from quiz.tui.widgets.keybar import KeyBar


@dataclass(frozen=True)
class ResultsChoice:
    action: str  # "review" | "new" | "title" | "standings"
    player: str = ""


def mean_time(stats: PlayerStats) -> str:
    return "–" if stats.mean_time is None else f"{stats.mean_time:.1f} s"


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def summary(game: Session) -> str:
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


EXPORT_HINT = "A spreadsheet (xlsx) and a printable page (HTML) of this game, saved in the data folder."


class ResultsScreen(Screen[ResultsChoice]):
    HELP_SECTION = "Results"
    DEFAULT_CSS = """
    #export-status { width: 1fr; height: auto; padding-top: 1; }
    """
    BINDINGS = [
        Binding("r,R", "review", "Review mistakes"),
        Binding("b,B", "standings", "Standings"),
        Binding("n,N", "new_round", "New round"),
        Binding("e,E", "export", "Export report"),
        Binding("escape,t,T", "title", "Title"),
    ]

    #: What E writes: a spreadsheet and a printable page (``quiz report`` also writes CSV).
    EXPORT_FORMATS = ("xlsx", "html")

    def __init__(self, game: Session, standings: Session | None = None, record: GameResult | None = None) -> None:
        super().__init__()
        self.game = game
        #: The saved game's record, which E exports (None for practice: not saved, no report).
        self.record = record
        self.exporting = False
        #: The round a review came from: B goes back to its standings.
        self.standings = standings
        self.ranking = game.standings()
        self.places = [(place_label(p), p.stats) for p in game.ranking()]

    def compose(self) -> ComposeResult:
        title = "Practice results" if self.game.settings.practice else "Results"
        yield Static(title, classes="screen-title")
        with VerticalScroll(id="results-body"):
            yield Static(summary(self.game), id="summary", markup=False)
            yield DataTable(id="ranking", cursor_type="row", zebra_stripes=True)
            for stats in self.ranking:
                yield Static(
                    f"{stats.name}: accuracy by category ({round(stats.accuracy * 100)}% overall)",
                    classes="section-title",
                    markup=False,
                )
                yield CategoryBars(stats.per_category, classes="bars")
            with Horizontal(classes="buttons"):
                yield Button("Review mistakes (R)", id="review", variant="primary")
                if self.standings is not None:
                    yield Button("Standings (B)", id="standings")
                yield Button("New round (N)", id="new")
                yield Button("Title (T)", id="title")
            if self.record is not None:
                # A row of its own, with room to say where the report went: the row above is full at 80 columns.
                with Horizontal(classes="buttons", id="export-row"):
                    yield Button("Export report (E)", id="export")
                    yield Static(EXPORT_HINT, id="export-status")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#ranking", DataTable)
        table.add_columns("#", "Player", "Points", "Correct", "Best streak", "Mean time")
        for place, stats in self.places:
            table.add_row(
                place,
                Text(stats.name),  # a name is shown as written, never read as markup
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
            self.query_one("#review", Button).label = Content(f"Review {self.selected_player().name}'s mistakes (R)")

    @on(DataTable.RowHighlighted, "#ranking")
    def _row_highlighted(self) -> None:
        self._name_review_button()

    def selected_player(self) -> PlayerStats:
        table = self.query_one("#ranking", DataTable)
        row = table.cursor_row if 0 <= table.cursor_row < len(self.ranking) else 0
        return self.ranking[row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "standings":
            return self.standings is not None
        if action == "export":
            return self.record is not None
        return True

    def action_review(self) -> None:
        stats = self.selected_player()
        if not stats.mistakes:
            self.notify(f"{stats.name} made no mistakes to review. Well done!")
            return
        self.dismiss(ResultsChoice("review", stats.name))

    def action_standings(self) -> None:
        self.dismiss(ResultsChoice("standings"))

    def action_new_round(self) -> None:
        self.dismiss(ResultsChoice("new"))

    def action_title(self) -> None:
        self.dismiss(ResultsChoice("title"))

    def action_export(self) -> None:
        if self.record is None or self.exporting:
            return
        self.exporting = True
        self._say("Writing the report…")
        record = self.record
        # openpyxl and a large room's answers take a moment: the screen stays live meanwhile.
        self.run_worker(lambda: self._write_reports(record), thread=True, group="export", exit_on_error=False)

    def _write_reports(self, record: GameResult) -> None:
        """In a worker thread: write the report in each format into the reports folder, then say where."""
        from quiz import locations
        from quiz.report import SUFFIXES, report_stem, write_report

        folder = locations.reports_dir()
        stem = report_stem(record)
        try:
            files = [
                f for fmt in self.EXPORT_FORMATS for f in write_report(record, folder / (stem + SUFFIXES[fmt]), fmt)
            ]
        except OSError as exc:
            where = exc.filename or folder
            message = f"The report could not be written to {where}: {(exc.strerror or str(exc)).lower()}."
            self.app.call_from_thread(self._exported, message, False)
            return
        except Exception as exc:  # noqa: BLE001 - a failed report must not end the game: say so, carry on
            self.app.call_from_thread(self._exported, f"The report could not be written: {exc}", False)
            return
        message = f"Report saved in {folder}: {', '.join(f.name for f in files)}"
        self.app.call_from_thread(self._exported, message, True)

    def _exported(self, message: str, ok: bool) -> None:
        self.exporting = False
        self.app.notify(message, title="Report", severity="information" if ok else "error", timeout=10)
        if self.is_attached:  # (the players may have left the screen meanwhile)
            self._say(message)

    def _say(self, message: str) -> None:
        status = self.query_one("#export-status", Static)
        status.update(message)
        # Once laid out again at its new height, so every line of it shows.
        self.call_after_refresh(status.scroll_visible, animate=False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "review": self.action_review,
            "standings": self.action_standings,
            "new": self.action_new_round,
            "title": self.action_title,
            "export": self.action_export,
        }
        actions[str(event.button.id)]()
