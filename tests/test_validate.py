"""The validator: every kind of problem, at its exact line and column, all at once."""

from __future__ import annotations

import copy
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.checkfile import check_file
from quiz.cli import cli
from quiz.validate import check_pack_data, conforms, schema, schema_validator
from quiz.yamlfile import parse_yaml

BROKEN = FIXTURES / "broken"

HEADER = "pack:\n  id: t\n  title: Test\nquestions:\n"


def problems_of(questions_yaml: str, header: str = HEADER, seeds=None) -> list[str]:
    text = header + questions_yaml
    data = parse_yaml(text, "p.yaml")
    return [str(p) for p in check_pack_data(data, "p.yaml", text, seeds=seeds)]


def one(questions_yaml: str, **kw) -> str:
    found = [p for p in problems_of(questions_yaml, **kw) if "warning" not in p]
    assert len(found) == 1, found
    return found[0]


MC = """\
  - id: q1
    category: c
    type: multiple_choice
    prompt: Which?
"""


# ---------------------------------------------------------------- each kind of error, located


def test_valid_sample_pack_has_no_errors(sample_pack_path):
    report = check_file(sample_pack_path)
    assert report.kind == "pack" and report.errors == []


def test_unknown_field_with_did_you_mean():
    p = one(MC.replace("prompt: Which?", "promt: Which?") + "    choices: [a, b]\n    answer: a\n")
    assert p == "p.yaml:8:5: unknown field 'promt'; did you mean 'prompt'?"


def test_unknown_header_field():
    p = one(
        MC + "    choices: [a, b]\n    answer: a\n", header="pack:\n  id: t\n  title: T\n  colour: red\nquestions:\n"
    )
    assert p == "p.yaml:4:3: unknown field 'colour' in the pack header"


def test_missing_field():
    p = one(MC.replace("    category: c\n", "") + "    choices: [a, b]\n    answer: a\n")
    assert p == "p.yaml:5:5: missing field 'category'"


def test_missing_answer_field_names_the_type():
    p = one(MC + "    choices: [a, b]\n")
    assert p == "p.yaml:5:5: missing field 'answer'; multiple_choice questions need it"


def test_wrong_type():
    p = one(MC.replace("category: c", "category: [a, b]") + "    choices: [a, b]\n    answer: a\n")
    assert p == "p.yaml:6:15: 'category' should be text, not a list"


def test_boolean_choice_asks_for_quotes():
    p = one(MC + "    choices: [yes, maybe]\n    answer: maybe\n")
    assert p.startswith("p.yaml:9:15: choice 1 of 'choices' should be text or a number, not true")
    assert "put it in quotes" in p


def test_answer_not_among_choices():
    p = one(MC + "    choices: [Movistar, Ineos]\n    answer: movistar\n")
    assert p == "p.yaml:10:13: the answer 'movistar' is not one of the choices; did you mean 'Movistar'?"


def test_duplicate_question_id_in_pack():
    p = one(MC + "    choices: [a, b]\n    answer: a\n" + MC + "    choices: [a, b]\n    answer: a\n")
    assert p == "p.yaml:11:9: duplicate question id 'q1' (first used at line 5)"


def test_duplicate_choices():
    p = one(MC + "    choices: [a, b, a]\n    answer: a\n")
    assert p == "p.yaml:9:21: duplicate choice 'a' in 'choices'"


def test_multiple_choice_needs_two_choices():
    p = one(MC + "    choices: [a]\n    answer: a\n")
    assert p == "p.yaml:9:14: a multiple_choice question needs at least 2 choices in 'choices'; it has 1"


def test_multi_select_needs_a_right_answer():
    q = MC.replace("multiple_choice", "multi_select") + "    choices: [a, b]\n    answers: []\n"
    assert one(q) == "p.yaml:10:14: a multi_select question needs at least one right answer in 'answers'"


def test_multi_select_answer_not_a_choice():
    q = MC.replace("multiple_choice", "multi_select") + "    choices: [a, b]\n    answers: [a, c]\n"
    assert one(q) == "p.yaml:10:18: the answer 'c' is not one of the choices"


def test_ordering_needs_three_items():
    q = MC.replace("multiple_choice", "ordering") + "    items: [a, b]\n"
    assert one(q) == "p.yaml:9:12: an ordering question needs at least 3 items in 'items'; it has 2"


