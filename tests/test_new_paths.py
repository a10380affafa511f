"""`quiz new` says where it wrote, and every command it tells of works as written, from any folder."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner
from conftest import ROOT

from quiz import locations
from quiz.cli import cli


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A working folder, with the data folder given relative to it (as QUIZ_DATA_DIR=data would)."""
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("QUIZ_DATA_DIR", "my data")  # relative, and with a space to quote
    locations.set_data_dir(None)
    return folder


def _run(command: str):
    """Run a `quiz ...` command line exactly as a user would paste it."""
    words = shlex.split(command)
    assert words[0] == "quiz", command
    return CliRunner().invoke(cli, words[1:])


def _told(output: str, before: str) -> str:
    """The `quiz ...` command the output tells the user to run, after ``before`` (a pattern)."""
    match = re.search(before + r"\s*(quiz .+)$", output, re.MULTILINE)
    assert match, output
    return match.group(1)


def test_new_pack_says_its_full_path_and_how_to_check_it_from_anywhere(here, tmp_path, monkeypatch):
    result = CliRunner().invoke(cli, ["new", "my-pack"])
    assert result.exit_code == 0, result.output
    written = here / "my data" / "packs" / "my-pack.yaml"
    assert result.output.splitlines()[0] == f"Wrote a starter pack to {written}"
    told = _told(result.output, "check it with:")
    in_file = _told(written.read_text(encoding="utf-8"), "# Check it with:")
    assert told == in_file
    for folder in (here, tmp_path):  # where it was made, and anywhere else
        monkeypatch.chdir(folder)
        checked = _run(told)
        assert checked.exit_code == 0 and checked.output == "1 file checked: 1 valid\n", checked.output


def test_new_facts_then_the_told_generate_makes_a_pack_the_game_finds(here):
    result = CliRunner().invoke(cli, ["new", "my-topic", "--facts"])
    assert result.exit_code == 0, result.output
    written = here / "my data" / "packs" / "my-topic.facts.yaml"
    assert result.output.splitlines()[0] == f"Wrote a starter facts file to {written}"
    text = written.read_text(encoding="utf-8")
    assert _run(_told(result.output, "check it with:")).exit_code == 0
    generate = _told(result.output, r"Make its pack .* with:")
    assert generate.startswith("quiz generate ") and generate == _told(text, r"^#(?= +quiz generate)")
    made = _run(generate)
    assert made.exit_code == 0, made.output
    assert (written.parent / "my-topic.pack.yaml").is_file()
    listed = CliRunner().invoke(cli, ["packs"])
    assert "my-topic  My topic  [valid]" in listed.output


def test_generate_points_at_the_facts_file_in_the_pack_folder(here):
    assert CliRunner().invoke(cli, ["new", "my-topic", "--facts"]).exit_code == 0
    result = CliRunner().invoke(cli, ["generate", "my-topic.facts.yaml"])
    assert result.exit_code == 1
    there = here / "my data" / "packs" / "my-topic.facts.yaml"
    assert f"there is one in your pack folder: quiz generate '{there}'" in result.stderr


def test_the_readme_s_facts_commands_work_as_written(here):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Generate a pack from facts", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    assert len(commands) >= 3
    for command in filter(None, commands):
        result = _run(command)
        assert result.exit_code == 0, f"{command}: {result.output}"
    assert (here / "my-topic.yaml").is_file()
