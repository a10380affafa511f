"""The scores database: what it keeps, and how it copes when the file is not fine."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sessionkit import FakeClock

from quiz import locations
from quiz.model import TRUE_FALSE, Question
from quiz.session import HOTSEAT, GameResult, RoundSettings, Session
from quiz.storage import SCHEMA_VERSION, GameRow, ScoreRow, ScoreStore

ROOT = Path(__file__).resolve().parent.parent


def make_pool(n: int = 40) -> list[Question]:
    return [
        Question(
            id=f"q{i:02d}",
            category=("people", "teams")[i % 2],
            type=TRUE_FALSE,
            prompt=f"Statement {i}?",
            answers=("true",),
            facts=(f"fact-{i}",),
            pack="tdf",
        )
        for i in range(n)
    ]


def played_session(
    answers: list[bool | None], *, players=("Ann",), mode="solo", seed=1, timer=20, elapsed=2.0, packs=("tdf",), **kw
) -> Session:
    """A finished round where each turn is answered right or wrong as listed (None: timed out)."""
    per_player = len(answers) // len(players)
    clock = FakeClock()
    settings = RoundSettings(questions=per_player, seed=seed, mode=mode, players=players, timer=timer, **kw)
    session = Session.create(make_pool(), settings, clock=clock, packs=packs)
    session.start()
    for right in answers:
        if session.phase.value == "ready":
            clock.advance(Session.READY_GUARD)
            session.ready()
        if right is None:
            session.time_out()
        else:
            clock.advance(elapsed)
            session.answer(right)
        session.next()
    assert session.finished
    return session


def played(answers: list[bool | None], **kw) -> GameResult:
    """The record of such a round."""
    return played_session(answers, **kw).result()


def rows(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "scores.sqlite3"


# -- a healthy database --------------------------------------------------------
def test_missing_folder_and_file_are_created_with_the_schema(tmp_path):
    path = tmp_path / "not" / "yet" / "scores.sqlite3"
    store = ScoreStore(path)
    assert store.problem is None and path.is_file()
    assert rows(path, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    assert rows(path, "PRAGMA journal_mode") == [("wal",)]
    tables = {r[0] for r in rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"games", "players", "answers", "schema_version"} <= tables
    store.close()


def test_default_path_is_in_the_data_dir():
    store = ScoreStore()
    assert store.path == locations.scores_db() and store.path.is_file()
    store.close()


def test_reopening_does_not_migrate_again(db):
    ScoreStore(db).close()
    store = ScoreStore(db)
    assert store.problem is None
    assert rows(db, "SELECT count(*) FROM schema_version") == [(1,)]
    store.close()


def test_an_empty_database_from_before_versioning_is_migrated(db):
    sqlite3.connect(db).close()  # an empty file: version 0
    with ScoreStore(db) as store:
        assert store.problem is None
        assert store.save_game(played([True])) == 1


def test_save_game_writes_game_players_and_every_answer(db):
    game = played_session(
        [True, False, True, True], players=("Ann", "Bob"), mode=HOTSEAT, seed=3, elapsed=5.0, packs=("tdf", "extra")
    )
    with ScoreStore(db) as store:
        game_id = store.save_game(game.result())
    assert game_id == 1
    (g,) = rows(db, "SELECT mode, questions, timer, seed, practice, finished, packs FROM games")
    assert g == ("hotseat", 2, 20.0, 3, 0, 1, "tdf, extra")
    assert rows(db, "SELECT name, rank, points, correct, asked, best_streak, mean_time FROM players ORDER BY seat") == [
        ("Ann", 1, 875 + 975, 2, 2, 2, 5.0),
        ("Bob", 2, 875, 1, 2, 1, 5.0),
    ]
    answers = rows(
        db,
        "SELECT p.name, a.number, a.question_id, a.pack, a.category, a.correct, a.timed_out, a.response, a.elapsed,"
        " a.points_base, a.points_speed, a.points_streak FROM answers a JOIN players p ON p.id = a.player_id"
        " ORDER BY p.seat, a.number",
    )
    assert [a[:2] for a in answers] == [("Ann", 1), ("Ann", 2), ("Bob", 1), ("Bob", 2)]
    assert [a[2] for a in answers] == [t.question.id for p in ("Ann", "Bob") for t in game.turns if t.player == p]
    assert all(a[3] == "tdf" for a in answers)
    assert answers[0][5:] == (1, 0, "True", 5.0, 500, 375, 0)
    assert answers[1][5:] == (1, 0, "True", 5.0, 500, 375, 100)
    assert answers[2][5:] == (0, 0, "False", 5.0, 0, 0, 0)
    assert answers[3][5:] == (1, 0, "True", 5.0, 500, 375, 0)
    assert {a[4] for a in answers} <= {"people", "teams"}


def test_timeouts_are_recorded(db):
    with ScoreStore(db) as store:
        store.save_game(played([True, None], timer=10))
    assert rows(db, "SELECT correct, timed_out, response, elapsed FROM answers ORDER BY number") == [
        (1, 0, "True", 2.0),
        (0, 1, "no answer", 10.0),
    ]


def test_top_scores_rank_points_then_accuracy_then_speed(db):
    with ScoreStore(db) as store:
        store.save_game(played([True, True, False], players=("Ann",), elapsed=4.0))  # 900+1000
        store.save_game(played([True, True, True], players=("Bob",), timer=None))  # 1000+1100+1200
        store.save_game(played([False, False, False], players=("Cat",)))  # 0
        store.save_game(played([True, True, False], players=("Dee",), elapsed=4.0))  # same as Ann, later
        store.save_game(played([True, True, True], players=("Eve",), practice=True))  # practice: not ranked
        store.save_game(played([True, True], players=("Fay",), elapsed=4.0))  # 1900 too, but 2 of 2
        store.save_game(played([True, True, True], players=("Gus",), timer=None, elapsed=1.0))  # Bob's, faster
        top = store.top_scores()
    assert [(s.player, s.points) for s in top] == [
        ("Gus", 3300),
        ("Bob", 3300),
        ("Fay", 1900),
        ("Ann", 1900),
        ("Dee", 1900),
        ("Cat", 0),
    ]
    bob = top[1]
    assert bob == ScoreRow("Bob", 3300, 3, 3, 1.0, 3, 2.0, "solo", bob.played_at, 2)
    assert top[3].accuracy == pytest.approx(2 / 3) and top[3].mean_time == 4.0
    # The date is ISO 8601 with the local offset, so a spreadsheet can read it.
    assert len(bob.played_at) == 25 and bob.played_at[10] == "T"


def test_top_scores_limit(db):
    with ScoreStore(db) as store:
        for seed in range(5):
            store.save_game(played([True] * (seed + 1), seed=seed, timer=None))
        assert [s.points for s in store.top_scores(limit=2)] == [6000, 4600]
        assert store.top_scores(limit=0) == []


def test_recent_games_newest_first_with_players_and_winner(db):
    with ScoreStore(db) as store:
        store.save_game(played([True, True], players=("Ann",), seed=5, timer=None))
        store.save_game(played([False, True, True, True], players=("Bob", "Cat"), mode=HOTSEAT, seed=6))
        store.save_game(played([True], players=("Eve",), practice=True, seed=7, categories=("people",)))
        recent = store.recent_games()
        assert [g.game_id for g in store.recent_games(limit=1)] == [3]
    assert [(g.game_id, g.mode, g.questions, g.players, g.winner) for g in recent] == [
        (3, "solo", 1, ["Eve"], "Eve"),
        (2, "hotseat", 2, ["Bob", "Cat"], "Cat"),
        (1, "solo", 2, ["Ann"], "Ann"),
    ]
    assert recent[2].settings == "2 questions · no timer · any difficulty · all categories · seed 5"
    assert recent[0].settings == "1 question · 20 s timer · any difficulty · people · seed 7 · practice"
    assert isinstance(recent[0], GameRow)


def test_a_tie_is_stored_as_a_shared_place_and_both_players_win(db):
    with ScoreStore(db) as store:
        # Ann and Bob both answer everything right in the same time; Cat misses once.
        store.save_game(played([True, True, True, True, True, False], players=("Ann", "Bob", "Cat"), mode=HOTSEAT))
        (game,) = store.recent_games()
    assert rows(db, "SELECT name, rank FROM players ORDER BY seat") == [("Ann", 1), ("Bob", 1), ("Cat", 3)]
    assert game.winner == "Ann & Bob"


def test_recently_seen_covers_the_players_last_games_only(db):
    with ScoreStore(db) as store:
        games = [played_session([True, True], players=("Ann",), seed=s) for s in range(4)]
        for g in games:
            store.save_game(g.result())
        store.save_game(played([True, True], players=("Bob",), seed=99))
        asked = [{t.question.id for t in g.turns} for g in games]
        assert store.recently_seen("Ann", games=2) == asked[2] | asked[3]
        assert store.recently_seen("ann ", games=10) == set().union(*asked)  # any letter case
        assert store.recently_seen("Nobody") == frozenset()
        assert store.recently_seen("Ann", games=0) == frozenset()


def test_a_failing_save_leaves_nothing_half_written(db):
    game = played([True, True, True])
    # A question id of None breaks a NOT NULL rule on the last row written.
    game = replace(game, answers=(*game.answers[:2], replace(game.answers[2], question_id=None)))
    with ScoreStore(db) as store:
        assert store.save_game(game) is None
        assert store.problem and store.problem.startswith("Scores could not be saved")
        assert rows(db, "SELECT count(*) FROM games") == [(0,)]
        assert rows(db, "SELECT count(*) FROM players") == [(0,)]
        assert rows(db, "SELECT count(*) FROM answers") == [(0,)]
        assert store.save_game(played([True])) is not None  # the store still works


def test_saving_from_another_thread(db):
    store = ScoreStore(db)
    result = []
    worker = threading.Thread(target=lambda: result.append(store.save_game(played([True]))))
    worker.start()
    worker.join()
    assert result == [1] and len(store.top_scores()) == 1
    store.close()
    store.close()  # closing twice is harmless


# -- trouble -------------------------------------------------------------------
def test_locked_database_gives_up_quickly_and_recovers(db):
    ScoreStore(db).close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        store = ScoreStore(db)
        start = time.monotonic()
        assert store.save_game(played([True])) is None
        assert time.monotonic() - start < 1.5  # play never waits long
        assert store.problem == "Scores could not be saved: the database is locked by another program. Play goes on."
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.save_game(played([True])) == 1
    store.close()


def test_database_locked_while_opening_degrades_then_recovers(db):
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("CREATE TABLE someone_elses (x)")
    try:
        store = ScoreStore(db)
        assert "locked" in store.problem
        assert store.top_scores() == [] and store.recent_games() == [] and store.recently_seen("Ann") == frozenset()
        assert store.save_game(played([True])) is None
    finally:
        other.execute("COMMIT")
        other.close()
    assert store.save_game(played([True])) == 1
    assert len(store.top_scores()) == 1
    store.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_damaged_database_is_moved_aside_and_play_goes_on(db, damage):
    if damage == "garbage":
        spoiled = random.Random(1).randbytes(8192)
    else:
        with ScoreStore(db) as store:
            for seed in range(40):
                store.save_game(played([True, False, True], seed=seed))
        spoiled = db.read_bytes()[: db.stat().st_size // 2]
    db.write_bytes(spoiled)
    store = ScoreStore(db)
    aside = [p for p in db.parent.iterdir() if p.name.startswith("scores.sqlite3.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == spoiled  # kept, never deleted
    assert store.problem == (
        f"The scores file was damaged; it was moved aside as {aside[0].name} and a new one was started."
    )
    assert store.top_scores() == []
    assert store.save_game(played([True])) == 1
    store.close()
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    store = ScoreStore(blocker / "data" / "scores.sqlite3")
    assert store.problem == (
        f"Scores could not be saved: {blocker / 'data'} cannot be made, because {blocker} is a file. Play goes on."
    )
    assert store.save_game(played([True])) is None
    assert store.top_scores() == [] and store.recent_games() == [] and store.recently_seen("Ann") == frozenset()
    store.close()


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write in: chmod works for users; root needs a read-only file system."""
    folder = tmp_path / "locked-folder"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        (folder / "probe").touch()
    except OSError:
        return folder
    (folder / "probe").unlink()
    folder.chmod(0o755)
    # Root ignores permissions; /proc refuses new files to everyone on Linux.
    proc = Path("/proc")
    if proc.is_dir():
        try:
            (proc / "tdf-quiz-probe").touch()
        except OSError:
            return proc
    pytest.skip("no folder here refuses writes to this user")


