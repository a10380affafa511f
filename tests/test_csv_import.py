"""Our CSV is an import format too: it reads back every field a question has (issue 13).

And the built-in bank goes through CSV and through JSON and comes back the same,
field for field.
"""

from __future__ import annotations

import csv
import io
from dataclasses import fields, replace

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz import locations
from quiz.cli import cli
from quiz.errors import FileProblem, QuizError
from quiz.formats import csvfmt, jsonfmt
from quiz.model import QUESTION_TYPES, Pack, PackInfo, Question, Source
from quiz.packcache import load_pack

HEADER = "id,category,type,difficulty,prompt,choices,answers,items,pairs,tolerance,range,unit,explanation\n"


def builtin_pack() -> Pack:
    packs = list(locations.builtin_packs_dir().glob("*.yaml"))
    assert packs, "the built-in bank is missing"
    return load_pack(min(packs))


def same(before: list[Question], after: list[Question]) -> None:
    """Field for field, every question (its line in the new file aside)."""
    assert len(after) == len(before)
    for b, a in zip(before, after):
        for f in fields(Question):
            if f.name != "line":
                assert getattr(a, f.name) == getattr(b, f.name), (b.id, f.name)


@pytest.mark.parametrize("module", [csvfmt, jsonfmt], ids=["csv", "json"])
def test_the_built_in_bank_round_trips_losing_nothing(module, tmp_path):
    pack = builtin_pack()
    out = tmp_path / f"bank{module.SUFFIX}"
    exported = module.export_packs([pack], out)
    assert exported.written == len(pack.questions) and exported.skipped == []
    back = module.import_file(out)
    assert back.skipped == [] and back.warnings == []
    assert back.pack.id == pack.id
    same(pack.questions, back.pack.questions)
    assert len({q.type for q in pack.questions}) >= 5  # a real bank, many kinds of question


TRICKY = [
    Question(
        id="pipes",
        category="=cat",
        type="multiple_choice",
        prompt="Which | is it?",
        difficulty="hard",
        choices=("a | b", "c\\d", "'=quoted", "-x", "→"),
        answers=("a | b",),
        explanation="+1\nline two",
        facts=("f|1", "f2"),
        source=Source("000_x.txt", 'A "quote", with commas'),
    ),
    Question(
        id="range",
        category="c",
        type="numeric",
        prompt="Between?",
        low=-2.5,
        high=10.0,
        unit="km",
        answers=("-2.5..10",),
    ),
    Question(id="tol", category="c", type="numeric", prompt="About?", value=1e-05, tolerance=0.5, answers=("1e-05",)),
    Question(id="order", category="c", type="ordering", prompt="Order?", answers=("x | y", "z", "w\\")),
    Question(
        id="match",
        category="c",
        type="matching",
        prompt="Match?",
        pairs=(("a → b", "c"), ("d", "e | f")),
        answers=("c", "e | f"),
    ),
    Question(id="tf", category="c", type="true_false", prompt="'Tis true?", answers=("false",)),
    Question(id="typein", category="c", type="type_in", prompt="Who?", answers=("Roglič", "Primož Roglič")),
    Question(id="ms", category="c", type="multi_select", prompt="All?", choices=("a", "b", "c"), answers=("a", "c")),
]


def test_separators_escapes_and_formula_guards_read_back_as_written(tmp_path):
    pack = Pack(PackInfo(id="p", title="P"), [replace(q, pack="p") for q in TRICKY])
    # Every field a question has is set somewhere here.
    for f in fields(Question):
        if f.name not in ("pack", "line"):
            assert any(getattr(q, f.name) not in (None, "", (), 0.0, "medium") for q in TRICKY), f.name
    out = tmp_path / "tricky.csv"
    csvfmt.export_packs([pack], out)
    back = csvfmt.import_file(out)
    assert back.skipped == []
    same(pack.questions, back.pack.questions)


