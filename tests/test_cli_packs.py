"""`quiz packs` (with plugins installed for real) and `quiz new`."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from quiz import locations
from quiz.cli import cli


def _install_plugin(site, sample_pack_path):
    """A distribution 'tdf-extra-packs' with a package of packs and a callable entry point."""
    pkg = site / "tdf_extra"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(
        "from pathlib import Path\n\ndef more():\n    return [Path(__file__).parent / 'more' / 'bonus.yaml']\n",
        encoding="utf-8",
    )
    text = sample_pack_path.read_text(encoding="utf-8")
    (pkg / "extra.yaml").write_text(text.replace("id: sample", "id: plugin"), encoding="utf-8")
    (pkg / "more").mkdir()
    (pkg / "more" / "bonus.yaml").write_text(text.replace("id: sample", "id: bonus"), encoding="utf-8")
    info = site / "tdf_extra_packs-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tdf-extra-packs\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[quiz.packs]\nextra = tdf_extra\nmore = tdf_extra:more\n", encoding="utf-8")


def _quiz(*args, env_extra=None):
    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "quiz", *args], capture_output=True, text=True, cwd=ROOT, env=env)


def test_plugin_packs_are_listed(tmp_path, sample_pack_path):
    site = tmp_path / "site"
    _install_plugin(site, sample_pack_path)
    out = _quiz("packs", env_extra={"PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert any(line.startswith("plugin  Sample pack") and "[valid]  7 questions" in line for line in lines), out.stdout
    assert any(line.startswith("bonus  ") for line in lines), out.stdout
    assert f"    from plugin:tdf-extra-packs: {site / 'tdf_extra' / 'extra.yaml'}" in lines
    assert "Traceback" not in out.stderr


def test_packs_lists_valid_and_broken(tmp_path, sample_pack_path):
    users = locations.user_packs_dir()
    users.mkdir(parents=True)
    (users / "broken.yaml").write_bytes((FIXTURES / "broken" / "many-problems.yaml").read_bytes())
    result = CliRunner().invoke(cli, ["packs", "--pack", str(sample_pack_path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "sample  Sample pack (one question of each type)  [valid]  7 questions" in out
    assert f"    from path: {sample_pack_path}" in out
    assert "    categories: broadcasting 1, dates 2, people 1, prior documentaries 1, producers 1, teams 1" in out
    assert "Many Problems  A pack with many problems  [BROKEN]" in out
    assert "pack id 'Many Problems' is not a slug" in out
    assert out.splitlines()[-1].endswith("valid, 1 broken")


def test_packs_where_creates_the_folder():
    result = CliRunner().invoke(cli, ["packs", "--where"])
    assert result.exit_code == 0
    assert result.output.strip() == str(locations.user_packs_dir())
    assert locations.user_packs_dir().is_dir()


def test_packs_missing_path_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["packs", "--pack", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_new_pack_passes_validate():
    runner = CliRunner()
    result = runner.invoke(cli, ["new", "my-pack"])
    assert result.exit_code == 0, result.output
    target = locations.user_packs_dir() / "my-pack.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    for qtype in ("multiple_choice", "multi_select", "true_false", "type_in", "numeric", "ordering", "matching"):
        assert f"type: {qtype}" in text
    check = runner.invoke(cli, ["validate", str(target)])
    assert check.exit_code == 0 and check.output == "1 file checked: 1 valid\n", check.output
    # ...and the game can load it.
    listed = runner.invoke(cli, ["packs"])
    assert "my-pack  My pack  [valid]  7 questions" in listed.output


def test_new_refuses_overwrite_and_bad_ids(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["new", "p1", "-o", str(tmp_path)]).exit_code == 0
    again = runner.invoke(cli, ["new", "p1", "-o", str(tmp_path)])
    assert again.exit_code == 2 and "already exists; use --force" in again.output
    assert runner.invoke(cli, ["new", "p1", "-o", str(tmp_path), "--force"]).exit_code == 0
    for bad in ("My Pack", "_x", "UPPER", "a/b", ""):
        result = runner.invoke(cli, ["new", bad])
        assert result.exit_code == 2 and "is not a valid pack id" in result.output, bad
        assert "Traceback" not in result.output


def test_new_facts_file_passes_validate(tmp_path):
    runner = CliRunner()
    target = tmp_path / "tour.facts.yaml"
    result = runner.invoke(cli, ["new", "tour", "--facts", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# A facts file")
    check = runner.invoke(cli, ["validate", str(target)])
    assert check.exit_code == 0 and check.output == "1 file checked: 1 valid\n", check.output


def test_new_facts_file_generates_a_playable_pack(tmp_path):
    from quiz.packcache import load_pack

    runner = CliRunner()
    target = tmp_path / "tour.facts.yaml"
    assert runner.invoke(cli, ["new", "tour", "--facts", "-o", str(target)]).exit_code == 0
    made = runner.invoke(cli, ["generate", str(target)])
    assert made.exit_code == 0, made.output
    pack = tmp_path / "tour.pack.yaml"
    check = runner.invoke(cli, ["validate", str(pack)])
    assert check.exit_code == 0 and check.output == "1 file checked: 1 valid\n", check.output
    questions = load_pack(pack).questions
    # Enough for a short round, and each fact asked in several ways: a choice, a statement,
    # something typed. (Two facts make five questions now that a fact's answer is asked once
    # in one form, typed or chosen, and a statement and its false twin are not both kept.)
    assert len(questions) >= 5
    types = {q.type for q in questions}
    assert {"multiple_choice", "true_false"} <= types and types & {"type_in", "numeric"}


def test_generate_refuses_facts_that_make_no_question(tmp_path):
    facts = tmp_path / "thin.facts.yaml"
    facts.write_text(
        "topic: {id: thin, title: Thin}\ntypes: [company]\n"
        "entities:\n  - {id: a, type: company, name: A}\n  - {id: b, type: company, name: B}\n"
        "relations:\n  - {id: r, category: c, subject: company, object: company,"
        " statement: '{subject} backs {object}.', ask_object: 'Whom does {subject} back?'}\n"
        "facts:\n  - {id: f, subject: a, relation: r, object: b, status: confirmed,"
        " source: {seed: 003_04c923ad2a43299d.txt, quote: Consisting of 8 episodes of 45 minutes}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["generate", str(facts)])
    assert result.exit_code == 1, result.output
    assert "no question can be made from these facts" in result.output
    assert not (tmp_path / "thin.pack.yaml").exists()


def test_packs_counts_further_errors_only_while_the_count_is_whole():
    folder = locations.user_packs_dir()
    folder.mkdir(parents=True)
    head = "pack:\n  id: {id}\n  title: T\n  version: 1.0.0\n  language: en\nquestions:\n"
    (folder / "few.yaml").write_text(head.format(id="few") + "  - {}\n", encoding="utf-8")  # four missing fields
    (folder / "lots.yaml").write_text(head.format(id="lots") + "  - {}\n" * 500, encoding="utf-8")
    out = CliRunner().invoke(cli, ["packs"]).output
    assert "(and 3 more; run `quiz validate" in out
    assert "(and many more; run `quiz validate" in out