def test_type_in_needs_an_answer():
    q = MC.replace("multiple_choice", "type_in") + "    answers: []\n"
    assert one(q) == "p.yaml:9:14: a type_in question needs at least one accepted answer in 'answers'"


@pytest.mark.parametrize("value", ['"true"', "'yes'"])
def test_true_false_answer_as_text(value):
    q = MC.replace("multiple_choice", "true_false") + f"    answer: {value}\n"
    assert one(q).startswith("p.yaml:9:13: the answer of a true/false question must be true or false (no quotes)")


def test_true_false_answer_yes_unquoted():
    q = MC.replace("multiple_choice", "true_false") + "    answer: yes\n"
    assert one(q) == "p.yaml:9:13: write the answer as true or false, not 'yes' (YAML tools disagree on what it means)"


def test_numeric_answer_not_a_number():
    q = MC.replace("multiple_choice", "numeric") + "    answer: lots\n"
    assert one(q) == "p.yaml:9:13: 'answer' should be a number, not the text 'lots'"


def test_numeric_bad_range():
    q = MC.replace("multiple_choice", "numeric") + "    range: [10, 2]\n"
    assert one(q) == "p.yaml:9:12: the range's low end 10 is above its high end 2; write [low, high]"
    q = MC.replace("multiple_choice", "numeric") + "    range: [1, 2, 3]\n"
    assert one(q) == "p.yaml:9:12: 'range' needs exactly 2 numbers, [low, high]; it has 3"


def test_numeric_negative_tolerance():
    q = MC.replace("multiple_choice", "numeric") + "    answer: 5\n    tolerance: -1\n"
    assert one(q) == "p.yaml:10:16: 'tolerance' cannot be negative (-1)"


def test_numeric_answer_and_range_together():
    q = MC.replace("multiple_choice", "numeric") + "    answer: 5\n    range: [1, 9]\n"
    assert one(q) == "p.yaml:5:5: a numeric question has either 'answer' or 'range', not both"


def test_matching_needs_two_pairs_and_unique_sides():
    q = MC.replace("multiple_choice", "matching") + "    pairs:\n      - {left: a, right: b}\n"
    assert one(q) == "p.yaml:10:7: a matching question needs at least 2 pairs in 'pairs'; it has 1"
    q = (
        MC.replace("multiple_choice", "matching")
        + "    pairs:\n      - {left: a, right: b}\n      - {left: c, right: b}\n"
    )
    assert one(q) == "p.yaml:11:26: 'b' appears twice on the right side of the pairs"


def test_unknown_type_and_difficulty():
    assert one(MC.replace("multiple_choice", "multiple-choice")).startswith(
        "p.yaml:7:11: unknown question type 'multiple-choice'; did you mean 'multiple_choice'?"
    )
    p = one(MC + "    difficulty: extreme\n    choices: [a, b]\n    answer: a\n")
    assert p == "p.yaml:9:17: unknown difficulty 'extreme' (use one of: easy, medium, hard)"


def test_empty_prompt():
    p = one(MC.replace("prompt: Which?", 'prompt: "  "') + "    choices: [a, b]\n    answer: a\n")
    assert p == "p.yaml:8:13: 'prompt' is empty"


def test_field_of_another_type_is_one_problem():
    # 'answers' on a multiple-choice question: one report, not also "missing 'answer'".
    p = one(MC + "    choices: [a, b]\n    answers: [a]\n")
    assert p.startswith("p.yaml:10:5: 'answers' is not used by multiple_choice questions")
    assert p.endswith("did you mean 'answer'?")


def test_bad_header():
    problems = problems_of(MC + "    choices: [a, b]\n    answer: a\n", header="pack:\n  id: My Pack\nquestions:\n")
    assert problems == [
        "p.yaml:2:3: the pack header is missing 'title'",
        "p.yaml:2:7: pack id 'My Pack' is not a slug: use lowercase letters, digits and hyphens (e.g. 'tdf-teams')",
    ]


