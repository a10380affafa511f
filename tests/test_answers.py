"""Whether a response is right, for each question type."""

from __future__ import annotations

import pytest

from quiz.answers import normalize, parse_number, text_matches, within_one_edit
from quiz.model import (
    MATCHING,
    MULTI_SELECT,
    MULTIPLE_CHOICE,
    NUMERIC,
    ORDERING,
    QUESTION_TYPES,
    TRUE_FALSE,
    TYPE_IN,
    Question,
)
from quiz.packcache import load_pack
from quiz.qtypes import describe_response, is_correct


def q(kind: str, **kw) -> Question:
    return Question(id="q", category="c", type=kind, prompt="?", **kw)


ROGLIC = q(TYPE_IN, answers=("Primož Roglič", "Roglič"))
QUAD = q(TYPE_IN, answers=("QUAD",))


# -- type-in ---------------------------------------------------------------
def test_normalize_folds_case_accents_punctuation_and_spaces():
    assert normalize("  Primož   ROGLIČ! ") == "primoz roglic"
    assert normalize("Pogačar's") == "pogacar s"
    assert normalize("Box-to-Box Films") == "box to box films"
    assert normalize("Søren Kragh Andersen") == "soren kragh andersen"
    assert normalize("A.S.O.") == "a s o"


@pytest.mark.parametrize("typed", ["Roglic", "roglič", "ROGLIC!", "Primoz Roglic", "primož  roglič.", "PrimozRoglic"])
def test_type_in_ignores_case_accents_punctuation_and_spacing(typed):
    assert is_correct(ROGLIC, typed)


@pytest.mark.parametrize("typed", ["Roglc", "Rogllic", "Roglci", "Rpglic", "Primoz Roglcc"])
def test_one_typo_is_forgiven_in_answers_of_six_or_more_characters(typed):
    assert is_correct(ROGLIC, typed)


@pytest.mark.parametrize("typed", ["Rgolci", "Rgl", "Pogacar", "", "   ", "?!"])
def test_more_than_one_typo_or_a_wrong_name_is_wrong(typed):
    assert not is_correct(ROGLIC, typed)


def test_no_typo_is_forgiven_in_short_answers():
    assert is_correct(QUAD, "quad")
    assert not is_correct(QUAD, "QAUD")
    assert not is_correct(QUAD, "QUA")
    assert not is_correct(QUAD, "QUADS")
    # Five characters is still short; six is the threshold.
    assert not text_matches("Alpah", ["Alpha"])
    assert text_matches("Alpeci", ["Alpecin"])


def test_a_typo_in_a_number_is_a_different_answer():
    assert not text_matches("Stage 13", ["Stage 12"])
    assert text_matches("Stgae 12", ["Stage 12"])


def test_within_one_edit():
    assert within_one_edit("roglic", "roglic")
    assert within_one_edit("roglic", "roglc")  # deletion
    assert within_one_edit("roglic", "rogliic")  # insertion
    assert within_one_edit("roglic", "roglix")  # substitution
    assert within_one_edit("roglic", "rgolic")  # swap of neighbours
    assert not within_one_edit("roglic", "rgolci")
    assert not within_one_edit("roglic", "cilgor")
    assert not within_one_edit("roglic", "rog")


# -- numeric ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("190", 190.0),
        ("190 territories", 190.0),
        ("2,022", 2022.0),
        ("1,000,000", 1_000_000.0),
        ("1 000", 1000.0),
        ("1.5", 1.5),
        ("1,5", 1.5),  # a decimal comma
        ("−3", -3.0),
        ("+7", 7.0),
        (".5", 0.5),
        ("", None),
        ("-", None),
        ("about a hundred", None),
    ],
)
def test_parse_number_reads_what_people_type(text, value):
    assert parse_number(text) == value


def test_numeric_exact_answer():
    question = q(NUMERIC, answers=("190",), value=190.0, unit="territories")
    assert is_correct(question, "190")
    assert is_correct(question, 190)
    assert is_correct(question, "190 territories")
    assert not is_correct(question, "189")
    assert not is_correct(question, "one hundred and ninety")


def test_numeric_tolerance_is_inclusive():
    question = q(NUMERIC, answers=("45",), value=45.0, tolerance=5.0)
    assert [is_correct(question, str(v)) for v in (39.9, 40, 42.5, 50, 50.1)] == [False, True, True, True, False]


def test_numeric_range_is_inclusive():
    question = q(NUMERIC, low=2020.0, high=2022.0)
    assert [is_correct(question, v) for v in ("2019", "2020", "2021.5", "2022", "2,023")] == [
        False,
        True,
        True,
        True,
        False,
    ]


