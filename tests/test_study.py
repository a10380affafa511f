"""Study mode's core: Leitner boxes, the queue of a session, the schedule across days, and where cards are kept."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_storage import make_pool

from quiz.model import MULTIPLE_CHOICE, TRUE_FALSE, Question
from quiz.storage import MIGRATIONS, SCHEMA_VERSION, ScoreStore
from quiz.study import (
    ALL,
    BOXES,
    INTERVALS,
    NEW_PER_SESSION,
    RETURN_AFTER,
    SESSION_SIZE,
    Card,
    Study,
    StudyError,
    card_key,
    check_learner,
    plan_session,
    schedule,
)

DAY1 = date(2026, 5, 1)


class Today:
    """A date that moves only when told to."""

    def __init__(self, day: date = DAY1) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day

    def advance(self, days: int) -> None:
        self.day += timedelta(days=days)


class MemoryStore:
    """Cards kept in a dict, as a CardStore."""

    def __init__(self) -> None:
        self.cards: dict[str, dict] = {}

    def study_cards(self, learner):
        return dict(self.cards.get(learner.casefold(), {}))

    def save_study_card(self, learner, card):
        self.cards.setdefault(learner.casefold(), {})[card.key] = card
        return True


def answer_all(session, right=lambda q: True) -> list[str]:
    """Answer every question of a session (right unless ``right(q)`` says not); the ids in the order asked."""
    asked = []
    while not session.finished:
        assert len(asked) < 100, "the session never ends"
        q = session.current.question
        asked.append(q.id)
        session.answer(right(q))
        session.next()
    return asked


# -- the schedule ------------------------------------------------------------------------
def test_a_right_answer_moves_a_question_up_one_box_and_it_comes_back_later_each_time():
    q = make_pool(1)[0]
    card = None
    day = DAY1
    seen = []
    for _ in range(BOXES + 1):
        card = schedule(card, q, True, day)
        seen.append((card.box, (card.due - day).days))
        day = card.due
    # New questions start as box 1: the first right answer puts them in box 2. Box 5 is the top.
    assert seen == [(2, 1), (3, 3), (4, 7), (5, 14), (5, 14), (5, 14)]
    assert [INTERVALS[b] for b in range(1, BOXES + 1)] == [0, 1, 3, 7, 14]
    assert card.times_right == BOXES + 1 and card.times_wrong == 0 and card.last_seen == day - timedelta(days=14)


@pytest.mark.parametrize("box", [1, 2, 3, 4, 5])
def test_a_miss_sends_a_question_back_to_box_1_due_the_same_day(box):
    q = make_pool(1)[0]
    before = Card("tdf", q.id, box, DAY1, DAY1 - timedelta(days=3), times_right=4, times_wrong=1)
    after = schedule(before, q, False, DAY1)
    assert (after.box, after.due, after.last_seen) == (1, DAY1, DAY1)
    assert (after.times_right, after.times_wrong) == (4, 2)


def test_learner_names_are_checked():
    assert check_learner("  Ana ") == "Ana"
    with pytest.raises(StudyError, match="needs a name"):
        check_learner("   ")
    with pytest.raises(StudyError, match="too long; use at most 20 characters"):
        check_learner("A" * 21)
    with pytest.raises(StudyError):
        Study("x" * 40, make_pool())


# -- a session -----------------------------------------------------------------------------
def test_a_missed_question_comes_back_after_a_few_others_until_it_is_answered_right():
    study = Study("Ana", make_pool(8), today=Today(), seed=1)
    session = study.session()
    first = session.current.question
    assert session.current.box == 0  # new
    outcome = session.answer(False)
    assert not outcome.correct and outcome.returns_after == RETURN_AFTER == 3
    assert outcome.card.box == 1 and "comes back after 3 other questions" in outcome.words(DAY1)
    session.next()
    between = []
    while session.current.question is not first:
        between.append(session.current.question.id)
        session.answer(True)
        session.next()
    assert len(between) == RETURN_AFTER
    # Missed again: back once more, after three others again.
    assert session.answer(False).returns_after == 3
    session.next()
    for _ in range(3):
        assert session.current.question is not first
        session.answer(True)
        session.next()
    assert session.current.question is first and session.current.box == 1
    outcome = session.answer(True)
    assert outcome.card.box == 2 and outcome.card.due == DAY1 + timedelta(days=1)
    assert outcome.words(DAY1) == "Up from box 1 to box 2: it comes back tomorrow."
    answer_all(session)
    t = session.tally
    assert (t.done, t.first_time, len(t.missed), t.wrong) == (8, 7, 1, 2)
    assert session.summary() == (
        "Session done: 8 questions, 7 right the first time; 1 missed and practised again until right."
    )


def test_a_question_missed_near_the_end_comes_back_after_those_left():
    study = Study("Ana", make_pool(2), today=Today(), seed=1)
    session = study.session()
    session.answer(True)
    session.next()
    last = session.current.question
    outcome = session.answer(False)
    assert outcome.returns_after == 0
    assert outcome.words(DAY1) == "New question, now in box 1: it comes straight back, as the last one left."
    session.next()
    assert session.current.question is last and not session.finished


def test_answering_twice_counts_once_and_next_needs_an_answer():
    session = Study("Ana", make_pool(3), today=Today(), seed=1).session()
    with pytest.raises(StudyError, match="answer the question first"):
        session.next()
    first = session.answer(False)
    assert session.answer(True) is first and session.tally.answers == 1


def test_stopping_keeps_what_was_answered():
    store = MemoryStore()
    study = Study("Ana", make_pool(6), store, today=Today(), seed=2)
    session = study.session()
    q = session.current.question
    session.answer(False)
    session.stop()
    assert session.finished and session.stopped
    assert session.summary() == "Stopped after 1 answer: 0 right the first time; 1 missed (they come first next time)."
    assert store.cards["ana"][card_key(q)].box == 1
    # Next time, the missed question comes first.
    assert Study("ANA", make_pool(6), store, today=Today(), seed=9).session().current.question == q


def test_a_session_asks_due_questions_lowest_box_first_then_new_ones_one_per_fact():
    pool = make_pool(40)
    # Two questions on one fact: a session asks at most one of them.
    pool.append(
        Question(
            id="twin",
            category="people",
            type=TRUE_FALSE,
            prompt="Twin?",
            answers=("true",),
            facts=("fact-30",),
            pack="tdf",
        )
    )
    cards = {
        card_key(pool[0]): Card("tdf", "q00", 3, DAY1 - timedelta(days=1), DAY1 - timedelta(days=4)),
        card_key(pool[1]): Card("tdf", "q01", 1, DAY1, DAY1),
        card_key(pool[2]): Card("tdf", "q02", 2, DAY1 - timedelta(days=5), DAY1 - timedelta(days=6)),
        card_key(pool[3]): Card("tdf", "q03", 4, DAY1 + timedelta(days=2), DAY1 - timedelta(days=5)),  # not due
    }
    plan = plan_session(pool, cards, DAY1, random.Random(3))
    assert [q.id for q in plan[:3]] == ["q01", "q02", "q00"]
    assert "q03" not in [q.id for q in plan]
    new = plan[3:]
    assert len(new) == NEW_PER_SESSION and all(card_key(q) not in cards for q in new)
    assert not ({"q30", "twin"} <= {q.id for q in new})
    assert len(plan) <= SESSION_SIZE


def test_a_session_is_at_most_session_size_with_the_shakiest_due_questions():
    pool = make_pool(30)
    cards = {card_key(q): Card("tdf", q.id, 1 + i % 3, DAY1, DAY1 - timedelta(days=1)) for i, q in enumerate(pool)}
    plan = plan_session(pool, cards, DAY1, random.Random(0))
    assert len(plan) == SESSION_SIZE
    boxes = [cards[card_key(q)].box for q in plan]
    assert boxes == sorted(boxes) and boxes.count(1) == 10


def test_options_are_shuffled_through_the_question_type_and_answers_checked_by_it():
    q = Question(
        id="mc",
        category="people",
        type=MULTIPLE_CHOICE,
        prompt="Who?",
        choices=("A", "B", "C", "D"),
        answers=("C",),
        pack="tdf",
    )
    session = Study("Ana", [q], today=Today(), seed=4).session()
    assert sorted(session.current.options) == ["A", "B", "C", "D"]
    outcome = session.answer("B")
    assert not outcome.correct and outcome.response_text == "B"
    session.next()
    assert session.answer("C").correct


def test_the_same_question_listed_twice_is_one_card():
    pool = make_pool(3)
    assert len(Study("Ana", pool + pool).questions) == 3


def test_categories_are_matched_in_any_letter_case():
    study = Study("Ana", make_pool(10), today=Today(), seed=1)
    assert {q.category for q in study.scope(["PEOPLE"])} == {"people"}
    assert study.session(["People"]).planned == 5


# -- across sessions ------------------------------------------------------------------------
def test_the_schedule_across_sessions_with_an_injected_date():
    today = Today()
    store = MemoryStore()
    pool = make_pool(4)

    def session():
        return Study("Ana", pool, store, today=today, seed=5).session()

    # Day 1: all four are new; three right, one missed then right on its return.
    s = session()
    missed = s.current.question
    tries: list[str] = []

    def right_the_second_time(q):
        tries.append(q.id)
        return q is not missed or tries.count(q.id) > 1

    asked = answer_all(s, right=right_the_second_time)
    assert asked.count(missed.id) == 2 and len(asked) == 5
    assert {c.box for c in store.cards["ana"].values()} == {2}
    # Later the same day: nothing is due, and the study says when to come back.
    study = Study("Ana", pool, store, today=today)
    assert study.session().finished
    assert study.nothing_due() == "Nothing is due here today: come back tomorrow."
    # Day 2: all four are due (box 2); right again, they go to box 3, due in 3 days.
    today.advance(1)
    assert sorted(answer_all(session())) == sorted(q.id for q in pool)
    assert {(c.box, c.due) for c in store.cards["ana"].values()} == {(3, DAY1 + timedelta(days=4))}
    # Days 3 and 4: nothing; day 5: due again. One is missed: box 1, back the same session.
    today.advance(1)
    assert session().finished
    today.advance(1)
    assert Study("Ana", pool, store, today=today).nothing_due() == "Nothing is due here today: come back tomorrow."
    today.advance(1)
    s = session()
    first = s.current.question
    assert s.current.box == 3
    s.answer(False)
    assert store.cards["ana"][card_key(first)].box == 1
    s.next()
    rest = answer_all(s)
    assert rest.count(first.id) == 1 and rest.index(first.id) == 3
    boxes = sorted(c.box for c in store.cards["ana"].values())
    assert boxes == [2, 4, 4, 4]  # the missed one climbs again from box 1
    # The three in box 4 come back a week later, the other one the next day.
    study = Study("Ana", pool, store, today=today)
    assert study.next_due() == today.day + timedelta(days=1)
    today.advance(1)
    assert [q.id for q in plan_session(pool, store.study_cards("Ana"), today(), random.Random(0))] == [first.id]


def test_progress_counts_new_learning_known_and_due_per_category():
    pool = make_pool(6)  # q00 q02 q04 people, q01 q03 q05 teams
    store = MemoryStore()
    store.cards["ana"] = {
        card_key(pool[0]): Card("tdf", "q00", 1, DAY1, DAY1),
        card_key(pool[2]): Card("tdf", "q02", 3, DAY1 + timedelta(days=3), DAY1),
        card_key(pool[1]): Card("tdf", "q01", 5, DAY1 - timedelta(days=1), DAY1 - timedelta(days=15)),
    }
    rows = Study("Ana", pool, store, today=Today()).progress()
    assert [r.category for r in rows] == ["people", "teams", ALL]
    people, teams, every = rows
    assert (people.total, people.new, people.learning, people.known, people.due) == (3, 1, 1, 1, 1)
    assert (teams.total, teams.new, teams.learning, teams.known, teams.due) == (3, 2, 0, 1, 1)
    assert (every.known, every.percent, every.boxes) == (2, 33, (1, 0, 1, 0, 1))
    assert every.boxes_text() == "Box 1: 1 · box 2: 0 · box 3: 1 · box 4: 0 · box 5: 1 · new: 3"
    # Another learner's boxes are their own.
    assert Study("Ben", pool, store, today=Today()).progress()[-1].new == 6


# -- where cards are kept ------------------------------------------------------------------------
def test_cards_are_kept_in_the_scores_database_per_learner_in_any_letter_case(tmp_path):
    db = tmp_path / "scores.sqlite3"
    pool = make_pool(5)
    with ScoreStore(db) as store:
        session = Study("Chloé", pool, store, today=Today(), seed=1).session()
        answer_all(session, right=lambda q: q.id != "q03" or ("tdf", "q03") in session.tally.missed)
        assert store.problem is None
    with ScoreStore(db) as store:
        cards = Study("CHLOÉ", pool, store).cards
        assert cards == session.cards and cards[("tdf", "q03")].box == 2  # missed once, then right
        assert (cards[("tdf", "q03")].times_right, cards[("tdf", "q03")].times_wrong) == (1, 1)
        assert store.study_cards("Ben") == {}
    learners = sqlite3.connect(db).execute("SELECT DISTINCT learner FROM study_cards").fetchall()
    assert learners == [("chloé",)]


def _schema_2_database(path: Path) -> None:
    """A scores file as the game wrote it before study mode: one game saved."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (2)")
    for step in (1, 2):
        for statement in MIGRATIONS[step]:
            conn.execute(statement)
    conn.execute(
        "INSERT INTO games (played_at, mode, questions, timer, difficulty, categories, seed, practice, finished, packs,"
        " settings, settings_json) VALUES ('2026-05-01T10:00:00+02:00', 'solo', 1, 20, NULL, '', 42, 0, 1, 'tdf',"
        " '1 question · 20 s timer', '')"
    )
    conn.execute("INSERT INTO players VALUES (1, 1, 0, 'Ann', 1, 950, 1, 1, 1, 1.0)")
    conn.execute(
        "INSERT INTO answers VALUES (1, 1, 1, 1, 'q01', 'tdf', 'people', 1, 0, 'True', 1.0, 500, 450, 0,"
        " 'true_false', 'Statement 1?', 'True', 'true')"
    )
    conn.commit()
    conn.close()