def test_read_only_folder(tmp_path):
    folder = _read_only_folder(tmp_path)
    try:
        store = ScoreStore(folder / "scores.sqlite3")
        assert store.problem.startswith("Scores could not be saved: ")
        assert "cannot be written" in store.problem and store.problem.endswith("Play goes on.")
        assert store.save_game(played([True])) is None
        assert store.top_scores() == [] and store.recent_games() == []
        store.close()
    finally:
        if folder != Path("/proc"):
            folder.chmod(0o755)


def test_newer_schema_is_read_but_not_written(db):
    with ScoreStore(db) as store:
        store.save_game(played([True], timer=None))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    store = ScoreStore(db)
    assert "newer version of the game" in store.problem
    assert [s.points for s in store.top_scores()] == [1000]
    assert store.save_game(played([True])) is None
    store.close()


# -- no lost results -------------------------------------------------------------
WRITER = """
import sys
from pathlib import Path
from quiz.model import Question
from quiz.session import RoundSettings, Session
from quiz.storage import ScoreStore

pool = [Question(id=f"q{i}", category="c", type="true_false", prompt=f"S{i}?", answers=("true",)) for i in range(20)]
store = ScoreStore(Path(sys.argv[1]))
print("ready", store.problem or "", flush=True)
seed = 0
while True:
    seed += 1
    game = Session.create(pool, RoundSettings(questions=5, seed=seed, timer=None))
    game.start()
    while not game.finished:
        game.answer(seed % 2 == 0)
        game.next()
    game_id = store.save_game(game.result())
    if game_id is not None:
        print(game_id, flush=True)
"""