def test_source_quote_checked_against_seeds():
    base = MC + "    choices: [a, b]\n    answer: a\n    source:\n      seed: {seed}\n      quote: {quote}\n"
    good = base.format(seed="003_04c923ad2a43299d.txt", quote="Consisting of 8 episodes of 45 minutes")
    assert problems_of(good, seeds=SEEDS) == []
    bad = base.format(seed="003_04c923ad2a43299d.txt", quote="Consisting of 9 episodes")
    assert one(bad, seeds=SEEDS) == (
        "p.yaml:13:14: this quote is not in 003_04c923ad2a43299d.txt; copy a sentence from it word for word"
    )
    unknown = base.format(seed="003_nope.txt", quote="Consisting of 8 episodes")
    assert one(unknown, seeds=SEEDS).startswith("p.yaml:12:13: unknown seed file '003_nope.txt'")
    # Without the seeds, quotes cannot be checked and are not.
    assert problems_of(bad, seeds=None) == []


def test_every_problem_reported_at_once():
    five = (
        MC + "    choices: [a, a]\n    answer: z\n"  # duplicate choice, answer not a choice
        "  - id: q2\n    category: c\n    type: ordering\n    prompt: ''\n    items: [a, b]\n"  # empty, <3
        "  - id: q2\n    category: c\n    type: true_false\n    prompt: P\n    answer: true\n"  # duplicate id
    )
    assert len(problems_of(five)) == 5


def test_many_problems_fixture_reports_all():
    report = check_file(BROKEN / "many-problems.yaml")
    assert len(report.errors) == 21
    # Not a built-in pack: a seed found nowhere leaves its quotes unchecked, which is worth a warning only.
    assert [p.line for p in report.warnings if "seed file '999_missing.txt'" in p.message] == [83]
    assert len({(p.line, p.column, p.message) for p in report.problems}) == len(report.problems)


