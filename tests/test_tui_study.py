"""Study mode on screen: pilot tests that press keys, and pictures of the study screen at 80×24 and 120×36."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import FIXTURES
from tuikit import screen_text

from quiz.catalog import discover, load_questions
from quiz.model import MULTIPLE_CHOICE, TRUE_FALSE
from quiz.storage import ScoreStore
from quiz.study import Card, Study, card_key
from quiz.tui.app import QuizApp
from quiz.tui.screens.title import TitleScreen
from quiz.tui.study import StudyApp, StudyScreen

TUI_PACK = FIXTURES / "tui-pack.yaml"
DAY1 = date(2026, 5, 1)
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


def tui_entries():
    return discover(extra_paths=[TUI_PACK], include_builtin=False, include_user=False, include_plugins=False)


def keyed_questions():
    """The questions answered with one key (multiple choice, true or false)."""
    return [q for q in load_questions(tui_entries()) if q.type in (MULTIPLE_CHOICE, TRUE_FALSE)]


class MemoryStore:
    """Cards in a dict; nothing on disk, so pictures never change."""

    problem = None

    def __init__(self, cards=None) -> None:
        self.cards = dict(cards or {})

    def study_cards(self, learner):
        return dict(self.cards)

    def save_study_card(self, learner, card):
        self.cards[card.key] = card
        return True


def study_app(tmp_path, questions=None, store=None, learner="Ana", categories=(), seed=3) -> StudyApp:
    store = store if store is not None else ScoreStore(tmp_path / "scores.sqlite3")
    study = Study(
        learner, questions if questions is not None else keyed_questions(), store, today=lambda: DAY1, seed=seed
    )
    app_store = store if isinstance(store, ScoreStore) else ScoreStore(tmp_path / "app.sqlite3")
    return StudyApp(study, categories, entries=tui_entries(), store=app_store)


def key_for(screen: StudyScreen, right: bool) -> str:
    """The key that answers the question on screen, rightly or not."""
    item = screen.session.current
    q = item.question
    if q.type == TRUE_FALSE:
        return "t" if (q.answers[0] == "true") == right else "f"
    target = q.answers[0] if right else next(o for o in item.options if o != q.answers[0])
    return str(item.options.index(target) + 1)


async def answer(pilot, right: bool) -> str:
    """Answer the question on screen with its key; the id of the question answered."""
    screen = pilot.app.screen
    q = screen.session.current.question
    await pilot.press(key_for(screen, right))
    await pilot.pause()
    assert screen.phase == "reveal"
    return q.id


async def test_a_missed_question_comes_back_after_three_others_and_then_moves_up(tmp_path):
    app = study_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.phase == "question"
        first = screen.session.current.question
        assert "Ana · new question" in screen_text(app) and first.prompt[:40] in screen_text(app)
        await answer(pilot, right=False)
        text = screen_text(app)
        assert "✘ Wrong" in text and "Correct answer: " in text
        assert "New question, now in box 1: it comes back after 3 other questions." in text
        assert "This session: 0 right, 1 wrong" in text
        await pilot.press("enter")
        await pilot.pause()
        others = []
        for _ in range(3):
            assert screen.session.current.question is not first
            others.append(await answer(pilot, right=True))
            assert "New question, now in box 2: it comes back tomorrow." in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
        # Back after three others, in box 1 now, with its options shuffled afresh.
        assert screen.session.current.question is first
        assert "Ana · box 1" in screen_text(app)
        await answer(pilot, right=True)
        assert "✔ Right!" in screen_text(app)
        assert "Up from box 1 to box 2: it comes back tomorrow." in screen_text(app)
        while screen.phase != "overview":
            await pilot.press("enter")
            await pilot.pause()
            if screen.phase == "question":
                await answer(pilot, right=True)
        text = screen_text(app)
        n = len(keyed_questions())
        assert f"Session done: {n} questions, {n - 1} right the first time; 1 missed and practised again" in text
        assert f"0/{n} known · 0 due · 0 new" in text
        assert f"Box 1: 0 · box 2: {n} · box 3: 0" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
    with ScoreStore(tmp_path / "scores.sqlite3") as store:
        cards = store.study_cards("ana")
    assert {c.box for c in cards.values()} == {2} and len(cards) == len(keyed_questions())
    assert cards[card_key(first)].times_wrong == 1 and cards[card_key(first)].due == DAY1 + timedelta(days=1)


async def test_stopping_midway_keeps_the_answers_and_nothing_is_due_again_today(tmp_path):
    app = study_app(tmp_path, questions=keyed_questions()[:2])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await answer(pilot, right=True)
        await pilot.press("escape")  # stop: no question asked, nothing lost
        await pilot.pause()
        assert screen.phase == "overview"
        assert "Stopped after 1 answer: 1 right the first time." in screen_text(app)
        # Study again: only the one not yet answered is new; then nothing is left for today.
        await pilot.press("enter")
        await pilot.pause()
        assert screen.phase == "question" and screen.session.planned == 1
        await answer(pilot, right=True)
        await pilot.press("enter")
        await pilot.pause()
        assert "Session done: 1 question, 1 right the first time. Nothing is due here today: come back tomorrow." in (
            " ".join(screen_text(app).split())
        )
        await pilot.press("enter")
        await pilot.pause()
        assert screen.phase == "overview"
        assert "Nothing is due here today: come back tomorrow." in screen_text(app)


async def test_study_opens_from_the_title_with_t_and_each_learner_has_their_own_boxes(tmp_path):
    store = ScoreStore(tmp_path / "scores.sqlite3")
    app = QuizApp(pack_paths=[TUI_PACK], include_builtin=False, include_user=False, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.phase == "overview"
        assert "Choose what to study." in screen_text(app)
        assert "All categories" in screen_text(app) and "0/14 known · 0 due · 14 new" in screen_text(app)
        # The learner's name: Shift+Tab to the box, replace "Player" with "Ben", Enter starts on all categories.
        await pilot.press("shift+tab")
        await pilot.press(*["backspace"] * len("Player"))
        await pilot.pause()
        assert "Type the learner's name" in screen_text(app)
        await pilot.press(*"Ben")
        await pilot.pause()
        assert screen.study.learner == "Ben"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.phase == "question" and "Ben · new question" in screen_text(app)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        # A category picked with the arrows: only its questions are asked.
        await pilot.press("t")
        await pilot.pause()
        rows = [r.category for r in app.screen.query_one("#study-choices").rows]
        await pilot.press(*["down"] * rows.index("producers"), "enter")
        await pilot.pause()
        assert app.screen.session.planned == 3
        assert {app.screen.session.current.question.category} == {"producers"}


async def test_a_typed_answer_works_in_study_too(tmp_path):
    questions = [q for q in load_questions(tui_entries()) if q.id == "tui-roglic"]
    app = study_app(tmp_path, questions=questions)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        accepted = questions[0].answers[0]
        await pilot.press(*accepted, "enter")  # letters type into the box; they do not pick options
        await pilot.pause()
        assert app.screen.phase == "reveal" and "✔ Right!" in screen_text(app)


# -- pictures ------------------------------------------------------------------------------
def seeded_store() -> MemoryStore:
    """A learner part of the way: some questions known, two due today (a multiple choice and a true/false)."""
    questions = load_questions(tui_entries())
    cards = {}
    boxes = {
        "tui-producer": 1,
        "tui-dts-date": 2,
        "tui-episodes": 3,
        "tui-joint-venture": 4,
        "tui-teams": 5,
        "tui-aso-comment": 3,
        "tui-roglic": 2,
        "tui-territories": 4,
        "tui-minutes": 5,
        "tui-docs-order": 3,
        "tui-docs-teams": 2,
        "tui-broadcaster": 4,
        "tui-atp": 5,
    }
    for q in questions:
        if q.id in boxes:
            box = boxes[q.id]
            due = DAY1 if q.id in ("tui-producer", "tui-dts-date") else DAY1 + timedelta(days=box)
            cards[card_key(q)] = Card(q.pack, q.id, box, due, DAY1 - timedelta(days=1))
    return MemoryStore(cards)


def picture_app(tmp_path) -> StudyApp:
    return study_app(tmp_path, questions=load_questions(tui_entries()), store=seeded_store(), seed=7)


@pytest.mark.parametrize("size", SIZES)
def test_study_question(snap_compare, size, tmp_path):
    assert snap_compare(picture_app(tmp_path), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_study_reveal_missed(snap_compare, size, tmp_path):
    async def run_before(pilot):
        await pilot.pause()
        await answer(pilot, right=False)

    assert snap_compare(picture_app(tmp_path), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_study_progress_after_a_session(snap_compare, size, tmp_path):
    async def run_before(pilot):
        await pilot.pause()
        screen = pilot.app.screen
        while screen.phase != "overview":
            if screen.phase == "question":
                await answer(pilot, right=True)
            await pilot.press("enter")
            await pilot.pause()

    assert snap_compare(picture_app(tmp_path), run_before=run_before, terminal_size=size)