@pytest.mark.slow
def test_killing_the_writer_at_random_loses_no_committed_game(db):
    rng = random.Random(20240701)
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    reported: set[int] = set()
    for _ in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        first = proc.stdout.readline()
        assert first.startswith("ready"), proc.stderr.read()
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        # Only whole lines: the writer may die halfway through printing an id.
        lines = out.split("\n")[:-1]
        reported.update(int(line) for line in lines if line.isdigit())
    assert len(reported) > 20, "the writer barely wrote anything; the test proved nothing"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {r[0] for r in conn.execute("SELECT id FROM games")}
        assert reported <= stored
        # Every stored game is whole: one player and five answers, never a part of one.
        per_game = conn.execute(
            "SELECT g.id, count(DISTINCT p.id), count(a.id) FROM games g"
            " LEFT JOIN players p ON p.game_id = g.id LEFT JOIN answers a ON a.game_id = g.id GROUP BY g.id"
        ).fetchall()
        assert all(n_players == 1 and n_answers == 5 for _, n_players, n_answers in per_game)
    finally:
        conn.close()
    with ScoreStore(db) as store:
        assert store.problem is None and len(store.recent_games(limit=10_000)) == len(stored)


# -- the results record ------------------------------------------------------------
def test_a_saved_game_reads_back_as_the_record_it_was(db):
    result = played([True, False, None, True], players=("Ann", "Bob"), mode=HOTSEAT, seed=8, elapsed=3.0)
    with ScoreStore(db) as store:
        game_id = store.save_game(result)
        again = store.game(game_id)
        assert store.game(game_id + 1) is None
    assert again == replace(result, game_id=game_id)
    assert again.settings == result.settings and again.answers[0].response is True


