"""The command line's fast path: `quiz --help`, `--version` and `quiz validate PATH...` without click.

Each case is run both ways, through the fast path and through click, and the
outputs and exit statuses must be the same.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT

PROBE = (
    "import sys\n"
    "from quiz.cli import main\n"
    "sys.argv = ['quiz'] + sys.argv[1:]\n"
    "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
    "sys.stdout.flush()\n"
    "sys.stderr.write('\\nCLICK %s STATUS %s\\n' % ('click' in sys.modules, code))\n"
)

SLOW = (  # the same command through click, whatever the arguments
    "import sys\nfrom quiz.commands.group import cli\ncli(sys.argv[1:], prog_name='quiz')\n"
)


def _env(**extra: str) -> dict:
    env = dict(os.environ)
    env.update(extra)
    return env


def _probe(*args: str, **env: str) -> tuple[str, str, bool, str]:
    """(stdout, stderr, click imported?, exit status) of `quiz ARGS` through quiz.cli.main."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT, env=_env(**env)
    )
    err, _, tail = done.stderr.rpartition("\nCLICK ")
    imported, _, status = tail.strip().partition(" STATUS ")
    return done.stdout, err, imported == "True", status


def _click(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SLOW, *args], capture_output=True, text=True, cwd=ROOT, env=_env(**env)
    )


def test_help_lists_every_option_and_command_the_click_group_has():
    """The help is rendered from the project's own table: it must not drift from the real group."""
    from quiz.commands.group import cli
    from quiz.commands.table import COMMANDS, top_help

    text = top_help(200)
    flat = " ".join(text.split())
    for param in cli.params:
        for opt in param.opts:
            assert opt in text, opt
        if getattr(param, "help", None):
            assert param.help in flat, param.help
    listed = [line.split()[0] for line in text.split("Commands:\n", 1)[1].splitlines() if line[:3].strip()]
    assert listed == list(COMMANDS)
    for name, (module, help_) in COMMANDS.items():
        assert help_ in flat
        assert importlib.import_module(module).command.name == name


@pytest.mark.parametrize("columns", ["120", "80", "60", "40"])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_skips_click_and_is_what_click_prints_at_any_width(flag, columns):
    out, err, imported, status = _probe(flag, COLUMNS=columns)
    assert not imported and status == "0"
    assert " ".join(out.split("\n\n")[0].split()) == "Usage: quiz [OPTIONS] [COMMAND] [ARGS]..."
    assert "Check packs and facts files" in " ".join(out.split())
    assert max(len(line) for line in out.splitlines()) <= min(int(columns) - 2, 78)
    slow = _click(flag, COLUMNS=columns)
    assert slow.returncode == 0 and out == slow.stdout


def test_a_mistake_through_click_shows_the_same_usage_line_as_the_help():
    done = _click("--no-such-option")
    assert done.returncode == 2
    assert done.stderr.startswith("Usage: quiz [OPTIONS] [COMMAND] [ARGS]...\n")
    assert "--no-such-option" in done.stderr


def test_version_skips_click_and_matches_it():
    out, _, imported, status = _probe("--version")
    assert not imported and status == "0"
    slow = _click("--version")
    assert out == slow.stdout and out.startswith("quiz, version ")


def test_validate_good_and_broken_packs_skip_click_with_clicks_output(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (FIXTURES / "sample-pack.yaml").read_text(encoding="utf-8").replace("type: true_false", "type: yes_no", 1),
        encoding="utf-8",
    )
    for args, want in (
        ([str(FIXTURES / "sample-pack.yaml")], "0"),
        ([str(broken)], "1"),
        ([str(FIXTURES / "sample-pack.yaml"), str(broken)], "1"),
    ):
        out, err, imported, status = _probe("validate", *args)
        assert not imported, args
        assert status == want, (args, out, err)
        slow = _click("validate", *args)
        assert (out, err.strip(), str(slow.returncode)) == (slow.stdout, slow.stderr.strip(), want)
    assert "yes_no" in out and "broken.yaml:" in out


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "no-such-file.yaml"],  # click's path: our own message, exit 2
        ["validate", "-q", "tests/fixtures/sample-pack.yaml"],  # an option: click parses it
        ["validate"],  # click says PATH is missing
        ["validate", "--", "tests/fixtures/sample-pack.yaml"],
    ],
)
def test_anything_else_goes_through_click(args):
    out, err, imported, status = _probe(*args)
    assert imported
    slow = _click(*args)
    assert (out, err.strip(), status) == (slow.stdout, slow.stderr.strip(), str(slow.returncode))
    assert status in ("0", "2")


