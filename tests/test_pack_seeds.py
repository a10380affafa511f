"""A pack's quotes are checked against its own seeds: beside it, or in the folder its header names.

The built-in bank quotes the game's seed articles, where an unknown seed is an
error. Any other pack brings its own; one the game cannot find leaves its quotes
unchecked, which is a warning, once per seed file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from quiz import locations, packcache
from quiz.checkfile import check_file
from quiz.cli import cli
from quiz.errors import PackInvalid
from quiz.validate import check_pack_data, conforms, schema_validator
from quiz.yamlfile import parse_yaml

EXAMPLES = ROOT / "examples"
FACTS = EXAMPLES / "solar-system.facts.yaml"
PACK = EXAMPLES / "solar-system.yaml"
SEED = EXAMPLES / "solar-system.seed.txt"
#: A quote in the example pack, and the same sentence as the seed does not have it.
QUOTE = "Titan, the second-largest moon, orbits Saturn."
MISQUOTE = "Titan, the largest moon, orbits Saturn."

# Without the game's own seeds there is nothing to confuse the pack's seeds with.
needs_game_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the game's seed articles are not here")


def _summary(result) -> str:
    return result.output.strip().splitlines()[-1]


@needs_game_seeds
def test_a_pack_generated_elsewhere_validates_and_plays_from_any_folder(tmp_path, monkeypatch):
    work = tmp_path / "work"
    (work / "sub").mkdir(parents=True)
    monkeypatch.chdir(work)
    runner = CliRunner()
    made = runner.invoke(cli, ["generate", str(FACTS), "-o", "solar.yaml"])
    assert made.exit_code == 0, made.output
    header = yaml.safe_load((work / "solar.yaml").read_text(encoding="utf-8"))["pack"]
    assert (work / header["seeds"]).resolve() == EXAMPLES.resolve()  # it says where its seeds are

    checked = runner.invoke(cli, ["validate", "solar.yaml"])
    assert checked.exit_code == 0, checked.output
    assert _summary(checked) == "1 file checked: 1 valid"  # every quote checked, none unknown

    monkeypatch.chdir(work / "sub")
    assert _summary(runner.invoke(cli, ["validate", "../solar.yaml"])) == "1 file checked: 1 valid"
    opened = {}
    monkeypatch.setattr("quiz.tui.app.QuizApp.run", lambda self: opened.setdefault("app", self))
    played = runner.invoke(cli, ["play", "--pack", "../solar.yaml", "--seed", "1", "--no-timer"])
    assert played.exit_code == 0, played.output
    turns = opened["app"]._first_session.turns
    assert len(turns) == 10 and {t.question.pack for t in turns} == {"solar-system-example"}


def test_the_committed_example_pack_validates():
    result = CliRunner().invoke(cli, ["validate", str(PACK)])
    assert result.exit_code == 0, result.output
    assert _summary(result) == "1 file checked: 1 valid"


def _copy_example(folder: Path, with_seed: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pack = folder / "solar.yaml"
    shutil.copy(PACK, pack)
    if with_seed:
        shutil.copy(SEED, folder / SEED.name)
    return pack


def _misquote(pack: Path) -> None:
    text = pack.read_text(encoding="utf-8")
    assert QUOTE in text
    pack.write_text(text.replace(QUOTE, MISQUOTE), encoding="utf-8")


def test_quotes_are_checked_against_the_seed_beside_the_pack(tmp_path):
    pack = _copy_example(tmp_path)
    _misquote(pack)
    errors = check_file(pack).errors
    assert errors and all(f"this quote is not in {SEED.name}" in p.message for p in errors)


def test_a_seed_found_nowhere_is_one_warning_for_a_pack_of_ones_own(tmp_path):
    pack = _copy_example(tmp_path, with_seed=False)
    report = check_file(pack)
    assert report.errors == []
    [warning] = report.warnings  # one for the file, not one per quote
    assert f"seed file '{SEED.name}' is neither beside this pack nor among the game's seeds" in warning.message
    assert "not checked" in warning.message


def test_the_header_can_name_the_seeds_folder(tmp_path):
    (tmp_path / "articles").mkdir()
    shutil.copy(SEED, tmp_path / "articles" / SEED.name)
    pack = _copy_example(tmp_path / "packs", with_seed=False)
    text = pack.read_text(encoding="utf-8").replace("questions:\n", "  seeds: ../articles\nquestions:\n", 1)
    pack.write_text(text, encoding="utf-8")
    assert check_file(pack).problems == []
    _misquote(pack)
    assert check_file(pack).errors  # checked against ../articles

    elsewhere = pack.read_text(encoding="utf-8").replace("seeds: ../articles", "seeds: ../nowhere")
    pack.write_text(elsewhere, encoding="utf-8")
    report = check_file(pack)
    line = elsewhere.splitlines().index("  seeds: ../nowhere") + 1
    missing, unknown = report.warnings
    assert (missing.line, missing.column) == (line, 10)
    assert "the seeds folder '../nowhere' was not found" in missing.message
    assert "is neither in the folder named in 'seeds' nor among the game's seeds" in unknown.message


@needs_game_seeds
def test_an_unknown_seed_in_the_built_in_bank_is_still_an_error():
    text = PACK.read_text(encoding="utf-8")
    name = str(locations.builtin_packs_dir() / "solar.yaml")  # checked as if it were one of the bank's
    errors = [p for p in check_pack_data(parse_yaml(text, name), name, text) if p.severity == "error"]
    assert errors and all(p.message.startswith(f"unknown seed file '{SEED.name}'") for p in errors)


def test_the_seeds_field_is_in_the_schema_and_its_mirror():
    base = parse_yaml(PACK.read_text(encoding="utf-8"), "p.yaml")
    for value, ok in (("articles", True), ("", False), (3, False)):
        data = {**base, "pack": {**base["pack"], "seeds": value}}
        assert conforms(data) is ok
        assert schema_validator().is_valid(data) is ok


def test_the_cache_follows_the_pack_s_own_seeds(tmp_path):
    pack = _copy_example(tmp_path / "a")
    assert packcache.load(pack).warnings == []
    assert packcache.load(pack).from_cache
    # The same bytes in a folder without the seed: not the first folder's answer.
    lone = _copy_example(tmp_path / "b", with_seed=False)
    [unchecked] = packcache.load(lone).warnings
    assert unchecked.message.startswith(f"seed file '{SEED.name}'")
    # The seed beside the first pack changes so that a quote is no longer in it: checked again.
    seed = tmp_path / "a" / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8").replace(QUOTE, MISQUOTE), encoding="utf-8")
    with pytest.raises(PackInvalid, match=f"this quote is not in {SEED.name}"):
        packcache.load(pack)
    # A seed put beside the second pack later is found.
    shutil.copy(SEED, tmp_path / "b" / SEED.name)
    assert packcache.load(lone).warnings == []
