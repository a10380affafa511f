"""`quiz import` accounts for every question in a file: N imported + M skipped is all of them (issue 13).

For every importer, an awkward file whose number of questions is known (counted
by hand, not by the importer) goes through the command; the summary line's two
numbers must add up to it, and every skipped question must be listed with its
place in the file. Property tests do the same for generated Kahoot, Open
Trivia DB and JSON files.
"""

from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.cli import cli
from quiz.errors import QuizError
from quiz.formats import jsonfmt, kahoot, opentdb
from tests.conftest import CONFORMANCE, FIXTURES
from tests.fixtures.kahoot.make_fixtures import HEADER as KAHOOT_HEADER

KAHOOT_ROWS = [
    [1, "Which company makes the series?", "Box to Box Films", "QUAD", None, None, 20, 1],
    [2, None, "An answer", "with no question", None, None, 20, 1],  # skipped: no question
    [3, "A question with no answers", None, None, None, None, 20, 1],  # skipped
    [4],  # a numbered empty row of the template: no question
    [5, "Two correct?", "True", "False", None, None, 20, "1,2"],  # skipped
    [6, "Which broadcaster?", "NOS", "BBC", "RAI", None, 20, "2,3"],
    [None, None, None, None, None, None, 30, None],  # only a time: no question
    [7, "Far too many correct answers?", "a", "b", None, None, 20, "9"],  # skipped
]


def _awkward_xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for _ in range(7):
        ws.append([])
    ws.append(KAHOOT_HEADER)
    for row in KAHOOT_ROWS:
        ws.append(row)
    wb.save(path)
    return 6  # questions in the sheet


def _awkward_opentdb(path):
    results = json.loads((FIXTURES / "opentdb" / "default.json").read_text(encoding="utf-8"))["results"]
    results += ["not an object", {"type": "boolean"}, {"question": "No type?", "correct_answer": "True"}]
    path.write_text(json.dumps({"response_code": 0, "results": results}, indent=1), encoding="utf-8")
    return len(results)


def _awkward_json(path):
    items = [
        {"id": "a", "category": "c", "type": "true_false", "prompt": "Fine?", "answers": ["true"]},
        {"id": "a", "category": "c", "type": "true_false", "prompt": "Same id?", "answers": ["false"]},
        42,
        {
            "id": "m",
            "category": "c",
            "type": "matching",
            "prompt": "Refused by the validator?",
            "pairs": [{"left": "a", "right": "x"}, {"left": "b", "right": "x"}],
        },
        {"id": "n", "category": "c", "type": "numeric", "prompt": "How many?", "answers": ["8"], "tolerance": 1},
    ]
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    return len(items)


def _copy(source, total):
    def make(path):
        path.write_bytes(source.read_bytes())
        return total

    return make


def _conformance(name, total):
    source = CONFORMANCE / "moodle-gift" / "fixtures" / name
    if not source.is_file():  # pragma: no cover - the suite ships beside the repository
        pytest.skip("Moodle GIFT conformance suite not found")
    return _copy(source, total)


CASES = {
    "gift-course": ("course.gift", _copy(FIXTURES / "gift" / "course.gift", 12)),
    "gift-features": ("features.gift", _copy(FIXTURES / "gift" / "features.gift", 15)),
    "gift-moodle": ("questions.gift.txt", lambda path: _conformance("questions.gift.txt", 9)(path)),
    "gift-moodle-category": ("in_category.gift", lambda path: _conformance("questions_in_category.gift.txt", 4)(path)),
    "aiken": ("questions.txt", _copy(FIXTURES / "aiken" / "questions.txt", 7)),
    "kahoot-fixture": ("quiz.xlsx", _copy(FIXTURES / "kahoot" / "quiz.xlsx", 8)),
    "kahoot-awkward": ("awkward.xlsx", _awkward_xlsx),
    "opentdb": ("dump.json", _awkward_opentdb),
    "json": ("items.json", _awkward_json),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_imported_plus_skipped_is_every_question_in_the_file(case, tmp_path, monkeypatch):
    name, make = CASES[case]
    path = tmp_path / name
    total = make(path)
    monkeypatch.chdir(tmp_path)
    fmt = ["--format", "gift"] if name.endswith((".gift", ".gift.txt")) else []
    result = CliRunner().invoke(cli, ["import", *fmt, str(path), "-o", "out.yaml"])
    assert result.exit_code == 0, result.output
    summary = re.match(r"(\d+) imported, (\d+) skipped\n", result.stdout)
    assert summary, result.stdout
    imported, skipped = int(summary.group(1)), int(summary.group(2))
    assert imported + skipped == total, result.stdout
    listed = [line for line in result.stdout.splitlines() if line.startswith("  skipped ")]
    assert len(listed) == skipped
    placed = [line for line in listed if re.search(r"\((line|row) \d+\)", line)]
    assert len(placed) == len(listed) - sum("not a JSON object" in line for line in listed), listed


# --------------------------------------------------------------------------- generated files

_KAHOOT_CELL = st.sampled_from(["", "", "Q?", "a", "b", "True", "False", "1", "2", "1,2", "5", "x"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_KAHOOT_CELL, min_size=7, max_size=7), max_size=10))
def test_kahoot_rows(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    result = kahoot.import_text(
        "Question,Answer 1,Answer 2,Answer 3,Answer 4,Time limit,Correct answer(s)\n" + buffer.getvalue(), "k.csv"
    )
    # A row is a question when it has a question or an answer (a time or number alone is not).
    questions = sum(1 for row in rows if any(row[:5]))
    assert len(result.pack.questions) + len(result.skipped) == questions
    assert all(s.unit == "row" and s.line >= 2 for s in result.skipped)


_OTDB_RESULT = (
    st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(["multiple", "boolean", "other", ""]),
            "difficulty": st.sampled_from(["easy", "hard", "extreme"]),
            "category": st.text(max_size=5),
            "question": st.sampled_from(["Q?", "", "&amp;?"]),
            "correct_answer": st.sampled_from(["True", "a", ""]),
            "incorrect_answers": st.lists(st.sampled_from(["b", "c", "a", "False"]), max_size=3),
        },
    )
    | st.integers()
    | st.none()
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_OTDB_RESULT, min_size=1, max_size=8))
def test_open_trivia_db_results(results):
    try:
        result = opentdb.import_text(json.dumps({"response_code": 0, "results": results}), "o.json")
    except QuizError:
        return
    assert len(result.pack.questions) + len(result.skipped) == len(results)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.sampled_from(["a", "b", ""]),
                "type": st.sampled_from(["true_false", "type_in", "numeric", "x"]),
                "prompt": st.sampled_from(["Q?", ""]),
                "category": st.just("c"),
                "answers": st.lists(st.sampled_from(["true", "1", "x"]), max_size=2),
            }
        )
        | st.integers(),
        min_size=1,
        max_size=8,
    )
)
def test_json_items(items):
    result = jsonfmt.import_text(json.dumps(items), "j.json")
    assert len(result.pack.questions) + len(result.skipped) == len(items)