def test_a_data_dir_that_is_a_file_is_said_and_validation_goes_on(tmp_path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x", encoding="utf-8")
    args = ("validate", str(FIXTURES / "sample-pack.yaml"))
    out, err, imported, status = _probe(*args, QUIZ_DATA_DIR=str(not_a_dir))
    assert not imported and status == "0"
    assert "(from QUIZ_DATA_DIR) is a file, not a folder" in err and "--data-dir" not in err
    slow = _click(*args, QUIZ_DATA_DIR=str(not_a_dir))
    assert (out, err.strip(), status) == (slow.stdout, slow.stderr.strip(), str(slow.returncode))


# The game itself, built as for real but not run: which data folder it got, and whether click was imported.
def _game(door: str, *args: str, **env: str) -> tuple[str, str, bool, str]:
    """(stdout, stderr, click imported?, exit status) of `quiz ARGS` through quiz.cli.main ("fast")
    or the click group ("click")."""
    call = "main()" if door == "fast" else "cli(sys.argv[1:], prog_name='quiz')"
    code = (
        "import sys\n"
        "from quiz import locations\n"
        "from quiz.tui.app import QuizApp\n"
        "QuizApp.run = lambda self: print('GAME', locations.data_dir(), locations.data_dir_origin())\n"
        "from quiz.cli import main\n"
        + ("from quiz.commands.group import cli\n" if door == "click" else "")
        + "sys.argv = ['quiz'] + sys.argv[1:]\n"
        f"try:\n    {call}\nexcept SystemExit as e:\n    code = e.code\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write('\\nCLICK %s STATUS %s\\n' % ('click' in sys.modules, code))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=_env(**env)
    )
    err, _, tail = done.stderr.rpartition("\nCLICK ")
    imported, _, status = tail.strip().partition(" STATUS ")
    return done.stdout, err, imported == "True", status


@pytest.mark.parametrize("how", ["none", "option", "option=", "env", "option over env"])
def test_the_game_starts_without_click_and_as_click_starts_it(tmp_path, how):
    data, other = tmp_path / "data", tmp_path / "other"
    args, env = {
        "none": ((), {}),
        "option": (("--data-dir", str(data)), {}),
        "option=": ((f"--data-dir={data}",), {}),
        "env": ((), {"QUIZ_DATA_DIR": str(data)}),
        "option over env": (("--data-dir", str(data)), {"QUIZ_DATA_DIR": str(other)}),
    }[how]
    base = {"QUIZ_DATA_DIR": ""}  # the variable of the machine running the tests must not choose
    fast = _game("fast", *args, **{**base, **env})
    assert not fast[2] and fast[3] == "0", fast
    assert fast[0].startswith("GAME ")
    if how != "none":
        assert fast[0].split()[1] == str(data)
    slow = _game("click", *args, **{**base, **env})
    assert (fast[0], fast[1], fast[3]) == (slow[0], slow[1], slow[3])


def test_a_data_dir_that_is_a_file_is_said_and_the_game_starts_either_way(tmp_path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x", encoding="utf-8")
    for args, env in ((("--data-dir", str(not_a_dir)), {}), ((), {"QUIZ_DATA_DIR": str(not_a_dir)})):
        fast = _game("fast", *args, **env)
        assert not fast[2] and fast[3] == "0" and fast[0].startswith("GAME ")
        assert "is a file, not a folder" in fast[1]
        slow = _game("click", *args, **env)
        assert (fast[0], fast[1].strip(), fast[3]) == (slow[0], slow[1].strip(), slow[3])


@pytest.mark.parametrize("args", [["--data-dir"], ["--data-dir", ""], ["--data-dir="], ["--data-dir", "-x"], ["-x"]])
def test_other_ways_to_start_go_through_click(args):
    fast = _game("fast", *args)
    assert fast[2]  # click was imported: it parsed them
    slow = _game("click", *args)
    assert (fast[0], fast[1], fast[3]) == (slow[0], slow[1], slow[3])
