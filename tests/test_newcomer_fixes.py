"""What a newcomer hit while playing (issue 11): each fix pinned by a test that failed before it."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES
from sessionkit import FakeClock
from tuikit import fixture_app, on_handoff, on_question, on_reveal, screen_text

from quiz import locations, preferences
from quiz.packcache import load_pack
from quiz.session import HOTSEAT, Phase, RoundSettings, Session
from quiz.storage import ScoreStore
from quiz.tui.app import QuizApp
from quiz.tui.modals.confirm import ConfirmModal
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.screens.setup import SetupScreen
from quiz.tui.screens.title import TitleScreen

PACK = load_pack(FIXTURES / "tui-pack.yaml")
BY_ID = {q.id: q for q in PACK.questions}


def one_round(*ids: str, clock=None, size_players=("Player",), mode="solo", timer=20.0) -> tuple[QuizApp, Session]:
    clock = clock or FakeClock()
    settings = RoundSettings(seed=5, timer=timer, mode=mode, players=size_players)
    session = Session.create([], settings, fixed=[BY_ID[i] for i in ids], clock=clock)
    return QuizApp(entries=[], store=ScoreStore(), session=session, settings=settings, clock=clock), session


# -- 2: a dialog pauses the question and hides it; nothing is refunded ----------------------
@pytest.mark.parametrize("dialog", ["f1", "escape", "ctrl+p"])
async def test_a_dialog_pauses_and_hides_the_question_and_refunds_nothing(dialog):
    clock = FakeClock()
    app, session = one_round("tui-producer", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        clock.advance(11.0)
        await pilot.pause(0.15)
        assert "9 s left" in screen_text(app)
        await pilot.press(dialog)
        await pilot.pause()
        assert session.paused
        round_screen = app.screen_stack[-2]
        assert not round_screen.query_one("#prompt").display  # hidden under the dialog: no free thinking time
        clock.advance(100.0)  # far past the timer, spent in the dialog
        await pilot.pause(0.25)
        assert session.phase is Phase.OPEN  # no "Time's up" under the dialog
        await pilot.press("escape")
        await pilot.pause(0.15)
        assert not session.paused and on_question(app)
        assert round_screen.query_one("#prompt").display
        assert "9 s left" in screen_text(app)  # not refunded to 19, not run out
        clock.advance(9.5)
        await pilot.pause(0.25)
        assert on_reveal(app) and "Time's up" in screen_text(app)


# -- 4: letters work in either case --------------------------------------------------------
async def test_uppercase_letters_answer_and_move_on():
    app, session = one_round("tui-producer", "tui-dts-date", "tui-docs-order", timer=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        letter = "ABCD"[session.turn.options.index("Box to Box Films")]
        await pilot.press(letter)  # Shift or Caps Lock
        await pilot.pause()
        assert on_reveal(app) and session.players["Player"].records[-1].correct
        await pilot.press("N")
        await pilot.pause()
        truth = "T" if BY_ID["tui-dts-date"].answers[0] == "true" else "F"
        await pilot.press(truth)
        await pilot.pause()
        assert session.players["Player"].records[-1].correct
        await pilot.press("N")
        await pilot.pause()
        arrange = app.screen.query_one("#answer")
        before = list(arrange.items)
        await pilot.press("J")  # move the first item down
        await pilot.pause()
        assert arrange.items[:2] == [before[1], before[0]]
        await pilot.press("K")
        await pilot.pause()
        assert arrange.items == before


async def test_uppercase_keys_on_the_title_and_in_dialogs():
    app = fixture_app(RoundSettings(seed=1, timer=None, questions=2))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert not isinstance(app.screen, TitleScreen)
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("N")
        await pilot.pause()
        assert on_question(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("Y")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


# -- 6: arrows start from the chosen option -------------------------------------------------
async def test_setup_arrows_start_from_the_chosen_option():
    app = fixture_app(RoundSettings(seed=1, timer=20, questions=5))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        timer = app.screen.query_one("#timer")
        timer.focus()
        await pilot.pause()
        await pilot.press("right", "space")  # from 20 s, one to the right: 30 s
        await pilot.pause()
        assert app.screen.settings().timer == 30


# -- 7: names are capped, and every table keeps its numbers at 80 columns ------------------
async def test_names_of_twenty_characters_fit_every_table_at_80_columns(tmp_path):
    ana, ben = "Anastasia Papadopoul", "Bartholomew Fitzroyy"
    assert len(ana) == len(ben) == 20
    store = ScoreStore(tmp_path / "scores.sqlite3")
    clock = FakeClock()
    settings = RoundSettings(seed=5, timer=None, mode=HOTSEAT, players=(ana, ben))
    session = Session.create([], settings, fixed=[BY_ID["tui-producer"]], clock=clock)
    app = QuizApp(entries=[], store=store, session=session, settings=settings, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for turn in range(2):
            clock.advance(Session.READY_GUARD)
            await pilot.press("enter")
            await pilot.pause()
            name = session.group[0]
            assert f"Player: {name}" in screen_text(app)  # the whole name in the question's header
            key = str(session.turn.options.index("Box to Box Films") + 1) if turn == 0 else "1"
            await pilot.press(key)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            if turn == 0:
                assert on_handoff(app)
                row = next(line for line in screen_text(app).splitlines() if ana in line)
                assert "1000" in row and "1/1" in row  # points and right answers still on screen
        assert isinstance(app.screen, ResultsScreen)
        row = next(line for line in screen_text(app).splitlines() if ana in line and "wins" not in line)
        assert "1000" in row and "1/1" in row
        await pilot.press("t", "s")
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if ana in line)
        assert "1000" in row and "1/1" in row


async def test_a_name_over_twenty_characters_is_refused_on_setup():
    app = fixture_app(RoundSettings(seed=1, timer=None, questions=2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "tab", *("x" * 21), "enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "use at most 20 characters" in screen_text(app)


# -- 8: back to the standings after a review ------------------------------------------------
async def test_after_reviewing_one_players_mistakes_the_standings_come_back(tmp_path):
    clock = FakeClock()
    settings = RoundSettings(seed=5, timer=None, mode=HOTSEAT, players=("Ana", "Ben"))
    session = Session.create([], settings, fixed=[BY_ID["tui-producer"], BY_ID["tui-episodes"]], clock=clock)
    app = QuizApp(entries=[], store=ScoreStore(tmp_path / "s.db"), session=session, settings=settings, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(4):  # everyone wrong
            clock.advance(Session.READY_GUARD)
            await pilot.press("enter")
            await pilot.pause()
            q = session.turn.question
            await pilot.press(str(next(i for i, o in enumerate(session.turn.options) if o != q.answers[0]) + 1))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        for player in ("Ana", "Ben"):
            table = app.screen.query_one("#ranking")
            table.move_cursor(row=[s.name for s in app.screen.ranking].index(player))
            await pilot.press("r")
            await pilot.pause()
            assert on_question(app) and app.session.settings.practice and app.session.players.keys() == {player}
            for _ in range(2):
                await pilot.press("1")
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()
            assert isinstance(app.screen, ResultsScreen) and "Practice results" in screen_text(app)
            await pilot.press("b")  # back to the standings of the round, to review the next player
            await pilot.pause()
            assert isinstance(app.screen, ResultsScreen) and app.screen.game is session


# -- 9: a typed answer can be skipped --------------------------------------------------------
async def test_a_typed_answer_can_be_skipped_in_an_untimed_round():
    app, session = one_round("tui-roglic", "tui-producer", timer=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Skip" in screen_text(app)  # in the key bar
        await pilot.press("f2")
        await pilot.pause()
        record = session.players["Player"].records[-1]
        assert on_reveal(app) and not record.correct and not record.timed_out and record.response_text == "skipped"
        assert "⏭ Skipped" in screen_text(app)


# -- 12: the theme and the last round's settings are remembered ---------------------------------
async def test_the_theme_and_last_settings_are_remembered_between_launches():
    app = fixture_app()
    async with app.run_test(size=(120, 36)) as pilot:
        app.theme = "nord"
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one("#timer").focus()
        await pilot.press("right", "space")  # 20 s -> 30 s
        await pilot.press("f5")
        await pilot.pause()
        assert on_question(app)
    saved = json.loads(locations.preferences_file().read_text(encoding="utf-8"))
    assert saved["theme"] == "nord" and saved["settings"]["timer"] == 30 and saved["settings"]["seed"] is None
    again = fixture_app()
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert again.theme == "nord" and again.settings.timer == 30


def test_damaged_preferences_are_ignored():
    path = locations.preferences_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    for text in ("{not json", "[1, 2]", '{"theme": 3, "settings": {"timer": -1}}', "x" * 100_000):
        path.write_text(text, encoding="utf-8")
        assert preferences.load() == preferences.Preferences()


# -- 13: the numeric reveal shows what was accepted; ordering answers read without commas ------
async def test_the_reveal_says_what_a_number_answer_may_be_and_orders_with_arrows():
    app, session = one_round("tui-docs-order", timer=None)
    q = BY_ID["tui-docs-order"]
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # confirm the shuffled order (wrong)
        await pilot.pause()
        text = screen_text(app)
        assert f"Correct answer: {' → '.join(q.answers)}" in text


def test_a_numeric_answer_with_a_tolerance_says_what_is_accepted():
    from quiz.model import Question
    from quiz.qtypes import canonical_answer

    q = Question(
        id="n", category="c", type="numeric", prompt="?", answers=("3400",), value=3400.0, tolerance=100.0, unit="km"
    )
    assert canonical_answer(q) == "3400 km (3300–3500 accepted)"


async def test_a_warning_about_a_typed_answer_does_not_follow_onto_the_reveal():
    app, session = one_round("tui-territories", "tui-producer", timer=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert app._notifications
        await pilot.press("f2")
        await pilot.pause()
        assert on_reveal(app) and not app._notifications


# -- 13 (issue 13 too): the key hint matches the number of choices ----------------------------------
@pytest.mark.parametrize("count, keys", [(3, "Press 1–3 or A–C"), (5, "Press 1–5 or A–E")])
async def test_the_key_hint_says_as_many_keys_as_there_are_choices(count, keys):
    from dataclasses import replace

    q = replace(BY_ID["tui-producer"], choices=tuple(f"Option {i}" for i in range(count)), answers=("Option 0",))
    settings = RoundSettings(seed=5, timer=None)
    session = Session.create([], settings, fixed=[q], clock=FakeClock())
    app = QuizApp(entries=[], store=ScoreStore(), session=session, settings=settings, clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert keys in screen_text(app)


# -- 10: the setup shows what a round can really draw, as the filters change --------------------------
COUNT_PACK = (
    """\
