"""Moodle's own GIFT import tests, run against our importer.

Every import case in cases.json whose question kind the game plays is read
with quiz.formats.gift and compared with what Moodle expects after importing
it, through the mapping the conformance README describes: multichoice -> multiple
choice (one right) or multi-select (right = positive fraction), truefalse ->
true/false, shortanswer -> type-in (accepted = full-credit answers), numerical ->
numeric with tolerance or range, match -> matching. Essays and descriptions must
be skipped with a reason that names them.
"""

from __future__ import annotations

import json

import pytest

from quiz.errors import FileProblem
from quiz.formats import gift
from quiz.formats.html_text import html_to_text
from quiz.formats.naming import slug
from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, NUMERIC, TRUE_FALSE, TYPE_IN
from quiz.packfile import pack_to_data
from quiz.qtypes.true_false import truth_of
from quiz.validate import check_pack_data
from tests.conftest import CONFORMANCE

SUITE = CONFORMANCE / "moodle-gift"
if not (SUITE / "cases.json").is_file():  # pragma: no cover - the suite ships beside the repo
    pytest.skip("Moodle GIFT conformance suite not found beside the repository", allow_module_level=True)

CASES = json.loads((SUITE / "cases.json").read_text(encoding="utf-8"))["cases"]
IMPORTS = [c for c in CASES if c["kind"] == "import"]
PLAYED = {"multichoice", "truefalse", "shortanswer", "numerical", "match"}
NOT_PLAYED = {"essay", "description"}


def _cases(kinds: set[str]) -> list:
    return [pytest.param(c, id=c["test"]) for c in IMPORTS if c["expect"]["qtype"] in kinds]


def _plain(text: str, fmt: str = "moodle") -> str:
    """What a Moodle text in a given format reads as here."""
    if fmt == "html":
        return html_to_text(text)
    if fmt == "moodle":
        return html_to_text(text, collapse_whitespace=False)
    return text.strip()


def _text_of(pair) -> str:
    # Moodle's expectations give text either bare or as [text, format].
    return _plain(pair[0], pair[1]) if isinstance(pair, list) else _plain(pair)


def _import_one(gift_text: str):
    result = gift.import_text(gift_text, "case.gift.txt")
    assert not result.skipped, result.skipped
    assert len(result.pack.questions) == 1
    problems = [p for p in check_pack_data(pack_to_data(result.pack), "case", seeds=None) if p.severity == "error"]
    assert problems == []
    return result.pack.questions[0], result


def test_the_suite_covers_every_kind_we_play():
    kinds = {c["expect"]["qtype"] for c in IMPORTS}
    assert PLAYED <= kinds
    assert len(_cases(PLAYED)) >= 9


@pytest.mark.parametrize("case", _cases(PLAYED))
def test_moodle_import_case(case):
    expect = case["expect"]
    q, result = _import_one(case["gift_input"])
    assert q.id == slug(expect["name"])
    fmt = expect.get("questiontextformat", "moodle")
    if "questiontext" in expect:
        assert q.prompt == _plain(expect["questiontext"], fmt)
    general = _plain(expect.get("generalfeedback", ""), expect.get("generalfeedbackformat", fmt))
    kind = expect["qtype"]

    if kind == "multichoice":
        choices = [_text_of(a) for a in expect["answer"]]
        fractions = expect["fraction"]
        feedback = [_text_of(f) for f in expect["feedback"]]
        assert q.choices == tuple(choices)
        if expect["single"]:
            right = [i for i, f in enumerate(fractions) if f == 1]
            assert q.type == MULTIPLE_CHOICE
        else:
            right = [i for i, f in enumerate(fractions) if f > 0]
            assert q.type == MULTI_SELECT
        assert q.answers == tuple(choices[i] for i in right)
        assert q.explanation == (general or next((feedback[i] for i in right if feedback[i]), ""))

    elif kind == "truefalse":
        correct = bool(expect["correctanswer"])
        assert q.type == TRUE_FALSE
        assert truth_of(q) is correct
        right = expect.get("feedbacktrue" if correct else "feedbackfalse")
        wrong = expect.get("feedbackfalse" if correct else "feedbacktrue")
        fallback = _text_of(right) if right else ""
        fallback = fallback or (_text_of(wrong) if wrong else "")
        assert q.explanation == (general or fallback)

    elif kind == "shortanswer":
        answers, fractions = expect["answer"], expect["fraction"]
        accepted = [a for a, f in zip(answers, fractions) if f == 1 and "*" not in a]
        assert q.type == TYPE_IN
        assert q.answers == tuple(accepted)
        for a, f in zip(answers, fractions):
            if 0 < f < 1:  # partial credit: left out, and said so
                assert any(repr(a) in w and "partial credit" in w for w in result.warnings)
        if "feedback" in expect and not general:
            full = [i for i, f in enumerate(fractions) if f == 1]
            assert q.explanation == _text_of(expect["feedback"][full[0]])
        else:
            assert q.explanation == general

    elif kind == "numerical":
        full = [i for i, (a, f) in enumerate(zip(expect["answer"], expect["fraction"])) if f == 1 and a != "*"]
        assert q.type == NUMERIC
        i = full[0]
        value, tolerance = float(expect["answer"][i]), float(expect["tolerance"][i] or 0)
        if q.low is not None:  # a range is Moodle's middle value +- half the width
            assert (q.low + q.high) / 2 == pytest.approx(value)
            assert (q.high - q.low) / 2 == pytest.approx(tolerance)
        else:
            assert q.value == pytest.approx(value)
            assert q.tolerance == pytest.approx(tolerance)

    elif kind == "match":
        lefts = [_text_of(s) for s in expect["subquestions"]]
        rights = expect["subanswers"]
        assert q.type == MATCHING
        assert q.pairs == tuple((left, r) for left, r in zip(lefts, rights) if left)
        for left, r in zip(lefts, rights):
            if not left:  # a distractor: dropped, with a warning naming it
                assert any(repr(r) in w for w in result.warnings)