# -- choices, true/false, ordering, matching ---------------------------------
def test_multiple_choice_needs_the_one_right_choice():
    question = q(MULTIPLE_CHOICE, choices=("A", "B", "C"), answers=("B",))
    assert is_correct(question, "B")
    assert not is_correct(question, "A")
    assert not is_correct(question, "b ")


def test_multi_select_needs_every_right_choice_and_no_wrong_one():
    question = q(MULTI_SELECT, choices=("A", "B", "C", "D"), answers=("A", "C"))
    assert is_correct(question, ["C", "A"])  # order does not matter
    assert is_correct(question, {"A", "C"})
    assert not is_correct(question, ["A"])  # one missing
    assert not is_correct(question, ["A", "C", "D"])  # one wrong added
    assert not is_correct(question, [])
    assert not is_correct(question, "AC")  # a string is one choice, not letters


def test_multi_select_with_a_single_right_choice_accepts_it_as_a_string():
    question = q(MULTI_SELECT, choices=("A", "B"), answers=("A",))
    assert is_correct(question, "A")


def test_true_false_accepts_bools_and_typed_words():
    yes = q(TRUE_FALSE, answers=("true",))
    no = q(TRUE_FALSE, answers=("false",))
    assert is_correct(yes, True) and not is_correct(yes, False)
    assert is_correct(no, False) and not is_correct(no, True)
    assert is_correct(yes, "True") and is_correct(yes, "yes")
    assert is_correct(no, "false") and is_correct(no, "F")
    # bool("false") is True; the word must not count as "true".
    assert not is_correct(yes, "false")
    assert not is_correct(yes, "maybe") and not is_correct(no, "maybe")


def test_ordering_needs_the_whole_order():
    question = q(ORDERING, answers=("a", "b", "c", "d"))
    assert is_correct(question, ["a", "b", "c", "d"])
    assert is_correct(question, ("a", "b", "c", "d"))
    assert not is_correct(question, ["a", "b", "d", "c"])  # all but one pair right is still wrong
    assert not is_correct(question, ["a", "b", "c"])


def test_matching_needs_every_pair():
    question = q(
        MATCHING,
        answers=("Movistar", "Jumbo-Visma", "Formula 1"),
        pairs=(("Least", "Movistar"), ("Code", "Jumbo-Visma"), ("DtS", "Formula 1")),
    )
    assert is_correct(question, ["Movistar", "Jumbo-Visma", "Formula 1"])
    assert not is_correct(question, ["Jumbo-Visma", "Movistar", "Formula 1"])


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_no_answer_is_always_wrong(kind):
    question = q(kind, choices=("A",), answers=("A",), value=1.0, low=0.0 if kind == NUMERIC else None, high=2.0)
    assert not is_correct(question, None)
    assert describe_response(question, None) == "no answer"


def test_sample_pack_right_answers_are_accepted(sample_pack_path):
    pack = load_pack(sample_pack_path)
    right = {
        MULTIPLE_CHOICE: "Box to Box Films",
        MULTI_SELECT: ["Groupama-FDJ cycling Team", "Ineos Grenadiers", "Alpecin-Fenix"],
        TRUE_FALSE: True,
        TYPE_IN: "roglic",
        NUMERIC: "190",
        ORDERING: ["The Least Expected Day", "Code Yellow", "Plan B"],
        MATCHING: ["Movistar", "Jumbo-Visma", "Formula 1"],
    }
    assert {question.type for question in pack.questions} == set(QUESTION_TYPES)
    for question in pack.questions:
        assert is_correct(question, right[question.type]), question.id


def test_describe_response_in_words():
    ms = q(MULTI_SELECT, choices=("A", "B", "C"), answers=("A", "C"))
    assert describe_response(ms, {"C", "A"}) == "A, C"  # in the order the choices are listed
    assert describe_response(ms, []) == "nothing"
    assert describe_response(q(TRUE_FALSE, answers=("true",)), False) == "False"
    assert describe_response(q(TRUE_FALSE, answers=("true",)), "yes") == "True"
    assert describe_response(q(ORDERING, answers=("x", "y")), ["y", "x"]) == "y → x"  # a comma could be inside an item
    assert describe_response(q(TYPE_IN, answers=("x",)), "Roglic") == "Roglic"


def test_a_matching_answer_reads_as_pairs():
    from quiz.model import MATCHING, Question
    from quiz.qtypes import describe_response

    q = Question(
        id="m",
        category="c",
        type=MATCHING,
        prompt="Match",
        pairs=(("Code Yellow", "Jumbo-Visma"), ("The Least Expected Day", "Movistar")),
        answers=("Jumbo-Visma", "Movistar"),
    )
    assert (
        describe_response(q, ["Movistar", "Jumbo-Visma"])
        == "Code Yellow → Movistar; The Least Expected Day → Jumbo-Visma"
    )
