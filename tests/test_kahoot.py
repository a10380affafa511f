"""Kahoot spreadsheets: the .xlsx template, its CSV form, and writing the template."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.errors import FileProblem, QuizError
from quiz.formats import kahoot
from quiz.packcache import load_pack
from tests.conftest import FIXTURES

SHEETS = FIXTURES / "kahoot"
EXPECTED = [
    (
        "Which company was lined up to make the Tour de France series?",
        "multiple_choice",
        ("Box to Box Films", "QUAD", "NOS", "Amazon"),
        ("Box to Box Films",),
    ),
    (
        "Which teams are among the eight in the official announcement?",
        "multi_select",
        ("Ineos Grenadiers", "Movistar", "Alpecin-Fenix", "Cofidis"),
        ("Ineos Grenadiers", "Alpecin-Fenix"),
    ),
    ("The Tour de France is broadcast in 190 territories.", "true_false", (), ("true",)),
    ("Who made Code Yellow with Jumbo-Visma?", "multiple_choice", ("Eurosport", "NOS"), ("NOS",)),
    (
        "Which of these are French broadcasters or organisers?",
        "multi_select",
        ("France Télévisions", "A.S.O.", "NOS", "“Quadbox”"),
        ("France Télévisions", "A.S.O."),
    ),
]
EXPECTED_SKIPS = [
    (14, "correct answer 3 points at an empty answer"),
    (15, "no correct answer is chosen"),
    (16, "a question needs at least two answers"),
]


def summary(result):
    return [(q.prompt, q.type, q.choices, q.answers) for q in result.pack.questions]


@pytest.mark.parametrize("name", ["quiz.xlsx", "quiz.csv"])
def test_template_rows_become_questions(name):
    result = kahoot.import_file(SHEETS / name)
    assert summary(result) == EXPECTED
    assert [(s.line, s.reason) for s in result.skipped] == EXPECTED_SKIPS
    assert result.pack.id == "quiz"
    assert len({q.id for q in result.pack.questions}) == len(EXPECTED)


def test_header_is_found_by_text_not_row(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "Correct answer(s) - choose at least one",
            "Question - max 120 characters",
            "Answer 1 - max 75 characters",
            "Answer 2",
            "Answer 3",
            "Answer 4",
            "Time limit (sec)",
        ]
    )
    ws.append(
        ["2", "Which series did Box to Box make for Formula 1?", "Code Yellow", "Drive to Survive", None, None, 20]
    )
    path = tmp_path / "moved.xlsx"
    wb.save(path)
    [q] = kahoot.import_file(path).pack.questions
    assert q.answers == ("Drive to Survive",) and q.choices == ("Code Yellow", "Drive to Survive")


def test_semicolon_csv_from_a_european_spreadsheet():
    text = (
        "Kahoot quiz;;;;;;\n"
        "Question - max 120 characters;Answer 1 - max 75 characters;Answer 2 - max 75 characters;"
        "Answer 3 - max 75 characters;Answer 4 - max 75 characters;Time limit (sec);Correct answer(s) - choose at least one\n"
        "Netflix made a six-part series about which team?;Movistar;Jumbo-Visma;;;20;1\n"
    )
    [q] = kahoot.import_text(text, "semi.csv").pack.questions
    assert q.prompt == "Netflix made a six-part series about which team?" and q.answers == ("Movistar",)


@pytest.mark.parametrize(
    "correct, reason",
    [("5", "must be numbers from 1 to 4"), ("one", "must be numbers from 1 to 4"), ("1,1,2", None)],
)
def test_correct_answer_column(correct, reason):
    text = (
        "Question,Answer 1,Answer 2,Answer 3,Answer 4,Time limit,Correct answer(s)\n"
        f'Which broadcaster?,NOS,Eurosport,QUAD,,20,"{correct}"\n'
    )
    result = kahoot.import_text(text, "c.csv")
    if reason is None:
        assert result.pack.questions[0].answers == ("NOS", "Eurosport")
    else:
        assert reason in result.skipped[0].reason and result.skipped[0].line == 2


def test_both_true_and_false_correct_is_skipped():
    text = 'Question,Answer 1,Answer 2,Answer 3,Answer 4,Time limit,Correct answer(s)\nSure?,True,False,,,20,"1,2"\n'
    result = kahoot.import_text(text, "tf.csv")
    assert result.pack.questions == [] and "both True and False" in result.skipped[0].reason


def test_no_header_is_a_file_problem():
    with pytest.raises(FileProblem, match="no Kahoot header row"):
        kahoot.import_text("a,b,c\n1,2,3\n", "plain.csv")


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"PK" + bytes(range(200))], ids=["short", "junk"])
def test_damaged_workbook_is_a_file_problem(data):
    with pytest.raises(FileProblem, match="xlsx"):
        kahoot.import_bytes(data, "broken.xlsx")


def test_zip_that_is_not_a_workbook(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(FileProblem, match="not a readable .xlsx"):
        kahoot.import_bytes(buffer.getvalue(), "other.xlsx")


def test_missing_file():
    with pytest.raises(FileProblem, match="not found"):
        kahoot.import_file(FIXTURES / "kahoot" / "nope.xlsx")


# --- export -------------------------------------------------------------------


def test_export_writes_the_template_layout(tmp_path, sample_pack_path):
    out = tmp_path / "sample.xlsx"
    result = kahoot.export_packs([load_pack(sample_pack_path)], out)
    assert result.written == 3 and result.files == [str(out)]
    assert sorted(s.name for s in result.skipped) == [
        "sample-matching",
        "sample-numeric",
        "sample-ordering",
        "sample-typein",
    ]
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if row[1] == "Question - max 120 characters")
    # Kahoot's official template: the header on row 8, the first question on row 9.
    assert header_at + 1 == kahoot.HEADER_ROW == 8
    assert ws["B8"].value == "Question - max 120 characters" and ws["A9"].value == 1
    assert ws["B9"].value == "Which company was lined up to make the Tour de France series?"
    assert rows[header_at][2] == "Answer 1 - max 75 characters"
    assert rows[header_at][7] == "Correct answer(s) - choose at least one"
    first, second, third = rows[header_at + 1 : header_at + 4]
    assert first == (
        1,
        "Which company was lined up to make the Tour de France series?",
        "Box to Box Films",
        "QUAD",
        "NOS",
        "Amazon",
        20,
        "1",
    )
    assert second[-1] == "1,2,4"
    assert third[2:6] == ("True", "False", None, None) and third[-1] == "1"


def test_export_then_import_gives_the_questions_back(tmp_path, sample_pack_path):
    pack = load_pack(sample_pack_path)
    out = tmp_path / "back.xlsx"
    kahoot.export_packs([pack], out)
    back = kahoot.import_file(out)
    originals = [q for q in pack.questions if q.type in ("multiple_choice", "multi_select", "true_false")]
    assert [(q.prompt, q.type, q.choices, q.answers) for q in back.pack.questions] == [
        (q.prompt, q.type, q.choices, q.answers) for q in originals
    ]


def test_export_skips_what_kahoot_cannot_hold(tmp_path):
    from quiz.model import Pack, PackInfo, Question

    questions = [
        Question(
            id="five", category="c", type="multiple_choice", prompt="Which?", choices=tuple("ABCDE"), answers=("A",)
        ),
        Question(id="long", category="c", type="true_false", prompt="x" * 121, answers=("true",)),
    ]
    result = kahoot.export_packs([Pack(PackInfo(id="p", title="P"), questions)], tmp_path / "p.xlsx")
    assert result.written == 0
    assert "at most 4 answers" in result.skipped[0].reason and "121 characters" in result.skipped[1].reason


# --- fuzzing -------------------------------------------------------------------

_HEADER = "Question,Answer 1,Answer 2,Answer 3,Answer 4,Time limit,Correct answer(s)\n"
_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["1", "2,3", "True", "False", "", '"', "1;4", "0"]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_cell, max_size=9), max_size=6))
def test_fuzz_csv_rows_never_crash(rows):
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    try:
        kahoot.import_text(_HEADER + buffer.getvalue(), "fuzz.csv")
    except QuizError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_raw_csv_text_never_crashes(text):
    try:
        kahoot.import_text(_HEADER + text, "fuzz.csv")
    except QuizError:
        pass


_XLSX = (SHEETS / "quiz.xlsx").read_bytes()


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=len(_XLSX) - 1), st.binary(min_size=1, max_size=8))
def test_fuzz_mutated_workbook_never_crashes(position, noise):
    mutated = _XLSX[:position] + noise + _XLSX[position + len(noise) :]
    try:
        kahoot.import_bytes(mutated, "mutated.xlsx")
    except QuizError:
        pass