# ---------------------------------------------------------------- unreadable files: one line each


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # The unclosed list is pointed at where it opens, not where the reader gave up.
        ("malformed.yaml", "malformed.yaml:3:10: this is not valid YAML: a [ ] or { } list is not closed"),
        (
            "not-utf8.yaml",
            "not-utf8.yaml:2:10: this pack is not UTF-8 text (byte 0xe9, 'é' in Windows-1252); save it as UTF-8",
        ),
        ("unknown-tag.yaml", "unknown-tag.yaml:1:7: unknown YAML tag !!python/object:os.system"),
        ("empty.yaml", "empty.yaml: the pack is empty"),
    ],
)
def test_unreadable_file_one_line(name, expected):
    result = CliRunner().invoke(cli, ["validate", str(BROKEN / name)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 2, lines
    assert expected in lines[0]
    assert lines[1] == "1 file checked: 0 valid, 1 with 1 error"


def test_oversize_file_one_line(tmp_path, monkeypatch, sample_pack_path):
    monkeypatch.setenv("QUIZ_MAX_FILE_BYTES", "100")
    result = CliRunner().invoke(cli, ["validate", str(sample_pack_path)])
    assert result.exit_code == 1
    assert "bytes, over the 100-byte limit" in result.output.splitlines()[0]
    assert len(result.output.splitlines()) == 2


# ---------------------------------------------------------------- careless YAML: what to do, where

QUESTION = """\
  - id: q1
    category: c
    type: true_false
    prompt: Is it?
    answer: true
"""


@pytest.mark.parametrize(
    ("broken", "where", "advice"),
    [
        (QUESTION.replace("    type:", "\ttype:"), "7:1", "indented with a tab; indent with spaces only"),
        (QUESTION.replace("    type:", "     type:"), "7:10", "the indentation of this line does not match"),
        (QUESTION.replace("    prompt:", "   prompt:"), "8:4", "the indentation of this line does not match"),
        (QUESTION.replace("prompt: Is it?", "prompt: Quiz: is it?"), "8:17", "holds ': '"),
        (QUESTION.replace("prompt: Is it?", "prompt: 'Netflix's series?'"), "8:22", "write the apostrophe twice"),
        # The quote is pointed at where it opens, not at the end of the file where the reader gave up.
        (
            QUESTION.replace("prompt: Is it?", 'prompt: "Is it?') + QUESTION.replace("q1", "q2"),
            "8:13",
            "this quoted text is never closed",
        ),
        (
            QUESTION.replace("answer: true", "answer: true\n    facts: [a, b"),
            "10:12",
            "a [ ] or { } list is not closed",
        ),
        (
            QUESTION.replace("answer: true", "answer: true\n    facts: [#1, b]"),
            "10:12",
            "a [ ] or { } list is not closed",
        ),
    ],
)
def test_yaml_mistakes_say_what_to_do(tmp_path, broken, where, advice):
    path = tmp_path / "p.yaml"
    path.write_text(HEADER + broken, encoding="utf-8")
    [problem] = check_file(path).problems
    assert str(problem).startswith(f"{path}:{where}: this is not valid YAML: "), str(problem)
    assert advice in problem.message
    assert "(the YAML reader says: " in problem.message


def test_yaml_mistakes_in_a_crlf_file_keep_their_lines(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes((HEADER + QUESTION.replace("    type:", "     type:")).replace("\n", "\r\n").encode())
    [problem] = check_file(path).problems
    assert (problem.line, problem.column) == (7, 10) and "indentation" in problem.message


@pytest.mark.parametrize(("questions", "column"), [("questions:\n", 11), ("questions: []\n", 12)])
def test_a_pack_without_questions_is_an_error(tmp_path, questions, column):
    path = tmp_path / "p.yaml"
    path.write_text(HEADER.replace("questions:\n", questions), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    message = "the pack has no questions; add at least one under 'questions:'"
    assert result.output.splitlines()[0] == f"{path}:4:{column}: {message}"


def test_two_packs_with_one_id_are_a_warning_even_from_the_cache(tmp_path, sample_pack_path):
    text = sample_pack_path.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    other = text.replace("id: sample-", "id: other-")
    (tmp_path / "b.yaml").write_text(other, encoding="utf-8")
    for _ in range(2):  # the second run is served from the pack cache
        result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == [
            f"{tmp_path / 'b.yaml'}:2:7: warning: pack id 'sample' is also used in {tmp_path / 'a.yaml'}:2; "
            "only one of the two can be played, so give this pack its own id",
            "2 files checked: 2 valid (1 warning)",
        ]


# ---------------------------------------------------------------- the command


def test_exit_codes_and_summary(tmp_path, sample_pack_path):
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate", str(sample_pack_path)])
    assert ok.exit_code == 0
    assert ok.output.splitlines()[-1] == "1 file checked: 1 valid"
    # A quote that matches its seed only when punctuation is ignored is a warning, not an error.
    warned = tmp_path / "warned.yaml"
    warned.write_text(sample_pack_path.read_text().replace("Formula 1: Drive", "Formula 1 Drive"))
    warn = runner.invoke(cli, ["validate", str(warned)])
    assert warn.exit_code == 0
    assert warn.output.splitlines()[-1] == "1 file checked: 1 valid (1 warning)"
    bad = runner.invoke(cli, ["validate", str(warned), str(BROKEN / "many-problems.yaml"), str(BROKEN / "empty.yaml")])
    assert bad.exit_code == 1
    assert bad.output.splitlines()[-1] == "3 files checked: 1 valid, 2 with 22 errors (2 warnings)"
    missing = runner.invoke(cli, ["validate", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr
    assert runner.invoke(cli, ["validate"]).exit_code == 2


def test_folder_recursion_and_cross_pack_duplicates(tmp_path, sample_pack_path):
    (tmp_path / "sub").mkdir()
    text = sample_pack_path.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "sub" / "b.yml").write_text(text.replace("id: sample\n", "id: sample-two\n"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a pack", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    dups = [line for line in result.output.splitlines() if "is also used in" in line]
    assert len(dups) == 7
    assert dups[0].startswith(f"{tmp_path / 'sub' / 'b.yml'}:10:9: question id 'sample-mc' is also used in ")
    assert result.output.splitlines()[-1].startswith("2 files checked: 1 valid, 1 with 7 errors")


def test_cached_result_is_the_same(sample_pack_path):
    first = check_file(sample_pack_path)
    second = check_file(sample_pack_path)  # served from the pack cache
    assert [str(p) for p in first.problems] == [str(p) for p in second.problems]
    assert first.ids == second.ids


def test_validate_does_not_import_textual_or_jsonschema_for_a_good_pack(sample_pack_path):
    code = (
        "import sys\n"
        "from quiz.cli import main\n"
        f"sys.argv = ['quiz', 'validate', {str(sample_pack_path)!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "bad = [m for m in ('textual', 'jsonschema') if m in sys.modules]\n"
        "print('LOADED', bad, code)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "LOADED [] 0" in out.stdout, out.stdout + out.stderr


# ---------------------------------------------------------------- the schema and its fast mirror


def test_schema_is_valid_and_documents_every_field():
    from jsonschema import Draft202012Validator

    s = schema()
    Draft202012Validator.check_schema(s)
    for props in (s["$defs"]["header"]["properties"], s["$defs"]["question"]["properties"]):
        for name, prop in props.items():
            assert prop.get("description"), name
    types = {b["if"]["properties"]["type"]["const"] for b in s["$defs"]["question"]["allOf"]}
    assert types == {"multiple_choice", "multi_select", "true_false", "type_in", "numeric", "ordering", "matching"}


def test_files_dump_pack_writes_are_valid(tmp_path, sample_pack_path):
    from quiz.packcache import load_pack
    from quiz.packfile import write_pack

    target = tmp_path / "out.yaml"
    write_pack(load_pack(sample_pack_path), target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    data = parse_yaml(text, str(target))
    assert list(schema_validator().iter_errors(data)) == []
    assert check_file(target).errors == []


_SAMPLE = None


def _sample_data():
    global _SAMPLE
    if _SAMPLE is None:
        _SAMPLE = parse_yaml((FIXTURES / "sample-pack.yaml").read_text(encoding="utf-8"), "s")
    return _SAMPLE


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(-2, 2, allow_nan=False),
    st.sampled_from(["", " ", "a", "true", "numeric", "multiple_choice", "easy", "x-y", "Bad Id"]),
    st.lists(st.sampled_from(["a", "b", 1, True, ""]), max_size=4),
    st.just({"left": "a", "right": "b"}),
    st.just({"seed": "s", "quote": "q"}),
)


@settings(max_examples=120, deadline=None)
@given(
    qi=st.integers(0, 6),
    key=st.sampled_from(
        [
            "id",
            "category",
            "type",
            "difficulty",
            "prompt",
            "choices",
            "answer",
            "answers",
            "tolerance",
            "range",
            "unit",
            "items",
            "pairs",
            "explanation",
            "facts",
            "source",
            "bogus",
        ]
    ),
    value=_VALUES,
    delete=st.booleans(),
)
def test_fast_mirror_agrees_with_jsonschema(qi, key, value, delete):
    data = copy.deepcopy(dict(_sample_data()))
    data["questions"] = [dict(q) for q in data["questions"]]
    q = data["questions"][qi]
    if delete:
        q.pop(key, None)
    else:
        q[key] = value
    expected = not any(True for _ in schema_validator().iter_errors(data))
    assert conforms(data) == expected


def test_a_file_of_thousands_of_broken_questions_lists_the_first_and_counts_the_rest(tmp_path):
    head = "pack:\n  id: many\n  title: Many\n  version: 1.0.0\n  language: en\nquestions:\n"
    path = tmp_path / "many.yaml"
    path.write_text(head + "  - {}\n" * 3000, encoding="utf-8")
    from quiz.validate import MAX_SCHEMA_ERRORS

    problems = check_file(path).problems
    assert len(problems) == MAX_SCHEMA_ERRORS + 1
    last = problems[-1]
    explained = {p.line for p in problems[:-1]}
    # Four missing fields per empty question: the first 50 are explained, the 2,950 others counted.
    assert len(explained) == MAX_SCHEMA_ERRORS // 4
    assert last.line == max(explained) + 1
    assert "this question and 2,949 more after it also have errors" in last.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipes_and_bad_links_are_reported_not_skipped(tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    (folder / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (folder / "loop.yaml").symlink_to("loop.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "quiz", "validate", str(folder)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 1, done.stderr
    assert "pipe.yaml: this is a named pipe (FIFO)" in done.stdout
    assert "gone.yaml: this pack is a link to" in done.stdout
    assert "loop.yaml: this pack is a symbolic link that leads back to itself" in done.stdout
    assert "3 files checked: 0 valid, 3 with 3 errors" in done.stdout
    named = subprocess.run(
        [sys.executable, "-m", "quiz", "validate", str(folder / "loop.yaml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert named.returncode == 2 and "leads back to itself" in named.stderr and "Traceback" not in named.stderr