def test_a_schema_2_database_is_migrated_and_keeps_its_games(tmp_path):
    db = tmp_path / "scores.sqlite3"
    _schema_2_database(db)
    with ScoreStore(db) as store:
        assert store.problem is None
        assert SCHEMA_VERSION >= 3  # study cards came with schema 3; later ones keep them
        old = store.game(1)
        assert old is not None and old.participants == ("Ann",) and old.answers[0].response is True
        assert [s.points for s in store.top_scores()] == [950]
        assert store.study_cards("Ann") == {}
        study = Study("Ann", make_pool(3), store, today=Today(), seed=1)
        answer_all(study.session())
        assert len(store.study_cards("ann")) == 3
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    assert conn.execute("SELECT count(*) FROM games").fetchone() == (1,)
    conn.close()


def test_a_database_that_can_only_be_read_studies_in_memory(tmp_path):
    # A newer game's file without study tables: it is read, never written, and study goes on in memory.
    db = tmp_path / "scores.sqlite3"
    _schema_2_database(db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    with ScoreStore(db) as store:
        problem = store.problem
        assert "newer version of the game" in problem
        study = Study("Ann", make_pool(3), store, today=Today(), seed=1)
        assert study.cards == {} and store.problem == problem  # no study tables: nothing studied, no new problem
        session = study.session()
        outcome = session.answer(True)
        assert outcome.correct and outcome.saved is False and outcome.card.box == 2
        session.next()
        answer_all(session)
        assert session.finished and len(study.cards) == 3
        assert [s.points for s in store.top_scores()] == [950]  # the old games still show
    assert sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master WHERE name = 'study_cards'").fetchone() == (
        0,
    )


