"""Before and after a study session: who studies, and each category's progress as a bar to pick from."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from quiz.session.settings import MAX_NAME
from quiz.study import ALL, CategoryProgress
from quiz.tui.answers.pointed import PointedList
from quiz.tui.widgets.bars import bar

#: The bar is narrower than the results screen's, so a row fits 80 columns with every number beside it.
BAR_WIDTH = 16
LEGEND = "Known: right on two days running. Missed ones come back soon."
#: Longer category names are cut (with …) so the bars stay in one column.
NAME_WIDTH = 20


def _name(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class StudyChoices(PointedList):
    """One row per category (all of them first): bar, percent known, and the numbers written out."""

    class Chosen(Message):
        """Study this: ``categories`` empty means all of them."""

        def __init__(self, categories: tuple[str, ...]) -> None:
            super().__init__()
            self.categories = categories

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[CategoryProgress] = []
        self.width = NAME_WIDTH

    def _prompt(self, index: int) -> Content:
        r = self.rows[index]
        numbers = f"{r.known}/{r.total} known · {r.due} due · {r.new} new"
        return Content.assemble(
            (self.pointer(index), "bold"),
            " ",
            _name(r.category, self.width).ljust(self.width),
            " ",
            (bar(r.share, BAR_WIDTH), "bold"),
            f" {r.percent:>3}%  ",
            numbers,
        )

    def show(self, rows: Sequence[CategoryProgress], select: str | None = None) -> None:
        """New numbers in place; the highlighted row stays where it was, or moves to the category ``select``."""
        # All categories first; alone (one category), its row says it all.
        rows = [rows[-1], *rows[:-1]] if len(rows) > 2 else list(rows[:1])
        keep = self.highlighted if self.highlighted is not None and self.rows else 0
        names = [r.category for r in rows]
        if select in names:
            keep = names.index(select)
        self.rows = rows
        self.width = min(NAME_WIDTH, max(len(r.category) for r in rows)) if rows else NAME_WIDTH
        self._pointed = min(keep, len(rows) - 1) if rows else None
        if len(rows) == self.option_count:
            for i in range(len(rows)):
                self.replace_option_prompt_at_index(i, self._prompt(i))
        else:
            self.clear_options()
            self.add_options([Option(self._prompt(i)) for i in range(len(rows))])
        if rows:
            self.highlighted = self._pointed

    def chosen_categories(self) -> tuple[str, ...] | None:
        index = self.highlighted
        if index is None or not self.rows:
            return None
        name = self.rows[index].category
        return () if name == ALL else (name,)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        categories = self.chosen_categories()
        if categories is not None:
            self.post_message(self.Chosen(categories))


class OverviewView(Vertical):
    """The learner's name, what they could study and how far they have got."""

    DEFAULT_CSS = """
    OverviewView #overview-body {
        padding: 0 1;
        height: 1fr;
    }
    OverviewView #study-message {
        text-style: bold;
        margin-top: 1;
    }
    OverviewView #learner-row {
        height: auto;
    }
    OverviewView #learner-row Label {
        padding: 1 1 0 0;
        text-style: bold;
    }
    OverviewView #learner {
        width: 28;
    }
    OverviewView #choices-title {
        text-style: bold;
    }
    OverviewView StudyChoices {
        height: auto;
        max-height: 12;
    }
    """

    def __init__(self, learner: str) -> None:
        super().__init__(id="overview-view")
        self.learner = learner

    def compose(self) -> ComposeResult:
        yield Static("Study mode", classes="screen-title")
        with VerticalScroll(id="overview-body"):
            yield Static("", id="study-message")
            with Horizontal(id="learner-row"):
                yield Label("Learner:")
                yield Input(self.learner, id="learner", max_length=MAX_NAME, placeholder="Your name")
            yield Static("Study what? ↑/↓ then Enter. The bars show the questions you know.", id="choices-title")
            yield StudyChoices(id="study-choices")
            yield Static("", id="study-boxes")
            yield Static(LEGEND, id="study-legend", classes="hint")

    def say(self, note: str) -> None:
        self.query_one("#study-message", Static).update(note)

    def show(self, note: str, rows: Sequence[CategoryProgress], boxes: str, select: str | None = None) -> None:
        self.say(note)
        self.query_one(StudyChoices).show(rows, select)
        self.query_one("#study-boxes", Static).update(boxes)
