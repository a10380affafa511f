"""The JSON interchange format: its shape, its determinism, and reading it back."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.errors import FileProblem, QuizError
from quiz.formats import jsonfmt, naming
from quiz.model import Pack, PackInfo, Question
from quiz.packcache import load_pack
from tests.conftest import FIXTURES


@pytest.fixture
def sample(sample_pack_path) -> Pack:
    return load_pack(sample_pack_path)


def exported(pack: Pack) -> list[dict]:
    text, result = jsonfmt.export_text([pack])
    assert result.written == len(pack.questions)
    return json.loads(text)


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def test_every_object_has_the_common_keys(sample):
    for item in exported(sample):
        for key in (
            "id",
            "pack",
            "category",
            "type",
            "difficulty",
            "prompt",
            "choices",
            "answers",
            "explanation",
            "facts",
            "source",
        ):
            assert key in item, (item["id"], key)
        assert item["pack"] == "sample"
        assert isinstance(item["choices"], list) and isinstance(item["answers"], list)
        assert all(isinstance(a, str) for a in item["answers"])


def test_answers_per_type(sample):
    items = by_id(exported(sample))
    assert items["sample-mc"]["answers"] == ["Box to Box Films"]
    assert items["sample-mc"]["choices"] == ["Box to Box Films", "QUAD", "NOS", "Amazon"]
    assert items["sample-ms"]["answers"] == ["Ineos Grenadiers", "Alpecin-Fenix", "Groupama-FDJ cycling Team"]
    assert items["sample-tf"]["answers"] == ["true"] and items["sample-tf"]["choices"] == []
    assert items["sample-typein"]["answers"] == ["Primož Roglič", "Roglič"]
    assert items["sample-numeric"]["answers"] == ["190"]
    assert items["sample-numeric"]["tolerance"] == 0 and items["sample-numeric"]["unit"] == "territories"
    assert "range" not in items["sample-numeric"]
    assert items["sample-ordering"]["answers"] == ["The Least Expected Day", "Code Yellow", "Plan B"]
    assert items["sample-matching"]["pairs"][1] == {"left": "Code Yellow", "right": "Jumbo-Visma"}
    assert items["sample-matching"]["answers"] == ["Movistar", "Jumbo-Visma", "Formula 1"]
    assert "pairs" not in items["sample-mc"] and "unit" not in items["sample-mc"]


def test_source_is_an_object_or_null(sample):
    items = by_id(exported(sample))
    assert items["sample-mc"]["source"]["seed"] == "001_e4c48aa415051751.txt"
    assert items["sample-mc"]["source"]["quote"].startswith("It is understood")
    assert items["sample-ms"]["source"] is None


def test_numeric_range_is_written_as_range_and_lo_hi():
    q = Question(id="r", category="c", type="numeric", prompt="How many?", low=6.0, high=8.5, answers=("6..8.5",))
    pack = Pack(PackInfo(id="p", title="P"), [q])
    item = exported(pack)[0]
    assert item["range"] == [6, 8.5] and item["answers"] == ["6..8.5"] and "tolerance" not in item
    assert item["pack"] == "p"  # filled in from the pack when the question did not know it


def test_output_is_deterministic_utf8_and_indented(sample, tmp_path):
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    jsonfmt.export_packs([sample], first)
    jsonfmt.export_packs([sample], second)
    raw = first.read_bytes()
    assert raw == second.read_bytes()
    assert "Pogačar".encode() in raw  # not \u escaped
    assert raw.startswith(b'[\n  {\n    "id": "sample-mc"')


def test_round_trip_keeps_every_question_field(sample, tmp_path):
    out = tmp_path / "sample.json"
    jsonfmt.export_packs([sample], out)
    result = jsonfmt.import_file(out)
    assert result.skipped == [] and result.warnings == []
    assert result.pack.id == "sample"
    assert [replace(q, line=0) for q in sample.questions] == [replace(q, line=0) for q in result.pack.questions]
    # Each question knows the line its object starts on (for messages about it).
    assert [q.line for q in result.pack.questions][:2] == [2, 27]


def test_round_trip_of_a_range_and_tolerance():
    questions = [
        Question(
            id="a",
            category="c",
            type="numeric",
            prompt="Range?",
            low=1.5,
            high=3.0,
            unit="km",
            answers=("1.5..3",),
            pack="p",
        ),
        Question(
            id="b",
            category="c",
            type="numeric",
            prompt="Value?",
            value=190.0,
            tolerance=5.0,
            answers=("190",),
            pack="p",
        ),
    ]
    text, _ = jsonfmt.export_text([Pack(PackInfo(id="p", title="P"), questions)])
    assert [replace(q, line=0) for q in jsonfmt.import_text(text, "p.json").pack.questions] == questions


def test_bad_objects_are_skipped_with_their_line_and_reason():
    text = """[
  {"id": "ok", "category": "c", "type": "true_false", "prompt": "Fine?", "answers": ["true"]},
  {"id": "bad-type", "category": "c", "type": "essay", "prompt": "Why?"},
  {"id": "not-a-choice", "category": "c", "type": "multiple_choice", "prompt": "Which?",
   "choices": ["A", "B"], "answers": ["C"]},
  "just text",
  {"id": "short", "category": "c", "type": "ordering", "prompt": "Order?", "answers": ["x", "y"]}
]"""
    result = jsonfmt.import_text(text, "mixed.json")
    assert [q.id for q in result.pack.questions] == ["ok"]
    reasons = {s.name: (s.line, s.reason) for s in result.skipped}
    assert reasons["bad-type"][0] == 3 and "unknown type 'essay'" in reasons["bad-type"][1]
    assert reasons["not-a-choice"] == (4, "the answer 'C' is not one of the choices")
    assert reasons["short"][0] == 7 and "at least three" in reasons["short"][1]
    assert reasons["item 4"][1] == "not a JSON object"


def test_a_pack_name_that_is_not_an_id_is_made_one():
    item = {"id": "x", "pack": "My Pack", "category": "c", "type": "true_false", "prompt": "Ok?", "answers": ["false"]}
    result = jsonfmt.import_text(json.dumps([item]), "whatever.json")
    assert result.pack.id == "my-pack" and result.pack.questions[0].pack == "my-pack"


def test_duplicate_ids_in_one_pack_are_skipped():
    item = {"id": "x", "pack": "p", "category": "c", "type": "type_in", "prompt": "Who?", "answers": ["Roglič"]}
    result = jsonfmt.import_text(json.dumps([item, item]), "dup.json")
    assert len(result.pack.questions) == 1
    assert "already used" in result.skipped[0].reason


def test_questions_of_several_packs_are_merged_with_unique_ids():
    a = {"id": "q1", "pack": "one", "category": "c", "type": "true_false", "prompt": "A?", "answers": ["true"]}
    b = dict(a, pack="two", prompt="B?")
    result = jsonfmt.import_text(json.dumps([a, b]), "Both Packs.json")
    assert result.pack.id == "both-packs"
    assert [q.id for q in result.pack.questions] == ["q1", "two-q1"]
    assert any("2 packs" in w for w in result.warnings)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ('{"id": 1}', "expected a JSON array"),
        ('[{"id": "a",}]', "not valid JSON"),
        ("[NaN]", "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
    ids=["empty", "object", "trailing-comma", "nan", "deep"],
)
def test_unreadable_files_are_file_problems(text, message):
    with pytest.raises(FileProblem) as info:
        jsonfmt.import_text(text, "bad.json")
    assert message in str(info.value)


def test_syntax_error_names_its_line():
    with pytest.raises(FileProblem) as info:
        jsonfmt.import_text('[\n  {"id": "a"},\n  {oops}\n]', "bad.json")
    assert info.value.line == 3


def test_not_utf8_is_a_file_problem():
    with pytest.raises(FileProblem, match="not UTF-8"):
        jsonfmt.import_bytes(b'[{"prompt": "caf\xe9"}]', "latin1.json")


def test_looks_like_export():
    assert jsonfmt.looks_like_export([{"prompt": "x", "answers": []}])
    assert not jsonfmt.looks_like_export({"response_code": 0, "results": []})
    assert not jsonfmt.looks_like_export([{"question": "x", "correct_answer": "y"}])


def test_slug():
    assert naming.slug("Entertainment: Film") == "entertainment-film"
    assert naming.slug("Primož Roglič – Jumbo–Visma") == "primoz-roglic-jumbo-visma"
    assert len(naming.slug("word " * 40)) <= 48


# --- fuzzing: whatever the input, only QuizError subclasses come out ----------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
_keys = st.sampled_from(
    [
        "id",
        "pack",
        "category",
        "type",
        "difficulty",
        "prompt",
        "choices",
        "answers",
        "tolerance",
        "range",
        "unit",
        "pairs",
        "explanation",
        "facts",
        "source",
    ]
)
_question_like = st.dictionaries(
    _keys,
    _json_values
    | st.sampled_from(
        ["multiple_choice", "multi_select", "true_false", "type_in", "numeric", "ordering", "matching", "easy"]
    ),
    max_size=15,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_question_like | _json_values, max_size=4))
def test_fuzz_structured_input_never_crashes(items):
    try:
        result = jsonfmt.import_text(json.dumps(items), "fuzz.json")
    except QuizError:
        return
    for q in result.pack.questions:
        assert q.type in ("multiple_choice", "multi_select", "true_false", "type_in", "numeric", "ordering", "matching")


_EXPORT = jsonfmt.export_text([load_pack(FIXTURES / "sample-pack.yaml")])[0].encode()


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=len(_EXPORT)))
def test_fuzz_mutated_export_never_crashes(noise, position):
    raw = _EXPORT
    mutated = raw[:position] + noise + raw[position + len(noise) // 2 :]
    try:
        jsonfmt.import_bytes(mutated, "mutated.json")
    except QuizError:
        pass
