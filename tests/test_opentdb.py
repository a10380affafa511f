"""Open Trivia DB dumps: every encoding the API offers, decoded to the same pack."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.errors import FileProblem, QuizError
from quiz.formats import opentdb
from quiz.packfile import pack_to_data
from quiz.validate import check_pack_data
from tests.conftest import FIXTURES

DUMPS = FIXTURES / "opentdb"


def questions_by_prompt(result):
    return {q.prompt: q for q in result.pack.questions}


def test_default_encoding_decodes_html_entities():
    result = opentdb.import_file(DUMPS / "default.json")
    prompts = questions_by_prompt(result)
    assert "Which company has been lined up to make Netflix's behind-the-scenes Tour de France series?" in prompts
    assert 'The fourth series of "Drive to Survive" was set to drop on Netflix on March 11.' in prompts
    assert "Which Dutch broadcaster made “Code Yellow” with Jumbo–Visma?" in prompts
    assert "In Code Yellow, Primož Roglič was usurped at the death by Tadej Pogačar." in prompts
    dutch = prompts["Which Dutch broadcaster made “Code Yellow” with Jumbo–Visma?"]
    assert "France Télévisions" in dutch.choices


def test_trailing_spaces_are_trimmed():
    prompts = questions_by_prompt(opentdb.import_file(DUMPS / "default.json"))
    q = prompts["How many episodes of 45 minutes does the Tour de France series consist of?"]
    assert q.answers == ("8",) and "8" in q.choices


def test_soft_hyphens_are_removed_and_amp_decoded():
    result = opentdb.import_file(DUMPS / "bare-list.json")
    assert (
        result.pack.questions[0].prompt
        == "Box to Box are also busy producing a fly-on-the-wall series about the ATP Tour."
    )
    text = json.dumps(
        [
            {
                "type": "boolean",
                "difficulty": "easy",
                "category": "Sports",
                "question": "Netflix &amp; A.S.O. &lt;partner&gt; on a docu&shy;series.",
                "correct_answer": "True",
                "incorrect_answers": ["False"],
            }
        ]
    )
    q = opentdb.import_text(text, "amp.json").pack.questions[0]
    assert q.prompt == "Netflix & A.S.O. <partner> on a docuseries."


def test_types_difficulty_and_category_are_kept():
    prompts = questions_by_prompt(opentdb.import_file(DUMPS / "default.json"))
    company = prompts["Which company has been lined up to make Netflix's behind-the-scenes Tour de France series?"]
    assert company.type == "multiple_choice" and company.difficulty == "easy"
    assert company.category == "Entertainment: Television"
    assert company.answers == ("Box to Box Films",)
    assert sorted(company.choices) == sorted(["Box to Box Films", "QUAD", "NOS", "Amazon"])
    survive = prompts['The fourth series of "Drive to Survive" was set to drop on Netflix on March 11.']
    assert survive.type == "true_false" and survive.answers == ("true",) and survive.choices == ()


def test_choice_order_is_shuffled_but_deterministic():
    first = opentdb.import_file(DUMPS / "default.json").pack.questions
    second = opentdb.import_file(DUMPS / "default.json").pack.questions
    assert [q.choices for q in first] == [q.choices for q in second]
    # The correct answer is listed first in the dump; it does not stay first everywhere.
    positions = {q.choices.index(q.answers[0]) for q in first if q.type == "multiple_choice"}
    assert positions != {0}


@pytest.mark.parametrize("encoded", ["base64.json", "url3986.json"])
def test_encoded_dumps_give_the_same_questions(encoded):
    plain = opentdb.import_file(DUMPS / "default.json")
    other = opentdb.import_file(DUMPS / encoded)
    assert [(q.id, q.prompt, q.choices, q.answers, q.category, q.difficulty) for q in other.pack.questions] == [
        (q.id, q.prompt, q.choices, q.answers, q.category, q.difficulty) for q in plain.pack.questions
    ]
    assert [s.reason for s in other.skipped] == [s.reason for s in plain.skipped]
    assert other.warnings and "encoded" in other.warnings[0]


def test_legacy_url_encoding():
    result = {
        "type": "boolean",
        "difficulty": "hard",
        "category": "Sports",
        "question": "Jumbo-Visma made Plan B the following year.",
        "correct_answer": "True",
        "incorrect_answers": ["False"],
    }
    encoded = {k: ([quote_plus(x) for x in v] if isinstance(v, list) else quote_plus(v)) for k, v in result.items()}
    q = opentdb.import_text(json.dumps({"response_code": 0, "results": [encoded]}), "legacy.json").pack.questions[0]
    assert q.prompt == "Jumbo-Visma made Plan B the following year."


def test_header_credits_open_trivia_db_and_its_licence():
    info = opentdb.import_file(DUMPS / "default.json").pack.info
    assert info.license == "CC BY-SA 4.0"
    assert any("opentdb.com" in str(s.get("url")) for s in info.sources)
    assert info.id == "default"


def test_imported_pack_passes_the_validator():
    pack = opentdb.import_file(DUMPS / "default.json").pack
    errors = [p for p in check_pack_data(pack_to_data(pack), "default.yaml") if p.severity == "error"]
    assert errors == []


def test_bad_results_are_skipped_with_reasons_and_lines():
    result = opentdb.import_file(DUMPS / "bare-list.json")
    assert len(result.pack.questions) == 2
    [skipped] = result.skipped
    assert skipped.line == 18 and "unknown question type 'picture'" in skipped.reason
    reasons = sorted(s.reason for s in opentdb.import_file(DUMPS / "default.json").skipped)
    assert reasons == [
        "a boolean question's answer must be True or False, not 'Maybe'",
        "two of the answers are the same",
    ]


def test_non_zero_response_code_is_explained():
    with pytest.raises(FileProblem) as info:
        opentdb.import_file(DUMPS / "error.json")
    assert "response_code 1" in str(info.value) and "no results" in str(info.value)
    with pytest.raises(FileProblem, match="rate limit"):
        opentdb.import_text('{"response_code": 5, "results": []}', "limited.json")


@pytest.mark.parametrize(
    "text", ['"just a string"', '{"response_code": 0}', "{oops"], ids=["string", "no-results", "syntax"]
)
def test_unusable_files_are_file_problems(text):
    with pytest.raises(FileProblem):
        opentdb.import_text(text, "bad.json")


def test_duplicate_prompts_get_distinct_ids():
    item = {
        "type": "boolean",
        "difficulty": "easy",
        "category": "Sports",
        "question": "Same?",
        "correct_answer": "True",
        "incorrect_answers": ["False"],
    }
    ids = [q.id for q in opentdb.import_text(json.dumps([item, item]), "dup.json").pack.questions]
    assert ids == ["same", "same-2"]


# --- fuzzing -------------------------------------------------------------------

_field = st.one_of(st.text(max_size=30), st.integers(), st.none(), st.lists(st.text(max_size=10), max_size=4))
_result = st.fixed_dictionaries(
    {},
    optional={
        k: _field | st.sampled_from(["multiple", "boolean", "easy", "True", "bXVsdGlwbGU="])
        for k in ("type", "difficulty", "category", "question", "correct_answer", "incorrect_answers")
    },
)
_encoders = st.sampled_from([lambda s: s, lambda s: base64.b64encode(s.encode()).decode(), lambda s: quote(s, safe="")])


@settings(max_examples=100, deadline=None)
@given(st.lists(_result, max_size=4), st.sampled_from([0, 0, 1, 4, "x"]), st.booleans())
def test_fuzz_results_never_crash(results, code, wrapped):
    data = {"response_code": code, "results": results} if wrapped else results
    try:
        opentdb.import_text(json.dumps(data), "fuzz.json")
    except QuizError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=40), st.text(max_size=15)), min_size=1, max_size=3), _encoders)
def test_fuzz_encoded_text_round_trips_or_is_skipped(pairs, encode):
    results = [
        {
            "type": encode("multiple"),
            "difficulty": encode("medium"),
            "category": encode("Sports"),
            "question": encode(q),
            "correct_answer": encode(a),
            "incorrect_answers": [encode("x"), encode("y")],
        }
        for q, a in pairs
    ]
    try:
        result = opentdb.import_text(json.dumps({"response_code": 0, "results": results}), "fuzz.json")
    except QuizError:
        return
    assert len(result.pack.questions) + len(result.skipped) == len(results)