@pytest.mark.parametrize("case", _cases(NOT_PLAYED))
def test_moodle_case_we_do_not_play_is_skipped_by_name(case):
    expect = case["expect"]
    result = gift.import_text(case["gift_input"], "case.gift.txt")
    assert result.pack.questions == []
    [skipped] = result.skipped
    assert skipped.name == expect["name"]
    assert expect["qtype"] in skipped.reason
    assert skipped.line > 0


# What Moodle's own export writes must read back here as the same question.
EXPORTED = {
    "test_export_match": (MATCHING, None),
    "test_export_multichoice": (MULTIPLE_CHOICE, ("yellow",)),
    "test_export_multichoice_multi_tricky": (MULTI_SELECT, ("yellow",)),
    "test_export_numerical": (NUMERIC, ("3",)),
    "test_export_shortanswer": (TYPE_IN, ("Frog",)),
    "test_export_shortanswer_with_general_feedback": (TYPE_IN, ("Frog",)),
    "test_export_truefalse": (TRUE_FALSE, ("true",)),
    "test_export_question_with_tags_and_idnumber": (TRUE_FALSE, ("true",)),
}


@pytest.mark.parametrize("case", [pytest.param(c, id=c["test"]) for c in CASES if c["test"] in EXPORTED])
def test_moodle_export_reads_back(case):
    kind, answers = EXPORTED[case["test"]]
    q, _ = _import_one(case["expected_gift"])
    assert q.type == kind
    if answers is not None:
        assert q.answers == answers
    if kind == MATCHING:
        assert q.pairs[0] == ("An activity supporting asynchronous discussions.", "Forum")
    if kind == NUMERIC:
        assert (q.value, q.tolerance) == (3, 2)
    if case["test"] == "test_export_question_with_tags_and_idnumber":
        assert q.explanation == "You should have selected true."


@pytest.mark.parametrize("test", ["test_export_essay", "test_export_backslash"])
def test_moodle_exported_essays_are_skipped(test):
    [case] = [c for c in CASES if c["test"] == test]
    result = gift.import_text(case["expected_gift"], "case.gift.txt")
    assert result.pack.questions == [] and "essay" in result.skipped[0].reason


# --------------------------------------------------------------------------- the fixture files


def test_questions_file_imports_all_but_the_essay():
    path = SUITE / "fixtures" / "questions.gift.txt"
    result = gift.import_file(path)
    assert len(result.pack.questions) == 8  # Moodle imports 9, one an essay
    [skipped] = result.skipped
    assert (skipped.name, skipped.line) == ("Q8", 2)
    assert "essay" in skipped.reason
    types = [q.type for q in result.pack.questions]
    assert types == [MATCHING, MULTIPLE_CHOICE, MULTI_SELECT, NUMERIC, TYPE_IN, TRUE_FALSE, TRUE_FALSE, TRUE_FALSE]
    ids = [q.id for q in result.pack.questions]
    assert len(set(ids)) == len(ids) and "2-08-tsl-2" in ids
    assert result.pack.id == "questions" and result.pack.path == str(path)
    assert {q.category for q in result.pack.questions} == {"general"}
    tf = result.pack.questions[5]
    assert tf.explanation == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert check_pack_data(pack_to_data(result.pack), "questions", seeds=None) == []


def test_questions_in_category_file():
    result = gift.import_file(SUITE / "fixtures" / "questions_in_category.gift.txt")
    questions = result.pack.questions
    assert len(questions) == 4 and result.skipped == []
    assert {q.category for q in questions} == {"Default for New Features"}
    greeting = next(q for q in questions if q.id == "greeting")
    # [html] with escaped \= and \: : tags gone, escapes resolved, <br /> a line break.
    assert greeting.prompt == "Listen to this greeting:\n\nWhat language is being spoken?"
    assert greeting.answers == ("French",) and greeting.explanation == "Yes, well done!"
    acronym = next(q for q in questions if q.id == "moodle-acronym")
    assert acronym.prompt == "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment."
    assert truth_of(acronym) is True


def test_windows_1252_file_is_refused_with_moodles_message():
    with pytest.raises(FileProblem) as err:
        gift.import_file(SUITE / "fixtures" / "questions_encoding_windows-1252.gift.txt")
    assert "GIFT format files must use UTF-8" in str(err.value)
    assert err.value.line == 15  # the line with the 0xf6 byte