def _version_1_database(path: Path) -> None:
    """A scores file as the game wrote it before the results record: one game of two players."""
    from quiz.storage import MIGRATIONS

    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (1)")
    for statement in MIGRATIONS[1]:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO games (played_at, mode, questions, timer, difficulty, categories, seed, practice, finished, packs,"
        " settings) VALUES ('2026-05-01T10:00:00+02:00', 'hotseat', 1, 20, NULL, 'people', 42, 0, 1, 'tdf',"
        " '1 question · 20 s timer · any difficulty · people · seed 42')"
    )
    conn.execute("INSERT INTO players VALUES (1, 1, 0, 'Ann', 1, 950, 1, 1, 1, 1.0)")
    conn.execute("INSERT INTO players VALUES (2, 1, 1, 'Bob', 2, 0, 0, 1, 0, 4.0)")
    conn.execute("INSERT INTO answers VALUES (1, 1, 1, 1, 'q01', 'tdf', 'people', 1, 0, 'True', 1.0, 500, 450, 0)")
    conn.execute("INSERT INTO answers VALUES (2, 1, 2, 1, 'q02', 'tdf', 'people', 0, 0, 'False', 4.0, 0, 0, 0)")
    conn.commit()
    conn.close()


def test_a_database_from_before_the_results_record_is_migrated_and_its_games_stay_readable(db):
    _version_1_database(db)
    with ScoreStore(db) as store:
        assert store.problem is None
        old = store.game(1)
        assert old is not None and old.mode == HOTSEAT and old.seed == 42 and old.packs == ("tdf",)
        assert old.settings.categories == ("people",) and old.settings.players == ("Ann", "Bob")
        assert old.participants == ("Ann", "Bob") and old.winners == ("Ann",)
        assert [(a.participant, a.question_id, a.response_text, a.correct, a.points) for a in old.answers] == [
            ("Ann", "q01", "True", True, 950),
            ("Bob", "q02", "False", False, 0),
        ]
        assert old.answers[0].response is None and old.answers[0].prompt == ""  # not kept then
        new_id = store.save_game(played([True]))
        assert [g.game_id for g in store.recent_games()] == [new_id, 1]
        assert store.recent_games()[1].settings == "1 question · 20 s timer · any difficulty · people · seed 42"
    assert rows(db, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)] == [(4,)]
