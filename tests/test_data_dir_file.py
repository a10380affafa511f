"""A data folder that is a file never stops the game: every command says what is wrong in one line and goes on.

Click used to refuse it with "Invalid value for '--data-dir'", naming an option
the player never gave when QUIZ_DATA_DIR had set it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from quiz import locations
from quiz.cli import cli
from quiz.storage import ScoreStore

PACK = str(FIXTURES / "sample-pack.yaml")
FACTS = str(ROOT / "examples" / "solar-system.facts.yaml")


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    """QUIZ_DATA_DIR names a file."""
    path = tmp_path / "not-a-folder"
    path.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("QUIZ_DATA_DIR", str(path))
    locations.set_data_dir(None)
    return path


def _warning(path, origin: str = "QUIZ_DATA_DIR") -> str:
    return f"quiz: the data folder {path} (from {origin}) is a file, not a folder; scores, your own packs"


@pytest.fixture
def no_ui(monkeypatch):
    """The app is built as for real, but not run."""
    opened = {}
    monkeypatch.setattr("quiz.tui.app.QuizApp.run", lambda self: opened.setdefault("app", self))
    return opened


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["scores"], "No games played yet."),
        (["scores", "--recent", "--csv"], "players"),
        (["packs"], "[valid]"),
        (["validate", PACK], "1 file checked: 1 valid"),
        (["export", PACK, "--format", "aiken"], "ANSWER:"),
        (["play", "--pack", PACK, "--seed", "1", "--no-timer", "--questions", "5"], ""),
        ([], ""),  # the game itself
    ],
    ids=["scores", "recent", "packs", "validate", "export", "play", "game"],
)
def test_every_command_warns_and_goes_on(data_file, no_ui, args, says):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(_warning(data_file)), result.stderr
    assert "The game goes on." in result.stderr
    assert "--data-dir" not in result.stderr and "Invalid value" not in result.output
    assert says in result.stdout
    if args and args[0] == "play" or not args:
        # The round (or the title) opens; its scores are not kept, and the game says why.
        store = no_ui["app"].store
        assert store.problem == f"Scores could not be saved: {data_file} is a file, not a folder. Play goes on."


def test_generate_goes_on_too(data_file, tmp_path):
    result = CliRunner().invoke(cli, ["generate", FACTS, "-o", str(tmp_path / "solar.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(_warning(data_file))


def test_new_says_why_it_cannot_write_into_the_pack_folder(data_file, tmp_path):
    result = CliRunner().invoke(cli, ["new", "my-pack"])
    assert result.exit_code == 2
    assert result.stderr.startswith(_warning(data_file))
    assert (
        f"quiz new: cannot write {data_file / 'packs' / 'my-pack.yaml'}: its folder {data_file / 'packs'} cannot be "
        f"made, because {data_file} is a file; give -o FOLDER to write it elsewhere"
    ) in result.stderr
    assert CliRunner().invoke(cli, ["new", "my-pack", "-o", str(tmp_path)]).exit_code == 0


def test_the_option_is_named_when_the_option_chose_it(tmp_path, monkeypatch):
    monkeypatch.delenv("QUIZ_DATA_DIR")
    path = tmp_path / "file"
    path.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data-dir", str(path), "scores"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(_warning(path, "--data-dir"))
    assert "point --data-dir at a folder" in result.stderr


def test_a_file_above_the_data_folder_is_named(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("QUIZ_DATA_DIR", str(blocker / "data"))
    result = CliRunner().invoke(cli, ["scores"])
    assert result.exit_code == 0, result.output
    assert f"the data folder {blocker / 'data'} (from QUIZ_DATA_DIR) cannot be made, because {blocker} is a file" in (
        result.stderr
    )


def test_a_usable_data_folder_says_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZ_DATA_DIR", str(tmp_path / "fresh"))  # not there yet: made when needed
    result = CliRunner().invoke(cli, ["scores"])
    assert result.exit_code == 0 and result.stderr == ""


def test_the_fast_path_validates_and_says_the_same(data_file):
    # `quiz validate PATH` skips click; it must warn as click's way does, and still not load click.
    probe = (
        "import sys\nfrom quiz.cli import main\nsys.argv = ['quiz', 'validate', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    sys.stderr.write('STATUS %s CLICK %s' % (e.code, 'click' in sys.modules))\n"
    )
    fast = subprocess.run([sys.executable, "-c", probe, PACK], check=False, capture_output=True, text=True, cwd=ROOT)
    assert fast.stdout == "1 file checked: 1 valid\n"
    assert fast.stderr.startswith(_warning(data_file)) and fast.stderr.endswith("STATUS 0 CLICK False")
    slow = CliRunner().invoke(cli, ["validate", PACK])
    assert fast.stderr.replace("STATUS 0 CLICK False", "") == slow.stderr


def test_the_store_names_the_file_in_the_way(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("x", encoding="utf-8")
    store = ScoreStore(blocker / "scores.sqlite3")
    assert store.problem == f"Scores could not be saved: {blocker} is a file, not a folder. Play goes on."
    store.close()
