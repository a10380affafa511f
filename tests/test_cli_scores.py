"""`quiz scores`: the high-score table, recent games, CSV, and a missing or damaged file."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import replace
from datetime import datetime

import pytest
from click.testing import CliRunner
from sessionkit import played

from quiz import locations
from quiz.cli import cli
from quiz.model import TRUE_FALSE, Question
from quiz.session import HOTSEAT, GameResult, RoundSettings
from quiz.storage import ScoreStore

POOL = [
    Question(id=f"q{i}", category="people", type=TRUE_FALSE, prompt=f"S{i}?", answers=("true",), pack="tdf")
    for i in range(30)
]


def game(answers, players=("Ann",), elapsed=2.0, timer=20, seed=1, **kw) -> GameResult:
    mode = HOTSEAT if len(players) > 1 else "solo"
    settings = RoundSettings(
        questions=len(answers) // len(players), players=players, mode=mode, timer=timer, seed=seed, **kw
    )
    result = played(POOL, settings, answers, elapsed=elapsed if elapsed is not None else 60.0).result()
    if elapsed is None:
        # A game whose answer times were not kept (as games saved by older versions can be).
        result = replace(
            result,
            answers=tuple(replace(a, elapsed=None) for a in result.answers),
            standings=tuple(replace(st, mean_time=None) for st in result.standings),
        )
    return result


def run(*args: str):
    result = CliRunner().invoke(cli, ["scores", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def some_games():
    with ScoreStore() as store:
        store.save_game(game([True, True, False]))  # Ann 950 + (950 + 100) = 2000
        store.save_game(game([True, False, True, True], players=("Bob", "Zoë"), seed=2))  # Bob 2000, Zoë 950
        store.save_game(game([True, True, True], players=("Cy",), timer=None, elapsed=None))  # 3300
    return store


def test_no_database_says_so_and_creates_nothing():
    result = run()
    assert result.exit_code == 0
    assert result.stdout == "No games played yet.\n"
    assert not locations.data_dir().exists()


def test_high_score_table(some_games):
    result = run()
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "High scores"
    assert lines[2].split() == [
        "#",
        "Player",
        "Points",
        "Correct",
        "Accuracy",
        "Best",
        "streak",
        "Mean",
        "time",
        "Mode",
        "Date",
    ]
    today = datetime.now().strftime("%Y-%m-%d")
    body = [line.split() for line in lines[4:]]
    assert [row[:6] for row in body] == [
        ["1", "Cy", "3300", "3/3", "100%", "3"],
        # Level with Ann on points and right answers: one place, as on the results screen (listed first:
        # more accurate).
        ["2=", "Bob", "2000", "2/2", "100%", "2"],
        ["2=", "Ann", "2000", "2/3", "67%", "2"],
        ["4", "Zoë", "950", "1/2", "50%", "1"],
    ]
    assert body[0][6:9] == ["—", "Solo", today]  # no timer, no times
    assert body[2][6:10] == ["2.0", "s", "Solo", today]
    assert body[1][8] == "Hot-seat"  # the modes as the game names them on screen
    # Columns line up: every row is as wide as the rule under the headers, or narrower.
    assert all(len(line) <= len(lines[3]) for line in lines[4:])


def test_limit(some_games):
    result = run("--limit", "2")
    players = [line.split()[1] for line in result.stdout.splitlines()[4:]]
    assert players == ["Cy", "Bob"]
    assert run("-n", "0").exit_code == 2  # a usage error, not a crash


def test_recent_games_table(some_games):
    result = run("--recent")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Recent games"
    assert lines[2].split() == ["Game", "Date", "Mode", "Questions", "Players", "Winner", "Settings"]
    assert [line.split()[0] for line in lines[4:]] == ["3", "2", "1"]
    assert "Bob, Zoë  Bob" in lines[5] and "2 questions · 20 s timer" in lines[5]
    assert "no timer" in lines[4]
    assert [line.split()[0] for line in run("--recent", "--limit", "1").stdout.splitlines()[4:]] == ["3"]


def test_csv_scores_for_a_spreadsheet(some_games):
    result = run("--csv")
    assert result.exit_code == 0
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0] == [
        "rank",
        "player",
        "points",
        "correct",
        "asked",
        "accuracy_percent",
        "best_streak",
        "mean_time_seconds",
        "mode",
        "played_at",
        "game_id",
    ]
    assert [row[:9] for row in table[1:]] == [
        ["1", "Cy", "3300", "3", "3", "100.0", "3", "", "solo"],
        ["2", "Bob", "2000", "2", "2", "100.0", "2", "2.0", "hotseat"],
        ["2", "Ann", "2000", "2", "3", "66.7", "2", "2.0", "solo"],
        ["4", "Zoë", "950", "1", "2", "50.0", "1", "2.0", "hotseat"],
    ]
    assert datetime.fromisoformat(table[1][9]).date() == datetime.now().date()
    assert [row[10] for row in table[1:]] == ["3", "2", "1", "2"]


def test_csv_recent_games(some_games):
    table = list(csv.reader(io.StringIO(run("--recent", "--csv").stdout)))
    assert table[0] == ["game_id", "played_at", "mode", "questions", "players", "winner", "settings"]
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in table[1:]] == [
        ("3", "solo", "3", "Cy", "Cy"),
        ("2", "hotseat", "2", "Bob; Zoë", "Bob"),
        ("1", "solo", "3", "Ann", "Ann"),
    ]


def test_csv_with_no_games_is_just_the_header():
    result = run("--csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "rank,player,points,correct,asked,accuracy_percent,best_streak,mean_time_seconds,mode,played_at,game_id"
    ]
    assert result.stderr == "No games played yet.\n"


def test_practice_games_show_in_history_not_in_high_scores():
    with ScoreStore() as store:
        store.save_game(game([True], practice=True))
    assert run().stdout == "No games played yet.\n"
    assert "practice" in run("--recent").stdout


def test_damaged_database_gives_the_message_and_exit_0():
    path = locations.scores_db()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    result = run()
    assert result.exit_code == 0
    assert result.stderr.startswith("The scores file was damaged; it was moved aside as scores.sqlite3.corrupt-")
    assert result.stdout == "No games played yet.\n"
    assert len(list(path.parent.glob("scores.sqlite3.corrupt-*"))) == 1


def test_data_dir_option(tmp_path):
    elsewhere = tmp_path / "classroom"
    with ScoreStore(elsewhere / "scores.sqlite3") as store:
        store.save_game(game([True], players=("Class 5B",)))
    result = CliRunner().invoke(cli, ["--data-dir", str(elsewhere), "scores"])
    assert result.exit_code == 0 and "Class 5B" in result.stdout


def test_scores_command_does_not_load_the_ui():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from quiz.cli import cli\n"
        "r = CliRunner().invoke(cli, ['scores'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
