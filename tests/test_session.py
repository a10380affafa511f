"""The round session without any UI: choosing questions, turns, scoring, time, modes, results.

Rounds are driven by a fake clock (tests/sessionkit.py): an answer "after 2.0 s"
is given when the session's own clock says 2.0 s have passed since the question
opened, exactly as a player's key press would be timed.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from sessionkit import Driver

from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, NUMERIC, ORDERING, TRUE_FALSE, TYPE_IN, Question
from quiz.packcache import load_pack
from quiz.session import HOTSEAT, LIVE, Phase, RoundError, RoundSettings, Session, present_options

CATEGORIES = ("people", "teams", "dates")


def make_pool(n: int = 30, pack: str = "p") -> list[Question]:
    """True/false questions (answer: true), one fact each, spread over three categories and difficulties."""
    return [
        Question(
            id=f"q{i:02d}",
            category=CATEGORIES[i % 3],
            type=TRUE_FALSE,
            prompt=f"Statement {i}?",
            difficulty=("easy", "medium", "hard")[(i // 3) % 3],
            answers=("true",),
            facts=(f"fact-{i}",),
            pack=pack,
        )
        for i in range(n)
    ]


def ids(game: Driver | Session) -> list[str]:
    session = game.session if isinstance(game, Driver) else game
    return [turn.question.id for turn in session.turns]


def Game(pool, settings, recent=(), fixed=None) -> Driver:  # noqa: N802 - reads like the constructor it stands for
    """A session on a fake clock, started."""
    return Driver.create(pool, settings, recent=recent, fixed=fixed)


def play(game: Driver, answers: list[tuple[object, float]]) -> None:
    """Answer each turn in order with (response, seconds taken) and move on."""
    game.play(answers)


# -- building a round -----------------------------------------------------------
def test_same_seed_and_settings_give_the_same_round():
    settings = RoundSettings(questions=8, seed=1234)
    pool = make_pool()
    a, b = Game(pool, settings), Game(list(reversed(pool)), settings)  # pool order must not matter
    assert ids(a) == ids(b)
    assert [t.options for t in a.session.turns] == [t.options for t in b.session.turns]
    assert a.session.seed == b.session.seed == 1234


def test_different_seeds_give_different_rounds():
    pool = make_pool()
    rounds = {tuple(ids(Game(pool, RoundSettings(questions=8, seed=s)))) for s in range(5)}
    assert len(rounds) == 5


def test_never_two_questions_testing_the_same_fact():
    pool = make_pool(12)
    # Twelve questions but only four facts: three ways of asking each.
    pool = [replace(q, facts=(f"fact-{i % 4}",)) for i, q in enumerate(pool)]
    for seed in range(20):
        game = Game(pool, RoundSettings(questions=4, seed=seed))
        facts = [turn.question.facts[0] for turn in game.session.turns]
        assert sorted(facts) == ["fact-0", "fact-1", "fact-2", "fact-3"]
    with pytest.raises(RoundError, match=r"only 4 suitable questions .*need 5"):
        Game(pool, RoundSettings(questions=5, seed=0))


def test_questions_sharing_any_one_fact_are_not_both_asked():
    a = Question(id="a", category="c", type=TRUE_FALSE, prompt="A?", answers=("true",), facts=("f1", "f2"))
    b = Question(id="b", category="c", type=TRUE_FALSE, prompt="B?", answers=("true",), facts=("f2", "f3"))
    c = Question(id="c", category="c", type=TRUE_FALSE, prompt="C?", answers=("true",), facts=("f4",))
    for seed in range(10):
        chosen = set(ids(Game([a, b, c], RoundSettings(questions=2, seed=seed))))
        assert chosen in ({"a", "c"}, {"b", "c"})


def test_unseen_questions_come_first():
    pool = make_pool(20)
    seen = {q.id for q in pool[:15]}
    unseen = {q.id for q in pool[15:]}
    for seed in range(10):
        assert set(ids(Game(pool, RoundSettings(questions=5, seed=seed), recent=seen))) == unseen
        # When the unseen run out, seen ones fill the round.
        bigger = ids(Game(pool, RoundSettings(questions=8, seed=seed), recent=seen))
        assert unseen < set(bigger) and len(set(bigger)) == 8


def test_filters_by_category_difficulty_and_type():
    pool = make_pool(30) + [
        Question(id="mc", category="people", type=MULTIPLE_CHOICE, prompt="Who?", choices=("A", "B"), answers=("A",))
    ]
    game = Game(pool, RoundSettings(questions=3, seed=3, categories=("PEOPLE",), difficulty="hard"))
    assert all(t.question.category == "people" and t.question.difficulty == "hard" for t in game.session.turns)
    only_mc = Game(pool, RoundSettings(questions=1, seed=3, types=(MULTIPLE_CHOICE,)))
    assert ids(only_mc) == ["mc"]
    with pytest.raises(RoundError, match="only 1 suitable question for"):
        Game(pool, RoundSettings(questions=2, seed=3, types=(MULTIPLE_CHOICE,)))


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (RoundSettings(players=("Ann", "Bob")), "solo is for one player"),
        (RoundSettings(mode=HOTSEAT, players=("Ann",)), "hot-seat needs 2 to 8"),
        (RoundSettings(mode=HOTSEAT, players=("Ann", "ann ")), "same name"),
        (RoundSettings(mode=HOTSEAT, players=("Ann", " ")), "needs a name"),
        (RoundSettings(mode=HOTSEAT, players=tuple(f"P{i}" for i in range(9))), "at most 8"),
        (RoundSettings(questions=0), "at least one question"),
        (RoundSettings(timer=0), "timer"),
        (RoundSettings(timer=float("nan")), "timer"),
        (RoundSettings(timer=float("inf")), "timer"),
        (RoundSettings(mode="battle"), "unknown mode"),
    ],
)
def test_bad_settings_are_refused_with_a_reason(settings, message):
    with pytest.raises(RoundError, match=message):
        Game(make_pool(), settings)


def test_options_are_shuffled_but_never_already_solved():
    rng = random.Random(0)
    ordering = Question(id="o", category="c", type=ORDERING, prompt="?", answers=("1", "2", "3"))
    mc = Question(id="m", category="c", type=MULTIPLE_CHOICE, prompt="?", choices=("a", "b", "c", "d"), answers=("a",))
    for _ in range(50):
        shown = present_options(ordering, rng)
        assert sorted(shown) == ["1", "2", "3"] and shown != ("1", "2", "3")
        assert sorted(present_options(mc, rng)) == ["a", "b", "c", "d"]
    assert present_options(Question(id="t", category="c", type=TYPE_IN, prompt="?", answers=("x",)), rng) == ()


# -- hot-seat and teams ---------------------------------------------------------
def test_hotseat_players_alternate_and_each_gets_their_own_questions():
    players = ("Ann", "Bob", "Cat")
    game = Game(make_pool(), RoundSettings(mode=HOTSEAT, players=players, questions=4, seed=9))
    assert [t.player for t in game.session.turns] == list(players) * 4
    assert [t.number for t in game.session.turns] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
    assert all(t.of == 4 for t in game.session.turns)
    per_player = {p: {t.question.id for t in game.session.turns if t.player == p} for p in players}
    assert all(len(qs) == 4 for qs in per_player.values())
    assert len(set().union(*per_player.values())) == 12  # nobody shares a question


def test_hotseat_needs_questions_for_everyone():
    with pytest.raises(RoundError, match="need 12"):
        Game(make_pool(10), RoundSettings(mode=HOTSEAT, players=("A", "B", "C"), questions=4, seed=1))


def test_hotseat_answer_goes_to_the_player_whose_turn_it_is():
    game = Game(make_pool(), RoundSettings(mode=HOTSEAT, players=("Ann", "Bob"), questions=2, seed=2, timer=None))
    play(game, [(True, 1.0), (False, 1.0), (True, 1.0), (True, 1.0)])
    assert (game.session.players["Ann"].points, game.session.players["Ann"].correct) == (2100, 2)
    assert (game.session.players["Bob"].points, game.session.players["Bob"].correct) == (1000, 1)
    assert game.session.finished and game.session.turn is None


def test_a_live_room_answers_the_same_question_and_the_turn_waits_for_all():
    game = Game(make_pool(), RoundSettings(mode=LIVE, players=("Red", "Blue"), questions=3, seed=4))
    assert len(game.session.turns) == 3 and all(t.participants == ("Red", "Blue") for t in game.session.turns)
    game.answer(True, 2.0, player="Red")
    assert game.session.waiting_for() == ("Blue",) and game.session.phase is Phase.OPEN
    with pytest.raises(RoundError, match="not everyone"):
        game.session.next()
    game.answer(False, 1.0, player="Blue")  # answered a second after Red, 3 s after opening
    assert game.session.phase is Phase.CLOSED
    game.advance()
    assert game.session.players["Red"].points == 950 and game.session.players["Blue"].points == 0


def test_answers_from_outsiders_or_after_the_end_are_refused():
    game = Game(make_pool(), RoundSettings(mode=HOTSEAT, players=("Ann", "Bob"), questions=1, seed=2))
    with pytest.raises(RoundError, match="Bob is not answering"):
        game.answer(True, 1.0, player="Bob")
    assert game.session.phase is Phase.OPEN and game.session.group == ("Ann",)
    play(game, [(True, 1.0), (True, 1.0)])
    with pytest.raises(RoundError, match="over"):
        game.answer(True, 1.0)


def test_answering_twice_counts_once():
    game = Game(make_pool(), RoundSettings(questions=2, seed=5))
    first = game.answer(True, 1.0)
    again = game.answer(False, 9.0)
    assert again is first
    assert game.session.players["Player"].points == 975 and game.session.players["Player"].answered == 1


# -- scoring through a round ----------------------------------------------------
def test_streak_bonus_builds_caps_and_resets_in_play():
    game = Game(make_pool(), RoundSettings(questions=10, seed=6, timer=20))
    totals = []
    for response in [True] * 7 + [False, True, True]:
        totals.append(game.answer(response, 0.4).points.total)
        game.advance()
    assert totals == [1000, 1100, 1200, 1300, 1400, 1500, 1500, 0, 1000, 1100]
    stats = game.session.players["Player"]
    assert stats.points == sum(totals) == 11100
    assert stats.best_streak == 7 and stats.streak == 2


def test_speed_points_in_play():
    game = Game(make_pool(), RoundSettings(questions=3, seed=6, timer=10))
    records = []
    for elapsed in (0.2, 3.0, 10.0):
        records.append(game.answer(True, elapsed))
        game.advance()
    assert [(r.points.base, r.points.speed, r.points.streak) for r in records] == [
        (500, 500, 0),
        (500, 350, 100),
        (500, 0, 200),
    ]


def test_no_timer_scores_flat_1000_plus_streak():
    game = Game(make_pool(), RoundSettings(questions=3, seed=6, timer=None))
    play(game, [(True, 1.0), (True, 25.0), (True, 600.0)])
    assert [r.points.total for r in game.session.players["Player"].records] == [1000, 1100, 1200]


def test_time_out_is_a_wrong_answer_worth_nothing_and_breaks_the_streak():
    game = Game(make_pool(), RoundSettings(questions=3, seed=7, timer=20))
    game.answer(True, 1.0)
    game.advance()
    game.clock.advance(19.9)
    game.session.tick()
    assert game.session.phase is Phase.OPEN and game.session.remaining() == pytest.approx(0.1)
    game.clock.advance(0.1)
    game.session.tick()  # the session's own deadline closes the question
    (record,) = game.session.players["Player"].records[1:]
    assert record.timed_out and not record.correct
    assert record.points.total == 0 and record.elapsed == 20
    assert record.response_text == "no answer"
    assert game.session.waiting_for() == () and game.session.phase is Phase.CLOSED
    assert game.session.time_out() == []  # nobody left to time out
    game.advance()
    assert game.answer(True, 1.0).points.streak == 0  # the streak started again
    stats = game.session.players["Player"]
    assert (stats.correct, stats.answered, stats.streak, stats.best_streak) == (2, 3, 1, 1)


def test_an_answer_after_the_timer_ran_out_counts_as_timed_out():
    game = Game(make_pool(), RoundSettings(questions=1, seed=7, timer=20))
    record = game.answer(True, 25.0)
    assert record.timed_out and not record.correct and record.points.total == 0


def test_time_out_in_a_live_room_only_hits_those_who_did_not_answer():
    game = Game(make_pool(), RoundSettings(mode=LIVE, players=("Red", "Blue", "Gold"), questions=1, seed=4))
    game.answer(True, 5.0, player="Blue")
    timed = game.session.time_out()
    assert sorted(r.player for r in timed) == ["Gold", "Red"]
    assert game.session.players["Blue"].points == 875


def test_practice_rounds_score_nothing_but_still_count_right_answers():
    pool = make_pool()
    game = Game(pool, RoundSettings(questions=3, practice=True, seed=1), fixed=pool[:3])
    play(game, [(True, 0.1), (True, 0.1), (False, 0.1)])
    stats = game.session.players["Player"]
    assert stats.points == 0 and all(r.points.total == 0 for r in stats.records)
    assert stats.correct == 2 and stats.mistakes == [pool[2]]


def test_fixed_questions_are_asked_in_order_to_every_player():
    pool = make_pool()
    fixed = [pool[4], pool[1], pool[7]]
    game = Game(pool, RoundSettings(mode=HOTSEAT, players=("Ann", "Bob"), questions=10, seed=1), fixed=fixed)
    assert ids(game) == ["q04", "q04", "q01", "q01", "q07", "q07"]
    assert all(t.of == 3 for t in game.session.turns)


# -- results ------------------------------------------------------------------
def test_per_player_stats():
    pool = make_pool()
    game = Game(pool, RoundSettings(questions=3, seed=1, timer=20), fixed=[pool[0], pool[1], pool[3]])
    # pool[0] and pool[3] are "people", pool[1] is "teams".
    play(game, [(True, 2.0), (False, 4.0), (True, 9.0)])
    stats = game.session.players["Player"]
    assert stats.accuracy == pytest.approx(2 / 3)
    assert stats.category_accuracy() == {"people": 1.0, "teams": 0.0}
    assert stats.mean_time == pytest.approx(5.0)
    assert stats.best_streak == 1
    assert stats.points == 950 + 0 + 775
    assert [r.response_text for r in stats.records] == ["True", "False", "True"]


def test_stats_before_any_answer():
    stats = Game(make_pool(), RoundSettings(questions=1, seed=1)).session.players["Player"]
    assert stats.accuracy == 0.0 and stats.mean_time is None and stats.category_accuracy() == {}


def test_standings_rank_by_points_then_right_answers_then_speed_then_seat():
    game = Game(make_pool(), RoundSettings(mode=HOTSEAT, players=("Ann", "Bob", "Cat", "Dan"), questions=2, seed=1))
    # Ann and Bob tie on points and right answers; Ann was faster on average (5.5 s vs 6 s).
    first = [(True, 10.0), (True, 10.0), (True, 0.1), (True, 6.0)]
    second = [(False, 1.0), (False, 2.0), (True, 0.1), (False, 1.0)]
    play(game, first + second)
    points = {name: s.points for name, s in game.session.players.items()}
    assert points == {"Ann": 750, "Bob": 750, "Cat": 2100, "Dan": 850}
    assert [s.name for s in game.session.standings()] == ["Cat", "Dan", "Ann", "Bob"]


def test_standings_full_tie_keeps_seat_order():
    game = Game(make_pool(), RoundSettings(mode=HOTSEAT, players=("Zed", "Amy"), questions=1, seed=1))
    play(game, [(True, 2.0), (True, 2.0)])
    assert [s.name for s in game.session.standings()] == ["Zed", "Amy"]


def test_a_whole_round_of_every_question_type(sample_pack_path):
    pack = load_pack(sample_pack_path)
    right = {
        MULTIPLE_CHOICE: "Box to Box Films",
        MULTI_SELECT: ["Ineos Grenadiers", "Alpecin-Fenix", "Groupama-FDJ cycling Team"],
        TRUE_FALSE: True,
        TYPE_IN: "Roglic",
        NUMERIC: "190",
        ORDERING: ["The Least Expected Day", "Code Yellow", "Plan B"],
        MATCHING: ["Movistar", "Jumbo-Visma", "Formula 1"],
    }
    game = Game(pack.questions, RoundSettings(questions=7, seed=11, timer=None))
    assert sorted(t.question.type for t in game.session.turns) == sorted(right)
    play(game, [(right[t.question.type], 1.0) for t in game.session.turns])
    stats = game.session.players["Player"]
    assert stats.correct == 7
    assert stats.points == 7000 + 100 + 200 + 300 + 400 + 500 + 500


def test_ranking_shares_a_place_between_players_level_on_points_and_right_answers():
    game = Game(make_pool(), RoundSettings(mode=HOTSEAT, players=("Ann", "Bob", "Cat", "Dan"), questions=1, seed=1))
    # Ann and Dan answer right with no clock (1000 each); Bob and Cat both miss, at different speeds.
    play(game, [(True, 4.0), (False, 1.0), (False, 3.0), (True, 4.0)])
    assert [(p.place, p.stats.name) for p in game.session.ranking()] == [(1, "Ann"), (1, "Dan"), (3, "Bob"), (3, "Cat")]
    assert [p.shared for p in game.session.ranking()] == [True, True, True, True]


def test_duplicate_names_are_named_in_the_refusal():
    with pytest.raises(RoundError, match=r"same name \(Ann\)"):
        Game(make_pool(), RoundSettings(mode=HOTSEAT, players=("Ann", "Bob", "ANN")))


def test_hotseat_shortage_says_how_many_each_player_needs():
    with pytest.raises(
        RoundError, match=r"only 4 suitable questions for these settings \(need 6: 2 each for 3 players\)"
    ):
        Game(make_pool(4), RoundSettings(mode=HOTSEAT, players=("Ann", "Bob", "Cat"), questions=2, seed=1))


def test_a_live_room_is_not_held_to_the_keyboard_limit():
    teams = tuple(f"Team {i}" for i in range(12))
    game = Game(make_pool(), RoundSettings(mode=LIVE, players=teams, questions=2, seed=1, timer=20))
    assert len(game.session.turns) == 2 and game.session.turn.participants == teams
    for name in teams[:5]:
        game.answer(True, 2.0, player=name)
    assert len(game.session.waiting_for()) == 7
    assert len(game.session.time_out()) == 7 and game.session.phase is Phase.CLOSED
    with pytest.raises(RoundError, match="at most 8"):
        Game(make_pool(), RoundSettings(mode=HOTSEAT, players=teams, questions=1))


def test_a_late_answer_for_a_closed_question_is_refused_not_moved_to_the_next():
    game = Game(make_pool(), RoundSettings(mode=LIVE, players=("Reds", "Blues"), questions=2, seed=1))
    first = game.session.turn.index
    game.take_keyboard()
    game.session.answer(True, "Reds", turn_index=first)
    game.session.time_out()
    game.advance()  # the standings, between questions in a live room
    assert game.session.phase is Phase.STANDINGS
    game.advance()
    with pytest.raises(RoundError, match="question 1 is closed"):
        game.session.answer(True, "Blues", turn_index=first)
    assert game.session.waiting_for() == ("Reds", "Blues")
    game.take_keyboard()
    assert game.session.answer(True, "Blues", turn_index=game.session.turn.index).correct
