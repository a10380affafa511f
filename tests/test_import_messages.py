"""Messages about files that cannot be imported say what is really wrong (issue 13, defect 8)."""

from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from quiz.cli import cli
from quiz.errors import FileProblem
from quiz.formats import gift, jsonfmt, kahoot, opentdb
from tests.conftest import FIXTURES
from tests.fixtures.kahoot.make_fixtures import HEADER as KAHOOT_HEADER

LFS = b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"ab" * 32 + b"\nsize 18342\n"


@pytest.mark.parametrize("name", ["quiz.xlsx", "quiz.csv"])
def test_a_git_lfs_pointer_is_not_a_spreadsheet(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(LFS)
    with pytest.raises(FileProblem) as err:
        kahoot.import_file(path)
    message = str(err.value)
    assert "Git LFS pointer" in message and "not a spreadsheet" in message and "git lfs pull" in message
    assert "header" not in message


@pytest.mark.parametrize(("module", "name"), [(gift, "q.gift"), (jsonfmt, "q.json"), (opentdb, "q.json")])
def test_a_git_lfs_pointer_is_named_by_every_text_importer(tmp_path, module, name):
    path = tmp_path / name
    path.write_bytes(LFS)
    with pytest.raises(FileProblem, match="Git LFS pointer"):
        module.import_file(path)


def test_a_text_file_named_xlsx_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "renamed.xlsx"
    path.write_text("Question,Answer 1,Answer 2,Correct answer(s)\nQ?,a,b,1\n", encoding="utf-8")
    with pytest.raises(FileProblem, match="this is not a spreadsheet: an .xlsx workbook is a zip file"):
        kahoot.import_file(path)


def test_an_old_excel_workbook_is_named(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    with pytest.raises(FileProblem, match=r"old-style Excel workbook \(\.xls\); open it and save it as \.xlsx"):
        kahoot.import_file(path)


def _template(path, rows_below=()):
    """Kahoot's template layout: title rows, the header on row 8, numbered rows from row 9."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([])
    ws.append([None, "Quiz template"])
    for _ in range(5):
        ws.append([])
    ws.append(KAHOOT_HEADER)
    for n in range(1, 21):
        ws.append([n, *rows_below[n - 1]] if n <= len(rows_below) else [n])
    wb.save(path)


def test_an_empty_template_says_no_question_was_filled_in(tmp_path):
    path = tmp_path / "template.xlsx"
    _template(path)
    result = kahoot.import_file(path)
    assert result.pack.questions == [] and result.skipped == []
    [note] = result.warnings
    assert "the header is row 8, but no question follows it" in note and "from row 9" in note
    assert "formula" not in note


def test_a_sheet_of_unsaved_formulas_says_so(tmp_path):
    path = tmp_path / "formulas.xlsx"
    _template(path, [["=A1", "=A2", "=A3", None, None, 20, "=1"]])
    [note] = kahoot.import_file(path).warnings
    assert "formula" in note and "save it again" in note


def test_spreadsheet_skips_are_reported_by_row(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["import", str(FIXTURES / "kahoot" / "quiz.xlsx")])
    assert result.exit_code == 0, result.output
    assert "(row 14): correct answer 3 points at an empty answer" in result.stdout
    assert "(line " not in result.stdout


def test_a_truncated_json_file_is_called_cut_short():
    text = json.dumps([{"id": "a", "type": "true_false", "prompt": "Is it?", "answers": ["true"]}])
    for cut in (len(text) // 2, len(text) - 1, 30):
        with pytest.raises(FileProblem) as err:
            jsonfmt.import_text(text[:cut], "cut.json")
        message = err.value.problem.message
        assert "cut short" in message, message
        assert not message.rstrip().endswith((" at", "at:")), message


def test_json_mistakes_are_sentences():
    with pytest.raises(FileProblem) as err:
        jsonfmt.import_text('[{"id": "a",}]', "comma.json")
    assert err.value.problem.message.endswith("(is there a comma too many before a closing brace?)")
    assert (err.value.line, err.value.problem.column) == (1, 13)


def test_open_trivia_db_results_under_a_nonzero_response_code_are_read():
    data = json.loads((FIXTURES / "opentdb" / "default.json").read_text(encoding="utf-8"))
    data["response_code"] = 1
    result = opentdb.import_text(json.dumps(data), "saved.json")
    assert len(result.pack.questions) + len(result.skipped) == len(data["results"])
    assert len(result.pack.questions) == 5
    assert any("response_code 1" in w and "were read as usual" in w for w in result.warnings)


def test_open_trivia_db_error_without_results_still_refused():
    with pytest.raises(FileProblem, match="response_code 1 .* and no results"):
        opentdb.import_text('{"response_code": 1, "results": []}', "none.json")
