"""Whole rounds played by key presses, checking the game state and what the screen says."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from sessionkit import FakeClock, played
from tuikit import begin, on_handoff, on_question, on_reveal, screen_text

from quiz.answers import normalize
from quiz.catalog import load_questions
from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, NUMERIC, ORDERING, TRUE_FALSE, TYPE_IN
from quiz.qtypes.true_false import truth_of
from quiz.session import HOTSEAT, RoundSettings, Session
from quiz.storage import ScoreStore
from quiz.tui.answers.arrange import ArrangeList
from quiz.tui.app import QuizApp
from quiz.tui.modals.confirm import ConfirmModal
from quiz.tui.modals.help import HelpScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.screens.scores import ScoresScreen
from quiz.tui.screens.setup import SetupScreen
from quiz.tui.screens.title import TitleScreen

TUI_PACK = FIXTURES / "tui-pack.yaml"
SIZE = (120, 36)


def make_app(store=None, **settings) -> QuizApp:
    base = dict(seed=7, timer=None, questions=5)
    base.update(settings)
    return QuizApp(
        pack_paths=[TUI_PACK],
        include_builtin=False,
        include_user=False,
        settings=RoundSettings(**base),
        store=store,
        # A clock that moves only when a test moves it: every answer takes 0 s, so points are exact.
        clock=FakeClock(),
    )


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def arrange(pilot, target: tuple[str, ...]) -> None:
    """Put the arrange list in ``target`` order using only the keyboard."""
    widget = pilot.app.screen.query_one(ArrangeList)
    for i, item in enumerate(target):
        j = widget.items.index(item)
        step = "down" if j > widget.highlighted else "up"
        while widget.highlighted != j:
            await pilot.press(step)
        for _ in range(j - i):
            await pilot.press("shift+up")
    assert tuple(widget.items) == target


async def pass_handoff(pilot) -> None:
    """Press Enter on the hand-off as the next player would: after its guard time."""
    assert on_handoff(pilot.app)
    pilot.app.clock.advance(Session.READY_GUARD)  # the next player sits down (no answer is timed meanwhile)
    await pilot.press("enter")
    await pilot.pause()


@pytest.fixture
def no_handoff_guard(monkeypatch):
    """For tests about something else: hand-offs pass at the first Enter."""
    monkeypatch.setattr(Session, "READY_GUARD", 0.0)


async def answer(pilot, right: bool) -> None:
    """Answer the current question by keys, rightly or wrongly."""
    app = pilot.app
    turn = app.session.turn
    q, options = turn.question, turn.options
    if q.type == MULTIPLE_CHOICE:
        index = options.index(q.answers[0]) if right else next(i for i, o in enumerate(options) if o != q.answers[0])
        await pilot.press(str(index + 1))
    elif q.type == TRUE_FALSE:
        await pilot.press("t" if truth_of(q) == right else "f")
    elif q.type == MULTI_SELECT:
        wanted = [i for i, o in enumerate(options) if (o in q.answers) == right] if right else [0]
        if not right and set([options[0]]) == set(q.answers):
            wanted = [1]
        for i in wanted:
            await pilot.press(str(i + 1))
        await pilot.press("enter")
    elif q.type == TYPE_IN:
        await type_text(pilot, normalize(q.answers[-1]) if right else "nobody")
        await pilot.press("enter")
    elif q.type == NUMERIC:
        value = q.value if q.value is not None else q.low
        await type_text(pilot, f"{value:g}" if right else "-12345")
        await pilot.press("enter")
    elif q.type in (ORDERING, MATCHING):
        if right:
            await arrange(pilot, q.answers)
        await pilot.press("enter")
    await pilot.pause()


async def test_solo_round_by_keys_saves_and_shows_score(tmp_path):
    store = ScoreStore(tmp_path / "scores.sqlite3")
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("p")
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("f5")
        await pilot.pause()
        game = app.session
        assert on_question(app)
        kinds = set()
        for n in range(1, 6):
            assert f"Question {n}/5" in screen_text(app)
            kinds.add(game.turn.question.type)
            await answer(pilot, right=True)
            assert on_reveal(app)
            text = screen_text(app)
            assert "✔ Right!" in text
            assert f"= {1000 + 100 * (n - 1)}" in text
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert len(kinds) >= 3  # the seeded round mixes question types
        stats = game.players["Player"]
        assert (stats.points, stats.correct, stats.best_streak) == (6000, 5, 5)
        text = screen_text(app)
        assert "You scored 6000 points with 5 of 5 right." in text
        assert "6000" in text and "5/5" in text and "100%" in text
        await pilot.press("t")
        assert isinstance(app.screen, TitleScreen)
    top = ScoreStore(tmp_path / "scores.sqlite3").top_scores()
    assert [(r.player, r.points, r.correct, r.asked) for r in top] == [("Player", 6000, 5, 5)]


async def test_hotseat_round_by_keys(tmp_path):
    app = make_app(store=ScoreStore(tmp_path / "s.sqlite3"), questions=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        # Mode is focused first: move to Hot-seat and pick it, then type the names.
        await pilot.press("down", "enter", "tab")
        await type_text(pilot, "Ana, Ben")
        await pilot.press("enter")
        await pilot.pause()
        game = app.session
        assert game.settings.mode == HOTSEAT and list(game.players) == ["Ana", "Ben"]
        # Even the first player gets the hand-off, so their clock starts when they are ready.
        assert on_handoff(app)
        text = screen_text(app)
        assert "Next up: Ana" in text and "Players, in turn: Ana, Ben" in text
        assert "Scoreboard" not in text  # nobody has points yet
        await pass_handoff(pilot)
        for turn in range(10):
            player = game.turn.player
            assert f"Player: {player}" in screen_text(app)
            await answer(pilot, right=(player == "Ana"))
            await pilot.press("enter")
            await pilot.pause()
            if turn < 9:
                assert on_handoff(app)
                text = screen_text(app)
                assert f"Next up: {game.turn.player}" in text
                assert "Scoreboard" in text
                await pass_handoff(pilot)
        assert isinstance(app.screen, ResultsScreen)
        ana, ben = game.standings()
        assert (ana.name, ana.points, ana.correct) == ("Ana", 6000, 5)
        assert (ben.name, ben.points, ben.correct) == ("Ben", 0, 0)
        text = screen_text(app)
        assert "Ana wins with 6000 points!" in text
        lines = [line for line in text.splitlines() if "Ana" in line and "6000" in line and "5/5" in line]
        assert lines, text
        assert any("Ben" in line and "0/5" in line for line in text.splitlines())


async def test_review_mistakes_replays_them_without_points():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "f5")
        await pilot.pause()
        missed = []
        for n in range(5):
            right = n % 2 == 0
            if not right:
                missed.append(app.session.turn.question.id)
            await answer(pilot, right)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("r")
        await pilot.pause()
        practice = app.session
        assert practice.settings.practice and practice.settings.timer is None
        assert [t.question.id for t in practice.turns] == missed
        assert "Practice 1/2" in screen_text(app)
        await answer(pilot, right=True)
        assert "Practice round: no points." in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, right=True)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert practice.players["Player"].points == 0
        assert "Practice results" in screen_text(app)


async def test_recently_seen_questions_are_avoided(tmp_path):
    store = ScoreStore(tmp_path / "s.sqlite3")
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        # An earlier round, played straight through the session and saved.
        earlier = played(load_questions(app.entries), app.settings, [None] * 5, packs=["tui"])
        assert store.save_game(earlier.result()) is not None
        seen = {t.question.id for t in earlier.turns}
        await pilot.press("p", "f5")
        await pilot.pause()
        # 14 questions, 5 seen: the same seed now draws 5 unseen ones.
        assert app.session.seed == earlier.seed
        assert not seen & {t.question.id for t in app.session.turns}


class BrokenStore:
    problem = None

    def save_game(self, result):
        self.problem = "Scores could not be saved: the database is locked. Play goes on."
        return None

    def top_scores(self, limit=10):
        return []

    def recent_games(self, limit=20):
        return []

    def recently_seen_by(self, players, games=5):
        return frozenset()

    def close(self):
        pass


async def test_store_problem_is_shown_once_and_play_goes_on():
    app = make_app(store=BrokenStore())
    async with app.run_test(size=SIZE) as pilot:
        shown = []
        app.notify = lambda message, **kw: shown.append(message)
        for _ in range(2):
            settings = RoundSettings(seed=3, timer=None, questions=1)
            begin(app, settings)
            await pilot.pause()
            await answer(pilot, right=True)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ResultsScreen)
            await pilot.press("t")
        assert shown == ["Scores could not be saved: the database is locked. Play goes on."]


async def test_setup_shows_round_errors_and_broken_packs(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: [unclosed\n", encoding="utf-8")
    app = QuizApp(
        pack_paths=[TUI_PACK, broken],
        include_builtin=False,
        include_user=False,
        settings=RoundSettings(seed=1, timer=None, questions=20),
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        packs = app.screen.query_one("#packs")
        options = [packs.get_option_at_index(i) for i in range(packs.option_count)]
        assert sorted((str(o.prompt).startswith("✘ broken"), o.disabled) for o in options) == [
            (False, False),
            (True, True),
        ]
        text = screen_text(app)
        assert "✘ broken.yaml: line 1: this is not valid YAML" in text, text
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "Only 14 suitable questions for these settings (need 20)" in screen_text(app)
        assert app.session is None


async def test_escape_goes_back_where_safe_and_asks_mid_round():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, ScoresScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("p")
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("p", "f5")
        await pilot.pause()
        assert on_question(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert on_question(app) and app.session is not None
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and app.session is None


async def test_quit_asks_for_confirmation_during_a_round():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "f5")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "Quit the game?" in screen_text(app)
        await pilot.press("escape")  # Escape means no
        await pilot.pause()
        assert on_question(app) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_c_quits_too_asking_first_mid_round_even_while_typing():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "f5")
        await pilot.pause()
        assert app.session.turn.question.type == NUMERIC  # the answer box has the focus
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and "Quit the game?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize(
    "keys, section",
    [
        ((), "Title screen"),
        (("p",), "Setting up a round"),
        (("s",), "High scores"),
        (("p", "f5"), "Answering"),
        (("p", "f5", *"45", "enter"), "Between questions"),
    ],
)
async def test_help_leads_with_the_keys_of_the_screen_it_was_opened_from(keys, section):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert f"{section} (this screen)" in text
        assert text.index(f"{section} (this screen)") < text.index("Ctrl+Q or Ctrl+C"), text


async def test_quit_from_title_needs_no_confirmation():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


HELP_WORDS = (
    "Answering (this screen)",
    "F1 or ?",
    "1–8 or A–H",
    "T / F",
    "Shift+Up/Down or K/J",
    "Ctrl+Q or Ctrl+C",
    "Escape",
)


async def test_f1_opens_help_even_while_typing_an_answer():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "f5")
        await pilot.pause()
        assert app.session.turn.question.type == NUMERIC  # the answer box has the focus
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert all(words in text for words in HELP_WORDS)
        await pilot.press("escape")
        await pilot.pause()
        assert on_question(app) and app.session.turn.number == 1


async def test_question_mark_opens_help_from_the_title():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_resizing_mid_question_keeps_the_question():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "f5")
        await pilot.pause()
        prompt = app.session.turn.question.prompt
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert prompt[:40] in screen_text(app)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        await answer(pilot, right=True)
        assert on_reveal(app)


async def test_hotseat_of_three_with_a_tie_shares_first_place(no_handoff_guard):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        by_id = {q.id: q for q in load_questions(app.entries)}
        settings = RoundSettings(seed=3, timer=None, mode=HOTSEAT, players=("Ana", "Ben", "Cy"))
        begin(app, settings, fixed=[by_id["tui-producer"], by_id["tui-dts-date"]])
        await pilot.pause()
        seen = []
        for _turn in range(6):
            assert on_handoff(app)
            player = app.session.turn.player
            assert f"Pass the keyboard to {player}" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            seen.append((player, app.session.turn.question.id))
            await answer(pilot, right=player != "Cy")
            await pilot.press("enter")
            await pilot.pause()
        # Each player got every question of this fixed round, in turn.
        assert seen == [(p, q) for q in ("tui-producer", "tui-dts-date") for p in ("Ana", "Ben", "Cy")]
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "A tie at the top: Ana and Ben have 2100 points each!" in text
        rows = {line.split()[1]: line.split()[0] for line in text.splitlines() if line.strip()[:2] in ("1=", "3 ")}
        assert rows == {"Ana": "1=", "Ben": "1=", "Cy": "3"}, text
        assert "Review Ana's mistakes (R)" in text
        await pilot.press("down")
        await pilot.pause()
        assert "Review Ben's mistakes (R)" in screen_text(app)


async def test_setup_keeps_a_length_and_timer_from_the_command_line_on_offer():
    app = make_app(questions=12, timer=45.0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        # Tab to the timer row (scrolling the form as a player would): length and timer both show.
        await pilot.press(*["tab"] * 6)
        await pilot.pause()
        assert app.focused.id == "timer"
        text = screen_text(app)
        assert "●▌ 12 " in text and "●▌ 45 s" in text, text
        await pilot.press("f5")
        await pilot.pause()
        assert (app.session.settings.questions, app.session.settings.timer) == (12, 45.0)


async def test_high_scores_show_a_saved_game_whole_at_80_columns(tmp_path):
    store = ScoreStore(tmp_path / "scores.sqlite3")
    app = make_app(store=store, timer=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "f5")
        await pilot.pause()
        for _ in range(5):
            await answer(pilot, right=True)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("t", "s")
        await pilot.pause()
        assert isinstance(app.screen, ScoresScreen)
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "Solo" in line and "Player" in line and ":" in line)
        # The whole settings cell shows: the defaults and the seed are left to `quiz scores --recent`.
        assert row.rstrip().endswith("5 questions · 20 s timer"), text


async def test_a_hand_off_needs_its_own_key_press():
    # The app's clock, moved by hand, so "pressed too soon" does not depend on machine speed.
    now = [1000.0]
    app = make_app(timer=20)
    app.clock = lambda: now[0]
    async with app.run_test(size=SIZE) as pilot:
        by_id = {q.id: q for q in load_questions(app.entries)}
        settings = RoundSettings(seed=3, timer=20, mode=HOTSEAT, players=("Ana", "Ben"))
        begin(app, settings, fixed=[by_id["tui-producer"]])
        await pilot.pause()
        # The Enter that started the round, pressed twice: Ana does not have the keyboard yet.
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert on_handoff(app) and "Next up: Ana" in screen_text(app)
        assert app.session.remaining() is None  # no question shown, so no clock running
        now[0] += Session.READY_GUARD
        await pilot.press("enter")
        await pilot.pause()
        assert on_question(app) and app.session.group == ("Ana",)
        round_screen = app.screen
        await answer(pilot, right=True)
        assert on_reveal(app)
        # Enter Enter back-to-back on the reveal: the second must not pass Ben's hand-off.
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert on_handoff(app) and "Next up: Ben" in screen_text(app)
        assert app.session.group == ("Ben",)  # Ben's turn (and clock) has not begun
        assert app.session.answers.get("Ben") is None
        now[0] += Session.READY_GUARD - 0.05
        await pilot.press("space")
        await pilot.pause()
        assert on_handoff(app)  # still within the guard
        now[0] += 0.1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is round_screen and on_question(app) and app.session.group == ("Ben",)


def frame(widget) -> str:
    """The line style around a widget: its outline if it has one, else its border."""
    outline = widget.styles.outline_top[0]
    return outline if outline else widget.styles.border_top[0]


async def test_keyboard_focus_shows_as_a_heavy_frame_not_only_a_colour():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        chain = [w for w in app.screen.focus_chain if w.id != "setup-form"]
        assert [w.id for w in chain] == [
            "mode",
            "players",
            "packs",
            "categories",
            "types",
            "questions",
            "timer",
            "difficulty",
            "start",
            "back",
        ]
        for step, widget in enumerate(chain):
            if step:
                await pilot.press("tab")
                await pilot.pause()
            assert app.focused is widget
            assert frame(widget) == "heavy", widget.id
            assert all(frame(other) != "heavy" for other in chain if other is not widget), widget.id
            if widget.id == "players":
                # As drawn: the names box is framed with heavy lines, the mode row above it is not.
                lines = screen_text(app).splitlines()

                def below(label, lines=lines):
                    return lines[next(i for i, line in enumerate(lines) if line.strip() == label) + 1].strip()

                assert below("Your name").startswith("┏━━") and below("Mode").startswith("▊▔▔")


async def test_focused_title_button_and_results_table_show_without_colour():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        buttons = list(app.screen.query("Button"))
        assert [frame(b) == "heavy" for b in buttons] == [True, False, False, False]
        await pilot.press("tab")
        await pilot.pause()
        assert [frame(b) == "heavy" for b in buttons] == [False, True, False, False]
        await pilot.press("shift+tab", "p", "f5")
        await pilot.pause()
        for _ in range(5):
            await answer(pilot, right=True)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        table = app.screen.query_one("#ranking")
        assert app.focused is table and table.get_component_rich_style("datatable--cursor").underline
        await pilot.press("tab")
        await pilot.pause()
        assert frame(app.focused) == "heavy" and not table.get_component_rich_style("datatable--cursor").underline


async def test_the_option_under_the_cursor_of_a_focused_tick_list_is_underlined():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        types = app.screen.query_one("#types")
        categories = app.screen.query_one("#categories")
        while app.focused is not types:
            await pilot.press("tab")
            await pilot.pause()
        # The cursor starts on the first option, so Space ticks it at once.
        assert types.highlighted == 0
        assert types.get_component_rich_style("option-list--option-highlighted").underline
        await pilot.press("space", "down")
        await pilot.pause()
        assert types.selected == [types.get_option_at_index(0).value] and types.highlighted == 1
        # Not when the list has lost the focus: one underlined row at a time.
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is categories
        assert not types.get_component_rich_style("option-list--option-highlighted").underline
        assert categories.get_component_rich_style("option-list--option-highlighted").underline


async def test_setup_can_limit_the_round_to_one_question_type():
    app = make_app(questions=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "tab")  # mode -> names -> packs -> categories -> types
        types = app.screen.query_one("#types")
        assert app.focused is types
        labels = [str(types.get_option_at_index(i).prompt) for i in range(types.option_count)]
        assert labels[:3] == ["Multiple choice (5)", "Pick all that apply (1)", "True or false (2)"]
        while types.highlighted != 2:
            await pilot.press("down")
        await pilot.press("space")
        await pilot.pause()
        assert types.selected == ["true_false"]
        # Ticked shows as a mark, not only as a colour.
        text = screen_text(app)
        assert "▐X▌ True or false (2)" in text and "▐ ▌ Multiple choice (5)" in text, text
        await pilot.press("f5")
        await pilot.pause()
        assert on_question(app)
        asked = []
        while on_question(app):
            asked.append(app.session.turn.question.type)
            await answer(pilot, right=True)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert asked == [TRUE_FALSE, TRUE_FALSE]


async def test_setup_says_when_the_types_leave_no_questions():
    app = make_app(questions=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        types = app.screen.query_one("#types")
        types.select("matching")
        app.screen.query_one("#categories").select("dates")
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen) and app.session is None
        text = screen_text(app)
        assert "✘ No questions match these settings (need 2); choose more categories or more question types." in text