def _write(tmp_path, text: str, name: str = "sheet.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_hand_written_sheet_with_few_columns(tmp_path):
    text = (
        "Type;Prompt;Choices;Answers;Tolerance;Unit\n"
        "multiple_choice;Who makes the series?;Netflix | Amazon;Netflix;;\n"
        "true_false;Is it about cycling?;;TRUE;;\n"
        "numeric;How long is an episode?;;45;2,5;minutes\n"
    )
    result = csvfmt.import_file(_write(tmp_path, text))
    assert result.skipped == []
    mc, tf, num = result.pack.questions
    assert (mc.id, mc.category, mc.difficulty, mc.answers) == (
        "who-makes-the-series",
        "general",
        "medium",
        ("Netflix",),
    )
    assert tf.answers == ("true",)
    assert (num.value, num.tolerance, num.unit) == (45, 2.5, "minutes")
    assert result.pack.id == "sheet" and result.unit == "row"


AWKWARD = (
    HEADER
    + "ok,c,true_false,easy,Fine?,,true,,,,,,\n"
    + ",c,multiple_choice,easy,Answer not a choice?,a | b,z,,,,,,\n"
    + "\n"  # an empty row is no question
    + "m,c,matching,easy,No arrow?,,,,a - b | c → d,,,,\n"
    + "r,c,numeric,easy,Bad range?,,,,,,5,,\n"
    + "t,c,numeric,easy,Bad tolerance?,,3,,,lots,,,\n"
    + "u,c,riddle,easy,Unknown type?,,x,,,,,,\n"
    + "ok,c,true_false,easy,Same id again?,,false,,,,,,\n"
    + 'q,c,type_in,hard,"A prompt over\ntwo lines?",,yes,,,,,,\n'
)


def test_every_row_is_imported_or_skipped_with_its_row_and_reason(tmp_path):
    result = csvfmt.import_file(_write(tmp_path, AWKWARD))
    assert len(result.pack.questions) + len(result.skipped) == 8
    assert [q.id for q in result.pack.questions] == ["ok", "q"]
    assert result.pack.questions[1].line == 10  # spreadsheet rows, a two-line cell being one row
    reasons = [(s.line, s.unit, s.reason) for s in result.skipped]
    assert reasons == [
        (3, "row", "the answer 'z' is not one of the choices"),
        (5, "row", "the pair 'a - b' has no '→' between its two sides"),
        (6, "row", "the range '5' should read low..high, like 6..10"),
        (7, "row", "'tolerance' must be a number, not 'lots'"),
        (8, "row", f"unknown type 'riddle' (expected one of: {', '.join(QUESTION_TYPES)})"),
        (9, "row", "the id 'ok' was already used by an earlier question"),
    ]


def test_a_sheet_without_the_needed_columns_says_which(tmp_path):
    with pytest.raises(FileProblem, match="it has no 'prompt' column"):
        csvfmt.import_file(_write(tmp_path, "id,type,question\nq,true_false,Is it?\n"))


def test_unknown_columns_are_named(tmp_path):
    result = csvfmt.import_file(_write(tmp_path, "type,prompt,answers,notes\ntrue_false,Is it?,true,for me\n"))
    assert len(result.pack.questions) == 1 and "ignored the column 'notes'" in result.warnings[0]


def test_cli_tells_our_csv_from_a_kahoot_csv(tmp_path, monkeypatch, sample_pack_path):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["export", str(sample_pack_path), "-o", "sample.csv"]).exit_code == 0
    result = runner.invoke(cli, ["import", "sample.csv", "-o", "back.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("7 imported, 0 skipped\n")
    same(load_pack(sample_pack_path).questions, load_pack(tmp_path / "back.yaml").questions)
    # Told to read it as Kahoot, the message says what it is.
    result = runner.invoke(cli, ["import", "--format", "kahoot", "sample.csv", "-o", "k.yaml"])
    assert result.exit_code == 1 and "import it with --format csv" in result.stderr


def test_cli_reports_csv_skips_by_row(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, AWKWARD, "awkward.csv")
    result = CliRunner().invoke(cli, ["import", "awkward.csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 imported, 6 skipped\n")
    assert "  skipped answer-not-a-choice (row 3): the answer 'z' is not one of the choices" in result.stdout
    assert "  skipped r (row 6): the range '5' should read low..high" in result.stdout


# --------------------------------------------------------------------------- never a traceback

_CELL = st.text(max_size=8) | st.sampled_from(
    ["multiple_choice", "numeric", "matching", "ordering", "true_false", "a | b", "a → b", "1..2", "'=x", "\\|", ""]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELL, min_size=0, max_size=14), max_size=6))
def test_any_rows_import_or_fail_with_a_file_problem(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    try:
        result = csvfmt.import_text(HEADER + buffer.getvalue(), "fuzz.csv")
    except QuizError:
        return
    nonempty = sum(1 for row in rows if any(cell.strip() for cell in row))
    assert len(result.pack.questions) + len(result.skipped) == nonempty


_EXPORTED = csvfmt.export_text([Pack(PackInfo(id="p", title="P"), [replace(q, pack="p") for q in TRICKY])])[0]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, len(_EXPORTED)), st.integers(0, 12), st.text(max_size=4)), min_size=1, max_size=5)
)
def test_mutated_exports_give_a_pack_or_an_error_naming_the_file(edits):
    text = _EXPORTED
    for at, cut, insert in edits:
        text = text[:at] + insert + text[at + cut :]
    try:
        result = csvfmt.import_text(text, "mutated.csv")
    except QuizError as exc:
        assert str(exc).startswith("mutated.csv"), str(exc)
        return
    assert all(q.id and q.prompt for q in result.pack.questions)
    assert all(s.unit == "row" and s.line >= 2 for s in result.skipped)


def test_a_huge_cell_is_refused_with_its_row(tmp_path):
    path = _write(tmp_path, 'type,prompt,answers\ntrue_false,"' + "x" * (1 << 20) + '",true\n')
    with pytest.raises(FileProblem) as err:
        csvfmt.import_file(path)
    assert err.value.line == 2 and "field larger than field limit" in str(err.value)
