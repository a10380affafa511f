"""Every built-in theme keeps the game's coloured text readable (checked as contrast, not by eye)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from textual.app import App
from textual.color import Color

from quiz.packcache import load_pack
from quiz.session import HOTSEAT, RoundSettings, Session
from quiz.storage import ScoreStore
from quiz.tui.app import QuizApp
from quiz.tui.widgets.countdown import Countdown

PACK = load_pack(FIXTURES / "tui-pack.yaml")
BY_ID = {q.id: q for q in PACK.questions}
#: WCAG's minimum for bold or large text; all the coloured text here is bold or a headline.
MIN_CONTRAST = 3.0
THEMES = sorted(name for name in App().available_themes if not name.startswith("ansi"))


def luminance(c: Color) -> float:
    def channel(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(widget) -> float:
    _, _, background, color = widget.colors
    fg = background + color  # text drawn over its own background
    high, low = sorted((luminance(fg), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def check(app, selectors: list[str], theme: str) -> None:
    for selector in selectors:
        widget = app.screen.query_one(selector)
        assert contrast(widget) >= MIN_CONTRAST, f"{selector} is hard to read in {theme}: {contrast(widget):.1f}"


@pytest.mark.parametrize("theme", THEMES)
async def test_coloured_text_stays_readable_in_every_theme(theme, monkeypatch):
    monkeypatch.setattr(Session, "READY_GUARD", 0.0)  # hand-offs pass at once: colours are tested here
    q = BY_ID["tui-producer"]
    settings = RoundSettings(seed=1, timer=20, mode=HOTSEAT, players=("Ana", "Ben"))
    game = Session.create([], settings, fixed=[q], clock=lambda: 0.0)
    app = QuizApp(entries=[], store=ScoreStore(), settings=settings, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        check(app, ["#banner", "#tagline"], theme)
        app.play(game)
        await pilot.pause()
        check(app, ["#next-player"], theme)  # hot-seat opens on the hand-off
        await pilot.press("enter")
        await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        check(app, ["Countdown", "#question-type"], theme)
        countdown.remaining = 2  # the last seconds turn to the warning colour
        await pilot.pause()
        check(app, ["Countdown"], theme)
        await pilot.press(str(game.turn.options.index(q.answers[0]) + 1))
        await pilot.pause()
        check(app, ["#verdict", "#points", "#running-total", "#source"], theme)
        await pilot.press("enter")  # Ben's turn: answer wrong
        await pilot.pause()
        check(app, ["#next-player"], theme)
        await pilot.press("enter")
        await pilot.pause()
        wrong = next(i for i, o in enumerate(game.turn.options) if o != q.answers[0])
        await pilot.press(str(wrong + 1))
        await pilot.pause()
        check(app, ["#verdict"], theme)


@pytest.mark.parametrize("theme", THEMES)
async def test_the_presenter_screen_is_readable_in_every_theme(theme):
    settings = RoundSettings(mode="presenter", players=("Red", "Blue"), timer=30, seed=1)
    session = Session.create([], settings, fixed=[BY_ID["tui-producer"]], clock=lambda: 0.0)
    app = QuizApp(entries=[], store=ScoreStore(), settings=settings, session=session, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await pilot.pause()
        check(
            app,
            [
                "#present-number",
                "#present-timer",
                "#present-category",
                "#present-type",
                "#present-prompt",
                "#present-options",
                "#present-score-0",
            ],
            theme,
        )
        await pilot.press("r", "1")
        await pilot.pause()
        check(app, ["#present-answer", "#present-explanation", "#present-source", "#present-note"], theme)
