"""`quiz report`: the list of saved games, a game's report in each format, and a clear message for every mistake."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from reportkit import FORMULA_NAME, csv_cell, expected_tables, html_cell, play_round, read_csv, read_html, scripted

from quiz import locations
from quiz.cli import cli
from quiz.session import HOTSEAT, SOLO, TEAMS, RoundSettings, Session
from quiz.storage import ScoreStore


def run(*args: str):
    result = CliRunner().invoke(cli, ["report", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def save(session: Session) -> int:
    with ScoreStore() as store:
        game_id = store.save_game(session.result())
    assert game_id is not None
    return game_id


@pytest.fixture
def games() -> dict[str, Session]:
    """Three saved games: solo (game 1), hot-seat (2) and teams (3)."""
    played = {
        "solo": play_round(RoundSettings(mode=SOLO, players=("Ana",), questions=3, seed=1), scripted("rw")),
        "hotseat": play_round(
            RoundSettings(mode=HOTSEAT, players=("Ben", FORMULA_NAME), questions=2, seed=2, timer=None), scripted("wr")
        ),
        "teams": play_round(RoundSettings(mode=TEAMS, players=("Red", "Blue"), questions=4, seed=3), scripted("rrw")),
    }
    for session in played.values():
        save(session)
    return played


def test_no_database_says_so_and_creates_nothing():
    result = run()
    assert (result.exit_code, result.stdout) == (
        0,
        "No games saved yet: play a round first (practice rounds are not saved).\n",
    )
    result = run("1", "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr.startswith("there is no game 1: no games are saved yet")
    assert not locations.data_dir().exists()


def test_the_list_shows_each_game_latest_first(games):
    result = run()
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Saved games, latest first"
    assert lines[2].split() == ["Game", "Date", "Mode", "Packs", "Players", "or", "teams", "Winner"]
    rows = [line for line in lines[4:] if line.strip()][:3]
    assert [r.split()[0] for r in rows] == ["3", "2", "1"]
    assert "Teams" in rows[0] and "Red, Blue" in rows[0] and "tdf, <em>extra</em>" in rows[0]
    assert "Hot-seat" in rows[1] and f"Ben, {FORMULA_NAME}" in rows[1]
    assert "Solo" in rows[2] and rows[2].rstrip().endswith("Ana")
    winner = games["teams"].standings()[0].name
    assert rows[0].rstrip().endswith(winner)
    assert "more with --limit" not in result.stdout
    limited = run("--limit", "1").stdout
    assert " 3 " in limited and " 2 " not in limited and "(more with --limit)" in limited


@pytest.mark.parametrize("game", ["hotseat", "teams"])
def test_each_format_is_written_and_every_row_matches_the_game(games, game, tmp_path):
    number = list(games).index(game) + 1
    expected = expected_tables(games[game])

    result = run(str(number), "-o", str(tmp_path / "class.csv"))  # the format from the suffix
    assert result.exit_code == 0, result.stderr
    names = ["class-summary.csv", "class-answers.csv", "class-questions.csv"]
    assert result.stdout.splitlines()[1:] == [f"  {tmp_path / n}" for n in names]
    for table, name in zip(("Summary", "Answers", "Questions"), names):
        rows = read_csv(tmp_path / name)[1:]
        assert rows == [[csv_cell(k, v) for k, v in row] for row in expected[table]]

    assert run(str(number), "--format", "html", "-o", str(tmp_path / "class.page")).exit_code == 0
    page = read_html(tmp_path / "class.page")
    assert page.sections["answers"] == [[html_cell(k, v) for k, v in row] for row in expected["Answers"]]

    assert run(str(number), "-f", "XLSX", "-o", str(tmp_path / "class.xlsx")).exit_code == 0
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "class.xlsx").sheetnames == ["Summary", "Answers", "Questions", "Game"]


def test_without_o_the_report_goes_to_the_reports_folder_and_latest_is_the_last_game(games):
    result = run("latest", "--format", "html")
    assert result.exit_code == 0, result.stderr
    written = list(locations.reports_dir().iterdir())
    assert len(written) == 1 and written[0].name.startswith("quiz-report-") and written[0].name.endswith("-game-3.html")
    assert result.stdout.startswith("Wrote the report of game 3 (teams, 2 teams, 4 questions) to:")
    assert str(written[0]) in result.stdout


def test_an_existing_file_is_kept_unless_forced(games, tmp_path):
    out = tmp_path / "r.html"
    out.write_text("keep me")
    result = run("1", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"{out} already exists; use --force to replace\n"
    assert out.read_text() == "keep me"
    assert run("1", "-o", str(out), "--force").exit_code == 0
    assert read_html(out).sections["summary"][0][1] == "Ana"

    (tmp_path / "c-answers.csv").write_text("keep me too")
    result = run("1", "-o", str(tmp_path / "c.csv"))
    assert result.exit_code == 1 and "c-answers.csv already exists" in result.stderr
    assert not (tmp_path / "c-summary.csv").exists()  # nothing written: not even the files that were free


def test_mistakes_get_a_message_and_exit_2(games, tmp_path):
    cases = {
        ("9", "-f", "csv"): "there is no game 9: `quiz report` lists the saved games",
        ("abc", "-f", "csv"): "'abc' is not a game: give a game number from the list `quiz report` prints, or 'latest'",
        ("0", "-f", "csv"): "'0' is not a game",
        ("1",): "give --format: one of csv, xlsx, html",
        ("1", "-o", str(tmp_path / "r.pdf")): "give --format: one of csv, xlsx, html",
        ("-f", "csv"): "name the game to report",
    }
    for args, message in cases.items():
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith(message), (args, result.stderr)
    result = run("1", "-f", "pdf")
    assert result.exit_code == 2 and "'pdf' is not one of 'csv', 'xlsx', 'html'" in result.stderr
    assert not list(tmp_path.glob("r.*")) and not locations.reports_dir().exists()  # nothing written


def test_an_unwritable_output_says_why(games, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("1", "-f", "html", "-o", str(blocker / "r.html"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{blocker}: cannot write the report: ")
    assert result.stderr.rstrip().endswith(("file exists", "not a directory"))
    folder = tmp_path / "folder.html"
    folder.mkdir()
    result = run("1", "-o", str(folder))
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_a_damaged_database_cannot_be_read_and_says_so(tmp_path):
    path = locations.scores_db()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    result = run("1", "-f", "csv")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"the scores database {path} could not be read: The scores file was damaged;")
    assert len(list(path.parent.glob("scores.sqlite3.corrupt-*"))) == 1  # kept, moved aside as the game does
    path.unlink()
    path.mkdir()
    for args in ((), ("1", "-f", "csv")):
        result = run(*args)
        assert (
            result.exit_code == 1
            and result.stderr == f"the scores database {path} could not be read: it is not a file\n"
        )


def test_data_dir_option(tmp_path):
    elsewhere = tmp_path / "classroom"
    with ScoreStore(elsewhere / "scores.sqlite3") as store:
        store.save_game(play_round(RoundSettings(players=("Class 5B",), questions=1, seed=1), scripted("r")).result())
    result = CliRunner().invoke(cli, ["--data-dir", str(elsewhere), "report"])
    assert result.exit_code == 0 and "Class 5B" in result.stdout
    result = CliRunner().invoke(cli, ["--data-dir", str(elsewhere), "report", "1", "-f", "html"])
    assert result.exit_code == 0 and len(list((elsewhere / "reports").glob("*.html"))) == 1


def test_report_command_does_not_load_the_ui():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from quiz.cli import cli\n"
        "r = CliRunner().invoke(cli, ['report'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'openpyxl')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
