"""The title is drawn with the shared style sheet only; the other screens' sheets come right after it.

Textual parses every sheet before the first frame, so the round's, the setup
screen's and the presenter's wait until the title is on screen. Read then, they
are parsed alone; a screen that had to bring its own sheet would make Textual
parse every sheet again.
"""

from __future__ import annotations

from tuikit import fixture_app, on_question

from quiz.session import RoundSettings
from quiz.tui import sheets
from quiz.tui.screens.setup import SetupScreen

ROUND = RoundSettings(seed=1, timer=None, questions=2)


async def test_the_title_is_drawn_before_the_other_sheets_are_read_and_they_follow_it():
    app = fixture_app(ROUND)
    at_first_frame: list[bool] = []
    display = app._display

    def first_frame(screen, renderable):  # the moment the frame goes to the terminal
        if not at_first_frame:
            at_first_frame.append(any(app.stylesheet.has_source(path) for path in sheets.LATER))
        return display(screen, renderable)

    app._display = first_frame  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert at_first_frame == [False]
        assert all(app.stylesheet.has_source(path) for path in sheets.LATER)


async def test_opening_the_setup_screen_and_a_round_parses_no_sheet_again():
    app = fixture_app(ROUND)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reparsed: list[bool] = []
        reparse = app.stylesheet.reparse
        app.stylesheet.reparse = lambda: (reparsed.append(True), reparse())[1]  # type: ignore[method-assign]
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("f5")
        await pilot.pause()
        assert on_question(app)
        assert reparsed == []
        # ...and the round is styled by its own sheet: the question's header has its colour bar.
        header = app.screen.query_one("#question-header")
        assert header.styles.height is not None and header.styles.height.value == 1
