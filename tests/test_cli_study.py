"""`quiz study`: --progress in the terminal, and a clear message for every bad input."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

from click.testing import CliRunner
from conftest import FIXTURES

from quiz import locations
from quiz.catalog import discover, load_questions
from quiz.cli import cli
from quiz.storage import ScoreStore
from quiz.study import Card, card_key

TUI_PACK = FIXTURES / "tui-pack.yaml"


def run(*args: str):
    result = CliRunner().invoke(cli, ["study", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def seed_cards(learner: str, boxes: dict[str, int], due_today: set[str] = frozenset()) -> None:
    """``learner`` has studied these questions of the UI test pack into these boxes."""
    today = date.today()
    entries = discover(extra_paths=[TUI_PACK], include_builtin=False, include_user=False, include_plugins=False)
    by_id = {q.id: q for q in load_questions(entries)}
    with ScoreStore() as store:
        for qid, box in boxes.items():
            q = by_id[qid]
            due = today if qid in due_today else today + timedelta(days=box)
            assert store.save_study_card(learner, Card(*card_key(q), box, due, today - timedelta(days=1)))


def test_progress_prints_each_category_with_its_bar_and_numbers():
    # producers: 3 questions (one known, one learning and due, one new); dates: 2 (both known).
    seed_cards(
        "Ana",
        {"tui-producer": 3, "tui-joint-venture": 1, "tui-dts-date": 5, "tui-episodes": 2},
        due_today={"tui-joint-venture"},
    )
    result = run("--pack", str(TUI_PACK), "--learner", "ana", "--progress")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Study progress of ana (tui: 14 questions)"
    assert lines[2].split() == ["Category", "Progress", "Known", "Learning", "New", "Due", "now"]
    rows = {line.split("  ")[0].strip(): line for line in lines[4:] if "%" in line}
    assert rows["producers"].split()[1:] == ["█████░░░░░░░░░░░", "33%", "1/3", "1", "1", "1"]
    assert rows["dates"].split()[1:] == ["████████░░░░░░░░", "50%", "1/2", "0", "1", "0"]
    assert rows["broadcasting"].split()[1:] == ["░░░░░░░░░░░░░░░░", "0%", "0/2", "0", "2", "0"]
    every = rows["All categories"].split()
    assert every[2:] == ["██░░░░░░░░░░░░░░", "14%", "2/14", "2", "10", "1"]
    assert "Box 1: 1 · box 2: 1 · box 3: 1 · box 4: 0 · box 5: 1 · new: 10" in lines
    assert "To study now: 1 due and 10 new." in lines
    assert "After that, the next ones are due tomorrow." not in lines  # the box 2 one: in 2 days
    assert "After that, the next ones are due in 2 days (on " in result.stdout
    assert all(len(line) <= 80 for line in lines)


def test_progress_for_one_category_and_another_learner():
    seed_cards("Ana", {"tui-producer": 4})
    result = run("--pack", str(TUI_PACK), "--learner", "Ben", "--category", "PRODUCERS", "--progress")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Study progress of Ben (tui: 3 questions)"
    assert [line.split()[0] for line in lines[4:] if "%" in line] == ["producers"]
    assert "0/3" in result.stdout and "To study now: 0 due and 3 new." in result.stdout
    ana = run("--pack", str(TUI_PACK), "--learner", "ANA", "--category", "producers", "--progress").stdout
    assert "1/3" in ana


def test_progress_creates_no_database():
    result = run("--pack", str(TUI_PACK), "--progress")
    assert result.exit_code == 0 and "Study progress of Player (tui: 14 questions)" in result.stdout
    assert not locations.scores_db().exists()


def test_progress_of_everything_learnt_says_when_to_come_back():
    seed_cards("Ana", {"tui-producer": 3, "tui-atp": 3, "tui-joint-venture": 3})
    result = run("--pack", str(TUI_PACK), "--learner", "Ana", "--category", "producers", "--progress")
    assert "3/3" in result.stdout and "100%" in result.stdout
    assert "Nothing is due in producers today: come back in 3 days (on " in result.stdout


def test_a_pack_by_its_id():
    result = run("--pack", "tdf-docuseries", "--progress")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Study progress of Player (tdf-docuseries: ")


def test_bad_inputs_have_clear_messages_and_exit_2(tmp_path):
    cases = {
        ("--pack", "nope"): "quiz study: unknown pack 'nope'; give a pack id (",
        ("--pack", str(TUI_PACK), "--category", "cheese"): "quiz study: unknown category 'cheese'; known categories:"
        " broadcasting, dates, organisers, people, prior documentaries, producers, teams, the series.",
        ("--learner", "A" * 21): "quiz study: the learner's name AAAAAAAAAAAAAAAAAAAA… is too long;"
        " use at most 20 characters.",
        ("--learner", "   "): "quiz study: the learner needs a name.",
    }
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: [not, a, pack\n", encoding="utf-8")
    cases[("--pack", str(broken))] = f"quiz study: the pack {broken} cannot be used: "
    for args, message in cases.items():
        for progress in ((), ("--progress",)):
            result = run(*args, *progress)
            assert result.exit_code == 2, (args, result.output)
            assert result.stderr.startswith(message), (args, result.stderr)
            assert result.stdout == ""
    assert not locations.scores_db().exists()


def test_a_damaged_database_is_said_and_progress_still_prints():
    path = locations.scores_db()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    result = run("--pack", str(TUI_PACK), "--progress")
    assert result.exit_code == 0
    assert result.stderr.startswith("The scores file was damaged; it was moved aside as scores.sqlite3.corrupt-")
    assert "0/14" in result.stdout


def test_progress_does_not_load_the_ui():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from quiz.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['study', '--pack', {str(TUI_PACK)!r}, '--progress'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
