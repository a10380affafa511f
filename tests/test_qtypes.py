"""One definition per question type: reading and writing, the client view without the answer,
and the wire form of responses (what a live client may send, and what is refused)."""

from __future__ import annotations

import json
import random

import pytest
from conftest import ROOT

from quiz.model import QUESTION_TYPES
from quiz.packcache import load_pack
from quiz.packfile import pack_from_data, pack_to_data
from quiz.qtypes import TYPES, WireError, client_view, is_correct
from quiz.session import present_options

BANK = ROOT / "questions" / "tdf-docuseries.yaml"


def sample_questions():
    pack = load_pack(ROOT / "tests" / "fixtures" / "sample-pack.yaml")
    return {q.type: q for q in pack.questions}


def test_every_type_has_one_definition_and_packs_use_them_all():
    assert tuple(TYPES) == QUESTION_TYPES
    assert set(sample_questions()) == set(QUESTION_TYPES)
    for name, definition in TYPES.items():
        assert definition.name == name and definition.title and definition.fields


def test_reading_and_writing_a_pack_loses_nothing():
    pack = load_pack(BANK)
    again = pack_from_data(pack_to_data(pack), str(BANK))
    assert len(again.questions) == len(pack.questions)
    for a, b in zip(again.questions, pack.questions):
        assert _fields(a) | {"line": 0} == _fields(b) | {"line": 0}


def _fields(q) -> dict:
    return {name: getattr(q, name) for name in q.__slots__}


def test_the_client_view_never_holds_the_answer_explanation_or_source():
    rng = random.Random(3)
    for q in load_pack(BANK).questions:
        options = present_options(q, rng)
        view = client_view(q, options)
        text = json.dumps(view)
        assert not {"answers", "answer", "explanation", "source", "facts", "pairs", "value", "range"} & set(view)
        if q.explanation and q.explanation not in q.prompt:
            assert q.explanation not in text
        if q.type in ("ordering", "matching"):
            assert view["options"] != list(q.answers)  # shown shuffled, never already solved
        if q.type == "matching":
            assert view["left"] == [left for left, _ in q.pairs]
        if q.type == "numeric":
            assert str(q.answers[0]) not in json.dumps({k: v for k, v in view.items() if k != "prompt"})


RIGHT = {
    "multiple_choice": lambda q, options: q.answers[0],
    "multi_select": lambda q, options: [c for c in options if c in q.answers],
    "true_false": lambda q, options: q.answers[0] == "true",
    "type_in": lambda q, options: q.answers[0],
    "numeric": lambda q, options: q.answers[0],
    "ordering": lambda q, options: list(q.answers),
    "matching": lambda q, options: list(q.answers),
}


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_a_right_answer_sent_on_the_wire_is_right_and_comes_back_the_same(kind):
    q = sample_questions()[kind]
    definition = TYPES[kind]
    options = present_options(q, random.Random(1))
    value = json.loads(json.dumps(RIGHT[kind](q, options)))
    response = definition.from_wire(q, options, value)
    assert is_correct(q, response)
    assert json.loads(json.dumps(definition.to_wire(response))) == value


BAD = {
    "multiple_choice": ["Not an option", 3, None, ["Box to Box Films"]],
    "multi_select": [[], "Ineos Grenadiers", ["Ineos Grenadiers", "Ineos Grenadiers"], ["Nobody"], [1]],
    "true_false": ["true", 1, None, []],
    "type_in": ["", "   ", "x" * 201, 5, None],
    "numeric": ["forty", "", True, None, [190]],
    "ordering": [[], ["Plan B"], ["Plan B", "Plan B", "Code Yellow"], "Plan B", None],
    "matching": [[], ["Movistar"], ["x", "y", "z"], None, {"a": 1}],
}


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_malformed_responses_are_refused_with_a_reason(kind):
    q = sample_questions()[kind]
    options = present_options(q, random.Random(1))
    for value in BAD[kind]:
        with pytest.raises(WireError) as info:
            TYPES[kind].from_wire(q, options, value)
        assert str(info.value)


def test_a_number_sent_as_a_number_is_taken_as_typed_text():
    q = sample_questions()["numeric"]
    assert TYPES["numeric"].from_wire(q, (), 190) == "190"
    assert TYPES["numeric"].from_wire(q, (), 190.5) == "190.5"