pack: {id: counts, title: Counts}
questions:
"""
    + "".join(
        f"""  - {{id: order-{i}, category: dates, type: ordering, difficulty: hard, facts: [one-fact],
      prompt: "Put these in order ({i})", items: [a, b, c]}}
"""
        for i in range(4)
    )
    + "".join(
        f"""  - {{id: tf-{i}, category: {cat}, type: true_false, difficulty: easy, facts: [fact-{i}],
      prompt: "Statement {i}", answer: true}}
"""
        for i, cat in enumerate(["dates", "dates", "teams"])
    )
)


async def test_counts_say_what_a_round_can_draw_and_follow_the_other_filters(tmp_path):
    pack = tmp_path / "counts.yaml"
    pack.write_text(COUNT_PACK, encoding="utf-8")
    app = QuizApp(
        pack_paths=[pack],
        include_builtin=False,
        include_user=False,
        settings=RoundSettings(seed=1, timer=None, questions=5),
        store=ScoreStore(),
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()

        def labels(list_id: str) -> list[str]:
            widget = app.screen.query_one(list_id)
            return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]

        # Four orderings of one fact are one question a round can draw.
        assert labels("#types") == ["True or false (3)", "Put in order (1)"]
        assert labels("#categories") == ["dates (3)", "teams (1)"]
        assert "A round can draw 4 questions" in screen_text(app)
        types = app.screen.query_one("#types")
        types.select("ordering")
        await pilot.pause()
        assert labels("#categories") == ["dates (1)", "teams (0)"]  # categories follow the types ticked
        categories = app.screen.query_one("#categories")
        categories.select("teams")
        await pilot.pause()
        assert labels("#types") == ["True or false (1)", "Put in order (0)"]  # and types the categories
        types.deselect("ordering")
        categories.deselect("teams")
        app.screen.query_one("#difficulty").query("RadioButton")[3].value = True  # hard
        await pilot.pause()
        assert labels("#types") == ["True or false (0)", "Put in order (1)"]
        assert "A round can draw 1 question with" in screen_text(app)


async def test_a_round_error_after_f5_shows_whole_at_80_by_24():
    app = fixture_app(RoundSettings(seed=1, timer=None, questions=20))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "f5")
        await pilot.pause()
        await pilot.pause(0.2)
        lines = screen_text(app).splitlines()
        error_line = next(i for i, line in enumerate(lines) if "✘ Only 14 suitable questions" in line)
        assert "questions." in lines[error_line + 1]  # the wrapped end, not hidden behind the key bar
        assert "Back" in lines[-1] and "questions." not in lines[-1]


async def test_arrows_scroll_a_long_reveal_although_the_covered_answer_keeps_the_focus():
    # Between questions the covered answer widget keeps the focus (moving it restyles the screen);
    # the screen takes the arrows and scrolls the reveal.
    app, session = one_round("tui-roglic", timer=None)
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.pause()
        await pilot.press("x", "enter")
        await pilot.pause()
        assert on_reveal(app)
        body = app.screen.query_one("#reveal-body")
        bottom = body.max_scroll_y
        assert bottom > 0  # the reveal is taller than the screen at this size
        for key, scrolled_to in (("down", 1), ("pagedown", bottom), ("up", bottom - 1), ("home", 0), ("end", bottom)):
            await pilot.press(key)
            await pilot.pause()
            assert body.scroll_y == scrolled_to, key
        await pilot.press("enter")  # and Enter still moves on
        await pilot.pause()
        assert session.phase is not Phase.CLOSED


async def test_keys_pressed_while_a_view_covers_the_question_never_reach_its_answer():
    # The question stays on screen under the hand-off and the reveal, its answer widget focused:
    # the arrows meanwhile must not move its highlight.
    settings = RoundSettings(seed=5, timer=None, mode=HOTSEAT, players=("Ana", "Ben"))
    clock = FakeClock()
    session = Session.create([], settings, fixed=[BY_ID["tui-producer"], BY_ID["tui-episodes"]], clock=clock)
    app = QuizApp(entries=[], store=ScoreStore(), session=session, settings=settings, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert on_handoff(app)
        await pilot.press("down", "down", "end", "pagedown")  # on the hand-off, before the first question
        clock.advance(1.0)  # past the hand-off's guard against a double Enter
        await pilot.press("enter")
        await pilot.pause()
        assert on_question(app)
        answers = app.screen.question_view.answers
        assert answers.highlighted == 0 and "▶  1 A " in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert on_reveal(app) and app.screen.focused is answers  # covered, still focused
        await pilot.press("down", "end")  # on the reveal
        await pilot.pause()
        assert answers.highlighted == 0  # a key answered: the highlight never moved, and the arrows scrolled


async def test_text_typed_while_the_reveal_covers_the_box_is_not_in_the_next_one():
    app, session = one_round("tui-roglic", "tui-roglic", timer=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x", "enter")
        await pilot.pause()
        assert on_reveal(app)
        await pilot.press("q", "w", "e")  # typed while the reveal covers the box, which keeps the focus
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert on_question(app) and session.turn.number == 2
        assert app.screen.query_one("#answer").value == ""
        assert "qwe" not in screen_text(app)


async def test_square_brackets_in_names_and_prompts_are_shown_as_written():
    # Textual reads "[b]…[/b]" as markup unless told otherwise: a pack's text and a player's name never are.
    import dataclasses

    q = dataclasses.replace(BY_ID["tui-producer"], prompt="Which [b]company[/b] produces it? [1]")
    settings = RoundSettings(seed=5, timer=None, mode=HOTSEAT, players=("[i]Ana[/i]", "Ben"))
    clock = FakeClock()
    session = Session.create([], settings, fixed=[q], clock=clock)
    app = QuizApp(entries=[], store=ScoreStore(), session=session, settings=settings, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert on_handoff(app) and "Next up: [i]Ana[/i]" in screen_text(app)
        clock.advance(1.0)  # past the hand-off's guard against a double Enter
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert on_question(app) and "Which [b]company[/b] produces it? [1]" in shown and "[i]Ana[/i]" in shown
        await pilot.press("1")
        await pilot.pause()
        assert on_reveal(app) and "Which [b]company[/b] produces it? [1]" in screen_text(app)
        while not isinstance(app.screen, ResultsScreen):  # on through Ben's turn to the results
            clock.advance(1.0)
            await pilot.press("enter" if not on_question(app) else "2")
            await pilot.pause()
            if on_handoff(app):
                assert "[i]Ana[/i]" in screen_text(app)  # the scoreboard
        shown = screen_text(app)
        assert "[i]Ana[/i]" in shown and "Review [i]Ana[/i]'s mistakes" in shown


def test_saving_an_unchanged_theme_with_new_settings_keeps_the_settings(tmp_path):
    path = tmp_path / "preferences.json"
    assert preferences.save(theme="nord", path=path)
    stamp = path.stat().st_mtime_ns
    assert preferences.save(theme="nord", path=path) and path.stat().st_mtime_ns == stamp  # nothing new: not written
    assert preferences.save(theme="nord", settings=RoundSettings(timer=30), path=path)
    assert preferences.load(path) == preferences.Preferences("nord", preferences.load_settings(path))
    assert preferences.load_settings(path).timer == 30
