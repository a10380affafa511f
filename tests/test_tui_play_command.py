"""`quiz play`: bad options are refused with exit code 2 before Textual is loaded."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from quiz import packcache
from quiz.cli import cli
from quiz.commands.play import build_round

PACK = str(FIXTURES / "tui-pack.yaml")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--category", "weather"], "unknown category 'weather'; known categories: broadcasting, dates,"),
        (["--questions", "0"], "--questions must be at least 1"),
        (["--timer", "0"], "--timer must be a positive number of seconds"),
        (["--timer", "-5"], "--timer must be a positive number of seconds"),
        (["--timer", "nan"], "--timer must be a positive number of seconds, at most 3600 (got nan)"),
        (["--timer", "inf"], "--timer must be a positive number of seconds, at most 3600 (got inf)"),
        (["--players", " , "], "--players needs at least one name"),
        (["--timer", "10", "--no-timer"], "either --timer SECONDS or --no-timer"),
        (["--difficulty", "brutal"], "unknown difficulty 'brutal'; choose any, easy, medium, hard"),
        (["--players", "a,b,c,d,e,f,g,h,i"], "too many players (9); at most 8"),
        (["--players", "Ana,ana"], "two players have the same name"),
        (["--questions", "20"], "only 14 suitable questions for these settings (need 20)"),
        (["--players", "Ana,Ben", "--questions", "10"], "need 20: 10 each for 2 players"),
        (["--type", "nope"], "unknown question type 'nope'; choose from multiple_choice, multi_select, true_false,"),
        (
            ["--type", "matching", "--category", "dates"],
            "no questions match these settings (need 10); choose more categories or more question types.",
        ),
        (
            ["--type", "true_false", "--type", "numeric", "--questions", "5"],
            "only 4 suitable questions for these settings (need 5); choose more question types or fewer questions.",
        ),
    ],
)
def test_bad_options_exit_2_with_a_message(args, message):
    result = CliRunner().invoke(cli, ["play", "--pack", PACK, *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_and_broken_pack_files(tmp_path):
    result = CliRunner().invoke(cli, ["play", "--pack", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "no pack file at" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack:\n  id: broken\nquestions: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["play", "--pack", str(broken)])
    assert result.exit_code == 2
    assert "cannot be used" in result.output and "broken.yaml" in result.output


def test_bad_options_never_import_textual():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from quiz.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['play', '--pack', {PACK!r}, '--category', 'nope'])\n"
        "assert r.exit_code == 2, r.output\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_good_options_build_the_round_and_open_the_app(monkeypatch):
    opened = {}

    def fake_run(self):
        opened["app"] = self

    monkeypatch.setattr("quiz.tui.app.QuizApp.run", fake_run)
    result = CliRunner().invoke(
        cli,
        [
            "play",
            "--pack",
            PACK,
            "--seed",
            "7",
            "--questions",
            "3",
            "--timer",
            "30",
            "--players",
            "Ana, Ben",
            "--category",
            "Producers",
            "--category",
            "the series",
            "--category",
            "dates",
        ],
    )
    assert result.exit_code == 0, result.output
    game = opened["app"]._first_session
    s = game.settings
    assert (s.mode, s.players, s.timer, s.questions, s.seed) == ("hotseat", ("Ana", "Ben"), 30.0, 3, 7)
    assert s.categories == ("producers", "the series", "dates")
    assert len(game.turns) == 6
    assert {t.question.category for t in game.turns} <= {"producers", "the series", "dates"}


def test_type_option_limits_the_round_to_those_types(monkeypatch):
    opened = {}
    monkeypatch.setattr("quiz.tui.app.QuizApp.run", lambda self: opened.setdefault("app", self))
    result = CliRunner().invoke(
        cli, ["play", "--pack", PACK, "--seed", "3", "--questions", "4", "--type", "TRUE_FALSE", "--type", "numeric"]
    )
    assert result.exit_code == 0, result.output
    game = opened["app"]._first_session
    assert game.settings.types == ("true_false", "numeric")
    assert sorted(t.question.type for t in game.turns) == ["numeric", "numeric", "true_false", "true_false"]


class _Terminal(io.StringIO):
    """Standard error that says it is a terminal, as it is when a person runs the game."""

    def isatty(self) -> bool:
        return True


def _slow_first_reading(monkeypatch, seconds: float) -> None:
    real = packcache.load

    def slow(path, progress=None):
        if progress is not None:
            time.sleep(seconds)  # past the half second TerminalProgress waits before it speaks
            progress(0.5)
        return real(path, progress)

    monkeypatch.setattr(packcache, "load", slow)


def _build(pack) -> None:
    """What ``quiz play --pack PACK --seed 7 --questions 3`` does before the UI starts."""
    game, entries, _settings, store = build_round((str(pack),), (), 3, None, False, "any", 7, None)
    store.close()
    assert [e.path for e in entries] == [str(pack)] and len(game.turns) == 3


def test_a_slow_first_reading_shows_progress_on_the_terminal_before_the_ui(monkeypatch, tmp_path):
    big = tmp_path / "big.yaml"
    shutil.copy(PACK, big)
    _slow_first_reading(monkeypatch, 0.6)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    _build(big)
    text = terminal.getvalue()
    assert "\rReading big.yaml… 50%" in text
    # Erased before the game takes the screen.
    assert text.endswith("\r" + " " * len("Reading big.yaml… 50%") + "\r")


def test_a_quick_or_piped_reading_shows_nothing(monkeypatch, tmp_path):
    big = tmp_path / "big.yaml"
    shutil.copy(PACK, big)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    _build(big)
    assert terminal.getvalue() == ""  # quick: under the half second
    _slow_first_reading(monkeypatch, 0.6)
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    big2 = tmp_path / "big2.yaml"
    big2.write_text(big.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # new bytes: not cached
    _build(big2)
    assert piped.getvalue() == ""


def test_a_pipe_or_link_loop_given_as_pack_is_refused_with_its_reason(tmp_path):
    import os

    loop = tmp_path / "loop.yaml"
    loop.symlink_to("loop.yaml")
    result = CliRunner().invoke(cli, ["play", "--pack", str(loop)])
    assert result.exit_code == 2 and "leads back to itself (a link loop)" in result.output
    result = CliRunner().invoke(cli, ["play", "--pack", str(tmp_path)])
    assert result.exit_code == 2 and "this is a folder, not a pack" in result.output
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.yaml"
        os.mkfifo(pipe)
        result = CliRunner().invoke(cli, ["play", "--pack", str(pipe)])
        assert result.exit_code == 2 and "named pipe (FIFO), not a pack" in result.output
