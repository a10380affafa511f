"""Exports take a round's filters, worksheets never put two questions on one fact side by side,
and sources are named by the article's title (issue 13)."""

from __future__ import annotations

import json
import random
import re
from itertools import pairwise

import openpyxl
import pytest
from click.testing import CliRunner

from quiz import locations
from quiz.cli import cli
from quiz.formats import worksheet
from quiz.formats.selection import ExportFilters, SelectionError, neighbours_sharing_a_fact, select, spaced_order
from quiz.model import Pack, PackInfo, Question, Source
from quiz.packcache import load_pack


def bank_path():
    return min(locations.builtin_packs_dir().glob("*.yaml"))


def _facts_pack(n_facts: int, per_fact: int, pack_id: str = "p") -> Pack:
    """Questions in pack order, several in a row on each fact (as generated packs are)."""
    questions = [
        Question(
            id=f"f{f}-q{k}",
            category=f"c{f % 3}",
            type="true_false",
            prompt=f"Fact {f}, question {k}?",
            answers=("true",),
            facts=(f"fact-{f}",),
            pack=pack_id,
            difficulty=("easy", "hard")[k % 2],
        )
        for f in range(n_facts)
        for k in range(per_fact)
    ]
    return Pack(PackInfo(id=pack_id, title=pack_id.upper()), questions)


# --------------------------------------------------------------------------- the order


def test_pack_order_puts_questions_on_one_fact_side_by_side_and_the_spaced_order_does_not():
    pack = _facts_pack(10, 4)
    assert neighbours_sharing_a_fact(pack.questions) == 30  # what a sheet in pack order looked like
    ordered = select([pack], spaced=True).packs[0].questions
    assert sorted(q.id for q in ordered) == sorted(q.id for q in pack.questions)
    assert neighbours_sharing_a_fact(ordered) == 0
    # And further apart than side by side: no fact twice within four places.
    for i, q in enumerate(ordered):
        assert all(set(q.facts).isdisjoint(other.facts) for other in ordered[i + 1 : i + 4])


def test_the_built_in_bank_as_a_worksheet_has_no_neighbours_on_one_fact():
    pack = load_pack(bank_path())
    ordered = select([pack], spaced=True).packs[0].questions
    assert len(ordered) == len(pack.questions)
    assert neighbours_sharing_a_fact(ordered) == 0


def test_questions_linked_through_a_shared_fact_are_kept_apart_too():
    # "pick every team" tests three facts; each of three true/false questions tests one of them.
    multi = Question(
        id="all",
        category="c",
        type="multi_select",
        prompt="Pick all?",
        choices=("a", "b", "c", "d"),
        answers=("a", "b", "c"),
        facts=("a", "b", "c"),
        pack="p",
    )
    singles = [
        Question(id=f, category="c", type="true_false", prompt=f"{f}?", answers=("true",), facts=(f,), pack="p")
        for f in "abc"
    ]
    others = [
        Question(
            id=f"o{i}", category="c", type="true_false", prompt=f"o{i}?", answers=("true",), facts=(f"o{i}",), pack="p"
        )
        for i in range(4)
    ]
    ordered = spaced_order([multi, *singles, *others], random.Random(1))
    assert neighbours_sharing_a_fact(ordered) == 0


def test_a_pack_of_one_fact_still_exports_every_question():
    pack = _facts_pack(1, 3)
    assert len(select([pack], spaced=True).packs[0].questions) == 3  # side by side cannot be helped


def test_the_same_seed_gives_the_same_order_and_another_seed_another():
    pack = _facts_pack(10, 3)
    first = [q.id for q in select([pack], ExportFilters(seed=4), spaced=True).packs[0].questions]
    again = [q.id for q in select([pack], ExportFilters(seed=4), spaced=True).packs[0].questions]
    other = [q.id for q in select([pack], ExportFilters(seed=5), spaced=True).packs[0].questions]
    assert first == again and first != other


def test_data_formats_keep_the_pack_order():
    pack = _facts_pack(3, 3)
    assert select([pack]).packs[0].questions == pack.questions


# --------------------------------------------------------------------------- the filters


def test_filters_choose_as_a_round_does():
    pack = _facts_pack(12, 2)
    chosen = select([pack], ExportFilters(categories=("C1",), difficulty="hard")).packs[0].questions
    assert chosen and all(q.category == "c1" and q.difficulty == "hard" for q in chosen)
    picked = select([pack], ExportFilters(questions=5, seed=1)).packs[0].questions
    assert len(picked) == 5 and len({q.facts for q in picked}) == 5  # never two on one fact
    with pytest.raises(SelectionError, match=r"no question of the 24 .* matches \(type matching\)"):
        select([pack], ExportFilters(types=("matching",)))


def test_asking_for_more_than_there_are_facts_says_so():
    selection = select([_facts_pack(4, 3)], ExportFilters(questions=10))
    assert len(selection.packs[0].questions) == 4
    assert selection.notes == ["asked for 10 questions; 4 could be picked (12 match, and no two are on the same fact)"]


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(cli, [str(a) for a in args])


