"""The command line's fast path: `quiz --help`, `--version` and `quiz validate PATH...` without click.

Each case is run both ways, through the fast path and through click, and the
outputs and exit statuses must be the same.
"""

from __future__ import annotations

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
    "import sys\n"
    "from quiz.commands.group import cli\n"
    "cli(sys.argv[1:], prog_name='quiz')\n"
)


def _env(**extra: str) -> dict:
    env = dict(os.environ)
    env.update(extra)
    return env


def _probe(*args: str, **env: str) -> tuple[str, str, bool, str]:
    """(stdout, stderr, click imported?, exit status) of `quiz ARGS` through quiz.cli.main."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT, env=_env(**env))
    err, _, tail = done.stderr.rpartition("\nCLICK ")
    imported, _, status = tail.strip().partition(" STATUS ")
    return done.stdout, err, imported == "True", status


def _click(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SLOW, *args], capture_output=True, text=True, cwd=ROOT, env=_env(**env))


def test_stored_help_is_what_click_renders():
    from quiz.commands.group import helptext_module, rendered_help
    from quiz.helptext import TOP_HELP

    assert TOP_HELP == rendered_help(), "run `python -m quiz.commands.group > quiz/helptext.py`"
    assert (ROOT / "quiz" / "helptext.py").read_text(encoding="utf-8") == helptext_module()


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_on_a_wide_terminal_skips_click_and_matches_it(flag):
    out, err, imported, status = _probe(flag, COLUMNS="120")
    assert not imported and status == "0"
    assert out.startswith("Usage: quiz [OPTIONS] COMMAND [ARGS]...")
    assert "validate  Check packs and facts files" in out
    slow = _click(flag, COLUMNS="120")
    assert slow.returncode == 0 and out == slow.stdout


def test_help_on_a_narrow_terminal_is_left_to_click():
    out, _, imported, status = _probe("--help", COLUMNS="60")
    assert imported and status == "0"
    assert out == _click("--help", COLUMNS="60").stdout
    assert max(len(line) for line in out.splitlines()) <= 58


def test_version_skips_click_and_matches_it():
    out, _, imported, status = _probe("--version")
    assert not imported and status == "0"
    slow = _click("--version")
    assert out == slow.stdout and out.startswith("quiz, version ")


def test_validate_good_and_broken_packs_skip_click_with_clicks_output(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text((FIXTURES / "sample-pack.yaml").read_text(encoding="utf-8").replace("type: true_false", "type: yes_no", 1),
                      encoding="utf-8")
    for args, want in (([str(FIXTURES / "sample-pack.yaml")], "0"), ([str(broken)], "1"),
                       ([str(FIXTURES / "sample-pack.yaml"), str(broken)], "1")):
        out, err, imported, status = _probe("validate", *args)
        assert not imported, args
        assert status == want, (args, out, err)
        slow = _click("validate", *args)
        assert (out, err.strip(), str(slow.returncode)) == (slow.stdout, slow.stderr.strip(), want)
    assert "yes_no" in out and "broken.yaml:" in out


@pytest.mark.parametrize("args", [
    ["validate", "no-such-file.yaml"],           # click's path: our own message, exit 2
    ["validate", "-q", "tests/fixtures/sample-pack.yaml"],  # an option: click parses it
    ["validate"],                                 # click says PATH is missing
    ["validate", "--", "tests/fixtures/sample-pack.yaml"],
])
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
