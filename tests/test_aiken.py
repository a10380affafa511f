"""Aiken import and export."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.errors import FileProblem, QuizError
from quiz.formats import aiken, get_format
from quiz.model import MULTIPLE_CHOICE, Pack, PackInfo, Question
from quiz.packcache import load_pack
from quiz.packfile import dump_pack
from quiz.validate import check_pack_data
from quiz.yamlfile import parse_yaml
from tests.conftest import FIXTURES

QUESTIONS = FIXTURES / "aiken" / "questions.txt"
SEED_TEXT = QUESTIONS.read_text(encoding="utf-8")


def errors_in(pack) -> list:
    data = parse_yaml(dump_pack(pack, None), "imported.yaml", "pack")
    errors = [p for p in check_pack_data(data, "imported.yaml", seeds=None) if p.severity == "error"]
    # An empty pack is an error for the validator; `quiz import` refuses to write one itself.
    return [p for p in errors if pack.questions or not p.message.startswith("the pack has no questions")]


def mc(qid: str, prompt: str, choices: tuple[str, ...], answer: str) -> Question:
    return Question(id=qid, category="general", type=MULTIPLE_CHOICE, prompt=prompt, choices=choices, answers=(answer,))


def test_fixture_file_keeps_good_questions_and_reports_bad_ones():
    result = aiken.import_file(QUESTIONS)
    qs = result.pack.questions
    assert result.pack.id == "questions" and result.pack.path == str(QUESTIONS)
    assert [q.line for q in qs] == [1, 8, 27, 32]
    assert [q.id for q in qs] == ["questions-1", "questions-2", "questions-6", "questions-7"]
    assert all(q.type == MULTIPLE_CHOICE and q.category == "general" and q.difficulty == "medium" for q in qs)
    assert qs[0].choices == ("Box to Box Films", "QUAD", "NOS", "Amazon") and qs[0].answers == ("Box to Box Films",)
    assert qs[1].choices == ("6", "8", "10") and qs[1].answers == ("8",)  # "A)" options
    # Question text over two lines; the next question follows its ANSWER line without a blank line.
    assert qs[2].prompt == "In how many territories is the Tour de France broadcast,\naccording to the announcement?"
    assert qs[3].answers == ("Ineos Grenadiers",)
    skipped = [(s.line, s.reason) for s in result.skipped]
    assert skipped[0] == (14, "the answer E is not one of the options (A, B)")
    assert skipped[1][0] == 19 and "no 'ANSWER" in skipped[1][1]
    assert skipped[2][0] == 23 and "at least two options" in skipped[2][1]
    assert result.skipped[1].name == "Which broadcaster worked with Jumbo-Visma on Code Yellow?"
    assert errors_in(result.pack) == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Q?\nA. x\nB. y\nANSWER: AB", "one option letter"),
        ("Q?\nA. x\nA. y\nANSWER: A", "used twice"),
        ("Q?\nA. x\nB. x\nANSWER: A", "read the same"),
        ("Q?\nA.\nB. y\nANSWER: B", "empty"),
        ("Q?\nANSWER: A", "no lettered options"),
        ("Q?\nA. x\nB. y", "no 'ANSWER"),
    ],
)
def test_malformed_questions_are_skipped_with_reasons(text, reason):
    result = aiken.import_text(text + "\n\nGood?\nA. yes\nB. no\nANSWER: A\n", "x.txt")
    assert [q.prompt for q in result.pack.questions] == ["Good?"]
    [skipped] = result.skipped
    assert skipped.line == 1 and reason in skipped.reason


def test_option_text_can_run_over_lines():
    [q] = aiken.import_text("Q?\nA. first\ncontinued\nB. second\nANSWER: B", "x.txt").pack.questions
    assert q.choices == ("first continued", "second")


def test_non_utf8_and_missing_files(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Q?\nA. Caf\u00e9\nB. x\nANSWER: A".encode("cp1252"))
    with pytest.raises(FileProblem) as err:
        aiken.import_file(bad)
    assert err.value.line == 2 and "UTF-8" in str(err.value)
    with pytest.raises(FileProblem, match="not found"):
        aiken.import_file(tmp_path / "nope.txt")


def test_format_is_registered():
    module = get_format("aiken")
    assert module is aiken and (module.NAME, module.SUFFIX) == ("aiken", ".txt")


def test_export_writes_multiple_choice_and_true_false_only_and_counts_the_rest():
    pack = load_pack(FIXTURES / "sample-pack.yaml")
    text, result = aiken.export_text([pack])
    assert result.written == 2 and len(result.skipped) == 5
    assert all("only multiple-choice and true/false" in s.reason for s in result.skipped)
    assert "match the pairs" in next(s.reason for s in result.skipped if s.name == "sample-matching")
    assert text == (
        "Which company was lined up to make the Tour de France series?\n"
        "A. Box to Box Films\nB. QUAD\nC. NOS\nD. Amazon\nANSWER: A\n\n"
        "True or false: the fourth series of Drive to Survive was set to drop on Netflix on March 11.\n"
        "A. True\nB. False\nANSWER: A\n"
    )


def test_export_keeps_prompt_lines_that_cannot_read_as_options():
    safe = mc("a", "Line one\nline two?", ("x", "y"), "y")
    risky = mc("b", "Pick one:\nA. this line would read as an option", ("x", "y"), "x")
    assert aiken.question_to_aiken(safe).startswith("Line one\nline two?\nA. x")
    assert aiken.question_to_aiken(risky).startswith("Pick one: A. this line would read as an option\nA. x")


def test_export_refuses_more_than_26_choices():
    many = mc("m", "Q?", tuple(f"c{i}" for i in range(27)), "c0")
    with pytest.raises(ValueError, match="A to Z"):
        aiken.question_to_aiken(many)


def test_round_trip_of_multiple_choice(tmp_path):
    questions = [
        mc("x-1", "Which company was lined up to make the series?", ("Box to Box Films", "QUAD"), "QUAD"),
        mc("x-2", "Two lines:\nwhich team is British?", ("Movistar", "Ineos Grenadiers", "A. B."), "A. B."),
        mc("x-3", "ANSWER: looks like an answer line but is the question", ("yes", "no"), "no"),
    ]
    pack = Pack(PackInfo(id="x", title="x"), questions)
    out = tmp_path / "x.txt"
    result = aiken.export_packs([pack], out)
    assert result.files == [str(out)] and result.written == 3
    back = aiken.import_file(out)
    assert back.skipped == []
    for before, after in zip(questions, back.pack.questions):
        assert (after.id, after.prompt, after.choices, after.answers) == (
            before.id,
            before.prompt,
            before.choices,
            before.answers,
        )


def test_export_to_stdout(capsys):
    pack = Pack(PackInfo(id="x", title="x"), [mc("x-1", "Q?", ("a", "b"), "b")])
    aiken.export_packs([pack], None)
    assert capsys.readouterr().out == "Q?\nA. a\nB. b\nANSWER: B\n"


# --------------------------------------------------------------------------- never a traceback

AIKEN_BITS = st.sampled_from(
    ["A. ", "B) ", "C.", "ANSWER: ", "ANSWER: A", "answer:", "\n", "\n\n", " ", "x", "Q?", "é", "\r"]
)


def _check(text: str) -> None:
    try:
        result = aiken.import_text(text, "fuzz.txt")
    except QuizError:
        return
    assert errors_in(result.pack) == []
    # What we read, we can write and read back the same.
    exported, written = aiken.export_text([result.pack])
    again = aiken.import_text(exported, "fuzz.txt")
    assert written.written == len(result.pack.questions) == len(again.pack.questions)
    for before, after in zip(result.pack.questions, again.pack.questions):
        assert (after.choices, after.answers) == (before.choices, before.answers)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(AIKEN_BITS, st.text(max_size=4)), max_size=40).map("".join))
def test_random_aiken_never_raises(text):
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(SEED_TEXT)), st.integers(0, 15), AIKEN_BITS), min_size=1, max_size=6))
def test_mutated_aiken_never_raises(edits):
    text = SEED_TEXT
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    _check(text)