def test_a_damaged_database_never_stops_study(tmp_path):
    db = tmp_path / "scores.sqlite3"
    db.write_bytes(b"this is not a database at all" * 100)
    with ScoreStore(db) as store:
        assert "damaged" in store.problem
        study = Study("Ana", make_pool(3), store, today=Today(), seed=1)
        assert all(o.saved for o in [study.session().answer(True)])
    assert list(tmp_path.glob("scores.sqlite3.corrupt-*"))  # moved aside, not deleted


def test_a_locked_database_says_so_and_study_goes_on(tmp_path):
    db = tmp_path / "scores.sqlite3"
    ScoreStore(db).close()
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with ScoreStore(db) as store:
            session = Study("Ana", make_pool(3), store, today=Today(), seed=1).session()
            outcome = session.answer(True)
            assert outcome.saved is False and outcome.card.box == 2
            assert store.problem.startswith(("Study progress could not be", "Scores could not be"))
            assert "locked by another program" in store.problem
            session.next()
            assert not session.finished
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_a_card_with_a_damaged_row_is_read_as_due_at_once(tmp_path):
    db = tmp_path / "scores.sqlite3"
    ScoreStore(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO study_cards VALUES ('ana', 'tdf', 'q00', 9, 'soon', 'never', 1, 0)")
    conn.commit()
    conn.close()
    with ScoreStore(db) as store:
        card = store.study_cards("Ana")[("tdf", "q00")]
    assert card.box == BOXES and card.due == date.min
