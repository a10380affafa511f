"""`quiz import` and `quiz export` end to end, through click's test runner."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from quiz import locations
from quiz.cli import cli
from quiz.packcache import load_pack
from tests.conftest import FIXTURES


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args):
        return CliRunner().invoke(cli, [str(a) for a in args])

    return invoke


# --- import -------------------------------------------------------------------


def test_import_opentdb_writes_a_valid_pack_and_a_summary(run, tmp_path):
    result = run("import", "--format", "opentdb", FIXTURES / "opentdb" / "default.json", "-o", "otdb.yaml")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "5 imported, 2 skipped"
    assert any("two of the answers are the same" in line and "(line 1)" in line for line in lines)
    pack = load_pack(tmp_path / "otdb.yaml")
    assert len(pack.questions) == 5 and pack.info.license == "CC BY-SA 4.0"


def test_import_guesses_the_format_and_defaults_the_output_name(run, tmp_path):
    result = run("import", FIXTURES / "kahoot" / "quiz.xlsx")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("5 imported, 3 skipped\n")
    assert (
        "skipped How many episodes does the series have? (row 14): correct answer 3 points at an empty answer"
        in result.stdout
    )
    assert len(load_pack(tmp_path / "quiz.yaml").questions) == 5


def test_json_suffix_tells_our_export_from_open_trivia_db(run, tmp_path, sample_pack_path):
    assert run("export", "--format", "json", sample_pack_path, "-o", "sample.json").exit_code == 0
    result = run("import", "sample.json", "-o", "back.yaml")
    assert result.exit_code == 0, result.output
    back = load_pack(tmp_path / "back.yaml")
    original = load_pack(sample_pack_path)
    assert [(q.id, q.type, q.answers, q.source) for q in back.questions] == [
        (q.id, q.type, q.answers, q.source) for q in original.questions
    ]
    shutil.copy(FIXTURES / "opentdb" / "base64.json", tmp_path / "dump.json")
    result = run("import", "dump.json")
    assert result.exit_code == 0 and "note: text was base64 encoded" in result.stdout


def test_existing_output_needs_force(run, tmp_path):
    (tmp_path / "quiz.yaml").write_text("keep me", encoding="utf-8")
    result = run("import", FIXTURES / "kahoot" / "quiz.csv", "-o", "quiz.yaml")
    assert result.exit_code == 1 and "already exists; use --force" in result.stderr
    assert (tmp_path / "quiz.yaml").read_text(encoding="utf-8") == "keep me"
    result = run("import", FIXTURES / "kahoot" / "quiz.csv", "-o", "quiz.yaml", "--force")
    assert result.exit_code == 0 and len(load_pack(tmp_path / "quiz.yaml").questions) == 5


def test_unknown_format_lists_the_formats(run):
    result = run("import", "--format", "moodle-xml", FIXTURES / "kahoot" / "quiz.csv")
    assert result.exit_code == 2
    assert "unknown import format 'moodle-xml'" in result.stderr
    for name in ("json", "gift", "aiken", "opentdb", "kahoot"):
        assert name in result.stderr


def test_a_txt_file_is_read_as_what_its_content_says(run, tmp_path):
    # Teachers save Aiken (and sometimes GIFT) as .txt: the content decides.
    (tmp_path / "aiken.txt").write_text("Q?\nA. x\nB. y\nANSWER: A\n", encoding="utf-8")
    result = run("import", "aiken.txt")
    assert result.exit_code == 0 and "1 imported" in result.output
    (tmp_path / "gift.txt").write_text("::Q:: Is it? {TRUE}\n", encoding="utf-8")
    result = run("import", "gift.txt")
    assert result.exit_code == 0 and "1 imported" in result.output
    assert load_pack(tmp_path / "gift.yaml").questions[0].type == "true_false"


def test_ambiguous_txt_asks_for_the_format(run, tmp_path):
    (tmp_path / "notes.txt").write_text("Just some notes.\n", encoding="utf-8")
    result = run("import", "notes.txt")
    assert result.exit_code == 2 and "give --format" in result.stderr
    (tmp_path / "both.txt").write_text("Q?\nA. x\nB. y\nANSWER: A\n\n::Q2:: Is it? {TRUE}\n", encoding="utf-8")
    assert run("import", "both.txt").exit_code == 2


def test_unreadable_file_is_one_line_on_stderr(run, tmp_path):
    (tmp_path / "bad.json").write_text('{"response_code": 3, "results": []}', encoding="utf-8")
    result = run("import", "bad.json")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "token not found" in result.stderr
    assert not (tmp_path / "bad.yaml").exists()


def test_questions_the_validator_refuses_are_skipped_not_written(run, tmp_path):
    items = [
        {"id": "ok", "category": "c", "type": "true_false", "prompt": "Fine?", "answers": ["true"]},
        {
            "id": "twice-right",
            "category": "c",
            "type": "matching",
            "prompt": "Match?",
            "pairs": [{"left": "a", "right": "x"}, {"left": "b", "right": "x"}],
            "answers": ["x", "x"],
        },
    ]
    (tmp_path / "mixed.json").write_text(json.dumps(items), encoding="utf-8")
    result = run("import", "--format", "json", "mixed.json")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 imported, 1 skipped")
    assert "skipped twice-right" in result.stdout and "appears twice on the right side" in result.stdout
    assert [q.id for q in load_pack(tmp_path / "mixed.yaml").questions] == ["ok"]


def test_nothing_importable_writes_nothing(run, tmp_path):
    (tmp_path / "empty.csv").write_text("Question,Answer 1,Answer 2,Correct answer(s)\n", encoding="utf-8")
    result = run("import", "empty.csv")
    assert result.exit_code == 1 and "nothing written" in result.stderr
    assert not (tmp_path / "empty.yaml").exists()


def test_install_puts_the_pack_where_the_game_finds_it(run):
    result = run("import", FIXTURES / "opentdb" / "bare-list.json", "--install")
    assert result.exit_code == 0, result.output
    assert (locations.user_packs_dir() / "bare-list.yaml").is_file()


# --- export -------------------------------------------------------------------


def test_export_json_to_stdout_is_clean(run, sample_pack_path):
    result = run("export", "--format", "json", sample_pack_path)
    assert result.exit_code == 0, result.output
    assert [item["id"] for item in json.loads(result.stdout)][:2] == ["sample-mc", "sample-ms"]
    assert "exported 7 of 7 questions" in result.stderr


def test_export_format_from_the_output_suffix(run, tmp_path, sample_pack_path):
    result = run("export", sample_pack_path, "-o", "sheet.md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sheet.md").is_file() and (tmp_path / "sheet.answers.md").is_file()
    result = run("export", sample_pack_path, "-o", "deck.apkg")
    assert result.exit_code == 0 and (tmp_path / "deck.apkg").is_file()
    result = run("export", sample_pack_path, "-o", "moodle.aiken")
    assert result.exit_code == 0 and "ANSWER: A" in (tmp_path / "moodle.aiken").read_text(encoding="utf-8")


def test_export_reports_skipped_questions(run, tmp_path, sample_pack_path):
    result = run("export", "--format", "kahoot", sample_pack_path, "-o", "k.xlsx")
    assert result.exit_code == 0, result.output
    assert "exported 3 of 7 questions" in result.stderr
    assert "skipped sample-ordering: Kahoot quizzes have no 'Put in order' questions" in result.stderr


def test_binary_format_needs_an_output_file(run, sample_pack_path):
    result = run("export", "--format", "anki", sample_pack_path)
    assert result.exit_code == 2 and "give -o" in result.stderr


def test_unknown_export_format(run, sample_pack_path):
    result = run("export", "--format", "pdf", sample_pack_path)
    assert result.exit_code == 2 and "unknown export format 'pdf'" in result.stderr and "markdown" in result.stderr


def test_pack_ids_come_from_the_catalog(run, sample_pack_path):
    locations.user_packs_dir().mkdir(parents=True)
    shutil.copy(sample_pack_path, locations.user_packs_dir() / "sample.yaml")
    result = run("export", "--format", "csv", "sample")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 8  # header + 7 questions
    result = run("export", "--format", "csv", "no-such-pack")
    assert result.exit_code == 2
    assert "unknown pack 'no-such-pack'" in result.stderr and "sample" in result.stderr.split("Known pack ids:")[1]


def test_no_pack_named_exports_every_valid_pack(run, sample_pack_path):
    locations.user_packs_dir().mkdir(parents=True)
    shutil.copy(sample_pack_path, locations.user_packs_dir() / "sample.yaml")
    result = run("export", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {item["pack"] for item in json.loads(result.stdout)} >= {"sample"}


def test_a_folder_of_packs(run, tmp_path, sample_pack_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    shutil.copy(sample_pack_path, folder / "sample.yaml")
    result = run("export", "--format", "html", folder, "-o", "all.html")
    assert result.exit_code == 0, result.output
    assert "Sample pack" in (tmp_path / "all.html").read_text(encoding="utf-8")


def test_a_broken_pack_file_is_reported(run, tmp_path):
    (tmp_path / "broken.yaml").write_text("pack: {id: Not A Slug}\nquestions: []\n", encoding="utf-8")
    result = run("export", "--format", "json", "broken.yaml")
    assert result.exit_code == 1 and "broken.yaml" in result.stderr