def test_export_command_takes_the_round_filters(run):
    bank = load_pack(bank_path())
    category = bank.questions[0].category
    args = [
        "export",
        "--format",
        "json",
        bank_path(),
        "--category",
        category.upper(),
        "--type",
        "true_false",
        "--difficulty",
        "easy",
    ]
    result = run(*args)
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    expected = [
        q for q in bank.questions if q.category == category and q.type == "true_false" and q.difficulty == "easy"
    ]
    assert [i["id"] for i in items] == [q.id for q in expected]  # pack order kept
    assert f"exported {len(items)} of {len(items)} questions (chosen from {len(bank.questions)})" in result.stderr

    picked = run("export", "--format", "json", bank_path(), "--questions", 12, "--seed", 7)
    again = run("export", "--format", "json", bank_path(), "--questions", 12, "--seed", 7)
    other = run("export", "--format", "json", bank_path(), "--questions", 12, "--seed", 8)
    ids = [i["id"] for i in json.loads(picked.stdout)]
    assert len(ids) == 12 and picked.stdout == again.stdout != other.stdout
    facts = [f for i in json.loads(picked.stdout) for f in i["facts"]]
    assert len(facts) == len(set(facts))


def test_export_command_refuses_bad_filters(run, sample_pack_path):
    result = run("export", "--format", "json", sample_pack_path, "--category", "weather")
    assert result.exit_code == 2 and "unknown category 'weather'" in result.stderr and "producers" in result.stderr
    result = run("export", "--format", "json", sample_pack_path, "--questions", 0)
    assert result.exit_code == 2 and "--questions must be at least 1" in result.stderr
    result = run("export", "--format", "json", sample_pack_path, "--difficulty", "brutal")
    assert result.exit_code == 2 and "unknown difficulty 'brutal'" in result.stderr
    result = run("export", "--format", "json", sample_pack_path, "--category", "producers", "--type", "numeric")
    assert result.exit_code == 1 and "no question of the 7 in the pack(s) matches" in result.stderr
    assert "nothing written" in result.stderr and result.stdout == ""


def test_a_worksheet_of_n_questions_from_the_bank(run, tmp_path):
    result = run("export", bank_path(), "-o", "sheet.md", "--questions", 10, "--seed", 3)
    assert result.exit_code == 0, result.output
    sheet = (tmp_path / "sheet.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\*\*\d+\.\*\* ", sheet, re.MULTILINE)) == 10
    key = (tmp_path / "sheet.answers.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\d+\. ", key, re.MULTILINE)) == 10


def test_a_kahoot_export_is_spaced_too(run, tmp_path):
    pack = _facts_pack(6, 3)
    from quiz.packfile import write_pack

    write_pack(pack, tmp_path / "p.yaml")
    assert run("export", tmp_path / "p.yaml", "-o", "k.xlsx").exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "k.xlsx").active
    prompts = [ws.cell(row, 2).value for row in range(9, 9 + 18)]
    facts = [int(re.match(r"Fact (\d+)", p).group(1)) for p in prompts]
    assert all(a != b for a, b in pairwise(facts))


# --------------------------------------------------------------------------- sources by title


def _sourced_pack(titles: bool) -> Pack:
    sources = (
        {"seed": "000_a.txt", "title": "The Telegraph's report"},
        {"seed": "001_b.txt", "url": "https://b.example"},
        {"title": "Open Trivia Database", "url": "https://opentdb.com/"},
    )
    questions = [
        Question(
            id=f"q{i}",
            category="c",
            type="true_false",
            prompt=f"Q{i}?",
            answers=("true",),
            pack="p",
            source=Source(seed, "A quote."),
            facts=(f"f{i}",),
        )
        for i, seed in enumerate(["001_b.txt", "000_a.txt", "002_c.txt", "000_a.txt"])
    ]
    return Pack(PackInfo(id="p", title="P", sources=sources if titles else ()), questions)


def test_worksheets_name_articles_by_their_title():
    [note] = worksheet.build_sheet([_sourced_pack(titles=True)]).packs
    assert note.sources == [
        "Source: Open Trivia Database — https://opentdb.com/",
        # In the header's order; a url when there is no title; the file name only when nothing else is known.
        "Quoted articles: The Telegraph's report; https://b.example; 002_c.txt",
    ]


def test_the_built_in_worksheet_names_no_seed_file(run, tmp_path):
    result = run("export", bank_path(), "-o", "sheet.html")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "sheet.html").read_text(encoding="utf-8")
    titles = [s["title"] for s in load_pack(bank_path()).info.sources]
    assert all(title.replace("'", "&#x27;") in page for title in titles)
    assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", page)


def test_a_filtered_sheet_names_only_the_articles_its_questions_quote():
    pack = _sourced_pack(titles=True)
    chosen = select([pack], ExportFilters(questions=1, seed=0)).packs
    [note] = worksheet.build_sheet(chosen).packs
    assert len(note.sources) == 2 and ";" not in note.sources[1]
