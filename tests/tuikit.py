"""Driving the app in pilot tests: what the screen shows, and which phase of the round it is in."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from conftest import FIXTURES
from rich.console import Console

from quiz.catalog import load_questions
from quiz.model import Question
from quiz.session import Phase, RoundSettings, Session
from quiz.storage import ScoreStore
from quiz.tui.app import QuizApp
from quiz.tui.round.screen import RoundScreen


def screen_text(app: QuizApp) -> str:
    """What the terminal shows right now, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def in_phase(app: QuizApp, phase: Phase) -> bool:
    """The round is on screen, at ``phase``."""
    return isinstance(app.screen, RoundScreen) and app.screen.session.phase is phase


def on_question(app: QuizApp) -> bool:
    return in_phase(app, Phase.OPEN)


def on_reveal(app: QuizApp) -> bool:
    return in_phase(app, Phase.CLOSED)


def on_handoff(app: QuizApp) -> bool:
    return in_phase(app, Phase.READY)


def begin(
    app: QuizApp,
    settings: RoundSettings,
    fixed: Sequence[Question] | None = None,
    pool: Iterable[Question] | None = None,
) -> Session:
    """Start a round on the app's clock: of exactly ``fixed`` questions, or drawn from its packs."""
    questions = list(pool) if pool is not None else load_questions(app.entries)
    session = Session.create(
        questions if fixed is None else [],
        settings,
        fixed=fixed,
        clock=app.clock,
        packs=[e.id for e in app.entries if e.usable],
    )
    app.play(session)
    return session


def fixed_round(app: QuizApp, *ids: str, **settings: object) -> Session:
    """Start a round of exactly these questions (by id, from the app's packs)."""
    by_id = {q.id: q for q in load_questions(app.entries)}
    base: dict[str, object] = dict(seed=7, timer=20)
    base.update(settings)
    return begin(app, RoundSettings(**base), fixed=[by_id[i] for i in ids])  # type: ignore[arg-type]


def fixture_app(settings: RoundSettings | None = None) -> QuizApp:
    """The whole app from its title, with the fixture pack only and a score store in memory."""
    return QuizApp(
        pack_paths=[FIXTURES / "tui-pack.yaml"],
        include_builtin=False,
        include_user=False,
        settings=settings,
        store=ScoreStore(),
    )
